// The catalogue's exchange file (`gongkai catalogue import|export`, the staff import page): CSV (UTF-8
// or GBK/GB18030) or XLSX with Chinese headers, one item a row. Reading gives each row's cells by
// column, dates as YYYY-MM-DD (Excel dates and 2024年3月1日 included); the meaning of each row is
// checked by the import service with the agency's vocabulary. Writing gives the same columns.
// Pure: bytes in, rows out.

import { decodeBytes } from '../report/input/decode.ts';
import { cellDate, cellIsEmpty, cellText, type RawCell, type RawRow } from '../ledger/cells.ts';
import { parseCsv, writeCsv } from '../ledger/csv.ts';
import { checkZipLimits } from '../zip/limits.ts';

/** The columns, in the order written; 标题, 信息类别 and 发布日期 are required, the rest may be absent. */
export const CATALOGUE_COLUMNS = ['标题', '索引号', '文号', '发布机构', '成文日期', '发布日期', '主题分类', '信息类别', '文件类型', '有效性', '废止日期', '内容概述', '所解读文件索引号', '替代文件索引号', '正文'] as const;
export type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CatalogueColumn[] = ['标题', '信息类别', '发布日期'];
const DATE_COLUMNS: readonly CatalogueColumn[] = ['成文日期', '发布日期', '废止日期'];

export const CATALOGUE_FILE_LIMITS = {
  /** a file given on the command line */
  maxBytes: 300 * 1024 * 1024,
  /** rows after the header */
  maxRows: 200_000,
} as const;

export interface CatalogueFileRow {
  /** spreadsheet row number (the header is 1) */
  line: number;
  /** each column's text ('' when absent); dates as YYYY-MM-DD when they read as dates, else as written */
  cells: Record<CatalogueColumn, string>;
}

export interface ImportError {
  /** spreadsheet row number; 0: the file as a whole */
  line: number;
  column: string;
  message: string;
}

export type CatalogueFileRead = { ok: true; rows: CatalogueFileRow[] } | { ok: false; errors: ImportError[] };

const fileError = (message: string): CatalogueFileRead => ({ ok: false, errors: [{ line: 0, column: '', message }] });

const headerName = (cell: RawCell | undefined): string => cellText(cell).normalize('NFKC').replace(/\s+/gu, '').replace(/^\*+/u, '');

function csvCell(field: string): RawCell {
  const text = field.trim();
  return { kind: 'text', text: /^'+[=+\-@]/u.test(text) ? text.slice(1) : text };
}

/** Reads the file's rows; header problems and unreadable files are errors. Never throws. */
export async function readCatalogueFile(bytes: Uint8Array, fileName: string, maxBytes: number = CATALOGUE_FILE_LIMITS.maxBytes): Promise<CatalogueFileRead> {
  if (bytes.byteLength === 0) return fileError('文件是空的；请选择填写好的目录文件（CSV或XLSX）。');
  if (bytes.byteLength > maxBytes) return fileError(`文件大小为${(bytes.byteLength / 1024 / 1024).toFixed(1)}MB，超过了${Math.round(maxBytes / 1024 / 1024)}MB的上限；请分成几个文件分别导入。`);
  const [a, b, c, d] = bytes;
  let rows: RawRow[];
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) return fileError('这是旧版Excel（.xls）或加密的Excel文件，无法读取；请另存为Excel工作簿（.xlsx）或“CSV UTF-8（逗号分隔）”后再导入。');
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    const limits = await checkZipLimits(bytes, 'xlsx');
    if (!limits.ok) return fileError(limits.error.code === 'FILE_TOO_COMPLEX' ? limits.error.message : 'Excel文件已损坏或不完整，无法读取；请在Excel中重新保存后再导入。');
    const read = await (await import('../ledger/xlsx.ts')).readXlsxRows(bytes, CATALOGUE_FILE_LIMITS.maxRows + 1);
    if (!read.ok) {
      if (read.problem === 'too_many_rows') return fileError(`文件超过${CATALOGUE_FILE_LIMITS.maxRows}行，超过了一次导入的上限；请分成几个文件分别导入。`);
      if (read.problem === 'no_sheet') return fileError('该Excel文件中没有工作表；请把目录放在第一个工作表中。');
      return fileError('无法读取该Excel文件；请在Excel中重新保存为.xlsx后再导入。');
    }
    rows = read.rows;
  } else {
    if (/\.xlsx?$/iu.test(fileName.trim())) return fileError('文件的扩展名是Excel，但内容不是Excel工作簿；请在Excel中重新保存为.xlsx后再导入。');
    const parsed = parseCsv(decodeBytes(bytes).text, CATALOGUE_FILE_LIMITS.maxRows + 1);
    if (!parsed.ok) {
      if (parsed.problem === 'too_many_records') return fileError(`文件超过${CATALOGUE_FILE_LIMITS.maxRows}行，超过了一次导入的上限；请分成几个文件分别导入。`);
      return { ok: false, errors: [{ line: parsed.line, column: '', message: `第${parsed.line}行有一个英文双引号（"）没有配对的结束引号；请补上结束引号或删去多余的引号。` }] };
    }
    rows = parsed.records.map((fields, i) => ({ line: i + 1, cells: fields.map(csvCell) }));
  }

  const header = rows[0];
  if (header === undefined || header.line !== 1) return fileError(`文件中没有表头；第1行应为表头，包含：${CATALOGUE_COLUMNS.join('、')}（${REQUIRED_COLUMNS.join('、')}必填，其余可省略）。`);
  const at = new Map<string, number>();
  const errors: ImportError[] = [];
  header.cells.forEach((cell, i) => {
    const name = headerName(cell);
    if (name === '') return;
    if (at.has(name) && (CATALOGUE_COLUMNS as readonly string[]).includes(name)) errors.push({ line: 1, column: name, message: `表头中“${name}”出现了不止一次，无法确定用哪一列；请删去多余的列。` });
    at.set(name, i);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!at.has(column)) errors.push({ line: 1, column, message: `表头缺少“${column}”列；第1行应为表头，包含：${CATALOGUE_COLUMNS.join('、')}（列的顺序不限）。` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const out: CatalogueFileRow[] = [];
  for (const row of rows) {
    if (row.line === 1 || row.cells.every(cellIsEmpty)) continue;
    const cells = {} as Record<CatalogueColumn, string>;
    for (const column of CATALOGUE_COLUMNS) {
      const index = at.get(column);
      const raw = index === undefined ? undefined : row.cells[index];
      if (DATE_COLUMNS.includes(column)) {
        const date = cellDate(raw);
        cells[column] = date.ok ? (date.date ?? '') : date.shown;
      } else {
        cells[column] = column === '正文' ? (raw?.kind === 'text' ? raw.text.replace(/\r\n?/gu, '\n') : cellText(raw)) : cellText(raw);
      }
    }
    out.push({ line: row.line, cells });
  }
  if (out.length === 0) return fileError('文件中只有表头，没有要导入的信息；从第2行起每行一条信息。');
  return { ok: true, rows: out };
}

const FORMULA_START = /^'*[=+\-@]/u;

/** The rows in the format readCatalogueFile reads: CSV UTF-8 with a BOM, or XLSX with every cell text. */
export async function writeCatalogueFile(records: readonly (readonly string[])[], format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  if (format === 'csv') {
    const guarded = records.map((r) => r.map((v) => (FORMULA_START.test(v) ? `'${v}` : v)));
    return new TextEncoder().encode('\uFEFF' + writeCsv([[...CATALOGUE_COLUMNS], ...guarded]));
  }
  const widths = CATALOGUE_COLUMNS.map((c) => (c === '标题' || c === '正文' ? 40 : c === '索引号' ? 28 : 14));
  return (await import('../ledger/xlsx.ts')).writeXlsx(CATALOGUE_COLUMNS, records, widths, '政府信息目录');
}
