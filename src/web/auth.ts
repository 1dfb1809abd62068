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

import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
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

/** The CSRF-cookie secret of each database (read or created once). */
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
  c.set('user', null);
  // an anonymous visitor's token: a random value in a signed cookie (HMAC-SHA256, secret in settings)
  const secret = await secretOf(db);
  let value = await getSignedCookie(c, secret, CSRF_COOKIE);
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
    value = randomBytes(32).toString('base64url');
    await setSignedCookie(c, CSRF_COOKIE, value, secret, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.secureCookies });
  }
  c.set('csrf', value);
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
 * see but may not act in, 403.
 */
export function requireAgency(action: Action): MiddlewareHandler<AppEnv> {
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
    if (!can(user, agency.id, action)) {
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
