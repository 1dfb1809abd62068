// 已发布的年度报告 in the staff workspace (/staff/:agency/published) on one engine (support/db.ts webEngines): the list every
// member sees, the upload form only for those who sign off (管理员、科室负责人、分管领导), a report
// uploaded as a multipart form and published, refusals re-rendering the form, CSRF, roles, the body
// limit, withdrawal — and the cached public column showing each change at once.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { list as auditList } from '../../src/services/audit.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/reports');
const TEXT = readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.txt'));
const JSON_TEXT = readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.expected.json'), 'utf8');
const PROSE = { overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', problems: '主动公开的时效性还不够强。', other: '本机关全年未收取信息处理费。' };
/** The fixture's 2024 report with the prose sections 一、五、六 (a fresh copy). */
const model = (): AnnualReport => ({ ...(JSON.parse(JSON_TEXT) as AnnualReport), text: { ...PROSE } });

/** January 2025 (Beijing): the 2024 report is due. */
const NOW = '2025-01-20T10:00:00.000+08:00';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

function appFor(db: Kysely<DB>): Hono<AppEnv> {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
  const deps: WebDeps = { config, db, calendar: async () => calendar, now: () => NOW, secureCookies: false };
  return createApp(deps);
}

interface Staff {
  id: number;
  cookie: string;
  csrf: string;
}

let counter = 0;
async function member(db: Kysely<DB>, agencyId: number, role: Role): Promise<Staff> {
  counter += 1;
  const user = await createUser(db, { username: `pub-${role.replace('_', '')}${counter}`, displayName: `${role}显示名`, password: 'correct horse battery' }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  const m = await addMembership(db, user.value.id, agencyId, role);
  if (!m.ok) throw new Error(m.error.message);
  const s = await startSession(db, user.value.id, NOW);
  return { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

async function world(db: Kysely<DB>, tag: string) {
  const a = await createAgency(db, { code: `pa-${tag}`, name: `甲市${tag}局`, level: 'department' }, NOW);
  const b = await createAgency(db, { code: `pb-${tag}`, name: `乙市${tag}局`, level: 'department' }, NOW);
  if (!a.ok || !b.ok) throw new Error('agencies');
  return {
    a: { id: a.value.id, code: a.value.code, name: a.value.name },
    b: { id: b.value.id, code: b.value.code },
    handler: await member(db, a.value.id, 'handler'),
    supervisor: await member(db, a.value.id, 'supervisor'),
    leader: await member(db, a.value.id, 'leader'),
    sectionHead: await member(db, a.value.id, 'section_head'),
    admin: await member(db, a.value.id, 'admin'),
    adminB: await member(db, b.value.id, 'admin'),
  };
}

const get = (app: Hono<AppEnv>, who: Staff, path: string) => app.request(path, { headers: { cookie: who.cookie } });

/** The upload form as a browser sends it (multipart), with the user's CSRF token unless told otherwise. */
function upload(app: Hono<AppEnv>, who: Staff, code: string, file: File | null, fields: Record<string, string> = {}, csrf: string | null = who.csrf) {
  const form = new FormData();
  if (csrf !== null) form.set('_csrf', csrf);
  if (file) form.set('file', file);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return app.request(`/staff/${code}/published`, { method: 'POST', headers: { cookie: who.cookie }, body: form });
}

function withdraw(app: Hono<AppEnv>, who: Staff, code: string, year: number, csrf: string | null = who.csrf, confirm = true) {
  const body = new URLSearchParams(csrf === null ? {} : { _csrf: csrf });
  if (confirm) body.set('confirm', '1');
  return app.request(`/staff/${code}/published/${year}/withdraw`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

const textFile = () => new File([TEXT], '中卫市机关事务服务中心2024年政府信息公开工作年度报告.txt', { type: 'text/plain' });
const jsonFile = (report: unknown, name = 'report.json') => new File([JSON.stringify(report)], name, { type: 'application/json' });

async function published(db: Kysely<DB>, agencyId: number) {
  return db.selectFrom('publishedReports').select(['year', 'publishedAt', 'publishedBy']).where('agencyId', '=', agencyId).execute();
}

describe.each(webEngines())('publishing annual reports in the staff workspace on %s', (engine) => {
  const t = useDatabase(engine);

  it('lists reports for every member; only those who sign off get the forms', async () => {
    const w = await world(t.db, 'list');
    const app = appFor(t.db);
    for (const who of [w.handler, w.supervisor]) {
      const res = await get(app, who, `/staff/${w.a.code}/published`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1>已发布的年度报告</h1>');
      expect(html).toContain('本机关还没有发布年度报告');
      expect(html).not.toContain('enctype="multipart/form-data"');
      expect(html).toContain('须由本机关的管理员、科室负责人或分管领导操作');
    }
    for (const who of [w.leader, w.sectionHead, w.admin]) {
      const html = await (await get(app, who, `/staff/${w.a.code}/published`)).text();
      expect(html).toContain('enctype="multipart/form-data"');
      expect(html).toContain('accept=".txt,.html,.htm,.docx,.pdf,.json"');
      expect(html).toContain('name="year" value="2024"'); // last year by default
      expect(html).toContain(`name="_csrf" value="${who.csrf}"`);
    }
    // another agency's list is not found
    expect((await get(app, w.adminB, `/staff/${w.a.code}/published`)).status).toBe(404);
    // the table-三 page links here
    const report = await (await get(app, w.handler, `/staff/${w.a.code}/report/2024`)).text();
    expect(report).toContain(`href="/staff/${w.a.code}/published"`);
  });

  it('publishes an uploaded report (leader); the cached public column shows it at once', async () => {
    const w = await world(t.db, 'up');
    const app = appFor(t.db);
    const before = await (await app.request(`/${w.a.code}/reports`)).text(); // now cached
    expect(before).not.toContain('2024年政府信息公开工作年度报告');
    // the dashboard reminds of the statutory date (条例第四十九条: a department's by 1月31日) until it is published
    const reminded = await (await get(app, w.leader, `/staff/${w.a.code}`)).text();
    expect(reminded).toContain('2024年度政府信息公开工作年度报告尚未发布');
    expect(reminded).toContain('应于2025年1月31日前公布，还有11天');

    const res = await upload(app, w.leader, w.a.code, textFile(), { year: '2024' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/${w.a.code}/published?done=published&year=2024`);
    const page = await (await get(app, w.leader, res.headers.get('location') ?? '')).text();
    expect(page).toContain('已发布2024年度的年度报告');
    expect(page).toContain(`href="/${w.a.code}/reports/2024"`);
    expect(page).toContain(`href="/${w.a.code}/reports/2024.docx"`);
    expect(page).toContain(`action="/staff/${w.a.code}/published/2024/withdraw"`);
    expect(page).toContain('2025-01-20 10:00');

    const rows = await published(t.db, w.a.id);
    expect(rows).toEqual([{ year: 2024, publishedAt: new Date(NOW).toISOString(), publishedBy: w.leader.id }]);
    const [entry] = await auditList(t.db, w.a.id);
    expect(entry).toMatchObject({ action: 'report.publish', userId: w.leader.id, target: 'report:2024' });
    expect(entry?.detail).toMatchObject({ year: 2024, source: textFile().name });

    const after = await (await app.request(`/${w.a.code}/reports`)).text();
    expect(after).toContain(`${w.a.name}2024年政府信息公开工作年度报告`);
    expect((await app.request(`/${w.a.code}/reports/2024`)).status).toBe(200);
    expect(await (await get(app, w.leader, `/staff/${w.a.code}`)).text()).not.toContain('年度报告尚未发布');
  });

  it('lists the warnings and publishes once they are acknowledged (the year from the report when the field is empty)', async () => {
    const w = await world(t.db, 'warn');
    const app = appFor(t.db);
    const report = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' } };
    const refused = await upload(app, w.sectionHead, w.a.code, jsonFile(report), { year: '' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('年度报告有1个警告，未发布');
    expect(html).toContain('href="#acknowledgeWarnings"');
    expect(html).toContain('检查结果（报告未发布）');
    expect(html).toContain('<strong>警告</strong>（P1）');
    expect(html).toContain('勾选“我已逐项核实以上警告，确认发布”');
    // no command shown to a clerk (the CSRF token, random base64url, may hold "--" and is left out)
    expect(html.replace(/name="_csrf" value="[^"]*"/g, '').match(/.{0,60}(--[a-z]|gongkai |npx ).{0,60}/)?.[0] ?? null).toBeNull();
    expect(await published(t.db, w.a.id)).toEqual([]);
    const res = await upload(app, w.sectionHead, w.a.code, jsonFile(report), { year: '', acknowledgeWarnings: '1' });
    expect(res.status).toBe(303);
    const page = await (await get(app, w.sectionHead, res.headers.get('location') ?? '')).text();
    expect(page).toContain('2024年度报告有1个已确认的警告');
    expect(page).toContain('（P1）');
  });

  it('refuses a report without 一、五、六, and asks for an explanation of a disagreement with last year', async () => {
    const w = await world(t.db, 'xy');
    const app = appFor(t.db);
    const empty = await upload(app, w.admin, w.a.code, jsonFile({ ...model(), text: { ...PROSE, overview: '' } }), { year: '2024' });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('<strong>错误</strong>（SECTION）：年度报告的“一、总体情况”为空');
    const last = { ...model(), year: 2023 };
    last.applications.rows.newReceived = [1, 0, 0, 0, 0, 0, 1];
    last.applications.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    expect((await upload(app, w.admin, w.a.code, jsonFile(last), { year: '2023' })).status).toBe(303);
    const unexplained = await upload(app, w.admin, w.a.code, jsonFile(model()), { year: '2024' });
    expect(unexplained.status).toBe(422);
    const html = await unexplained.text();
    expect(html).toContain('href="#explanation"');
    expect(html).toContain('<strong>不衔接</strong>（X1）');
    expect(html).toContain('id="explanation"');
    const explanation = '2023年末结转的1件申请于2024年1月由申请人撤回，上年报告误计。';
    const res = await upload(app, w.admin, w.a.code, jsonFile(model()), { year: '2024', explanation });
    expect(res.status).toBe(303);
    const page = await (await get(app, w.admin, res.headers.get('location') ?? '')).text();
    expect(page).toContain(`已附说明发布，公开专栏的报告页面一并显示：${explanation}`);
    const shown = await (await app.request(`/${w.a.code}/reports/2024`)).text();
    expect(shown).toContain('与相邻年度报告衔接情况的说明');
    expect(shown).toContain(explanation);
  });

  it('refuses without the CSRF token, for a handler or supervisor, and in another agency', async () => {
    const w = await world(t.db, 'deny');
    const app = appFor(t.db);
    const noToken = await upload(app, w.admin, w.a.code, textFile(), { year: '2024' }, null);
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('表单已过期或来源无效');
    const wrongToken = await upload(app, w.admin, w.a.code, textFile(), { year: '2024' }, w.leader.csrf);
    expect(wrongToken.status).toBe(403);
    for (const who of [w.handler, w.supervisor]) {
      expect((await upload(app, who, w.a.code, textFile(), { year: '2024' })).status).toBe(403);
    }
    expect((await upload(app, w.adminB, w.a.code, textFile(), { year: '2024' })).status).toBe(404);
    expect(await published(t.db, w.a.id)).toEqual([]);
    expect(await auditList(t.db, w.a.id)).toEqual([]);
  });

  it('re-renders the form with the reason: errors in the report, no file, a file that is not a report, the wrong year', async () => {
    const w = await world(t.db, 'refuse');
    const app = appFor(t.db);
    const wrong = model();
    wrong.applications.rows.granted[1] = 3; // 商业企业 予以公开 3, its total still 0
    const arithmetic = await upload(app, w.admin, w.a.code, jsonFile(wrong), { year: '2024' });
    expect(arithmetic.status).toBe(422);
    const html = await arithmetic.text();
    expect(html).toContain('年度报告有');
    expect(html).toContain('个错误，未发布');
    expect(html).toContain('表三「（一）予以公开」行');
    expect(html).toContain('enctype="multipart/form-data"'); // the form again
    expect(html).toContain('aria-invalid="true"');

    const none = await upload(app, w.admin, w.a.code, null, { year: '2024' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请选择要发布的年度报告文件');

    const notReport = await upload(app, w.admin, w.a.code, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], '照片.png'), { year: '2024' });
    expect(notReport.status).toBe(422);
    expect(await notReport.text()).toContain('无法读取文件“照片.png”');

    const otherYear = await upload(app, w.admin, w.a.code, textFile(), { year: '2023' });
    expect(otherYear.status).toBe(422);
    const otherHtml = await otherYear.text();
    expect(otherHtml).toContain('报告的统计年度是2024年');
    expect(otherHtml).toContain('value="2023"'); // what was typed stays

    const badYear = await upload(app, w.admin, w.a.code, textFile(), { year: '二〇二四' });
    expect(badYear.status).toBe(422);
    expect(await badYear.text()).toContain('四位数年份');

    expect(await published(t.db, w.a.id)).toEqual([]);
  });

  it('refuses a second publication (409) unless correcting; a correction keeps the first date', async () => {
    const w = await world(t.db, 'dup');
    const app = appFor(t.db);
    expect((await upload(app, w.leader, w.a.code, textFile(), { year: '2024' })).status).toBe(303);
    const again = await upload(app, w.admin, w.a.code, textFile(), { year: '2024' });
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('2024年度的年度报告已经发布');
    expect(html).toContain('href="#replace"');
    const corrected = { ...model(), text: { ...PROSE, overview: '更正后的总体情况。' } };
    const unnoted = await upload(app, w.admin, w.a.code, jsonFile(corrected), { year: '2024', replace: '1' });
    expect(unnoted.status).toBe(422);
    const unnotedHtml = await unnoted.text();
    expect(unnotedHtml).toContain('须写明更正说明');
    expect(unnotedHtml).toContain('href="#changeNote"');
    const replaced = await upload(app, w.admin, w.a.code, jsonFile(corrected), { year: '2024', replace: '1', changeNote: '更正了总体情况。' });
    expect(replaced.status).toBe(303);
    expect(replaced.headers.get('location')).toContain('done=replaced');
    expect(await (await get(app, w.admin, replaced.headers.get('location') ?? '')).text()).toContain('已更正2024年度的年度报告');
    expect(await published(t.db, w.a.id)).toEqual([{ year: 2024, publishedAt: new Date(NOW).toISOString(), publishedBy: w.leader.id }]);
    const page = await (await app.request(`/${w.a.code}/reports/2024`)).text();
    expect(page).toContain('更正后的总体情况。');
    expect(page).toContain('<strong>已更正</strong>');
    expect(page).toContain('更正（第2版）：更正了总体情况。');
    expect(await (await app.request(`/${w.a.code}/reports`)).text()).toContain('已更正');
    const entries = await auditList(t.db, w.a.id);
    expect(entries.map((e) => [e.action, e.userId])).toEqual([
      ['report.replace', w.admin.id],
      ['report.publish', w.leader.id],
    ]);
  });

  it('withdraws (admin); a handler may not; the public column drops it at once', async () => {
    const w = await world(t.db, 'wd');
    const app = appFor(t.db);
    expect((await upload(app, w.admin, w.a.code, textFile(), { year: '2024' })).status).toBe(303);
    expect(await (await app.request(`/${w.a.code}/reports`)).text()).toContain('2024年政府信息公开工作年度报告'); // cached
    expect((await withdraw(app, w.handler, w.a.code, 2024)).status).toBe(403);
    expect((await withdraw(app, w.admin, w.a.code, 2024, null)).status).toBe(403);
    expect(await published(t.db, w.a.id)).toHaveLength(1);
    // first a confirmation page, which withdraws nothing
    const asked = await withdraw(app, w.admin, w.a.code, 2024, w.admin.csrf, false);
    expect(asked.status).toBe(200);
    const askedHtml = await asked.text();
    expect(askedHtml).toContain('确认撤回2024年度的年度报告');
    expect(askedHtml).toContain('name="confirm" value="1"');
    expect(askedHtml).toContain(`action="/staff/${w.a.code}/published/2024/withdraw"`);
    expect((await t.db.selectFrom('publishedReports').select('year').where('agencyId', '=', w.a.id).execute()).length).toBe(1);
    expect((await withdraw(app, w.admin, w.a.code, 2023, w.admin.csrf, false)).status).toBe(404); // nothing to confirm
    const res = await withdraw(app, w.admin, w.a.code, 2024);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/staff/${w.a.code}/published?done=withdrawn&year=2024`);
    expect(await (await get(app, w.admin, res.headers.get('location') ?? '')).text()).toContain('已撤回2024年度的年度报告');
    expect(await published(t.db, w.a.id)).toEqual([]);
    expect(await (await app.request(`/${w.a.code}/reports`)).text()).not.toContain('2024年政府信息公开工作年度报告');
    const [entry] = await auditList(t.db, w.a.id);
    expect(entry).toMatchObject({ action: 'report.withdraw', userId: w.admin.id, target: 'report:2024' });
    // nothing left to withdraw
    expect((await withdraw(app, w.admin, w.a.code, 2024)).status).toBe(404);
    expect((await withdraw(app, w.admin, w.a.code, 24)).status).toBe(404);
  });

  it('answers an upload over 10 MB with a Chinese 413 page', async () => {
    const w = await world(t.db, 'big');
    const app = appFor(t.db);
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.txt', { type: 'text/plain' });
    const res = await upload(app, w.admin, w.a.code, big, { year: '2024' });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('年度报告文件不能超过 10 MB');
    expect(await published(t.db, w.a.id)).toEqual([]);
  });
});
