// The public pages that are the same for every visitor (an agency's column home, 指南, 制度, 法定主动公开
// 内容, the list of annual reports, the status query form), rendered once and served from memory:
//
//   const pages = new PageCache();                       // one per app (publicRoutes)
//   r.get('/:agency/guide', (c) => pages.serve(c, 'guide', { load: agencyOf, render: async (agency) => html }));
//
// - keyed by agency code + page; the agency (its lookup) is cached with the page, so a hit never asks
//   the database;
// - an entry holds while the agency's content version (columnVersion, services/column.ts) is the one
//   read before it was rendered, and for at most ttlMs (60 s: the safety net for changes this process
//   did not make); bounded in entries and bytes, least recently used first out;
// - a page that carries the visitor's CSRF token is rendered with CSRF_SLOT in its place, and the
//   token is put in per response (a string join): the cached part is the same for everyone;
// - strong ETag (of the shared part, plus a hash of the token where there is one) and If-None-Match → 304.
//
// Not cached: 404s (an agency created a moment later must show), anything that fails to render.
//
// visitorCsrf() gives an anonymous visitor's page its token as auth.ts ensureSession() does — the same
// signed gk_csrf cookie, byte for byte — with node:crypto's HMAC instead of WebCrypto (hono's signed
// cookies import the key on every call: ~150 µs a request, more than the rest of a cached page).

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AgencyView } from '../services/agencies.ts';
import { columnVersion } from '../services/column.ts';
import type { Db } from '../services/database.ts';
import { csrfSecret } from '../services/setup.ts';
import { CSRF_COOKIE, ensureSession, SESSION_COOKIE } from './auth.ts';
import type { AppEnv } from './context.ts';

/** What a cached page is rendered with instead of the visitor's CSRF token (random per process: no content can contain it). */
export const CSRF_SLOT = `gkcsrf${randomBytes(16).toString('hex')}`;

export interface PageCacheOptions {
  /** how long an entry may be served at most, whatever the content version says (default 60 s) */
  ttlMs?: number;
  /** entries kept at most (default 2000) */
  maxEntries?: number;
  /** approximate memory of the pages kept at most (default 32 MB) */
  maxBytes?: number;
  /** milliseconds, for tests (default Date.now) */
  clock?: () => number;
}

export interface CachedPage {
  agency: AgencyView;
  /** the page split at CSRF_SLOT: one part when it carries no token */
  parts: readonly string[];
  /** strong ETag of the shared part, quoted */
  etag: string;
  version: number;
  expires: number;
  bytes: number;
}

export interface ServeOptions {
  /** the agency of the request (null: the page answers `missing`); called on a miss only */
  load: (c: Context<AppEnv>) => Promise<AgencyView | null>;
  /** the page's HTML for the agency (CSRF_SLOT where the token goes), or null when it does not exist */
  render: (agency: AgencyView) => Promise<string | null> | string | null;
  /** the answer when the agency or the page does not exist */
  missing: (c: Context<AppEnv>) => Response | Promise<Response>;
  /** the token to put in CSRF_SLOT (pages with a form; call after sessionMiddleware) */
  token?: (c: Context<AppEnv>) => string;
}

const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const hash = (text: string, length: number): string => createHash('sha256').update(text).digest('base64url').slice(0, length);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeAttribute = (text: string): string => (/[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch) : text);

/** Whether an If-None-Match header matches the ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

export class PageCache {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly clock: () => number;
  private readonly entries = new Map<string, CachedPage>();
  /** renders under way, by key and version: concurrent misses share one */
  private readonly pending = new Map<string, Promise<CachedPage | null>>();
  private bytes = 0;
  /** counters, for tests and the bench */
  readonly stats = { hits: 0, misses: 0 };

  constructor(options: PageCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every page (the content versions do this per agency). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** The fresh entry of the agency's page, or undefined. */
  get(code: string, page: string): CachedPage | undefined {
    const key = `${code}\u0000${page}`;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.version !== columnVersion(code) || entry.expires <= this.clock()) {
      this.drop(key, entry);
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps the page rendered for the agency when its content version was `version`. */
  set(code: string, page: string, agency: AgencyView, html: string, version: number): CachedPage {
    const parts = html.split(CSRF_SLOT);
    const entry: CachedPage = { agency, parts, etag: `"${hash(html, 27)}"`, version, expires: this.clock() + this.ttlMs, bytes: html.length * 2 + 256 };
    const key = `${code}\u0000${page}`;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (entry.bytes > this.maxBytes) return entry; // served, not kept
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
    return entry;
  }

  private drop(key: string, entry: CachedPage): void {
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }

  /** The entry of the agency's page: from memory, or loaded and rendered (null: no such agency or page). */
  async entry(c: Context<AppEnv>, page: string, options: Pick<ServeOptions, 'load' | 'render'>): Promise<CachedPage | null> {
    const code = c.req.param('agency') ?? '';
    if (!AGENCY_CODE.test(code)) return null;
    const hit = this.get(code, page);
    if (hit) {
      this.stats.hits += 1;
      return hit;
    }
    this.stats.misses += 1;
    // the version is read before the database: a change during the render leaves the entry stale, never wrong
    const version = columnVersion(code);
    const key = `${code}\u0000${page}\u0000${version}`;
    let render = this.pending.get(key);
    if (!render) {
      render = (async () => {
        const agency = await options.load(c);
        if (!agency || agency.code !== code) return null;
        const html = await options.render(agency);
        return html === null ? null : this.set(code, page, agency, html, version);
      })();
      this.pending.set(key, render);
      const done = () => this.pending.delete(key);
      render.then(done, done);
    }
    return render;
  }

  /** Answers the request with the agency's page: 200 with an ETag, 304 when If-None-Match has it, or `missing`. */
  async serve(c: Context<AppEnv>, page: string, options: ServeOptions & { cacheControl?: string }): Promise<Response> {
    const entry = await this.entry(c, page, options);
    if (!entry) return options.missing(c);
    let body: string;
    let etag = entry.etag;
    if (entry.parts.length === 1) body = entry.parts[0] ?? '';
    else {
      const token = options.token?.(c) ?? '';
      body = entry.parts.join(escapeAttribute(token));
      etag = `"${entry.etag.slice(1, -1)}.${hash(token, 16)}"`;
    }
    c.header('ETag', etag);
    c.header('Cache-Control', options.cacheControl ?? (entry.parts.length === 1 ? 'no-cache' : 'private, no-cache'));
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.html(body);
  }
}

// ---------------------------------------------------------------------------------------------
// The anonymous visitor's CSRF token (see the header)

const secrets = new WeakMap<Db, Promise<string>>();

function secretOf(db: Db): Promise<string> {
  let s = secrets.get(db);
  if (!s) {
    s = csrfSecret(db);
    s.catch(() => secrets.delete(db));
    secrets.set(db, s);
  }
  return s;
}

/** hono's cookie signature: HMAC-SHA256 of the value, standard base64 (44 characters). */
const signature = (value: string, secret: string): string => createHmac('sha256', secret).update(value).digest('base64');

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token in a signed gk_csrf cookie (value.signature), or null when it is not one of ours. */
function signedToken(cookie: string | undefined, secret: string): string | null {
  if (cookie === undefined) return null;
  const dot = cookie.lastIndexOf('.');
  const value = cookie.slice(0, dot);
  if (dot < 0 || !TOKEN.test(value)) return null;
  const given = Buffer.from(cookie.slice(dot + 1));
  const expected = Buffer.from(signature(value, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

/**
 * Sets c.var.user and c.var.csrf as ensureSession() does, and returns the token: a signed-in visitor
 * (session cookie) goes through ensureSession; an anonymous one keeps a valid gk_csrf cookie or gets
 * a new one.
 */
export async function visitorCsrf(c: Context<AppEnv>): Promise<string> {
  if (c.get('user') !== undefined || getCookie(c, SESSION_COOKIE) !== undefined) {
    await ensureSession(c);
    return c.var.csrf;
  }
  const secret = await secretOf(c.var.deps.db);
  let token = signedToken(getCookie(c, CSRF_COOKIE), secret);
  if (token === null) {
    token = randomBytes(32).toString('base64url');
    setCookie(c, CSRF_COOKIE, `${token}.${signature(token, secret)}`, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.secureCookies });
  }
  c.set('user', null);
  c.set('csrf', token);
  return token;
}
