// Due dates stored with each application (migration 0025; plan-notes 10: a cache, not a source). What is
// stored is what the dashboard's own code says — applicationClocksWithEstimates with prefer 'earliest'
// (the 暂定 rule) and dashboard.ts summarise — computed for a day ("today") on a calendar (its version, a
// digest of its arrangements), so that the dashboard, the overdue filter and the 到期日 order are SQL over
// indexes (due-sql.ts). On a later day T the stored facts still decide the bucket as summarise would:
//   overdue   due_on < T          (the earliest due date of the live clocks that are not paused)
//   due_soon  due_on ≤ S(T)       (S: the last day with ≤ 3 working days left, due-sql.ts dueSoonLimit)
//   paused    due_paused          (期限中止; then the clock shown is the paused one)
//   running   the rest
// until due_recheck_on: the day after a live clock's due date (a consultation or 补正告知 clock ends
// then rather than going overdue), the next day for a paused clock (its due date grows each working day)
// or a calendar failure. A row is stale when its calendar version is not the current one, its recheck
// day has come, or it was computed for a later day than T (the clock set back: tests); refreshDueDates
// recomputes the stale rows in batches before the dashboard and the list read them, and at start.
// Every registration and event recomputes its application in its transaction (recomputeApplications);
// without a calendar at hand it only marks it stale (version null).

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ApplicationEventRow, DB } from '../db/schema.ts';
import { OPEN_STATES } from '../domain/applications/types.ts';
import type { HandlingState } from '../domain/applications/types.ts';
import { parseIsoDate, toIsoDate } from '../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { dashboardClocks, dueOf, summarise } from './dashboard.ts';
import { openState } from './due-sql.ts';

/** The list's 到期日 of an open application without one (it sorts after every date). */
export const NO_DUE = '9999-12-31';
/** Applications recomputed per transaction. */
export const DUE_BATCH = 500;

const versions = new WeakMap<WorkingCalendar, string>();

/** The calendar's version: a digest of its arrangements (estimates included) and rest days. */
export function calendarVersion(calendar: WorkingCalendar): string {
  let v = versions.get(calendar);
  if (v === undefined) {
    const content = JSON.stringify({ arrangements: calendar.arrangements, localRestDays: calendar.localRestDays, earliest: calendar.earliest?.arrangements ?? null });
    v = createHash('sha256').update(content).digest('hex').slice(0, 16);
    versions.set(calendar, v);
  }
  return v;
}

/** The stored facts of one application (the due columns of 0025). */
export interface DueFacts {
  dueOn: string | null;
  dueClock: string | null;
  dueProvisional: boolean;
  duePaused: boolean;
  pausedDueOn: string | null;
  replyDueOn: string | null;
  dueListOn: string | null;
  dueError: string | null;
  dueComputedOn: string | null;
  dueRecheckOn: string | null;
  dueCalendarVersion: string | null;
}

/** What the clocks are computed from: the application's row and its agency's reading of the fee window. */
export interface DueRow {
  id: number;
  state: string;
  channel: string;
  submittedOn: string;
  receivedOn: string | null;
  feeWindowFromReceipt: boolean;
}

export type DueEvent = Pick<ApplicationEventRow, 'type' | 'occurredOn' | 'data'>;

const CLOSED: DueFacts = {
  dueOn: null,
  dueClock: null,
  dueProvisional: false,
  duePaused: false,
  pausedDueOn: null,
  replyDueOn: null,
  dueListOn: null,
  dueError: null,
  dueComputedOn: null,
  dueRecheckOn: null,
  dueCalendarVersion: null,
};

const nextDay = (date: string): string => toIsoDate((parseIsoDate(date) as number) + 1);
const isOpen = (state: string): boolean => (OPEN_STATES as readonly string[]).includes(state);

/** The facts of an application on `today`: summarise's answer, kept so that SQL can give it on later days. */
export function dueFactsOf(row: DueRow, events: readonly DueEvent[], calendar: WorkingCalendar, today: string): DueFacts {
  if (!isOpen(row.state)) return CLOSED;
  const state = row.state as HandlingState;
  const stamp = { dueComputedOn: today, dueCalendarVersion: calendarVersion(calendar) };
  const clocks = dashboardClocks(row, events, row, { calendar, today });
  if (!clocks.ok) {
    const failed = summarise(null, state, clocks.error.message);
    return { ...CLOSED, ...stamp, dueError: failed.error, dueListOn: NO_DUE, dueRecheckOn: nextDay(today) };
  }
  const all = clocks.value;
  // summarise over the live clocks that are not paused gives the clock that decides overdue and due soon;
  // over the paused ones, the clock shown while paused; over all, what the list shows
  const active = summarise(
    all.filter((c) => c.state !== 'paused'),
    state,
  ).clock;
  const paused = summarise(
    all.filter((c) => c.state === 'paused'),
    state,
  );
  const full = summarise(all, state);
  const isPaused = paused.bucket === 'paused';
  let recheck: string | null = null;
  for (const c of all) {
    if (c.id === 'receipt' || c.state === 'stopped' || c.due === null || c.due < today) continue;
    const after = nextDay(c.due);
    if (recheck === null || after < recheck) recheck = after;
  }
  if (isPaused) recheck = nextDay(today);
  return {
    ...stamp,
    dueOn: active?.due ?? null,
    dueClock: active?.id ?? null,
    dueProvisional: active?.provisional === true,
    duePaused: isPaused,
    pausedDueOn: isPaused ? (paused.clock?.due ?? null) : null,
    replyDueOn: full.reply?.due ?? null,
    dueListOn: dueOf(full) ?? NO_DUE,
    dueError: null,
    dueRecheckOn: recheck,
  };
}

type Db = Kysely<DB>;

/** The rows recomputed from the applications matching `where` (a condition on `a`), with their agency's setting. */
function dueRows(db: Db) {
  return db
    .selectFrom('applications as a')
    .innerJoin('agencies as g', 'g.id', 'a.agencyId')
    .select(['a.id', 'a.state', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.feeWindowFromReceipt']);
}

/** The events of these applications (one batch: at most DUE_BATCH), in order, by application. */
export async function eventsOf(db: Db, ids: readonly number[]): Promise<Map<number, DueEvent[]>> {
  const byApp = new Map<number, DueEvent[]>();
  if (ids.length === 0) return byApp;
  const events = await db
    .selectFrom('applicationEvents')
    .select(['applicationId', 'type', 'occurredOn', 'data'])
    .where(sql<boolean>`application_id = any(${[...ids]}::bigint[])`)
    .orderBy('applicationId')
    .orderBy('seq')
    .execute();
  for (const e of events) {
    let list = byApp.get(e.applicationId);
    if (!list) byApp.set(e.applicationId, (list = []));
    list.push(e);
  }
  return byApp;
}

/** Writes the facts of a batch in one statement. */
export async function writeFacts(db: Db, rows: readonly { id: number; facts: DueFacts }[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof DueFacts>(k: K) => rows.map((r) => r.facts[k]);
  await sql`update applications as a set
      due_on = v.due_on, due_clock = v.due_clock, due_provisional = v.due_provisional, due_paused = v.due_paused,
      paused_due_on = v.paused_due_on, reply_due_on = v.reply_due_on, due_list_on = v.due_list_on, due_error = v.due_error,
      due_computed_on = v.due_computed_on, due_recheck_on = v.due_recheck_on, due_calendar_version = v.due_calendar_version
    from unnest(${rows.map((r) => r.id)}::bigint[], ${col('dueOn')}::date[], ${col('dueClock')}::text[], ${col('dueProvisional')}::boolean[],
      ${col('duePaused')}::boolean[], ${col('pausedDueOn')}::date[], ${col('replyDueOn')}::date[], ${col('dueListOn')}::date[], ${col('dueError')}::text[],
      ${col('dueComputedOn')}::date[], ${col('dueRecheckOn')}::date[], ${col('dueCalendarVersion')}::text[])
      as v(id, due_on, due_clock, due_provisional, due_paused, paused_due_on, reply_due_on, due_list_on, due_error, due_computed_on, due_recheck_on, due_calendar_version)
    where a.id = v.id`.execute(db);
}

/** Recomputes a batch of rows (already read, locked when in a transaction) and writes them; returns their facts. */
async function recomputeRows(db: Db, rows: readonly DueRow[], calendar: WorkingCalendar, today: string): Promise<{ id: number; facts: DueFacts }[]> {
  const events = await eventsOf(
    db,
    rows.map((r) => r.id),
  );
  const computed = rows.map((r) => ({ id: r.id, facts: dueFactsOf(r, events.get(r.id) ?? [], calendar, today) }));
  await writeFacts(db, computed);
  return computed;
}

/**
 * Recomputes the stored due dates of these applications, inside the caller's transaction (a registration,
 * an event, an import); without a calendar, marks them stale for refreshDueDates. `ids`: one batch at most.
 */
export async function recomputeApplications(db: Db, ids: readonly number[], calendar: WorkingCalendar | undefined, today: string): Promise<void> {
  if (ids.length === 0) return;
  const any = sql<boolean>`a.id = any(${[...ids]}::bigint[])`;
  if (calendar === undefined) {
    await sql`update applications as a set due_calendar_version = null, due_list_on = case when ${openState('a')} then coalesce(due_list_on, ${NO_DUE}::date) end where ${any}`.execute(db);
    return;
  }
  const rows = await dueRows(db).where(any).orderBy('a.id').execute();
  await recomputeRows(db, rows, calendar, today);
}

/** The facts of a new application with no event but its registration (no extra read: written with its row). */
export function registrationFacts(row: Omit<DueRow, 'id' | 'feeWindowFromReceipt'>, calendar: WorkingCalendar | undefined, today: string): DueFacts {
  // the agency's fee-window reading matters only once a fee notice is recorded; without a calendar: stale
  if (calendar === undefined) return isOpen(row.state) ? { ...CLOSED, dueListOn: NO_DUE } : CLOSED;
  return dueFactsOf({ ...row, id: 0, feeWindowFromReceipt: true }, [], calendar, today);
}

/** Stale: computed on another calendar, for a later day, or past its recheck day. */
function stale(version: string, today: string) {
  return sql<boolean>`(a.due_recheck_on <= ${today}::date or a.due_computed_on > ${today}::date
    or a.due_calendar_version is null or a.due_calendar_version < ${version} or a.due_calendar_version > ${version})`;
}

/** The same, one part at a time (for one agency: each part a range of one of the partial indexes of 0025). */
function staleParts(version: string, today: string) {
  return [
    sql<boolean>`a.due_recheck_on <= ${today}::date`,
    sql<boolean>`a.due_computed_on > ${today}::date`,
    sql<boolean>`a.due_calendar_version is null`,
    sql<boolean>`a.due_calendar_version < ${version}`,
    sql<boolean>`a.due_calendar_version > ${version}`,
  ];
}

/**
 * Recomputes the stale open applications — of one agency (before its dashboard or list is read) or of all
 * (at start) — in batches of DUE_BATCH, each its own transaction (rows locked, so that an event recorded
 * meanwhile waits and is recomputed after); memory holds one batch. For one agency, each part of "stale"
 * is a range of an index (usually empty: a few index probes), and a recomputed row is no longer stale, so
 * each batch takes the next ones; for all, one pass in id order. Returns how many were recomputed.
 */
export async function refreshDueDates(db: Db, calendar: WorkingCalendar, today: string, options: { agencyId?: number; batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const version = calendarVersion(calendar);
  const batch = options.batch ?? DUE_BATCH;
  const agencyId = options.agencyId;
  const parts = agencyId === undefined ? [stale(version, today)] : staleParts(version, today);
  if (agencyId !== undefined) {
    // usually none: one round trip of index probes, no transaction
    const probe = sql.join(
      parts.map((part) => sql`exists (select 1 from applications as a where a.agency_id = ${agencyId} and ${openState('a')} and ${part})`),
      sql` or `,
    );
    const found = await sql<{ stale: boolean }>`select (${probe}) as stale`.execute(db);
    if (found.rows[0]?.stale !== true) return 0;
  }
  let done = 0;
  for (const part of parts) {
    let last = 0;
    for (;;) {
      const step = async (trx: Db): Promise<number> => {
        const rows = await dueRows(trx)
          .where(openState('a'))
          .where(part)
          .$if(agencyId !== undefined, (q) => q.where('a.agencyId', '=', agencyId as number))
          .$if(agencyId === undefined, (q) => q.where('a.id', '>', last).orderBy('a.id'))
          .limit(batch)
          .forUpdate('a')
          .execute();
        await recomputeRows(trx, rows, calendar, today);
        last = rows.at(-1)?.id ?? last;
        return rows.length;
      };
      const n = db.isTransaction ? await step(db) : await db.transaction().execute(step);
      done += n;
      if (options.signal?.aborted) return done;
      if (n < batch) break;
    }
  }
  return done;
}

/**
 * The server's background refresh (every agency's stale rows, refreshDueDates): at start — rows the
 * migration added, rows of a calendar changed while the server was down — and again whenever the calendar
 * the server loads has a new version (saved by another process: the CLI, another server). One run at a
 * time; the requests meanwhile refresh their agency's rows themselves. A failed run is tried again at the
 * next kick.
 */
export function dueDateRefresher(db: Db, options: { today: () => string; onError: (e: unknown) => void; onDone?: (recomputed: number) => void }) {
  const stop = new AbortController();
  let seen: string | null = null;
  let running: Promise<void> | null = null;
  let next: WorkingCalendar | null = null;
  const run = async (calendar: WorkingCalendar): Promise<void> => {
    try {
      const n = await refreshDueDates(db, calendar, options.today(), { signal: stop.signal });
      options.onDone?.(n);
    } catch (e) {
      seen = null;
      if (!stop.signal.aborted) options.onError(e);
    }
    const again = next;
    next = null;
    running = again !== null && !stop.signal.aborted ? run(again) : null;
  };
  return {
    /** Start a run if the calendar's version is new (after the one running, if any). */
    kick(calendar: WorkingCalendar): void {
      const version = calendarVersion(calendar);
      if (version === seen || stop.signal.aborted) return;
      seen = version;
      if (running !== null) next = calendar;
      else running = run(calendar);
    },
    /** When no run is in progress (or queued). */
    async settled(): Promise<void> {
      while (running !== null) await running;
    },
    /** Stop after the batch in progress. */
    async stop(): Promise<void> {
      stop.abort();
      while (running !== null) await running;
    },
  };
}
