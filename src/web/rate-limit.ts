// Rate limits per client address (sign-in and change of password, the public application form, status
// queries, 补正/撤回 online), over a counter store (services/limits): at most `limit` requests in a
// window that begins with the first. The store is the app's shared one when it has one (deps.counters:
// the database's rate_counters, so every process on the database counts together — what the server
// uses); else each rateLimit() call has its own limiter in memory unless one is given (tests get fresh
// ones with every createApp). The public limits' numbers are the platform administrator's settings, and
// addresses on the trusted list are exempt from them (services/limits/settings.ts).

import type { Context, MiddlewareHandler } from 'hono';
import { SignInThrottle } from '../services/accounts.ts';
import { Limiter, limiterOver } from '../services/limits/limiter.ts';
import type { Rule } from '../services/limits/limiter.ts';
import { isTrusted, publicLimits, ruleOf } from '../services/limits/settings.ts';
import type { LimitName, PublicLimits } from '../services/limits/settings.ts';
import { clientAddress } from './client-address.ts';
import type { AppEnv } from './context.ts';
import { messagePage } from './views/message.tsx';

export type RateLimitKey = 'login' | 'apply' | 'status' | 'status_action' | 'complaint';

export type RateLimitOptions = {
  key: RateLimitKey;
  /** used when the app has no shared counter store; by default one of its own, in memory (sign-in and change of password share one) */
  limiter?: Limiter;
} & (
  | {
      /** requests allowed per window and address */
      limit: number;
      windowMs: number;
    }
  | {
      /** the platform administrator's limit of this name, read on each request; trusted addresses pass */
      setting: LimitName;
    }
);

const WHAT: Record<RateLimitKey, string> = {
  login: '登录尝试',
  apply: '提交申请',
  status: '查询办理进度',
  status_action: '在线补正或撤回',
  complaint: '提交投诉、举报',
};

/** The client's address (web/client-address.ts; GONGKAI_TRUST_PROXY). */
export async function clientIp(c: Context<AppEnv>): Promise<string> {
  return clientAddress(c);
}

const limitsOfRequest = new WeakMap<Context<AppEnv>, Promise<PublicLimits>>();

/** The public limits and trusted addresses as set (services/limits/settings.ts), read once per request. */
export function publicLimitsOf(c: Context<AppEnv>): Promise<PublicLimits> {
  let limits = limitsOfRequest.get(c);
  if (limits === undefined) limitsOfRequest.set(c, (limits = publicLimits(c.var.deps.db)));
  return limits;
}

/** The limiter a request counts with: over the app's shared store when there is one, else `own`. */
export function limiterFor(c: Context<AppEnv>, own: Limiter): Limiter {
  const store = c.get('deps').counters;
  return store === undefined ? own : limiterOver(store);
}

/** The sign-in throttle a request counts with: over the app's shared store when there is one, else `own`. */
export function signInThrottleFor(c: Context<AppEnv>, own: SignInThrottle): SignInThrottle {
  const store = c.get('deps').counters;
  return store === undefined ? own : new SignInThrottle(limiterOver(store));
}

/** Answers 429 with Retry-After and a Chinese message (JSON under /api/). */
export function tooMany(c: Context<AppEnv>, retryAfter: number, message: string): Response {
  c.header('Retry-After', String(retryAfter));
  if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'RATE_LIMITED', message } }, 429);
  return c.html(messagePage({ title: '操作过于频繁', message, home: '/' }), 429);
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const own = options.limiter ?? new Limiter();
  const fixed: Rule | null = 'setting' in options ? null : { limit: options.limit, windowMs: options.windowMs };
  return async (c, next) => {
    const now = Date.parse(c.var.deps.now());
    const address = clientAddress(c);
    let rule = fixed;
    if (rule === null && 'setting' in options) {
      const { limits, trusted } = await publicLimitsOf(c);
      if (isTrusted(address, trusted)) return next();
      rule = ruleOf(limits[options.setting]);
    }
    if (rule === null) return next();
    const wait = await limiterFor(c, own).take(`${options.key}:${address}`, rule, now);
    if (wait > 0) return tooMany(c, wait, `${WHAT[options.key]}过于频繁，请在 ${wait} 秒后再试。`);
    await next();
  };
}
