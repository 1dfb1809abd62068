// The oversight pages with data and with refused forms through axe-core (WCAG 2.1 A/AA, serious and
// critical) in headless Chromium, at 360 px too: the year's collection, the upload's results, the review
// step, one agency's report with its findings and score, the hand entry, 平台管理 with a refused
// parent; the board, one agency's findings marked in its tables, the 汇总 with its charts, the settings
// refused, a reminder on the agency's dashboard. Skipped without Chromium locally; in CI it runs. OVERSIGHT_SCREENSHOTS=<dir> keeps a PNG of
// each page at 360 px (to look at them).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, COMMAND_LINE, createUser, setPlatformAdmin, startSession } from '../../src/services/accounts.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { axeOnHtml, htmlPage, chromiumPath, formatViolations, hasChromium, launchBrowser } from '../support/browser.ts';
import { useDatabase } from '../support/db.ts';
import { appFor, get, NOW, post } from '../web/staff-support.ts';
import type { Staff } from '../web/staff-support.ts';
import { fixtureZip, makeTree } from './support.ts';
import { reportFromHandEntry } from '../../src/domain/oversight/hand-entry.ts';
import { enterReport, excludeAgency } from '../../src/services/oversight/entry.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`oversight accessibility tests skipped: no Chromium at ${chromiumPath()}`);
const shots = process.env['OVERSIGHT_SCREENSHOTS'];

describe.skipIf(!runHere)('the oversight pages pass axe (WCAG 2.1 AA)', () => {
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
    const page = await htmlPage(browser, 360);
    await page.setContent(html, { waitUntil: 'load' });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${label}: the page is wider than 360 px`).toBeLessThanOrEqual(0);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      const height = await page.evaluate<number>('document.documentElement.scrollHeight');
      for (let y = 0, n = 1; y < Math.min(height, 4 * 2400); y += 2400, n++) {
        await page.screenshot({ path: join(shots, `${label.replace(/[^A-Za-z0-9]+/g, '-')}-${n}.png`), fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(2400, height - y) } });
      }
    }
  }

  it('the collection, upload results, review, a report, the hand entry, 平台管理', async () => {
    const app = appFor(t.db);
    const { ids, code } = await makeTree(t.db, 'a11y', NOW);
    const user = await createUser(t.db, { username: 'oversight-a11y', displayName: '公开办', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, ids.city, 'oversight');
    await setPlatformAdmin(t.db, user.value.id, true, NOW, COMMAND_LINE);
    const s = await startSession(t.db, user.value.id, NOW);
    const office: Staff = { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
    const base = `/staff/${code('city')}/oversight/2023`;
    const form = new FormData();
    form.set('_csrf', office.csrf);
    form.append('files', new File([(await fixtureZip()) as Uint8Array<ArrayBuffer>], '年报.zip'));
    const uploaded = await app.request(`${base}/upload`, { method: 'POST', headers: { cookie: office.cookie }, body: form });
    expect(uploaded.status).toBe(200);
    const pages: [string, () => Promise<Response>][] = [
      ['upload results', async () => uploaded],
      ['collection', () => get(app, office, base)],
      ['review', () => get(app, office, `${base}/review`)],
      ['report', () => get(app, office, `${base}/agencies/${code('dyz')}`)],
      ['report unreadable', () => get(app, office, `${base}/agencies/${code('sjj')}`)],
      ['exclusion refused', () => post(app, office, `${base}/agencies/${code('cjj')}/exclude`, { reason: '' })],
      ['entry', () => get(app, office, `${base}/agencies/${code('sjj')}/entry`)],
      ['platform parent refused', () => post(app, office, '/staff/platform/agencies/parent', { code: code('city'), parentCode: code('cjj') })],
    ];
    for (const [label, load] of pages) {
      const r = await load();
      expect(r.status, label).toBeLessThan(500);
      await check(label, await r.text());
    }

    // the board, one agency's findings marked in its tables, the 汇总 with its charts, the settings, a reminder
    const { report } = reportFromHandEntry(2023, '示范区统计局', { 'applications.rows.newReceived[0]': '2', 'applications.rows.newReceived[6]': '5' });
    expect((await enterReport(t.db, ids.city, ids.tjj, 2023, { report, publishedOn: '2024-01-20' }, { userId: null, now: NOW })).ok).toBe(true);
    expect((await excludeAgency(t.db, ids.city, ids.dfz, 2023, '原件为扫描件，数字无法辨认', { userId: null, now: NOW })).ok).toBe(true);
    const clerk = await createUser(t.db, { username: 'oversight-a11y-clerk', displayName: '财政局经办人', password: 'correct horse battery' }, NOW);
    if (!clerk.ok) throw new Error(clerk.error.message);
    await addMembership(t.db, clerk.value.id, ids.cjj, 'handler');
    const cs = await startSession(t.db, clerk.value.id, NOW);
    const clerkStaff: Staff = { id: clerk.value.id, cookie: `gk_session=${cs.sessionToken}`, csrf: cs.csrfToken };
    expect((await post(app, office, `${base}/reminders`, { agency: '*', text: '请尽快发布2023年度报告。\n已发布的请告知网址。' })).status).toBe(303);
    const more: [string, () => Promise<Response>][] = [
      ['board', () => get(app, office, `${base}/board?sort=score&dir=desc`)],
      ['board filtered empty', () => get(app, office, `${base}/board?q=${encodeURIComponent('没有这个机关')}`)],
      ['board reminder refused', () => post(app, office, `${base}/reminders`, { agency: '*', text: '' })],
      ['findings marked', () => get(app, office, `${base}/agencies/${code('tjj')}`)],
      ['aggregate', () => get(app, office, `${base}/aggregate?agency=${code('dyz')}`)],
      ['settings refused', () => post(app, office, `${base}/settings`, { townshipDue: '02-30', rubric: '{' })],
      ['dashboard with a reminder', () => get(app, clerkStaff, `/staff/${code('cjj')}`)],
    ];
    for (const [label, load] of more) {
      const r = await load();
      expect(r.status, label).toBeLessThan(500);
      const html = await r.text();
      if (label === 'findings marked') expect(html).toContain('gk-mark');
      if (label === 'aggregate') expect(html).toContain('<svg role="img"');
      if (label === 'dashboard with a reminder') expect(html).toContain('催报2023年度报告');
      await check(label, html);
    }
  }, 240_000);
});
