// The security headers of every response (CSP, nosniff, frame-ancestors, HSTS behind TLS …), as hono's
// secureHeaders middleware makes them — its defaults and our policy — but set in one of two ways:
//
//   app.use('*', securityHeaders(deps.secureCookies))      after the handler, on its response
//   return completeResponse(c, body, 200, { etag, … })      a response built with them already in
//
// hono's middleware sets each header on the response's Headers object after the handler, which makes
// @hono/node-server turn a response built with plain headers back into a Headers object and out again:
// for a page served from memory that is most of its cost. So the header values are taken once from
// hono's middleware (run on a probe app) and a handler that answers with completeResponse() gets them
// in its plain headers; the middleware leaves such a response alone and sets them on every other.

import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context.ts';

/** The platform's policy (the options of hono's secureHeaders). */
export function securityPolicy(secureCookies: boolean): Parameters<typeof secureHeaders>[0] {
  return {
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: secureCookies ? 'max-age=31536000' : false,
  };
}

/** The headers hono's secureHeaders sets with these options (lower-case names), read off a probe response. */
async function headersOf(options: Parameters<typeof secureHeaders>[0]): Promise<Readonly<Record<string, string>>> {
  const probe = new Hono();
  probe.use('*', secureHeaders(options));
  probe.get('/', (c) => c.body(null, 204));
  const response = await probe.request('/');
  return Object.freeze(Object.fromEntries(response.headers));
}

/** Responses built by completeResponse() (the middleware leaves them alone). */
const complete = new WeakSet<Response>();

export function securityHeaders(secureCookies: boolean): MiddlewareHandler<AppEnv> {
  let known: Readonly<Record<string, string>> | undefined;
  let pending: Promise<Readonly<Record<string, string>>> | undefined;
  return async (c, next) => {
    const headers = known ?? (known = await (pending ??= headersOf(securityPolicy(secureCookies))));
    c.set('securityHeaders', headers);
    await next();
    const res = c.res;
    if (complete.has(res)) return;
    for (const name in headers) res.headers.set(name, headers[name] ?? '');
    res.headers.delete('X-Powered-By');
  };
}

/**
 * A response with the security headers in its plain headers, so nothing turns them into a Headers
 * object on the way out. Headers set with c.header() before are not in it: use it only where no
 * middleware before the handler sets one.
 */
export function completeResponse(c: Context<AppEnv>, body: Uint8Array | null, status: number, headers: Record<string, string>): Response {
  const res = new Response(body as Uint8Array<ArrayBuffer> | null, { status, headers: { ...c.get('securityHeaders'), ...headers } });
  complete.add(res);
  return res;
}
