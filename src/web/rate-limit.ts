// Rate limits per client address (sign-in and change of password, the public application form, status
// queries), over a counter store (services/limits): at most `limit` requests in a window that begins
// with the first. Each rateLimit() call has its own limiter unless one is given, so the limits belong
// to the app that created the routes (tests get fresh ones with every createApp).

import type { Context, MiddlewareHandler } from 'hono';
import { Limiter } from '../services/limits/limiter.ts';
import { clientAddress } from './client-address.ts';
import type { AppEnv } from './context.ts';
import { messagePage } from './views/message.tsx';

export type RateLimitKey = 'login' | 'apply' | 'status' | 'status_action';

export interface RateLimitOptions {
  key: RateLimitKey;
  /** requests allowed per window and address */
  limit: number;
  windowMs: number;
  /** shared with other routes (e.g. sign-in and change of password count together) */
  limiter?: Limiter;
}

const WHAT: Record<RateLimitKey, string> = {
  login: '登录尝试',
  apply: '提交申请',
  status: '查询办理进度',
  status_action: '在线补正或撤回',
};

/** The client's address (web/client-address.ts; GONGKAI_TRUST_PROXY). */
export async function clientIp(c: Context<AppEnv>): Promise<string> {
  return clientAddress(c);
}

/** Answers 429 with Retry-After and a Chinese message (JSON under /api/). */
export function tooMany(c: Context<AppEnv>, retryAfter: number, message: string): Response {
  c.header('Retry-After', String(retryAfter));
  if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'RATE_LIMITED', message } }, 429);
  return c.html(messagePage({ title: '操作过于频繁', message, home: '/' }), 429);
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const limiter = options.limiter ?? new Limiter();
  const rule = { limit: options.limit, windowMs: options.windowMs };
  return async (c, next) => {
    const now = Date.parse(c.var.deps.now());
    const wait = limiter.take(`${options.key}:${clientAddress(c)}`, rule, now);
    if (wait > 0) return tooMany(c, wait, `${WHAT[options.key]}过于频繁，请在 ${wait} 秒后再试。`);
    await next();
  };
}
