// Limits over a counter store: "at most `limit` in `windowMs`" per key, and the exponential back-off
// of sign-in. Times are milliseconds since the epoch, passed in (the callers' clock), never read here.

import { MemoryCounterStore } from './store.ts';
import type { CounterStore } from './store.ts';

export interface Rule {
  limit: number;
  windowMs: number;
}

export class Limiter {
  constructor(readonly store: CounterStore = new MemoryCounterStore()) {}

  /** Seconds until `key` may act again under `rule`; 0: now. */
  retryAfter(key: string, rule: Rule, now: number): number {
    const c = this.store.get(key, now);
    if (!c || c.count < rule.limit) return 0;
    return Math.max(1, Math.ceil((c.expiresAt - now) / 1000));
  }

  /** Counts one for `key` under `rule` (a window begins if there is none); the count so far. */
  hit(key: string, rule: Rule, now: number): number {
    return this.store.increment(key, now, rule.windowMs).count;
  }

  /** Counts one request if `rule` allows it: 0, or the seconds to wait (a refused request is not counted). */
  take(key: string, rule: Rule, now: number): number {
    const wait = this.retryAfter(key, rule, now);
    if (wait === 0) this.hit(key, rule, now);
    return wait;
  }

  reset(key: string): void {
    this.store.delete(key);
  }
}

export interface Backoff {
  /** failures allowed before the back-off begins */
  free: number;
  /** the first delay, in seconds; it doubles with each further failure … */
  baseSeconds: number;
  /** … up to this */
  capSeconds: number;
}

/** Seconds to wait after the `failures`-th failure: 0 up to `free - 1`, then base × 2^(failures − free), capped. */
export function backoffSeconds(failures: number, b: Backoff): number {
  if (failures < b.free) return 0;
  const doublings = Math.min(failures - b.free, 30);
  return Math.min(b.capSeconds, b.baseSeconds * 2 ** doublings);
}
