// Cache-Control: no-store on everything that may carry personal or per-user data (issue #10 §5): every
// staff page and download, every API answer, the first-start setup, the citizen's receipt and status
// pages, and any answer to a form (POST). A shared proxy or the browser's disk keeps none of them. The
// public column's pages (the same for everyone, page-cache.ts) keep their own caching.

import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** The paths whose answers are never stored: /staff, /api, /setup, and a column's receipt and status result. */
export function mustNotStore(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return true;
  if (/^\/(staff|api|setup)(\/|$)/.test(path)) return true;
  return /^\/[^/]+\/(apply\/receipt|status\/.)/.test(path);
}

export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!mustNotStore(c.req.method, c.req.path)) return;
    try {
      c.res.headers.set('Cache-Control', 'no-store');
    } catch {
      // a response with immutable headers (Response.redirect …): copied with the header
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('Cache-Control', 'no-store');
    }
  };
}
