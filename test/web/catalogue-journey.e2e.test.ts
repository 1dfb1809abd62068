// Issue #11, end to end in headless Chromium against the real server: a 经办人 drafts an item in the
// editor, decides its 公开属性 and records the 保密审查, submits it; the 科室负责人 (初审), the 办公室
// (复审) and the 分管领导 (签发) each find it in 待我审核 and approve it; the leader schedules it
// (定时发布); the server's clock passes the moment and the server's own runner publishes it — then it
// is in 法定主动公开内容, the 政府信息公开目录, the search and the Atom feed; the leader withdraws it and
// its public page says 已撤回 with the reason. axe (serious/critical) on every page the journey opens,
// and at 360 px no page scrolls sideways.
// Without a browser this file is skipped locally; in CI (CI set) it runs and fails if Chromium is missing.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMembership, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`catalogue journey test skipped: no Chromium at ${chromiumPath()}`);

const AGENCY = { code: 'zrzy', name: '某市自然资源和规划局' };
const USERS = {
  handler: { username: 'zhang.jingban', displayName: '张经办', password: 'plenty of words here 1', role: 'handler' },
  head: { username: 'li.kezhang', displayName: '李科长', password: 'plenty of words here 2', role: 'section_head' },
  office: { username: 'zhao.bangongshi', displayName: '赵办公室', password: 'plenty of words here 3', role: 'office' },
  leader: { username: 'wang.fenguan', displayName: '王分管', password: 'plenty of words here 4', role: 'leader' },
} as const;
type Who = keyof typeof USERS;

const TITLE = '示范市关于下达农村危房改造补助资金的通知';
const PHONE = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } as const;

/** The server's clock: real Beijing time plus an offset the test moves forward. */
let offsetMs = 0;
const clock = (): string => new Date(Date.now() + offsetMs + 8 * 3600_000).toISOString().replace('Z', '+08:00');

describe.skipIf(!runHere)('a catalogue item from draft to the public column, and withdrawn (Chromium)', () => {
  const started = useServerAndBrowser({
    now: clock,
    publicationIntervalMs: 200,
    seed: async ({ db, now }) => {
      const agency = await createAgency(db, { ...AGENCY, level: 'department' }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      for (const u of Object.values(USERS)) {
        const user = await createUser(db, u, now);
        if (!user.ok) throw new Error(user.error.message);
        const m = await addMembership(db, user.value.id, agency.value.id, u.role);
        if (!m.ok) throw new Error(m.error.message);
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

  /** Submits the form holding the button and waits for the page it leads to. */
  async function press(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  async function approveFromInbox(browser: Browser, who: Who, itemUrl: string): Promise<void> {
    const page = await as(browser, who);
    await page.goto(`${started().server.url}/staff/${AGENCY.code}/inbox`);
    await axe(page, `待我审核 of ${who}`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: TITLE }).first().click()]);
    expect(page.url().split('?')[0]).toBe(itemUrl);
    await page.getByLabel('审核意见').fill(`${USERS[who].displayName}：同意。`);
    await press(page, '同意');
  }

  it('draft → 公开属性 → 保密审查 → 初审 → 复审 → 签发 → 定时发布 → published everywhere → 撤回', async () => {
    const { server, browser } = started();
    const base = server.url;
    try {
      // --- the 经办人 drafts the item
      const h = await as(browser, 'handler');
      await h.goto(`${base}/staff/${AGENCY.code}/catalogue/new`);
      await axe(h, 'editor');
      await h.getByLabel('标题').fill(TITLE);
      await h.getByLabel('信息类别').selectOption('a20-11');
      await h.getByLabel('文件类型').selectOption('通知公告');
      await h.getByLabel('文号').fill('示范自然资发〔2024〕7号');
      await h.getByLabel('内容概述').fill('下达各区县农村危房改造补助资金。');
      await h.getByLabel('正文').fill('## 一、资金安排\n各区县：现将农村危房改造补助资金下达给你们。\n- 专款专用\n- 按月报送进度');
      await press(h, '保存草稿');
      const itemUrl = h.url().split('?')[0]!;
      expect(itemUrl).toMatch(new RegExp(`/staff/${AGENCY.code}/catalogue/\\d+$`));
      const itemId = Number(itemUrl.split('/').pop());
      await axe(h, 'item page (draft)');

      // 公开属性, then 保密审查 of this version, then submission
      await h.getByLabel('主动公开', { exact: true }).check();
      await press(h, '保存公开属性');
      await h.getByLabel('不涉密', { exact: true }).check();
      await press(h, '记录保密审查');
      await press(h, '提交审核');
      expect(await h.locator('main').innerText()).toContain('审核中');

      // --- three stages, each from its reviewer's inbox
      await approveFromInbox(browser, 'head', itemUrl);
      await approveFromInbox(browser, 'office', itemUrl);
      await approveFromInbox(browser, 'leader', itemUrl);

      // --- the leader schedules it ten minutes ahead (Beijing time)
      const l = await as(browser, 'leader');
      await l.goto(itemUrl);
      await axe(l, 'item page (signed off)');
      const at = new Date(Date.parse(clock()) + 10 * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);
      await l.getByLabel('发布时间（北京时间）').fill(at);
      await press(l, '定时发布');
      expect(await l.locator('main').innerText()).toContain('定时发布');

      // not public before its moment
      const citizen = await browser.newContext(PHONE);
      const c = await citizen.newPage();
      expect((await c.goto(`${base}/${AGENCY.code}/info/${itemId}`))?.status()).toBe(404);

      // --- the clock passes the moment: the server's runner publishes it (polled by the order of events, not by time)
      offsetMs = 11 * 60_000;
      let status = 404;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = (await c.goto(`${base}/${AGENCY.code}/info/${itemId}`))?.status() ?? 0;
        if (status !== 200) await c.waitForTimeout(100);
      }
      expect(status).toBe(200);
      const itemText = await c.locator('main').innerText();
      for (const s of [TITLE, '示范自然资发〔2024〕7号', '索引号', '发布机构', AGENCY.name, '专款专用']) expect(itemText).toContain(s);
      await axe(c, 'public item page (360 px)');

      // in 法定主动公开内容 (its category), the 目录, the search and the feed
      const visible: [string, string][] = [
        [`/${AGENCY.code}/proactive`, '法定主动公开内容'],
        [`/${AGENCY.code}/proactive/a20-11`, 'category page'],
        [`/${AGENCY.code}/catalogue`, '政府信息公开目录'],
        [`/${AGENCY.code}/search?q=${encodeURIComponent('危房')}`, 'search 危房'],
        [`/${AGENCY.code}/search?q=${encodeURIComponent('〔2024〕7号')}`, 'search 文号'],
      ];
      for (const [path, label] of visible) {
        expect((await c.goto(`${base}${path}`))?.status(), path).toBe(200);
        if (path !== `/${AGENCY.code}/proactive`) expect(await c.locator('main').innerText(), label).toContain(TITLE);
        await axe(c, `${label} (360 px)`);
        expect(await c.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'), `${label} scrolls sideways at 360 px`).toBe(true);
      }
      const feed = await (await fetch(`${base}/${AGENCY.code}/feed.atom`)).text();
      expect(feed).toContain(TITLE);
      const categoryFeed = await (await fetch(`${base}/${AGENCY.code}/proactive/a20-11/feed.atom`)).text();
      expect(categoryFeed).toContain(TITLE);

      // --- the leader withdraws it; the public page says so and no longer shows the body
      await l.goto(itemUrl);
      await l.getByLabel('撤回理由').fill('补助资金数额有误，核实后重新发布');
      await press(l, '撤回这条信息');
      const after = await c.goto(`${base}/${AGENCY.code}/info/${itemId}`);
      expect(after?.status()).toBe(200);
      const gone = await c.locator('main').innerText();
      expect(gone).toContain('已撤回');
      expect(gone).toContain('补助资金数额有误，核实后重新发布');
      expect(gone).not.toContain('专款专用');
      await axe(c, 'withdrawn item page (360 px)');
      expect(await c.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await citizen.close();
      expect(checked.length).toBeGreaterThanOrEqual(12);
    } finally {
      for (const context of contexts.values()) await context.close();
    }
  }, 180_000);
});
