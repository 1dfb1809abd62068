// The cache of the public pages that are the same for every visitor (src/web/page-cache.ts): a second
// GET asks the database nothing (with the database's column versions, one shared query: another process's
// change shows at once), a change of the agency's column (touchColumn, setPage) or the TTL ends an entry, ETag and If-None-Match → 304 with the security headers, and the status query form
// shared from the cache still carries each visitor's own CSRF token.

import { Hono } from 'hono';
import type { Kysely, KyselyPlugin } from 'kysely';
import { serializeSigned } from 'hono/utils/cookie';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { setPage } from '../../src/services/column.ts';
import { bumpColumns, columnVersion, SharedColumnVersions, touchColumn } from '../../src/services/column-version.ts';
import { csrfSecret } from '../../src/services/setup.ts';
import type { PublicAgency } from '../../src/web/pages/public-agency.ts';
import { siteProfileOfRow } from '../../src/services/agency-site.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { matchesEtag, PageCache } from '../../src/web/page-cache.ts';
import { publicRoutes } from '../../src/web/pages/public.tsx';
import { engines, useDatabase } from '../support/db.ts';
import { calendar, NOW, publicApp, Visitor } from './public-support.ts';

/** The database, and how many queries went through it (a Kysely plugin sees every one). */
function counting(db: Kysely<DB>): { db: Kysely<DB>; queries: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), queries: () => n };
}

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
}

describe('PageCache (no database)', () => {
  const agency = (code: string): PublicAgency => ({ id: 1, code, name: '某局', level: 'department', parentCode: null, site: siteProfileOfRow('某局', undefined) });

  it('keeps an entry until the agency is touched or the TTL runs out', () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 60_000, clock: () => now });
    const code = `unit-${Math.random().toString(36).slice(2)}`;
    cache.set(code, 'home', agency(code), '<p>一</p>', columnVersion(code));
    expect(cache.get(code, 'home')?.parts[0]?.toString()).toBe('<p>一</p>');
    touchColumn(code);
    expect(cache.get(code, 'home')).toBeUndefined();
    cache.set(code, 'home', agency(code), '<p>二</p>', columnVersion(code));
    touchColumn('another-agency');
    expect(cache.get(code, 'home')).toBeDefined();
    now = 59_999;
    expect(cache.get(code, 'home')).toBeDefined();
    now = 60_000;
    expect(cache.get(code, 'home')).toBeUndefined();
    expect(cache.size).toBe(0);
    // touching every column
    cache.set(code, 'home', agency(code), '<p>三</p>', columnVersion(code));
    touchColumn();
    expect(cache.get(code, 'home')).toBeUndefined();
  });

  it('is bounded in entries and bytes, least recently used out first', () => {
    const cache = new PageCache({ maxEntries: 3, maxBytes: 10_000 });
    const v = (code: string) => columnVersion(code);
    for (const code of ['a1', 'a2', 'a3']) cache.set(code, 'home', agency(code), code, v(code));
    expect(cache.get('a1', 'home')).toBeDefined(); // a1 now most recent
    cache.set('a4', 'home', agency('a4'), 'a4', v('a4'));
    expect(cache.size).toBe(3);
    expect(cache.get('a2', 'home')).toBeUndefined();
    expect(cache.get('a1', 'home')).toBeDefined();
    // a page as large as the budget pushes the others out; one larger is served but not kept
    cache.set('big', 'home', agency('big'), 'x'.repeat(9700), v('big')); // 9700 + 256 bytes of bookkeeping
    expect(cache.size).toBe(1);
    cache.set('huge', 'home', agency('huge'), 'x'.repeat(20_000), v('huge'));
    expect(cache.get('huge', 'home')).toBeUndefined();
  });

  it('matches If-None-Match as RFC 9110 says (lists, weak tags, *)', () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesEtag('*', '"abc"')).toBe(true);
    expect(matchesEtag('"abd"', '"abc"')).toBe(false);
    expect(matchesEtag(undefined, '"abc"')).toBe(false);
    expect(matchesEtag('', '"abc"')).toBe(false);
  });
});

describe.each(engines())('public page cache on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  async function setup(name = '某市自然资源局') {
    n += 1;
    const code = `pc${n}`;
    const agency = await createAgency(t.db, { code, name, level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const counted = counting(t.db);
    return { code, id: agency.value.id, counted, app: publicApp(counted.db) };
  }

  it('serves the second GET of the column home and the status form from memory, without a query', async () => {
    const { code, counted, app } = await setup();
    for (const path of [`/${code}/`, `/${code}/status`, `/${code}/guide`, `/${code}/rules`, `/${code}/proactive`, `/${code}/reports`]) {
      const first = await new Visitor(app).get(path);
      expect(first.status, path).toBe(200);
      const firstHtml = await first.text();
      const before = counted.queries();
      expect(before, path).toBeGreaterThan(0);
      const second = await new Visitor(app).get(path);
      expect(second.status, path).toBe(200);
      expect(counted.queries(), `${path}: no query on a hit`).toBe(before);
      const secondHtml = await second.text();
      expect(secondHtml.replace(tokenOf(secondHtml), '')).toBe(firstHtml.replace(tokenOf(firstHtml), ''));
      expect(second.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expectSecurityHeaders(second);
    }
  });

  it('shows a changed guide at once (setPage touches the column), and a published report once touched', async () => {
    const { code, id, counted, app } = await setup();
    const visitor = new Visitor(app);
    const guide = await (await visitor.get(`/${code}/guide`)).text();
    expect(guide).toContain('【待填写');
    const proactive = await (await visitor.get(`/${code}/proactive`)).text();
    expect(proactive).toContain('（平台生成的通用文本，待本机关补充完善）');
    const before = counted.queries();
    const set = await setPage(t.db, code, 'guide', '## 一、本机关的指南\n新的指南正文。', { userId: null, now: NOW });
    expect(set.ok).toBe(true);
    const changed = await (await visitor.get(`/${code}/guide`)).text();
    expect(changed).toContain('新的指南正文。');
    expect(changed).not.toContain('【待填写');
    expect(counted.queries()).toBeGreaterThan(before); // rendered again
    expect(await (await visitor.get(`/${code}/proactive`)).text()).toMatch(/政府信息公开指南<\/a>\s*<\/li>/);

    // a report published by a write that touches the column
    const reports = await (await visitor.get(`/${code}/reports`)).text();
    expect(reports).not.toContain('2023年政府信息公开工作年度报告');
    await t.db.insertInto('publishedReports').values({ agencyId: id, year: 2023, report: JSON.stringify({ year: 2023 }), publishedAt: NOW }).execute();
    touchColumn(code);
    expect(await (await visitor.get(`/${code}/reports`)).text()).toContain('2023年政府信息公开工作年度报告');
  });

  it('sends exactly the security headers of any other page, built into the cached answer', async () => {
    const { code, app } = await setup();
    const security = (response: Response) =>
      Object.fromEntries(
        [...response.headers].filter(([name]) => !['content-type', 'content-length', 'etag', 'cache-control', 'set-cookie', 'date', 'location'].includes(name)),
      );
    const reference = security(await app.request(`/${code}/apply`)); // uncached: hono's headers set on the handler's response
    expect(reference['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reference['strict-transport-security']).toBeUndefined(); // not behind TLS here
    for (const path of [`/${code}/`, `/${code}/status`, `/${code}/status`]) {
      const page = await app.request(path);
      expect(security(page), path).toEqual(reference);
      const revalidated = await app.request(path, { headers: { 'if-none-match': page.headers.get('etag') ?? '' } });
      if (path.endsWith('/')) expect(security(revalidated), path).toEqual(reference);
    }
    // an anonymous visitor of an uncached page gets the same kind of gk_csrf cookie (auth.ts ensureSession)
    const [line = ''] = (await app.request(`/${code}/apply`)).headers.getSetCookie();
    expect(line).toMatch(/^gk_csrf=[A-Za-z0-9_-]{43}\.[A-Za-z0-9%]+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('answers If-None-Match with 304 and the security headers, and a new ETag after a change', async () => {
    const { code, app } = await setup();
    const visitor = new Visitor(app);
    for (const path of [`/${code}/`, `/${code}/guide`]) {
      const first = await visitor.get(path);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const again = await app.request(path, { headers: { 'if-none-match': `"nope", ${etag}` } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expectSecurityHeaders(again);
      expect((await app.request(path, { headers: { 'if-none-match': '"nope"' } })).status).toBe(200);
    }
    const guide = await visitor.get(`/${code}/guide`);
    const etag = guide.headers.get('etag') ?? '';
    await setPage(t.db, code, 'guide', '## 修订\n修订后的指南。', { userId: null, now: NOW });
    const changed = await app.request(`/${code}/guide`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('修订后的指南。');
  });

  it('gives each visitor their own CSRF token on the cached status form, and refuses another visitor’s', async () => {
    const { code, app } = await setup();
    const a = new Visitor(app);
    const b = new Visitor(app);
    const pageA = await a.get(`/${code}/status`);
    const pageB = await b.get(`/${code}/status`);
    expect(pageA.headers.get('cache-control')).toBe('private, no-cache');
    const htmlA = await pageA.text();
    const htmlB = await pageB.text();
    const tokenA = tokenOf(htmlA);
    const tokenB = tokenOf(htmlB);
    expect(tokenA).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenB).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenA).not.toBe(tokenB);
    expect(htmlA).not.toContain('gkcsrf'); // the placeholder never leaves the server
    expect(a.cookies.get('gk_csrf')).toContain(tokenA);
    expect(pageA.headers.get('etag')).not.toBe(pageB.headers.get('etag'));

    // a returning visitor keeps the token (no new cookie) and gets 304 for the same page
    const again = await a.get(`/${code}/status`);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(tokenOf(await again.text())).toBe(tokenA);
    const cookie = `gk_csrf=${a.cookies.get('gk_csrf') ?? ''}`;
    const revalidated = await app.request(`/${code}/status`, { headers: { cookie, 'if-none-match': pageA.headers.get('etag') ?? '' } });
    expect(revalidated.status).toBe(304);
    expectSecurityHeaders(revalidated);

    // A posts with B's token: refused; with no token: refused; with A's own: past the check (422, a wrong code)
    const post = (visitor: Visitor, token: string | null) => {
      const form = new URLSearchParams({ code: 'ABCDEFGHJKMN', password: 'ABCDEFGHJK' });
      if (token !== null) form.set('_csrf', token);
      return visitor.post(`/${code}/status`, form);
    };
    expect((await post(a, tokenB)).status).toBe(403);
    expect((await post(a, null)).status).toBe(403);
    expect((await post(new Visitor(app), tokenA)).status).toBe(403); // the token without its cookie
    expect((await post(a, tokenA)).status).toBe(422);
    expect((await post(b, tokenB)).status).toBe(422);
  });

  it('writes the same signed cookie as hono, and replaces a forged one', async () => {
    const { code, app } = await setup();
    const secret = await csrfSecret(t.db);
    // a cookie in hono's signed format (what hono's setSignedCookie writes) is taken as is
    const token = 'A'.repeat(43);
    const signed = (await serializeSigned('gk_csrf', token, secret)).split(';')[0] ?? '';
    const page = await app.request(`/${code}/status`, { headers: { cookie: signed } });
    expect(page.headers.getSetCookie()).toEqual([]);
    expect(tokenOf(await page.text())).toBe(token);
    // ours is byte for byte what hono would write for its token
    const fresh = await app.request(`/${code}/status`);
    const [line = ''] = fresh.headers.getSetCookie();
    const freshToken = tokenOf(await fresh.text());
    expect(line).toBe(`${(await serializeSigned('gk_csrf', freshToken, secret)).split(';')[0]}; Path=/; HttpOnly; SameSite=Lax`);
    // a forged signature: a new token and cookie
    const forged = await app.request(`/${code}/status`, { headers: { cookie: `gk_csrf=${encodeURIComponent(`${token}.${'A'.repeat(43)}=`)}` } });
    expect(forged.headers.getSetCookie()).toHaveLength(1);
    expect(tokenOf(await forged.text())).not.toBe(token);
  });

  it('puts a signed-in staff member’s session token in the form', async () => {
    const { code, id, app } = await setup();
    const user = await createUser(t.db, { username: `pcuser${n}`, displayName: '经办人', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, id, 'handler');
    const s = await startSession(t.db, user.value.id, NOW);
    const page = await app.request(`/${code}/status`, { headers: { cookie: `gk_session=${s.sessionToken}` } });
    expect(tokenOf(await page.text())).toBe(s.csrfToken);
    expect(page.headers.getSetCookie()).toEqual([]);
  });

  it('caches no 404: an agency created after a miss shows at once', async () => {
    const { counted, app } = await setup();
    n += 1;
    const code = `pc${n}`;
    expect((await app.request(`/${code}/`)).status).toBe(404);
    expect((await app.request(`/${code}/status`)).status).toBe(404);
    const created = await createAgency(t.db, { code, name: '新设机关', level: 'department' }, NOW);
    expect(created.ok).toBe(true);
    const home = await app.request(`/${code}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('新设机关');
    expect((await app.request(`/${code}/status`)).status).toBe(200);
    expect(counted.queries()).toBeGreaterThan(0);
    for (const path of ['/bad%20code/', `/${'x'.repeat(70)}/`]) expect((await app.request(path)).status).toBe(404);
  });

  it('with the database’s column versions (several processes): a change another process committed shows on the next request', async () => {
    const { code, id } = await setup('多进程的机关');
    const counted = counting(t.db);
    const shared = new SharedColumnVersions(counted.db);
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('deps', { config: { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false }, db: counted.db, calendar: async () => calendar, now: () => NOW, secureCookies: false, columnVersions: shared });
      await next();
    });
    app.route('/', publicRoutes());
    expect(await (await app.request(`/${code}/guide`)).text()).toContain('【待填写');
    const before = counted.queries();
    expect(await (await app.request(`/${code}/guide`)).text()).toContain('【待填写');
    expect(counted.queries() - before).toBe(1); // a hit: the versions only
    // another process's write: the page and the bump in its transaction, no touch in this one
    await t.db.transaction().execute(async (trx) => {
      await trx.insertInto('agencyPages').values({ agencyId: id, page: 'guide', body: '## 另一进程写入的指南', updatedAt: NOW, updatedBy: null }).execute();
      await bumpColumns(trx, [code]);
    });
    expect(await (await app.request(`/${code}/guide`)).text()).toContain('另一进程写入的指南');
    // concurrent hits share the read of the versions
    const during = counted.queries();
    await Promise.all(Array.from({ length: 8 }, () => app.request(`/${code}/guide`)));
    expect(counted.queries() - during).toBeLessThanOrEqual(2);
  });

  it('shows a change nobody touched once the TTL has run out', async () => {
    const { code, id } = await setup('改名前的机关');
    let now = Date.now();
    const cache = new PageCache({ ttlMs: 60_000, clock: () => now });
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('deps', { config: { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false }, db: t.db, calendar: async () => calendar, now: () => NOW, secureCookies: false });
      await next();
    });
    app.route('/', publicRoutes({ pageCache: cache }));
    expect(await (await app.request(`/${code}/`)).text()).toContain('改名前的机关');
    await t.db.updateTable('agencies').set({ name: '改名后的机关' }).where('id', '=', id).execute(); // not through a service: no touch
    expect(await (await app.request(`/${code}/`)).text()).toContain('改名前的机关');
    now += 60_000;
    expect(await (await app.request(`/${code}/`)).text()).toContain('改名后的机关');
    expect(cache.stats.misses).toBe(2);
  });
});
