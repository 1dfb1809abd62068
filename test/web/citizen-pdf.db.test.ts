// Issue #14: the receipt and the notices as PDF, printed by the platform's renderer (Chromium, services/pdf)
// and read back with its reader (services/pdf/read.ts, text NFKC-normalised). The receipt's PDF carries the
// receipt code, the agency and the dates, and never the query password — from the receipt page (its own
// cookie, 10 minutes) and from the status page. A notice's PDF is printed on its first download and kept
// (documents.pdf, audited once), with page numbers in its footer; staff get the same file. Without a browser
// the applicant is told to take the Word file, and the staff what to install (that part needs no browser).

import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { normalisePdfText } from '../../src/domain/report/input/pdf-content.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { readPdfPages } from '../../src/services/pdf/read.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { chromiumPath, hasChromium } from '../support/browser.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { NOW, TODAY, validFields, Visitor } from './public-support.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: NOW, today: TODAY, calendar };

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`citizen PDF tests skipped: no Chromium at ${chromiumPath()} (apt-get install -y --no-install-recommends chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);

/** The text of a PDF as the platform's reader gives it: every item, pages joined, NFKC (radicals mapped first). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const read = await readPdfPages(bytes);
  if (!read.ok) throw new Error(read.error.message);
  return normalisePdfText(read.pages.map((p) => p.items.map((i) => i.text).join('')).join('\n')).normalize('NFKC');
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

describe.each(webEngines())('the receipt and the notices as PDF on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  function appWith(chromium: string | undefined): Hono<AppEnv> {
    const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false, chromiumPath: chromium };
    const deps: WebDeps = { config, db: t.db, calendar: async () => calendar, now: () => NOW, secureCookies: false, queryKey: TEST_QUERY_KEY };
    return createApp(deps);
  }

  async function applied(app: Hono<AppEnv>) {
    n += 1;
    const code = `pdf${n}`;
    const agency = await createAgency(t.db, { code, name: '某市自然资源局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const visitor = new Visitor(app);
    expect((await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields(), true)).status).toBe(303);
    const receipt = await (await visitor.get(`/${code}/apply/receipt`)).text();
    const [receiptCode = '', password = ''] = [...receipt.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
    const application = await t.db.selectFrom('applications').select(['id', 'number']).where('agencyId', '=', agency.value.id).executeTakeFirstOrThrow();
    return { code, agencyId: agency.value.id, visitor, receipt, receiptCode, password, application };
  }

  it.skipIf(!runHere)('prints the receipt with its code, agency and dates, and never the query password', async () => {
    const a = await applied(appWith(chromiumPath()));
    expect(a.receipt).toContain(`href="/${a.code}/apply/receipt.pdf"`);
    expect(a.receipt).toContain('不含查询密码');
    // from the receipt page (its own cookie)
    const fromReceipt = await a.visitor.get(`/${a.code}/apply/receipt.pdf`);
    expect(fromReceipt.status, await fromReceipt.clone().text()).toBe(200);
    expect(fromReceipt.headers.get('content-type')).toBe('application/pdf');
    expect(fromReceipt.headers.get('cache-control')).toBe('no-store');
    const text = squeeze(await pdfText(new Uint8Array(await fromReceipt.arrayBuffer())));
    expect(text).toContain('政府信息公开申请回执');
    expect(text).toContain(a.receiptCode);
    expect(text).toContain(a.application.number);
    expect(text).toContain('某市自然资源局');
    expect(text).toContain('2024年11月20日');
    expect(text).toContain('2024年12月18日前');
    expect(text).toContain('本回执不含查询密码');
    expect(text).toContain('2023年某地块征收补偿方案');
    expect(text, text).toContain('第1页共1页');
    expect(text).not.toContain(a.password);
    expect(text).not.toContain('11010519491231002X');
    // from the status page (the query's grant): the same receipt
    expect((await a.visitor.submit(`/${a.code}/status`, `/${a.code}/status`, { code: a.receiptCode, password: a.password })).status).toBe(303);
    const page = await (await a.visitor.get(`/${a.code}/status/result`)).text();
    expect(page).toContain(`href="/${a.code}/status/receipt.pdf"`);
    const fromStatus = await a.visitor.get(`/${a.code}/status/receipt.pdf`);
    expect(fromStatus.status).toBe(200);
    const again = squeeze(await pdfText(new Uint8Array(await fromStatus.arrayBuffer())));
    expect(again).toContain(a.receiptCode);
    expect(again).not.toContain(a.password);
    // without the cookie: gone, saying where to get it
    const stranger = await new Visitor(a.visitor.app).get(`/${a.code}/apply/receipt.pdf`);
    expect(stranger.status).toBe(410);
    expect(await stranger.text()).toContain('查询申请办理进度');
  });

  it.skipIf(!runHere)('prints a notice on its first download, keeps it (audited once), and serves the kept file to the applicant and the staff', async () => {
    const a = await applied(appWith(chromiumPath()));
    await t.db.selectFrom('applications').select('id').where('id', '=', a.application.id).executeTakeFirstOrThrow();
    const ext = await issueDocument(t.db, a.agencyId, a.application.id, { kind: 'extension_notice', issuedOn: TODAY, values: { reason: '需要调取历年档案' }, step: { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 } }, who);
    if (!ext.ok) throw new Error(ext.error.message);
    expect(ext.value).not.toHaveProperty('pdf');
    expect((await a.visitor.submit(`/${a.code}/status`, `/${a.code}/status`, { code: a.receiptCode, password: a.password })).status).toBe(303);
    const page = await (await a.visitor.get(`/${a.code}/status/result`)).text();
    expect(page).toContain(`href="/${a.code}/status/documents/${ext.value.id}.docx"`);
    expect(page).toContain(`href="/${a.code}/status/documents/${ext.value.id}.pdf"`);

    const first = await a.visitor.get(`/${a.code}/status/documents/${ext.value.id}.pdf`);
    expect(first.status, await first.clone().text()).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toContain(encodeURIComponent('延期答复'));
    const bytes = new Uint8Array(await first.arrayBuffer());
    const text = squeeze(await pdfText(bytes));
    expect(text).toContain(squeeze(ext.value.number));
    expect(text).toContain('延期答复告知书');
    expect(text).toContain('需要调取历年档案');
    expect(text).toContain('张三');
    expect(text).toMatch(/第1页共\d页/);
    // printed as paper: the screen's mark of the seal's place is not on it
    expect(text).not.toContain('印章');
    // kept, with one audit entry (the applicant's: no user)
    const kept = await t.db.selectFrom('documents').select('pdf').where('id', '=', ext.value.id).executeTakeFirstOrThrow();
    expect(kept.pdf && Buffer.from(kept.pdf).equals(Buffer.from(bytes))).toBe(true);
    const second = new Uint8Array(await (await a.visitor.get(`/${a.code}/status/documents/${ext.value.id}.pdf`)).arrayBuffer());
    expect(Buffer.from(second).equals(Buffer.from(bytes))).toBe(true);
    // the staff's download serves the kept bytes, even without a browser
    const user = await createUser(t.db, { username: `pdfstaff${n}`, displayName: '李经办', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, a.agencyId, 'handler');
    const session = await startSession(t.db, user.value.id, NOW);
    const staff = await appWith('/nonexistent/chromium').request(`/staff/${a.code}/documents/${ext.value.id}.pdf`, { headers: { cookie: `gk_session=${session.sessionToken}` } });
    expect(staff.status).toBe(200);
    expect(Buffer.from(await staff.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const audit = await t.db.selectFrom('auditLog').select(['userId', 'action', 'target', 'detail']).where('action', '=', 'document.pdf').where('target', '=', `document:${ext.value.id}`).execute();
    expect(audit).toEqual([{ userId: null, action: 'document.pdf', target: `document:${ext.value.id}`, detail: expect.objectContaining({ via: 'online', number: ext.value.number }) }]);
  });

  it('without a browser: the applicant is offered no PDF and told to take the Word file; the staff are told what to install', async () => {
    const app = appWith('/nonexistent/chromium');
    const a = await applied(app);
    expect(a.receipt).not.toContain('receipt.pdf');
    const ext = await issueDocument(t.db, a.agencyId, a.application.id, { kind: 'extension_notice', issuedOn: TODAY, values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 } }, who);
    if (!ext.ok) throw new Error(ext.error.message);
    expect((await a.visitor.submit(`/${a.code}/status`, `/${a.code}/status`, { code: a.receiptCode, password: a.password })).status).toBe(303);
    const page = await (await a.visitor.get(`/${a.code}/status/result`)).text();
    expect(page).not.toContain(`/status/documents/${ext.value.id}.pdf`);
    expect(page).not.toContain('receipt.pdf');
    const asked = await a.visitor.get(`/${a.code}/status/documents/${ext.value.id}.pdf`);
    expect(asked.status).toBe(503);
    const html = await asked.text();
    expect(html).toContain('下载 Word 版本');
    expect(html).not.toContain('fonts-noto-cjk');
    const user = await createUser(t.db, { username: `nopdf${n}`, displayName: '王经办', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, a.agencyId, 'handler');
    const session = await startSession(t.db, user.value.id, NOW);
    const staffPage = await (await app.request(`/staff/${a.code}/applications/${a.application.id}`, { headers: { cookie: `gk_session=${session.sessionToken}` } })).text();
    expect(staffPage).toContain(`/staff/${a.code}/documents/${ext.value.id}.pdf`);
    const staff = await app.request(`/staff/${a.code}/documents/${ext.value.id}.pdf`, { headers: { cookie: `gk_session=${session.sessionToken}` } });
    expect(staff.status).toBe(503);
    const message = await staff.text();
    expect(message).toContain('chromium');
    expect(message).toContain('fonts-noto-cjk');
    const kept = await t.db.selectFrom('documents').select('pdf').where('id', '=', ext.value.id).executeTakeFirstOrThrow();
    expect(kept.pdf).toBeNull();
  });
});
