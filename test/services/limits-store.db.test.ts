// The database's counter store (services/limits/db-store.ts, rate_counters) on each engine: windows
// that begin with the first count and expire, take() that refuses without counting and never gives the
// last place twice (concurrent requests, two handles on one database as two processes would have),
// extension and deletion, keys too long or odd to store as they are, and expired rows swept.

import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { connectPostgres } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/schema.ts';
import { DatabaseCounterStore } from '../../src/services/limits/db-store.ts';
import { Limiter } from '../../src/services/limits/limiter.ts';
import { engines, useDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';

const T = 1_700_000_000_000;

/** A second handle on the same database: another pool on PostgreSQL (as another process has), the same PGlite. */
async function secondHandle(database: TestDatabase): Promise<{ db: Kysely<DB>; close: () => Promise<void> }> {
  if (database.engine === 'pglite' || database.schema === undefined) return { db: database.db, close: async () => undefined };
  const other = await connectPostgres(process.env['DATABASE_URL'] as string, { searchPath: database.schema, max: 4 });
  return { db: other.db, close: other.close };
}

describe.each(engines())('DatabaseCounterStore on %s', (engine) => {
  const t = useDatabase(engine);

  it('counts within a window that begins with the first count, then starts a new one', async () => {
    const s = new DatabaseCounterStore(t.db);
    expect(await s.increment('a', T, 60_000)).toEqual({ count: 1, since: T, last: T, expiresAt: T + 60_000 });
    expect(await s.increment('a', T + 10_000, 60_000)).toEqual({ count: 2, since: T, last: T + 10_000, expiresAt: T + 60_000 });
    expect(await s.get('a', T + 59_999)).toMatchObject({ count: 2 });
    expect(await s.get('a', T + 60_000)).toBeUndefined();
    expect(await s.increment('a', T + 60_000, 60_000)).toEqual({ count: 1, since: T + 60_000, last: T + 60_000, expiresAt: T + 120_000 });
  });

  it('take: a place only below the limit; a refusal changes nothing and says until when', async () => {
    const s = new DatabaseCounterStore(t.db);
    expect(await s.take('t', T, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 1 } });
    expect(await s.take('t', T + 1, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 2 } });
    expect(await s.take('t', T + 2, 60_000, 2)).toEqual({ counted: false, counter: { count: 2, since: T, last: T + 1, expiresAt: T + 60_000 } });
    expect(await s.take('t', T + 60_000, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 1, since: T + 60_000 } });
    const limiter = new Limiter(s);
    const rule = { limit: 1, windowMs: 30_000 };
    expect(await limiter.take('l', rule, T)).toBe(0);
    expect(await limiter.take('l', rule, T + 10_000)).toBe(20);
    expect(await limiter.retryAfter('l', rule, T + 29_500)).toBe(1);
  });

  it('giveBack: a place taken comes back; the last count takes the counter; an expired counter stays as it is', async () => {
    const s = new DatabaseCounterStore(t.db);
    const limiter = new Limiter(s);
    const rule = { limit: 2, windowMs: 60_000 };
    expect([await limiter.take('g', rule, T), await limiter.take('g', rule, T + 1), await limiter.take('g', rule, T + 2)]).toEqual([0, 0, 60]);
    await limiter.giveBack('g', T + 3);
    expect(await s.get('g', T + 3)).toMatchObject({ count: 1, since: T });
    expect(await limiter.take('g', rule, T + 4)).toBe(0);
    await s.giveBack('g', T + 5);
    await s.giveBack('g', T + 6);
    expect(await s.get('g', T + 7)).toBeUndefined();
    await s.giveBack('g', T + 8);
    expect(await s.take('g', T + 9, 60_000, 2)).toMatchObject({ counted: true, counter: { count: 1, since: T + 9 } });
    await s.take('h', T, 1_000, 5);
    await s.giveBack('h', T + 1_000);
    expect((await t.db.selectFrom('rateCounters').select('count').where('key', '=', 'h').executeTakeFirstOrThrow()).count).toBe(1);
  });

  it('never gives the last place twice: 40 requests at once through two handles, limit 25', async () => {
    const other = await secondHandle(t.database);
    try {
      const stores = [new DatabaseCounterStore(t.db), new DatabaseCounterStore(other.db)];
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (stores[i % 2] as DatabaseCounterStore).take('race', T, 60_000, 25)));
      expect(results.filter((r) => r.counted)).toHaveLength(25);
      expect(results.filter((r) => !r.counted).every((r) => r.counter.count === 25)).toBe(true);
      // and plain counts are never lost
      await Promise.all(Array.from({ length: 30 }, (_, i) => (stores[i % 2] as DatabaseCounterStore).increment('sum', T, 60_000)));
      expect(await stores[1]?.get('sum', T)).toMatchObject({ count: 30 });
    } finally {
      await other.close();
    }
  });

  it('extends and deletes; stores an odd or long key as its hash, never as given', async () => {
    const s = new DatabaseCounterStore(t.db);
    await s.increment('b', T, 1_000);
    await s.extend('b', T + 5_000);
    expect(await s.get('b', T + 4_000)).toMatchObject({ count: 1, expiresAt: T + 5_000 });
    await s.extend('b', T + 2_000); // never shortened
    expect(await s.get('b', T + 4_000)).toMatchObject({ expiresAt: T + 5_000 });
    await s.delete('b');
    expect(await s.get('b', T)).toBeUndefined();
    const long = `name:${'x'.repeat(5000)}`;
    const odd = 'name:a\u0000b';
    expect(await s.increment(long, T, 60_000)).toMatchObject({ count: 1 });
    expect(await s.increment(odd, T, 60_000)).toMatchObject({ count: 1 });
    expect(await s.increment(long, T, 60_000)).toMatchObject({ count: 2 });
    const keys = (await t.db.selectFrom('rateCounters').select('key').execute()).map((r) => r.key);
    expect(keys.filter((k) => k.startsWith('sha256:'))).toHaveLength(2);
    expect(keys.every((k) => k.length <= 200 && !k.includes('\u0000'))).toBe(true);
  });

  it('sweeps expired counters (a batch at most once a minute of the callers’ clock)', async () => {
    const s = new DatabaseCounterStore(t.db);
    const later = T + 10 * 86_400_000;
    await s.increment('old-1', later, 1_000);
    await s.increment('old-2', later, 1_000);
    const count = async () => (await t.db.selectFrom('rateCounters').select('key').where('key', 'like', 'old-%').execute()).length;
    expect(await count()).toBe(2);
    await s.increment('fresh', later + 30_000, 60_000); // within the minute: no sweep yet
    expect(await count()).toBe(2);
    await s.increment('fresh', later + 61_000, 60_000);
    expect(await count()).toBe(0);
    expect(await s.get('fresh', later + 61_000)).toMatchObject({ count: 2 });
  });
});
