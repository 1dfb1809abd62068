// The public pages that are the same for every visitor (an agency's column home, 指南, 制度, 法定主动公开
// 内容, the list of annual reports, the status query form), rendered once and served from memory:
//
//   const pages = new PageCache();                       // one per app (publicRoutes)
//   const guide: CachedPageOptions = { load: agencyOf, render: async (agency, c) => html, missing: notFound };
//   r.get('/:agency/guide', (c) => pages.serve(c, 'guide', guide));
//
// - keyed by agency code + page; the agency (its lookup) is cached with the page, so a hit never asks
//   the database;
// - an entry holds while the agency's content version (services/column-version.ts) is the one read
//   before it was rendered, and for at most ttlMs (60 s: the safety net for a change made behind the
//   platform's back, a manual UPDATE); bounded in entries and bytes, least recently used first out. The
//   version is this process's touches, plus — when the app shares a database with other processes
//   (deps.columnVersions, PostgreSQL) — the database's column_versions, read before each cached page
//   (one indexed query, shared by the requests that arrive together): a column changed through another
//   server is rendered again on the next request here;
// - a page that carries the visitor's CSRF token (a form) is rendered with CSRF_SLOT in its place, and
//   the token is put in per response (a copy of the cached UTF-8 bytes around it): the cached part is
//   the same for everyone, and such a page is `Cache-Control: private, no-cache`; the token comes from
//   auth.ts visitorSession() — for an anonymous visitor without a promise, a new gk_csrf cookie sent
//   with the page;
// - strong ETag (of the shared part, plus a tag of the token where there is one) and If-None-Match → 304;
// - the answer is built with its headers, the security headers included, as a plain object
//   (security-headers.ts completeResponse): nothing on the way out turns them into a Headers object.
//   A cached route has no middleware that sets a header before it (none would be sent).
//
// Not cached: 404s (an agency created a moment later must show), anything that fails to render.
// A hit asks the database nothing unless the app shares it (then only for the version).

import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { PublicAgency } from './pages/public-agency.ts';
import { columnVersion } from '../services/column-version.ts';
import type { SharedColumnVersions } from '../services/column-version.ts';
import { visitorSession } from './auth.ts';
import type { AnonymousVisitor } from './auth.ts';
import type { AppEnv } from './context.ts';
import { completeResponse } from './security-headers.ts';
import { applyViewMode, viewModeOf } from './view-mode.ts';
import type { ViewMode } from './view-mode.ts';

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
  agency: PublicAgency;
  /** the page in UTF-8 (sent as is: no encoding per response), split at CSRF_SLOT: one part when it carries no token */
  parts: readonly Buffer<ArrayBuffer>[];
  /** strong ETag of the shared part, quoted */
  etag: string;
  version: number;
  expires: number;
  bytes: number;
}

export interface CachedPageOptions {
  /** the agency of the request (null: the page answers `missing`); called on a miss only */
  load: (c: Context<AppEnv>) => Promise<PublicAgency | null>;
  /** the page's HTML for the agency (CSRF_SLOT where the token goes), or null when it does not exist */
  render: (agency: PublicAgency, c: Context<AppEnv>) => Promise<string | null> | string | null;
  /** the answer when the agency or the page does not exist */
  missing: (c: Context<AppEnv>) => Response | Promise<Response>;
  /** whether the page carries the visitor's CSRF token (rendered with CSRF_SLOT where it goes) */
  csrf?: boolean;
  /** default: 'no-cache' (revalidate with the ETag), 'private, no-cache' for a page with a token */
  cacheControl?: string;
  /** default: 'text/html; charset=UTF-8' (an Atom feed is cached too) */
  contentType?: string;
}

const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const hash = (text: string, length: number): string => createHash('sha256').update(text).digest('base64url').slice(0, length);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeAttribute = (text: string): string => (/[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch) : text);

const EMPTY = Buffer.alloc(0);

/** The parts joined with the token between them (every byte written: the memory comes uninitialised). */
function withToken(parts: readonly Buffer<ArrayBuffer>[], token: string): Buffer<ArrayBuffer> {
  const tokenBytes = Buffer.byteLength(token, 'utf8');
  let size = tokenBytes * (parts.length - 1);
  for (const part of parts) size += part.length;
  const body = Buffer.allocUnsafe(size); // fresh from malloc: faster to fill and send than a slab of our own
  let at = 0;
  for (const [i, part] of parts.entries()) {
    if (i > 0) at += body.write(token, at, 'utf8');
    at += part.copy(body, at);
  }
  if (at !== size) throw new Error('withToken: size mismatch');
  return body;
}

/** A short tag of the visitor's token for the ETag (FNV-1a, 32 bits: only told apart from the same visitor's earlier token). */
function tokenTag(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

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

  /** The fresh entry of the agency's page (its content version now: `version`), or undefined. */
  get(code: string, page: string, version: number = columnVersion(code)): CachedPage | undefined {
    const key = `${code}\u0000${page}`;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.version !== version || entry.expires <= this.clock()) {
      this.drop(key, entry);
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps the page rendered for the agency when its content version was `version`. */
  set(code: string, page: string, agency: PublicAgency, html: string, version: number): CachedPage {
    const parts = html.split(CSRF_SLOT).map((part) => Buffer.from(part, 'utf8'));
    const bytes = parts.reduce((n, part) => n + part.length, 256);
    const entry: CachedPage = { agency, parts, etag: `"${hash(html, 27)}"`, version, expires: this.clock() + this.ttlMs, bytes };
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

  /** The agency's page rendered and kept (null: no such agency or page); concurrent misses share one render. */
  private load(c: Context<AppEnv>, code: string, page: string, options: CachedPageOptions, mode: ViewMode, version: number): Promise<CachedPage | null> {
    // the version was read before the database: a change during the render leaves the entry stale, never wrong
    const key = `${code}\u0000${page}\u0000${version}`;
    let render = this.pending.get(key);
    if (!render) {
      render = (async () => {
        const agency = await options.load(c);
        if (!agency || agency.code !== code) return null;
        const html = await options.render(agency, c);
        return html === null ? null : this.set(code, page, agency, applyViewMode(html, mode), version);
      })();
      this.pending.set(key, render);
      const done = () => this.pending.delete(key);
      render.then(done, done);
    }
    return render;
  }

  /**
   * Answers the request with the page of the route's :agency: 200 with an ETag, 304 when If-None-Match
   * has it, or `missing`. Synchronous on a hit for an anonymous visitor (no promise, no database) unless
   * the app shares column versions with other processes (then after one shared read of them).
   */
  serve(c: Context<AppEnv>, page: string, options: CachedPageOptions): Response | Promise<Response> {
    // shared with other processes: their changes are read first (a change committed before this request is seen by it)
    const shared = c.get('deps').columnVersions;
    if (shared !== undefined) return shared.sync().then(() => this.withVisitor(c, page, options, shared));
    return this.withVisitor(c, page, options, undefined);
  }

  private withVisitor(c: Context<AppEnv>, page: string, options: CachedPageOptions, shared: SharedColumnVersions | undefined): Response | Promise<Response> {
    if (options.csrf !== true) return this.page(c, page, options, null, shared);
    const visitor = visitorSession(c);
    return visitor instanceof Promise ? visitor.then((v) => this.page(c, page, options, v, shared)) : this.page(c, page, options, visitor, shared);
  }

  /** visitor: the anonymous visitor of a page with a token (null when signed in: ensureSession has set c.var.csrf and any cookie) */
  private page(c: Context<AppEnv>, page: string, options: CachedPageOptions, visitor: AnonymousVisitor | null, shared: SharedColumnVersions | undefined): Response | Promise<Response> {
    const code = c.req.param('agency') ?? '';
    if (!AGENCY_CODE.test(code)) return options.missing(c);
    // 长者模式 is a class on <html>: each mode its own entry (and ETag)
    const mode = viewModeOf(c);
    const key = mode === 'elder' ? `${page}\u0000elder` : page;
    const version = columnVersion(code) + (shared?.version(code) ?? 0);
    const hit = this.get(code, key, version);
    if (hit) {
      this.stats.hits += 1;
      return this.respond(c, hit, options, visitor);
    }
    this.stats.misses += 1;
    return this.load(c, code, key, options, mode, version).then((entry) => (entry ? this.respond(c, entry, options, visitor) : options.missing(c)));
  }

  private respond(c: Context<AppEnv>, entry: CachedPage, options: CachedPageOptions, visitor: AnonymousVisitor | null): Response {
    const shared = entry.parts.length === 1;
    const token = shared ? '' : (c.get('csrf') ?? '');
    const etag = shared ? entry.etag : `"${entry.etag.slice(1, -1)}.${tokenTag(token)}"`;
    const headers: Record<string, string> = { etag, 'cache-control': options.cacheControl ?? (shared ? 'no-cache' : 'private, no-cache') };
    if (visitor?.setCookie !== undefined) headers['set-cookie'] = visitor.setCookie;
    // a signed-in visitor's page goes out through c.header/c.body: ensureSession may have set a cookie there
    const send = (body: Uint8Array | null, status: 200 | 304): Response => {
      const type = options.contentType ?? 'text/html; charset=UTF-8';
      if (visitor !== null || options.csrf !== true) return completeResponse(c, body, status, body === null ? headers : { ...headers, 'content-type': type });
      for (const name in headers) c.header(name, headers[name]);
      if (body !== null) c.header('content-type', type);
      return body === null ? c.body(null, 304) : c.body(body as Uint8Array<ArrayBuffer>, 200);
    };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return send(null, 304);
    return send(shared ? (entry.parts[0] ?? EMPTY) : withToken(entry.parts, escapeAttribute(token)), 200);
  }
}
