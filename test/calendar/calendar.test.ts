// The working-day calendar against an independent copy of domain.md Appendix A
// (test/fixtures/calendar/appendix-a.yaml), boundary by boundary, and its arithmetic by property.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate, toIsoDate, weekday } from '../../src/domain/calendar/dates.ts';
import { buildCalendar, explainAddition, WorkingCalendar } from '../../src/domain/calendar/index.ts';
import type { Result } from '../../src/domain/calendar/index.ts';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const cal = unwrap(buildCalendar());
const d = (iso: string): number => {
  const n = parseIsoDate(iso);
  if (n === null) throw new Error(iso);
  return n;
};

// --- Appendix A, read from the YAML copy -----------------------------------------------------

interface YearData {
  year: number;
  holidays: { start: string; end: string; name: string }[];
  workdays: string[];
}
const YAML = readFileSync(join(import.meta.dirname, '../fixtures/calendar/appendix-a.yaml'), 'utf8');
const YEARS: YearData[] = [];
for (const line of YAML.split('\n')) {
  const year = /^ {2}(\d{4}):/.exec(line);
  if (year) YEARS.push({ year: Number(year[1]), holidays: [], workdays: [] });
  const current = YEARS[YEARS.length - 1];
  const h = /^\s+- \[(\S+), (\S+), ([^\]]+)\]/.exec(line);
  if (h && current) current.holidays.push({ start: h[1] ?? '', end: h[2] ?? '', name: (h[3] ?? '').trim() });
  const w = /^\s+workdays: \[([^\]]*)\]/.exec(line);
  if (w && current) current.workdays = (w[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
const PUBLISHED = YEARS.filter((y) => y.holidays.length > 0);

describe('Appendix A, day by day', () => {
  it('has the eight published years 2019–2026 and 2027 unpublished', () => {
    expect(PUBLISHED.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('every day of 2019–2026 is a working day exactly when Appendix A says so', () => {
    const rest = new Set<number>();
    const make = new Set<number>();
    for (const y of PUBLISHED) {
      for (const h of y.holidays) for (let x = d(h.start); x <= d(h.end); x++) rest.add(x);
      for (const w of y.workdays) make.add(d(w));
    }
    const wrong: string[] = [];
    for (let x = d('2019-01-01'); x <= d('2026-12-31'); x++) {
      const expected = make.has(x) || (weekday(x) >= 1 && weekday(x) <= 5 && !rest.has(x));
      if (unwrap(cal.isWorkingDay(x)) !== expected) wrong.push(toIsoDate(x));
    }
    expect(wrong).toEqual([]);
  });

  const blocks = PUBLISHED.flatMap((y) => y.holidays.map((h) => ({ ...h, year: y.year })));
  it.each(blocks)('$year $name $start…$end: rest from the first to the last day, named', ({ start, end, name }) => {
    for (const x of [d(start), d(end)]) {
      if (x < d('2019-01-01')) continue; // 2019's 元旦 starts in 2018, which is not loaded
      const info = unwrap(cal.day(x));
      expect(info.working).toBe(false);
      expect(info.kind).toBe('holiday');
      expect(info.name).toBe(name);
    }
  });
  it.each(blocks)('$year $name: the days just outside $start…$end are not part of it', ({ start, end, name }) => {
    for (const x of [d(start) - 1, d(end) + 1]) {
      if (x < d('2019-01-01')) continue; // 2018 is not loaded
      const info = unwrap(cal.day(x));
      expect(info.kind === 'holiday' && info.name === name).toBe(false);
    }
  });
  const makeUps = PUBLISHED.flatMap((y) => y.workdays.filter((w) => w >= '2019').map((date) => ({ year: y.year, date })));
  it.each(makeUps)('$year make-up working day $date', ({ date }) => {
    const info = unwrap(cal.day(d(date)));
    expect([0, 6]).toContain(weekday(d(date)));
    expect(info).toMatchObject({ working: true, kind: 'makeup' });
  });
});

describe('the cases that matter', () => {
  it.each([
    ['2019-05-02', false, '2019 劳动节 as revised (originally 5-01 only)'],
    ['2019-05-04', false, '2019 劳动节 as revised'],
    ['2019-05-05', true, '2019 make-up Sunday after the revised 劳动节'],
    ['2019-04-28', true, '2019 make-up Sunday before the revised 劳动节'],
    ['2020-01-31', false, '2020 春节 extended (COVID)'],
    ['2020-02-01', false, '2020-02-01 no longer a working day after the extension'],
    ['2020-02-02', false, '2020 春节 extended to 2-02'],
    ['2020-02-03', true, 'work resumed 2-03'],
    ['2024-02-09', true, '2024 除夕 a working day'],
    ['2024-02-10', false, '2024 春节 from 正月初一'],
    ['2024-02-18', true, '2024 make-up Sunday'],
    ['2025-01-28', false, '2025 reform: 除夕 is a statutory holiday'],
    ['2025-01-26', true, '2025 make-up Sunday before 春节'],
    ['2025-05-02', false, '2025 reform: 5-02 is a statutory holiday'],
    ['2025-10-08', false, '2025 国庆节、中秋节 8 days'],
    ['2026-02-14', true, '2026 make-up Saturday before the nine-day 春节'],
    ['2026-02-15', false, '2026 nine-day 春节 starts 腊月二十八'],
    ['2026-02-23', false, '2026 nine-day 春节 ends 正月初七 (a Monday)'],
    ['2026-02-24', true, 'back to work 2-24'],
    ['2026-02-28', true, '2026 make-up Saturday after 春节'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(unwrap(cal.isWorkingDay(d(date)))).toBe(working);
  });

  it('2026 春节 is nine rest days in a row', () => {
    const days = Array.from({ length: 9 }, (_, i) => unwrap(cal.isWorkingDay(d('2026-02-15') + i)));
    expect(days.every((w) => !w)).toBe(true);
  });

  it('fails, naming the year, when a computation reaches 2027', () => {
    const r = cal.addWorkingDays(d('2026-12-20'), 20);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CALENDAR_YEAR_NOT_LOADED');
      expect(r.error.year).toBe(2027);
      expect(r.error.message).toContain('2027年的节假日安排尚未公布或尚未录入');
      // it reaches citizens and clerks: never a command line
      expect(r.error.message).not.toMatch(/gongkai|import-notice/);
      expect(r.error.message).toContain('平台管理 → 工作日历');
    }
    expect(cal.isWorkingDay(d('2027-01-04')).ok).toBe(false);
    expect(cal.isWorkingDay(d('2018-06-01')).ok).toBe(false);
  });

  it('an agency rest day is not a working day; a local day on a make-up day wins', () => {
    const local = unwrap(buildCalendar([], [{ date: '2024-03-08', name: '本地休息' }, { date: '2024-02-04', name: '本地休息' }]));
    expect(unwrap(local.day(d('2024-03-08')))).toMatchObject({ working: false, kind: 'local', name: '本地休息' });
    expect(unwrap(local.isWorkingDay(d('2024-02-04')))).toBe(false);
  });

  it('refuses bad data: a make-up day on a weekday, a block that makes no sense', () => {
    const bad = WorkingCalendar.build([{ year: 2030, sources: [], holidays: [], makeUpDays: [{ date: '2030-01-02', name: '元旦' }] }]);
    expect(bad.ok).toBe(false);
    const backwards = WorkingCalendar.build([{ year: 2030, sources: [], holidays: [{ start: '2030-01-03', end: '2030-01-01', name: '元旦' }], makeUpDays: [] }]);
    expect(backwards.ok).toBe(false);
  });
});

describe('working-day arithmetic', () => {
  it.each([
    // 国庆 2024: 9-29 (Sun) make-up, 10-1…10-7 rest, 10-12 (Sat) make-up
    ['2024-09-27', 1, '2024-09-29'],
    ['2024-09-27', 2, '2024-09-30'],
    ['2024-09-27', 3, '2024-10-08'],
    ['2024-09-30', 20, '2024-11-01'], // 10-8…10-11, 10-12 (Sat, make-up), then 15 more
    // 春节 2026: 2-14 (Sat) make-up, 2-15…2-23 rest, 2-28 (Sat) make-up
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-10', 7, '2026-02-26'],
    ['2026-02-13', 6, '2026-02-28'],
    // start day not counted; a start on a rest day
    ['2024-10-01', 1, '2024-10-08'],
    ['2024-12-31', 1, '2025-01-02'],
    ['2024-05-05', 0, '2024-05-05'],
  ])('add(%s, %i) = %s', (from, n, expected) => {
    expect(toIsoDate(unwrap(cal.addWorkingDays(d(from), n)))).toBe(expected);
  });

  it('explains itself: skipped days with the holiday name, make-up days counted', () => {
    const { date, explain } = unwrap(explainAddition(cal, d('2024-09-27'), 3));
    expect(date).toBe('2024-10-08');
    const texts = explain.map((e) => e.text).join('\n');
    expect(texts).toContain('2024年9月29日（周日）调休上班（国庆节），是工作日，计为第1个工作日');
    expect(texts).toContain('2024年10月1日（周二）国庆节放假，不计');
    expect(texts).toContain('2024年9月28日（周六）是周末，休息，不计');
    expect(explain.at(-1)?.text).toBe('第3个工作日是2024年10月8日（周二）');
  });

  const inRange = fc.integer({ min: d('2019-01-01'), max: d('2026-10-01') });
  const count = fc.integer({ min: 0, max: 40 });

  it('add(d, n) is a working day after d, increasing in n, and between(d, add(d, n)) = n', () => {
    fc.assert(
      fc.property(inRange, fc.integer({ min: 1, max: 40 }), (from, n) => {
        const due = unwrap(cal.addWorkingDays(from, n));
        expect(due).toBeGreaterThan(from);
        expect(unwrap(cal.isWorkingDay(due))).toBe(true);
        expect(unwrap(cal.addWorkingDays(from, n + 1))).toBeGreaterThan(due);
        expect(unwrap(cal.workingDaysBetween(from, due))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('between is additive and antisymmetric', () => {
    fc.assert(
      fc.property(inRange, count, count, (a, x, y) => {
        const b = a + x;
        const c = b + y;
        expect(unwrap(cal.workingDaysBetween(a, c))).toBe(unwrap(cal.workingDaysBetween(a, b)) + unwrap(cal.workingDaysBetween(b, c)));
        expect(unwrap(cal.workingDaysBetween(c, a))).toBe(0 - unwrap(cal.workingDaysBetween(a, c)) || 0);
      }),
    );
  });

  it('a computation that crosses into an unloaded year fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: d('2026-11-01'), max: d('2026-12-31') }), fc.integer({ min: 60, max: 400 }), (from, n) => {
        const r = cal.addWorkingDays(from, n);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.year).toBe(2027);
      }),
    );
  });
});
