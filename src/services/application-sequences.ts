// The application list read in a chosen order, a page at a time (the list contract, plan-notes 3; keyset.ts):
// each order is a *sequence* of (key, id) that can be read after a cursor (下一页), before one (上一页),
// from a position (the page numbers, where the total is small and exact), and can say a cursor's
// position. Three orders are keyed by a column and read by the database — 收到日期 (no date sorts as the
// oldest), 编号, 状态 (in the order of the handling). 到期日 is computed, never stored: the open
// applications (the agency's open ones are few, and the dashboard computes their clocks on every view)
// sorted in memory by their most urgent due date, then the closed ones, which have none, newest first
// by the database.

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

/**
 * A sequence read by the database: ordered by `key` then id, both in `direction`; `cast` is the SQL
 * type the cursor's key is compared as (the key is never null: coalesce it).
 */
export function columnSequence(base: Base, key: RawBuilder<unknown>, direction: Direction, cast: 'date' | 'text' | 'int', keyOf: (c: Cursor) => string | number): Sequence {
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
  return {
    forward: async (after, n) => keyed(await read(after === null ? null : beyond(after, true), direction).limit(n).execute()),
    backward: async (before, n) => keyed(await read(before === null ? null : beyond(before, false), reverse).limit(n).execute()),
    at: async (offset, n) => keyed(await read(null, direction).offset(offset).limit(n).execute()),
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

/**
 * How many rows the query has: counted exactly up to `cap`; beyond it, the planner's estimate (at least
 * cap + 1), so that a large list never costs a full count.
 */
export async function countOrEstimate(db: Kysely<DB>, base: Base, cap: number): Promise<{ total: number; exact: boolean }> {
  const counted = await db
    .selectFrom(base.select(sql`1`.as('one')).limit(cap + 1).as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  if (n <= cap) return { total: n, exact: true };
  try {
    const compiled = base.select(sql`1`.as('one')).compile();
    const explained = await db.executeQuery<Record<string, unknown>>({ ...compiled, sql: `explain (format json) ${compiled.sql}` });
    const plan = explained.rows[0]?.['QUERY PLAN'];
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
    const rows = parsed?.[0]?.Plan?.['Plan Rows'];
    return { total: Math.max(cap + 1, Math.round(typeof rows === 'number' ? rows : 0)), exact: false };
  } catch {
    return { total: cap + 1, exact: false };
  }
}
