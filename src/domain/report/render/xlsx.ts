// The report as an Excel workbook (exceljs): a sheet "报告信息", then one sheet per table with the merged
// header cells of the official layout, numbers stored as numbers and blanks left empty. Widths, wrapping,
// row heights and the print setup (A4 fitted to the width, the column labels on every page, page numbers)
// are the shared XLSX layout's (domain/tabular/xlsx-layout.ts).

import ExcelJS from 'exceljs';
import type { AnnualReport } from '../model.ts';
import { layoutSheet } from '../../tabular/xlsx-layout.ts';
import { reportTitle } from './common.ts';
import { allRows, buildGrids, placeCells, type GridTable } from './grid.ts';

export const SHEET_NAMES: Record<GridTable['key'], string> = {
  active: '二、主动公开',
  applications: '三、依申请公开',
  review: '四、复议诉讼',
};
export const INFO_SHEET = '报告信息';

/** Excel's rules for a sheet name: at most 31 characters, none of \ / ? * [ ] :. */
export const sheetName = (name: string): string => name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);

const FONT = '仿宋_GB2312';
const thin = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
/** Excel column width units (≈ Latin characters; a Chinese one takes two) per relative width unit of the grid */
const WIDTH_UNIT = 5;
/** The widest a label column grows (a label longer than about twenty characters wraps onto two lines). */
const MAX_LABEL_WIDTH = 42;

function addTableSheet(workbook: ExcelJS.Workbook, table: GridTable, title: string): void {
  const sheet = workbook.addWorksheet(sheetName(SHEET_NAMES[table.key]));

  // row 1: the caption over the whole table; the grid starts on row 2
  const first = 2;
  sheet.mergeCells(1, 1, 1, table.columns);
  const caption = sheet.getCell(1, 1);
  caption.value = table.section;
  caption.font = { name: '黑体', size: 14, bold: true };
  caption.alignment = { horizontal: 'center', vertical: 'middle' };

  const rows = allRows(table);
  const headRows = table.head.length;
  for (const { cell, row, col } of placeCells(rows)) {
    const r = first + row;
    const c = 1 + col;
    if (cell.colSpan > 1 || cell.rowSpan > 1) sheet.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
    const target = sheet.getCell(r, c);
    if (cell.header) target.value = cell.text;
    else if (cell.value !== null && cell.value !== undefined) target.value = cell.value;
    target.font = { name: FONT, size: 10.5, bold: cell.header };
    target.alignment = { horizontal: cell.scope === 'row' ? 'left' : 'center', vertical: 'middle', wrapText: true };
    if (cell.header) target.fill = HEADER_FILL;
    // borders on every place the cell covers, so merged cells are framed whole
    for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) sheet.getCell(r + dr, c + dc).border = BORDER;
  }
  if (headRows) sheet.views = [{ state: 'frozen', ySplit: first - 1 + headRows }];
  layoutSheet(sheet, {
    title: `${title}　${table.section}`,
    widths: table.widths.map((w) => w * WIDTH_UNIT),
    maxWidth: MAX_LABEL_WIDTH,
    orientation: table.columns > 6 ? 'landscape' : 'portrait',
    ...(headRows ? { repeatRows: [first, first - 1 + headRows] as const } : {}),
  });
}

export async function renderXlsx(report: AnnualReport): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // fixed dates: the output depends on the report only, not on the clock
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  workbook.title = reportTitle(report);

  const info = workbook.addWorksheet(INFO_SHEET);
  const rows: [string, string | number | null][] = [
    ['标题', reportTitle(report)],
    ['机关', report.agency],
    ['年度', report.year],
    ['格式', report.format === '2019' ? '2019（国办公开办函〔2019〕60号，试行）' : report.format === '2021' ? '2021（国办公开办函〔2021〕30号）' : report.format],
  ];
  rows.forEach(([label, value], i) => {
    const labelCell = info.getCell(i + 1, 1);
    labelCell.value = label;
    labelCell.font = { name: FONT, bold: true };
    const valueCell = info.getCell(i + 1, 2);
    if (value !== null) valueCell.value = value;
    valueCell.font = { name: FONT };
  });
  layoutSheet(info, { title: reportTitle(report), widths: [12, 48], maxWidth: 60 });

  for (const table of buildGrids(report)) addTableSheet(workbook, table, reportTitle(report));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
