// The report as plain text, in the layout of a report copied from a web page (see the zhongwei fixture):
//
//   <title>
//   (blank)
//   <opening paragraph, with 本报告统计数据从<year>年1月1日至12月31日。>
//   (blank)
//   <section heading>            one line per heading, each followed by a blank line
//   <paragraph>                  one line per paragraph, each followed by a blank line
//   <table lines>                consecutive, then a blank line
//
// A table line is its cells joined by TAB, with no trailing TAB and no filler for merged cells:
// - 二: "第二十条第（一）项"; "信息内容\t本年制发件数\t…"; "规章\t<3 cells>" (3, 1 or 2 cells by sub-table).
// - 三: three header lines ("<header note>\t申请人情况", "自然人\t法人或其他组织\t总计", "商业企业\t…\t其他");
//   then "<row label>\t<7 cells>" per row, where the label of a grouped row is its group and label joined
//   by a space ("（三）不予公开 1.属于国家秘密", "三、本年度办理结果 （一）予以公开"), and the line
//   "三、本年度办理结果" stands before the first result row.
// - 四: "行政复议\t行政诉讼"; "结果维持\t…\t总计\t未经复议直接起诉\t复议后起诉"; the ten labels under 行政诉讼;
//   then the 15 cells of the one data row.
// A null cell is an empty string between TABs.

import type { AnnualReport } from '../model.ts';
import { SECTION_TITLES } from '../layout.ts';
import { preamble, reportTitle, sectionParagraphs } from './common.ts';
import { allRows, buildGrids, type GridRow, type GridTable } from './grid.ts';

/** A cell's text on one line: TABs and line breaks would break the layout. */
const flat = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');

/** The lines of one row: a row-group heading on a line of its own, then the row's labels and data. */
function rowLines(row: GridRow): string[] {
  const lines = row.cells.filter((c) => c.scope === 'rowgroup').map((c) => flat(c.text));
  const rest = row.cells.filter((c) => c.scope !== 'rowgroup');
  const cells = row.label === undefined ? rest.map((c) => c.text) : [row.label, ...rest.filter((c) => !c.header).map((c) => c.text)];
  if (cells.length) lines.push(cells.map(flat).join('\t'));
  return lines;
}

export function tableLines(table: GridTable): string[] {
  return allRows(table).flatMap(rowLines);
}

export function renderText(report: AnnualReport): string {
  const tables = new Map(buildGrids(report).map((t) => [t.section, t]));
  const blocks: string[] = [reportTitle(report), preamble(report)];
  for (const heading of SECTION_TITLES) {
    blocks.push(heading);
    const table = tables.get(heading);
    if (table) blocks.push(tableLines(table).join('\n'));
    else blocks.push(...sectionParagraphs(report, heading));
  }
  return `${blocks.join('\n\n')}\n`;
}
