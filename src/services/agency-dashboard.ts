// The staff dashboard (工作台) of an agency on `today`: how many open applications are overdue, due within
// 3 working days, paused (期限中止) or running, and the most urgent of each — SQL over the due dates
// stored with each application (due-dates.ts; due-sql.ts the buckets), never all the events: the stale
// rows of the agency are recomputed first (usually none), then one query counts, one per bucket lists the
// first DASHBOARD_ROWS, and only those have their clocks computed from their events for display (the same
// code that stored them: dashboard.ts). The full bucket is the list page, filtered (application-list.ts).

import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApplicantType, HandlingState } from '../domain/applications/types.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { CLOCK_BUCKETS, clockSummaries } from './dashboard.ts';
import type { ClockBucket, Dashboard, DashboardItem } from './dashboard.ts';
import { refreshDueDates } from './due-dates.ts';
import { bucketCondition, dueThresholds, openState } from './due-sql.ts';
import { undeliveredReplies } from './undelivered-replies.ts';
import { countDue } from './withheld/register.ts';

/** The most rows each bucket of the dashboard shows (the list page has them all). */
export const DASHBOARD_ROWS = 20;

/** The dashboard of an agency on `today`. */
export async function agencyDashboard(db: Kysely<DB>, agencyId: number, options: { calendar: WorkingCalendar; today: string; rows?: number }): Promise<Dashboard> {
  await refreshDueDates(db, options.calendar, options.today, { agencyId });
  const t = dueThresholds(options.calendar, options.today);
  const open = () => db.selectFrom('applications').where('agencyId', '=', agencyId).where(openState());
  // each count a range of one partial index of 0025 (the running ones: the rest)
  const count = (where: RawBuilder<boolean>) => sql<number>`(select count(*)::int from applications where agency_id = ${agencyId} and ${openState()} and ${where})`;
  const counted = await db
    .selectNoFrom([
      count(sql`true`).as('open'),
      count(bucketCondition('overdue', t)).as('overdue'),
      count(bucketCondition('due_soon', t)).as('dueSoon'),
      count(bucketCondition('paused', t)).as('paused'),
      count(sql`due_error is not null`).as('errors'),
    ])
    .executeTakeFirstOrThrow();
  const counts: Record<ClockBucket, number> = {
    overdue: counted.overdue,
    due_soon: counted.dueSoon,
    paused: counted.paused,
    running: counted.open - counted.overdue - counted.dueSoon - counted.paused,
  };
  const firstError =
    counted.errors > 0 ? ((await open().select('dueError').where('dueError', 'is not', null).orderBy('id').limit(1).executeTakeFirst())?.dueError ?? null) : null;

  // each bucket's most urgent: the earliest due date of the clock shown (the paused one while paused), then
  // 编号; those with no due date last (read apart, so that each read is a range of an index)
  const rows = options.rows ?? DASHBOARD_ROWS;
  const columns = ['id', 'number', 'applicantName', 'applicantType', 'state', 'receivedOn', 'handler'] as const;
  const dated = (b: ClockBucket) => (b === 'paused' ? 'pausedDueOn' : 'dueOn');
  const listed = await Promise.all(
    CLOCK_BUCKETS.map(async (b) => {
      if (counts[b] === 0) return [];
      // running: a range of due_on after the due-soon limit (then the ones without), not the bucket's `or`
      const where = (withDate: boolean) => (b !== 'running' ? bucketCondition(b, t) : withDate ? sql<boolean>`due_on > ${t.soon}::date and not due_paused` : sql<boolean>`not due_paused`);
      const read = (withDate: boolean, n: number) =>
        open()
          .select([...columns])
          .where(where(withDate))
          .where(dated(b), withDate ? 'is not' : 'is', null)
          .orderBy(dated(b))
          .orderBy('number')
          .limit(n)
          .execute();
      const first = await read(true, rows);
      return first.length < rows && first.length < counts[b] ? [...first, ...(await read(false, rows - first.length))] : first;
    }),
  );
  const summaries = await clockSummaries(db, agencyId, { calendar: options.calendar, today: options.today, ids: listed.flat().map((r) => r.id) });
  const lists = Object.fromEntries(
    CLOCK_BUCKETS.map((b, i) => [
      b,
      (listed[i] ?? []).flatMap((r): DashboardItem[] => {
        const summary = summaries.get(r.id)?.summary;
        // closed between the two reads: gone from the dashboard
        if (summary === undefined) return [];
        return [{ id: r.id, number: r.number, applicantName: r.applicantName, applicantType: r.applicantType as ApplicantType, state: r.state as HandlingState, receivedOn: r.receivedOn, handler: r.handler, summary }];
      }),
    ]),
  ) as Record<ClockBucket, DashboardItem[]>;
  const [undelivered, withheldDue] = await Promise.all([undeliveredReplies(db, agencyId, rows), countDue(db, agencyId, options.today)]);
  return { today: options.today, open: counted.open, counts, lists, clockErrors: { count: counted.errors, message: firstError }, undelivered, withheldDue };
}
