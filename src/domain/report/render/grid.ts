// The tables of 二, 三 and 四 as grids of cells with their merges, built once from layout.ts and drawn by
// every renderer (HTML, DOCX, XLSX as they are; text and Markdown flattened).

import type { AnnualReport } from '../model.ts';
import {
  ACTIVE_DISCLOSURE_2019,
  ACTIVE_DISCLOSURE_2021,
  APPLICANT_COLUMN_LABELS,
  APPLICANT_HEADER_GROUP,
  APPLICANT_HEADER_NOTE,
  LEGAL_PERSON_GROUP,
  REVIEW_COLUMN_LABELS,
  REVIEW_GROUPS,
  RESULT_GROUP_LABEL,
  SECTION_TITLES,
  applicationRows,
  getAt,
  pathToString,
  type ApplicationRowSpec,
  type Path,
} from '../layout.ts';
import { cellText, tableFormat, type SectionTitle } from './common.ts';

export type Scope = 'col' | 'row' | 'colgroup' | 'rowgroup';

export interface GridCell {
  /** what the cell shows; '' for a null data cell */
  text: string;
  /** a label cell (<th>) rather than a data cell */
  header: boolean;
  /** header cells only */
  scope?: Scope;
  colSpan: number;
  rowSpan: number;
  /** data cells only: the value in the model (number, free text, or null for a blank) */
  value?: number | string | null;
  /** data cells only: the cell's JSON path (pathToString), as findings name it */
  path?: string;
}

export interface GridRow {
  /** title: a sub-table's heading (二 第二十条第（…）项); head: column labels; data: a row with data cells */
  role: 'title' | 'head' | 'data';
  cells: GridCell[];
  /** data rows: the row's labels flattened into one, e.g. "（三）不予公开 1.属于国家秘密" (text and Markdown) */
  label?: string;
}

export interface GridTable {
  key: 'active' | 'applications' | 'review';
  section: SectionTitle;
  caption: string;
  /** number of grid columns */
  columns: number;
  /** relative widths of the grid columns */
  widths: number[];
  /** column label rows above every body (三, 四) */
  head: GridRow[];
  /** groups of rows (二: one per sub-table; 三: 一二 / 三、本年度办理结果 / 四) */
  bodies: GridRow[][];
}

export interface PlacedCell {
  cell: GridCell;
  /** 0-based grid row over head and bodies, in order */
  row: number;
  col: number;
}

const th = (text: string, scope: Scope, colSpan = 1, rowSpan = 1): GridCell => ({ text, header: true, scope, colSpan, rowSpan });
const td = (value: unknown, at: Path, colSpan = 1): GridCell => {
  const v = typeof value === 'number' || typeof value === 'string' ? value : null;
  return { text: cellText(v), header: false, colSpan, rowSpan: 1, value: v, path: pathToString(at) };
};

/**
 * The label of a row of 三 on one line: a sub-row with its group (（三）不予公开 1.属于国家秘密); the rows
 * directly under 三、本年度办理结果 by their own label, the group having its own line.
 */
export function fullRowLabel(row: ApplicationRowSpec): string {
  return row.group && row.group !== RESULT_GROUP_LABEL ? `${row.group} ${row.label}` : row.label;
}

/** Items split into runs of neighbours that belong together. */
function consecutive<T>(items: readonly T[], together: (a: T, b: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last !== undefined && together(last, item)) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

const captionOf = (section: SectionTitle): string => section.replace(/^[一二三四五六]、/, '');

// 二 --------------------------------------------------------------------------------------------

function activeDisclosureGrid(report: AnnualReport): GridTable {
  const subtables = tableFormat(report) === '2019' ? ACTIVE_DISCLOSURE_2019 : ACTIVE_DISCLOSURE_2021;
  const columns = Math.max(...subtables.map((s) => s.header.length));
  // the last cell of a row narrower than the table spans the remaining columns, as in the official table
  const span = (i: number, count: number, from: number) => (i === count - 1 ? columns - from - i : 1);
  const bodies = subtables.map((sub): GridRow[] => [
    { role: 'title', cells: [th(sub.item, 'rowgroup', columns)] },
    { role: 'head', cells: sub.header.map((label, i) => th(label, 'col', span(i, sub.header.length, 0))) },
    ...sub.rows.map(
      (row): GridRow => ({
        role: 'data',
        label: row.label,
        cells: [th(row.label, 'row'), ...row.cells.map((path, i) => td(getAt(report, path), path, span(i, row.cells.length, 1)))],
      }),
    ),
  ]);
  const widths = [3, ...Array.from({ length: columns - 1 }, () => 2)];
  const section = SECTION_TITLES[1];
  return { key: 'active', section, caption: captionOf(section), columns, widths, head: [], bodies };
}

// 三 --------------------------------------------------------------------------------------------

function applicationsGrid(report: AnnualReport): GridTable {
  const specs = applicationRows(tableFormat(report));
  // label columns: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 (two when no row has a sub-group)
  const labelCols = specs.some((r) => r.group && r.group !== RESULT_GROUP_LABEL) ? 3 : 2;
  const n = APPLICANT_COLUMN_LABELS.length;
  const [natural, ...rest] = APPLICANT_COLUMN_LABELS;
  const legal = rest.slice(0, -1);
  const total = rest[rest.length - 1] ?? '';
  const head: GridRow[] = [
    { role: 'head', cells: [th(APPLICANT_HEADER_NOTE, 'col', labelCols, 3), th(APPLICANT_HEADER_GROUP, 'colgroup', n)] },
    { role: 'head', cells: [th(natural, 'col', 1, 2), th(LEGAL_PERSON_GROUP, 'colgroup', legal.length), th(total, 'col', 1, 2)] },
    { role: 'head', cells: legal.map((l) => th(l, 'col')) },
  ];
  const data = (spec: ApplicationRowSpec, labels: GridCell[]): GridRow => {
    const values = getAt(report, spec.path);
    const row = Array.isArray(values) ? (values as unknown[]) : [];
    return { role: 'data', label: fullRowLabel(spec), cells: [...labels, ...APPLICANT_COLUMN_LABELS.map((_, i) => td(row[i], [...spec.path, i]))] };
  };

  // bodies: the rows before the result group (一、二), the result group, the rows after it (四)
  const resultBody = (block: ApplicationRowSpec[]): GridRow[] =>
    consecutive(block, (a, b) => a.group === b.group).flatMap((group, g) =>
      group.map((r, k) => {
        const cells: GridCell[] = g === 0 && k === 0 ? [th(RESULT_GROUP_LABEL, 'rowgroup', 1, block.length)] : [];
        if (r.group === RESULT_GROUP_LABEL) cells.push(th(r.label, 'row', labelCols - 1));
        else cells.push(...(k === 0 ? [th(r.group ?? '', 'row', 1, group.length)] : []), th(r.label, 'row'));
        return data(r, cells);
      }),
    );
  const bodies = consecutive(specs, (a, b) => !a.group === !b.group).map((block) =>
    block[0]?.group ? resultBody(block) : block.map((r) => data(r, [th(r.label, 'row', labelCols)])),
  );
  const widths = labelCols === 3 ? [2, 3, 8, ...Array.from({ length: n }, () => 2)] : [2, 10, ...Array.from({ length: n }, () => 2)];
  const section = SECTION_TITLES[2];
  return { key: 'applications', section, caption: captionOf(section), columns: labelCols + n, widths, head, bodies };
}

// 四 --------------------------------------------------------------------------------------------

function reviewGrid(report: AnnualReport): GridTable {
  const n = REVIEW_COLUMN_LABELS.length;
  // consecutive groups with the same label (行政诉讼 → 未经复议直接起诉, 复议后起诉) share one header cell
  const families = consecutive(REVIEW_GROUPS, (a, b) => a.label === b.label);
  const deep = REVIEW_GROUPS.some((g) => g.sublabel);
  const labels = (rowSpan: number) => REVIEW_COLUMN_LABELS.map((l) => th(l, 'col', 1, rowSpan));
  const head: GridRow[] = [
    { role: 'head', cells: families.map((f) => th(f[0]?.label ?? '', 'colgroup', n * f.length)) },
    { role: 'head', cells: REVIEW_GROUPS.flatMap((g) => (g.sublabel ? [th(g.sublabel, 'colgroup', n)] : labels(deep ? 2 : 1))) },
  ];
  if (deep) head.push({ role: 'head', cells: REVIEW_GROUPS.filter((g) => g.sublabel).flatMap(() => labels(1)) });
  const values = REVIEW_GROUPS.flatMap((g) => {
    const row = getAt(report, g.path);
    return REVIEW_COLUMN_LABELS.map((_, i) => td(Array.isArray(row) ? (row as unknown[])[i] : null, [...g.path, i]));
  });
  const section = SECTION_TITLES[3];
  const columns = n * REVIEW_GROUPS.length;
  return {
    key: 'review',
    section,
    caption: captionOf(section),
    columns,
    widths: Array.from({ length: columns }, () => 1),
    head,
    bodies: [[{ role: 'data', cells: values }]],
  };
}

/** The three tables of a report, in the layout of its format. */
export function buildGrids(report: AnnualReport): GridTable[] {
  return [activeDisclosureGrid(report), applicationsGrid(report), reviewGrid(report)];
}

/** Every row of a table, head first. */
export function allRows(table: GridTable): GridRow[] {
  return [...table.head, ...table.bodies.flat()];
}

/** The grid position of every cell, filling the places left by the row and column spans above, as HTML does. */
export function placeCells(rows: GridRow[]): PlacedCell[] {
  const taken = new Set<string>();
  const out: PlacedCell[] = [];
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (taken.has(`${r},${col}`)) col++;
      out.push({ cell, row: r, col });
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${col + dc}`);
      col += cell.colSpan;
    }
  });
  return out;
}
