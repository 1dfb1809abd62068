// Limits over a counter store: "at most `limit` in `windowMs`" per key, and the exponential back-off
// of sign-in. Times are milliseconds since the epoch, passed in (the callers' clock), never read here.

import { MemoryCounterStore } from './store.ts';
import type { CounterStore } from './store.ts';

export interface Rule {
  limit: number;
  windowMs: number;
}

const waitSeconds = (expiresAt: number, now: number): number => Math.max(1, Math.ceil((expiresAt - now) / 1000));

export class Limiter {
  constructor(readonly store: CounterStore = new MemoryCounterStore()) {}

  /** Seconds until `key` may act again under `rule`; 0: now. */
  async retryAfter(key: string, rule: Rule, now: number): Promise<number> {
    const c = await this.store.get(key, now);
    if (!c || c.count < rule.limit) return 0;
    return waitSeconds(c.expiresAt, now);
  }

  /** Counts one for `key` under `rule` (a window begins if there is none); the count so far. */
  async hit(key: string, rule: Rule, now: number): Promise<number> {
    return (await this.store.increment(key, now, rule.windowMs)).count;
  }

  /** Counts one request if `rule` allows it: 0, or the seconds to wait (a refused request is not counted). One step in the store. */
  async take(key: string, rule: Rule, now: number): Promise<number> {
    const { counted, counter } = await this.store.take(key, now, rule.windowMs, rule.limit);
    return counted ? 0 : waitSeconds(counter.expiresAt, now);
  }

  /** Takes back what take() counted for a request that then did not happen. */
  async giveBack(key: string, now: number): Promise<void> {
    await this.store.giveBack(key, now);
  }

  async reset(key: string): Promise<void> {
    await this.store.delete(key);
  }
}

/** The limiter over a shared store (one per store, so every route counts in the same place). */
const shared = new WeakMap<CounterStore, Limiter>();
export function limiterOver(store: CounterStore): Limiter {
  let limiter = shared.get(store);
  if (limiter === undefined) shared.set(store, (limiter = new Limiter(store)));
  return limiter;
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
