// The staff dashboard (工作台) of an agency on `today`: how many open applications are overdue, due within
// 3 working days, paused (期限中止) or running, and the most urgent of each — SQL over the due dates
// stored with each application (due-dates.ts; due-sql.ts the buckets), never all the events: the stale
// rows of the agency are recomputed first (usually none), then one query counts, one per bucket lists the
// first DASHBOARD_ROWS, and only those have their clocks computed from their events for display (the same
// code that stored them: dashboard.ts). The full bucket is the list page, filtered (application-list.ts).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApplicantType, HandlingState } from '../domain/applications/types.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { CLOCK_BUCKETS, clockSummaries } from './dashboard.ts';
import type { ClockBucket, Dashboard, DashboardItem } from './dashboard.ts';
import { refreshDueDates } from './due-dates.ts';
import { bucketCondition, dueThresholds, openState } from './due-sql.ts';

/** The most rows each bucket of the dashboard shows (the list page has them all). */
export const DASHBOARD_ROWS = 20;

/** The dashboard of an agency on `today`. */
export async function agencyDashboard(db: Kysely<DB>, agencyId: number, options: { calendar: WorkingCalendar; today: string; rows?: number }): Promise<Dashboard> {
  await refreshDueDates(db, options.calendar, options.today, { agencyId });
  const t = dueThresholds(options.calendar, options.today);
  const open = () => db.selectFrom('applications').where('agencyId', '=', agencyId).where(openState());
  const count = (b: ClockBucket) => sql<number>`(count(*) filter (where ${bucketCondition(b, t)}))::int`;
  const counted = await open()
    .select([
      sql<number>`count(*)::int`.as('open'),
      count('overdue').as('overdue'),
      count('due_soon').as('dueSoon'),
      count('paused').as('paused'),
      sql<number>`(count(*) filter (where due_error is not null))::int`.as('errors'),
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

  // each bucket's most urgent: the earliest due date of the clock shown (the paused one while paused), then 编号
  const rows = options.rows ?? DASHBOARD_ROWS;
  const listed = await Promise.all(
    CLOCK_BUCKETS.map(async (b) =>
      counts[b] === 0
        ? []
        : open()
            .select(['id', 'number', 'applicantName', 'applicantType', 'state', 'receivedOn', 'handler'])
            .where(bucketCondition(b, t))
            .orderBy(b === 'paused' ? sql`paused_due_on asc nulls last` : sql`due_on asc nulls last`)
            .orderBy('number')
            .limit(rows)
            .execute(),
    ),
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
  return { today: options.today, open: counted.open, counts, lists, clockErrors: { count: counted.errors, message: firstError } };
}
