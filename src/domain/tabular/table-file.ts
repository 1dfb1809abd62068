// An exchange file of rows under Chinese headers — CSV (UTF-8 or GBK/GB18030) or XLSX — read into each
// row's cells by column, and written back in the same columns. Shared by the catalogue's import
// (domain/catalogue/import-file.ts) and the annual report's records (domain/records/files.ts). Reading:
// a size cap, the old .xls and encrypted files refused, every ZIP entry of an XLSX inflated under a cap
// (domain/zip/limits.ts: zip bombs), a row cap, headers matched in any order (NFKC, spaces and a leading
// * ignored), dates as YYYY-MM-DD (Excel dates and 2024年3月1日 included), formula guards undone. Every
// problem of the file as a whole is an error of line 0; of a header, of line 1. The meaning of each row
// is checked by the caller. Pure: bytes in, rows out; never throws.

import { decodeBytes } from '../report/input/decode.ts';
import { cellDate, cellIsEmpty, cellText, type RawCell, type RawRow } from '../ledger/cells.ts';
import { parseCsv, writeCsv } from '../ledger/csv.ts';
import { checkZipLimits } from '../zip/limits.ts';

export interface ImportError {
  /** spreadsheet row number; 0: the file as a whole */
  line: number;
  column: string;
  message: string;
}

export interface TableFileSpec<Col extends string> {
  /** the columns, in the order written */
  columns: readonly Col[];
  /** columns the header must have */
  required: readonly Col[];
  /** columns read as dates (YYYY-MM-DD when they read as dates, else as written) */
  dateColumns?: readonly Col[];
  /** columns whose text keeps its line breaks as typed (the rest: cellText) */
  multilineColumns?: readonly Col[];
  /** other header names accepted for a column */
  aliases?: Partial<Record<Col, readonly string[]>>;
  maxBytes: number;
  /** rows after the header */
  maxRows: number;
  /** the words of the messages */
  words: {
    /** what to choose: “请选择填写好的目录文件” */
    file: string;
    /** what goes in the first sheet: “请把目录放在第一个工作表中” */
    sheet: string;
    /** the whole message when only the header is there */
    onlyHeader: string;
  };
}

export interface TableFileRow<Col extends string> {
  /** spreadsheet row number (the header is 1) */
  line: number;
  /** each column's text ('' when absent) */
  cells: Record<Col, string>;
}

export type TableFileRead<Col extends string> = { ok: true; rows: TableFileRow<Col>[] } | { ok: false; errors: ImportError[] };

const fileError = (message: string): { ok: false; errors: ImportError[] } => ({ ok: false, errors: [{ line: 0, column: '', message }] });

/** A header as matched: NFKC, no spaces, no leading * (a required column's mark). */
export const headerName = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, '').replace(/^\*+/u, '');

function csvCell(field: string): RawCell {
  const text = field.trim();
  return { kind: 'text', text: /^'+[=+\-@]/u.test(text) ? text.slice(1) : text };
}

/** The rows of the file's first sheet (XLSX) or of the CSV, as raw cells; or the file's problem. */
async function rawRows(bytes: Uint8Array, fileName: string, spec: TableFileSpec<string>): Promise<{ ok: true; rows: RawRow[] } | { ok: false; errors: ImportError[] }> {
  const { maxRows, maxBytes, words } = spec;
  if (bytes.byteLength === 0) return fileError(`文件是空的；请选择填写好的${words.file}（CSV或XLSX）。`);
  if (bytes.byteLength > maxBytes) return fileError(`文件大小为${(bytes.byteLength / 1024 / 1024).toFixed(1)}MB，超过了${Math.round(maxBytes / 1024 / 1024)}MB的上限；请分成几个文件分别导入。`);
  const [a, b, c, d] = bytes;
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) return fileError('这是旧版Excel（.xls）或加密的Excel文件，无法读取；请另存为Excel工作簿（.xlsx）或“CSV UTF-8（逗号分隔）”后再导入。');
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    const limits = await checkZipLimits(bytes, 'xlsx');
    if (!limits.ok) return fileError(limits.error.code === 'FILE_TOO_COMPLEX' ? limits.error.message : 'Excel文件已损坏或不完整，无法读取；请在Excel中重新保存后再导入。');
    const read = await (await import('../ledger/xlsx.ts')).readXlsxRows(bytes, maxRows + 1);
    if (!read.ok) {
      if (read.problem === 'too_many_rows') return fileError(`文件超过${maxRows}行，超过了一次导入的上限；请分成几个文件分别导入。`);
      if (read.problem === 'no_sheet') return fileError(`该Excel文件中没有工作表；请把${words.sheet}放在第一个工作表中。`);
      return fileError('无法读取该Excel文件；请在Excel中重新保存为.xlsx后再导入。');
    }
    return { ok: true, rows: read.rows };
  }
  if (/\.xlsx?$/iu.test(fileName.trim())) return fileError('文件的扩展名是Excel，但内容不是Excel工作簿；请在Excel中重新保存为.xlsx后再导入。');
  const parsed = parseCsv(decodeBytes(bytes).text, maxRows + 1);
  if (!parsed.ok) {
    if (parsed.problem === 'too_many_records') return fileError(`文件超过${maxRows}行，超过了一次导入的上限；请分成几个文件分别导入。`);
    return { ok: false, errors: [{ line: parsed.line, column: '', message: `第${parsed.line}行有一个英文双引号（"）没有配对的结束引号；请补上结束引号或删去多余的引号。` }] };
  }
  return { ok: true, rows: parsed.records.map((fields, i) => ({ line: i + 1, cells: fields.map(csvCell) })) };
}

/** Reads the file's rows by column; header problems and unreadable files are errors. Never throws. */
export async function readTableFile<Col extends string>(bytes: Uint8Array, fileName: string, spec: TableFileSpec<Col>): Promise<TableFileRead<Col>> {
  const raw = await rawRows(bytes, fileName, spec);
  if (!raw.ok) return raw;
  const { columns, required } = spec;
  const header = raw.rows[0];
  if (header === undefined || header.line !== 1) return fileError(`文件中没有表头；第1行应为表头，包含：${columns.join('、')}（${required.join('、')}必填，其余可省略）。`);
  // header name → the column it names (its own name or an alias, compared as headerName reads them)
  const named = new Map<string, Col>();
  for (const column of columns) {
    named.set(headerName(column), column);
    for (const alias of spec.aliases?.[column] ?? []) named.set(headerName(alias), column);
  }
  const at = new Map<Col, number>();
  const errors: ImportError[] = [];
  header.cells.forEach((cell, i) => {
    const name = headerName(cellText(cell));
    if (name === '') return;
    const column = named.get(name);
    if (column === undefined) return;
    if (at.has(column)) errors.push({ line: 1, column, message: `表头中“${column}”出现了不止一次，无法确定用哪一列；请删去多余的列。` });
    at.set(column, i);
  });
  for (const column of required) {
    if (!at.has(column)) errors.push({ line: 1, column, message: `表头缺少“${column}”列；第1行应为表头，包含：${columns.join('、')}（列的顺序不限）。` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const dates = spec.dateColumns ?? [];
  const multiline = spec.multilineColumns ?? [];
  const out: TableFileRow<Col>[] = [];
  for (const row of raw.rows) {
    if (row.line === 1 || row.cells.every(cellIsEmpty)) continue;
    const cells = {} as Record<Col, string>;
    for (const column of columns) {
      const index = at.get(column);
      const cell = index === undefined ? undefined : row.cells[index];
      if (dates.includes(column)) {
        const date = cellDate(cell);
        cells[column] = date.ok ? (date.date ?? '') : date.shown;
      } else {
        cells[column] = multiline.includes(column) ? (cell?.kind === 'text' ? cell.text.replace(/\r\n?/gu, '\n') : cellText(cell)) : cellText(cell);
      }
    }
    out.push({ line: row.line, cells });
  }
  if (out.length === 0) return fileError(spec.words.onlyHeader);
  return { ok: true, rows: out };
}

const FORMULA_START = /^'*[=+\-@]/u;

/** The rows in the format readTableFile reads: CSV UTF-8 with a BOM (formula-like text guarded), or XLSX with every cell text. */
export async function writeTableFile(columns: readonly string[], records: readonly (readonly string[])[], format: 'csv' | 'xlsx', xlsx: { widths: readonly number[]; sheetName: string }): Promise<Uint8Array> {
  if (format === 'csv') {
    const guarded = records.map((r) => r.map((v) => (FORMULA_START.test(v) ? `'${v}` : v)));
    return new TextEncoder().encode('\uFEFF' + writeCsv([[...columns], ...guarded]));
  }
  return (await import('../ledger/xlsx.ts')).writeXlsx(columns, records, xlsx.widths, xlsx.sheetName);
}
