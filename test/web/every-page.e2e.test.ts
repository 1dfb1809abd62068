// Issue #14's acceptance: every page of the platform in headless Chromium, at 360 × 740 (a phone),
// 1366 × 900 (an office screen), at 200% text size on the phone (WCAG 1.4.4) and at 400% zoom (320 CSS
// px, WCAG 1.4.10 reflow):
// nothing wider than the screen outside a region that scrolls sideways, no table cell narrower than
// four characters, no button or tab text stacked, readable text, controls big enough to tap; axe's
// WCAG A/AA rules and its best practices on the phone and the office screen (no serious or critical
// finding); the sizes and the check are in support/page-sizes.ts. With PAGE_SCREENSHOTS=1
// a screenshot of every page at every size is written to test-artifacts/pages/ for a reviewer to look at
// (`PAGE_SCREENSHOTS=1 npx vitest run test/web/every-page.e2e.test.ts`); a full-page PNG costs more than
// the page's checks, so the suite does not take them unasked.
//
// "Every page": the pages are found by following the links from where each kind of visitor starts (the
// portal; the demo agency's workspace as its administrator; the city's oversight as the 政务公开办;
// 平台管理 as the platform's administrator) over `gongkai demo`'s data; every GET route of the app is
// then either reached or listed below with the reason it is not a page, so a new page nobody links to
// (or this test forgot) fails here. The pages behind a form — the receipt, the status result, the
// first-start setup — are reached by filling the form in the browser.
//
// Without a browser this file is skipped locally; in CI (CI set) it runs and fails if Chromium is missing.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createUser } from '../../src/services/accounts.ts';
import { startSession } from '../../src/services/accounts/sessions.ts';
import { loadDemo } from '../../src/services/demo.ts';
import type { DemoSummary } from '../../src/services/demo.ts';
import { DEMO_CITY, DEMO_OVERSIGHT_USER } from '../../src/services/demo/oversight.ts';
import { DEMO_SITE } from '../../src/services/demo/agency.ts';
import { createApp } from '../../src/web/app.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';
import { checkPage, LAYOUTS, openAtSizes, PHONE, screenshot } from '../support/page-sizes.ts';
import type { Size } from '../support/page-sizes.ts';
import { crawl } from '../support/page-inventory.ts';
import type { FoundPage, Visitor } from '../support/page-inventory.ts';
import { startTestServer } from '../support/web-server.ts';
import { createRound } from '../../src/services/catalogue/cleanup.ts';
import { submitReport } from '../../src/services/report-signoff.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`every-page tests skipped: no Chromium at ${chromiumPath()}`);

const TODAY = '2026-06-15';
const NOW = `${TODAY}T10:00:00.000+08:00`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** GET routes that are not pages, each with why (every other GET route must be reached by a link). */
const NOT_PAGES: Record<string, string> = {
  '/:agency': 'redirects to /:agency/',
  '/:agency/emblem': 'an image (the header shows it)',
  '/:agency/feed.atom': 'an Atom feed',
  '/:agency/proactive/:category/feed.atom': 'an Atom feed',
  '/:agency/info/:id/files/:file': 'an attachment download',
  '/:agency/reports/:file': 'the report page and its DOCX/XLSX/PDF (the page is reached: /reports/2025)',
  '/:agency/status/documents/:file': 'reached after the status query (the notice, HTML and Word)',
  '/:agency/status/result': 'reached after the status query, in the browser',
  '/:agency/apply/receipt': 'shown once after an application is sent, in the browser',
  '/:agency/complaint/receipt': 'shown once after a complaint (投诉、举报) is sent from the form /:agency/complaint, which the crawl reaches',
  '/:agency/status/withdraw': 'reached after the status query of an open application, in the browser',
  '/:agency/status/receipt.pdf': 'the receipt as PDF (a download, after the status query)',
  '/:agency/apply/receipt.pdf': 'the receipt as PDF (a download, from the receipt page)',
  '/assets/citizen.css': 'a stylesheet',
  '/assets/print.js': 'a script',
  '/staff/:agency/applications/:id/corrections/:upload': 'a file download (the page listing it is checked)',
  '/assets/draft.js': 'a script',
  '/assets/favicon.svg': 'the site icon',
  '/assets/public.css': 'a stylesheet',
  '/favicon.ico': 'redirects to the icon',
  '/setup': 'only before the platform is set up: checked on an empty server',
  '/staff/login': 'checked as the first page of the sign-in',
  '/staff/:agency/applications/:id/identity-proof/:upload': 'a file download (the page listing it is checked)',
  '/staff/:agency/applications/:id/scans/:upload': 'a file download (the page listing it is checked)',
  '/staff/:agency/catalogue/:id/attachments/:attachmentId': 'a file download (the page listing it is checked)',
  '/staff/:agency/oversight/:year/files/:id': 'a file download (the page listing it is checked)',
  '/staff/:agency/records/cases/:id/documents/:documentId': 'a file download (the page listing it is checked)',
  '/staff/:agency/amendments/:id/notice/:format': 'a 更正 decision notice (printable page and Word download; the request page listing it is checked)',
  '/staff/:agency/oversight': "redirects to last year's collection",
  '/staff/:agency/report': 'the year chooser (?year=): redirects to /report/:year',
  '/staff/:agency/register/table': 'the year chooser (?year=): redirects to /register/table/:year',
  '/staff/:agency/report-facts': 'the year chooser (?year=): redirects to /report-facts/:year',
}; // the downloads the crawl reaches (DOCX, XLSX, CSV, files) are fetched, not laid out

const ROUTES = createApp({} as never)
  .routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/api'))
  .map((r) => r.path)
  .filter((p, i, all) => all.indexOf(p) === i && p !== '/*' && !p.endsWith('*'));

describe.skipIf(!runHere)('every page at four sizes (Chromium)', () => {
  let demo: DemoSummary | undefined;
  const cookies = new Map<string, string>();
  /** pages a person opens from a record they know (an application with notices, an item with files …): where the crawl also starts */
  const deep: string[] = [];

  const started = useServerAndBrowser(
    {
      now: () => NOW,
      seed: async ({ db, queryKey }) => {
        const calendar = buildCalendar();
        if (!calendar.ok) throw new Error(calendar.error.message);
        const r = await loadDemo(db, { today: TODAY, now: `${TODAY}T02:00:00.000Z`, calendar: calendar.value, queryKey });
        if (!r.ok) throw new Error(r.error.message);
        demo = r.value;
        const platform = await createUser(db, { username: 'platform-admin', displayName: '平台管理员', password: 'correct horse battery' }, NOW);
        if (!platform.ok) throw new Error(platform.error.message);
        await db.updateTable('users').set({ platformAdmin: true }).where('id', '=', platform.value.id).execute();
        // what the demo does not have: a 清理 round of the register and a report in sign-off (a correction of last year's)
        const actor = { userId: null, name: '演示管理员', now: NOW, today: TODAY };
        const round = await createRound(db, (await db.selectFrom('agencies').select('id').where('code', '=', r.value.agencyCode).executeTakeFirstOrThrow()).id, { title: '行政规范性文件清理', asOf: TODAY }, actor);
        if (!round.ok) throw new Error(round.error.message);
        const submitted = await submitReport(db, r.value.agencyCode, r.value.reportYear, { changeNote: '更正了表三的一处数字。', explanation: '与上一年度报告的差异已核实。' }, actor);
        if (!submitted.ok) throw new Error(submitted.error.message);
        const agency = await db.selectFrom('agencies').select('id').where('code', '=', r.value.agencyCode).executeTakeFirstOrThrow();
        const base = `/staff/${r.value.agencyCode}`;
        const first = async <T,>(q: Promise<T | undefined>): Promise<T | undefined> => q;
        const withNotice = await first(db.selectFrom('documents').select('applicationId').where('agencyId', '=', agency.id).orderBy('id').executeTakeFirst());
        if (withNotice) deep.push(`${base}/applications/${withNotice.applicationId}`);
        const withFile = await first(db.selectFrom('catalogueAttachments').innerJoin('catalogueItems', 'catalogueItems.id', 'catalogueAttachments.itemId').select('catalogueAttachments.itemId').where('catalogueItems.agencyId', '=', agency.id).orderBy('catalogueAttachments.id').executeTakeFirst());
        if (withFile) deep.push(`${base}/catalogue/${withFile.itemId}`);
        // a published item: its page offers 更正 (the first item the crawl reaches may be a draft)
        const published = await first(db.selectFrom('catalogueItems').select('id').where('agencyId', '=', agency.id).where('state', '=', 'published').orderBy('id').executeTakeFirst());
        if (published) deep.push(`${base}/catalogue/${published.id}`);
        deep.push(`${base}/register/cleanup/${round.value.id}`, `${base}/report-signoff/${submitted.value.id}`);
        const caseFile = await first(db.selectFrom('reviewCaseDocuments').select('caseId').where('agencyId', '=', agency.id).orderBy('id').executeTakeFirst());
        if (caseFile) deep.push(`${base}/records/cases/${caseFile.caseId}`);
        for (const username of ['demo-admin', DEMO_OVERSIGHT_USER.username, 'platform-admin']) {
          const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
          const session = await startSession(db, user.id, NOW);
          cookies.set(username, `gk_session=${session.sessionToken}`);
        }
      },
    },
    180_000,
  );

  let found: FoundPage[] = [];

  it('every GET route is a page reached by a link, or is listed with the reason it is not; no link is broken', async () => {
    const { server } = started();
    const agency = demo?.agencyCode ?? 'demo';
    const visitors: Visitor[] = [
      // a search is a form (GET): its results page starts from a query
      { role: 'public', cookie: '', start: ['/', `/${agency}/`, `/${DEMO_CITY.code}/`, `/${agency}/search?q=${encodeURIComponent('规划')}`] },
      { role: 'demo-admin', cookie: cookies.get('demo-admin') ?? '', start: ['/staff', `/staff/${agency}`, `/staff/${agency}/catalogue/search?q=${encodeURIComponent('规划')}`, ...deep], skip: (p) => !p.startsWith(`/staff/${agency}`) && p !== '/staff' && p !== '/staff/account' },
      { role: DEMO_OVERSIGHT_USER.username, cookie: cookies.get(DEMO_OVERSIGHT_USER.username) ?? '', start: [`/staff/${DEMO_CITY.code}`, `/staff/${DEMO_CITY.code}/oversight/2025/review`], skip: (p) => !p.startsWith(`/staff/${DEMO_CITY.code}`) },
      { role: 'platform-admin', cookie: cookies.get('platform-admin') ?? '', start: ['/staff/platform'], skip: (p) => !p.startsWith('/staff/platform') },
    ];
    const result = await crawl(server.url, visitors, ROUTES);
    expect(result.broken, result.broken.join('\n')).toEqual([]);
    found = result.pages;
    const reached = new Set(found.map((p) => p.route));
    const missing = ROUTES.filter((r) => !reached.has(r) && NOT_PAGES[r] === undefined);
    expect(missing, `routes no link reaches (link them, or list them in NOT_PAGES with the reason):\n${missing.join('\n')}`).toEqual([]);
    const stale = Object.keys(NOT_PAGES).filter((r) => !ROUTES.includes(r));
    expect(stale, 'NOT_PAGES lists routes the app does not have').toEqual([]);
  }, 120_000);

  async function contextFor(browser: Browser, size: Size, role: string, baseUrl: string): Promise<BrowserContext> {
    const context = await browser.newContext(size.context);
    const cookie = cookies.get(role);
    if (cookie) {
      const [name = '', value = ''] = cookie.split('=');
      await context.addCookies([{ name, value, url: baseUrl }]);
    }
    return context;
  }

  for (const { base, scaled } of LAYOUTS) {
    // axe on the phone and on the office screen, the two layouts the pages have; the 200% text and the 400%
    // zoom are those layouts at another scale (the same DOM, names, roles and colours; larger text only
    // lowers the contrast it needs): they are held to the layout checks, which is what a scale changes
    /** the page as it is at the layout's size (with axe), then at its scale */
    const checkBoth = async (view: { page: Page; show: (size: Size) => Promise<void> }, label: string): Promise<string[]> => {
      const problems = await checkPage(view.page, base, label, true);
      await view.show(scaled);
      problems.push(...(await checkPage(view.page, scaled, label, false)));
      await view.show(base);
      return problems;
    };
    it(`${base.name} and ${scaled.name}: every page fits and reads, and passes axe at ${base.name}`, async () => {
      const { server, browser } = started();
      expect(found.length, 'the crawl ran first').toBeGreaterThan(40);
      const problems: string[] = [];
      const byRole = new Map<string, FoundPage[]>();
      const pages = found.filter((p) => p.status === 200 && p.type.startsWith('text/html'));
      // one address per route (the first reached)
      const routes = new Set<string>();
      for (const p of pages) {
        if (routes.has(p.route)) continue;
        routes.add(p.route);
        byRole.set(p.role, [...(byRole.get(p.role) ?? []), p]);
      }
      for (const [role, list] of byRole) {
        const context = await contextFor(browser, base, role, server.url);
        try {
          const view = await openAtSizes(context, base);
          const { page } = view;
          for (const p of list) {
            const response = await page.goto(`${server.url}${p.path}`, { waitUntil: 'load' });
            expect(response?.status(), p.path).toBe(200);
            problems.push(...(await checkBoth(view, p.path)));
            // the column's every page carries the agency's footer (主办单位, 备案 numbers)
            if (p.role === 'public' && p.path.startsWith(`/${demo?.agencyCode ?? 'demo'}/`)) {
              const footer = await page.locator('footer.site').innerText();
              for (const part of [DEMO_SITE.sponsor, DEMO_SITE.icp, DEMO_SITE.policeRecord, DEMO_SITE.siteCode]) if (!footer.includes(part)) problems.push(`${p.path}: the footer lacks ${part}`);
            }
          }
        } finally {
          await context.close();
        }
      }
      // the pages behind a form: the application and its receipt, the status query and its result
      const context = await contextFor(browser, base, 'public', server.url);
      try {
        const view = await openAtSizes(context, base);
        const { page } = view;
        const agency = demo?.agencyCode ?? 'demo';
        await page.goto(`${server.url}/${agency}/apply`);
        await page.getByRole('button', { name: '提交申请' }).click();
        await page.waitForURL(`**/${agency}/apply`);
        problems.push(...(await checkBoth(view, `/${agency}/apply (refused)`)));
        await page.getByLabel('自然人', { exact: true }).check();
        await page.getByLabel('申请人姓名或名称').fill('赵六');
        await page.getByLabel('居民身份证', { exact: true }).check();
        await page.getByLabel('身份证明文件号码').fill('11010519491231002X');
        await page.getByLabel('身份证明文件（必填）', { exact: true }).setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
        await page.getByLabel('所需政府信息的名称').fill('2025年某地块征收补偿方案');
        await page.getByLabel('电子文本，电子邮件发送').check();
        await page.getByLabel('电子邮箱').fill('zhaoliu@example.com');
        await page.getByRole('button', { name: '提交申请' }).click();
        await page.waitForURL(`**/${agency}/apply/receipt`);
        problems.push(...(await checkBoth(view, `/${agency}/apply/receipt`)));
        const [sentCode = '', sentPassword = ''] = await page.locator('span.receipt-code').allInnerTexts();
        const sample = demo?.sample;
        expect(sample, 'the demo has an application to query').toBeTruthy();
        await page.goto(`${server.url}/${agency}/status`);
        await page.getByLabel('回执码').fill(sample?.receiptCode ?? '');
        await page.getByLabel('查询密码').fill(sample?.password ?? '');
        await page.getByRole('button', { name: '查询' }).click();
        await page.waitForURL(`**/${agency}/status/result`);
        problems.push(...(await checkBoth(view, `/${agency}/status/result`)));
        if (!(await page.locator('footer.site').innerText()).includes(DEMO_SITE.icp)) problems.push('/status/result: the footer lacks the ICP备案号');
        const notice = page.getByRole('link', { name: /在线查看/ }).first();
        if ((await notice.count()) > 0) {
          await page.goto(`${server.url}${await notice.getAttribute('href')}`);
          problems.push(...(await checkBoth(view, `/${agency}/status/documents (a notice)`)));
        }
        // the application just sent: open, so 撤回 is offered, and the page that confirms it (not confirmed here)
        await page.goto(`${server.url}/${agency}/status`);
        await page.getByLabel('回执码').fill(sentCode);
        await page.getByLabel('查询密码').fill(sentPassword);
        await page.getByRole('button', { name: '查询' }).click();
        await page.waitForURL(`**/${agency}/status/result`);
        problems.push(...(await checkBoth(view, `/${agency}/status/result (open)`)));
        await page.getByRole('link', { name: /撤回申请（下一页/ }).click();
        await page.waitForURL(`**/${agency}/status/withdraw`);
        problems.push(...(await checkBoth(view, `/${agency}/status/withdraw`)));
        await page.goto(`${server.url}/staff/login`);
        problems.push(...(await checkBoth(view, '/staff/login')));
      } finally {
        await context.close();
      }
      expect(problems, problems.join('\n')).toEqual([]);
    }, 600_000);
  }

  it('长者模式 without JavaScript: switched on from any page, kept across every public page — body text 20 px and up, contrast 7:1 (WCAG 1.4.6) — and switched off again', async () => {
    const { server, browser } = started();
    const agency = demo?.agencyCode ?? 'demo';
    const context = await browser.newContext({ ...PHONE.context, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/${agency}/guide`);
      expect(await page.locator('html').getAttribute('class')).toBeNull();
      await page.getByRole('link', { name: /长者模式/ }).click();
      await page.waitForURL(`**/${agency}/guide`);
      expect(await page.locator('html').getAttribute('class')).toBe('elder');
      // kept: by following the column's own navigation, and on every public page the crawl found
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '政府信息公开目录' }).click();
      await page.waitForURL(`**/${agency}/catalogue`);
      expect(await page.locator('html').getAttribute('class')).toBe('elder');
      const problems: string[] = [];
      const routes = new Set<string>();
      const publicPages = found.filter((p) => p.role === 'public' && p.status === 200 && p.type.startsWith('text/html') && !routes.has(p.route) && routes.add(p.route));
      expect(publicPages.length).toBeGreaterThan(8);
      for (const p of publicPages) {
        await page.goto(`${server.url}${p.path}`);
        if ((await page.locator('html').getAttribute('class')) !== 'elder') problems.push(`${p.path}: not in 长者模式`);
      }
      // measured with the browser's scripts (the page has none of its own) in a second window with the same cookie
      const measuring = await browser.newContext(PHONE.context);
      try {
        await measuring.addCookies(await context.cookies());
        const m = await measuring.newPage();
        for (const p of publicPages) {
          await m.goto(`${server.url}${p.path}`);
          const sizes = (await m.evaluate(`(() => { const small = []; for (const el of document.querySelectorAll('main p, main li, main td, main th, main label, main dd, main dt, footer p')) { const s = parseFloat(getComputedStyle(el).fontSize); if (el.textContent.trim() !== '' && s < 20 && !el.closest('.visually-hidden')) small.push(el.tagName + ' ' + s + 'px: ' + el.textContent.trim().slice(0, 20)); } return { body: parseFloat(getComputedStyle(document.body).fontSize), small: small.slice(0, 5) }; })()`)) as { body: number; small: string[] };
          if (sizes.body < 20) problems.push(`${p.path}: body text ${sizes.body}px`);
          for (const small of sizes.small) problems.push(`${p.path}: text under 20px: ${small}`);
          const contrast = await checkAccessibility(m, { rules: ['color-contrast-enhanced', 'color-contrast'] });
          if (contrast.length > 0) problems.push(`${p.path}:\n${formatViolations(contrast)}`);
          await screenshot(m, 'elder-360', p.path);
        }
      } finally {
        await measuring.close();
      }
      expect(problems, problems.join('\n')).toEqual([]);
      await page.getByRole('link', { name: '退出长者模式' }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('html').getAttribute('class')).toBeNull();
    } finally {
      await context.close();
    }
  }, 300_000);

  it('the first-start setup page fits every size (an empty platform)', async () => {
    const empty = await startTestServer({ now: () => NOW });
    const { browser } = started();
    try {
      const problems: string[] = [];
      for (const { base, scaled } of LAYOUTS) {
        const context = await browser.newContext(base.context);
        try {
          const view = await openAtSizes(context, base);
          await view.page.goto(`${empty.url}/`);
          await view.page.waitForURL('**/setup');
          problems.push(...(await checkPage(view.page, base, '/setup', true)));
          await view.show(scaled);
          problems.push(...(await checkPage(view.page, scaled, '/setup', true)));
        } finally {
          await context.close();
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await empty.close();
    }
  }, 120_000);

});
