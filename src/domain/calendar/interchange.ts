// Exchanging holiday arrangements and local rest days with other programs: a versioned JSON document
// (the lossless form) and iCalendar (RFC 5545), for calendar clients and for reading ICS feeds of the
// Chinese holidays published by others. Pure: no IO, no clock (the iCalendar DTSTAMP is an argument).
//
// JSON, format "gongkai-calendar" version 1 (pretty-printed, keys in this order):
//
//   {
//     "format": "gongkai-calendar",
//     "version": 1,
//     "years": [                                   // YearArrangement, keyed by date
//       {
//         "year": 2026,                            // integer 1949–2200, once per file
//         "sources": ["国务院办公厅关于2026年部分节假日安排的通知", "https://…"],
//         "holidays": [{ "start": "2026-01-01", "end": "2026-01-03", "name": "元旦" }],  // inclusive
//         "makeUpDays": [{ "date": "2026-01-04", "name": "元旦" }]                       // Sat/Sun worked
//       }
//     ],
//     "localRestDays": [{ "date": "2026-05-06", "name": "本地休息日" }]
//   }
//
// Reading also accepts a bare YearArrangement or an array of them ("sources" may be left out there).
// Dates are real YYYY-MM-DD dates; names are non-blank, without control characters other than newline
// and tab; a block's start is not after its end; then WorkingCalendar.build checks the rest (make-up
// days on weekends, blocks at most 31 days apart, a year given once …) and its message is reported.
//
// iCalendar: one all-day VEVENT per rest block ("元旦 放假", CATEGORIES HOLIDAY, DTEND exclusive), per
// make-up working day ("春节 调休上班", CATEGORIES WORKDAY) and per local rest day ("… 本地休息",
// CATEGORIES LOCAL), each with X-GONGKAI-YEAR (the arrangement's year: a block may start in December);
// the sources of each year are X-GONGKAI-SOURCE;X-GONGKAI-YEAR=… properties of the VCALENDAR (an empty
// one marks a year without sources), so that reading back what was written is exact. Events of other
// producers are read by their SUMMARY (放假/休/假 → rest, 班 → make-up working day); others become notes.

import ICAL from 'ical.js';
import { z } from 'zod';
import { WorkingCalendar } from './calendar.ts';
import { parseIsoDate, toIsoDate, yearOf } from './dates.ts';
import type { HolidayBlock, LocalRestDay, MakeUpDay, YearArrangement } from './types.ts';

export const CALENDAR_FORMAT = 'gongkai-calendar';
export const CALENDAR_FORMAT_VERSION = 1;

export type InterchangeResult =
  | { ok: true; arrangements: YearArrangement[]; localRestDays: LocalRestDay[]; notes: string[] }
  | { ok: false; errors: string[] };

export interface IcsOptions {
  /** DTSTAMP of every event, an ISO date-time (2026-01-01T00:00:00Z): the output depends on nothing else */
  stamp: string;
  localRestDays?: readonly LocalRestDay[];
}

export const ICS_PRODID = '-//gongkai//calendar//ZH';
export const ICS_CALNAME = '中国法定节假日与调休（gongkai）';

/** SUMMARY = name + suffix */
const SUFFIX_REST = ' 放假';
const SUFFIX_MAKEUP = ' 调休上班';
const SUFFIX_LOCAL = ' 本地休息';

// ---------------------------------------------------------------------------------------------------
// Validation (shared by both formats)

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** control characters other than tab and newline (a carriage return would break an iCalendar line) */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const MIN_YEAR = 1949;
const MAX_YEAR = 2200;

const isIsoDate = (s: string): boolean => ISO_SHAPE.test(s) && parseIsoDate(s) !== null;

const dateSchema = z.string().refine(isIsoDate, '不是有效日期（YYYY-MM-DD）');
const nameSchema = z
  .string()
  .refine((s) => s.trim() !== '', '名称不能为空')
  .refine((s) => !CONTROL.test(s), '名称不能包含控制字符');
const sourceSchema = z
  .string()
  .refine((s) => s.trim() !== '', '来源不能为空')
  .refine((s) => !CONTROL.test(s), '来源不能包含控制字符');
const yearSchema = z.number().refine((y) => Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR, `年份应为${MIN_YEAR}至${MAX_YEAR}之间的整数`);

const blockSchema = z
  .object({ start: dateSchema, end: dateSchema, name: nameSchema })
  .superRefine((b, ctx) => {
    const s = parseIsoDate(b.start);
    const e = parseIsoDate(b.end);
    if (s !== null && e !== null && e < s) ctx.addIssue({ code: 'custom', path: ['end'], message: `结束日期（${b.end}）早于开始日期（${b.start}）` });
  });
const datedSchema = z.object({ date: dateSchema, name: nameSchema });
const arrangementSchema = z.object({
  year: yearSchema,
  sources: z.array(sourceSchema).default([]),
  holidays: z.array(blockSchema),
  makeUpDays: z.array(datedSchema),
});
const arrangementsSchema = z.array(arrangementSchema);
const documentSchema = z.object({
  format: z.literal(CALENDAR_FORMAT),
  version: z.literal(CALENDAR_FORMAT_VERSION),
  years: arrangementsSchema,
  localRestDays: z.array(datedSchema).default([]),
});

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: 'null',
  undefined: '空',
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

const zhCN = z.locales.zhCN();
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return issue.input === undefined ? `缺少此项（应为${expected}）` : `应为${expected}，实际为${typeName(issue.input)}`;
  }
  return zhCN.localeError(issue);
};

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '（整个文件）' : out;
}

function zodErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => `${formatPath(i.path)}：${i.message}`);
}

/** The semantic checks of the working calendar, on data whose shape is right. */
function semanticErrors(arrangements: YearArrangement[], localRestDays: LocalRestDay[]): string[] {
  if (arrangements.length === 0) return [];
  const built = WorkingCalendar.build(arrangements, localRestDays);
  return built.ok ? [] : [built.error.message];
}

/** Plain copies with the keys in the documented order (drops anything else). */
function copyArrangement(a: YearArrangement): YearArrangement {
  return {
    year: a.year,
    sources: [...a.sources],
    holidays: a.holidays.map((h) => ({ start: h.start, end: h.end, name: h.name })),
    makeUpDays: a.makeUpDays.map((m) => ({ date: m.date, name: m.name })),
  };
}
const copyDated = (l: LocalRestDay): LocalRestDay => ({ date: l.date, name: l.name });

function validated(arrangements: YearArrangement[], localRestDays: LocalRestDay[], notes: string[]): InterchangeResult {
  const shape = z.object({ years: arrangementsSchema, localRestDays: z.array(datedSchema) }).safeParse({ years: arrangements, localRestDays }, { error: errorMap });
  if (!shape.success) return { ok: false, errors: zodErrors(shape.error) };
  const years = shape.data.years.map(copyArrangement);
  const locals = shape.data.localRestDays.map(copyDated);
  const errors = semanticErrors(years, locals);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, arrangements: years, localRestDays: locals, notes };
}

// ---------------------------------------------------------------------------------------------------
// JSON

/** The versioned JSON document (format "gongkai-calendar", version 1), pretty-printed, ending with a newline. */
export function arrangementsToJson(arrangements: readonly YearArrangement[], localRestDays: readonly LocalRestDay[] = []): string {
  const doc = {
    format: CALENDAR_FORMAT,
    version: CALENDAR_FORMAT_VERSION,
    years: arrangements.map(copyArrangement),
    localRestDays: localRestDays.map(copyDated),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Reads the JSON document, a bare YearArrangement or an array of them; checks shape and meaning.
 * Never throws: errors are in Chinese and name the path (years[0].holidays[2].end：…).
 */
export function arrangementsFromJson(text: string): InterchangeResult {
  let data: unknown;
  try {
    data = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [`不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`] };
  }
  let arrangements: YearArrangement[];
  let localRestDays: LocalRestDay[] = [];
  if (Array.isArray(data)) {
    const parsed = arrangementsSchema.safeParse(data, { error: errorMap });
    if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
    arrangements = parsed.data;
  } else if (typeof data === 'object' && data !== null && 'format' in data) {
    const head = data as { format?: unknown; version?: unknown };
    if (head.format !== CALENDAR_FORMAT) return { ok: false, errors: [`format：应为“${CALENDAR_FORMAT}”，实际为“${String(head.format)}”`] };
    if (head.version !== CALENDAR_FORMAT_VERSION) {
      return { ok: false, errors: [`version：不支持的版本“${String(head.version)}”，本程序只能读取第${CALENDAR_FORMAT_VERSION}版`] };
    }
    const parsed = documentSchema.safeParse(data, { error: errorMap });
    if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
    arrangements = parsed.data.years;
    localRestDays = parsed.data.localRestDays;
  } else if (typeof data === 'object' && data !== null && 'year' in data) {
    const parsed = arrangementSchema.safeParse(data, { error: errorMap });
    if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
    arrangements = [parsed.data];
  } else {
    return { ok: false, errors: [`无法识别的 JSON：应为 {"format": "${CALENDAR_FORMAT}", …} 文档、单个年度安排或年度安排的数组`] };
  }
  return validated(arrangements, localRestDays, []);
}

// ---------------------------------------------------------------------------------------------------
// iCalendar: writing

type JProp = [string, Record<string, string>, string, ...unknown[]];
type JComp = [string, JProp[], JComp[]];

const CRLF = '\r\n';
const FOLD_OCTETS = 75;

/** RFC 5545 §3.1: lines of at most 75 octets (UTF-8), continuation lines starting with a space. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0) ?? 0;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (octets + size > FOLD_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A component as lines: ical.js escapes each property, the folding is ours (ical.js lets continuation lines reach 76 octets). */
function emit(component: JComp, lines: string[]): void {
  const name = component[0].toUpperCase();
  lines.push(`BEGIN:${name}`);
  for (const p of component[1]) lines.push(foldLine(ICAL.stringify.property(p, ICAL.design.icalendar, true)));
  for (const c of component[2]) emit(c, lines);
  lines.push(`END:${name}`);
}

/** Text as iCalendar can carry it: line breaks as \n, no other control characters but tab. */
const icsText = (s: string): string => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

function dayNumber(date: string, what: string): number {
  const d = ISO_SHAPE.test(date) ? parseIsoDate(date) : null;
  if (d === null) throw new RangeError(`${what}“${date}”不是有效日期（YYYY-MM-DD）`);
  return d;
}

function stampOf(stamp: string): string {
  const t = Date.parse(stamp);
  if (Number.isNaN(t)) throw new RangeError(`DTSTAMP“${stamp}”不是有效的 ISO 日期时间`);
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/**
 * The arrangements and local rest days as an iCalendar (RFC 5545) VCALENDAR: CRLF line endings, lines
 * folded at 75 octets. Throws a RangeError on an invalid date or stamp (validate the data first).
 */
export function arrangementsToIcs(arrangements: readonly YearArrangement[], options: IcsOptions): string {
  const stamp = stampOf(options.stamp);
  const uids = new Set<string>();
  const uid = (base: string): string => {
    let candidate = `${base}@gongkai`;
    for (let i = 2; uids.has(candidate); i++) candidate = `${base}-${i}@gongkai`;
    uids.add(candidate);
    return candidate;
  };
  const event = (id: string, start: number, endExclusive: number, summary: string, category: string, year: number): JComp => [
    'vevent',
    [
      ['uid', {}, 'text', uid(id)],
      ['dtstamp', {}, 'date-time', stamp],
      ['dtstart', {}, 'date', toIsoDate(start)],
      ['dtend', {}, 'date', toIsoDate(endExclusive)],
      ['summary', {}, 'text', icsText(summary)],
      ['categories', {}, 'text', category],
      ['transp', {}, 'text', 'TRANSPARENT'],
      ['x-gongkai-year', {}, 'unknown', String(year)],
    ],
    [],
  ];

  const properties: JProp[] = [
    ['version', {}, 'text', '2.0'],
    ['prodid', {}, 'text', ICS_PRODID],
    ['calscale', {}, 'text', 'GREGORIAN'],
    ['method', {}, 'text', 'PUBLISH'],
    ['x-wr-calname', {}, 'unknown', ICS_CALNAME],
    ['x-gongkai-format', {}, 'unknown', String(CALENDAR_FORMAT_VERSION)],
  ];
  const events: JComp[] = [];
  for (const a of arrangements) {
    const sources = a.sources.length > 0 ? a.sources : [''];
    for (const s of sources) properties.push(['x-gongkai-source', { 'x-gongkai-year': String(a.year) }, 'text', icsText(s)]);
    for (const h of a.holidays) {
      const start = dayNumber(h.start, `${a.year}年“${h.name}”的开始日期`);
      const end = dayNumber(h.end, `${a.year}年“${h.name}”的结束日期`);
      events.push(event(`${a.year}-holiday-${h.start}`, start, end + 1, `${h.name}${SUFFIX_REST}`, 'HOLIDAY', a.year));
    }
    for (const m of a.makeUpDays) {
      const d = dayNumber(m.date, `${a.year}年“${m.name}”的调休上班日`);
      events.push(event(`${a.year}-workday-${m.date}`, d, d + 1, `${m.name}${SUFFIX_MAKEUP}`, 'WORKDAY', a.year));
    }
  }
  for (const l of options.localRestDays ?? []) {
    const d = dayNumber(l.date, `本地休息日“${l.name}”`);
    events.push(event(`local-${l.date}`, d, d + 1, `${l.name}${SUFFIX_LOCAL}`, 'LOCAL', yearOf(d)));
  }
  const lines: string[] = [];
  emit(['vcalendar', properties, events], lines);
  return lines.join(CRLF) + CRLF;
}

// ---------------------------------------------------------------------------------------------------
// iCalendar: reading

type Kind = 'rest' | 'makeup' | 'local';

interface ReadEvent {
  kind: Kind;
  name: string;
  start: number;
  /** inclusive */
  end: number;
  /** X-GONGKAI-YEAR, when written by gongkai */
  year: number | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asComp(v: unknown): JComp | null {
  if (!Array.isArray(v) || typeof v[0] !== 'string' || !Array.isArray(v[1]) || !Array.isArray(v[2])) return null;
  return v as JComp;
}

function propsOf(c: JComp, name: string): JProp[] {
  return c[1].filter((p): p is JProp => Array.isArray(p) && p[0] === name && isObject(p[1]));
}

function firstValue(c: JComp, name: string): { type: string; value: string; params: Record<string, string> } | null {
  const p = propsOf(c, name)[0];
  if (!p) return null;
  const v = p[3];
  return { type: String(p[2]), value: typeof v === 'string' ? v : v === undefined ? '' : String(v), params: p[1] };
}

/** A DATE value of ical.js's jCal (2026-01-01), or null. */
function jDate(value: string): number | null {
  return isIsoDate(value) ? parseIsoDate(value) : null;
}

/** Days of a DURATION given in days or weeks (P3D, P1W), or null. */
function durationDays(value: string): number | null {
  const m = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:0H)?(?:0M)?(?:0S)?)?$/.exec(value.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
}

/** Kind and name from SUMMARY and CATEGORIES: gongkai's own suffixes first, then the usual Chinese words. */
function classify(summary: string, categories: string[]): { kind: Kind; name: string } | null {
  if (summary.endsWith(SUFFIX_REST)) return { kind: 'rest', name: summary.slice(0, -SUFFIX_REST.length) };
  if (summary.endsWith(SUFFIX_MAKEUP)) return { kind: 'makeup', name: summary.slice(0, -SUFFIX_MAKEUP.length) };
  if (summary.endsWith(SUFFIX_LOCAL)) return { kind: 'local', name: summary.slice(0, -SUFFIX_LOCAL.length) };
  const clean = (s: string): string => {
    let out = s.trim().replace(/[（(【[]\s*(?:法定节假日|节假日|假日|放假|休息|休假|休|假|补班|上班|调休上班|调休|班)\s*[）)】\]]/g, '').trim();
    for (let prev = ''; prev !== out; ) {
      prev = out;
      out = out.replace(/[\s·:：,，-]*(?:调休上班|补班|上班|调休|放假|假期|休假|休息|休|班|假)$/, '').trim();
    }
    return out === '' ? s.trim() : out;
  };
  if (/本地休息/.test(summary)) return { kind: 'local', name: clean(summary.replace(/本地休息(?:日)?/, '')) };
  if (/班/.test(summary)) return { kind: 'makeup', name: clean(summary) };
  if (/放假|休|假/.test(summary)) return { kind: 'rest', name: clean(summary) };
  const cats = categories.map((c) => c.trim().toUpperCase());
  if (summary.trim() !== '') {
    if (cats.includes('WORKDAY')) return { kind: 'makeup', name: summary.trim() };
    if (cats.includes('LOCAL')) return { kind: 'local', name: summary.trim() };
    if (cats.includes('HOLIDAY')) return { kind: 'rest', name: summary.trim() };
  }
  return null;
}

/**
 * Reads an iCalendar file: exactly what arrangementsToIcs writes, and reasonably the ICS of others
 * (all-day events; 放假/休/假 → rest block, one-day events of a holiday joined; 班 → make-up working day;
 * the year from X-GONGKAI-YEAR, else from the date: a block from late December into January belongs to
 * the next year). Events it cannot place are notes, not errors. Never throws.
 */
export function arrangementsFromIcs(text: string): InterchangeResult {
  try {
    return readIcs(String(text));
  } catch (e) {
    return { ok: false, errors: [`无法读取 iCalendar 文件：${e instanceof Error ? e.message : String(e)}`] };
  }
}

function readIcs(text: string): InterchangeResult {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [`不是有效的 iCalendar 文件：${e instanceof Error ? e.message : String(e)}`] };
  }
  const roots: unknown[] = Array.isArray(parsed) && (parsed.length === 0 || Array.isArray(parsed[0])) ? parsed : [parsed];
  const calendars = roots.map(asComp).filter((c): c is JComp => c !== null && c[0].toLowerCase() === 'vcalendar');
  if (calendars.length === 0) return { ok: false, errors: ['不是有效的 iCalendar 文件：没有 BEGIN:VCALENDAR … END:VCALENDAR'] };

  const errors: string[] = [];
  const notes: string[] = [];
  const years = new Map<number, YearArrangement>();
  const yearEntry = (year: number): YearArrangement => {
    let a = years.get(year);
    if (!a) {
      a = { year, sources: [], holidays: [], makeUpDays: [] };
      years.set(year, a);
    }
    return a;
  };
  const localRestDays: LocalRestDay[] = [];
  const foreign: ReadEvent[] = [];

  for (const cal of calendars) {
    for (const p of propsOf(cal, 'x-gongkai-source')) {
      const y = p[1]['x-gongkai-year'];
      if (y === undefined || !/^\d{4}$/.test(y)) {
        errors.push(`X-GONGKAI-SOURCE 的 X-GONGKAI-YEAR 参数“${y ?? ''}”不是年份`);
        continue;
      }
      const value = typeof p[3] === 'string' ? p[3] : '';
      const a = yearEntry(Number(y));
      if (value !== '') a.sources.push(value);
    }
    let index = 0;
    for (const raw of cal[2]) {
      const ev = asComp(raw);
      if (!ev || ev[0].toLowerCase() !== 'vevent') continue;
      index++;
      const summary = firstValue(ev, 'summary')?.value ?? '';
      const start = firstValue(ev, 'dtstart');
      const label = `第${index}个事件“${summary}”${start ? `（${start.value}）` : ''}`;
      if (firstValue(ev, 'status')?.value.toUpperCase() === 'CANCELLED') {
        notes.push(`${label}已取消，未读入。`);
        continue;
      }
      if (!start) {
        errors.push(`${label}：缺少 DTSTART`);
        continue;
      }
      if (start.type !== 'date') {
        notes.push(`${label}不是全天事件，未读入。`);
        continue;
      }
      const s = jDate(start.value);
      if (s === null) {
        errors.push(`${label}：DTSTART 不是有效日期`);
        continue;
      }
      let e = s;
      const dtend = firstValue(ev, 'dtend');
      const duration = firstValue(ev, 'duration');
      if (dtend && dtend.type === 'date') {
        const d = jDate(dtend.value);
        if (d === null) {
          errors.push(`${label}：DTEND 不是有效日期`);
          continue;
        }
        e = Math.max(s, d - 1); // DTEND of an all-day event is exclusive; DTEND = DTSTART taken as one day
      } else if (duration) {
        const days = durationDays(duration.value);
        if (days !== null) e = Math.max(s, s + days - 1);
      }
      if (propsOf(ev, 'rrule').length > 0) notes.push(`${label}有重复规则（RRULE），只读入了第一次。`);
      const categories = propsOf(ev, 'categories').flatMap((p) => p.slice(3).map(String));
      const kind = classify(summary, categories);
      if (!kind) {
        notes.push(`${label}既不是放假也不是调休上班，未读入。`);
        continue;
      }
      const yearText = firstValue(ev, 'x-gongkai-year')?.value.trim();
      let year: number | null = null;
      if (yearText !== undefined) {
        if (!/^\d{4}$/.test(yearText)) {
          errors.push(`${label}：X-GONGKAI-YEAR“${yearText}”不是年份`);
          continue;
        }
        year = Number(yearText);
      }
      const read: ReadEvent = { ...kind, start: s, end: e, year };
      if (read.kind === 'local') {
        for (let d = s; d <= e; d++) localRestDays.push({ date: toIsoDate(d), name: read.name });
      } else if (read.year !== null) {
        const a = yearEntry(read.year);
        if (read.kind === 'rest') a.holidays.push({ start: toIsoDate(s), end: toIsoDate(e), name: read.name });
        else for (let d = s; d <= e; d++) a.makeUpDays.push({ date: toIsoDate(d), name: read.name });
      } else {
        foreign.push(read);
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  placeForeign(foreign, yearEntry, years);
  if (years.size === 0 && localRestDays.length === 0) notes.push('日历中没有可识别的放假、调休上班或本地休息日事件。');
  return validated([...years.values()], localRestDays, notes);
}

/**
 * Events of other producers: rest days of one holiday joined into blocks (feeds often have one event a
 * day), make-up days one per date; the year from the date (a block running from December into January,
 * and a December make-up day of a holiday of the next January, belong to the next year).
 */
function placeForeign(events: ReadEvent[], yearEntry: (year: number) => YearArrangement, years: Map<number, YearArrangement>): void {
  const rests = events.filter((e) => e.kind === 'rest').sort((a, b) => a.start - b.start || a.end - b.end);
  const blocks: { name: string; start: number; end: number }[] = [];
  for (const r of rests) {
    const joined = blocks.find((b) => b.name === r.name && r.start <= b.end + 1 && r.end >= b.start - 1);
    if (joined) {
      joined.start = Math.min(joined.start, r.start);
      joined.end = Math.max(joined.end, r.end);
    } else blocks.push({ name: r.name, start: r.start, end: r.end });
  }
  const placed: { year: number; block: HolidayBlock; start: number }[] = blocks.map((b) => {
    const sy = yearOf(b.start);
    const ey = yearOf(b.end);
    return { year: ey > sy ? ey : sy, block: { start: toIsoDate(b.start), end: toIsoDate(b.end), name: b.name }, start: b.start };
  });
  const makeUps: { year: number; day: MakeUpDay }[] = [];
  const seen = new Set<number>();
  for (const m of events.filter((e) => e.kind === 'makeup').sort((a, b) => a.start - b.start)) {
    for (let d = m.start; d <= m.end; d++) {
      if (seen.has(d)) continue;
      seen.add(d);
      let year = yearOf(d);
      const next = placed.find((p) => p.block.name === m.name && p.year === year + 1 && p.start > d && p.start - d <= 31);
      if (next) year = next.year;
      makeUps.push({ year, day: { date: toIsoDate(d), name: m.name } });
    }
  }
  const known = new Set(years.keys());
  const newYears = [...new Set([...placed.map((p) => p.year), ...makeUps.map((m) => m.year)])].filter((y) => !known.has(y)).sort((a, b) => a - b);
  for (const y of newYears) yearEntry(y);
  for (const p of placed) yearEntry(p.year).holidays.push(p.block);
  for (const m of makeUps) yearEntry(m.year).makeUpDays.push(m.day);
}
