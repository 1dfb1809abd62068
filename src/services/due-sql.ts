// The dashboard's buckets as SQL conditions on the stored due dates (due-dates.ts, migration 0025), for a
// day: overdue = due_on before today; due soon = due_on from today to the last day with at most 3 working
// days left (computed once here from the calendar); paused = 期限中止 and neither; running = the rest.
// Conditions name the columns of `applications` (or of an alias), and open applications are selected
// with the literal state list of the partial indexes.

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { OPEN_STATES } from '../domain/applications/types.ts';
import { DEFAULT_CLOCK_SETTINGS } from '../domain/calendar/clocks.ts';
import { parseIsoDate, toIsoDate } from '../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { ClockBucket } from './dashboard.ts';

const column = (alias: string | undefined, name: string) => sql.ref(alias === undefined ? name : `${alias}.${name}`);

/** The application is open (in the words of the partial indexes of 0025, so that the planner uses them). */
export function openState(alias?: string): RawBuilder<boolean> {
  return sql<boolean>`${column(alias, 'state')} in (${sql.join(OPEN_STATES.map((s) => sql.lit(s)))})`;
}

export interface DueThresholds {
  today: string;
  /** the last due date with at most 3 working days left (clock-base.ts timing: due soon) */
  soon: string;
}

/**
 * The thresholds of `today`: the last day with at most 3 working days left after today (clock-base.ts
 * timing: due soon). Working days are counted on the earliest estimate of a 暂定 year, as the dashboard's
 * clocks count them for a 暂定 date; for a date in an announced year both calendars agree. Where the
 * calendar stops (a year not loaded), so do the clocks (due_error), and so does the count.
 */
export function dueThresholds(calendar: WorkingCalendar, today: string): DueThresholds {
  const day = parseIsoDate(today);
  if (day === null) throw new RangeError(`invalid date ${today}`);
  const counting = calendar.earliest ?? calendar;
  let soon = day;
  // 3 working days lie within a month, whatever the holidays
  for (let d = day + 1; d <= day + 31; d++) {
    const left = counting.workingDaysBetween(day, d);
    if (!left.ok || left.value > DEFAULT_CLOCK_SETTINGS.dueSoonWorkingDays) break;
    soon = d;
  }
  return { today, soon: toIsoDate(soon) };
}

/** The condition of a bucket on `t` (for open applications). */
export function bucketCondition(bucket: ClockBucket, t: DueThresholds, alias?: string): RawBuilder<boolean> {
  const due = column(alias, 'due_on');
  const paused = column(alias, 'due_paused');
  switch (bucket) {
    case 'overdue':
      return sql<boolean>`${due} < ${t.today}::date`;
    case 'due_soon':
      return sql<boolean>`(${due} >= ${t.today}::date and ${due} <= ${t.soon}::date)`;
    case 'paused':
      return sql<boolean>`(${paused} and (${due} is null or ${due} > ${t.soon}::date))`;
    case 'running':
      return sql<boolean>`(not ${paused} and (${due} is null or ${due} > ${t.soon}::date))`;
  }
}
