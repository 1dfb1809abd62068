// Reading a State Council holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知) into a
// YearArrangement: its numbered items "一、元旦：……。" give, for each holiday, the rest block(s)
// (放假 / 放假调休 / 放假公休 / 补休) and the weekend days made working days (上班). Every date is
// cross-checked against what the text itself says (the weekday in brackets, "共N天"), and a make-up day
// must be a Saturday or Sunday outside every rest block: when anything does not fit, the parse fails
// with Chinese messages and nothing is guessed. Sentences that carry no schedule (the 2024 除夕
// encouragement "鼓励……休息", principles, closing words) are ignored, each with a note.
// Pure: no IO, no clock.

import { WorkingCalendar } from './calendar.ts';
import { chineseDate, fromYmd, isWeekend, parseIsoDate, toIsoDate, weekday, weekdayName, ymd } from './dates.ts';
import type { HolidayBlock, MakeUpDay, YearArrangement } from './types.ts';

export type NoticeParseResult = { ok: true; arrangement: YearArrangement; notes: string[] } | { ok: false; errors: string[] };

export interface NoticeParseOptions {
  /** the year of the arrangement, when the title is missing (or to override it) */
  year?: number;
}

const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
const NAME = HOLIDAY_NAMES.join('|');
/** "一、元旦：" "六、国庆节、中秋节：" "六、中秋节、国庆节：" */
const ITEM_HEADER = new RegExp(`([一二三四五六七八九十]{1,3})[、．.]((?:${NAME})(?:[、和](?:${NAME}))*)：`, 'g');
const TITLE = /(?:国务院办公厅)?关于(\d{4})年部分节假日安排的通知/;
const DOC_NUMBER = /国办发明电[〔［\[【（](\d{4})[〕］\]】）](\d{1,3})号/;
/** The end of the last item: the closing paragraph, the signature. */
const ITEM_END_MARKERS = ['节假日期间', '国务院办公厅', '特此通知'];

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const WEEKDAY_CHARS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** Full-width digits and punctuation to one form; every space and line break removed. */
function normalize(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/[\s\u200b\u200c\u200d\ufeff]+/g, '');
}

/** 3, 十, 十二, 二十 → number; null when not a number. */
function parseCount(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return null;
  const [, tens = '', ten = '', ones = ''] = m;
  if (ten === '') return tens !== '' && ones === '' ? (CN_DIGITS[tens] ?? null) : null;
  return (tens === '' ? 1 : (CN_DIGITS[tens] ?? 0)) * 10 + (ones === '' ? 0 : (CN_DIGITS[ones] ?? 0));
}

// ---------------------------------------------------------------------------------------------
// Tokens of an item's text

interface RawDate {
  year?: number;
  month?: number;
  day: number;
  /** the bracket after the date: （周四） （农历腊月二十八、周日） */
  bracket?: string;
  text: string;
}

type Token =
  | { kind: 'date'; raw: RawDate }
  | { kind: 'count'; n: number; text: string }
  | { kind: 'rest'; text: string }
  | { kind: 'inLieu' }
  | { kind: 'noSwap' }
  | { kind: 'work' }
  | { kind: 'withWeekend' }
  | { kind: 'range' }
  | { kind: 'encourage' };

const TOKEN =
  /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:（([^（）]{0,40})）)?|共?(\d{1,3}|[一二两三四五六七八九十]{1,3})天|放假调休|放假公休|放假|补休|不调休|上班|与周末连休|至|[~～—–－-]|鼓励/g;

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(sentence); m !== null; m = TOKEN.exec(sentence)) {
    const t = m[0];
    if (m[3] !== undefined) {
      const raw: RawDate = { day: Number(m[3]), text: t };
      if (m[1] !== undefined) raw.year = Number(m[1]);
      if (m[2] !== undefined) raw.month = Number(m[2]);
      if (m[4] !== undefined) raw.bracket = m[4];
      tokens.push({ kind: 'date', raw });
    } else if (m[5] !== undefined) {
      const n = parseCount(m[5]);
      if (n !== null) tokens.push({ kind: 'count', n, text: t });
    } else if (t.startsWith('放假')) tokens.push({ kind: 'rest', text: t });
    else if (t === '补休') tokens.push({ kind: 'inLieu' });
    else if (t === '不调休') tokens.push({ kind: 'noSwap' });
    else if (t === '上班') tokens.push({ kind: 'work' });
    else if (t === '与周末连休') tokens.push({ kind: 'withWeekend' });
    else if (t === '鼓励') tokens.push({ kind: 'encourage' });
    else tokens.push({ kind: 'range' });
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Items

interface Item {
  /** 二、春节 — for messages */
  label: string;
  name: string;
  body: string;
}

function findItems(text: string): Item[] {
  const headers: { index: number; end: number; label: string; name: string }[] = [];
  ITEM_HEADER.lastIndex = 0;
  for (let m = ITEM_HEADER.exec(text); m !== null; m = ITEM_HEADER.exec(text)) {
    const name = (m[2] ?? '').replace(/和/g, '、');
    headers.push({ index: m.index, end: m.index + m[0].length, label: `${m[1] ?? ''}、${name}`, name });
  }
  return headers.map((h, i) => {
    let body = text.slice(h.end, headers[i + 1]?.index ?? text.length);
    for (const marker of ITEM_END_MARKERS) {
      const at = body.indexOf(marker);
      if (at >= 0) body = body.slice(0, at);
    }
    return { label: h.label, name: h.name, body };
  });
}

/** A date as read, its year resolved. */
interface ReadDate {
  year: number;
  month: number;
  day: number;
  /** the year was not written: December of the previous year is possible */
  yearImplicit: boolean;
  bracket?: string;
  text: string;
}

interface Span {
  start: ReadDate;
  end: ReadDate;
}

interface Block {
  start: number;
  end: number;
  name: string;
}

const short = (s: string): string => (s.length > 60 ? `${s.slice(0, 60)}……` : s);

class NoticeReader {
  readonly errors: string[] = [];
  readonly notes: string[] = [];
  readonly blocks: Block[] = [];
  readonly makeUps: { day: number; name: string; label: string }[] = [];

  constructor(private readonly year: number) {}

  readItem(item: Item): void {
    const itemBlocks: Block[] = [];
    const errorsBefore = this.errors.length;
    const isNewYear = item.name.startsWith('元旦');
    let prev: { year: number; month: number } | undefined;

    /** The year and month of a date as written; the month and year of the previous date when left out. */
    const resolve = (raw: RawDate): ReadDate | null => {
      const month = raw.month ?? prev?.month;
      if (month === undefined) {
        this.errors.push(`${item.label}：“${raw.text}”没有写月份，无法确定日期。`);
        return null;
      }
      let year: number;
      let yearImplicit = false;
      if (raw.year !== undefined) year = raw.year;
      else if (raw.month === undefined && prev !== undefined) year = prev.year;
      else {
        // 元旦 of year Y may start (or be paid for) in December of Y-1: "12月30日至1月1日", "12月29日（星期六）上班"
        year = month === 12 && isNewYear ? this.year - 1 : this.year;
        yearImplicit = true;
      }
      prev = { year, month };
      const read: ReadDate = { year, month, day: raw.day, yearImplicit, text: raw.text };
      if (raw.bracket !== undefined) read.bracket = raw.bracket;
      return read;
    };

    /** The day number of a date read, after its checks (exists, year of the notice, weekday as written). */
    const check = (d: ReadDate): number | null => {
      const n = fromYmd(d.year, d.month, d.day);
      if (n === null) {
        this.errors.push(`${item.label}：${d.year}年${d.month}月${d.day}日不存在（原文“${d.text}”）。`);
        return null;
      }
      if (d.year !== this.year && !(d.year === this.year - 1 && d.month === 12)) {
        this.errors.push(`${item.label}：${chineseDate(n, false)}不在${this.year}年（原文“${d.text}”），与通知年份不符。`);
        return null;
      }
      const w = d.bracket === undefined ? null : /(?:周|星期|礼拜)([一二三四五六日天])/.exec(d.bracket);
      if (w) {
        const written = WEEKDAY_CHARS[w[1] ?? ''];
        if (written !== weekday(n)) {
          this.errors.push(`${item.label}：原文写${d.month}月${d.day}日是“${w[0]}”，但${chineseDate(n, false)}是${weekdayName(n)}。`);
          return null;
        }
      }
      return n;
    };

    /** Day ranges of the spans, checked; null when any date is wrong (errors recorded). */
    const daysOf = (spans: Span[]): { start: number; end: number }[] | null => {
      const out: { start: number; end: number }[] = [];
      let bad = false;
      for (const s of spans) {
        const a = check(s.start);
        const b = s.end === s.start ? a : check(s.end);
        if (a === null || b === null) {
          bad = true;
          continue;
        }
        if (b < a) {
          this.errors.push(`${item.label}：${chineseDate(a)}至${chineseDate(b)}，结束日期早于开始日期。`);
          bad = true;
          continue;
        }
        out.push({ start: a, end: b });
      }
      return bad ? null : out.sort((x, y) => x.start - y.start);
    };

    const sentences = item.body.split('。');
    for (const sentence of sentences) {
      if (sentence === '') continue;
      const tokens = tokenize(sentence);
      if (tokens.some((t) => t.kind === 'encourage')) {
        const hasDate = tokens.some((t) => t.kind === 'date');
        this.notes.push(
          hasDate
            ? `${item.label}：“${short(sentence)}”是鼓励性安排，不是放假安排，其中的日期不计为放假日。`
            : `已忽略鼓励性的话：“${short(sentence)}”（不产生放假日）。`,
        );
        continue;
      }
      const pending: Span[] = [];
      let rangeOpen = false;
      let lastRest: Block[] = [];
      for (const t of tokens) {
        switch (t.kind) {
          case 'date': {
            const d = resolve(t.raw);
            if (d === null) break;
            const last = pending[pending.length - 1];
            if (rangeOpen && last !== undefined && last.end === last.start) {
              // "12月30日至1月1日": the start is in the previous year
              if (last.start.yearImplicit && last.start.year === d.year && last.start.month > d.month) last.start.year -= 1;
              last.end = d;
            } else pending.push({ start: d, end: d });
            rangeOpen = false;
            break;
          }
          case 'range':
            rangeOpen = pending.length > 0;
            break;
          case 'rest': {
            if (pending.length === 0) break;
            lastRest = [];
            const days = daysOf(pending.splice(0));
            if (days === null) break;
            for (const r of days) {
              const joined = lastRest[lastRest.length - 1];
              if (joined !== undefined && r.start <= joined.end + 1) joined.end = Math.max(joined.end, r.end);
              else {
                const b = { start: r.start, end: r.end, name: item.name };
                lastRest.push(b);
                itemBlocks.push(b);
              }
            }
            break;
          }
          case 'inLieu': {
            // "1月1日放假，1月2日（星期一）补休": the day in lieu joins the block it follows (across a weekend)
            if (pending.length === 0) break;
            lastRest = [];
            const days = daysOf(pending.splice(0));
            if (days === null) break;
            for (const r of days) {
              const near = itemBlocks.find((b) => joinsAcrossWeekend(b, r));
              if (near) {
                near.start = Math.min(near.start, r.start);
                near.end = Math.max(near.end, r.end);
                if (!lastRest.includes(near)) lastRest.push(near);
              } else {
                const b = { start: r.start, end: r.end, name: item.name };
                itemBlocks.push(b);
                lastRest.push(b);
              }
            }
            break;
          }
          case 'count': {
            if (lastRest.length === 0) {
              this.notes.push(`${item.label}：“${t.text}”前面没有放假日期，已忽略。`);
              break;
            }
            const total = lastRest.reduce((s, b) => s + b.end - b.start + 1, 0);
            if (total !== t.n) {
              const first = lastRest[0] as Block;
              const last = lastRest[lastRest.length - 1] as Block;
              this.errors.push(
                `${item.label}：原文写“${t.text}”，但${chineseDate(first.start)}至${chineseDate(last.end)}是${total}天。`,
              );
            }
            break;
          }
          case 'work': {
            const spans = pending.splice(0);
            for (const s of spans) {
              if (s.end !== s.start) {
                this.errors.push(`${item.label}：上班日期应逐日写明，“${s.start.text}至${s.end.text}上班”无法读取。`);
                continue;
              }
              const n = check(s.start);
              if (n !== null) this.makeUps.push({ day: n, name: item.name, label: item.label });
            }
            break;
          }
          case 'withWeekend': {
            const shown = lastRest.map((b) => (b.start === b.end ? chineseDate(b.start) : `${chineseDate(b.start)}至${chineseDate(b.end)}`));
            if (shown.length > 0) this.notes.push(`${item.label}：“与周末连休”——周末本来就休息，放假日期只记原文写明的${shown.join('、')}。`);
            break;
          }
          case 'noSwap':
          case 'encourage':
            break;
        }
      }
      if (pending.length > 0) {
        this.notes.push(`${item.label}：未识别的句子“${short(sentence)}”，其中的日期没有录入。`);
      }
    }
    if (itemBlocks.length === 0 && this.errors.length === errorsBefore) this.errors.push(`${item.label}：没有读到放假日期。`);
    this.blocks.push(...itemBlocks);
  }
}

/** Whether the days r join block b directly or across weekend days only. */
function joinsAcrossWeekend(b: { start: number; end: number }, r: { start: number; end: number }): boolean {
  if (r.start <= b.end + 1 && r.end >= b.start - 1) return true;
  const [from, to] = r.start > b.end ? [b.end + 1, r.start - 1] : [r.end + 1, b.start - 1];
  if (to - from > 6) return false;
  for (let d = from; d <= to; d++) if (!isWeekend(d)) return false;
  return true;
}

/**
 * Read the text of a 国务院办公厅关于XXXX年部分节假日安排的通知 into the year's arrangement. The year
 * comes from the title (or options.year, which wins); sources are the title and the document number.
 * Never throws: a text that does not read cleanly gives `ok: false` with the reasons in Chinese.
 */
export function parseHolidayNotice(text: string, options: NoticeParseOptions = {}): NoticeParseResult {
  const errors: string[] = [];
  const notes: string[] = [];
  const normalized = normalize(typeof text === 'string' ? text : '');

  const title = TITLE.exec(normalized);
  const titleYear = title ? Number(title[1]) : undefined;
  let year: number | undefined = titleYear;
  if (options.year !== undefined) {
    if (!Number.isInteger(options.year) || options.year < 1949 || options.year > 9998) {
      errors.push(`指定的年份“${options.year}”无效。`);
    } else {
      if (titleYear !== undefined && titleYear !== options.year) notes.push(`标题是${titleYear}年的通知，按指定的${options.year}年读取。`);
      year = options.year;
    }
  }
  if (year === undefined && errors.length === 0) {
    errors.push('无法确定年份：没有找到标题“国务院办公厅关于XXXX年部分节假日安排的通知”，也没有指定年份。');
  }
  if (!title) notes.push('没有找到通知标题。');

  const items = findItems(normalized);
  if (items.length === 0) {
    errors.push('没有找到放假安排条目（如“一、元旦：1月1日放假……”），请确认粘贴的是国务院办公厅节假日安排通知的全文。');
  }
  if (errors.length > 0 || year === undefined) return { ok: false, errors };

  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) errors.push(`“${item.name}”的条目出现了不止一次。`);
    seen.add(item.name);
  }

  const reader = new NoticeReader(year);
  for (const item of items) reader.readItem(item);
  errors.push(...reader.errors);
  notes.push(...reader.notes);

  const blocks = [...reader.blocks].sort((a, b) => a.start - b.start);
  for (let i = 1; i < blocks.length; i++) {
    const a = blocks[i - 1] as Block;
    const b = blocks[i] as Block;
    if (b.start <= a.end) errors.push(`“${a.name}”与“${b.name}”的放假日期重叠（${chineseDate(b.start)}），请核对。`);
  }
  const makeUps = [...reader.makeUps].sort((a, b) => a.day - b.day);
  for (let i = 0; i < makeUps.length; i++) {
    const m = makeUps[i] as (typeof makeUps)[number];
    if (i > 0 && makeUps[i - 1]?.day === m.day) {
      errors.push(`${m.label}：${chineseDate(m.day)}作为上班日写了不止一次。`);
      continue;
    }
    if (!isWeekend(m.day)) errors.push(`${m.label}：${chineseDate(m.day)}不是周六或周日，不能是调休上班日。`);
    const inside = blocks.find((b) => m.day >= b.start && m.day <= b.end);
    if (inside) errors.push(`${m.label}：${chineseDate(m.day)}是上班日，却在“${inside.name}”的放假期间内，请核对。`);
  }
  if (errors.length > 0) return { ok: false, errors };

  const doc = DOC_NUMBER.exec(normalized);
  const sources = [title ? title[0] : '', doc ? `国办发明电〔${doc[1]}〕${doc[2]}号` : ''].filter((s) => s !== '');
  const arrangement: YearArrangement = {
    year,
    sources,
    holidays: blocks.map((b): HolidayBlock => ({ start: toIsoDate(b.start), end: toIsoDate(b.end), name: b.name })),
    makeUpDays: makeUps.map((m): MakeUpDay => ({ date: toIsoDate(m.day), name: m.name })),
  };
  const built = WorkingCalendar.build([arrangement]);
  if (!built.ok) return { ok: false, errors: [built.error.message] };
  return { ok: true, arrangement, notes };
}

// ---------------------------------------------------------------------------------------------
// Summary for confirmation

/** A date, its year left out when it is the year of the date shown before it on the line. */
function dateText(day: number, previousYear: number | undefined): string {
  const { year, month, day: d } = ymd(day);
  return year === previousYear ? `${month}月${d}日（${weekdayName(day)}）` : chineseDate(day);
}

/**
 * A Chinese summary of an arrangement, one line per rest block with its make-up working days, then the
 * totals — for the official to confirm before saving:
 * 元旦：2026年1月1日（周四）至1月3日（周六）放假，共3天；1月4日（周日）上班
 */
export function describeArrangement(a: YearArrangement): string {
  const lines: string[] = [`${a.year}年节假日安排${a.sources.length > 0 ? `（${a.sources.join('，')}）` : ''}：`];
  const usedNames = new Set<string>();
  let restDays = 0;
  const makeUpsOf = (name: string): number[] =>
    a.makeUpDays
      .filter((m) => m.name === name)
      .map((m) => parseIsoDate(m.date))
      .filter((d): d is number => d !== null)
      .sort((x, y) => x - y);
  const workText = (days: number[], previousYear: number | undefined): string => {
    let y = previousYear;
    const parts = days.map((d) => {
      const s = dateText(d, y);
      y = ymd(d).year;
      return s;
    });
    return `${parts.join('、')}上班`;
  };
  for (const h of a.holidays) {
    const s = parseIsoDate(h.start);
    const e = parseIsoDate(h.end);
    if (s === null || e === null) {
      lines.push(`${h.name}：${h.start}至${h.end}（日期无效）`);
      continue;
    }
    const count = e - s + 1;
    restDays += Math.max(count, 0);
    let line = `${h.name}：${chineseDate(s)}${e === s ? '' : `至${dateText(e, ymd(s).year)}`}放假，共${count}天`;
    if (!usedNames.has(h.name)) {
      usedNames.add(h.name);
      const work = makeUpsOf(h.name);
      if (work.length > 0) line += `；${workText(work, ymd(e).year)}`;
    }
    lines.push(line);
  }
  for (const m of a.makeUpDays) {
    if (usedNames.has(m.name)) continue;
    usedNames.add(m.name);
    const work = makeUpsOf(m.name);
    lines.push(`${m.name}：${work.length > 0 ? workText(work, undefined) : `${m.date}（日期无效）上班`}`);
  }
  lines.push(`合计：放假${restDays}天，调休上班${a.makeUpDays.length}天`);
  return lines.join('\n');
}
