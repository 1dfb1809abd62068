// The 第二十六条 clocks of an agency's unpublished catalogue items for the staff dashboard (beside the
// application clocks): the items overdue and those due within 3 working days, most urgent first, computed
// from formed_on on `today` (nothing is stored as overdue). The due date grows with formed_on, so each
// list is a range of formed_on found on the calendar (counted exactly in SQL, its first rows read).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../domain/calendar/clock-base.ts';
import { DEFAULT_CLOCK_SETTINGS } from '../../domain/calendar/clock-base.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { publicationClock } from '../../domain/catalogue/publication-clock.ts';
import { PROACTIVE_WORKING_DAYS } from '../../domain/calendar/windows.ts';

export interface DueItem {
  id: number;
  indexNumber: string;
  title: string;
  state: string;
  formedOn: string;
  clock: Pick<Clock, 'due' | 'workingDaysLeft' | 'state' | 'provisional' | 'estimateDue'>;
}

export interface PublicationDue {
  overdue: DueItem[];
  dueSoon: DueItem[];
  counts: { overdue: number; dueSoon: number; running: number };
  /** how many rows at most each list shows */
  limit: number;
}

const CLOCKED_STATES = ['draft', 'in_review', 'approved', 'scheduled'];

/** The latest formed_on whose 20-working-day due date is on or before `day` (due dates grow with formed_on). */
function latestFormedDueBy(calendar: WorkingCalendar, day: number): number | null {
  let lo = day - 120; // 20 working days never span 120 calendar days
  let hi = day - 20; // nor fewer than 20
  const dueOf = (d: number) => {
    const r = calendar.addWorkingDays(d, PROACTIVE_WORKING_DAYS);
    return r.ok ? r.value : null;
  };
  const loDue = dueOf(lo);
  if (loDue === null || loDue > day) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const due = dueOf(mid);
    if (due === null) return null;
    if (due <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export async function publicationDue(db: Kysely<DB>, agencyId: number, options: { calendar: WorkingCalendar; today: string; limit?: number }): Promise<PublicationDue> {
  const limit = options.limit ?? 100;
  const base = () =>
    db
      .selectFrom('catalogueItems')
      .where('agencyId', '=', agencyId)
      .where('state', 'in', CLOCKED_STATES)
      .where((eb) => eb.or([eb('disclosure', 'is', null), eb('disclosure', '=', '主动公开')]));
  const running = await base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const today = parseIsoDate(options.today);
  const horizon = today === null ? null : options.calendar.addWorkingDays(today, DEFAULT_CLOCK_SETTINGS.dueSoonWorkingDays);
  // overdue: due before today; due soon: due from today to 3 working days on
  const overdueTo = today === null ? null : latestFormedDueBy(options.calendar, today - 1);
  const soonTo = horizon?.ok ? latestFormedDueBy(options.calendar, horizon.value) : null;
  const overdueCut = overdueTo === null ? null : toIsoDate(overdueTo);
  const soonCut = soonTo === null ? null : toIsoDate(soonTo);
  const list = async (from: string | null, to: string | null): Promise<{ rows: DueItem[]; count: number }> => {
    if (to === null) return { rows: [], count: 0 };
    const q = base()
      .where('formedOn', '<=', to)
      .$if(from !== null, (w) => w.where('formedOn', '>', from as string));
    const n = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
    const rows = await q.select(['id', 'indexNumber', 'title', 'state', 'disclosure', 'formedOn', 'publishedOn']).orderBy('formedOn').orderBy('id').limit(limit).execute();
    const out: DueItem[] = [];
    for (const r of rows) {
      const clock = publicationClock(r, { calendar: options.calendar, today: options.today, prefer: 'earliest' });
      if (clock === null || !clock.ok) continue;
      const c = clock.value;
      out.push({ id: r.id, indexNumber: r.indexNumber, title: r.title, state: r.state, formedOn: r.formedOn, clock: { due: c.due, workingDaysLeft: c.workingDaysLeft, state: c.state, ...(c.provisional ? { provisional: true, estimateDue: c.estimateDue ?? null } : {}) } });
    }
    return { rows: out, count: n?.n ?? 0 };
  };
  const overdue = await list(null, overdueCut);
  const dueSoon = await list(overdueCut, soonCut);
  return { overdue: overdue.rows, dueSoon: dueSoon.rows, counts: { overdue: overdue.count, dueSoon: dueSoon.count, running: running?.n ?? 0 }, limit };
}
