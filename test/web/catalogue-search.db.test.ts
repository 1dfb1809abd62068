// 目录检索 for staff (GET /staff/:agency/catalogue/search) and the API's
// GET /api/v1/agencies/:code/catalogue/search, on one engine (support/db.ts webEngines): drafts found too, the query's words in
// <mark> with the item's own text escaped (a title holding markup stays text), 下一页 by the cursor
// continuing without repeats, another agency's staff find nothing there (404), a parameter no form sends
// is 400.

import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/services/accounts.ts';
import { generateCorpus } from '../support/catalogue-corpus.ts';
import { loadCorpus } from '../support/catalogue-corpus-load.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, NOW, world, type World } from './staff-support.ts';

const items = generateCorpus(400);

describe.each(webEngines())('catalogue search pages on %s', (engine) => {
  const t = useDatabase(engine);
  let w: World;
  let token = '';

  beforeAll(async () => {
    w = await world(t.db, 'search');
    const corpus = [
      ...items,
      { ...items[0]!, key: 'x1', indexNumber: 'X/2024-1', title: '危房改造<script>alert(1)</script>试点草稿', state: 'draft' as const, publishedOn: null, docNumber: '' },
    ];
    await loadCorpus(t.db, w.a.id, corpus);
    const tk = await createApiToken(t.db, w.handler.id, 'test', NOW);
    if (!tk.ok) throw new Error(tk.error.message);
    token = tk.value.token;
  });

  const page = async (path: string) => {
    const res = await get(appFor(t.db), w.handler, path);
    return { status: res.status, html: await res.text() };
  };

  it('finds drafts too, marks the words, escapes the item text', async () => {
    const base = `/staff/${w.a.code}/catalogue/search`;
    const r = await page(`${base}?q=${encodeURIComponent('危房改造')}`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('<mark>危房改造</mark>');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.html).not.toContain('<script>alert(1)');
    expect(r.html).toContain('草稿');
    const empty = await page(base);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('目录检索');
    expect(empty.html).not.toContain('检索结果');
  });

  it('pages by the cursor without repeating a hit', async () => {
    const base = `/staff/${w.a.code}/catalogue/search?q=${encodeURIComponent('补助资金')}`;
    const first = await page(base);
    const next = /<a rel="next" href="([^"]+)"/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await page(next!);
    expect(second.status).toBe(200);
    const ids = (html: string) => [...html.matchAll(/href="\/staff\/[^/]+\/catalogue\/(\d+)"/g)].map((m) => m[1]);
    const a = ids(first.html);
    const b = ids(second.html);
    expect(a.length).toBe(20);
    expect(b.length).toBeGreaterThan(0);
    expect(b.filter((id) => a.includes(id))).toEqual([]);
  });

  it('refuses another agency and parameters no form sends', async () => {
    const other = await get(appFor(t.db), w.handlerB, `/staff/${w.a.code}/catalogue/search?q=${encodeURIComponent('危房')}`);
    expect(other.status).toBe(404);
    expect((await page(`/staff/${w.a.code}/catalogue/search?q=x&year=abcd`)).status).toBe(400);
    expect((await page(`/staff/${w.a.code}/catalogue/search?q=x&category=${encodeURIComponent('<b>')}`)).status).toBe(400);
  });

  it('answers the API with ranked hits and refuses what it does not take', async () => {
    const call = (path: string) => appFor(t.db).request(path, { headers: { authorization: `Bearer ${token}` } });
    const tail = items.find((i) => i.docNumber !== '')!.docNumber;
    const res = await call(`/api/v1/agencies/${w.a.code}/catalogue/search?q=${encodeURIComponent(tail)}&limit=5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hits: { docNumber: string; score: number; titleMarked: { text: string; mark: boolean }[] }[]; next: string | null; total: number };
    expect(body.hits[0]?.docNumber).toBe(tail);
    expect((await call(`/api/v1/agencies/${w.b.code}/catalogue/search?q=x`)).status).toBe(404);
    const bad = await call(`/api/v1/agencies/${w.a.code}/catalogue/search?q=x&limit=500`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_QUERY' });
    expect((await call(`/api/v1/agencies/${w.a.code}/catalogue/search`)).status).toBe(400);
  });
});
