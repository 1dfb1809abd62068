// 长者模式 (the elder / accessibility mode every government site offers: 国办公开办函〔2021〕28号, the MIIT
// 适老化 rules, GB/T 37668): a cookie the server reads and a class on <html> — no JavaScript.
//
// - Every public page carries the switch as a link to itself with ?mode=elder or ?mode=standard
//   (views/layout.tsx ModeSwitch). This middleware answers such a request by setting (or deleting) the
//   gk_mode cookie and redirecting to the same page without the parameter — with its other query
//   parameters where the Referer (same origin, same path) still has them, e.g. a search.
// - A page from the page cache carries the class already (page-cache.ts keys its entries by mode); any
//   other public HTML page gets it here, on its way out.
// - The staff workspace and the API are not concerned.

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from './context.ts';

export type ViewMode = 'standard' | 'elder';

export const MODE_COOKIE = 'gk_mode';
const YEAR_SECONDS = 365 * 24 * 3600;
const HTML_OPEN = '<html lang="zh-CN">';
const HTML_OPEN_ELDER = '<html lang="zh-CN" class="elder">';

/** The visitor's mode (the cookie; anything else is the standard mode). */
export function viewModeOf(c: Context<AppEnv>): ViewMode {
  return getCookie(c, MODE_COOKIE) === 'elder' ? 'elder' : 'standard';
}

/** The page in the mode: the class on its <html> (the stylesheet does the rest). */
export function applyViewMode(html: string, mode: ViewMode): string {
  return mode === 'elder' ? html.replace(HTML_OPEN, HTML_OPEN_ELDER) : html;
}

const concerned = (path: string): boolean => !(path === '/api' || path.startsWith('/api/') || path === '/staff' || path.startsWith('/staff/') || path.startsWith('/assets/'));

/** A path as a Location: one leading slash ("//host" or "/\\host" would send the visitor to another site). */
const local = (path: string): string => path.replace(/^[/\\]+/, '/');

/** Where to go back to: the same path, with the Referer's query when it was this very page. */
function backTo(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('mode');
  const referer = c.req.header('referer');
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.origin === url.origin && from.pathname === url.pathname) {
        from.searchParams.delete('mode');
        return local(from.pathname) + from.search;
      }
    } catch {
      // an unreadable Referer: the path alone
    }
  }
  return local(url.pathname) + url.search;
}

export function viewMode(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!concerned(c.req.path)) return next();
    const asked = c.req.method === 'GET' ? c.req.query('mode') : undefined;
    if (asked === 'elder' || asked === 'standard') {
      const secure = c.var.deps.secureCookies ? '; Secure' : '';
      c.header('Set-Cookie', asked === 'elder' ? `${MODE_COOKIE}=elder; Path=/; Max-Age=${YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}` : `${MODE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
      c.header('Cache-Control', 'no-store');
      return c.redirect(backTo(c), 303);
    }
    await next();
    if (viewModeOf(c) !== 'elder') return;
    const res = c.res;
    // a cached page has its mode already (and an ETag of that content)
    if (res.headers.has('etag') || !(res.headers.get('content-type') ?? '').startsWith('text/html')) return;
    const html = await res.text();
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    // cleared first: Hono's setter would copy the old headers (a Content-Length among them) onto the new
    c.res = undefined as unknown as Response;
    c.res = new Response(applyViewMode(html, 'elder'), { status: res.status, headers });
  };
}
