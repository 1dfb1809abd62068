// Two quality requirements of the web platform, proved in headless Chromium against the real server
// (startTestServer, seeded through the services with an agency, its staff, applications — one made
// online with a document issued to the applicant — and a published annual report):
//
// 1. Down to a 360 px phone (360×740, touch): the public column pages and the staff workspace never
//    scroll sideways — the page is no wider than the screen and no visible element sticks out past its
//    right edge (a wide table may scroll inside its own overflow-x:auto wrapper: that is checked as one
//    box, not its content) — the body text is at least 14 px and no text under 12 px, and every control
//    is big enough to tap (text fields, selects and buttons at least 40×40 px; a radio or checkbox with
//    its label at least 24×24 px, WCAG 2.2 target size).
// 2. Keyboard only: on the online application form the first Tab reaches the skip link, which moves the
//    focus to <main>; Tab then reaches every control of the form (one stop per radio group) in the
//    page's order, top to bottom, each with a focus indicator of at least 3:1 contrast against what is
//    around it and scrolled into view; the form is filled (typing, Space, arrow keys, the file chooser
//    opened with Space) and sent with Enter, ending on the receipt with its 回执码 and 查询密码. A member
//    of staff signs in the same way on /staff/login and reaches the dashboard (工作台).
//
// Without a browser this file is skipped locally; in CI (CI set) it runs and fails if Chromium is missing.

import { createRound } from '../../src/services/catalogue/cleanup.ts';
import { publishedItem } from '../support/register.ts';
import type { BrowserContextOptions, FileChooser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMembership, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { formatReceiptCode, submitOnline } from '../../src/services/public-applications.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { createItem } from '../../src/services/catalogue/items.ts';
import { chromiumPath, hasChromium, useServerAndBrowser } from '../support/browser.ts';
import { auditLayout } from '../support/layout-audit.ts';
import type { Win } from '../support/layout-audit.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) {
  console.warn(`responsive and keyboard tests skipped: no Chromium at ${chromiumPath()} (apt-get install -y --no-install-recommends chromium fonts-noto-cjk, or set CHROMIUM_PATH; in CI they run)`);
}

// a long name (the banner, the breadcrumb) and long unbroken text (a pasted address) on purpose
const AGENCY = { code: 'fgw', name: '某某自治州某某市发展和改革委员会（某某市粮食和物资储备局）' };
const ADMIN = { username: 'zhang.admin', displayName: '张管理', password: 'correct horse battery' };
const LONG_URL = 'https://www.example.gov.cn/zwgk/zfxxgkml/fzggw/tzgg/2025/202503/t20250305_1234567890_attachment_final_version.pdf';
const LONG_EMAIL = 'xinxigongkai.shenqing.zhangsan.2025@mail.example-very-long-domain-name.com.cn';

/** A valid 1×1 PNG (the identity proof). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The phone's screen (CSS px): the right edge nothing may cross. */
const SCREEN = 360;
const PHONE: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: SCREEN, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1280, height: 800 } };

/** Text fields, selects and buttons: at least this tall and wide (px). */
const MIN_CONTROL = 40;
/** A radio or checkbox together with its label: at least this tall and wide (px; WCAG 2.2 2.5.8). */
const MIN_CHOICE = 24;
const MIN_BODY_FONT = 14;
const MIN_TEXT_FONT = 12;
/** WCAG 2.1 1.4.11: a focus indicator against what is next to it. */
const MIN_FOCUS_CONTRAST = 3;

interface Focused {
  /** a.skip, a[href=…], input#id, radio:name, button:text … */
  key: string;
  tag: string;
  type: string;
  name: string;
  id: string;
  text: string;
  /** whether it is a control of the page's main form (form[data-draft] or the form in <main>) */
  inForm: boolean;
  inMain: boolean;
  checked: boolean;
  /** position in the document (px from its top-left) */
  top: number;
  left: number;
  inViewport: boolean;
  /** outline and box-shadow as computed, the colour behind, and the better contrast of the two */
  indicator: string;
  contrast: number;
}

/** Runs in the page: the focused element, where it is and how its focus shows. */
function focusedElement(): Focused | null {
  const win = globalThis as unknown as Win;
  const doc = win.document;
  const el = doc.activeElement;
  if (!el || el === doc.body) return null;
  const rgba = (s: string): [number, number, number, number] | null => {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)/.exec(s);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const luminance = (c: [number, number, number, number]): number => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const contrastOf = (a: [number, number, number, number], b: [number, number, number, number]): number => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };
  // the colour around the element: the first opaque background of its ancestors, else the canvas (white)
  let behind: [number, number, number, number] = [255, 255, 255, 1];
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = rgba(win.getComputedStyle(p).backgroundColor);
    if (c && c[3] > 0.5) {
      behind = c;
      break;
    }
  }
  const style = win.getComputedStyle(el);
  let contrast = 0;
  const outlineColour = rgba(style.outlineColor);
  if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1 && outlineColour && outlineColour[3] > 0.5) contrast = contrastOf(outlineColour, behind);
  if (style.boxShadow !== 'none') {
    for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
      const colour = rgba(shadow);
      const lengths = shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? [];
      const [, , blur = '0', spread = '0'] = lengths.map((l) => l);
      if (colour && colour[3] > 0.5 && (Number.parseFloat(spread) > 0 || Number.parseFloat(blur) > 0) && !/inset/.test(shadow)) contrast = Math.max(contrast, contrastOf(colour, behind));
    }
  }
  const r = el.getBoundingClientRect();
  const tag = el.tagName.toLowerCase();
  const type = el.type ?? '';
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
  const key =
    type === 'radio'
      ? `radio:${el.name ?? ''}`
      : tag === 'a'
        ? el.matches('.skip')
          ? 'a.skip'
          : `a[href=${el.getAttribute('href') ?? ''}]`
        : tag === 'button'
          ? `button:${text}`
          : `${tag}#${el.id || el.name || ''}`;
  const main = doc.querySelector('main');
  const form = doc.querySelector('main form[method=post]');
  return {
    key,
    tag,
    type,
    name: el.name ?? '',
    id: el.id,
    text,
    inForm: Boolean(form && el.form === form),
    inMain: Boolean(main && el.closest('main') === main),
    checked: el.checked === true,
    top: Math.round(r.top + win.scrollY),
    left: Math.round(r.left),
    inViewport: r.bottom > 0 && r.top < win.innerHeight && r.right > 0 && r.left < win.innerWidth,
    indicator: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow ${style.boxShadow}; behind rgb(${behind.slice(0, 3).join(', ')})`,
    contrast: Math.round(contrast * 100) / 100,
  };
}

/** Runs in the page: the tab stops the page's main form should have, in document order (one per radio group). */
function expectedStops(): string[] {
  const doc = (globalThis as unknown as Win).document;
  const form = doc.querySelector('main form[method=post]');
  if (!form) return [];
  const keys: string[] = [];
  for (const el of Array.from(form.elements ?? [])) {
    const tag = el.tagName.toLowerCase();
    if (!['input', 'select', 'textarea', 'button'].includes(tag) || el.type === 'hidden' || el.disabled) continue; // not a <fieldset>
    const key = el.type === 'radio' ? `radio:${el.name ?? ''}` : tag === 'button' ? `button:${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)}` : `${tag}#${el.id || el.name || ''}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!runHere)('a 360 px phone and the keyboard alone (Chromium)', () => {
  /** of the application made online in the seed */
  let seeded = { id: 0, receiptCode: '', password: '', itemId: 0 };
  let thisYear = 0;
  let roundId = 0;

  const started = useServerAndBrowser({
    seed: async ({ db, now, queryKey }) => {
      const today = now.slice(0, 10);
      thisYear = Number(today.slice(0, 4));
      const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
      const built = buildCalendar();
      if (!built.ok) throw new Error(built.error.message);
      const who = { actor: 'seed', now, today, calendar: built.value };
      const agency = await createAgency(db, { ...AGENCY, level: 'department' }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      const user = await createUser(db, ADMIN, now);
      if (!user.ok) throw new Error(user.error.message);
      const member = await addMembership(db, user.value.id, agency.value.id, 'admin');
      if (!member.ok) throw new Error(member.error.message);
      // in person: one long overdue, one recent (the dashboard's tables, the list)
      for (const [submittedOn, applicantType, applicantName] of [
        [daysAgo(60), 'commercial', '某某自治州某某市某某房地产开发有限责任公司第一分公司'],
        [daysAgo(3), 'natural_person', '李四'],
      ] as const) {
        const r = await registerApplication(db, agency.value.id, { applicantType, applicantName, channel: 'in_person', submittedOn, request: `请公开 ${LONG_URL} 所列文件的全文` }, who);
        if (!r.ok) throw new Error(r.error.message);
      }
      // online, with a document issued to the applicant (the status page's table of documents)
      const online = await submitOnline(
        db,
        AGENCY.code,
        {
          applicantType: 'natural_person',
          applicantName: '王小明',
          idKind: 'resident_id',
          idNumber: '11010519491231002X',
          phone: '13800138000',
          email: LONG_EMAIL,
          address: '某某自治州某某市某某区某某街道某某路1号某某小区1栋2单元301室',
          request: `2025年某地块征收补偿方案（文号：某政发〔2025〕12号），网址：${LONG_URL}`,
          deliveryForm: 'email',
          identityProof: { bytes: new Uint8Array(PNG), type: 'image/png', name: '身份证.png' },
        },
        now,
        queryKey,
      );
      if (!online.ok) throw new Error(online.error.message);
      const id = online.value.applicationId;
      const assigned = await recordEvent(db, agency.value.id, id, { type: 'assign', occurredOn: today, handler: '李经办' }, who);
      if (!assigned.ok) throw new Error(assigned.error.message);
      const notice = await issueDocument(
        db,
        agency.value.id,
        id,
        { kind: 'extension_notice', issuedOn: today, values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: today, workingDays: 20 } },
        who,
      );
      if (!notice.ok) throw new Error(notice.error.message);
      seeded = { id, receiptCode: formatReceiptCode(online.value.receiptCode), password: online.value.password, itemId: 0 };
      // last year's annual report, published (the column's 年报 list and the report with its wide tables)
      const report = await computeAnnualReport(db, AGENCY.code, thisYear - 1);
      if (!report.ok) throw new Error(report.error.message);
      await db.insertInto('publishedReports').values({ agencyId: agency.value.id, year: thisYear - 1, report: JSON.stringify(report.value), publishedAt: now }).execute();
      // the register: a published 行政规范性文件 with a long title, and an open 清理 round (its conclusion forms)
      const catalogueActor = { userId: null, name: 'seed', now, today };
      await publishedItem(db, agency.value.id, { title: `关于印发某某自治州某某市国有土地上房屋征收与补偿实施办法（试行）的通知 ${LONG_URL}`, docType: '行政规范性文件', writtenOn: daysAgo(400), docNumber: '某某自治州某某市自然资源和规划局规〔2024〕12号' }, catalogueActor);
      const round = await createRound(db, agency.value.id, { title: '行政规范性文件清理', asOf: today }, catalogueActor);
      if (!round.ok) throw new Error(round.error.message);
      roundId = round.value.id;
      // a catalogue draft with a long 文号 and title (the catalogue list's wide table, the editor)
      const item = await createItem(db, agency.value.id, { title: `关于印发${AGENCY.name}政府信息公开工作要点的通知`, category: 'a20-1', docType: '行政规范性文件', docNumber: '某某发改规〔2025〕12号', writtenOn: today, body: `## 一、总体要求\n- ${LONG_URL}` }, { userId: null, name: 'seed', now, today });
      if (!item.ok) throw new Error(item.error.message);
      seeded.itemId = item.value.id;
    },
  });


  /** The page as it is now on the phone: every problem found, as lines (empty when it fits). */
  async function fitProblems(page: Page, label: string): Promise<string[]> {
    const a = await page.evaluate(auditLayout, { screen: SCREEN, minControl: MIN_CONTROL, minChoice: MIN_CHOICE, minText: MIN_TEXT_FONT });
    const problems: string[] = [];
    // a page without <meta name=viewport content="width=device-width"> is laid out 980 px wide and zoomed out
    if (a.scrollWidth > SCREEN + 1) problems.push(`${label}: the page is ${a.scrollWidth} px wide on a ${SCREEN} px screen (scrolls sideways)`);
    if (a.innerWidth !== SCREEN || a.scale !== 1) problems.push(`${label}: laid out ${a.innerWidth} px wide at scale ${a.scale}, not ${SCREEN} px at 1`);
    for (const o of a.overflowing) problems.push(`${label}: sticks out: ${o}`);
    if (a.bodyFontSize < MIN_BODY_FONT) problems.push(`${label}: body text ${a.bodyFontSize}px < ${MIN_BODY_FONT}px`);
    for (const t of a.tinyText) problems.push(`${label}: text smaller than ${MIN_TEXT_FONT}px: ${t}`);
    for (const c of a.smallControls) problems.push(`${label}: too small to tap: ${c}`);
    if (a.elements < 10) problems.push(`${label}: only ${a.elements} visible elements (did the page load?)`);
    return problems;
  }

  async function open(page: Page, path: string): Promise<void> {
    const response = await page.goto(`${started().server.url}${path}`, { waitUntil: 'load' });
    expect(response?.status(), `status of ${path} (after redirects: ${page.url()})`).toBeLessThan(400);
  }

  it('the public column fits a 360 px phone: no sideways scrolling, readable text, controls big enough to tap', async () => {
    const { browser } = started();
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      const base = `/${AGENCY.code}`;
      const problems: string[] = [];
      for (const path of ['/', `${base}/`, `${base}/guide`, `${base}/rules`, `${base}/proactive`, `${base}/reports`, `${base}/reports/${thisYear - 1}`, `${base}/apply`, `${base}/status`]) {
        await open(page, path);
        problems.push(...(await fitProblems(page, path)));
      }
      expect(problems, problems.join('\n')).toEqual([]);
      // the report's tables are wider than the phone: they scroll inside their wrapper, the page does not
      await open(page, `${base}/reports/${thisYear - 1}`);
      expect((await page.evaluate(auditLayout, { screen: SCREEN, minControl: 0, minChoice: 0, minText: 0 })).innerScrollers.length, 'a table of the report scrolling inside its wrapper').toBeGreaterThan(0);

      // the form refused (the error summary and the messages by the fields), then sent: the receipt
      await open(page, `${base}/apply`);
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(`**${base}/apply`);
      expect(await page.locator('.error-summary').count(), 'the error summary').toBe(1);
      problems.push(...(await fitProblems(page, `${base}/apply (refused)`)));
      await page.getByLabel('自然人', { exact: true }).check();
      await page.getByLabel('申请人姓名或名称').fill('赵六');
      await page.getByLabel('居民身份证', { exact: true }).check();
      await page.getByLabel('身份证明文件号码').fill('11010519491231002X');
      await page.getByLabel('身份证明文件（必填）', { exact: true }).setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
      await page.getByLabel('电子邮箱').fill(LONG_EMAIL);
      await page.getByLabel('所需政府信息的名称').fill(`某某文件，网址：${LONG_URL}`);
      await page.getByLabel('电子文本，电子邮件发送').check();
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(`**${base}/apply/receipt`);
      expect(await page.locator('h1').innerText()).toBe('申请已提交');
      problems.push(...(await fitProblems(page, `${base}/apply/receipt`)));

      // the status query and its result (the seeded application: a document issued)
      await open(page, `${base}/status`);
      await page.getByLabel('回执码').fill(seeded.receiptCode);
      await page.getByLabel('查询密码').fill(seeded.password);
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(`**${base}/status/result`);
      expect(await page.locator('main').innerText()).toContain('政府信息公开申请延期答复告知书');
      problems.push(...(await fitProblems(page, `${base}/status/result`)));

      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the staff workspace fits a 360 px phone: no sideways scrolling, readable text, controls big enough to tap', async () => {
    const { browser } = started();
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      await open(page, '/staff/login');
      problems.push(...(await fitProblems(page, '/staff/login')));
      await page.getByLabel('用户名').fill(ADMIN.username);
      await page.getByLabel('密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`**/staff/${AGENCY.code}`);
      await open(page, '/staff'); // one agency: straight to its dashboard
      expect(page.url()).toMatch(new RegExp(`/staff/${AGENCY.code}$`));
      expect(await page.locator('h1').innerText()).toBe('工作台');
      problems.push(...(await fitProblems(page, '/staff (dashboard)')));
      const base = `/staff/${AGENCY.code}`;
      for (const path of [
        `${base}/applications`,
        `${base}/applications?q=${encodeURIComponent('王小明')}`,
        `${base}/applications/${seeded.id}`,
        `${base}/applications/${seeded.id}/documents?kind=reply`,
        `${base}/applications/new`,
        `${base}/report/${thisYear}`,
        `${base}/report/${thisYear}/cell?row=newReceived&column=0`,
        `${base}/register`,
        `${base}/register/table/${thisYear}`,
        `${base}/register/table/${thisYear}/cell?row=normativeDocuments&column=inForce`,
        `${base}/register/cleanup`,
        `${base}/register/cleanup/${roundId}`,
        `${base}/catalogue`,
        `${base}/catalogue/new`,
        `${base}/catalogue/${seeded.itemId}/edit`,
        `${base}/catalogue/settings`,
        `${base}/catalogue/import`,
      ]) {
        await open(page, path);
        problems.push(...(await fitProblems(page, path)));
      }
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  /** Presses Tab and returns what has the focus, after checking it can be seen. */
  async function tab(page: Page, problems: string[]): Promise<Focused> {
    await page.keyboard.press('Tab');
    return seen(page, problems);
  }

  async function seen(page: Page, problems: string[]): Promise<Focused> {
    const f = await page.evaluate(focusedElement);
    if (!f) throw new Error('the focus left the page');
    if (!f.inViewport) problems.push(`${f.key} has the focus but is not on the screen`);
    if (f.contrast < MIN_FOCUS_CONTRAST) problems.push(`${f.key}: no visible focus indicator (contrast ${f.contrast} < ${MIN_FOCUS_CONTRAST}; ${f.indicator})`);
    return f;
  }

  /** Each stop at or below the one before (same line: further right). */
  function visualOrderProblems(stops: readonly Focused[]): string[] {
    const out: string[] = [];
    stops.forEach((s, i) => {
      const before = stops[i - 1];
      if (before && (s.top < before.top - 4 || (Math.abs(s.top - before.top) <= 4 && s.left < before.left))) out.push(`${s.key} (y=${s.top}, x=${s.left}) comes after ${before.key} (y=${before.top}, x=${before.left})`);
    });
    return out;
  }

  it('the online application form: every control reached by Tab in visual order, focus visible, filled and sent with the keyboard alone', async () => {
    const { browser, server } = started();
    const context = await browser.newContext(DESKTOP);
    try {
      const page = await context.newPage();
      // listen for the file chooser before the page loads: Playwright turns Chromium's chooser
      // interception on when the first listener arrives, and a Space pressed before that opens
      // the native (headless, invisible) dialog instead
      const choosers: FileChooser[] = [];
      page.on('filechooser', (chooser) => choosers.push(chooser));
      const base = `/${AGENCY.code}`;
      await page.goto(`${server.url}${base}/apply`, { waitUntil: 'load' });
      expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), 'a positive tabindex (reorders the tab sequence)').toBe(0);
      const problems: string[] = [];

      // the skip link first; Enter moves the focus to <main>
      const skip = await tab(page, problems);
      expect(skip.key, 'the first Tab').toBe('a.skip');
      expect(skip.text).toBe('跳到主要内容');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => (globalThis as unknown as Win).document.activeElement?.id), 'the focus after the skip link').toBe('main');

      // Tab through <main> to the submit button, filling in on the way
      const stops: Focused[] = [];
      const picked: Record<string, string> = {};
      for (let presses = 0; ; presses++) {
        if (presses > 60) throw new Error(`the submit button was not reached after 60 Tabs; reached: ${stops.map((s) => s.key).join(' → ')}`);
        const f = await tab(page, problems);
        expect(f.inMain, `${f.key}: Tab left <main> before the submit button`).toBe(true);
        stops.push(f);
        if (f.type === 'radio') {
          expect(f.checked, `${f.key}: nothing is chosen yet`).toBe(false);
          await page.keyboard.press('Space');
          if (f.name === 'deliveryForm') await page.keyboard.press('ArrowDown'); // the second way: 纸质文本，自行领取
          const now = await seen(page, problems);
          expect(now.checked, `${now.key}: chosen with the keyboard`).toBe(true);
          picked[f.name] = await page.evaluate(() => (globalThis as unknown as Win).document.activeElement?.value ?? '');
        } else if (f.type === 'file') {
          await page.keyboard.press('Space');
          await expect.poll(() => choosers.length, { message: `${f.key}: Space opens the file chooser` }).toBe(1);
          await choosers[0]!.setFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
        } else if (f.id === 'applicantName') await page.keyboard.type('王小明');
        else if (f.id === 'idNumber') await page.keyboard.type('11010519491231002X');
        else if (f.id === 'phone') await page.keyboard.type('13800138000');
        else if (f.id === 'request') await page.keyboard.type('2025年某地块征收补偿方案（文号：某政发〔2025〕12号）');
        else if (f.tag === 'button') break;
      }
      expect(picked, 'the choices made with Space and the arrow keys').toEqual({ applicantType: 'natural_person', idKind: 'resident_id', deliveryForm: 'paper_pickup' });
      // every control of the form, once, in the order of the page (one stop per radio group)
      const expected = await page.evaluate(expectedStops);
      expect(expected).toEqual(expect.arrayContaining(['radio:applicantType', 'input#applicantName', 'radio:idKind', 'input#idNumber', 'input#identityProof', 'textarea#request', 'radio:deliveryForm']));
      expect(stops.filter((s) => s.inForm).map((s) => s.key)).toEqual(expected);
      problems.push(...visualOrderProblems(stops));
      expect(problems, problems.join('\n')).toEqual([]);

      // Enter on the submit button sends it: the receipt with the 回执码 and the 查询密码
      expect(stops.at(-1)?.key).toBe('button:提交申请');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**${base}/apply/receipt`);
      await expect.poll(() => page.locator('h1').innerText()).toBe('申请已提交');
      const receipt = page.locator('table', { has: page.locator('caption', { hasText: '申请回执' }) });
      expect(await receipt.getByRole('row', { name: /回执码/ }).locator('.receipt-code').innerText()).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(await receipt.getByRole('row', { name: /查询密码/ }).locator('.receipt-code').innerText()).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a member of staff signs in with the keyboard alone and reaches the dashboard', async () => {
    const { browser, server } = started();
    const context = await browser.newContext(DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/staff/login`, { waitUntil: 'load' });
      const problems: string[] = [];
      const stops: Focused[] = [];
      for (let presses = 0; ; presses++) {
        if (presses > 15) throw new Error(`the 登录 button was not reached after 15 Tabs; reached: ${stops.map((s) => s.key).join(' → ')}`);
        const f = await tab(page, problems);
        stops.push(f);
        if (f.id === 'username') await page.keyboard.type(ADMIN.username);
        else if (f.id === 'password') await page.keyboard.type(ADMIN.password);
        else if (f.tag === 'button') break;
      }
      expect(stops[0]?.key, 'the first Tab').toBe('a.skip');
      expect(stops.filter((s) => s.inForm).map((s) => s.key)).toEqual(['input#username', 'input#password', 'button:登录']);
      problems.push(...visualOrderProblems(stops.slice(1))); // the skip link sits over the banner
      expect(problems, problems.join('\n')).toEqual([]);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/staff/${AGENCY.code}`);
      await expect.poll(() => page.locator('h1').innerText()).toBe('工作台');
      // and on the dashboard the first Tab is the skip link again, its focus visible
      const first = await tab(page, problems);
      expect(first.key).toBe('a.skip');
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
