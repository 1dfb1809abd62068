// Issue #17's duties of the office in headless Chromium, on a phone (360 × 740), against the real server:
// the delivery (送达) of a reply recorded from the application page — method, tracking number, date,
// evidence — and the applicant's remedy deadlines then counted from the delivery (dates counted by hand
// below); a reply 予以公开 turned into a catalogue item (转主动公开, 条例第四十四条) that goes through 保密审查,
// 初审, 复审 and 签发 and is published in the column, linked to its application; a citizen's complaint (投诉, 条例第五十一条) filed from the agency's column reaching the office above
// (the city's 政务公开监督), who finds it in its list. axe-core on each page, nothing wider than the screen. Without a browser this file is skipped
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
const CITY = { code: 'duties-city', name: '某市人民政府' };
const PHONE = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } as const;

describe.skipIf(!runHere)('the office’s duties in the browser (issue #17)', () => {
  const seeded = { applicationId: 0, cookie: '', cityCookie: '', reviewers: [] as string[] };

  const started = useServerAndBrowser({
    now: () => NOW,
    seed: async ({ db, now }) => {
      const calendar = buildCalendar();
      if (!calendar.ok) throw new Error(calendar.error.message);
      const city = await createAgency(db, { ...CITY, level: 'government' }, now);
      if (!city.ok) throw new Error(city.error.message);
      const agency = await createAgency(db, { ...AGENCY, level: 'department', parentCode: CITY.code }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      const overseer = await createUser(db, { username: 'zhao.gongkaiban', displayName: '赵公开办', password: 'correct horse battery' }, now);
      if (!overseer.ok) throw new Error(overseer.error.message);
      await addMembership(db, overseer.value.id, city.value.id, 'oversight');
      seeded.cityCookie = (await startSession(db, overseer.value.id, now)).sessionToken;
      // the review chain's people: 科室负责人 (初审), 办公室 (复审), 分管领导 (签发)
      for (const [username, displayName, role] of [['li.kezhang', '李科长', 'section_head'], ['zhao.bangongshi', '赵办公室', 'office'], ['wang.fenguan', '王分管', 'leader']] as const) {
        const reviewer = await createUser(db, { username, displayName, password: 'correct horse battery' }, now);
        if (!reviewer.ok) throw new Error(reviewer.error.message);
        await addMembership(db, reviewer.value.id, agency.value.id, role);
        seeded.reviewers.push((await startSession(db, reviewer.value.id, now)).sessionToken);
      }
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

  async function phonePage(session: string | null = seeded.cookie): Promise<Page> {
    const { server, browser } = started();
    const context = await browser.newContext(PHONE);
    if (session !== null) await context.addCookies([{ name: 'gk_session', value: session, url: server.url }]);
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

  /** Submits the form holding the button and waits for the page it leads to. */
  async function press(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  it('a reply 予以公开 turned into a catalogue item, reviewed, signed off and published in the column', async () => {
    const { server } = started();
    const page = await phonePage();
    const title = '某小区改造项目的批复文件';
    let itemUrl = '';
    try {
      await page.goto(`${server.url}/staff/${AGENCY.code}/applications/${seeded.applicationId}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '转为主动公开' }).click()]);
      await checkPage(page, 'the 转主动公开 form');
      await page.getByLabel('信息类别').selectOption({ index: 1 });
      expect(await page.getByLabel('标题').inputValue()).toContain(title);
      await press(page, '生成主动公开目录草稿');
      itemUrl = page.url().split('?')[0] ?? '';
      expect(itemUrl).toMatch(new RegExp(`/staff/${AGENCY.code}/catalogue/\\d+$`));
      expect(await page.locator('main').innerText()).toMatch(/来源\s+依申请公开 \d{4}-\d{5}/);
      expect(await page.locator(`main a[href$="/applications/${seeded.applicationId}"]`).count()).toBe(1);
      await checkPage(page, 'the draft made from the reply');
      await page.getByLabel('不涉密', { exact: true }).check();
      await press(page, '记录保密审查');
      await press(page, '提交审核');
      expect(await page.locator('main').innerText()).toContain('审核中');
    } finally {
      await page.context().close();
    }
    // 初审, 复审, 签发 — each by its reviewer; the 分管领导 then publishes it at once
    for (const [i, session] of seeded.reviewers.entries()) {
      const reviewer = await phonePage(session);
      try {
        await reviewer.goto(itemUrl);
        await reviewer.getByLabel('审核意见').fill('同意。');
        await press(reviewer, '同意');
        if (i === seeded.reviewers.length - 1) {
          await checkPage(reviewer, 'the item signed off');
          await press(reviewer, '立即发布到公开专栏');
        }
      } finally {
        await reviewer.context().close();
      }
    }
    const citizen = await phonePage(null);
    try {
      const itemId = itemUrl.split('/').pop();
      const response = await citizen.goto(`${server.url}/${AGENCY.code}/info/${itemId}`);
      expect(response?.status()).toBe(200);
      expect(await citizen.locator('main').innerText()).toContain(title);
      await checkPage(citizen, 'the published item');
    } finally {
      await citizen.context().close();
    }
    // the application page links to the item, now published
    const back = await phonePage();
    try {
      await back.goto(`${server.url}/staff/${AGENCY.code}/applications/${seeded.applicationId}`);
      expect(await back.locator('#proactive ~ ul').innerText()).toMatch(/已转为主动公开：[\s\S]*已发布/);
    } finally {
      await back.context().close();
    }
  }, 180_000);

  it('a complaint filed by a citizen from the column reaches the office above', async () => {
    const { server } = started();
    const citizen = await phonePage(null);
    let number = '';
    try {
      await citizen.goto(`${server.url}/${AGENCY.code}/`);
      await citizen.getByRole('link', { name: '投诉、举报' }).first().click();
      await citizen.waitForURL(`**/${AGENCY.code}/complaint`);
      expect(await citizen.locator('main').innerText()).toContain(`由${CITY.name}受理`);
      await checkPage(citizen, 'the complaint form');
      await citizen.getByRole('radio', { name: /^投诉/ }).check();
      await citizen.getByRole('textbox', { name: /^姓名或名称/ }).fill('王五');
      await citizen.getByRole('textbox', { name: /^联系方式/ }).fill('13900000031');
      await citizen.getByRole('textbox', { name: /^投诉、举报的事项和理由/ }).fill('2025年2月17日提交的申请，答复未告知救济途径。');
      await citizen.getByRole('button', { name: '提交' }).click();
      await citizen.waitForURL(`**/${AGENCY.code}/complaint/receipt`);
      const receipt = await citizen.locator('main').innerText();
      number = /投诉\d{4}-\d{4}/.exec(receipt)?.[0] ?? '';
      expect(number).toBe('投诉2025-0001');
      expect(receipt).toContain(CITY.name);
      // received Wednesday 12 March 2025; 20 working days: 13–14 (2), 17–21 (7), 24–28 (12), 31 March–3 April
      // (16), 4 April is 清明, 7–10 April (20): Thursday 10 April
      expect(receipt).toContain('2025年4月10日');
      await checkPage(citizen, 'the complaint receipt');
    } finally {
      await citizen.context().close();
    }
    const office = await phonePage(seeded.cityCookie);
    try {
      await office.goto(`${server.url}/staff/${CITY.code}`);
      await office.getByRole('link', { name: /投诉举报/ }).first().click();
      await office.waitForURL(`**/staff/${CITY.code}/complaints**`);
      const list = await office.locator('main').innerText();
      expect(list).toContain(number);
      expect(list).toContain(AGENCY.name);
      await checkPage(office, 'the office’s complaint list');
      await office.getByRole('link', { name: number }).click();
      await office.waitForURL(`**/staff/${CITY.code}/complaints/*`);
      expect(await office.locator('main').innerText()).toContain('答复未告知救济途径');
      await checkPage(office, 'the complaint at the office above');
    } finally {
      await office.context().close();
    }
  }, 120_000);
});
