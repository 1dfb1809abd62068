// Who is asking: the staff session (cookie gk_session, pages) or an API token (Authorization: Bearer,
// /api only — the API takes no cookies, so it needs no CSRF token); the CSRF token of the response;
// and the guards of the staff routes.
//
//   app.use('*', sessionMiddleware())            sets c.var.user and c.var.csrf
//   staff.use('*', requireStaff())               pages: 303 to /staff/login?next=…; /api: 401 JSON
//   staff.get('/:agency/…', requireAgency('read'), …)   404 for an agency the user may not see
//
// The guards resolve the session themselves when sessionMiddleware has not run, and running it twice
// costs nothing: every piece works alone.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { apiUser, can, session, SESSION_TTL_SECONDS } from '../services/accounts.ts';
import type { Action } from '../services/accounts.ts';
import { findAgency } from '../services/agencies.ts';
import type { Db } from '../services/database.ts';
import { csrfSecret } from '../services/setup.ts';
import type { AppEnv, StaffAgency } from './context.ts';
import { GENERIC_MESSAGES } from './http-errors.ts';
import { messagePage } from './views/message.tsx';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_COOKIE = 'gk_csrf';

const isApi = (c: Context<AppEnv>): boolean => c.req.path.startsWith('/api/') || c.req.path === '/api';

/** Sets c.var.user and c.var.csrf unless already set (what sessionMiddleware does, for use inside other middleware). */
export async function ensureSession(c: Context<AppEnv>): Promise<void> {
  if (c.get('user') !== undefined) return;
  const { db, now } = c.var.deps;
  if (isApi(c)) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    c.set('user', bearer ? await apiUser(db, bearer, now()) : null);
    c.set('csrf', '');
    return;
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const s = await session(db, token, now());
    if (s) {
      c.set('user', s.user);
      c.set('csrf', s.csrfToken);
      return;
    }
    clearSessionCookie(c); // expired or unknown: drop it
  }
  const pending = anonymousVisitor(c);
  const visitor = pending instanceof Promise ? await pending : pending;
  if (visitor.setCookie !== undefined) c.header('Set-Cookie', visitor.setCookie, { append: true });
}

/**
 * What ensureSession() does, without a promise when it can: an anonymous visitor (no session cookie)
 * once the database's secret is known. The new gk_csrf cookie, if one is made, is returned and not
 * set: the caller sends it (a page cache answers with a Response of its own).
 */
export function visitorSession(c: Context<AppEnv>): AnonymousVisitor | Promise<AnonymousVisitor | null> | null {
  if (c.get('user') !== undefined) return null;
  if (isApi(c) || (c.req.header('cookie') !== undefined && getCookie(c, SESSION_COOKIE) !== undefined)) return ensureSession(c).then(() => null);
  return anonymousVisitor(c);
}

// ---------------------------------------------------------------------------------------------
// The anonymous visitor's CSRF token: a random value in the signed cookie gk_csrf, in hono's
// signed-cookie format (value.base64(HMAC-SHA256(value)), secret in settings) made and checked with
// node:crypto: hono's getSignedCookie/setSignedCookie import a WebCrypto key on every call (~150 µs a
// request, more than all the rest of a cached page). New tokens are made 64 at a time; cookies already
// checked are remembered.

export interface AnonymousVisitor {
  token: string;
  /** the Set-Cookie line of a new gk_csrf cookie (none when the visitor sent a valid one) */
  setCookie?: string;
}

/** The platform secret of each database (settings.csrf_secret, read or created once), and the ones already read. */
const secrets = new WeakMap<Db, Promise<string>>();
const knownSecrets = new WeakMap<Db, string>();

/** The platform secret (signs the anonymous CSRF cookie; public.tsx derives its sealing key from it), read once per database. */
export function secretOf(db: Db): Promise<string> {
  let s = secrets.get(db);
  if (!s) {
    s = csrfSecret(db);
    s.then(
      (secret) => knownSecrets.set(db, secret),
      () => secrets.delete(db),
    );
    secrets.set(db, s);
  }
  return s;
}

/** hono's cookie signature: HMAC-SHA256 of the value, standard base64 (44 characters). */
const signature = (value: string, secret: string): string => createHmac('sha256', secret).update(value).digest('base64');

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Cookies known good (checked, or made here), cookie → token and the secret it was checked with; the oldest out first. */
const checked = new Map<string, { secret: string; token: string }>();
const MAX_CHECKED = 10_000;

function remember(cookie: string, secret: string, token: string): void {
  if (checked.size >= MAX_CHECKED) {
    const oldest = checked.keys().next();
    if (oldest.done !== true) checked.delete(oldest.value);
  }
  checked.set(cookie, { secret, token });
}

/** The token in a signed gk_csrf cookie (value.signature, decoded), or null when it is not one of ours. */
function signedToken(cookie: string | undefined, secret: string): string | null {
  if (cookie === undefined || cookie.length > 200) return null;
  const known = checked.get(cookie);
  if (known !== undefined && known.secret === secret) return known.token;
  const dot = cookie.lastIndexOf('.');
  const value = cookie.slice(0, dot);
  if (dot < 0 || !TOKEN.test(value)) return null;
  const given = Buffer.from(cookie.slice(dot + 1));
  const expected = Buffer.from(signature(value, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  remember(cookie, secret, value);
  return value;
}

/** New tokens with their cookie values, made BATCH at a time per secret (one system call for the randomness); each handed out once. */
const BATCH = 64;
interface Fresh {
  token: string;
  /** the cookie's value as sent: encodeURIComponent(token.signature), what setSignedCookie writes */
  cookie: string;
}

const fresh = new Map<string, Fresh[]>();

function freshToken(secret: string): Fresh {
  let pool = fresh.get(secret);
  if (pool === undefined || pool.length === 0) {
    const bytes = randomBytes(32 * BATCH);
    pool = [];
    for (let i = 0; i < BATCH; i++) {
      const token = bytes.toString('base64url', i * 32, i * 32 + 32);
      pool.push({ token, cookie: encodeURIComponent(`${token}.${signature(token, secret)}`) });
    }
    bytes.fill(0);
    if (fresh.size > 16) fresh.clear(); // one secret per database: a handful at most
    fresh.set(secret, pool);
  }
  const next = pool.pop();
  if (next === undefined) throw new Error('freshToken: empty pool');
  return next;
}

/** Sets c.var.user (null) and c.var.csrf for a visitor without a session: the gk_csrf cookie's token, or a new one. */
function anonymousVisitor(c: Context<AppEnv>): AnonymousVisitor | Promise<AnonymousVisitor> {
  const deps = c.get('deps'); // not c.var: that copies every variable into a new object
  const secret = knownSecrets.get(deps.db);
  if (secret === undefined) return secretOf(deps.db).then(() => anonymousVisitor(c));
  const token = c.req.header('cookie') === undefined ? null : signedToken(getCookie(c, CSRF_COOKIE), secret);
  c.set('user', null);
  if (token !== null) {
    c.set('csrf', token);
    return { token };
  }
  const made = freshToken(secret); // not remembered: checked once if it comes back
  c.set('csrf', made.token);
  return { token: made.token, setCookie: `${CSRF_COOKIE}=${made.cookie}; Path=/; HttpOnly${deps.secureCookies ? '; Secure' : ''}; SameSite=Lax` };
}

/** Reads the session cookie (pages) or bearer token (/api): sets c.var.user (or null) and c.var.csrf. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await ensureSession(c);
    await next();
  };
}

function unauthenticated(c: Context<AppEnv>): Response {
  if (isApi(c)) return c.json({ error: { code: 'UNAUTHENTICATED', message: GENERIC_MESSAGES[401] ?? '请先登录。' } }, 401);
  const url = new URL(c.req.url);
  const back = c.req.method === 'GET' ? `${url.pathname}${url.search}` : '/staff';
  return c.redirect(`/staff/login?next=${encodeURIComponent(back)}`, 303);
}

/** Staff only: pages redirect (303) to the login form, /api answers 401. */
export function requireStaff(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await ensureSession(c);
    if (!c.var.user) return unauthenticated(c);
    await next();
  };
}

/**
 * Staff of the agency in the route's `:agency` (its code) with a role that allows `action`; sets
 * c.var.agency. An agency the user may not see is answered 404, as if it did not exist; one they
 * see but may not act in, 403. `action`: one, or several of which any will do (投诉、举报 are the
 * office's: oversee or admin).
 */
export function requireAgency(action: Action | readonly Action[]): MiddlewareHandler<AppEnv> {
  const actions: readonly Action[] = typeof action === 'string' ? [action] : action;
  return async (c, next) => {
    await ensureSession(c);
    const user = c.var.user;
    if (!user) return unauthenticated(c);
    const code = c.req.param('agency') ?? '';
    let agency: StaffAgency | undefined;
    const m = user.memberships.find((x) => x.agencyCode === code);
    if (m) agency = { id: m.agencyId, code: m.agencyCode, name: m.agencyName };
    else if (user.platformAdmin && code !== '') {
      const found = await findAgency(c.var.deps.db, code);
      if (found.ok) agency = { id: found.value.id, code: found.value.code, name: found.value.name };
    }
    if (!agency) {
      if (isApi(c)) return c.json({ error: { code: 'NOT_FOUND', message: GENERIC_MESSAGES[404] ?? '' } }, 404);
      return c.html(messagePage({ title: '页面不存在', message: GENERIC_MESSAGES[404] ?? '', home: '/staff', site: '工作平台' }), 404);
    }
    if (!actions.some((a) => can(user, agency.id, a))) {
      if (isApi(c)) return c.json({ error: { code: 'FORBIDDEN', message: GENERIC_MESSAGES[403] ?? '' } }, 403);
      return c.html(messagePage({ title: '没有权限', message: GENERIC_MESSAGES[403] ?? '', home: '/staff', site: '工作平台' }), 403);
    }
    c.set('agency', agency);
    await next();
  };
}

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure behind TLS, 12 hours. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.secureCookies, maxAge: SESSION_TTL_SECONDS });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.secureCookies });
}

/** A `next` target that stays on this site (a path, never `//host` or a scheme). */
export function safeNext(next: unknown, fallback = '/staff'): string {
  if (typeof next !== 'string' || next === '' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\\]/.test(next)) return fallback;
  return next;
}
