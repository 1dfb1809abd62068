// The staff application page and registration through HTTP: the state, the current clock and the next
// steps first, every other allowed step behind 其他操作, nothing the transition table refuses, no notice
// for a step the handling has left behind; 承办人 and 获取信息的方式 as select lists keeping a legacy
// value; a paper application registered with its scan in one transaction, listed on its page, opened by
// whom may see personal data (audited), a wrong file refused with nothing saved — on one engine (support/db.ts webEngines).

import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Hono } from 'hono';
import type { DB } from '../../src/db/schema.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import type { RegisterInput } from '../../src/services/applications.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, post, TODAY, who, world } from './staff-support.ts';
import type { Staff } from './staff-support.ts';

async function register(db: Kysely<DB>, agencyId: number, input: Partial<RegisterInput> & { receivedOn: string }): Promise<number> {
  const r = await registerApplication(db, agencyId, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: input.receivedOn, request: '某项目的批复文件', ...input }, who);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

async function step(db: Kysely<DB>, agencyId: number, id: number, event: Parameters<typeof recordEvent>[3]): Promise<void> {
  const r = await recordEvent(db, agencyId, id, event, who);
  if (!r.ok) throw new Error(r.error.message);
}

/** The part of the page between two markers. */
function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  const end = html.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`no ${from} … ${to} on the page`);
  return html.slice(start, end);
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function postForm(app: Hono<AppEnv>, staff: Staff, path: string, fields: Record<string, string>, file: { bytes: Uint8Array; type: string; name: string } | null): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('_csrf', staff.csrf);
  form.set('scan', file === null ? new File([], '', { type: 'application/octet-stream' }) : new File([file.bytes], file.name, { type: file.type }));
  return app.request(path, { method: 'POST', headers: { cookie: staff.cookie }, body: form });
}

const PAPER = { channel: 'post_signed', submittedOn: '2024-11-15', receivedOn: '2024-11-18', applicantType: 'natural_person', applicantName: '纸质申请人', idKind: 'resident_id', idNumber: '11010519491231002X', request: '某地块征收批复', deliveryForm: '纸质文本，邮寄' };

describe.each(webEngines())('the application page on %s', (engine) => {
  const t = useDatabase(engine);

  it('shows the next steps first and only what the state allows, the rest behind 其他操作', async () => {
    const w = await world(t.db, 'next');
    const app = appFor(t.db);
    const page = async (id: number, staff: Staff = w.admin) => (await get(app, staff, `/staff/${w.a.code}/applications/${id}`)).text();

    // 已登记: reply and 补正 with their notices first; the other steps folded
    const fresh = await register(t.db, w.a.id, { receivedOn: '2024-11-18' });
    const html = await page(fresh);
    const next = between(html, 'id="next-heading"', 'id="other-actions"');
    expect(next).toContain('documents?kind=reply');
    expect(next).toContain('documents?kind=correction_notice');
    expect(next).not.toContain('name="type"');
    const other = between(html, 'id="other-actions"', 'id="record"');
    expect(other).toContain('<summary>其他操作（');
    expect(other).toContain('<summary>分配承办人</summary>');
    expect(other).toContain('<summary>申请人撤回申请</summary>');
    expect(other).toContain('documents?kind=extension_notice');
    for (const refused of ['receive_correction', 'deliver', 'archive', 'end_consultation', 'record_payment', 'correct_reply']) expect(html, refused).not.toContain(`value="${refused}"`);
    // the state and the clock that matters, at the top
    expect(between(html, '<h1>', 'id="actions"')).toMatch(/办理状态：<strong>已登记<\/strong>[\s\S]*当前期限：/);
    // the page is much shorter than one open form per step
    expect((html.match(/<form method="post" action="[^"]*\/events"/g) ?? []).length).toBeLessThanOrEqual(4);
    expect(html.match(/<details/g)?.length ?? 0).toBeGreaterThanOrEqual(3);

    // 待补正 while the period runs: the receipt of the correction, open; 逾期未补正 not offered, the page says when
    const waiting = await register(t.db, w.a.id, { receivedOn: '2024-11-11' });
    await step(t.db, w.a.id, waiting, { type: 'request_correction', occurredOn: '2024-11-12', workingDays: 15 });
    const w1 = await page(waiting);
    expect(between(w1, 'id="next-heading"', 'id="record"')).toContain('name="type" value="receive_correction"');
    expect(w1).not.toContain('value="lapse_correction"');
    expect(w1).toContain('届满后方可登记“逾期未补正”');
    expect(w1).not.toContain('documents?kind=reply');
    // the 补正告知书 not yet made for the step: offered while the correction is awaited …
    expect(w1).toContain('documents?kind=correction_notice');
    // … and no longer once the correction has arrived
    await step(t.db, w.a.id, waiting, { type: 'receive_correction', occurredOn: TODAY });
    const w2 = await page(waiting);
    expect(w2).not.toContain('documents?kind=correction_notice');
    // … nor issued by a hand-made request: refused, nothing written
    const documentsBefore = await t.db.selectFrom('documents').select('id').where('applicationId', '=', waiting).execute();
    const stale = await post(app, w.handler, `/staff/${w.a.code}/applications/${waiting}/documents`, { kind: 'correction_notice', mode: 'issue', issuedOn: TODAY });
    expect(stale.status).toBe(409);
    expect(await t.db.selectFrom('documents').select('id').where('applicationId', '=', waiting).execute()).toEqual(documentsBefore);
    expect(between(w2, 'id="next-heading"', 'id="other-actions"')).toContain('documents?kind=reply');

    // 已答复: delivery and archiving next; correction of the reply behind the menu; no reply, no 补正
    const replied = await register(t.db, w.a.id, { receivedOn: '2024-11-04' });
    await step(t.db, w.a.id, replied, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' });
    const r1 = await page(replied);
    expect(between(r1, 'id="next-heading"', 'id="record"')).toContain('name="type" value="deliver"');
    expect(r1).not.toContain('value="request_correction"');
    expect(r1).not.toContain('value="assign"');
    expect(r1).not.toContain('documents?kind=correction_notice');
    expect(r1).not.toContain('documents?kind=extension_notice');

    // a refused step opens its form again where it was, with the message
    const refused = await post(app, w.admin, `/staff/${w.a.code}/applications/${fresh}/events`, { type: 'withdraw', occurredOn: '2024-11-21' });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain('<details id="other-actions" open="">');
    expect(again).toMatch(/<details open=""><summary>申请人撤回申请<\/summary>/);
    // the supervisor sees no step at all
    expect(await page(fresh, w.supervisor)).not.toContain('id="next-heading"');
  });

  it('an archived case says 已归档 with its 保管期限 (the agency setting, editable on the settings page) and offers no step', async () => {
    const w = await world(t.db, 'kept');
    const app = appFor(t.db);
    const id = await register(t.db, w.a.id, { receivedOn: '2024-11-01' });
    await step(t.db, w.a.id, id, { type: 'withdraw', occurredOn: '2024-11-05', note: '申请人撤回' });
    await step(t.db, w.a.id, id, { type: 'archive', occurredOn: '2024-11-08' });
    const html = await (await get(app, w.admin, `/staff/${w.a.code}/applications/${id}`)).text();
    expect(between(html, '<h1>', 'id="actions"')).toContain('<strong>已归档 · 保管期限至2034年</strong>');
    expect(html).not.toContain('name="type"');
    const refused = await post(app, w.admin, `/staff/${w.a.code}/settings/agency`, { name: '甲市kept局', documentPrefix: '', archiveRetentionYears: '0' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('归档案卷的保管期限应为1至100之间的整数');
    const saved = await post(app, w.admin, `/staff/${w.a.code}/settings/agency`, { name: '甲市kept局', documentPrefix: '', archiveRetentionYears: '30' });
    expect(saved.status).toBe(303);
    expect(await (await get(app, w.admin, `/staff/${w.a.code}/settings`)).text()).toMatch(/name="archiveRetentionYears"[^>]*value="30"|value="30"[^>]*name="archiveRetentionYears"/);
    expect(await (await get(app, w.admin, `/staff/${w.a.code}/applications/${id}`)).text()).toContain('已归档 · 保管期限至2054年');
  });

  it('承办人 and 获取信息的方式 are chosen from lists; a value typed before is kept', async () => {
    const w = await world(t.db, 'lists');
    const app = appFor(t.db);
    const legacy = await register(t.db, w.a.id, { receivedOn: '2024-11-18', handler: '老承办人' });
    const html = await (await get(app, w.admin, `/staff/${w.a.code}/applications/${legacy}`)).text();
    const assign = between(html, 'id="assign-handler"', '</select>');
    expect(assign).toContain('<option value="老承办人" selected="">老承办人（原登记值）</option>');
    expect(assign).toContain('>handler显示名（');
    expect(assign).toContain('>admin显示名（');
    // the supervisor cannot handle: not in the list
    expect(assign).not.toContain('supervisor显示名');
    const form = await (await get(app, w.handler, `/staff/${w.a.code}/applications/new`)).text();
    expect(form).toContain('enctype="multipart/form-data"');
    expect(between(form, 'id="deliveryForm"', '</select>')).toContain('<option value="电子文本，电子邮件发送">电子文本，电子邮件发送</option>');
    expect(between(form, 'id="handler"', '</select>')).toContain('<option value="">暂不分配</option>');
    expect(form).toContain('type="file" id="scan" name="scan"');
  });

  it('a paper application is registered with its scan; the scan opens for whom may see personal data, audited', async () => {
    const w = await world(t.db, 'scan');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}`;
    const created = await postForm(app, w.handler, `${base}/applications/new`, PAPER, { bytes: PDF, type: 'application/pdf', name: '申请书扫描件.pdf' });
    expect(created.status).toBe(303);
    const id = Number(/applications\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
    const row = await t.db.selectFrom('applications').select(['deliveryForm', 'channel']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ deliveryForm: '纸质文本，邮寄', channel: 'post_signed' });
    const uploads = await t.db.selectFrom('uploads').select(['id', 'kind', 'fileName', 'mediaType']).where('applicationId', '=', id).execute();
    expect(uploads).toEqual([{ id: uploads[0]?.id, kind: 'application_scan', fileName: '申请书扫描件.pdf', mediaType: 'application/pdf' }]);
    const uploadId = uploads[0]?.id as number;
    // listed on the page; not an identity proof
    const page = await (await get(app, w.admin, `${base}/applications/${id}`)).text();
    expect(page).toContain('<h2 id="scans-heading">申请书扫描件</h2>');
    expect(page).toContain(`href="${base}/applications/${id}/scans/${uploadId}"`);
    expect(page).not.toContain('身份证明文件：申请书扫描件.pdf');
    // a handler not assigned to it sees the name, cannot open it; the administrator can
    const handlerPage = await (await get(app, w.handler, `${base}/applications/${id}`)).text();
    expect(handlerPage).toContain('申请书扫描件.pdf');
    expect(handlerPage).not.toContain(`/scans/${uploadId}"`);
    expect((await get(app, w.handler, `${base}/applications/${id}/scans/${uploadId}`)).status).toBe(403);
    const opened = await get(app, w.admin, `${base}/applications/${id}/scans/${uploadId}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
    expect(opened.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(PDF);
    // another agency's staff: not found
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/applications/${id}/scans/${uploadId}`)).status).toBe(404);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'userId']).where('agencyId', '=', w.a.id).where('action', 'like', 'application%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['application.register', 'application_scan.add', 'application_scan.view']);
    const log = await (await get(app, w.admin, `${base}/audit`)).text();
    expect(log).toContain('附上申请');
    expect(log).toContain('的申请书扫描件“申请书扫描件.pdf”');

    // a file that is not what it says: refused, nothing registered, the form keeps the typed values
    const before = await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).execute();
    const bad = await postForm(app, w.handler, `${base}/applications/new`, { ...PAPER, applicantName: '假文件申请人' }, { bytes: new TextEncoder().encode('not a pdf'), type: 'application/pdf', name: 'scan.pdf' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('申请书扫描件只接受 PDF 文件或 JPG、PNG 图片');
    expect(badHtml).toContain('value="假文件申请人"');
    expect(await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).execute()).toEqual(before);
    // a registration refused for its fields saves no scan either
    const late = await postForm(app, w.handler, `${base}/applications/new`, { ...PAPER, receivedOn: '2024-12-30' }, { bytes: PDF, type: 'application/pdf', name: 'a.pdf' });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('所选的扫描件也没有保存');
    expect(await t.db.selectFrom('uploads').select('id').where('agencyId', '=', w.a.id).execute()).toHaveLength(1);
    // no file chosen: registered without a scan; the page says there is none
    const plain = await postForm(app, w.handler, `${base}/applications/new`, { ...PAPER, applicantName: '无扫描件' }, null);
    expect(plain.status).toBe(303);
    const plainId = Number(/applications\/(\d+)/.exec(plain.headers.get('location') ?? '')?.[1]);
    expect(await (await get(app, w.admin, `${base}/applications/${plainId}`)).text()).toContain('登记时没有上传申请书扫描件。');
  });
});
