// The counter store and the limiter (services/limits): windows that begin with the first count and
// expire, a bound on the keys tracked, limits that refuse without counting, the sign-in back-off. The
// database's store, the same behaviour on both engines: test/services/limits-store.db.test.ts.

import { describe, expect, it } from 'vitest';
import { backoffSeconds, Limiter } from '../../src/services/limits/limiter.ts';
import { MemoryCounterStore } from '../../src/services/limits/store.ts';
import { SIGN_IN_BACKOFF } from '../../src/services/accounts/throttle.ts';

const T = 1_700_000_000_000;

describe('MemoryCounterStore', () => {
  it('counts within a window that begins with the first count, then forgets', async () => {
    const s = new MemoryCounterStore();
    expect(await s.increment('a', T, 60_000)).toEqual({ count: 1, since: T, last: T, expiresAt: T + 60_000 });
    expect(await s.increment('a', T + 10_000, 60_000)).toMatchObject({ count: 2, since: T, last: T + 10_000 });
    expect((await s.get('a', T + 59_999))?.count).toBe(2);
    expect(await s.get('a', T + 60_000)).toBeUndefined();
    expect(await s.increment('a', T + 60_000, 60_000)).toMatchObject({ count: 1, since: T + 60_000 });
  });

  it('takes a place only below the limit, in one step', async () => {
    const s = new MemoryCounterStore();
    expect(await s.take('t', T, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 1 } });
    expect(await s.take('t', T + 1, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 2 } });
    expect(await s.take('t', T + 2, 60_000, 2)).toMatchObject({ counted: false, counter: { count: 2, expiresAt: T + 60_000 } });
    expect(await s.take('t', T + 60_000, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 1, since: T + 60_000 } });
  });

  it('gives back a place taken: one count less, the last one takes the counter; nothing for an absent one', async () => {
    const s = new MemoryCounterStore();
    await s.take('g', T, 60_000, 2);
    await s.take('g', T + 1, 60_000, 2);
    expect(await s.take('g', T + 2, 60_000, 2)).toMatchObject({ counted: false });
    await s.giveBack('g', T + 3);
    expect(await s.get('g', T + 3)).toMatchObject({ count: 1, since: T });
    expect(await s.take('g', T + 4, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 2, since: T } });
    await s.giveBack('g', T + 5);
    await s.giveBack('g', T + 6);
    expect(await s.get('g', T + 7)).toBeUndefined();
    await s.giveBack('g', T + 8);
    expect(await s.take('g', T + 9, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 1, since: T + 9 } });
  });

  it('keeps a counter alive through an extension, and deletes on demand', async () => {
    const s = new MemoryCounterStore();
    await s.increment('b', T, 1_000);
    await s.extend('b', T + 5_000);
    expect((await s.get('b', T + 4_000))?.count).toBe(1);
    await s.delete('b');
    expect(await s.get('b', T)).toBeUndefined();
  });

  it('tracks at most maxKeys: expired ones are swept first, then the least recently counted', async () => {
    const s = new MemoryCounterStore(3);
    await s.increment('old', T, 1_000);
    await s.increment('x', T, 60_000);
    await s.increment('y', T, 60_000);
    await s.increment('z', T + 2_000, 60_000); // 'old' has expired: swept
    expect(s.size).toBe(3);
    expect((await s.get('x', T + 2_000))?.count).toBe(1);
    await s.increment('x', T + 3_000, 60_000); // x is now the most recent
    await s.increment('w', T + 3_000, 60_000); // over the bound: y (least recently counted) goes
    expect(s.size).toBe(3);
    expect(await s.get('y', T + 3_000)).toBeUndefined();
    expect((await s.get('x', T + 3_000))?.count).toBe(2);
    // a flood of distinct keys stays bounded
    for (let i = 0; i < 1000; i++) await s.increment(`flood${i}`, T + 4_000, 60_000);
    expect(s.size).toBe(3);
  });
});

describe('Limiter', () => {
  const rule = { limit: 3, windowMs: 60_000 };

  it('allows `limit` in a window, then says how long to wait; a refused request is not counted', async () => {
    const l = new Limiter();
    expect([await l.take('k', rule, T), await l.take('k', rule, T + 1_000), await l.take('k', rule, T + 2_000)]).toEqual([0, 0, 0]);
    expect(await l.take('k', rule, T + 30_000)).toBe(30);
    expect(await l.take('k', rule, T + 59_500)).toBe(1);
    expect((await l.store.get('k', T + 59_500))?.count).toBe(3);
    expect(await l.take('k', rule, T + 60_000)).toBe(0);
    // keys are independent
    expect(await l.retryAfter('other', rule, T)).toBe(0);
  });

  it('reset forgets a key', async () => {
    const l = new Limiter();
    for (let i = 0; i < 3; i++) await l.hit('k', rule, T);
    expect(await l.retryAfter('k', rule, T)).toBeGreaterThan(0);
    await l.reset('k');
    expect(await l.retryAfter('k', rule, T)).toBe(0);
  });
});

describe('backoffSeconds (sign-in)', () => {
  it('nothing for the first 9 failures, then 30 s doubling, at most 15 minutes', () => {
    expect([1, 5, 9].map((n) => backoffSeconds(n, SIGN_IN_BACKOFF))).toEqual([0, 0, 0]);
    expect([10, 11, 12, 13, 14, 15, 16, 100].map((n) => backoffSeconds(n, SIGN_IN_BACKOFF))).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });
});
