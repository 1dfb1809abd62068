// The 年报数据 pages through axe-core (WCAG 2.1 A/AA, serious and critical) in headless Chromium, as
// test/web/staff-a11y.e2e.test.ts does for the other staff pages: a year with figures, history and
// cases, a refused figure, a case's form (new, refused, existing) with its documents (listed, an upload
// refused, a removal to confirm), a refused import, an application with its remedy windows. Skipped without Chromium locally; in CI it runs.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLedger } from '../../src/services/ledger.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { addCaseDocument } from '../../src/services/records/case-documents.ts';
import { saveCase } from '../../src/services/records/cases.ts';
import { enterCounts } from '../../src/services/records/counts.ts';
import { axeOnHtml, chromiumPath, formatViolations, hasChromium, launchBrowser } from '../support/browser.ts';
import { useDatabase } from '../support/db.ts';
import { appFor, get, NOW, post, TODAY, who, world } from '../web/staff-support.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`年报数据 accessibility tests skipped: no Chromium at ${chromiumPath()}`);

describe.skipIf(!runHere)('年报数据 pages pass axe (WCAG 2.1 AA)', () => {
  const t = useDatabase('pglite');
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await closeParsePool();
  });

  async function check(label: string, html: string): Promise<void> {
    if (!browser) throw new Error('no browser');
    const { violations } = await axeOnHtml(browser, html);
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
  }


  it('the year, a case, refusals, an application with its remedy windows', async () => {
    const w = await world(t.db, 'reca11y');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}`;
    const ledger = ['编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果', '2024-1,自然人,李四,,当面,2024-03-01,某文件,,,,2024-03-20,属于国家秘密'];
    const imported = await importLedger(t.db, w.a.id, new TextEncoder().encode(ledger.join('\n')), 'ledger.csv', who);
    if (!imported.ok) throw new Error('ledger');
    const actor = { userId: null, name: '测试员', now: NOW, today: TODAY, source: 'page' as const };
    await enterCounts(t.db, w.a.id, [{ year: 2024, kind: 'licensing', value: 10 }], actor);
    await enterCounts(t.db, w.a.id, [{ year: 2024, kind: 'licensing', value: 12, note: '审批系统' }], { ...actor, now: `${TODAY}T11:00:00.000+08:00` });
    const c = await saveCase(t.db, w.a.id, { caseNumber: '示复〔2024〕3号', type: '行政复议', applicationNumber: '2024-1', receivedOn: '2024-05-10', concludedOn: '2024-07-01', result: '维持' }, { mode: 'create' }, actor);
    if (!c.ok) throw new Error(c.error.message);
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    const doc = await addCaseDocument(t.db, w.a.id, c.value.case.id, { kind: '行政复议决定书', title: '示复〔2024〕3号行政复议决定书', documentDate: '2024-07-01' }, { bytes: pdf, fileName: '决定书.pdf' }, actor);
    if (!doc.ok) throw new Error(doc.error.message);
    const caseBase = `${base}/records/cases/${c.value.case.id}`;
    const refusedUpload = new FormData();
    refusedUpload.set('_csrf', w.handler.csrf);
    refusedUpload.set('kind', '行政判决书');
    refusedUpload.set('title', '伪装的文件');
    refusedUpload.set('file', new File([new TextEncoder().encode('not a pdf')], 'x.pdf', { type: 'application/pdf' }));
    const application = await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).executeTakeFirstOrThrow();
    const form = new FormData();
    form.set('_csrf', w.handler.csrf);
    form.set('kind', 'cases');
    form.set('file', new File([new TextEncoder().encode('案号,类型,收到日期,结果\n复1,复议,2024-13-01,维持\n')], 'cases.csv', { type: 'text/csv' }));
    const pages: [string, () => Promise<Response>][] = [
      ['records year', () => get(app, w.handler, `${base}/records/2024`)],
      ['records year (supervisor)', () => get(app, w.supervisor, `${base}/records/2024`)],
      ['records count refused', () => post(app, w.handler, `${base}/records/2024/counts`, { kind: 'fees', value: 'x' })],
      ['records import refused', () => Promise.resolve(app.request(`${base}/records/import?year=2024`, { method: 'POST', headers: { cookie: w.handler.cookie }, body: form }))],
      ['case new', () => get(app, w.handler, `${base}/records/cases/new?application=2024-1`)],
      ['case new refused', () => post(app, w.handler, `${base}/records/cases/new`, { caseNumber: '', type: '', receivedOn: 'x' })],
      ['case', () => get(app, w.handler, `${base}/records/cases/${c.value.case.id}?done=updated`)],
      ['case (supervisor)', () => get(app, w.supervisor, caseBase)],
      ['case document refused', () => Promise.resolve(app.request(`${caseBase}/documents`, { method: 'POST', headers: { cookie: w.handler.cookie }, body: refusedUpload }))],
      ['case document removal to confirm', () => post(app, w.handler, `${caseBase}/documents/${doc.value.id}/delete`, {})],
      ['application with remedies', () => get(app, w.handler, `${base}/applications/${application.id}`)],
      ['report with tables 二 and 四', () => get(app, w.handler, `${base}/report/2024`)],
      ['settings', () => get(app, w.admin, `${base}/settings`)],
    ];
    for (const [label, load] of pages) {
      const r = await load();
      expect(r.status, label).toBeLessThan(500);
      await check(label, await r.text());
    }
  }, 120_000);
});
