// A provisional (暂定) arrangement for a year whose State Council notice is not yet published. Every
// year from October to the notice (November or December) the longest clocks reach into next year; so
// that no due date goes blank, a year without a notice is estimated on the statutory holidays of
// 《全国年节及纪念日放假办法》 as revised in 2024 (in force 2025-01-01), 第二条:
//   元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (清明当日);
//   劳动节 2 days (5月1日、2日); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五);
//   国庆节 3 days (10月1日至3日).
// Lunar dates and 清明 come from tyme4ts (astronomical new moons and solar terms), not a hand table.
//
// Two estimates, both documented as estimates (docs/ARCHITECTURE.md):
// - `estimate` — the statutory days are rest days, and a statutory day falling on a Saturday or Sunday
//   gives a 补假 on the next working day after its holiday (放假办法第六条: 全体公民放假的假日，如果适逢
//   周六、周日，应当在工作日补假); so does a day two holidays share (国庆 and 中秋 on one day — a reading
//   by analogy, as the notices of 2020, 2023 and 2025 gave the combined holiday a day more). This is the
//   date shown with 暂定.
// - `earliest` — the statutory days that fall on weekdays are rest days, no 补假, and the Saturdays
//   and Sundays within a week before and after each holiday are make-up working days (调休上班, as the
//   notices arrange them: 第七条 allows swaps, "假期前后连续工作一般不超过6天"). A notice rarely makes a
//   count end earlier than this; the dashboard shows the earlier of the two, so no one replies late
//   when the notice adds 调休 days.
// Neither touches a day outside its own year (an announced December is never changed by an estimate).

import { LunarDay, SolarTerm } from 'tyme4ts';
import { fromYmd, isWeekend, toIsoDate, yearOf } from './dates.ts';
import type { HolidayBlock, MakeUpDay, YearArrangement } from './types.ts';

/** The years tyme4ts computes lunar dates and solar terms for, as the platform uses them. */
export const PROVISIONAL_FIRST_YEAR = 2025; // the first year under the 2024 revision of the 放假办法
export const PROVISIONAL_LAST_YEAR = 2100;

export const PROVISIONAL_SOURCE =
  '暂定：国务院办公厅尚未发布该年度节假日安排通知，按《全国年节及纪念日放假办法》（2024年修订）第二条规定的法定节假日和周末推算，公布通知后以通知为准';

export interface StatutoryHoliday {
  name: string;
  /** the statutory rest days of the holiday, in order */
  days: number[];
}

/** The statutory holidays of a year (放假办法第二条), as day numbers; null outside the supported years. */
export function statutoryHolidays(year: number): StatutoryHoliday[] | null {
  if (!Number.isInteger(year) || year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR) return null;
  const solar = (m: number, d: number): number => fromYmd(year, m, d) as number;
  const lunar = (m: number, d: number): number => {
    const s = LunarDay.fromYmd(year, m, d).getSolarDay();
    return fromYmd(s.getYear(), s.getMonth(), s.getDay()) as number;
  };
  const newYear = lunar(1, 1);
  const qingming = SolarTerm.fromName(year, '清明').getSolarDay();
  return [
    { name: '元旦', days: [solar(1, 1)] },
    // 除夕: the day before 正月初一 (腊月二十九 or 三十)
    { name: '春节', days: [newYear - 1, newYear, newYear + 1, newYear + 2] },
    { name: '清明节', days: [fromYmd(qingming.getYear(), qingming.getMonth(), qingming.getDay()) as number] },
    { name: '劳动节', days: [solar(5, 1), solar(5, 2)] },
    { name: '端午节', days: [lunar(5, 5)] },
    { name: '中秋节', days: [lunar(8, 15)] },
    { name: '国庆节', days: [solar(10, 1), solar(10, 2), solar(10, 3)] },
  ];
}

export interface ProvisionalArrangements {
  /** the date shown, marked 暂定 */
  estimate: YearArrangement;
  /** the earliest a count can plausibly end (the dashboard's) */
  earliest: YearArrangement;
}

/** Both provisional arrangements of a year, or null outside the supported years. */
export function provisionalArrangements(year: number): ProvisionalArrangements | null {
  const holidays = statutoryHolidays(year);
  if (holidays === null) return null;
  const inYear = (d: number): boolean => yearOf(d) === year;
  const statutory = new Set(holidays.flatMap((h) => h.days));

  // the estimate: statutory days, plus a 补假 for each one on a weekend (第六条)
  const rest = new Set<number>();
  const estimateBlocks: HolidayBlock[] = [];
  for (const h of holidays) {
    const days = [...h.days];
    // a statutory day on a weekend, or on a day another holiday already takes (国庆 and 中秋 coinciding), is owed
    let owed = h.days.filter((d) => isWeekend(d) || rest.has(d)).length;
    let d = Math.max(...h.days);
    while (owed > 0) {
      d++;
      if (isWeekend(d) || statutory.has(d) || rest.has(d)) continue;
      days.push(d);
      owed--;
    }
    for (const x of days) rest.add(x);
    estimateBlocks.push(...blocks(days.filter(inYear), h.name));
  }

  // the earliest: weekday statutory days only; the weekends within a week around each holiday work
  const earliestBlocks: HolidayBlock[] = [];
  const makeUp = new Map<number, string>();
  for (const h of holidays) {
    earliestBlocks.push(...blocks(h.days.filter((d) => inYear(d) && !isWeekend(d)), h.name));
    const first = Math.min(...h.days);
    const last = Math.max(...h.days);
    for (let d = first - 7; d <= last + 7; d++) {
      if (isWeekend(d) && inYear(d) && !statutory.has(d) && !makeUp.has(d)) makeUp.set(d, h.name);
    }
  }
  const makeUpDays: MakeUpDay[] = [...makeUp.entries()].sort((a, b) => a[0] - b[0]).map(([d, name]) => ({ date: toIsoDate(d), name }));
  const byStart = (a: HolidayBlock, b: HolidayBlock): number => a.start.localeCompare(b.start);
  return {
    estimate: { year, provisional: true, sources: [PROVISIONAL_SOURCE], holidays: estimateBlocks.sort(byStart), makeUpDays: [] },
    earliest: { year, provisional: true, sources: [PROVISIONAL_SOURCE], holidays: earliestBlocks.sort(byStart), makeUpDays },
  };
}

/** Consecutive day numbers as rest blocks. */
function blocks(days: readonly number[], name: string): HolidayBlock[] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const out: HolidayBlock[] = [];
  let start: number | null = null;
  let prev = 0;
  for (const d of sorted) {
    if (start === null) start = d;
    else if (d !== prev + 1) {
      out.push({ start: toIsoDate(start), end: toIsoDate(prev), name });
      start = d;
    }
    prev = d;
  }
  if (start !== null) out.push({ start: toIsoDate(start), end: toIsoDate(prev), name });
  return out;
}
