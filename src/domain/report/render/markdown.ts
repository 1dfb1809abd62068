// The report as Markdown: headings and GitHub pipe tables. Merged cells are flattened: a column is labelled
// by the header cells above it ("行政诉讼 未经复议直接起诉 结果维持"), a row by its full label
// ("（三）不予公开 1.属于国家秘密"); 二's sub-tables become one table each under their 第二十条 heading.

import type { AnnualReport } from '../model.ts';
import { SECTION_TITLES } from '../layout.ts';
import { preamble, reportTitle, sectionParagraphs } from './common.ts';
import { allRows, buildGrids, placeCells, type GridCell, type GridRow, type GridTable } from './grid.ts';

const md = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
const pipeRow = (cells: string[]): string => `| ${cells.map(md).join(' | ')} |`;

/** Column labels of a pipe table from the header rows above its data: one per leaf header cell. */
function columnLabels(headRows: GridRow[], columns: number, labelColumns: number): string[] {
  const placed = placeCells(headRows);
  const dataColumns = columns - labelColumns;
  const labels: string[] = [];
  let previousLeaf: GridCell | undefined;
  for (let col = 0; col < columns; col++) {
    const over = placed.filter((p) => p.col <= col && col < p.col + p.cell.colSpan).sort((a, b) => a.row - b.row);
    const leaf = over[over.length - 1]?.cell;
    if (!leaf || leaf === previousLeaf) continue;
    previousLeaf = leaf;
    // a cell over every data column (申请人情况) says nothing about any one of them
    const texts = over.map((p) => p.cell).filter((c) => col < labelColumns || c.colSpan < dataColumns || c === leaf).map((c) => c.text);
    labels.push([...new Set(texts)].join(' '));
  }
  return labels;
}

function tableMarkdown(table: GridTable): string[] {
  const out: string[] = [];
  let head: GridRow[] = [];
  let open = false;
  for (const row of allRows(table)) {
    if (row.role === 'title') {
      open = false;
      head = [];
      out.push('', `**${md(row.cells.map((c) => c.text).join(' '))}**`);
    } else if (row.role === 'head') {
      if (open) head = [];
      open = false;
      head.push(row);
    } else {
      const data = row.cells.filter((c) => !c.header);
      if (!open) {
        const labelColumns = table.columns - data.reduce((n, c) => n + c.colSpan, 0);
        const labels = columnLabels(head, table.columns, labelColumns);
        out.push('', pipeRow(labels), `|${labels.map((_, i) => (i < (labelColumns ? 1 : 0) ? ' --- |' : ' ---: |')).join('')}`);
        open = true;
      }
      out.push(pipeRow([...(row.label === undefined ? [] : [row.label]), ...data.map((c) => c.text)]));
    }
  }
  return out;
}

export function renderMarkdown(report: AnnualReport): string {
  const tables = new Map(buildGrids(report).map((t) => [t.section, t]));
  const out: string[] = [`# ${md(reportTitle(report))}`, '', preamble(report)];
  for (const heading of SECTION_TITLES) {
    out.push('', `## ${heading}`);
    const table = tables.get(heading);
    if (table) out.push(...tableMarkdown(table));
    else for (const p of sectionParagraphs(report, heading)) out.push('', p);
  }
  return `${out.join('\n')}\n`;
}
