// 年报数据, the staff pages of the records behind tables 二 and 四, on one engine (support/db.ts webEngines): the counts of a year
// with their history and the form to enter a new figure; a case registered, changed and removed; a file
// imported (its errors by row and column, nothing written) and exported; the roles, CSRF, another
// agency's 404; the table-四 settings on 栏目与设置; an application's page showing its cases and the
// applicant's remedy windows.

import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLedger } from '../../src/services/ledger.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { agencySettings } from '../../src/services/agencies.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, post, who, world } from '../web/staff-support.ts';
import type { Staff, World } from '../web/staff-support.ts';

afterAll(async () => {
  await closeParsePool();
});

function upload(app: Hono<AppEnv>, as: Staff, path: string, fields: Record<string, string>, file: { text: string; name: string }): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', as.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new File([new TextEncoder().encode(file.text)], file.name, { type: 'text/csv' }));
  return Promise.resolve(app.request(path, { method: 'POST', headers: { cookie: as.cookie }, body: form }));
}

/** The snapshot without sessions and the audit log's sign-ins: what a refusal must leave unchanged. */
const unchanged = async (db: Parameters<typeof snapshot>[0]) => {
  const all = JSON.parse(await snapshot(db)) as Record<string, unknown>;
  return JSON.stringify({ counts: all['report_counts'], cases: all['review_cases'], versions: all['review_case_versions'], audit: all['audit_log'] });
};

describe.each(webEngines())('年报数据 pages on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  let w: World;
  let base = '';

  beforeAll(async () => {
    app = appFor(t.db);
    w = await world(t.db, 'rec');
    base = `/staff/${w.a.code}/records`;
    const ledger = ['编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果', '2024-1,自然人,李四,,当面,2024-03-01,某文件,,,,2024-03-20,予以公开'];
    const r = await importLedger(t.db, w.a.id, new TextEncoder().encode(ledger.join('\n')), 'ledger.csv', who);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  });

  it('shows a year to every member and takes a new figure from a handler, keeping the history', async () => {
    const page = await get(app, w.supervisor, `${base}/2024`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('>年报数据<');
    expect(html).toContain('2024年度报告数据');
    expect(html).toContain('未录入（报告中该格为空）');
    expect(html).toContain('您在本机关的角色只能查看');
    expect((await post(app, w.supervisor, `${base}/2024/counts`, { kind: 'licensing', value: '3' })).status).toBe(403);
    expect((await post(app, w.handler, `${base}/2024/counts`, { kind: 'licensing', value: '3' }, { csrf: null })).status).toBe(403);
    const before = await unchanged(t.db);
    const bad = await post(app, w.handler, `${base}/2024/counts`, { kind: 'fees', value: '3500元', note: '' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('单位为万元');
    expect(badHtml).toContain('value="3500元"');
    expect(await unchanged(t.db)).toEqual(before);
    for (const value of ['10', '12']) {
      const ok = await post(app, w.handler, `${base}/2024/counts`, { kind: 'licensing', value, note: '审批系统' });
      expect(ok.status).toBe(303);
    }
    const same = await post(app, w.handler, `${base}/2024/counts`, { kind: 'licensing', value: '12' });
    expect(same.headers.get('location')).toContain('done=unchanged');
    const after = await (await get(app, w.handler, `${base}/2024`)).text();
    expect(after).toContain('12件');
    expect(after).toContain('此前1次录入');
    expect(after).toContain('10件');
    expect(after).toContain('页面录入');
    // the report page shows it
    expect(await (await get(app, w.supervisor, `/staff/${w.a.code}/report/2024`)).text()).toContain('四、政府信息公开行政复议、行政诉讼情况');
    // another agency's member finds nothing
    expect((await get(app, w.handlerB, `${base}/2024`)).status).toBe(404);
  });

  it('registers a case, shows it on its application with the remedy windows, changes and removes it', async () => {
    const form = await (await get(app, w.handler, `${base}/cases/new?application=2024-1`)).text();
    expect(form).toContain('value="2024-1"');
    const before = await unchanged(t.db);
    const bad = await post(app, w.handler, `${base}/cases/new`, { caseNumber: '示复〔2024〕3号', type: 'reconsideration', applicationNumber: '2024-1', receivedOn: '2024-05-10', concludedOn: '2024-05-01', result: 'upheld' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('结案日期2024-05-01早于收到日期2024-05-10');
    expect(badHtml).toContain('value="示复〔2024〕3号"');
    expect(await unchanged(t.db)).toEqual(before);
    const created = await post(app, w.handler, `${base}/cases/new`, { caseNumber: '示复〔2024〕3号', type: 'reconsideration', body: '示范市人民政府', applicationNumber: '2024-1', receivedOn: '2024-05-10', concludedOn: '', result: '', notes: '' });
    expect(created.status).toBe(303);
    const at = created.headers.get('location') ?? '';
    expect(at).toMatch(/\/records\/cases\/\d+\?done=created$/);
    const id = Number(/cases\/(\d+)/.exec(at)?.[1]);
    // the application's page: the case and the windows (2024-03-20 + 60 days → Monday 2024-05-20; + 6 months → 2024-09-20)
    const apps = await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).where('number', '=', '2024-1').executeTakeFirstOrThrow();
    const appPage = await (await get(app, w.supervisor, `/staff/${w.a.code}/applications/${apps.id}`)).text();
    expect(appPage).toContain('行政复议和行政诉讼');
    expect(appPage).toContain('示复〔2024〕3号');
    expect(appPage).toContain('2024-05-20');
    expect(appPage).toContain('行政复议法第二十条');
    expect(appPage).toContain('2024-09-20');
    expect(appPage).toContain('行政诉讼法第四十六条');
    // changed: concluded; table 四 of 2024 counts it as 维持
    const changed = await post(app, w.handler, `${base}/cases/${id}`, { caseNumber: '示复〔2024〕3号', type: 'reconsideration', body: '示范市人民政府', applicationNumber: '2024-1', receivedOn: '2024-05-10', concludedOn: '2024-07-01', result: 'rejected', notes: '' });
    expect(changed.headers.get('location')).toContain('done=updated');
    const casePage = await (await get(app, w.supervisor, `${base}/cases/${id}`)).text();
    expect(casePage).toContain('第2版');
    const year = await (await get(app, w.supervisor, `${base}/2024`)).text();
    expect(year).toContain('维持（驳回行政复议请求）');
    expect((await post(app, w.handler, `${base}/cases/${id}/delete`, { reason: '' })).status).toBe(422);
    const removed = await post(app, w.handler, `${base}/cases/${id}/delete`, { reason: '重复登记' });
    expect(removed.headers.get('location')).toContain('/records/2024?done=deleted');
    expect((await get(app, w.supervisor, `${base}/cases/${id}`)).status).toBe(404);
  });

  it('imports a file all or nothing, with its errors by row and column, and exports', async () => {
    const before = await unchanged(t.db);
    const bad = await upload(app, w.handler, `${base}/import?year=2024`, { kind: 'cases' }, { name: 'cases.csv', text: '案号,类型,收到日期,结果\n复1,行政复议,2024-04-01,维持\n复2,复议,2024-13-01,尚未审结\n' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('未导入任何数据：文件有2处问题');
    expect(badHtml).toContain('<td>第2行</td><td>结案日期</td>');
    expect(badHtml).toContain('<td>第3行</td><td>收到日期</td>');
    expect(await unchanged(t.db)).toEqual(before);
    const good = await upload(app, w.handler, `${base}/import?year=2024`, { kind: 'counts' }, { name: 'counts.csv', text: '年度,类别,数量,金额（万元）\n2024,行政处罚,5,\n2024,行政事业性收费,,0.35\n' });
    expect(good.status).toBe(303);
    const done = await (await get(app, w.handler, good.headers.get('location') ?? '')).text();
    expect(done).toContain('已导入2项数字：新录入2项');
    expect(done).toContain('0.35万元');
    expect(done).toContain('文件导入');
    const csv = await get(app, w.supervisor, `${base}/export?kind=counts&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('2024,行政事业性收费,,0.35,');
    expect((await upload(app, w.supervisor, `${base}/import?year=2024`, { kind: 'counts' }, { name: 'c.csv', text: '年度,类别\n' })).status).toBe(403);
  });

  it('sets the two readings of table 四 on 栏目与设置', async () => {
    const page = await (await get(app, w.admin, `/staff/${w.a.code}/settings`)).text();
    expect(page).toContain('年度报告表四的统计口径');
    const saved = await post(app, w.admin, `/staff/${w.a.code}/settings/agency`, { name: `甲市rec局`, documentPrefix: '', reconsiderationBody: '', court: '', extensionWithinPeriod: '1', feeWindowFromReceipt: '1', reviewCountYear: 'concluded' });
    expect(saved.status).toBe(303);
    const s = await agencySettings(t.db, w.a.code);
    expect(s.ok && [s.value.reviewCountYear, s.value.reviewRejectionUpheld]).toEqual(['concluded', false]);
    expect(await (await get(app, w.supervisor, `${base}/2024`)).text()).toContain('案件计入结案的年度');
  });
});
