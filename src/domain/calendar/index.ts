// The working-day calendar: national arrangements 2019–2026 built in, more years and local rest days
// added by the agency.

import { WorkingCalendar } from './calendar.ts';
import type { Result } from './calendar.ts';
import { NATIONAL_ARRANGEMENTS } from './national.ts';
import { provisionalArrangements } from './provisional.ts';
import type { LocalRestDay, YearArrangement } from './types.ts';

export { WorkingCalendar, explainAddition, yearNotLoaded } from './calendar.ts';
export type { CalendarError, CalendarErrorCode, DayInfo, DayKind, ExplainStep, Result } from './calendar.ts';
export type { HolidayBlock, LocalRestDay, MakeUpDay, YearArrangement } from './types.ts';
export { NATIONAL_ARRANGEMENTS } from './national.ts';
export { PROVISIONAL_FIRST_YEAR, PROVISIONAL_LAST_YEAR, provisionalArrangements, statutoryHolidays } from './provisional.ts';

export interface BuildOptions {
  /**
   * Estimate (暂定) this many years after the last announced one (the platform: 1, the year whose
   * notice is awaited; a count reaching further still fails, naming the year). Default 0.
   */
  provisionalYears?: number;
}

/**
 * The calendar of the national arrangements, with added years (a year added replaces the built-in
 * one of the same year: a corrected notice wins) and local rest days; the years after the last
 * announced one (`provisionalYears`) are estimated (provisional.ts), with the earliest-estimate
 * variant linked as `calendar.earliest`.
 */
export function buildCalendar(added: readonly YearArrangement[] = [], localRestDays: readonly LocalRestDay[] = [], options: BuildOptions = {}): Result<WorkingCalendar> {
  const byYear = new Map<number, YearArrangement>();
  for (const a of NATIONAL_ARRANGEMENTS) byYear.set(a.year, a);
  for (const a of added) if (!a.provisional) byYear.set(a.year, a);
  const announced = [...byYear.values()].sort((a, b) => a.year - b.year);
  const estimates: YearArrangement[] = [];
  const earliest: YearArrangement[] = [];
  const last = Math.max(...byYear.keys());
  for (let y = last + 1; y <= last + (options.provisionalYears ?? 0); y++) {
    const p = provisionalArrangements(y);
    if (p === null) break; // beyond the supported years: not loaded, fails clearly
    estimates.push(p.estimate);
    earliest.push(p.earliest);
  }
  const built = WorkingCalendar.build([...announced, ...estimates], localRestDays);
  if (!built.ok || estimates.length === 0) return built;
  const early = WorkingCalendar.build([...announced, ...earliest], localRestDays);
  if (!early.ok) return early;
  return { ok: true, value: built.value.withEarliest(early.value) };
}
