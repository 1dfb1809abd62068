// Every page of the staff workspace, with data and with a refused form, through axe-core (WCAG 2.1 A/AA,
// serious and critical) in headless Chromium. The HTML comes from createApp(deps).request(); the page is
// loaded with setContent (no server). Skipped without Chromium locally; in CI it runs.

import { createRound } from '../../src/services/catalogue/cleanup.ts';
import { publishedItem } from '../support/register.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { createUser, startSession } from '../../src/services/accounts.ts';
import { axeOnHtml, chromiumPath, formatViolations, hasChromium, launchBrowser } from '../support/browser.ts';
import { useDatabase } from '../support/db.ts';
import { appFor, get, NOW, post, TODAY, who, world } from './staff-support.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`staff accessibility tests skipped: no Chromium at ${chromiumPath()}`);

describe.skipIf(!runHere)('staff pages pass axe (WCAG 2.1 AA)', () => {
  const t = useDatabase('pglite');
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function check(label: string, html: string): Promise<void> {
    if (!browser) throw new Error('no browser');
    const { lang, violations } = await axeOnHtml(browser, html);
    expect(lang).toBe('zh-CN');
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
  }


  it('dashboard, list, registration, application, documents, report, cell, users, audit, settings, account, platform', async () => {
    const w = await world(t.db, 'a11y');
    const app = appFor(t.db);
    const reg = async (receivedOn: string, applicantName: string) => {
      const r = await registerApplication(t.db, w.a.id, { applicantType: 'natural_person', applicantName, channel: 'in_person', submittedOn: receivedOn, request: '某文件' }, who);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.id;
    };
    const overdue = await reg('2024-09-02', '逾期');
    await reg('2024-10-24', '临期');
    const paused = await reg('2024-11-01', '中止');
    await recordEvent(t.db, w.a.id, paused, { type: 'start_consultation', occurredOn: '2024-11-05', party: 'other_agency' }, who);
    await post(app, w.handler, `/staff/${w.a.code}/applications/${overdue}/documents`, { kind: 'correction_notice', issuedOn: TODAY, correctionItems: '身份证明', correctionDeadline: '2024-12-05' });
    const base = `/staff/${w.a.code}`;
    const registerActor = { userId: null, name: 'seed', now: NOW, today: TODAY };
    await publishedItem(t.db, w.a.id, { title: '关于规范行政执法的规定', docType: '行政规范性文件', writtenOn: '2023-05-01' }, registerActor);
    const round = await createRound(t.db, w.a.id, { title: '2024年度清理', asOf: TODAY }, registerActor);
    if (!round.ok) throw new Error(round.error.message);
    const created = await createUser(t.db, { username: 'platforma11y', displayName: '平台管理员', password: 'correct horse battery', platformAdmin: true }, NOW);
    if (!created.ok) throw new Error(created.error.message);
    const s = await startSession(t.db, created.value.id, NOW);
    const platform = { id: created.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
    const pages: [string, () => Promise<Response>][] = [
      ['dashboard', () => get(app, w.admin, base)],
      ['list', () => get(app, w.admin, `${base}/applications?q=%E9%80%BE`)],
      ['list refused', () => get(app, w.admin, `${base}/applications?receivedFrom=x`)],
      ['new', () => get(app, w.admin, `${base}/applications/new`)],
      ['new refused', () => post(app, w.admin, `${base}/applications/new`, { channel: 'fax', submittedOn: TODAY, applicantType: 'natural_person', applicantName: '', request: '' })],
      ['application', () => get(app, w.admin, `${base}/applications/${overdue}?done=assign`)],
      ['application refused', () => post(app, w.admin, `${base}/applications/${overdue}/events`, { type: 'reply', occurredOn: TODAY, outcome: '' })],
      ['application (supervisor)', () => get(app, w.supervisor, `${base}/applications/${paused}`)],
      ['documents', () => get(app, w.admin, `${base}/applications/${overdue}/documents?kind=reply`)],
      ['documents refused', () => post(app, w.admin, `${base}/applications/${overdue}/documents`, { kind: 'fee_notice', issuedOn: TODAY, feeMethod: 'page', feeUnits: '0' })],
      ['report', () => get(app, w.admin, `${base}/report/2024`)],
      ['cell', () => get(app, w.admin, `${base}/report/2024/cell?row=newReceived&column=6`)],
      ['register', () => get(app, w.admin, `${base}/register`)],
      ['register refused', () => get(app, w.admin, `${base}/register?asOf=x`)],
      ['register table', () => get(app, w.admin, `${base}/register/table/2024`)],
      ['register cell', () => get(app, w.admin, `${base}/register/table/2024/cell?row=normativeDocuments&column=inForce`)],
      ['cleanup rounds', () => get(app, w.admin, `${base}/register/cleanup`)],
      ['cleanup refused', () => post(app, w.admin, `${base}/register/cleanup`, { title: '', asOf: 'x' })],
      ['cleanup round', () => get(app, w.admin, `${base}/register/cleanup/${round.value.id}`)],
      ['cleanup conclude refused', () => post(app, w.admin, `${base}/register/cleanup/${round.value.id}/conclude`, { summary: '' })],
      ['users', () => get(app, w.admin, `${base}/users`)],
      ['audit', () => get(app, w.admin, `${base}/audit`)],
      ['settings', () => get(app, w.admin, `${base}/settings?done=guide`)],
      ['settings refused', () => post(app, w.admin, `${base}/settings/agency`, { name: '', documentPrefix: '〔' })],
      ['account', () => get(app, w.handler, '/staff/account')],
      ['account refused', () => post(app, w.handler, '/staff/account/password', { currentPassword: '', newPassword: 'x', newPassword2: 'y' })],
      ['account new token', () => post(app, w.handler, '/staff/account/tokens', { name: '对接' })],
      ['users with account actions', () => get(app, w.admin, `${base}/users?done=disable&user=${w.handler.id}`)],
      ['users reset refused', () => post(app, w.admin, `${base}/users/reset-password`, { userId: String(w.handler.id), newPassword: 'x', newPassword2: 'y' })],
      ['users reset done', () => post(app, w.admin, `${base}/users/reset-password`, { userId: String(w.supervisor.id), newPassword: '', newPassword2: '' })],
      ['platform', () => get(app, platform, '/staff/platform')],
      ['platform refused', () => post(app, platform, '/staff/platform/agencies', { code: 'staff', name: '', level: 'department' })],
      ['agency chooser (platform)', () => get(app, platform, '/staff')],
      ['platform audit', () => get(app, platform, '/staff/platform/audit')],
      ['calendar', () => get(app, platform, '/staff/platform/calendar')],
      ['calendar preview (not saved)', () => post(app, platform, '/staff/platform/calendar/notice', { text: readFileSync(join(import.meta.dirname, '..', 'fixtures', 'calendar', 'invented-2027-notice.txt'), 'utf8') })],
      ['calendar refused', () => post(app, platform, '/staff/platform/calendar/rest-day', { date: 'x', name: '' })],
      ['limits', () => get(app, platform, '/staff/platform/limits')],
      ['limits refused', () => post(app, platform, '/staff/platform/limits', { 'applyPerAddress.count': '0', 'applyPerAddress.minutes': '60' })],
      ['trusted addresses refused', () => post(app, platform, '/staff/platform/limits/trusted', { trusted: '服务大厅' })],
      ['confirm disable', () => post(app, w.admin, `${base}/users/disable`, { userId: String(w.supervisor.id) })],
      ['catalogue', () => get(app, w.admin, `${base}/catalogue`)],
      ['catalogue new refused', () => post(app, w.admin, `${base}/catalogue/new`, { title: '', category: '' })],
      ['catalogue settings refused', () => post(app, w.admin, `${base}/catalogue/settings`, { creditCode: '123', indexFormat: '', topics: '', categories: '' })],
      ['catalogue import', () => get(app, w.admin, `${base}/catalogue/import`)],
    ];
    for (const [label, load] of pages) {
      const r = await load();
      expect(r.status, label).toBeLessThan(500);
      await check(label, await r.text());
    }
  }, 120_000);
});
