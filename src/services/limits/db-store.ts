// The counter store of a running platform: the rate_counters table (migration 0027), shared by every
// process on the database, so a limit hit through one server holds on all of them. Each count is one
// statement (INSERT … ON CONFLICT … DO UPDATE … RETURNING): concurrent requests, in one process or
// several, never lose a count, and take() never lets two of them have the last place. Expired rows
// are deleted a batch at a time, at most once a minute per store (by the callers' clock).

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Counter, CounterStore } from './store.ts';

/** Expired rows deleted per sweep, and how often one runs (ms). */
const SWEEP_BATCH = 1000;
const SWEEP_EVERY_MS = 60_000;

interface Row {
  count: number;
  sinceMs: number;
  lastMs: number;
  expiresMs: number;
}

const counterOf = (r: Row): Counter => ({ count: Number(r.count), since: Number(r.sinceMs), last: Number(r.lastMs), expiresAt: Number(r.expiresMs) });

/** A key as stored: as given when short and printable, else its SHA-256 (a user name typed 10,000 characters long). */
function storedKey(key: string): string {
  return key.length <= 160 && /^[\u0020-\u007e\u00a0-\uffff]*$/.test(key) ? key : `sha256:${createHash('sha256').update(key).digest('base64url')}`;
}

export class DatabaseCounterStore implements CounterStore {
  private nextSweep = 0;

  constructor(private readonly db: Kysely<DB>) {}

  async get(key: string, now: number): Promise<Counter | undefined> {
    const row = await this.db.selectFrom('rateCounters').select(['count', 'sinceMs', 'lastMs', 'expiresMs']).where('key', '=', storedKey(key)).where('expiresMs', '>', now).executeTakeFirst();
    return row ? counterOf(row) : undefined;
  }

  async increment(key: string, now: number, windowMs: number): Promise<Counter> {
    await this.sweep(now);
    const { rows } = await sql<Row>`
      insert into rate_counters as r (key, count, since_ms, last_ms, expires_ms)
      values (${storedKey(key)}, 1, ${now}::bigint, ${now}::bigint, ${now + windowMs}::bigint)
      on conflict (key) do update set
        count = case when r.expires_ms <= ${now}::bigint then 1 else r.count + 1 end,
        since_ms = case when r.expires_ms <= ${now}::bigint then ${now}::bigint else r.since_ms end,
        last_ms = ${now}::bigint,
        expires_ms = case when r.expires_ms <= ${now}::bigint then ${now + windowMs}::bigint else r.expires_ms end
      returning count, since_ms, last_ms, expires_ms`.execute(this.db);
    const row = rows[0];
    if (row === undefined) throw new Error('rate_counters: the upsert returned no row');
    return counterOf(row);
  }

  async take(key: string, now: number, windowMs: number, limit: number): Promise<{ counted: boolean; counter: Counter }> {
    await this.sweep(now);
    const k = storedKey(key);
    for (let attempt = 0; ; attempt++) {
      // the update happens only while the window has room (or has ended): no row back means refused
      const { rows } = await sql<Row>`
        insert into rate_counters as r (key, count, since_ms, last_ms, expires_ms)
        values (${k}, 1, ${now}::bigint, ${now}::bigint, ${now + windowMs}::bigint)
        on conflict (key) do update set
          count = case when r.expires_ms <= ${now}::bigint then 1 else r.count + 1 end,
          since_ms = case when r.expires_ms <= ${now}::bigint then ${now}::bigint else r.since_ms end,
          last_ms = ${now}::bigint,
          expires_ms = case when r.expires_ms <= ${now}::bigint then ${now + windowMs}::bigint else r.expires_ms end
        where r.expires_ms <= ${now}::bigint or r.count < ${limit}
        returning count, since_ms, last_ms, expires_ms`.execute(this.db);
      const row = rows[0];
      if (row !== undefined) return { counted: true, counter: counterOf(row) };
      const live = await this.get(key, now);
      if (live !== undefined) return { counted: false, counter: live };
      // the full counter was deleted (reset, swept) between the two statements: try again
      if (attempt >= 2) return { counted: false, counter: { count: limit, since: now, last: now, expiresAt: now + 1000 } };
    }
  }

  async giveBack(key: string, now: number): Promise<void> {
    // a counter of one goes (a count is at least 1); one statement, so a take() meanwhile is never lost
    const k = storedKey(key);
    await sql`
      with gone as (delete from rate_counters where key = ${k} and expires_ms > ${now}::bigint and count <= 1 returning key)
      update rate_counters set count = count - 1
      where key = ${k} and expires_ms > ${now}::bigint and count > 1 and not exists (select 1 from gone)`.execute(this.db);
  }

  async extend(key: string, until: number): Promise<void> {
    await this.db
      .updateTable('rateCounters')
      .set({ expiresMs: sql<number>`greatest(expires_ms, ${until}::bigint)` })
      .where('key', '=', storedKey(key))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('rateCounters').where('key', '=', storedKey(key)).execute();
  }

  /** Deletes a batch of expired counters, at most once every SWEEP_EVERY_MS of the callers' clock. */
  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    await sql`delete from rate_counters where key in (select key from rate_counters where expires_ms <= ${now}::bigint limit ${SWEEP_BATCH})`.execute(this.db);
  }
}
