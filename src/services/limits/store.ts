// Counters with expiry, for rate limits and back-off: how many times something happened for a key
// (an address, an account name, a receipt code, an applicant's hashed 证件号码) since the counter's
// window began. Two stores behind one interface: the database's (db-store.ts, rate_counters: what a
// running platform uses, shared by every process on the database) and this in-memory one (one
// process; unit tests, and an app built without a shared store). The in-memory store keeps at most
// `maxKeys` counters: past that, expired ones are swept, then the least recently counted dropped — so a
// flood of distinct keys costs bounded memory (and at worst forgets old counters).

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
  get(key: string, now: number): Promise<Counter | undefined>;
  /** Counts one more for `key`; a window of `windowMs` begins when there is no live counter. */
  increment(key: string, now: number, windowMs: number): Promise<Counter>;
  /**
   * Counts one more for `key` only while its live counter is below `limit` (a new window counts 1), in
   * one step: two requests at once never both take the last place. `counted` false: refused, nothing
   * changed, `counter` the live counter that refused it.
   */
  take(key: string, now: number, windowMs: number, limit: number): Promise<{ counted: boolean; counter: Counter }>;
  /** Takes back one count of `key`'s live counter (what take() counted for something that then did not happen); the last count takes the counter. */
  giveBack(key: string, now: number): Promise<void>;
  /** Keeps the counter at least until `until` (a back-off that outlasts its window). */
  extend(key: string, until: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Counters tracked by one store before it sweeps. */
export const DEFAULT_MAX_KEYS = 100_000;

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly maxKeys: number = DEFAULT_MAX_KEYS) {}

  get size(): number {
    return this.counters.size;
  }

  private live(key: string, now: number): Counter | undefined {
    const c = this.counters.get(key);
    if (!c) return undefined;
    if (c.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return c;
  }

  async get(key: string, now: number): Promise<Counter | undefined> {
    const c = this.live(key, now);
    return c ? { ...c } : undefined;
  }

  private count(key: string, now: number, windowMs: number): Counter {
    const live = this.live(key, now);
    const next: Counter = live ? { ...live, count: live.count + 1, last: now } : { count: 1, since: now, last: now, expiresAt: now + windowMs };
    this.counters.delete(key); // re-insert: the Map's order is least recently counted first
    this.counters.set(key, next);
    if (this.counters.size > this.maxKeys) this.sweep(now);
    return { ...next };
  }

  async increment(key: string, now: number, windowMs: number): Promise<Counter> {
    return this.count(key, now, windowMs);
  }

  async take(key: string, now: number, windowMs: number, limit: number): Promise<{ counted: boolean; counter: Counter }> {
    const live = this.live(key, now);
    if (live && live.count >= limit) return { counted: false, counter: { ...live } };
    return { counted: true, counter: this.count(key, now, windowMs) };
  }

  async giveBack(key: string, now: number): Promise<void> {
    const live = this.live(key, now);
    if (live === undefined) return;
    if (live.count <= 1) this.counters.delete(key);
    else live.count -= 1;
  }

  async extend(key: string, until: number): Promise<void> {
    const c = this.counters.get(key);
    if (c && c.expiresAt < until) c.expiresAt = until;
  }

  async delete(key: string): Promise<void> {
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
