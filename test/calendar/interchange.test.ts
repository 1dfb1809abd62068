// Interchange of holiday arrangements: the versioned JSON document and iCalendar (RFC 5545).

import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fromYmd, isWeekend, toIsoDate } from '../../src/domain/calendar/dates.ts';
import {
  arrangementsFromIcs,
  arrangementsFromJson,
  arrangementsToIcs,
  arrangementsToJson,
  type InterchangeResult,
} from '../../src/domain/calendar/interchange.ts';
import { NATIONAL_ARRANGEMENTS } from '../../src/domain/calendar/national.ts';
import type { LocalRestDay, YearArrangement } from '../../src/domain/calendar/types.ts';

const STAMP = '2026-01-01T08:00:00+08:00';
const LOCAL: LocalRestDay[] = [
  { date: '2024-05-06', name: '建区纪念日' },
  { date: '2025-12-24', name: '机关闭馆（系统迁移，含逗号, 分号; 反斜杠\\）' },
  { date: '2026-03-03', name: '第一行\n第二行' },
];

const national = (): YearArrangement[] => NATIONAL_ARRANGEMENTS.map((a) => structuredClone(a));
const okWith = (arrangements: YearArrangement[], localRestDays: LocalRestDay[]): InterchangeResult => ({ ok: true, arrangements, localRestDays, notes: [] });
const errorsOf = (r: InterchangeResult): string[] => (r.ok ? [] : r.errors);
const lines = (ics: string): string[] => ics.slice(0, -2).split('\r\n');
const unfold = (ics: string): string[] => lines(ics.replace(/\r\n /g, ''));

describe('JSON', () => {
  it('round-trips the national arrangements with local rest days exactly', () => {
    const text = arrangementsToJson(NATIONAL_ARRANGEMENTS, LOCAL);
    const doc = JSON.parse(text) as { format: string; version: number; years: unknown[] };
    expect(doc.format).toBe('gongkai-calendar');
    expect(doc.version).toBe(1);
    expect(doc.years).toHaveLength(NATIONAL_ARRANGEMENTS.length);
    expect(text).toContain('\n  "years": [');
    expect(arrangementsFromJson(text)).toEqual(okWith(national(), LOCAL));
  });

  it('accepts a bare arrangement and an array of them', () => {
    const [first, second] = national();
    expect(arrangementsFromJson(JSON.stringify(second))).toEqual(okWith([second!], []));
    expect(arrangementsFromJson(JSON.stringify([first, second]))).toEqual(okWith([first!, second!], []));
    const { sources: _, ...withoutSources } = second!;
    expect(arrangementsFromJson(JSON.stringify(withoutSources))).toEqual(okWith([{ ...second!, sources: [] }], []));
  });

  const doc = (year: Partial<Record<keyof YearArrangement, unknown>>, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ format: 'gongkai-calendar', version: 1, years: [{ year: 2025, sources: [], holidays: [], makeUpDays: [], ...year }], localRestDays: [], ...extra });

  it('rejects a date that does not exist, naming the path', () => {
    const r = arrangementsFromJson(doc({ holidays: [{ start: '2025-01-01', end: '2025-01-01', name: '元旦' }, { start: '2025-02-27', end: '2025-02-29', name: '春节' }] }));
    expect(errorsOf(r)).toEqual(['years[0].holidays[1].end：不是有效日期（YYYY-MM-DD）']);
  });

  it('rejects a make-up day on a Wednesday (the working calendar’s check)', () => {
    const r = arrangementsFromJson(doc({ makeUpDays: [{ date: '2025-01-08', name: '元旦' }] }));
    expect(errorsOf(r)).toEqual(['2025年1月8日（周三）不是周六或周日，不能是调休上班日。']);
  });

  it('rejects a block longer than the calendar allows', () => {
    const r = arrangementsFromJson(doc({ holidays: [{ start: '2025-01-01', end: '2025-03-01', name: '春节' }] }));
    expect(errorsOf(r)[0]).toMatch(/2025年“春节”的放假日期.*无效/);
  });

  it('rejects a block that ends before it starts', () => {
    const r = arrangementsFromJson(doc({ holidays: [{ start: '2025-10-08', end: '2025-10-01', name: '国庆节' }] }));
    expect(errorsOf(r)).toEqual(['years[0].holidays[0].end：结束日期（2025-10-01）早于开始日期（2025-10-08）']);
  });

  it('rejects wrong types, missing fields, bad years and blank names in Chinese', () => {
    const r = arrangementsFromJson(doc({ year: '2025', holidays: {}, makeUpDays: [{ date: 20250104, name: ' ' }] }, { localRestDays: [{ date: '2025-01-01' }] }));
    expect(errorsOf(r)).toEqual([
      'years[0].year：应为数字，实际为字符串',
      'years[0].holidays：应为数组，实际为对象',
      'years[0].makeUpDays[0].date：应为字符串，实际为数字',
      'years[0].makeUpDays[0].name：名称不能为空',
      'localRestDays[0].name：缺少此项（应为字符串）',
    ]);
    expect(errorsOf(arrangementsFromJson(doc({ year: 1948 })))).toEqual(['years[0].year：年份应为1949至2200之间的整数']);
    expect(errorsOf(arrangementsFromJson(doc({ year: 2025.5 })))).toEqual(['years[0].year：年份应为1949至2200之间的整数']);
    expect(errorsOf(arrangementsFromJson(doc({ sources: ['a\rb'] })))).toEqual(['years[0].sources[0]：来源不能包含控制字符']);
  });

  it('rejects other documents, versions and text that is not JSON', () => {
    expect(errorsOf(arrangementsFromJson('{"format":"gongkai-calendar","version":2,"years":[]}'))[0]).toMatch(/^version：不支持的版本“2”/);
    expect(errorsOf(arrangementsFromJson('{"format":"other"}'))[0]).toMatch(/^format：/);
    expect(errorsOf(arrangementsFromJson('{"hello":1}'))[0]).toMatch(/^无法识别的 JSON/);
    expect(errorsOf(arrangementsFromJson('{'))[0]).toMatch(/^不是有效的 JSON/);
    const twice = JSON.stringify([national()[0], national()[0]]);
    expect(errorsOf(arrangementsFromJson(twice))).toEqual(['2019年的节假日安排录入了不止一次。']);
  });
});

describe('iCalendar', () => {
  const ics = arrangementsToIcs(NATIONAL_ARRANGEMENTS, { stamp: STAMP, localRestDays: LOCAL });

  it('round-trips the national arrangements with local rest days exactly', () => {
    expect(arrangementsFromIcs(ics)).toEqual(okWith(national(), LOCAL));
    const r = arrangementsFromIcs(ics);
    expect(r.ok && r.arrangements.find((a) => a.year === 2020)?.holidays.at(-1)?.name).toBe('国庆节、中秋节');
  });

  it('is deterministic: the stamp is the only time in it', () => {
    expect(arrangementsToIcs(NATIONAL_ARRANGEMENTS, { stamp: STAMP, localRestDays: LOCAL })).toBe(ics);
    expect(ics).toContain('\r\nDTSTAMP:20260101T000000Z\r\n');
  });

  it('uses CRLF and folds lines at 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines(ics)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines(ics).some((l) => l.startsWith(' '))).toBe(true); // the long sources are folded
    const long = arrangementsToIcs([], { stamp: STAMP, localRestDays: [{ date: '2026-03-03', name: '很长的名字😀'.repeat(30) }] });
    for (const line of lines(long)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(arrangementsFromIcs(long)).toEqual(okWith([], [{ date: '2026-03-03', name: '很长的名字😀'.repeat(30) }]));
  });

  it('has the calendar header and an all-day event per block, make-up day and local rest day, DTEND exclusive', () => {
    const all = unfold(ics);
    expect(all.slice(0, 7)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//gongkai//calendar//ZH',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:中国法定节假日与调休（gongkai）',
      'X-GONGKAI-FORMAT:1',
    ]);
    const uid = all.indexOf('UID:2026-holiday-2026-01-01@gongkai');
    expect(all.slice(uid, uid + 8)).toEqual([
      'UID:2026-holiday-2026-01-01@gongkai',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260101',
      'DTEND;VALUE=DATE:20260104',
      'SUMMARY:元旦 放假',
      'CATEGORIES:HOLIDAY',
      'TRANSP:TRANSPARENT',
      'X-GONGKAI-YEAR:2026',
    ]);
    // 2019's 元旦 block starts in 2018 and is 2019's
    const y2019 = all.indexOf('UID:2019-holiday-2018-12-30@gongkai');
    expect(all.slice(y2019, y2019 + 8)).toContain('X-GONGKAI-YEAR:2019');
    expect(all).toContain('SUMMARY:春节 调休上班');
    expect(all).toContain('SUMMARY:机关闭馆（系统迁移，含逗号\\, 分号\\; 反斜杠\\\\） 本地休息');
    expect(all).toContain('SUMMARY:第一行\\n第二行 本地休息');
    expect(all).toContain('CATEGORIES:LOCAL');
  });

  it('validates by re-parsing', () => {
    const root = new ICAL.Component(ICAL.parse(ics));
    expect(root.name).toBe('vcalendar');
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    const events = root.getAllSubcomponents('vevent');
    const expected = NATIONAL_ARRANGEMENTS.reduce((n, a) => n + a.holidays.length + a.makeUpDays.length, 0) + LOCAL.length;
    expect(events).toHaveLength(expected);
    const uids = new Set(events.map((e) => String(e.getFirstPropertyValue('uid'))));
    expect(uids.size).toBe(expected);
    for (const e of events) {
      const start = e.getFirstProperty('dtstart');
      const end = e.getFirstProperty('dtend');
      expect(start?.type).toBe('date');
      expect(end?.type).toBe('date');
      expect(e.getFirstProperty('dtstamp')?.type).toBe('date-time');
      expect(e.getFirstPropertyValue('summary')).toMatch(/ (放假|调休上班|本地休息)$/);
    }
    const newYear = new ICAL.Event(events[0]!);
    expect(newYear.startDate.toString()).toBe('2018-12-30');
    expect(newYear.endDate.toString()).toBe('2019-01-02');
  });

  it('reads the ICS of other producers: one event a day, DURATION, year of a block into January, notes', () => {
    const feed = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//someone//holidays//CN',
      ...[['20221231', '20230101'], ['20230101', ''], ['20230102', '20230103']].flatMap(([s, e]) => ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${s}`, ...(e ? [`DTEND;VALUE=DATE:${e}`] : []), 'SUMMARY:元旦（休）', 'END:VEVENT']),
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20230121', 'DURATION:P7D', 'SUMMARY:春节放假', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20230128', 'SUMMARY:春节补班', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20230129', 'SUMMARY:春节 (班)', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART:20230210T090000Z', 'SUMMARY:放假通知会', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20230214', 'SUMMARY:情人节', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20231230', 'DTEND;VALUE=DATE:20240102', 'SUMMARY:元旦假期', 'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    const r = arrangementsFromIcs(feed);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.arrangements).toEqual([
      {
        year: 2023,
        sources: [],
        holidays: [
          { start: '2022-12-31', end: '2023-01-02', name: '元旦' },
          { start: '2023-01-21', end: '2023-01-27', name: '春节' },
        ],
        makeUpDays: [
          { date: '2023-01-28', name: '春节' },
          { date: '2023-01-29', name: '春节' },
        ],
      },
      { year: 2024, sources: [], holidays: [{ start: '2023-12-30', end: '2024-01-01', name: '元旦' }], makeUpDays: [] },
    ]);
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toContain('不是全天事件');
    expect(r.notes[1]).toContain('情人节');
  });

  it('gives Chinese errors for garbage and broken events, never throws', () => {
    expect(errorsOf(arrangementsFromIcs('hello'))[0]).toMatch(/^不是有效的 iCalendar 文件/);
    expect(errorsOf(arrangementsFromIcs(''))[0]).toMatch(/^不是有效的 iCalendar 文件/);
    expect(errorsOf(arrangementsFromIcs('BEGIN:VCALENDAR\r\n'))[0]).toMatch(/^不是有效的 iCalendar 文件/);
    expect(errorsOf(arrangementsFromIcs('BEGIN:VEVENT\r\nEND:VEVENT\r\n'))[0]).toMatch(/没有 BEGIN:VCALENDAR/);
    const bad = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250229\r\nSUMMARY:春节 放假\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(errorsOf(arrangementsFromIcs(bad))).toEqual(['第1个事件“春节 放假”（2025-02-29）：DTSTART 不是有效日期']);
    const wednesday = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250108\r\nSUMMARY:元旦 调休上班\r\nX-GONGKAI-YEAR:2025\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(errorsOf(arrangementsFromIcs(wednesday))).toEqual(['2025年1月8日（周三）不是周六或周日，不能是调休上班日。']);
    expect(arrangementsFromIcs('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).toMatchObject({ ok: true, arrangements: [], localRestDays: [] });
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const textArb = fc.oneof(
  fc.constantFrom('元旦', '春节', '国庆节、中秋节', 'a,b;c\\d', '第一行\n第二行', ' 前后空格 ', '放假', '上班族 放假', '本地休息', '调休上班'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !CONTROL.test(s)),
);

const yearArb = (year: number): fc.Arbitrary<YearArrangement> => {
  const jan1 = fromYmd(year, 1, 1)!;
  const dec31 = fromYmd(year, 12, 31)!;
  return fc
    .record({
      sources: fc.array(textArb, { maxLength: 2 }),
      blocks: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 355 }), length: fc.integer({ min: 1, max: 9 }), name: textArb }), { maxLength: 5 }),
      makeUps: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 364 }), name: textArb }), { maxLength: 4 }),
    })
    .map(({ sources, blocks, makeUps }) => {
      const holidays: { start: number; end: number; name: string }[] = [];
      for (const b of [...blocks].sort((x, y) => x.offset - y.offset)) {
        const start = jan1 + b.offset;
        const last = holidays.at(-1);
        if (last && start <= last.end) continue;
        holidays.push({ start, end: Math.min(dec31, start + b.length - 1), name: b.name });
      }
      const taken = new Set<number>();
      const makeUpDays: { date: string; name: string }[] = [];
      for (const m of makeUps) {
        let d = jan1 + m.offset;
        while (!isWeekend(d)) d++;
        if (d > dec31 || taken.has(d) || holidays.some((h) => d >= h.start && d <= h.end)) continue;
        taken.add(d);
        makeUpDays.push({ date: toIsoDate(d), name: m.name });
      }
      // blocks in a shuffled-looking but kept order: the formats keep the order they are given
      return { year, sources, holidays: holidays.reverse().map((h) => ({ start: toIsoDate(h.start), end: toIsoDate(h.end), name: h.name })), makeUpDays };
    });
};

const dataArb = fc
  .integer({ min: 1949, max: 2198 })
  .chain((base) =>
    fc.tuple(
      fc.subarray([base, base + 1, base + 2], { minLength: 1 }).chain((years) => fc.tuple(...years.map(yearArb))),
      fc.array(fc.record({ offset: fc.integer({ min: 0, max: 1000 }), name: textArb }), { maxLength: 3 }),
    ),
  )
  .map(([arrangements, locals]) => {
    const jan1 = fromYmd(arrangements[0]!.year, 1, 1)!;
    return { arrangements, localRestDays: locals.map((l) => ({ date: toIsoDate(jan1 + l.offset), name: l.name })) };
  });

describe('properties', () => {
  it('random valid arrangements round-trip through JSON and iCalendar', () => {
    fc.assert(
      fc.property(dataArb, ({ arrangements, localRestDays }) => {
        const expected = okWith(arrangements, localRestDays);
        expect(arrangementsFromJson(arrangementsToJson(arrangements, localRestDays))).toEqual(expected);
        const ics = arrangementsToIcs(arrangements, { stamp: '2030-06-01T12:00:00Z', localRestDays });
        for (const line of lines(ics)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(arrangementsFromIcs(ics)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('200 random strings never throw', () => {
    const near = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${s}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`),
      fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => `{"format":"gongkai-calendar","version":1,"years":${s}}`),
    );
    fc.assert(
      fc.property(near, (s) => {
        const j = arrangementsFromJson(s);
        const i = arrangementsFromIcs(s);
        for (const r of [j, i]) if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
