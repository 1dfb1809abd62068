// The ledger as an Excel workbook (exceljs): reading the cells of the first worksheet as they are (text,
// number, date), row by row as the workbook streams by — never the whole workbook in memory — and writing
// a table with every cell as text (writeXlsx, in memory, for the smaller exports; the ledger itself is
// written row by row by tabular/xlsx-stream.ts). Loaded only when an .xlsx is read or written (exceljs takes
// a third of a second to load).

import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { layoutSheet } from '../tabular/xlsx-layout.ts';
import { entriesFirst } from '../zip/reorder.ts';
import type { RawCell, RawRow } from './cells.ts';

export type XlsxRead =
  | { ok: true; rows: RawRow[] }
  | { ok: false; problem: 'unreadable'; detail: string }
  | { ok: false; problem: 'no_sheet' }
  | { ok: false; problem: 'too_many_rows' };

/** How a streamed read ends: the whole first sheet read, or why not. */
export type XlsxEnd = { ok: true } | { ok: false; problem: 'unreadable'; detail: string } | { ok: false; problem: 'no_sheet' };

/**
 * The non-empty rows of the first worksheet, each with its spreadsheet row number. `maxRows`: rows with
 * content beyond it are refused.
 */
export async function readXlsxRows(bytes: Uint8Array, maxRows: number): Promise<XlsxRead> {
  const rows: RawRow[] = [];
  const reading = xlsxRows(bytes);
  for (let step = await reading.next(); ; step = await reading.next()) {
    if (step.done) return step.value.ok ? { ok: true, rows } : step.value;
    if (rows.length === maxRows) {
      await reading.return({ ok: true });
      return { ok: false, problem: 'too_many_rows' };
    }
    rows.push(step.value);
  }
}

/** The parts the streaming reader must have met before a worksheet, for it to read the worksheet as it comes. */
const BEFORE_SHEETS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/**
 * The non-empty rows of the first worksheet (the first in the workbook's order, as Excel shows them), one at a
 * time as the worksheet streams by (exceljs's WorkbookReader); only the shared strings and styles of the
 * workbook are held. The caller may stop early (return()). Never throws: a damaged workbook ends the rows
 * with 'unreadable'.
 */
export async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<RawRow, XlsxEnd> {
  // the parts the worksheet needs moved ahead of it: exceljs would otherwise set a worksheet met before
  // them aside in a temporary file until the end (Excel writes the shared strings after the sheets)
  const pieces = entriesFirst(bytes, BEFORE_SHEETS) ?? [bytes];
  const input = Readable.from(pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  // a workbook without shared strings (every string inline) or without relationships: nothing to wait for
  // (exceljs 4.4 sets a worksheet aside when these are still missing; they are replaced when met)
  const state = reader as unknown as ReaderInternals;
  state.sharedStrings = [];
  state.workbookRels = [];
  decodeAcrossChunks(state);
  try {
    for await (const sheet of reader) {
      const firstId = state.model?.sheets?.[0]?.id;
      if (firstId !== undefined && Number((sheet as unknown as { id: unknown }).id) !== Number(firstId)) continue;
      const date1904 = state.properties?.model?.date1904 === true;
      for await (const row of sheet) {
        if (!row.hasValues) continue;
        const cells: RawCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = rawCell(cell.value, date1904);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= { kind: 'text', text: '' };
        yield { line: row.number, cells };
      }
      return { ok: true };
    }
    return { ok: false, problem: 'no_sheet' };
  } catch (e) {
    return { ok: false, problem: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
  } finally {
    input.destroy();
  }
}

/** What xlsxRows reaches inside exceljs 4.4's WorkbookReader (exceljs is pinned: see package.json). */
interface ReaderInternals {
  sharedStrings?: unknown[];
  workbookRels?: unknown[];
  model?: { sheets?: { id: number }[] };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: { setEncoding(encoding: 'utf8'): void }): unknown;
  _parseWorkbook(entry: { setEncoding(encoding: 'utf8'): void }): unknown;
  _parseSharedStrings(entry: { setEncoding(encoding: 'utf8'): void }): unknown;
  _parseStyles(entry: { setEncoding(encoding: 'utf8'): void }): unknown;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
}

/**
 * exceljs 4.4's streaming reader turns each chunk of a part into text on its own, so a Chinese character
 * split between two chunks comes out as "��" (the larger the sheet, the more of them). Each part is decoded
 * across its chunks instead: the parts given as streams are set to UTF-8, the worksheet's chunks go through
 * one decoder; the reader takes text as it is.
 */
function decodeAcrossChunks(reader: ReaderInternals): void {
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles'] as const) {
    const parse = reader[name].bind(reader);
    reader[name] = (entry) => {
      entry.setEncoding('utf8');
      return parse(entry);
    };
  }
  const parseWorksheet = reader._parseWorksheet.bind(reader);
  reader._parseWorksheet = (chunks, sheetNo) => parseWorksheet(utf8(chunks), sheetNo);
}

async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

function rawCell(value: ExcelJS.CellValue, date1904: boolean): RawCell {
  if (value === null || value === undefined) return { kind: 'text', text: '' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value, date1904 };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return dateCell(value);
  if ('richText' in value) return { kind: 'text', text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { kind: 'text', text: value.error };
  if ('hyperlink' in value) {
    // the text of a hyperlink may itself be rich text
    const text: unknown = value.text;
    if (typeof text === 'string') return { kind: 'text', text };
    if (typeof text === 'object' && text !== null && 'richText' in text) return rawCell(text as ExcelJS.CellRichTextValue, date1904);
    return { kind: 'text', text: '' };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined ? { kind: 'text', text: '' } : rawCell(result, date1904);
  }
  return { kind: 'text', text: '' };
}

const DAY_MS = 86_400_000;

/**
 * exceljs turns a date cell into the UTC instant of its serial number (no time zone involved): the day
 * is the UTC calendar day; a time of day is dropped; an instant a few milliseconds before midnight
 * (floating point in the serial) counts as the next day.
 */
function dateCell(date: Date): RawCell {
  const time = date.getTime();
  if (Number.isNaN(time)) return { kind: 'text', text: '' };
  const days = time / DAY_MS;
  const nearest = Math.round(days);
  const day = Math.abs(days - nearest) < 1 / 86_400 ? nearest : Math.floor(days);
  return { kind: 'date', day };
}

// ---------------------------------------------------------------------------------------------
// Writing

const SHEET_NAME = '依申请公开台账';
const FONT = '宋体';

/**
 * A workbook of one sheet: the header in bold, every cell text (numFmt "@", so Excel keeps it text), laid
 * out by the shared XLSX layout (widths fitting the header and the text, wrapped, page numbers).
 */
export async function writeXlsx(header: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[], sheetName: string = SHEET_NAME): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // fixed dates: the output depends on the rows only, not on the clock
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((_, i) => ({ width: widths[i] ?? 14, style: { numFmt: '@', font: { name: FONT } } }));
  const head = sheet.addRow([...header]);
  head.font = { name: FONT, bold: true };
  for (const r of rows) sheet.addRow([...r]);
  layoutSheet(sheet, { title: sheetName, widths, repeatRows: [1, 1] });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
