// The public column's proactive content in headless Chromium against the real server: axe (WCAG 2.1
// A/AA) finds no serious or critical violation on 法定主动公开内容, a category, the 政府信息公开目录,
// an item page (published and withdrawn) and the search results; at 360 px the page never scrolls
// sideways, the 目录's wide table scrolls inside its own container and its columns keep a readable
// width (never one character per line), and the item's metadata block fits; the Atom feed is
// well-formed XML for the browser's own strict parser (DOMParser, application/xml).
//
// Without a browser this file is skipped locally; in CI (CI set) it runs and fails if Chromium is missing.

import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { checkAccessibility, chromiumPath, formatViolations, hasChromium, useServerAndBrowser } from '../support/browser.ts';
import { addAttachment, addOwnCategory, makeItem } from './catalogue-support.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`public catalogue browser tests skipped: no Chromium at ${chromiumPath()}`);

const CODE = 'nyj';
const PHONE: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1280, height: 800 } };
const ids = { doc: 0, gone: 0 };

describe.runIf(runHere)('public catalogue in a browser', () => {
  const started = useServerAndBrowser({
    seed: async ({ db, now }) => {
      const a = await createAgency(db, { code: CODE, name: '某某自治州某某县农业农村局（某某县乡村振兴局）', level: 'department' }, now);
      if (!a.ok) throw new Error(a.error.message);
      await addOwnCategory(db, a.value.id, 'gzdt', '工作动态');
      const doc = await makeItem(db, a.value.id, {
        title: '某某县关于印发《耕地地力保护补贴实施办法（试行）》的通知',
        summary: '明确耕地地力保护补贴的对象、标准、发放程序和监督管理要求，自印发之日起施行，有效期五年。',
        docNumber: '某某农规〔2024〕3号',
        docType: '行政规范性文件',
        writtenOn: '2024-03-15',
        publishedOn: '2024-03-20',
        topic: '农业、林业、水利',
        category: 'a20-1',
        body: '## 第一章 总则\n第一条 为规范耕地地力保护补贴发放，制定本办法。\n\n- 补贴对象\n- 补贴标准',
      });
      ids.doc = doc.id;
      await addAttachment(db, doc.id, '补贴发放花名册（样表）.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', new Uint8Array([80, 75, 3, 4]));
      await makeItem(db, a.value.id, { title: '《耕地地力保护补贴实施办法》政策解读', docType: '政策解读', interprets: doc.indexNumber, publishedOn: '2024-03-20', body: '一、出台背景。' });
      for (let i = 0; i < 25; i++) await makeItem(db, a.value.id, { title: `2024年第${i + 1}批耕地地力保护补贴发放情况公示`, docNumber: `某某农发〔2024〕${i + 10}号`, category: 'a20-11', publishedOn: '2024-05-01', summary: '公示各乡镇补贴发放金额。' });
      await makeItem(db, a.value.id, { title: '春耕生产现场会召开', category: 'own:gzdt', publishedOn: '2024-04-02' });
      const gone = await makeItem(db, a.value.id, { title: '已撤回的公示', category: 'a20-11', publishedOn: '2024-04-01', body: '正文' }, { withdrawn: { at: '2024-04-05T02:00:00.000Z', reason: '数据有误，核实后重新发布' } });
      ids.gone = gone.id;
    },
  });

  const pages = () => [
    `/${CODE}/proactive`,
    `/${CODE}/proactive/a20-11`,
    `/${CODE}/catalogue`,
    `/${CODE}/info/${ids.doc}`,
    `/${CODE}/info/${ids.gone}`,
    `/${CODE}/search?q=${encodeURIComponent('耕地补贴')}`,
  ];

  it('has no serious or critical axe violation on the column’s proactive pages, on a phone and a desktop', async () => {
    const { server, browser } = started();
    for (const options of [PHONE, DESKTOP]) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      for (const path of pages()) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBe(200);
        const violations = await checkAccessibility(page);
        expect(violations, `${path} at ${options.viewport?.width}px\n${formatViolations(violations)}`).toEqual([]);
      }
      await context.close();
    }
  }, 120_000);

  it('never scrolls sideways at 360 px; the 目录 table scrolls in its container with readable columns', async () => {
    const { server, browser } = started();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    for (const path of pages()) {
      await page.goto(`${server.url}${path}`);
      const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
    }
    await page.goto(`${server.url}/${CODE}/catalogue`);
    const table = await page.evaluate(() => {
      type El = { scrollWidth: number; clientWidth: number; getBoundingClientRect(): { width: number } };
      const doc = (globalThis as unknown as { document: { querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> } }).document;
      const wrap = doc.querySelector('.table-wrap');
      const cells = Array.from(doc.querySelectorAll('.catalogue-table tbody tr:first-child td'));
      return { wrap: wrap ? { scroll: wrap.scrollWidth, client: wrap.clientWidth } : null, cells: cells.map((c) => Math.round(c.getBoundingClientRect().width)) };
    });
    expect(table.wrap).not.toBeNull();
    expect(table.wrap!.scroll).toBeGreaterThan(table.wrap!.client);
    expect(table.wrap!.client).toBeLessThanOrEqual(360);
    // every column is wider than a few characters (16 px a character: 4 characters at least)
    expect(table.cells).toHaveLength(6);
    for (const w of table.cells) expect(w).toBeGreaterThanOrEqual(64);
    // the item's metadata block: each term and value side by side within the screen
    await page.goto(`${server.url}/${CODE}/info/${ids.doc}`);
    const meta = await page.evaluate(() => {
      type El = { getBoundingClientRect(): { right: number; width: number } };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
      return Array.from(doc.querySelectorAll('.meta dd')).map((d) => ({ right: Math.round(d.getBoundingClientRect().right), width: Math.round(d.getBoundingClientRect().width) }));
    });
    expect(meta).toHaveLength(8);
    for (const d of meta) {
      expect(d.right).toBeLessThanOrEqual(360);
      expect(d.width).toBeGreaterThanOrEqual(120);
    }
    await context.close();
  }, 60_000);

  it('serves an Atom feed the browser parses as XML, with one entry per public item', async () => {
    const { server, browser } = started();
    const page = await browser.newPage();
    await page.goto(`${server.url}/${CODE}/catalogue`);
    const result = await page.evaluate(async (url: string) => {
      const g = globalThis as unknown as {
        fetch(u: string): Promise<{ text(): Promise<string> }>;
        DOMParser: new () => { parseFromString(s: string, t: string): { documentElement: { namespaceURI: string; localName: string }; getElementsByTagName(n: string): { length: number }; getElementsByTagNameNS(ns: string, n: string): { length: number } } };
      };
      const xml = await (await g.fetch(url)).text();
      const doc = new g.DOMParser().parseFromString(xml, 'application/xml');
      return { errors: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, entries: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length };
    }, `${server.url}/${CODE}/feed.atom`);
    expect(result).toEqual({ errors: 0, root: 'feed', ns: 'http://www.w3.org/2005/Atom', entries: 29 });
    await page.close();
  }, 60_000);
});
