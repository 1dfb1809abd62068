// Working days (工作日) of the Chinese calendar: Monday to Friday, less the rest days of the State
// Council's holiday arrangements, plus the weekend days it makes working days (调休上班), plus an
// agency's own rest days. domain.md §4.2: D is a working day iff (Mon–Fri and not in a rest block) or
// D is a make-up working day. A computation that reaches a year whose arrangement is not loaded
// fails, naming the year: it never assumes plain weeks.

import { chineseDate, isWeekend, parseIsoDate, toIsoDate, yearOf } from './dates.ts';
import type { IsoDate } from './dates.ts';
import type { LocalRestDay, YearArrangement } from './types.ts';

export type CalendarErrorCode = 'CALENDAR_YEAR_NOT_LOADED' | 'CALENDAR_INVALID_DATE' | 'CALENDAR_INVALID_DATA' | 'CALENDAR_INVALID_COUNT';

export interface CalendarError {
  code: CalendarErrorCode;
  /** in Chinese, for the official */
  message: string;
  /** the year whose arrangement is missing (CALENDAR_YEAR_NOT_LOADED) */
  year?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CalendarError };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(code: CalendarErrorCode, message: string, year?: number): Result<T> => ({
  ok: false,
  error: year === undefined ? { code, message } : { code, message, year },
});

export function yearNotLoaded<T>(year: number): Result<T> {
  // no command line here: this reaches citizens and clerks (the CLI adds its own hint)
  return fail(
    'CALENDAR_YEAR_NOT_LOADED',
    `${year}年的节假日安排尚未公布或尚未录入，超出可以估算的范围，无法计算该年的工作日。国务院办公厅发布《关于${year}年部分节假日安排的通知》后，由平台管理员在“平台管理 → 工作日历”中录入。`,
    year,
  );
}

/** Why a day is or is not a working day. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'local';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** the holiday (rest block, make-up day, or local rest day) it belongs to */
  name?: string;
  /** in Chinese: 2024年10月1日（周二）国庆节放假 */
  text: string;
}

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;
const KIND_LOCAL = 4;
const KINDS: DayKind[] = ['workday', 'weekend', 'holiday', 'makeup', 'local'];

export class WorkingCalendar {
  private constructor(
    /** day number of index 0 (1 January of the first loaded year) */
    private readonly start: number,
    /** KIND_* per day */
    private readonly kinds: Uint8Array,
    /** index of the day's holiday name in `names`, or 0xffff */
    private readonly nameIndex: Uint16Array,
    private readonly names: string[],
    /** working days up to and including each day */
    private readonly cumulative: Int32Array,
    /** day numbers of the working days, in order */
    private readonly workingDays: Int32Array,
    private readonly loaded: ReadonlySet<number>,
    readonly arrangements: readonly YearArrangement[],
    readonly localRestDays: readonly LocalRestDay[],
  ) {
    const years = [...loaded];
    this.gapless = Math.max(...years) - Math.min(...years) + 1 === years.length;
    this.provisional = new Set(arrangements.filter((a) => a.provisional).map((a) => a.year));
  }

  private readonly gapless: boolean;
  private readonly provisional: ReadonlySet<number>;
  private earliestCalendar: WorkingCalendar | null = null;

  /**
   * With provisional years: the same calendar with the earliest estimate of those years (make-up
   * working days around each holiday, provisional.ts), for the dashboard's "no later than" date.
   */
  get earliest(): WorkingCalendar | null {
    return this.earliestCalendar;
  }

  /** Link the earliest-estimate variant (once, by buildCalendar). */
  withEarliest(earliest: WorkingCalendar): this {
    if (this.earliestCalendar === null && this.provisional.size > 0) this.earliestCalendar = earliest;
    return this;
  }

  /** The years whose arrangement is an estimate (no notice yet: 暂定), ascending. */
  get provisionalYears(): number[] {
    return [...this.provisional].sort((a, b) => a - b);
  }

  /** The years whose arrangement comes from a notice, ascending. */
  get announcedYears(): number[] {
    return this.years.filter((y) => !this.provisional.has(y));
  }

  /** Whether a date lies in a year estimated without a notice (a due date on it is 暂定). */
  isProvisional(date: number): boolean {
    return this.provisional.size > 0 && this.provisional.has(yearOf(date));
  }

  /** The years whose arrangement is loaded, ascending. */
  get years(): number[] {
    return [...this.loaded].sort((a, b) => a - b);
  }

  /** Build a calendar from yearly arrangements (keyed by date) and local rest days; the data are checked. */
  static build(arrangements: readonly YearArrangement[], localRestDays: readonly LocalRestDay[] = []): Result<WorkingCalendar> {
    if (arrangements.length === 0) return fail('CALENDAR_INVALID_DATA', '没有录入任何年度的节假日安排。');
    const years = new Set<number>();
    for (const a of arrangements) {
      if (years.has(a.year)) return fail('CALENDAR_INVALID_DATA', `${a.year}年的节假日安排录入了不止一次。`);
      years.add(a.year);
    }
    const first = Math.min(...years);
    const last = Math.max(...years);
    const start = parseIsoDate(`${first}-01-01`) as number;
    const end = parseIsoDate(`${last}-12-31`) as number;
    const size = end - start + 1;
    const kinds = new Uint8Array(size);
    const nameIndex = new Uint16Array(size).fill(0xffff);
    const names: string[] = [];
    const nameOf = (name: string): number => {
      const i = names.indexOf(name);
      if (i >= 0) return i;
      names.push(name);
      return names.length - 1;
    };
    for (let d = start; d <= end; d++) kinds[d - start] = isWeekend(d) ? KIND_WEEKEND : KIND_WORKDAY;
    const mark = (d: number, kind: number, name: string): void => {
      if (d < start || d > end) return; // a December block of a year not loaded
      kinds[d - start] = kind;
      nameIndex[d - start] = nameOf(name);
    };
    for (const a of arrangements) {
      for (const h of a.holidays) {
        const s = parseIsoDate(h.start);
        const e = parseIsoDate(h.end);
        if (s === null || e === null || e < s || e - s > 31) {
          return fail('CALENDAR_INVALID_DATA', `${a.year}年“${h.name}”的放假日期（${h.start}至${h.end}）无效。`);
        }
        for (let d = s; d <= e; d++) mark(d, KIND_HOLIDAY, h.name);
      }
    }
    for (const a of arrangements) {
      for (const m of a.makeUpDays) {
        const d = parseIsoDate(m.date);
        if (d === null) return fail('CALENDAR_INVALID_DATA', `${a.year}年的调休上班日“${m.date}”不是有效日期。`);
        if (!isWeekend(d)) return fail('CALENDAR_INVALID_DATA', `${chineseDate(d)}不是周六或周日，不能是调休上班日。`);
        if (d >= start && d <= end && kinds[d - start] === KIND_HOLIDAY) {
          return fail('CALENDAR_INVALID_DATA', `${chineseDate(d)}既在放假期间又是调休上班日，请核对。`);
        }
        mark(d, KIND_MAKEUP, m.name);
      }
    }
    for (const l of localRestDays) {
      const d = parseIsoDate(l.date);
      if (d === null) return fail('CALENDAR_INVALID_DATA', `本地休息日“${l.date}”不是有效日期。`);
      mark(d, KIND_LOCAL, l.name);
    }
    const cumulative = new Int32Array(size);
    const working: number[] = [];
    let count = 0;
    for (let i = 0; i < size; i++) {
      const k = kinds[i];
      if (k === KIND_WORKDAY || k === KIND_MAKEUP) {
        count++;
        working.push(start + i);
      }
      cumulative[i] = count;
    }
    return ok(new WorkingCalendar(start, kinds, nameIndex, names, cumulative, Int32Array.from(working), years, arrangements, localRestDays));
  }

  /** The first year in [from, to] whose arrangement is not loaded, or null. */
  private missingYear(from: number, to: number): number | null {
    // the common case, without date arithmetic: no gap in the loaded years and inside them
    if (this.gapless && from >= this.start && to < this.start + this.kinds.length && to >= this.start && from < this.start + this.kinds.length) return null;
    const a = yearOf(Math.min(from, to));
    const b = yearOf(Math.max(from, to));
    for (let y = a; y <= b; y++) if (!this.loaded.has(y)) return y;
    return null;
  }

  /** What a day is, and why. */
  day(date: number): Result<DayInfo> {
    const missing = this.missingYear(date, date);
    if (missing !== null) return yearNotLoaded(missing);
    const i = date - this.start;
    const kind = KINDS[this.kinds[i] ?? 0] ?? 'workday';
    const n = this.nameIndex[i] ?? 0xffff;
    const name = n === 0xffff ? undefined : this.names[n];
    const working = kind === 'workday' || kind === 'makeup';
    const when = chineseDate(date);
    const text =
      kind === 'workday'
        ? `${when}是工作日`
        : kind === 'weekend'
          ? `${when}是周末，休息`
          : kind === 'holiday'
            ? `${when}${name}放假`
            : kind === 'makeup'
              ? `${when}调休上班（${name}），是工作日`
              : `${when}本地休息日（${name}）`;
    return ok({ date: toIsoDate(date), working, kind, ...(name === undefined ? {} : { name }), text });
  }

  isWorkingDay(date: number): Result<boolean> {
    const missing = this.missingYear(date, date);
    if (missing !== null) return yearNotLoaded(missing);
    const k = this.kinds[date - this.start];
    return ok(k === KIND_WORKDAY || k === KIND_MAKEUP);
  }

  /**
   * The n-th working day strictly after `date` (the start day is not counted: 民事诉讼法 第八十五条,
   * domain.md §4.3); n = 0 gives the date itself.
   */
  addWorkingDays(date: number, n: number): Result<number> {
    if (!Number.isInteger(n) || n < 0) return fail('CALENDAR_INVALID_COUNT', `工作日数必须是非负整数，收到的是“${n}”。`);
    if (n === 0) return ok(date);
    const missing = this.missingYear(date, date);
    if (missing !== null) return yearNotLoaded(missing);
    const target = (this.cumulative[date - this.start] ?? 0) + n - 1;
    const result = this.workingDays[target];
    if (result === undefined) return yearNotLoaded(Math.max(...this.loaded) + 1);
    const gap = this.missingYear(date, result);
    if (gap !== null) return yearNotLoaded(gap);
    return ok(result);
  }

  /** Working days in (a, b] — so that between(d, add(d, n)) = n; negative when b is before a. */
  workingDaysBetween(a: number, b: number): Result<number> {
    const missing = this.missingYear(a, b);
    if (missing !== null) return yearNotLoaded(missing);
    return ok((this.cumulative[b - this.start] ?? 0) - (this.cumulative[a - this.start] ?? 0) || 0);
  }

  /** The first working day on or after `date` (a last day falling on a rest day moves to it). */
  nextWorkingDayOnOrAfter(date: number): Result<number> {
    const isWorking = this.isWorkingDay(date);
    if (!isWorking.ok) return isWorking;
    return isWorking.value ? ok(date) : this.addWorkingDays(date, 1);
  }

  /** The days from the day after `from` to `to`, each with why it counts or not: the explanation of a count. */
  explainRange(from: number, to: number): Result<DayInfo[]> {
    const days: DayInfo[] = [];
    for (let d = from + 1; d <= to; d++) {
      const info = this.day(d);
      if (!info.ok) return info;
      days.push(info.value);
    }
    return ok(days);
  }
}

/**
 * An explanation of add(date, n) in Chinese: every day skipped (weekend, holiday with its name,
 * local rest day) and every make-up working day counted.
 */
export function explainAddition(
  calendar: WorkingCalendar,
  date: number,
  n: number,
): Result<{ date: IsoDate; explain: ExplainStep[]; provisional: boolean; provisionalYears: number[]; earliest?: IsoDate }> {
  const due = calendar.addWorkingDays(date, n);
  if (!due.ok) return due;
  const range = calendar.explainRange(date, due.value);
  if (!range.ok) return range;
  const explain: ExplainStep[] = [{ kind: 'start', date: toIsoDate(date), text: `自${chineseDate(date)}的次日起算（起算日不计入）` }];
  let counted = 0;
  for (const d of range.value) {
    if (d.working) counted++;
    if (d.kind === 'workday') continue;
    explain.push({ kind: d.kind, date: d.date, ...(d.name ? { name: d.name } : {}), counted: d.working, text: d.working ? `${d.text}，计为第${counted}个工作日` : `${d.text}，不计` });
  }
  const provisionalYears = calendar.provisionalYears.filter((y) => y >= yearOf(date) && y <= yearOf(due.value));
  const provisional = provisionalYears.length > 0;
  const early = provisional && calendar.earliest ? calendar.earliest.addWorkingDays(date, n) : null;
  const earliest = early?.ok && early.value < due.value ? toIsoDate(early.value) : undefined;
  explain.push({
    kind: 'due',
    date: toIsoDate(due.value),
    text:
      `第${n}个工作日是${chineseDate(due.value)}` +
      (provisional
        ? `（暂定：${provisionalYears.join('、')}年的节假日安排尚未公布，按法定节假日推算${earliest ? `；如公布的安排增加调休上班日，最早可能为${chineseDate(parseIsoDate(earliest) as number)}` : ''}）`
        : ''),
  });
  return ok({ date: toIsoDate(due.value), explain, provisional, provisionalYears, ...(earliest ? { earliest } : {}) });
}

export interface ExplainStep {
  kind: DayKind | 'start' | 'due';
  date: IsoDate;
  name?: string;
  /** for skipped and make-up days: whether it counted as a working day */
  counted?: boolean;
  text: string;
}
