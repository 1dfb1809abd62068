// The oversight pages on one engine (support/db.ts webEngines), through the app: 平台管理 sets an agency's parent (a cycle refused
// with its Chinese message, nothing written); the 政务公开监督 role at the city government sees the
// oversight pages of its whole subtree and nothing else — not the city's own workspace, not a
// department's, not another government's agencies; the upload of a ZIP (multipart, without JavaScript),
// the review step, one agency's report with its findings and score, the hand entry and the exclusion.

import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { addMembership, COMMAND_LINE, createUser, setPlatformAdmin, startSession } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, NOW, post } from '../web/staff-support.ts';
import type { Staff } from '../web/staff-support.ts';
import { fixtureZip, makeTree, type Ids } from './support.ts';

afterAll(async () => {
  await closeParsePool();
});

let n = 0;
async function person(db: Kysely<DB>, memberships: [number, Role][], platformAdmin = false): Promise<Staff> {
  n += 1;
  const user = await createUser(db, { username: `ov${n}`, displayName: `监督${n}`, password: 'correct horse battery' }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  for (const [agencyId, role] of memberships) await addMembership(db, user.value.id, agencyId, role);
  if (platformAdmin) await setPlatformAdmin(db, user.value.id, true, NOW, COMMAND_LINE);
  const s = await startSession(db, user.value.id, NOW);
  return { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

const text = async (r: Response | Promise<Response>): Promise<string> => (await r).text();

describe.each(webEngines())('the oversight pages on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  let ids: Ids;
  let code: (k: string) => string;
  let office: Staff;
  let handler: Staff;
  let admin: Staff;
  let base = '';

  beforeAll(async () => {
    app = appFor(t.db);
    ({ ids, code } = await makeTree(t.db, `w${engine}`, NOW));
    office = await person(t.db, [[ids.city, 'oversight']]);
    handler = await person(t.db, [[ids.city, 'handler']]);
    admin = await person(t.db, [], true);
    base = `/staff/${code('city')}/oversight/2023`;
  });

  it('平台管理: the parent of an agency, a cycle refused in Chinese with nothing written', async () => {
    const before = await snapshot(t.db);
    const cycle = await post(app, admin, '/staff/platform/agencies/parent', { code: code('city'), parentCode: code('county') });
    expect(cycle.status).toBe(409);
    expect(await cycle.text()).toContain('示范县人民政府是示范市人民政府的下级机关，不能设为它的上级机关');
    expect(await snapshot(t.db)).toBe(before);
    // anyone but a platform administrator finds nothing there
    expect((await post(app, handler, '/staff/platform/agencies/parent', { code: code('sjj'), parentCode: '' })).status).toBe(404);
    const moved = await post(app, admin, '/staff/platform/agencies/parent', { code: code('sjj'), parentCode: code('county') });
    expect(moved.status).toBe(303);
    const page = await text(get(app, admin, moved.headers.get('location') ?? ''));
    expect(page).toContain('已设置示范市审计局的上级机关：示范县人民政府');
    expect((await post(app, admin, '/staff/platform/agencies/parent', { code: code('sjj'), parentCode: code('city') })).status).toBe(303);
  });

  it('the oversight role sees the oversight pages of its subtree, and nothing else', async () => {
    // its agency's dashboard sends it to the oversight pages; the agency's own pages are not its
    const home = await get(app, office, `/staff/${code('city')}`);
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe(`/staff/${code('city')}/oversight/2023`);
    expect((await get(app, office, `/staff/${code('city')}/applications`)).status).toBe(403);
    const page = await text(get(app, office, base));
    for (const name of ['湛江市人民政府地方志办公室', '示范县人民政府', '示范县财政局', '兴化市大营镇人民政府']) expect(page).toContain(name);
    expect(page).not.toContain('乙市统计局');
    expect(page).toContain('政务公开监督');
    // a department of the subtree: its report page, yes; its workspace, no
    expect((await get(app, office, `${base}/agencies/${code('cjj')}`)).status).toBe(200);
    expect((await get(app, office, `/staff/${code('cjj')}`)).status).toBe(404);
    // another government's agency, through this office's pages or its own: not found
    expect((await get(app, office, `${base}/agencies/${code('odept')}`)).status).toBe(404);
    expect((await get(app, office, `/staff/${code('other')}/oversight/2023`)).status).toBe(404);
    // a member without the role: no oversight pages
    expect((await get(app, handler, base)).status).toBe(403);
  });

  it('uploads a ZIP, reviews a waiting file, and shows one agency’s findings and score', async () => {
    const before = await snapshot(t.db);
    const none = new FormData();
    none.set('_csrf', office.csrf);
    const refused = await app.request(`${base}/upload`, { method: 'POST', headers: { cookie: office.cookie }, body: none });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('id="oversight-files-error"');
    expect(await snapshot(t.db)).toBe(before);
    const form = new FormData();
    form.set('_csrf', office.csrf);
    form.append('files', new File([(await fixtureZip()) as Uint8Array<ArrayBuffer>], '年报.zip', { type: 'application/zip' }));
    const uploaded = await app.request(`${base}/upload`, { method: 'POST', headers: { cookie: office.cookie }, body: form });
    expect(uploaded.status).toBe(200);
    const result = await uploaded.text();
    expect(result).toContain('已归入4个，待确认2个，无法读取1个');
    expect(result).toContain('扫描件');

    const review = await text(get(app, office, `${base}/review`));
    expect(review).toContain('统计.txt');
    const fileId = /files\/(\d+)\/assign/.exec(review)?.[1];
    expect(fileId).toBeDefined();
    const outside = await post(app, office, `${base}/files/${fileId}/assign`, { agency: code('odept') });
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('请从列表中选择所属机关');
    expect((await post(app, office, `${base}/files/${fileId}/assign`, { agency: code('tjj') })).status).toBe(303);

    const report = await text(get(app, office, `${base}/agencies/${code('dyz')}`));
    expect(report).toContain('上传文件');
    expect(report).toContain('2024-01-20（从报告文本中读取）');
    expect(report).toContain('核对结论');
    expect(report).toMatch(/得分<\/th><td[^>]*>\d+/);
    expect(report).toContain('<table'); // the report's own tables, rendered
  });

  it('enters a scanned report’s figures by hand, and excludes an agency with its reason', async () => {
    const entryForm = await text(get(app, office, `${base}/agencies/${code('sjj')}/entry`));
    expect(entryForm).toContain('扫描件'); // the file it is entered from
    const bad = await post(app, office, `${base}/agencies/${code('sjj')}/entry`, { 'applications.rows.newReceived[6]': 'x' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('应为不小于0的整数');
    const saved = await post(app, office, `${base}/agencies/${code('sjj')}/entry`, { 'applications.rows.newReceived[0]': '3', 'applications.rows.newReceived[6]': '3', publishedOn: '2024-01-30' });
    expect(saved.status).toBe(303);
    const page = await text(get(app, office, saved.headers.get('location') ?? ''));
    expect(page).toContain('据原件录入');
    expect(page).toContain('2024-01-30（政务公开办录入）');

    const empty = await post(app, office, `${base}/agencies/${code('cjj')}/exclude`, { reason: '' });
    expect(empty.status).toBe(422);
    const excluded = await post(app, office, `${base}/agencies/${code('cjj')}/exclude`, { reason: '2023年机构改革撤并' });
    expect(excluded.status).toBe(303);
    expect(await text(get(app, office, excluded.headers.get('location') ?? ''))).toContain('不纳入汇总：2023年机构改革撤并');
    const actions = await t.db.selectFrom('auditLog').select('action').where('agencyId', '=', ids.city).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['oversight.upload', 'oversight.file', 'oversight.enter', 'oversight.exclude']));
  });
});
