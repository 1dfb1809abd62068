// Rate limits per client address (login, the public application form, status queries): an in-memory
// sliding window. Each rateLimit() call has its own state, so the limits belong to the app that
// created the routes (tests get fresh ones with every createApp).

import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { trustsProxy } from '../services/setup.ts';
import type { AppEnv } from './context.ts';
import { messagePage } from './views/message.tsx';

export type RateLimitKey = 'login' | 'apply' | 'status';

export interface RateLimitOptions {
  key: RateLimitKey;
  /** requests allowed per window and address */
  limit: number;
  windowMs: number;
}

const WHAT: Record<RateLimitKey, string> = {
  login: '登录尝试',
  apply: '提交申请',
  status: '查询办理进度',
};

/** Addresses tracked per limiter before expired ones are swept (and, if still too many, the oldest dropped). */
const MAX_TRACKED = 50_000;

/**
 * The client's address: the last X-Forwarded-For entry (the one our proxy appended) when the
 * `trust_proxy` setting is on; else the socket's address; 'local' when there is no socket (tests).
 */
export async function clientIp(c: Context<AppEnv>, trustProxy?: boolean): Promise<string> {
  if (trustProxy ?? (await trustsProxy(c.var.deps.db).catch(() => false))) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .pop();
    if (last) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** The trust-proxy setting is re-read at most this often by a limiter. */
const SETTING_TTL_MS = 30_000;

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const hits = new Map<string, number[]>();
  const sweep = (now: number) => {
    for (const [ip, times] of hits) if ((times[times.length - 1] ?? 0) <= now - options.windowMs) hits.delete(ip);
    for (const ip of hits.keys()) {
      if (hits.size <= MAX_TRACKED) break;
      hits.delete(ip);
    }
  };
  let setting: { trust: Promise<boolean>; at: number } | undefined;
  const trusted = (c: Context<AppEnv>): Promise<boolean> => {
    const at = Date.now();
    if (!setting || at - setting.at >= SETTING_TTL_MS) setting = { trust: trustsProxy(c.var.deps.db).catch(() => false), at };
    return setting.trust;
  };
  return async (c, next) => {
    const now = Date.parse(c.var.deps.now());
    const ip = await clientIp(c, await trusted(c));
    const times = (hits.get(ip) ?? []).filter((t) => t > now - options.windowMs);
    if (times.length >= options.limit) {
      hits.set(ip, times);
      const retryAfter = Math.max(1, Math.ceil(((times[0] ?? now) + options.windowMs - now) / 1000));
      const message = `${WHAT[options.key]}过于频繁，请在 ${retryAfter} 秒后再试。`;
      c.header('Retry-After', String(retryAfter));
      if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'RATE_LIMITED', message } }, 429);
      return c.html(messagePage({ title: '操作过于频繁', message, home: '/' }), 429);
    }
    times.push(now);
    hits.delete(ip); // re-insert: the Map's order is then least recently seen first
    hits.set(ip, times);
    if (hits.size > MAX_TRACKED) sweep(now);
    await next();
  };
}
