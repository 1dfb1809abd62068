// CSRF: every form carries c.var.csrf in a hidden `_csrf` field, and every POST/PUT/PATCH/DELETE
// outside /api must send it back (the API takes bearer tokens, never cookies). Mount after
// sessionMiddleware() and after any body limit (the form is read here).

import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { jsx } from 'hono/jsx';
import type { AppEnv } from './context.ts';
import { ensureSession } from './auth.ts';
import { messagePage } from './views/message.tsx';

export const CSRF_FIELD = '_csrf';
export const CSRF_MESSAGE = '表单已过期或来源无效，请返回刷新页面后重新提交。';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The `_csrf` field of a urlencoded or multipart body ('' when absent or not a form). */
async function submitted(c: Context<AppEnv>): Promise<string> {
  try {
    const body = await c.req.parseBody();
    const v = body[CSRF_FIELD];
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

/** Refuses (403) an unsafe request to a page route whose `_csrf` field is not this visitor's token. */
export function verifyCsrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method) || c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    await ensureSession(c); // a no-op when sessionMiddleware has run
    const expected = c.var.csrf ?? '';
    const token = await submitted(c);
    if (expected === '' || token === '' || !same(token, expected))
      return c.html(messagePage({ title: '无法提交', message: CSRF_MESSAGE, home: '/' }), 403);
    await next();
  };
}

/** The hidden field of every form: `<CsrfField token={c.var.csrf} />`. */
export function CsrfField(props: { token: string }) {
  return jsx('input', { type: 'hidden', name: CSRF_FIELD, value: props.token });
}
