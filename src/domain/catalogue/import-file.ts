// The catalogue's exchange file (`gongkai catalogue import|export`, the staff import page): CSV (UTF-8
// or GBK/GB18030) or XLSX with Chinese headers, one item a row. Reading gives each row's cells by
// column, dates as YYYY-MM-DD (Excel dates and 2024年3月1日 included); the meaning of each row is
// checked by the import service with the agency's vocabulary. Writing gives the same columns.
// Pure: bytes in, rows out.

import { readTableFile, writeTableFile } from '../tabular/table-file.ts';
import type { ImportError, TableFileRow, TableFileSpec } from '../tabular/table-file.ts';

export type { ImportError } from '../tabular/table-file.ts';

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

export type CatalogueFileRow = TableFileRow<CatalogueColumn>;

export type CatalogueFileRead = { ok: true; rows: CatalogueFileRow[] } | { ok: false; errors: ImportError[] };

/** The catalogue's file as domain/tabular/table-file.ts reads it. */
export const CATALOGUE_FILE: TableFileSpec<CatalogueColumn> = {
  columns: CATALOGUE_COLUMNS,
  required: REQUIRED_COLUMNS,
  dateColumns: DATE_COLUMNS,
  multilineColumns: ['正文'],
  maxBytes: CATALOGUE_FILE_LIMITS.maxBytes,
  maxRows: CATALOGUE_FILE_LIMITS.maxRows,
  words: { file: '目录文件', sheet: '目录', onlyHeader: '文件中只有表头，没有要导入的信息；从第2行起每行一条信息。' },
};

/** Reads the file's rows; header problems and unreadable files are errors. Never throws. */
export async function readCatalogueFile(bytes: Uint8Array, fileName: string, maxBytes: number = CATALOGUE_FILE_LIMITS.maxBytes): Promise<CatalogueFileRead> {
  return readTableFile(bytes, fileName, { ...CATALOGUE_FILE, maxBytes });
}

/** The rows in the format readCatalogueFile reads: CSV UTF-8 with a BOM, or XLSX with every cell text. */
export async function writeCatalogueFile(records: readonly (readonly string[])[], format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  const widths = CATALOGUE_COLUMNS.map((c) => (c === '标题' || c === '正文' ? 40 : c === '索引号' ? 28 : 14));
  return writeTableFile(CATALOGUE_COLUMNS, records, format, { widths, sheetName: '政府信息目录' });
}
