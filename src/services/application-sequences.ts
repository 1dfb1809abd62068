// The application list read in a chosen order, a page at a time (the list contract, plan-notes 3; keyset.ts):
// each order is a *sequence* of (key, id) that can be read after a cursor (下一页), before one (上一页),
// from a position (the page numbers, where the total is small and exact), and can say a cursor's
// position. Three orders are keyed by a column and read by the database — 收到日期 (no date sorts as the
// oldest), 编号, 状态 (in the order of the handling). 到期日 is computed, never stored: the open
// applications (the agency's open ones are few, and the dashboard computes their clocks on every view)
// sorted in memory by their most urgent due date, then the closed ones, which have none, newest first
// by the database.
//
// A search narrows a sequence by a condition (search/application-search.ts). A common word matches a third
// of an agency's applications: sorting every match to show the first 50 costs what the matches cost, so a
// sequence whose order an index serves (收到日期, 编号) first walks the next PROBE_ROWS rows of that order and
// keeps those that match (a probe); only when fewer than a page match there does it ask for every match
// (a rare word: the GIN index, few rows to sort). countSearch says how many the same way: the walk of the
// newest SAMPLE_ROWS is the whole of a small list, or a sample of a large one whose rate estimates the total
// (the planner cannot: it multiplies the selectivities of a word's character pairs as if independent, and
// would say 30 where there are 30,000); only a rare search is counted (up to the cap) on the GIN index.

import { sql } from 'kysely';
import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Cursor } from './keyset.ts';

/** A row of a sequence: its id and its sort key (null: the closed part of 到期日). */
export interface Keyed {
  id: number;
  key: string | number | null;
}

export interface Sequence {
  /** rows after the cursor (null: from the first), in order */
  forward(after: Cursor | null, n: number): Promise<Keyed[]>;
  /** rows before the cursor (null: from the last), nearest first */
  backward(before: Cursor | null, n: number): Promise<Keyed[]>;
  /** rows from a 0-based position */
  at(offset: number, n: number): Promise<Keyed[]>;
  /** how many rows come before the cursor's row */
  position(cursor: Cursor): Promise<number>;
}

export type Direction = 'asc' | 'desc';
type Base = SelectQueryBuilder<DB, 'applications', object>;

/** Rows of the order walked by a probe before every match is asked for. */
export const PROBE_ROWS = 5000;

/** A condition a sequence is narrowed by, read first among the next PROBE_ROWS rows of its order. */
export interface Probe {
  db: Kysely<DB>;
  /** the sequence's rows without the condition (base is these with it) */
  plain: Base;
  condition: RawBuilder<boolean>;
  /** the columns the condition reads */
  columns: readonly string[];
}

/**
 * A sequence read by the database: ordered by `key` then id, both in `direction`; `cast` is the SQL
 * type the cursor's key is compared as (the key is never null: coalesce it).
 */
export function columnSequence(base: Base, key: RawBuilder<unknown>, direction: Direction, cast: 'date' | 'text' | 'int', keyOf: (c: Cursor) => string | number, probe?: Probe): Sequence {
  const value = (c: Cursor) => sql`cast(${keyOf(c)} as ${sql.raw(cast === 'int' ? 'integer' : cast)})`;
  const beyond = (c: Cursor, forward: boolean) => {
    const greater = (direction === 'asc') === forward;
    return greater ? sql<boolean>`(${key}, id) > (${value(c)}, ${c.id})` : sql<boolean>`(${key}, id) < (${value(c)}, ${c.id})`;
  };
  const read = (where: RawBuilder<boolean> | null, order: Direction) => {
    let q = base.select(['id', key.as('sortKey')]);
    if (where !== null) q = q.where(where);
    return q.orderBy(key, order).orderBy('id', order);
  };
  const keyed = (rows: { id: number; sortKey: unknown }[]): Keyed[] => rows.map((r) => ({ id: Number(r.id), key: r.sortKey as string | number }));
  const reverse: Direction = direction === 'asc' ? 'desc' : 'asc';
  /** n rows from the cursor's condition on: among the next PROBE_ROWS first, when there is a probe */
  const probed = async (where: RawBuilder<boolean> | null, order: Direction, n: number): Promise<Keyed[]> => {
    if (probe !== undefined) {
      let walk = probe.plain.select(['id', key.as('sortKey'), ...probe.columns.map((c) => sql.ref(c).as(c))]);
      if (where !== null) walk = walk.where(where);
      const near = await probe.db
        .selectFrom(walk.orderBy(key, order).orderBy('id', order).limit(PROBE_ROWS).as('p'))
        .select(['id', 'sortKey'])
        .where(probe.condition)
        .orderBy('sortKey', order)
        .orderBy('id', order)
        .limit(n)
        .execute();
      if (near.length >= n) return keyed(near);
      // the walk held every row left (a small list, or its end): nothing more can match
      let rest = probe.plain.select('id');
      if (where !== null) rest = rest.where(where);
      const left = await probe.db.selectFrom(rest.limit(PROBE_ROWS).as('w')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (Number(left.n) < PROBE_ROWS) return keyed(near);
    }
    return keyed(await read(where, order).limit(n).execute());
  };
  return {
    forward: (after, n) => probed(after === null ? null : beyond(after, true), direction, n),
    backward: (before, n) => probed(before === null ? null : beyond(before, false), reverse, n),
    at: async (offset, n) => (offset === 0 ? probed(null, direction, n) : keyed(await read(null, direction).offset(offset).limit(n).execute())),
    position: async (c) => Number((await base.where(beyond(c, false)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
}

/**
 * The rows of `first` (cursors with a key), then those of `second` (cursors whose key is null; read from
 * `second` by their id as key). `firstSize` counts `first`, asked only to read or place a row beyond it
 * by position (page numbers, where the total is small).
 */
export function concatSequence(first: Sequence, second: Sequence, firstSize: () => Promise<number>): Sequence {
  const inner = (c: Cursor): Cursor => ({ key: c.id, id: c.id });
  const outer = (rows: Keyed[]): Keyed[] => rows.map((r) => ({ id: r.id, key: null }));
  return {
    forward: async (after, n) => {
      if (after !== null && after.key === null) return outer(await second.forward(inner(after), n));
      const a = await first.forward(after, n);
      return a.length >= n ? a : [...a, ...outer(await second.forward(null, n - a.length))];
    },
    backward: async (before, n) => {
      if (before !== null && before.key !== null) return first.backward(before, n);
      const b = outer(await second.backward(before === null ? null : inner(before), n));
      return b.length >= n ? b : [...b, ...(await first.backward(null, n - b.length))];
    },
    at: async (offset, n) => {
      const a = await first.at(offset, n);
      if (a.length >= n) return a;
      if (a.length > 0) return [...a, ...outer(await second.at(0, n - a.length))];
      return outer(await second.at(Math.max(0, offset - (await firstSize())), n));
    },
    position: async (c) => (c.key === null ? (await firstSize()) + (await second.position(inner(c))) : first.position(c)),
  };
}

/** The planner's estimate of the query's rows, or null when it cannot say. */
export async function estimatedRows(db: Kysely<DB>, query: Base): Promise<number | null> {
  try {
    const compiled = query.select(sql`1`.as('one')).compile();
    const explained = await db.executeQuery<Record<string, unknown>>({ ...compiled, sql: `explain (format json) ${compiled.sql}` });
    const plan = explained.rows[0]?.['QUERY PLAN'];
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
    const rows = parsed?.[0]?.Plan?.['Plan Rows'];
    return typeof rows === 'number' ? Math.round(rows) : null;
  } catch {
    return null;
  }
}

/** How many rows the query has: counted exactly up to `cap`; beyond it, the planner's estimate (at least cap + 1), so that a large list never costs a full count. */
export async function countOrEstimate(db: Kysely<DB>, base: Base, cap: number): Promise<{ total: number; exact: boolean }> {
  const n = await countUpTo(db, base, cap);
  return n <= cap ? { total: n, exact: true } : { total: Math.max(cap + 1, (await estimatedRows(db, base)) ?? 0), exact: false };
}

async function countUpTo(db: Kysely<DB>, base: Base, cap: number): Promise<number> {
  const counted = await db
    .selectFrom(base.select(sql`1`.as('one')).limit(cap + 1).as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}

/** Rows of the newest-first order a search is counted in first (the whole of a smaller list). */
export const SAMPLE_ROWS = 1000;

/** A search's matches among the first SAMPLE_ROWS rows of an order walked on its index. */
export async function sampleOf(probe: Probe, key: RawBuilder<unknown>, direction: Direction): Promise<{ walked: number; matched: number }> {
  const walk = probe.plain
    .select([key.as('sortKey'), ...probe.columns.map((c) => sql.ref(c).as(c))])
    .orderBy(key, direction)
    .orderBy('id', direction)
    .limit(SAMPLE_ROWS);
  const row = await probe.db
    .selectFrom(walk.as('p'))
    .select([sql<number>`count(*)::int`.as('walked'), sql<number>`(count(*) filter (where ${probe.condition}))::int`.as('matched')])
    .executeTakeFirstOrThrow();
  return { walked: Number(row.walked), matched: Number(row.matched) };
}

/**
 * How many rows a search has (base: the rows without the search narrowed by it), without reading every
 * match: the first SAMPLE_ROWS rows of the order `key`, walked on its index, are the whole of a small list
 * (exact), or a sample of a large one — a few matches in it at a rate that makes more than `cap` is an
 * estimate (the rate times the planner's rows of the list); a rarer search is counted up to `cap` on its
 * index, and past the cap with no match in the sample, the least of the planner's estimates for the
 * search's single terms (`bounds`: each holds every match) stands. `whole`: the sample held the whole list;
 * `rate`: the share of the sample that matched (whether a probe will find a page).
 */
export async function countSearch(
  db: Kysely<DB>,
  base: Base,
  cap: number,
  search: { probe: Probe; key: RawBuilder<unknown>; direction: Direction; bounds: readonly Base[] },
): Promise<{ total: number; exact: boolean; whole: boolean; rate: number }> {
  const sample = await sampleOf(search.probe, search.key, search.direction);
  const rate = sample.walked === 0 ? 0 : sample.matched / sample.walked;
  if (sample.walked < SAMPLE_ROWS) return { total: sample.matched, exact: true, whole: true, rate };
  const rows = (await estimatedRows(db, search.probe.plain)) ?? sample.walked;
  const sampled = Math.round(rate * Math.max(rows, sample.walked));
  // three matches or more: an estimate good to a factor of two or so, enough to say 约
  if (sample.matched >= 3 && sampled > cap) return { total: sampled, exact: false, whole: false, rate };
  const n = await countUpTo(db, base, cap);
  if (n <= cap) return { total: n, exact: true, whole: false, rate };
  if (sample.matched > 0) return { total: Math.max(cap + 1, sampled), exact: false, whole: false, rate };
  const bounds = (await Promise.all(search.bounds.map((b) => estimatedRows(db, b)))).filter((e): e is number => e !== null);
  return { total: Math.max(cap + 1, bounds.length > 0 ? Math.min(...bounds) : 0), exact: false, whole: false, rate };
}
