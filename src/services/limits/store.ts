// Counters with expiry, for rate limits and back-off: how many times something happened for a key
// (an address, an account name, a receipt code) since the counter's window began. The in-memory store
// keeps at most `maxKeys` counters: past that, expired ones are swept, then the least recently counted
// dropped — so a flood of distinct keys costs bounded memory (and at worst forgets old counters).

export interface Counter {
  /** how many times, in this window */
  count: number;
  /** when the window began (ms since the epoch): the first count */
  since: number;
  /** the last count */
  last: number;
  /** when the counter is forgotten (ms since the epoch) */
  expiresAt: number;
}

export interface CounterStore {
  /** The counter of `key`, or undefined when there is none or it has expired. */
  get(key: string, now: number): Counter | undefined;
  /** Counts one more for `key`; a window of `windowMs` begins when there is no live counter. */
  increment(key: string, now: number, windowMs: number): Counter;
  /** Keeps the counter at least until `until` (a back-off that outlasts its window). */
  extend(key: string, until: number): void;
  delete(key: string): void;
}

/** Counters tracked by one store before it sweeps. */
export const DEFAULT_MAX_KEYS = 100_000;

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly maxKeys: number = DEFAULT_MAX_KEYS) {}

  get size(): number {
    return this.counters.size;
  }

  get(key: string, now: number): Counter | undefined {
    const c = this.counters.get(key);
    if (!c) return undefined;
    if (c.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return { ...c };
  }

  increment(key: string, now: number, windowMs: number): Counter {
    const live = this.get(key, now);
    const next: Counter = live
      ? { ...live, count: live.count + 1, last: now }
      : { count: 1, since: now, last: now, expiresAt: now + windowMs };
    this.counters.delete(key); // re-insert: the Map's order is least recently counted first
    this.counters.set(key, next);
    if (this.counters.size > this.maxKeys) this.sweep(now);
    return { ...next };
  }

  extend(key: string, until: number): void {
    const c = this.counters.get(key);
    if (c && c.expiresAt < until) c.expiresAt = until;
  }

  delete(key: string): void {
    this.counters.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, c] of this.counters) if (c.expiresAt <= now) this.counters.delete(key);
    for (const key of this.counters.keys()) {
      if (this.counters.size <= this.maxKeys) break;
      this.counters.delete(key);
    }
  }
}
