// The provisional (暂定) calendar of a year whose State Council notice is not yet published: the statutory
// holidays of 《全国年节及纪念日放假办法》(2024 revision) from the lunar calendar of tyme4ts, the 补假 of
// 第六条, the earliest estimate, and every due date computed on it marked as such.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicationClocksWithEstimates } from '../../src/domain/calendar/estimates.ts';
import { buildCalendar, explainAddition, provisionalArrangements, statutoryHolidays } from '../../src/domain/calendar/index.ts';
import type { WorkingCalendar } from '../../src/domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../src/domain/calendar/dates.ts';
import { parseHolidayNotice } from '../../src/domain/calendar/notice.ts';

const d = (iso: string) => parseIsoDate(iso) as number;
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const working = (cal: WorkingCalendar, iso: string) => unwrap(cal.isWorkingDay(d(iso)));

// 除夕, 清明, 端午 (五月初五), 中秋 (八月十五) — from published lunar calendars
const EXPECTED: [number, string, string, string, string][] = [
  [2027, '2027-02-05', '2027-04-05', '2027-06-09', '2027-09-15'],
  [2028, '2028-01-25', '2028-04-04', '2028-05-28', '2028-10-03'],
  [2029, '2029-02-12', '2029-04-04', '2029-06-16', '2029-09-22'],
  [2030, '2030-02-02', '2030-04-05', '2030-06-05', '2030-09-12'],
];

describe('the statutory holidays of a year (放假办法第二条, 2024 revision)', () => {
  it.each(EXPECTED)('%i: 除夕 %s, 清明 %s, 端午 %s, 中秋 %s', (year, eve, qingming, duanwu, zhongqiu) => {
    const h = statutoryHolidays(year);
    if (h === null) throw new Error('no holidays');
    const byName = Object.fromEntries(h.map((x) => [x.name, x.days.map(toIsoDate)]));
    expect(byName['元旦']).toEqual([`${year}-01-01`]);
    // 春节 4 days: 除夕 and 正月初一至初三
    expect(byName['春节']).toEqual([0, 1, 2, 3].map((i) => toIsoDate(d(eve) + i)));
    expect(byName['清明节']).toEqual([qingming]);
    expect(byName['劳动节']).toEqual([`${year}-05-01`, `${year}-05-02`]);
    expect(byName['端午节']).toEqual([duanwu]);
    expect(byName['中秋节']).toEqual([zhongqiu]);
    expect(byName['国庆节']).toEqual([`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]);
    expect(h.flatMap((x) => x.days)).toHaveLength(13);
  });

  it('matches the years already announced (the 2025 reform onwards): every statutory day was a rest day', () => {
    const cal = unwrap(buildCalendar());
    for (const year of [2025, 2026]) {
      for (const day of (statutoryHolidays(year) ?? []).flatMap((x) => x.days)) expect(unwrap(cal.isWorkingDay(day))).toBe(false);
    }
  });

  it('gives nothing outside the years it supports', () => {
    expect(statutoryHolidays(2024)).toBeNull(); // before the 2024 revision took effect
    expect(statutoryHolidays(2101)).toBeNull();
    expect(provisionalArrangements(2101)).toBeNull();
  });
});

describe('the estimate: statutory days, and a 补假 for each on a weekend (第六条)', () => {
  const cal2027 = unwrap(buildCalendar([], [], { provisionalYears: 1 }));

  it.each([
    ['2027-01-01', false, '元旦 (Friday)'],
    ['2027-01-04', true, 'the Monday after 元旦: no 补假 owed'],
    ['2027-02-05', false, '除夕 (Friday)'],
    ['2027-02-08', false, '初三 (Monday)'],
    ['2027-02-09', false, '补假 for 初一 (Saturday)'],
    ['2027-02-10', false, '补假 for 初二 (Sunday)'],
    ['2027-02-11', true, 'back at work'],
    ['2027-05-03', false, '补假 for 5月1日 (Saturday)'],
    ['2027-05-04', false, '补假 for 5月2日 (Sunday)'],
    ['2027-05-05', true, ''],
    ['2027-10-04', false, '补假 for 10月2日 (Saturday)'],
    ['2027-10-05', false, '补假 for 10月3日 (Sunday)'],
    ['2027-10-06', true, ''],
  ])('%s working=%s (%s)', (date, expected) => {
    expect(working(cal2027, date)).toBe(expected);
  });

  it('gives a coinciding 国庆 and 中秋 (2028-10-03) a day more', () => {
    const p = provisionalArrangements(2028);
    const national = p?.estimate.holidays.find((h) => h.name === '国庆节');
    // 10-01 is a Sunday (one 补假) and 10-03 is 中秋 too (one more): 10-01 … 10-05
    expect(national).toEqual({ start: '2028-10-01', end: '2028-10-05', name: '国庆节' });
  });

  it('never changes a day of an announced year', () => {
    const plain = unwrap(buildCalendar());
    for (let day = d('2026-12-01'); day <= d('2026-12-31'); day++) expect(working(cal2027, toIsoDate(day))).toBe(unwrap(plain.isWorkingDay(day)));
  });
});

describe('the earliest estimate: weekday statutory days only, weekends around each holiday worked', () => {
  const cal = unwrap(buildCalendar([], [], { provisionalYears: 1 }));
  const earliest = cal.earliest;

  it('exists only with provisional years', () => {
    expect(earliest).not.toBeNull();
    expect(unwrap(buildCalendar()).earliest).toBeNull();
  });

  it.each([
    ['2027-01-02', true, 'the Saturday after 元旦 may be a make-up day'],
    ['2027-02-06', false, '初一 on a Saturday stays a rest day'],
    ['2027-02-09', true, 'no 补假'],
    ['2027-02-13', true, 'a Saturday within a week after 春节'],
    ['2027-03-06', false, 'a plain weekend'],
  ])('%s working=%s (%s)', (date, expected) => {
    if (earliest === null) throw new Error('no earliest calendar');
    expect(working(earliest, date)).toBe(expected);
  });

  it('is never later than the estimate', () => {
    if (earliest === null) throw new Error('no earliest calendar');
    for (let from = d('2026-10-01'); from <= d('2027-06-30'); from += 3) {
      const a = cal.addWorkingDays(from, 20);
      const b = earliest.addWorkingDays(from, 20);
      if (a.ok && b.ok) expect(b.value).toBeLessThanOrEqual(a.value);
    }
  });
});

describe('a calendar with the awaited year estimated', () => {
  const cal = unwrap(buildCalendar([], [], { provisionalYears: 1 }));

  it('counts into 2027, marked provisional, with the earliest possible date', () => {
    const r = unwrap(explainAddition(cal, d('2026-12-20'), 20));
    expect(r).toMatchObject({ date: '2027-01-18', provisional: true, provisionalYears: [2027], earliest: '2027-01-14' });
    expect(r.explain.at(-1)?.text).toContain('暂定');
    expect(unwrap(explainAddition(cal, d('2026-11-02'), 20))).toMatchObject({ provisional: false, provisionalYears: [] });
    expect(cal.provisionalYears).toEqual([2027]);
    expect(cal.announcedYears).not.toContain(2027);
    expect(cal.isProvisional(d('2027-03-01'))).toBe(true);
    expect(cal.isProvisional(d('2026-12-31'))).toBe(false);
  });

  it('still fails clearly beyond the estimated year, naming it, without a command line', () => {
    const r = cal.addWorkingDays(d('2026-12-20'), 400);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'CALENDAR_YEAR_NOT_LOADED', year: 2028 });
      expect(r.error.message).not.toMatch(/gongkai|import-notice/);
    }
  });

  it('gives way to the notice when it is imported: the same count, final', () => {
    const notice = parseHolidayNotice(readFileSync(join(import.meta.dirname, '../fixtures/calendar/invented-2027-notice.txt'), 'utf8'));
    if (!notice.ok) throw new Error(notice.errors.join('；'));
    const announced = unwrap(buildCalendar([notice.arrangement], [], { provisionalYears: 1 }));
    expect(unwrap(explainAddition(announced, d('2026-12-20'), 20))).toMatchObject({ date: '2027-01-18', provisional: false });
    expect(announced.provisionalYears).toEqual([2028]);
    // the notice's make-up Sunday 2027-02-14 is a working day; the estimate had it as a weekend
    expect(working(announced, '2027-02-14')).toBe(true);
    expect(working(cal, '2027-02-14')).toBe(false);
  });
});

describe('clocks on the estimated year', () => {
  const cal = unwrap(buildCalendar([], [], { provisionalYears: 1 }));
  const events = (received: string) => [{ type: 'submitted' as const, date: received, channel: 'in_person' as const }];

  it('marks the reply due date 暂定, with the earliest it may turn out to be', () => {
    const clocks = unwrap(applicationClocksWithEstimates(events('2026-12-20'), { calendar: cal, today: '2026-12-21' }));
    const reply = clocks.find((c) => c.id === 'reply');
    expect(reply).toMatchObject({ due: '2027-01-18', provisional: true, earliestDue: '2027-01-14' });
    expect(reply?.explain.join('')).toContain('暂定');
    // the 补正 window (7 working days) ends in 2026: final
    expect(clocks.find((c) => c.id === 'correction_notice')?.provisional).toBeUndefined();
    expect(clocks.find((c) => c.id === 'receipt')?.provisional).toBeUndefined();
  });

  it('the dashboard works to the earliest date', () => {
    const clocks = unwrap(applicationClocksWithEstimates(events('2026-12-20'), { calendar: cal, today: '2026-12-21', prefer: 'earliest' }));
    expect(clocks.find((c) => c.id === 'reply')).toMatchObject({ due: '2027-01-14', estimateDue: '2027-01-18', provisional: true });
  });

  it('leaves final dates alone', () => {
    const clocks = unwrap(applicationClocksWithEstimates(events('2026-11-02'), { calendar: cal, today: '2026-11-03' }));
    expect(clocks.some((c) => c.provisional)).toBe(false);
  });
});
