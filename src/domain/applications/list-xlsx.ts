// The application list as an Excel workbook (the staff list's 导出, exceljs in memory): a header row
// (bold, frozen, with a filter), every cell as text, each column as wide as its label and its content
// need (a Chinese character counts two) up to a width of its own, longer text wrapped within it. Pure:
// rows in, bytes out.

import ExcelJS from 'exceljs';

export interface ListColumn {
  label: string;
  /** the widest the column grows, in character widths (longer text wraps) */
  max: number;
}

export const LIST_COLUMNS = [
  { label: '编号', max: 24 },
  { label: '申请人', max: 30 },
  { label: '申请人类型', max: 14 },
  { label: '证件类型', max: 18 },
  { label: '证件号码', max: 24 },
  { label: '联系方式', max: 30 },
  { label: '提交方式', max: 10 },
  { label: '提交日期', max: 12 },
  { label: '收到申请日期', max: 14 },
  { label: '所需信息', max: 60 },
  { label: '获取信息的方式', max: 24 },
  { label: '办理状态', max: 18 },
  { label: '办理结果', max: 40 },
  { label: '到期日', max: 14 },
  { label: '期限状态', max: 24 },
  { label: '办结日期', max: 12 },
  { label: '承办人', max: 16 },
] as const satisfies readonly ListColumn[];

export type ListRow = Record<(typeof LIST_COLUMNS)[number]['label'], string>;

/** The width of text in character cells: CJK, full-width forms and the like count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000 ? 2 : 1;
  }
  return width;
}

/** A column's width: its label and its widest line (plus a margin), at most its own limit. */
export function columnWidth(column: ListColumn, values: readonly string[]): number {
  const widest = Math.max(displayWidth(column.label), ...values.map((v) => Math.max(0, ...v.split('\n').map(displayWidth))));
  return Math.min(column.max, Math.max(6, widest) + 2);
}

export async function writeListXlsx(rows: readonly ListRow[], options: { title: string; note?: string }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheet = workbook.addWorksheet('申请列表', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    headerFooter: { oddHeader: `&C${options.title}`, oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = LIST_COLUMNS.map((c) => ({ header: c.label, key: c.label, width: columnWidth(c, rows.map((r) => r[c.label])) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
  for (const r of rows) {
    const row = sheet.addRow(LIST_COLUMNS.map((c) => r[c.label]));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  if (options.note) sheet.addRow([options.note]).font = { italic: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LIST_COLUMNS.length } };
  sheet.pageSetup.printTitlesRow = '1:1';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
