// The working-day calendar: national arrangements 2019–2026 built in, more years and local rest days
// added by the agency.

import { WorkingCalendar } from './calendar.ts';
import type { Result } from './calendar.ts';
import { NATIONAL_ARRANGEMENTS } from './national.ts';
import type { LocalRestDay, YearArrangement } from './types.ts';

export { WorkingCalendar, explainAddition, yearNotLoaded } from './calendar.ts';
export type { CalendarError, CalendarErrorCode, DayInfo, DayKind, ExplainStep, Result } from './calendar.ts';
export type { HolidayBlock, LocalRestDay, MakeUpDay, YearArrangement } from './types.ts';
export { NATIONAL_ARRANGEMENTS } from './national.ts';

/**
 * The calendar of the national arrangements, with added years (a year added replaces the built-in
 * one of the same year: a corrected notice wins) and local rest days.
 */
export function buildCalendar(added: readonly YearArrangement[] = [], localRestDays: readonly LocalRestDay[] = []): Result<WorkingCalendar> {
  const byYear = new Map<number, YearArrangement>();
  for (const a of NATIONAL_ARRANGEMENTS) byYear.set(a.year, a);
  for (const a of added) byYear.set(a.year, a);
  return WorkingCalendar.build([...byYear.values()].sort((a, b) => a.year - b.year), localRestDays);
}
