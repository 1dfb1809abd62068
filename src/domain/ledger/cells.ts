// The cells of a ledger as read (CSV: text; XLSX: text, number or date) and their reading as text or as
// a date. Pure.

import { toIsoDate } from '../calendar/dates.ts';

export type RawCell =
  | { kind: 'text'; text: string }
  /** an Excel number (XLSX only); date1904: the workbook counts serial dates from 1904 */
  | { kind: 'number'; value: number; date1904: boolean }
  /** an Excel date cell (XLSX only), as a day number (days since 1970-01-01) */
  | { kind: 'date'; day: number };

export interface RawRow {
  /** spreadsheet row number, the header is 1 */
  line: number;
  cells: RawCell[];
}

export function cellIsEmpty(cell: RawCell | undefined): boolean {
  return cell === undefined || (cell.kind === 'text' && cell.text.trim() === '');
}

/** A number as Excel shows it in a General cell, without exponent for integers. */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/** The cell as text: trimmed, line breaks as "\n"; a number as digits; a date as YYYY-MM-DD. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === undefined) return '';
  switch (cell.kind) {
    case 'text':
      return cell.text.replace(/\r\n?/gu, '\n').trim();
    case 'number':
      return numberText(cell.value);
    case 'date':
      return toIsoDate(cell.day);
  }
}

/** An integer stored as an Excel number beyond 2^53: its last digits are already lost. */
export function lostDigits(cell: RawCell | undefined): boolean {
  return cell?.kind === 'number' && Math.abs(cell.value) > Number.MAX_SAFE_INTEGER;
}

export type CellDate =
  | { ok: true; date: string | null }
  /** malformed: not written as a date; impossible: written as a date that does not exist (2月30日) */
  | { ok: false; problem: 'malformed' | 'impossible'; shown: string };

/** Excel serial day 25569 is 1970-01-01 (1900 date system; 24107 in the 1904 system). */
const SERIAL_EPOCH_1900 = 25_569;
const SERIAL_EPOCH_1904 = 24_107;
/** 1950-01-01 and 9999-12-31 (1900 system): a smaller number in a date column is not a lost date format */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 2_958_465;

const TEXT_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/u;

/**
 * A date cell: empty → null; an Excel date; an Excel serial number (a date cell that lost its date
 * format); YYYY-MM-DD, also with "/" or "." or as 2024年3月1日, with one-digit month and day, with a
 * time after it (dropped), or as YYYYMMDD; full-width digits too.
 */
export function cellDate(cell: RawCell | undefined): CellDate {
  if (cell === undefined || cellIsEmpty(cell)) return { ok: true, date: null };
  if (cell.kind === 'date') return { ok: true, date: toIsoDate(cell.day) };
  if (cell.kind === 'number') {
    const { value } = cell;
    const shown = numberText(value);
    if (COMPACT_DATE.test(shown)) return fromText(shown, shown);
    const epoch = cell.date1904 ? SERIAL_EPOCH_1904 : SERIAL_EPOCH_1900;
    if (value >= SERIAL_MIN - (SERIAL_EPOCH_1900 - epoch) && value <= SERIAL_MAX) {
      return { ok: true, date: toIsoDate(Math.floor(value) - epoch) };
    }
    return { ok: false, problem: 'malformed', shown };
  }
  const shown = cellText(cell);
  return fromText(shown.normalize('NFKC'), shown);
}

function fromText(text: string, shown: string): CellDate {
  const m = TEXT_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (!m) return { ok: false, problem: 'malformed', shown };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) return { ok: false, problem: 'impossible', shown };
  // (built as text: a ledger of 200,000 rows has a million dates)
  return { ok: true, date: `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

function monthLength(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
