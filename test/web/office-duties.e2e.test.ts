// Issue #17's duties of the office in headless Chromium, on a phone (360 × 740), against the real server:
// the delivery (送达) of a reply recorded from the application page — method, tracking number, date,
// evidence — and the applicant's remedy deadlines then counted from the delivery (dates counted by hand
// below). axe-core on each page, nothing wider than the screen. Without a browser this file is skipped
// locally; in CI it runs.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';
import { auditLayout } from '../support/layout-audit.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`office duties browser test skipped: no Chromium at ${chromiumPath()}`);

const TODAY = '2025-03-12';
const NOW = `${TODAY}T10:00:00.000+08:00`;
const AGENCY = { code: 'duties', name: '某市住房和城乡建设局' };
const PHONE = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } as const;

describe.skipIf(!runHere)('the office’s duties in the browser (issue #17)', () => {
  const seeded = { applicationId: 0, cookie: '' };

  const started = useServerAndBrowser({
    now: () => NOW,
    seed: async ({ db, now }) => {
      const calendar = buildCalendar();
      if (!calendar.ok) throw new Error(calendar.error.message);
      const agency = await createAgency(db, { ...AGENCY, level: 'department' }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      const user = await createUser(db, { username: 'li.jingban', displayName: '李经办', password: 'correct horse battery' }, now);
      if (!user.ok) throw new Error(user.error.message);
      await addMembership(db, user.value.id, agency.value.id, 'admin');
      const who = { actor: 'seed', now, today: TODAY, calendar: calendar.value };
      const made = await registerApplication(db, agency.value.id, { applicantType: 'natural_person', applicantName: '王五', channel: 'in_person', submittedOn: '2025-02-17', request: '某小区改造项目的批复文件' }, who);
      if (!made.ok) throw new Error(made.error.message);
      const values = { reason: '经审查，该信息属于可以公开的政府信息', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '某市人民政府' };
      const reply = await issueDocument(db, agency.value.id, made.value.id, { kind: 'reply', issuedOn: '2025-03-07', values, step: { type: 'reply', occurredOn: '2025-03-07', outcome: 'OPEN_PROVIDE' } }, who);
      if (!reply.ok) throw new Error(reply.error.message);
      seeded.applicationId = made.value.id;
      const session = await startSession(db, user.value.id, now);
      seeded.cookie = session.sessionToken;
    },
  });

  async function phonePage(): Promise<Page> {
    const { server, browser } = started();
    const context = await browser.newContext(PHONE);
    await context.addCookies([{ name: 'gk_session', value: seeded.cookie, url: server.url }]);
    return context.newPage();
  }

  async function checkPage(page: Page, label: string): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
    const layout = await page.evaluate(auditLayout, { screen: 360, minControl: 40, minChoice: 24, minText: 12 });
    expect(layout.scrollWidth, `${label}: wider than the phone`).toBeLessThanOrEqual(361);
    expect(layout.overflowing, label).toEqual([]);
  }

  it('a reply’s delivery recorded from the application page: the remedy deadlines run from it', async () => {
    const { server } = started();
    const page = await phonePage();
    try {
      await page.goto(`${server.url}/staff/${AGENCY.code}/applications/${seeded.applicationId}`);
      // before: the deadlines are estimated from the reply's date, and the page says so
      await expect(page.getByText('尚未登记答复告知书的送达').count()).resolves.toBe(1);
      await checkPage(page, 'the application before its delivery');
      await page.locator('summary', { hasText: /登记.*的送达/ }).first().click();
      const form = page.locator('form[id^="delivery-form-"]').first();
      await form.getByLabel('送达方式').selectOption({ label: '邮寄' });
      // 邮寄 without its number is refused, in Chinese, and nothing is recorded
      await form.getByLabel('送达日期').fill('2025-03-10');
      await form.getByRole('button', { name: '登记送达' }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('main').innerText()).toContain('邮寄送达须填写邮件号码（挂号信或快递单号）。');
      expect(await page.locator('main').innerText()).not.toContain('邮寄送达（邮件号码');
      const again = page.locator('form[id^="delivery-form-"]').first();
      await again.getByLabel('邮件号码').fill('XA100000001CN');
      await again.getByLabel('送达日期').fill('2025-03-10');
      await again.getByLabel('送达凭证').fill('邮政签收记录，申请人本人签收');
      await again.getByRole('button', { name: '登记送达' }).click();
      await page.waitForLoadState('load');
      const text = await page.locator('main').innerText();
      expect(text).toContain('2025-03-10 邮寄送达（邮件号码 XA100000001CN）');
      expect(text).toContain('邮政签收记录，申请人本人签收');
      // 复议: 60 days, the day of delivery not counted — 11–31 March (21), April (30: 51), 1–9 May (60):
      // Friday 9 May 2025, a working day. 诉讼: 6 months — 10 September 2025, a Wednesday.
      const rows = await page.locator('#remedies ~ div table tbody tr, #remedies ~ table tbody tr').allInnerTexts();
      const joined = rows.join('\n');
      expect(joined).toMatch(/2025-03-10（答复送达申请人之日）[\s\S]*2025-05-09/);
      expect(joined).toMatch(/2025-09-10/);
      expect(text).not.toContain('尚未登记答复告知书的送达');
      await checkPage(page, 'the application after its delivery');
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
