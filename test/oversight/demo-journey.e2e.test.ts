// Issue #13's acceptance in headless Chromium against the real server: `gongkai demo`'s government
// 示范市人民政府 with its 30 agencies (29 created for it and the demo's own agency) and two years of their
// reports — most on time, some late, 某 department's sent as a file with blank totals, one missing.
// The 政务公开办 (demo-oversight) logs in, lands on the year's collection, opens the board (sorted,
// filtered, exported), follows one agency to its findings — the cells in question marked in the
// report's own layout — and opens the 汇总 with its charts (SVG from the server, each beside its table)
// and the agencies that could not be summed listed. axe (serious/critical) on every page; at 360 px no
// page scrolls sideways. Skipped locally without a browser; in CI it runs.

import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { loadDemo, DEMO_PASSWORD } from '../../src/services/demo.ts';
import { DEMO_BLANK_TOTALS, DEMO_CITY, DEMO_MISSING, DEMO_OVERSIGHT_USER } from '../../src/services/demo/oversight.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`oversight demo journey skipped: no Chromium at ${chromiumPath()}`);

const TODAY = '2026-06-15';
const YEAR = 2025;
const text = async (l: Locator): Promise<string> => (await l.first().textContent()) ?? '';
const PHONE = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } as const;

describe.skipIf(!runHere)('the 政务公开办 of the demo government: board → findings → 汇总 (Chromium)', () => {
  const started = useServerAndBrowser({
    now: () => `${TODAY}T10:00:00.000+08:00`,
    seed: async ({ db, queryKey }) => {
      const calendar = buildCalendar();
      if (!calendar.ok) throw new Error(calendar.error.message);
      const r = await loadDemo(db, { today: TODAY, now: `${TODAY}T02:00:00.000Z`, calendar: calendar.value, queryKey });
      if (!r.ok) throw new Error(r.error.message);
    },
  }, 180_000); // the demo is a year of an agency and 29 more agencies' reports

  const checked: string[] = [];
  async function axe(page: Page, label: string): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(0);
    checked.push(label);
  }

  it('walks the year as the office does, on a phone', async () => {
    const { server, browser } = started();
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/staff/login`);
      await page.getByLabel('用户名').fill(DEMO_OVERSIGHT_USER.username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      // an account that only oversees lands on last year's collection
      await page.waitForURL(`**/staff/${DEMO_CITY.code}/oversight/${YEAR}`);
      expect(await text(page.locator('h1'))).toContain(String(YEAR));
      await axe(page, 'collection');

      // the board: every agency, published or not, sortable, filterable, exportable
      await page.getByRole('link', { name: '看板' }).first().click();
      await page.waitForURL(`**/oversight/${YEAR}/board`);
      const rows = page.locator('main table tbody tr');
      expect(await rows.count()).toBe(30);
      expect(await text(page.locator('main'))).toContain('共30个');
      await axe(page, 'board');
      const missingRow = rows.filter({ hasText: '示范市' }).filter({ hasText: '未发布' });
      expect(await missingRow.count()).toBeGreaterThanOrEqual(1);
      // sorted by score, the worst first
      await page.getByRole('link', { name: /得分/ }).click();
      await page.waitForURL(/sort=score/);
      const scores = await page.locator('main table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
          const score = cells.map((t) => /^\s*(\d+(?:\.\d+)?)\s*分?\s*$/.exec(t)?.[1]).find((x) => x !== undefined);
          return score === undefined ? null : Number(score);
        }),
      );
      const known = scores.filter((s): s is number => s !== null);
      expect(known.length).toBeGreaterThanOrEqual(25);
      const ordered = [...known].sort((a, b) => a - b);
      expect(known.join(',') === ordered.join(',') || known.join(',') === [...ordered].reverse().join(',')).toBe(true);
      await axe(page, 'board sorted by score');
      // exported as XLSX, with the same filter and order
      const exportLink = page.getByRole('link', { name: /导出为Excel/ });
      const xlsx = await page.request.get(new URL((await exportLink.getAttribute('href')) ?? '', page.url()).toString());
      expect(xlsx.status()).toBe(200);
      expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

      // one agency's findings: the file with blank totals, its cells marked in its own tables
      const blankRow = page.locator('main table tbody tr').filter({ has: page.locator(`a[href$="/agencies/${DEMO_BLANK_TOTALS}"]`) });
      expect(await text(blankRow)).toContain('未通过');
      await blankRow.locator(`a[href$="/agencies/${DEMO_BLANK_TOTALS}"]`).click();
      await page.waitForURL(`**/oversight/${YEAR}/agencies/${DEMO_BLANK_TOTALS}`);
      const marked = page.locator('.gk-report .gk-mark');
      expect(await marked.count()).toBeGreaterThanOrEqual(1);
      const firstNote = marked.first().locator('.gk-mark-note a').first();
      const target = (await firstNote.getAttribute('href')) ?? '';
      expect(target).toMatch(/^#finding-/);
      // the note links to its finding, which names the rule and the deduction
      expect(await page.locator(target).isVisible()).toBe(true);
      await axe(page, `findings of ${DEMO_BLANK_TOTALS}`);

      // the agency that has not published: said so, not scored as a pass
      await page.goto(`${server.url}/staff/${DEMO_CITY.code}/oversight/${YEAR}/agencies/${DEMO_MISSING}`);
      expect(await text(page.locator('main'))).toContain('未发布');
      await axe(page, `the missing ${DEMO_MISSING}`);

      // the 汇总: the charts drawn on the server, each with its table; the gaps listed, not read as 0
      await page.getByRole('link', { name: '汇总与趋势' }).first().click();
      await page.waitForURL(`**/oversight/${YEAR}/aggregate**`);
      const figures = page.locator('main figure');
      expect(await figures.count()).toBeGreaterThanOrEqual(1);
      expect(await page.locator('main figure svg[role="img"]').count()).toBe(await figures.count());
      expect(await page.locator('main table caption').count()).toBeGreaterThanOrEqual(await figures.count());
      expect(await text(page.locator('main'))).toContain('未能汇总的机关');
      expect(await text(page.locator('main'))).toContain('缺少数字的机关');
      expect(await text(page.locator('main'))).toContain('空白不等于0');
      const gaps = page.locator('section', { has: page.locator('#gaps-title') });
      expect(await gaps.locator(`a[href$="/agencies/${DEMO_BLANK_TOTALS}"]`).count()).toBe(1);
      await axe(page, 'aggregate');
    } finally {
      await context.close();
    }
    expect(checked.length).toBe(6);
  }, 240_000);
});
