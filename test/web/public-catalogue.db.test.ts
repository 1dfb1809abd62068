// The public column's proactive content through createApp().request(): 法定主动公开内容 with counts per
// category, a category's pages (keyset: no duplicate, no gap, back and forth), the 政府信息公开目录 and
// its filters, an item's page (metadata, body, attachments, 政策解读 both ways, 已撤回, 已更正), drafts
// 404, escaping (a <script> title, a <script> in imported HTML), the search page, the Atom feeds
// (parsed as XML) and the public JSON API, and the page cache following touchColumn().

import { parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { touchColumn } from '../../src/services/column-version.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { addAttachment, addOwnCategory, makeItem } from './catalogue-support.ts';
import { expectAccessiblePage, NOW, PDF, publicApp } from './public-support.ts';

/** Elements of an XML document by local name, depth first. */
function elements(node: Document | Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Document | Element) => {
    for (const child of n.children) {
      if (child.type === 'tag') {
        if (child.name === name) out.push(child);
        walk(child);
      }
    }
  };
  walk(node);
  return out;
}
const textOf = (e: Element | undefined): string =>
  e === undefined ? '' : e.children.map((c) => (c.type === 'text' ? c.data : c.type === 'tag' ? textOf(c) : '')).join('');

/** The links a page's pager offers. */
const pagerLink = (html: string, rel: 'next' | 'prev'): string | null => {
  const m = new RegExp(`<a rel="${rel}" href="([^"]+)"`).exec(html);
  return m ? (m[1] ?? '').replace(/&amp;/g, '&') : null;
};
const itemIds = (html: string, code: string): number[] => [...html.matchAll(new RegExp(`href="/${code}/info/(\\d+)"`, 'g'))].map((m) => Number(m[1]));

describe.each(webEngines())('public catalogue on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  async function setup(name = '某县农业农村局') {
    n += 1;
    const code = `pc${n}`;
    const agency = await createAgency(t.db, { code, name, level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    return { code, id: agency.value.id, app: publicApp(t.db) };
  }
  const get = async (app: ReturnType<typeof publicApp>, path: string) => {
    const res = await app.request(path);
    return { status: res.status, html: await res.text(), res };
  };

  it('counts the public items of each category (第二十条 and the agency’s own) and links each category', async () => {
    const { code, id, app } = await setup();
    await addOwnCategory(t.db, id, 'gzdt', '工作动态');
    await makeItem(t.db, id, { title: '规范性文件甲', category: 'a20-1', publishedOn: '2024-03-01' });
    await makeItem(t.db, id, { title: '规范性文件乙', category: 'a20-1', publishedOn: '2024-03-02' });
    await makeItem(t.db, id, { title: '已撤回的文件', category: 'a20-1', publishedOn: '2024-03-03' }, { withdrawn: { at: '2024-04-01T02:00:00.000Z', reason: '内容有误' } });
    await makeItem(t.db, id, { title: '草稿不算', category: 'a20-1' }, { state: 'draft' });
    await makeItem(t.db, id, { title: '审核中不算', category: 'a20-7' }, { state: 'in_review' });
    await makeItem(t.db, id, { title: '春耕动态', category: 'own:gzdt', publishedOn: '2024-03-05' });
    const { status, html } = await get(app, `/${code}/proactive`);
    expect(status).toBe(200);
    expectAccessiblePage(html);
    const row = (href: string) => new RegExp(`href="${href}">[^<]+</a></th><td>([^<]+)</td>`).exec(html)?.[1];
    expect(row(`/${code}/proactive/a20-1`)).toBe('3条');
    expect(row(`/${code}/proactive/own%3Agzdt`)).toBe('1条');
    expect(row(`/${code}/proactive/a20-7`)).toBe('暂无');
    expect(html).toContain('第二十条第（一）项');
    expect(html).toContain('工作动态');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    // the own category's page lists its item; an unknown category is 404
    const own = await get(app, `/${code}/proactive/own%3Agzdt`);
    expect(own.status).toBe(200);
    expect(own.html).toContain('春耕动态');
    expect((await get(app, `/${code}/proactive/own%3Anone`)).status).toBe(404);
    expect((await get(app, `/${code}/proactive/a20-99`)).status).toBe(404);
    // drafts and items in review are on no list
    const a201 = await get(app, `/${code}/proactive/a20-1`);
    expect(a201.html).not.toContain('草稿不算');
    expect(a201.html).toContain('已撤回');
  });

  it('pages a category newest first by cursor: every item once, no gap, and back again', async () => {
    const { code, id, app } = await setup();
    const made: { id: number; on: string }[] = [];
    for (let i = 0; i < 47; i++) {
      // several items share a date: the id breaks the tie
      const on = `2024-0${1 + (i % 9)}-${String(10 + (i % 3)).padStart(2, '0')}`;
      const item = await makeItem(t.db, id, { title: `第${i}号通知`, category: 'a20-11', publishedOn: on });
      made.push({ id: item.id, on });
    }
    const expected = [...made].sort((a, b) => (a.on === b.on ? b.id - a.id : a.on < b.on ? 1 : -1)).map((m) => m.id);
    const seen: number[] = [];
    const pages: string[] = [];
    let path: string | null = `/${code}/proactive/a20-11`;
    while (path !== null) {
      const page = await get(app, path);
      expect(page.status).toBe(200);
      pages.push(path);
      seen.push(...itemIds(page.html, code));
      path = pagerLink(page.html, 'next');
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages).toHaveLength(3);
    expect(seen).toEqual(expected);
    // from the last page back to the first with 上一页
    const back: number[][] = [];
    let prev: string | null = pages[pages.length - 1] ?? null;
    while (prev !== null) {
      const page = await get(app, prev);
      back.unshift(itemIds(page.html, code));
      prev = pagerLink(page.html, 'prev');
    }
    expect(back.flat()).toEqual(expected);
  });

  it('filters the 政府信息公开目录 by category, year and 文号, keeping the filters across pages', async () => {
    const { code, id, app } = await setup();
    await makeItem(t.db, id, { title: '关于2023年补贴的通知', docNumber: '示范农发〔2023〕3号', category: 'a20-11', publishedOn: '2023-05-01', writtenOn: '2023-04-28', summary: '补贴标准和发放方式。' });
    await makeItem(t.db, id, { title: '关于2024年补贴的通知', docNumber: '示范农发〔2024〕3号', category: 'a20-11', publishedOn: '2024-05-01' });
    await makeItem(t.db, id, { title: '关于2024年另一事项的通知', docNumber: '示范农发〔2024〕13号', category: 'a20-11', publishedOn: '2024-06-01' });
    await makeItem(t.db, id, { title: '2024年部门预算', category: 'a20-7', publishedOn: '2024-02-01' });
    for (let i = 0; i < 22; i++) await makeItem(t.db, id, { title: `统计信息${i}`, category: 'a20-4', publishedOn: '2024-07-01' });
    const all = await get(app, `/${code}/catalogue`);
    expect(all.status).toBe(200);
    expectAccessiblePage(all.html);
    for (const head of ['索引号', '名称', '内容概述', '发布机构', '成文日期', '文号']) expect(all.html).toContain(`>${head}</th>`);
    expect(all.html).toContain('role="region"');
    const titles = (html: string) => [...html.matchAll(/href="\/[^/]+\/info\/\d+">([^<]+)</g)].map((m) => m[1]);
    expect(titles((await get(app, `/${code}/catalogue?category=a20-7`)).html)).toEqual(['2024年部门预算']);
    const y2023 = await get(app, `/${code}/catalogue?year=2023`);
    expect(titles(y2023.html)).toEqual(['关于2023年补贴的通知']);
    expect(y2023.html).toContain('补贴标准和发放方式。');
    expect(y2023.html).toContain('2023年4月28日');
    // the tail of a 文号: 〔2024〕3号 is not 〔2024〕13号; brackets typed differently still match
    expect(titles((await get(app, `/${code}/catalogue?docNumber=${encodeURIComponent('〔2024〕3号')}`)).html)).toEqual(['关于2024年补贴的通知']);
    expect(titles((await get(app, `/${code}/catalogue?docNumber=${encodeURIComponent('示范农发[2024]3号')}`)).html)).toEqual(['关于2024年补贴的通知']);
    // a filtered list pages with its filter
    const first = await get(app, `/${code}/catalogue?category=a20-4&year=2024`);
    const next = pagerLink(first.html, 'next');
    expect(next).toContain('category=a20-4');
    expect(next).toContain('year=2024');
    const second = await get(app, next ?? '');
    expect(titles(second.html)).toHaveLength(2);
    expect(titles(second.html).every((x) => x?.startsWith('统计信息'))).toBe(true);
    // an empty result says so
    expect((await get(app, `/${code}/catalogue?year=2019`)).html).toContain('没有符合条件的信息');
  });

  it('shows an item with its metadata block above the body, its attachments and the 政策解读 both ways', async () => {
    const { code, id, app } = await setup('某市自然资源局');
    const doc = await makeItem(t.db, id, {
      title: '某市国有建设用地使用权出让管理办法',
      docNumber: '某自然资规〔2024〕2号',
      docType: '行政规范性文件',
      writtenOn: '2024-03-15',
      publishedOn: '2024-03-20',
      topic: '国土资源、能源',
      category: 'a20-1',
      body: '## 第一章 总则\n第一条 为了规范出让管理，制定本办法。\n\n- 适用范围\n- 职责分工',
    });
    const reading = await makeItem(t.db, id, { title: '《某市国有建设用地使用权出让管理办法》政策解读', docType: '政策解读', interprets: doc.indexNumber, publishedOn: '2024-03-20', body: '一问一答。' });
    const file = await addAttachment(t.db, doc.id, '出让合同示范文本.pdf', 'application/pdf', PDF);
    const { status, html } = await get(app, `/${code}/info/${doc.id}`);
    expect(status).toBe(200);
    expectAccessiblePage(html);
    const meta = html.slice(html.indexOf('<dl class="meta"'), html.indexOf('</dl>'));
    for (const [term, value] of [
      ['索引号', doc.indexNumber],
      ['主题分类', '国土资源、能源'],
      ['发布机构', '某市自然资源局'],
      ['成文日期', '2024年3月15日'],
      ['发布日期', '2024年3月20日'],
      ['文号', '某自然资规〔2024〕2号'],
      ['有效性', '有效'],
    ]) {
      expect(meta, term).toMatch(new RegExp(`<dt>${term}</dt><dd>(<time[^>]*>)?${value?.replace(/[()[\]]/g, '\\$&')}`));
    }
    expect(html.indexOf('<dl class="meta"')).toBeLessThan(html.indexOf('<h1>'));
    expect(html.indexOf('<h1>')).toBeLessThan(html.indexOf('第一条 为了规范出让管理'));
    expect(html).toContain('<h2>第一章 总则</h2>');
    expect(html).toContain('<li>适用范围</li>');
    expect(html).toContain(`href="/${code}/info/${doc.id}/files/${file}"`);
    expect(html).toContain(`href="/${code}/info/${reading.id}"`);
    const back = await get(app, `/${code}/info/${reading.id}`);
    expect(back.html).toContain(`href="/${code}/info/${doc.id}"`);
    expect(back.html).toContain('的解读');
    // the attachment: its type, its Chinese name, nosniff
    const dl = await app.request(`/${code}/info/${doc.id}/files/${file}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('出让合同示范文本.pdf')}`);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(PDF);
    // a stored type a browser would run is sent as plain bytes
    const svg = await addAttachment(t.db, doc.id, '示意图.svg', 'image/svg+xml', new TextEncoder().encode('<svg onload="alert(1)"/>'));
    const svgRes = await app.request(`/${code}/info/${doc.id}/files/${svg}`);
    expect(svgRes.headers.get('content-type')).toBe('application/octet-stream');
    expect(svgRes.headers.get('content-disposition')).toMatch(/^attachment;/);
    const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const xlsx = await addAttachment(t.db, doc.id, '名册.xlsx', xlsxType, new Uint8Array([80, 75, 3, 4]));
    expect((await app.request(`/${code}/info/${doc.id}/files/${xlsx}`)).headers.get('content-type')).toBe(xlsxType);
    // an attachment id of another item is not found through this one
    expect((await app.request(`/${code}/info/${reading.id}/files/${file}`)).status).toBe(404);
  });

  it('links a revised document to the one that replaces it, and back', async () => {
    const { code, id, app } = await setup();
    const newer = await makeItem(t.db, id, { title: '新办法', docType: '行政规范性文件', writtenOn: '2024-06-01', publishedOn: '2024-06-02' });
    const older = await makeItem(t.db, id, { title: '旧办法', docType: '行政规范性文件', writtenOn: '2022-01-01', publishedOn: '2022-01-02', validity: '已修订', validityOn: '2024-06-01', supersededBy: newer.indexNumber });
    const oldPage = await get(app, `/${code}/info/${older.id}`);
    expect(oldPage.html).toContain('已修订（2024年6月1日）');
    expect(oldPage.html).toMatch(new RegExp(`本文件已被<a href="/${code}/info/${newer.id}">新办法</a>替代`));
    expect((await get(app, `/${code}/info/${newer.id}`)).html).toContain(`href="/${code}/info/${older.id}">旧办法</a>`);
  });

  it('says 已撤回 with the date and reason and hides the body and attachments; says 已更正 and keeps the body', async () => {
    const { code, id, app } = await setup();
    const gone = await makeItem(t.db, id, { title: '撤回的通知', publishedOn: '2024-05-01', body: '不应再出现的正文。' }, { withdrawn: { at: '2024-06-03T02:00:00.000Z', reason: '与上位法不一致' } });
    const file = await addAttachment(t.db, gone.id, '附件.pdf', 'application/pdf', PDF);
    const page = await get(app, `/${code}/info/${gone.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('已撤回');
    expect(page.html).toContain('2024年6月3日');
    expect(page.html).toContain('与上位法不一致');
    expect(page.html).not.toContain('不应再出现的正文');
    expect(page.html).not.toContain('/files/');
    expect((await app.request(`/${code}/info/${gone.id}/files/${file}`)).status).toBe(404);
    const fixed = await makeItem(t.db, id, { title: '更正过的通知', publishedOn: '2024-05-01', body: '更正后的正文。' }, { corrected: { at: '2024-05-10T02:00:00.000Z', note: '第二条金额更正为5万元' } });
    const corrected = await get(app, `/${code}/info/${fixed.id}`);
    expect(corrected.html).toContain('已更正');
    expect(corrected.html).toContain('2024年5月10日');
    expect(corrected.html).toContain('第二条金额更正为5万元');
    expect(corrected.html).toContain('更正后的正文。');
  });

  it('answers 404 for drafts, items under review, other agencies’ items and malformed ids', async () => {
    const { code, id, app } = await setup();
    const other = await setup();
    const draft = await makeItem(t.db, id, { title: '草稿' }, { state: 'draft' });
    const review = await makeItem(t.db, id, { title: '审核中' }, { state: 'in_review' });
    const theirs = await makeItem(t.db, other.id, { title: '别的机关', publishedOn: '2024-01-01' });
    const file = await addAttachment(t.db, draft.id, 'a.pdf', 'application/pdf', PDF);
    for (const path of [`/${code}/info/${draft.id}`, `/${code}/info/${review.id}`, `/${code}/info/${theirs.id}`, `/${code}/info/abc`, `/${code}/info/0`, `/${code}/info/${draft.id}/files/${file}`, `/nosuch/info/1`]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
    expect((await app.request(`/api/v1/public/agencies/${code}/items/${draft.id}`)).status).toBe(404);
    expect((await app.request(`/api/v1/public/agencies/${code}/items/${theirs.id}`)).status).toBe(404);
    const feed = await (await app.request(`/${code}/feed.atom`)).text();
    expect(feed).not.toContain('草稿');
  });

  it('escapes a <script> title everywhere and never lets a <script> of imported HTML through', async () => {
    const { code, id, app } = await setup();
    const evil = '<script>alert(1)</script>标题"&\'';
    const item = await makeItem(t.db, id, { title: '占位标题', publishedOn: '2024-05-01', summary: '概述<img src=x onerror=alert(2)>' }, {
      bodyHtml: '<p>导入的正文</p><script>alert(3)</script><img src="x" onerror="alert(4)"><a href="javascript:alert(5)">链接</a><p onclick="x()">段落</p>',
    });
    await t.db.updateTable('catalogueItems').set({ title: evil }).where('id', '=', item.id).execute();
    touchColumn(code);
    for (const path of [`/${code}/info/${item.id}`, `/${code}/catalogue`, `/${code}/proactive/a20-1`]) {
      const { html } = await get(app, path);
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html, path).not.toMatch(/<[^>]*\son(error|click)=/);
    }
    const page = (await get(app, `/${code}/info/${item.id}`)).html;
    expect(page).toContain('<p>导入的正文</p>');
    expect(page).not.toContain('javascript:');
    expect(page).toContain('段落');
    const feed = await (await app.request(`/${code}/feed.atom`)).text();
    expect(feed).not.toContain('<script>');
    const doc = parseDocument(feed, { xmlMode: true });
    expect(textOf(elements(doc, 'entry')[0]?.children.find((c): c is Element => c.type === 'tag' && c.name === 'title'))).toBe(evil);
    expect(feed).toContain('&lt;script&gt;alert(1)&lt;/script&gt;标题&quot;&amp;&apos;');
    const api = (await (await app.request(`/api/v1/public/agencies/${code}/items/${item.id}`)).json()) as { item: { title: string; html: string } };
    expect(api.item.title).toBe(evil);
    expect(api.item.html).not.toContain('<script');
    expect(api.item.html).not.toMatch(/onerror|onclick|javascript:/);
  });

  it('serves valid Atom feeds per agency and per category, linked from the pages', async () => {
    const { code, id, app } = await setup('某县财政局');
    await makeItem(t.db, id, { title: '2024年部门预算公开', category: 'a20-7', publishedOn: '2024-02-01', summary: '预算说明' });
    await makeItem(t.db, id, { title: '政府采购意向', category: 'a20-9', publishedOn: '2024-03-01' });
    await makeItem(t.db, id, { title: '撤回的预算', category: 'a20-7', publishedOn: '2024-01-01' }, { withdrawn: { at: '2024-02-02T00:00:00Z', reason: '重复发布' } });
    const res = await app.request(`http://gk.example/${code}/feed.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const doc = parseDocument(xml, { xmlMode: true });
    const feed = elements(doc, 'feed');
    expect(feed).toHaveLength(1);
    expect(feed[0]?.attribs['xmlns']).toBe('http://www.w3.org/2005/Atom');
    const child = (e: Element, name: string) => e.children.filter((c): c is Element => c.type === 'tag' && c.name === name);
    const root = feed[0]!;
    for (const required of ['id', 'title', 'updated', 'author']) expect(child(root, required), required).toHaveLength(1);
    expect(child(root, 'link').find((l) => l.attribs['rel'] === 'self')?.attribs['href']).toBe(`http://gk.example/${code}/feed.atom`);
    const entries = elements(doc, 'entry');
    expect(entries.map((e) => textOf(child(e, 'title')[0]))).toEqual(['政府采购意向', '2024年部门预算公开', '【已撤回】撤回的预算']);
    for (const e of entries) {
      for (const required of ['id', 'title', 'updated']) expect(child(e, required), required).toHaveLength(1);
      expect(textOf(child(e, 'id')[0])).toMatch(new RegExp(`^http://gk\\.example/${code}/info/\\d+$`));
      expect(textOf(child(e, 'updated')[0])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    // the feed's updated is its newest entry's
    const updated = textOf(child(root, 'updated')[0]);
    expect(entries.every((e) => textOf(child(e, 'updated')[0]) <= updated)).toBe(true);
    const category = parseDocument(await (await app.request(`http://gk.example/${code}/proactive/a20-7/feed.atom`)).text(), { xmlMode: true });
    expect(elements(category, 'entry').map((e) => textOf(child(e, 'title')[0]))).toEqual(['2024年部门预算公开', '【已撤回】撤回的预算']);
    expect((await app.request(`/${code}/proactive/a20-99/feed.atom`)).status).toBe(404);
    const page = (await get(app, `/${code}/proactive/a20-7`)).html;
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" href="/${code}/proactive/a20-7/feed.atom"`);
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" href="/${code}/feed.atom"`);
    // a forged Host does not reach another visitor's feed
    await app.request(`http://evil.example/${code}/feed.atom`);
    expect(await (await app.request(`http://gk.example/${code}/feed.atom`)).text()).not.toContain('evil.example');
  });

  it('offers a public JSON API: lists by cursor with filters, one item, 404 and 400, no token', async () => {
    const { code, id, app } = await setup();
    const made: number[] = [];
    for (let i = 0; i < 5; i++) made.push((await makeItem(t.db, id, { title: `信息${i}`, category: 'a20-2', publishedOn: `2024-0${i + 1}-01`, body: `正文${i}` })).id);
    const gone = await makeItem(t.db, id, { title: '撤回', category: 'a20-3', publishedOn: '2024-08-01', body: '秘密' }, { withdrawn: { at: '2024-08-02T00:00:00Z', reason: '错发' } });
    await makeItem(t.db, id, { title: '草稿' }, { state: 'draft' });
    type List = { agency: { code: string; name: string }; items: { id: number; title: string; state: string; url: string; indexNumber: string }[]; next: string | null; prev: string | null };
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const res = await app.request(`/api/v1/public/agencies/${code}/items?category=a20-2&limit=2${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as List;
      expect(body.agency.code).toBe(code);
      seen.push(...body.items.map((i) => i.id));
      after = body.next;
    } while (after !== null);
    expect(seen).toEqual([...made].reverse());
    const all = (await (await app.request(`/api/v1/public/agencies/${code}/items`)).json()) as List;
    expect(all.items.map((i) => i.title)).toEqual(['撤回', '信息4', '信息3', '信息2', '信息1', '信息0']);
    expect(all.items[0]).toMatchObject({ state: 'withdrawn', url: `/${code}/info/${gone.id}` });
    type One = { item: { title: string; blocks: unknown[]; withdrawal: { reason: string } | null; correction: unknown; attachments: unknown[]; interpretations: unknown[] } };
    const one = (await (await app.request(`/api/v1/public/agencies/${code}/items/${made[0]}`)).json()) as One;
    expect(one.item).toMatchObject({ title: '信息0', blocks: [{ kind: 'paragraph', text: '正文0' }], withdrawal: null, correction: null, attachments: [], interpretations: [] });
    const withdrawn = (await (await app.request(`/api/v1/public/agencies/${code}/items/${gone.id}`)).json()) as One;
    expect(withdrawn.item.withdrawal?.reason).toBe('错发');
    expect(withdrawn.item.blocks).toEqual([]);
    expect(JSON.stringify(withdrawn)).not.toContain('秘密');
    expect((await app.request(`/api/v1/public/agencies/${code}/items?limit=abc`)).status).toBe(400);
    expect((await app.request(`/api/v1/public/agencies/${code}/items?category=nosuch`)).status).toBe(400);
    expect((await app.request(`/api/v1/public/agencies/nosuch/items`)).status).toBe(404);
    expect((await app.request(`/api/v1/public/agencies/${code}/items/99999999`)).status).toBe(404);
    const openapi = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, { get: { security: unknown[] } }> };
    expect(openapi.paths['/public/agencies/{code}/items']?.get.security).toEqual([]);
    expect(openapi.paths['/public/agencies/{code}/items/{id}']).toBeDefined();
  });

  it('searches with marked words, 共约 N 条, filters and 下一页; a search box on every column page', async () => {
    const { code, id, app } = await setup();
    for (let i = 0; i < 23; i++) await makeItem(t.db, id, { title: `耕地保护补贴发放公示第${i}批`, category: 'a20-11', publishedOn: '2024-04-01', body: '补贴对象为承包耕地的农户。' });
    await makeItem(t.db, id, { title: '耕地撤回', category: 'a20-11', publishedOn: '2024-04-01', body: '耕地撤回正文' }, { withdrawn: { at: '2024-05-01T00:00:00Z', reason: '错发' } });
    await makeItem(t.db, id, { title: '耕地草稿' }, { state: 'draft' });
    const first = await get(app, `/${code}/search?q=${encodeURIComponent('耕地')}`);
    expect(first.status).toBe(200);
    expectAccessiblePage(first.html);
    expect(first.html).toContain('<mark>耕地</mark>');
    expect(first.html).toContain('共约 24 条');
    expect(first.html).not.toContain('耕地草稿');
    expect(first.html).not.toContain('耕地撤回正文');
    const next = pagerLink(first.html, 'next');
    expect(next).toContain('q=');
    const second = await get(app, next ?? '');
    const ids1 = new Set(itemIds(first.html, code));
    const ids2 = itemIds(second.html, code);
    expect(ids1.size + ids2.length).toBe(24);
    expect(ids2.some((x) => ids1.has(x))).toBe(false);
    expect((await get(app, `/${code}/search?q=${encodeURIComponent('耕地')}&category=a20-7`)).html).toContain('没有找到');
    expect((await get(app, `/${code}/search?q=${encodeURIComponent('<script>')}`)).html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect((await get(app, `/${code}/search`)).status).toBe(200);
    for (const path of [`/${code}/`, `/${code}/guide`, `/${code}/catalogue`, `/${code}/proactive`, `/${code}/reports`]) {
      expect((await get(app, path)).html, path).toContain(`action="/${code}/search"`);
    }
    // the column's navigation and the guide link the catalogue
    expect((await get(app, `/${code}/guide`)).html).toContain(`href="/${code}/catalogue"`);
  });

  it('serves cached pages that change when the column is touched (publish, withdraw, correct)', async () => {
    const { code, id, app } = await setup();
    const item = await makeItem(t.db, id, { title: '原标题', publishedOn: '2024-05-01', body: '正文' });
    const first = await app.request(`/${code}/info/${item.id}`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await app.request(`/${code}/info/${item.id}`, { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
    expect(await (await app.request(`/${code}/proactive`)).text()).toContain('1条');
    // withdrawn by the workflow: it touches the column
    await t.db.updateTable('catalogueItems').set({ state: 'withdrawn', withdrawnAt: '2024-06-01T00:00:00Z', withdrawnReason: '过时' }).where('id', '=', item.id).execute();
    touchColumn(code);
    const after = await (await app.request(`/${code}/info/${item.id}`)).text();
    expect(after).toContain('过时');
    expect(after).not.toContain('<p>正文</p>');
    // a draft published later shows (a 404 is never cached)
    const draft = await makeItem(t.db, id, { title: '后发布的', publishedOn: '2024-06-01' }, { state: 'draft' });
    expect((await app.request(`/${code}/info/${draft.id}`)).status).toBe(404);
    await t.db.updateTable('catalogueItems').set({ state: 'published' }).where('id', '=', draft.id).execute();
    touchColumn(code);
    expect((await app.request(`/${code}/info/${draft.id}`)).status).toBe(200);
    expect(await (await app.request(`/${code}/proactive`)).text()).toContain('2条');
    expect(await (await app.request(`/${code}/catalogue`)).text()).toContain('后发布的');
  });
});
