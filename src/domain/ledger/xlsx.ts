// The ledger as an Excel workbook (exceljs, in memory): reading the cells of the first worksheet as they
// are (text, number, date) and writing the ledger with every cell as text. Loaded only when an .xlsx is
// read or written (exceljs takes a third of a second to load).

import ExcelJS from 'exceljs';
import { layoutSheet } from '../tabular/xlsx-layout.ts';
import type { RawCell, RawRow } from './cells.ts';

export type XlsxRead =
  | { ok: true; rows: RawRow[] }
  | { ok: false; problem: 'unreadable'; detail: string }
  | { ok: false; problem: 'no_sheet' }
  | { ok: false; problem: 'too_many_rows' };

/**
 * The non-empty rows of the first worksheet, each with its spreadsheet row number. `maxRows`: rows with
 * content beyond it are refused before they are read.
 */
export async function readXlsxRows(bytes: Uint8Array, maxRows: number): Promise<XlsxRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    // a Buffer view of the same bytes (no copy); exceljs declares a Buffer type of its own
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    return { ok: false, problem: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return { ok: false, problem: 'no_sheet' };
  if (sheet.actualRowCount > maxRows) return { ok: false, problem: 'too_many_rows' };
  const date1904 = workbook.properties.date1904 === true;
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = rawCell(cell.value, date1904);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= { kind: 'text', text: '' };
    rows.push({ line, cells });
  });
  return { ok: true, rows };
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
