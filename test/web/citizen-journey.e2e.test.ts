// Issue #14, the citizen's journey end to end: the real server (startTestServer) with a clock the test moves
// from day to day, in headless Chromium. A citizen applies online (Monday 3 March 2025) and downloads the
// receipt's PDF (read back: the code, no password) → the office asks for a 补正 on 4 March (through the API:
// the staff pages are not what is tested here) → on 10 March the citizen's status page shows the progress at
// 补正 and the 补正期限, the reply period as not counted → the citizen sends the 补正 online (text and a
// picture) → the reply due date shown is 20 working days from 10 March, the day the 补正 arrived → the staff
// see it on the application page. A second application is withdrawn online after its confirmation page.
// The status page at 360 px (the progress view in the screen's width) and printed (no banner, no forms, the
// agency's line). axe-core on the pages. Without a browser this file is skipped locally; in CI it runs.

import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../src/domain/calendar/dates.ts';
import { normalisePdfText } from '../../src/domain/report/input/pdf-content.ts';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { readPdfPages } from '../../src/services/pdf/read.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`citizen journey test skipped: no Chromium at ${chromiumPath()} (apt-get install -y --no-install-recommends chromium fonts-noto-cjk, or set CHROMIUM_PATH; in CI it runs)`);

const AGENCY = { code: 'zrzyj', name: '某市自然资源局' };
const STAFF = { username: 'zhang.jingban', displayName: '张经办', password: 'correct horse battery' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const plusWorkingDays = (date: string, n: number): string => {
  const d = calendar.addWorkingDays(parseIsoDate(date) as number, n);
  if (!d.ok) throw new Error(d.error.message);
  return toIsoDate(d.value);
};
const cn = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The server's clock (Beijing time), moved by the test. */
let clock = '2025-03-03T09:00:00.000+08:00';
const on = (day: string, time = '10:00:00') => {
  clock = `${day}T${time}.000+08:00`;
};
let apiToken = '';

describe.skipIf(!runHere)('the citizen’s journey: 补正 online, the reply period restarted, 撤回, receipt PDF, print (Chromium)', () => {
  const started = useServerAndBrowser({
    now: () => clock,
    config: { chromiumPath: chromiumPath() },
    seed: async ({ db, now }) => {
      const agency = await createAgency(db, { ...AGENCY, level: 'department' }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      const user = await createUser(db, STAFF, now);
      if (!user.ok) throw new Error(user.error.message);
      const m = await addMembership(db, user.value.id, agency.value.id, 'admin');
      if (!m.ok) throw new Error(m.error.message);
      const token = await createApiToken(db, user.value.id, '测试', now);
      if (!token.ok) throw new Error(token.error.message);
      apiToken = token.value.token;
    },
  });

  async function axe(page: Page, label: string): Promise<void> {
    const violations = await checkAccessibility(page);
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
  }

  async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> {
    const response = await fetch(`${started().server.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${apiToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const json: unknown = await response.json();
    expect(response.ok, JSON.stringify(json)).toBe(true);
    return json;
  }

  /** The citizen fills the online form; returns the receipt page's code, password and number. */
  async function apply(page: Page, request: string): Promise<{ receiptCode: string; password: string; number: string }> {
    await page.goto(`${started().server.url}/${AGENCY.code}/apply`);
    await page.getByLabel('自然人', { exact: true }).check();
    await page.getByLabel('申请人姓名或名称').fill('王小明');
    await page.getByLabel('居民身份证', { exact: true }).check();
    await page.getByLabel('身份证明文件号码').fill('11010519491231002X');
    await page.getByLabel('身份证明文件（必填）', { exact: true }).setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('通信地址').fill('某市某区某路1号');
    await page.getByLabel('所需政府信息的名称').fill(request);
    await page.getByLabel('纸质文本，邮寄').check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(`**/${AGENCY.code}/apply/receipt`);
    const [receiptCode = '', password = ''] = await page.locator('span.receipt-code').allInnerTexts();
    const number = (await page.getByRole('row', { name: /申请编号/ }).locator('td').innerText()).trim();
    return { receiptCode, password, number };
  }

  async function queryStatus(page: Page, receiptCode: string, password: string): Promise<void> {
    await page.goto(`${started().server.url}/${AGENCY.code}/status`);
    await page.getByLabel('回执码').fill(receiptCode);
    await page.getByLabel('查询密码').fill(password);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(`**/${AGENCY.code}/status/result`);
  }

  async function applicationId(number: string): Promise<number> {
    const list = (await api('/applications')) as { items: { id: number; number: string }[] };
    const found = list.items.find((i) => i.number === number);
    if (!found) throw new Error(`no application ${number}`);
    return found.id;
  }

  async function pdfText(path: string): Promise<string> {
    const read = await readPdfPages(new Uint8Array(await readFile(path)));
    if (!read.ok) throw new Error(read.error.message);
    return normalisePdfText(read.pages.map((p) => p.items.map((i) => i.text).join('')).join('\n'))
      .normalize('NFKC')
      .replace(/\s+/g, '');
  }

  it('补正 online: the reply due date counts from the day the 补正 arrived; the staff see it', async () => {
    const { server, browser } = started();
    const citizen: BrowserContext = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const staff: BrowserContext = await browser.newContext({ locale: 'zh-CN' });
    try {
      // --- Monday 3 March: the application, its receipt, the receipt's PDF (no password in it)
      on('2025-03-03', '09:00:00');
      const c = await citizen.newPage();
      const { receiptCode, password, number } = await apply(c, '2025年某地块征收补偿方案');
      await axe(c, 'receipt page');
      await expect.poll(() => c.getByRole('button', { name: '打印本页' }).isVisible()).toBe(true);
      const [download] = await Promise.all([c.waitForEvent('download'), c.getByRole('link', { name: '下载申请回执（PDF）' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const receiptText = await pdfText(await download.path());
      expect(receiptText).toContain(receiptCode);
      expect(receiptText).toContain(AGENCY.name);
      expect(receiptText).toContain('本回执不含查询密码');
      expect(receiptText).not.toContain(password);

      // --- Tuesday 4 March: the office asks for a 补正 (15 working days), with its notice
      on('2025-03-04');
      const id = await applicationId(number);
      await api(`/applications/${id}/documents`, {
        method: 'POST',
        body: { kind: 'correction_notice', issuedOn: '2025-03-04', values: { correctionItems: '请写明所需信息的文号或者地块位置' }, step: { type: 'request_correction', occurredOn: '2025-03-04', workingDays: 15 } },
      });

      // --- Monday 10 March: the status page at 补正, then the 补正 sent online
      on('2025-03-10', '15:20:00');
      await queryStatus(c, receiptCode, password);
      await axe(c, 'status page awaiting the 补正');
      const current = c.locator('ol.progress-steps > li[aria-current="step"]');
      await expect.poll(() => current.count()).toBe(1);
      expect(await current.innerText()).toContain('补正');
      const correctionDue = plusWorkingDays('2025-03-04', 15);
      expect(await c.locator('.progress-deadline').innerText()).toContain(`补正期限（条例第三十条）：${cn(correctionDue)}`);
      const replyRow = c.getByRole('table', { name: '答复期限（条例第三十三条）' });
      expect(await replyRow.innerText()).toContain('暂不计算');
      expect(await replyRow.innerText()).not.toContain('已结束');

      // at 360 px the progress view stays within the screen
      await c.setViewportSize({ width: 360, height: 740 });
      const rights = (await c.evaluate("Array.from(document.querySelectorAll('ol.progress-steps > li')).map((li) => li.getBoundingClientRect().right)")) as number[];
      expect(rights).toHaveLength(4);
      expect(rights.every((right) => right <= 360), String(rights)).toBe(true);
      await c.setViewportSize({ width: 1366, height: 900 });

      await c.getByLabel('补正后的申请内容').fill('所需信息为某地块（编号A-12）的征收补偿方案，文号：某政发〔2025〕12号');
      await c.getByLabel('补正材料').setInputFiles({ name: '地块位置图.png', mimeType: 'image/png', buffer: PNG });
      await c.getByRole('button', { name: '提交补正' }).click();
      await c.waitForURL('**/status/result?done=correction');
      expect(await c.locator('.notice[role="status"]').first().innerText()).toContain(`已收到您的补正（收到日期：${cn('2025-03-10')}）`);
      await axe(c, 'status page after the 补正');

      // the reply period runs from the day the 补正 arrived, not from the application or the notice
      const replyDue = plusWorkingDays('2025-03-10', 20);
      expect(replyDue).not.toBe(plusWorkingDays('2025-03-03', 20));
      expect(replyDue).not.toBe(plusWorkingDays('2025-03-04', 20));
      const deadline = await c.locator('.progress-deadline').innerText();
      expect(deadline).toContain(`答复期限（条例第三十三条）：${cn(replyDue)}`);
      expect(deadline).toContain('确定');
      expect(await c.locator('ol.progress-steps > li[aria-current="step"]').innerText()).toContain('办理');
      expect(await c.locator('main').innerText()).toContain('您通过本平台在线补正，平台当即确认收到');
      expect(await c.locator('form[action$="/status/correction"]').count()).toBe(0);

      // printed: no banner, navigation or forms; the agency's line and the record
      await c.emulateMedia({ media: 'print' });
      expect(await c.locator('header.banner').isVisible()).toBe(false);
      expect(await c.locator('nav.main').isVisible()).toBe(false);
      expect(await c.locator('form[action$="/status/end"]').isVisible()).toBe(false);
      expect(await c.locator('p.print-only').innerText()).toContain(AGENCY.name);
      expect(await c.getByRole('table', { name: '申请信息' }).innerText()).toContain(receiptCode);
      await c.emulateMedia({ media: 'screen' });
      expect(await c.locator('p.print-only').isVisible()).toBe(false);

      // --- the staff see the 补正 on the application page
      const s = await staff.newPage();
      await s.goto(`${server.url}/staff/login`);
      await s.getByLabel('用户名').fill(STAFF.username);
      await s.getByLabel('密码').fill(STAFF.password);
      await s.getByRole('button', { name: '登录' }).click();
      await s.waitForURL(`**/staff/${AGENCY.code}`);
      await s.goto(`${server.url}/staff/${AGENCY.code}/applications/${id}`);
      const staffPage = await s.locator('main').innerText();
      expect(staffPage).toContain('申请人在线补正');
      expect(staffPage).toContain('文号：某政发〔2025〕12号');
      expect(await s.getByRole('link', { name: /地块位置图\.png/ }).count()).toBe(1);
      const view = (await api(`/applications/${id}`)) as { clocks: { id: string; due: string | null }[] };
      expect(view.clocks.find((k) => k.id === 'reply')?.due).toBe(replyDue);
    } finally {
      await citizen.close();
      await staff.close();
    }
  });

  it('撤回 online after a page that explains it', async () => {
    const { browser } = started();
    const citizen = await browser.newContext({ locale: 'zh-CN' });
    try {
      on('2025-03-11');
      const c = await citizen.newPage();
      const { receiptCode, password, number } = await apply(c, '2024年某道路工程的环境影响评价文件');
      on('2025-03-12');
      await queryStatus(c, receiptCode, password);
      await c.getByRole('link', { name: /撤回申请（下一页说明撤回的后果/ }).click();
      await c.waitForURL('**/status/withdraw');
      await axe(c, 'withdraw page');
      const explained = await c.locator('main').innerText();
      expect(explained).toContain('撤回不能取消');
      expect(explained).toContain(number);
      await c.getByLabel('撤回理由').fill('已从其他渠道取得该信息');
      await c.getByRole('button', { name: '确认撤回申请' }).click();
      await c.waitForURL('**/status/result?done=withdrawn');
      const page = await c.locator('main').innerText();
      expect(page).toContain('您已撤回申请');
      expect(page).toContain('已办结（未答复）');
      const current = c.locator('ol.progress-steps > li[aria-current="step"]');
      expect(await current.innerText()).toContain('办结');
      expect(await current.innerText()).toContain(`撤回申请：${cn('2025-03-12')}`);
      expect(await c.getByRole('link', { name: /撤回申请（下一页/ }).count()).toBe(0);
      const id = await applicationId(number);
      const view = (await api(`/applications/${id}`)) as { application: { state: string; outcome: string; closedOn: string } };
      expect(view.application).toMatchObject({ state: 'concluded', outcome: 'OTHER', closedOn: '2025-03-12' });
    } finally {
      await citizen.close();
    }
  });
});
