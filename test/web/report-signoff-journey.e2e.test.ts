// Issue #12, end to end in headless Chromium against the real server: the 经办人 opens the year's draft,
// rewords a sentence with a figure the tables contradict (a warning), fixes it, checks and submits the
// draft; the 科室负责人 (初审), the 办公室 (复审) and the 分管领导 (签发) each find it in 待我审核 and
// approve it; the 经办人 publishes it (its PDF printed and kept); a month later the report is corrected
// by the same path with its 更正说明 — and the public column shows 已更正 with both dates, the PDF and
// the Word version. axe (serious/critical) on every page opened; at 360 px no public page scrolls sideways.
// Without a browser this file is skipped locally; in CI (CI set) it runs and fails if Chromium is missing.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMembership, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { enterCounts } from '../../src/services/records/counts.ts';
import { createFact } from '../../src/services/report-facts.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`report sign-off journey test skipped: no Chromium at ${chromiumPath()}`);

const AGENCY = { code: 'qxcz', name: '某县财政局' };
const TITLE = '某县财政局2024年政府信息公开工作年度报告';
const USERS = {
  handler: { username: 'zhang.jingban', displayName: '张经办', password: 'plenty of words here 1', role: 'handler' },
  head: { username: 'li.kezhang', displayName: '李科长', password: 'plenty of words here 2', role: 'section_head' },
  office: { username: 'zhao.bangongshi', displayName: '赵办公室', password: 'plenty of words here 3', role: 'office' },
  leader: { username: 'wang.fenguan', displayName: '王分管', password: 'plenty of words here 4', role: 'leader' },
} as const;
type Who = keyof typeof USERS;
const PHONE = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } as const;

/** The server's clock: 2025-01-06 10:00 in Beijing, moved forward by the test. */
let day = '2025-01-06';
const clock = (): string => `${day}T10:00:00.000+08:00`;

describe.skipIf(!runHere)('the annual report drafted, signed off, published and corrected (Chromium)', () => {
  const started = useServerAndBrowser({
    now: clock,
    config: { chromiumPath: chromiumPath(), searchPath: process.env['PATH'] },
    seed: async ({ db, now }) => {
      const agency = await createAgency(db, { ...AGENCY, level: 'department' }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      for (const u of Object.values(USERS)) {
        const user = await createUser(db, u, now);
        if (!user.ok) throw new Error(user.error.message);
        const m = await addMembership(db, user.value.id, agency.value.id, u.role);
        if (!m.ok) throw new Error(m.error.message);
      }
      const id = agency.value.id;
      const counts = await enterCounts(db, id, ['licensing', 'punishment', 'enforcement', 'fees'].map((kind) => ({ year: '2024', kind, value: '0' })), { userId: null, name: '导入', now, today: day, source: 'page' });
      if (!counts.ok) throw new Error(counts.error.message);
      for (const [kind, values] of [
        ['problem', { origin: 'current', text: '主动公开信息的时效性还不够强' }],
        ['measure', { text: '加强信息发布的统筹协调，提高公开时效' }],
      ] as const) {
        const f = await createFact(db, id, 2024, kind, values, null, { userId: null, now });
        if (!f.ok) throw new Error(f.error.message);
      }
    },
  });

  const contexts = new Map<Who, BrowserContext>();
  const checked: string[] = [];

  async function axe(page: Page, label: string): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
    checked.push(label);
  }

  async function as(browser: Browser, who: Who): Promise<Page> {
    let context = contexts.get(who);
    if (context === undefined) {
      context = await browser.newContext({ locale: 'zh-CN' });
      contexts.set(who, context);
      const page = await context.newPage();
      await page.goto(`${started().server.url}/staff/login`);
      await page.getByLabel('用户名').fill(USERS[who].username);
      await page.getByLabel('密码').fill(USERS[who].password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`**/staff/${AGENCY.code}`);
      return page;
    }
    return context.pages()[0] ?? context.newPage();
  }

  /** Submits the form holding the button and waits for the page it leads to (publishing prints a PDF first: seconds). */
  async function press(page: Page, button: string, timeout = 30_000): Promise<void> {
    await Promise.all([page.waitForNavigation({ timeout }), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  /** Rewords the draft's sentence that holds `holding`, and comes back to the draft. */
  async function reword(page: Page, holding: string, text: string): Promise<void> {
    const row = page.locator('tr', { hasText: holding }).first();
    await Promise.all([page.waitForNavigation(), row.getByRole('link', { name: '修改这句话' }).click()]);
    await page.getByLabel('这句话').fill(text);
    await press(page, '保存');
  }

  /** The three stages, each from its reviewer's inbox. */
  async function signOff(browser: Browser, signoffUrl: string, title: string): Promise<void> {
    for (const [who, button] of [
      ['head', '同意'],
      ['office', '同意'],
      ['leader', '同意（签发）'],
    ] as const) {
      const page = await as(browser, who);
      await page.goto(`${started().server.url}/staff/${AGENCY.code}/inbox`);
      await axe(page, `待我审核 of ${who}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: title }).first().click()]);
      expect(page.url().split('?')[0]).toBe(signoffUrl);
      await axe(page, `the submitted report, for ${who}`);
      await page.getByLabel('审核意见').fill(`${USERS[who].displayName}：同意。`);
      await press(page, button);
    }
  }

  it('draft → wrong figure (warning) → fixed → submitted → 初审 → 复审 → 签发 → published (PDF) → corrected', async () => {
    const { server, browser } = started();
    const base = server.url;
    const draftUrl = `${base}/staff/${AGENCY.code}/report-facts/2024/draft`;
    try {
      // --- the 经办人 rewords a sentence with a figure the tables contradict: a warning
      const h = await as(browser, 'handler');
      await h.goto(draftUrl);
      await axe(h, 'the draft');
      expect(await h.locator('main').innerText()).toContain('起草中');
      await reword(h, '未收到任何形式的政府信息公开申请', '我局全年共收到政府信息公开申请5件，均已按期答复。');
      const warned = await h.locator('main').innerText();
      expect(warned).toContain('警告');
      expect(warned).toContain('5');
      await axe(h, 'the draft with a warning');
      // fixed: the warning is gone
      await reword(h, '共收到政府信息公开申请5件', '我局全年未收到政府信息公开申请，不存在行政复议与行政诉讼情况。');
      expect(await h.locator('main').innerText()).not.toContain('警告：');

      // --- checked and submitted
      await Promise.all([h.waitForNavigation(), h.getByRole('link', { name: '检查并提交审核' }).click()]);
      await axe(h, 'the submit page');
      expect(await h.locator('main').innerText()).toContain('没有发现错误或警告');
      await press(h, '提交审核');
      const signoffUrl = h.url().split('?')[0]!;
      expect(signoffUrl).toMatch(new RegExp(`/staff/${AGENCY.code}/report-signoff/\\d+$`));
      expect(await h.locator('main').innerText()).toContain('审核中');
      await axe(h, 'the submitted report');

      await signOff(browser, signoffUrl, TITLE);

      // --- published by the 经办人, with its PDF
      await h.goto(signoffUrl);
      expect(await h.locator('main').innerText()).toContain('已签发，待发布');
      await press(h, '发布', 150_000);
      expect(await h.locator('main').innerText()).toContain('PDF版本已生成并保存');
      await axe(h, 'the published report (staff)');

      const citizen = await browser.newContext(PHONE);
      const c = await citizen.newPage();
      expect((await c.goto(`${base}/${AGENCY.code}/reports/2024`))?.status()).toBe(200);
      const first = await c.locator('main').innerText();
      expect(first).toContain(TITLE);
      expect(first).toContain('不存在行政复议与行政诉讼情况');
      expect(first).not.toContain('已更正');
      await axe(c, 'the public report (360 px)');
      expect(await c.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      const pdf = await fetch(`${base}/${AGENCY.code}/reports/2024.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // --- a month later: corrected by the same path
      day = '2025-02-10';
      // the sessions of a month ago have expired: everyone signs in again
      for (const context of contexts.values()) await context.close();
      contexts.clear();
      const h2 = await as(browser, 'handler');
      await h2.goto(signoffUrl);
      await press(h2, '开始更正');
      await h2.goto(draftUrl);
      await reword(h2, '加强信息发布的统筹协调', '下一步，我局将加强信息发布的统筹协调，提高公开时效，并开展政务公开业务培训。');
      await Promise.all([h2.waitForNavigation(), h2.getByRole('link', { name: '检查并重新提交审核' }).click()]);
      // a correction asks for its 更正说明 (required in the form; the service refuses one without it too)
      expect(await h2.getByLabel('更正说明').getAttribute('required')).not.toBeNull();
      await axe(h2, 'the submit page of a correction');
      await h2.getByLabel('更正说明').fill('补充了下一步的改进措施。');
      await press(h2, '提交审核');
      expect(h2.url().split('?')[0]).toBe(signoffUrl);
      await signOff(browser, signoffUrl, `${TITLE}（更正）`);
      await h2.goto(signoffUrl);
      await press(h2, '发布更正', 150_000);
      expect(await h2.locator('main').innerText()).toContain('已发布');

      await c.goto(`${base}/${AGENCY.code}/reports/2024`);
      const corrected = await c.locator('main').innerText();
      expect(corrected).toContain('已更正');
      expect(corrected).toContain('2025年1月6日');
      expect(corrected).toContain('2025年2月10日');
      expect(corrected).toContain('补充了下一步的改进措施。');
      expect(corrected).toContain('开展政务公开业务培训');
      await axe(c, 'the corrected public report (360 px)');
      expect(await c.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      const list = await c.goto(`${base}/${AGENCY.code}/reports`);
      expect(list?.status()).toBe(200);
      await axe(c, 'the list of reports (360 px)');
      await citizen.close();
      expect(checked.length).toBeGreaterThanOrEqual(20);
    } finally {
      for (const context of contexts.values()) await context.close();
    }
  }, 480_000);
});
