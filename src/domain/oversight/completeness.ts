// Completeness of a collected report: the six sections of the format (国办公开办函〔2021〕30号, 条例第五十条)
// — 一、五、六 are prose (report/publication.ts checkSections), 二、三、四 are the tables — and the tables
// holding figures. A table of which not one cell holds a number is not a table: TABLE_MISSING (the text
// never gives its figures: absent, an image, cut off, labels only) or TABLE_BLANK (its cells are there
// and empty), both errors; all three so is NO_TABLES, an error that the rubric must score 0
// (rubric.ts). These replace the per-row BLANK and MISSING findings of `report check` on such a table
// (one finding per table, not one per row), so the same gap is neither counted twice nor a mere warning.
// Pure.

import { cellCatalogue, getAt, type CellLabel } from '../report/layout.ts';
import type { AnnualReport } from '../report/model.ts';
import { REQUIRED_SECTIONS, checkSections } from '../report/publication.ts';
import type { CellStatus, Diagnostic, Finding } from '../report/types.ts';
import { OVERSIGHT_CODE_INFO, type DraftFinding, type SectionNumber } from './findings.ts';

export const TABLES = ['二', '三', '四'] as const;
export type TableNumber = (typeof TABLES)[number];

const TABLE_TITLES: Record<TableNumber, string> = {
  二: '表二（主动公开政府信息情况）',
  三: '表三（收到和处理政府信息公开申请情况）',
  四: '表四（政府信息公开行政复议、行政诉讼情况）',
};

export interface TableState {
  table: TableNumber;
  /** the table's cells in the report's layout */
  cells: CellLabel[];
  /** cells holding a figure (a number, or the 2019 procurement amount as text) */
  filled: number;
  /** cells the parser saw blank ('/', '-', empty) — or, without a status, every empty cell */
  blank: number;
}

const SECTION_OF_KEY: Record<string, SectionNumber> = { overview: '一', problems: '五', other: '六' };

/** How much of each table the report holds. */
export function tableStates(report: AnnualReport, status: Record<string, CellStatus> = {}): TableState[] {
  const layout = report.format === '2019' ? '2019' : '2021';
  const states = new Map<TableNumber, TableState>(TABLES.map((t) => [t, { table: t, cells: [], filled: 0, blank: 0 }]));
  for (const c of cellCatalogue(layout)) {
    const v = getAt(report, c.at);
    if (v === undefined) continue; // no place in this report (2019-only cells of a 2021 report)
    const state = states.get(c.table.charAt(0) as TableNumber);
    if (!state) continue;
    state.cells.push({ path: c.path, table: c.table, row: c.row, column: c.column });
    if (v !== null) state.filled++;
    else if ((status[c.path] ?? 'blank') === 'blank') state.blank++;
  }
  return TABLES.map((t) => states.get(t) as TableState);
}

export interface Completeness {
  /** NO_TABLES, TABLE_MISSING, TABLE_BLANK, SECTION */
  findings: DraftFinding[];
  /** the tables with no figure at all: report/check's BLANK and MISSING findings on them are replaced */
  emptyTables: Set<TableNumber>;
}

/** The completeness findings; `diagnostics` tell a table absent from the text from one with labels only. */
export function checkCompleteness(report: AnnualReport, status: Record<string, CellStatus> = {}, diagnostics: readonly Diagnostic[] = []): Completeness {
  const findings: DraftFinding[] = [];
  const empty = tableStates(report, status).filter((s) => s.filled === 0);
  const emptyTables = new Set(empty.map((s) => s.table));
  const info = OVERSIGHT_CODE_INFO;
  if (empty.length === TABLES.length) {
    findings.push({
      code: 'NO_TABLES',
      severity: info.NO_TABLES.severity,
      message:
        '报告中表二、表三、表四都没有任何数字（表格可能是图片、被省略或没有填写）。年度报告格式要求以表格报告主动公开、依申请公开和行政复议、行政诉讼的数据；' +
        '没有表格的报告不能通过核对。请要求该机关补充文字形式的表格，或由政务公开办据原件录入数字。',
      cells: [],
    });
  } else {
    for (const s of empty) {
      const notFound = diagnostics.some((d) => d.code === 'TABLE_NOT_FOUND' && d.message.includes(TABLE_TITLES[s.table]));
      const blank = s.blank > 0;
      findings.push({
        code: blank ? 'TABLE_BLANK' : 'TABLE_MISSING',
        severity: info[blank ? 'TABLE_BLANK' : 'TABLE_MISSING'].severity,
        message: blank
          ? `${TABLE_TITLES[s.table]}没有填写任何数字。每个单元格都应填写数字（无则填0），空白不能当作0；请补填整张表。`
          : `${TABLE_TITLES[s.table]}${notFound ? '在报告中找不到' : '只有标签、没有读到任何数字'}（可能是图片、被省略或文本被截断）。年度报告格式要求该表；请要求补充文字形式的表格。`,
        cells: s.cells,
        section: s.table,
      });
    }
  }
  for (const f of checkSections(report)) {
    const key = REQUIRED_SECTIONS.find(([, title]) => f.message.includes(title))?.[0];
    findings.push({ code: 'SECTION', severity: f.severity, message: f.message, cells: [], ...(key ? { section: SECTION_OF_KEY[key] } : {}) });
  }
  return { findings, emptyTables };
}

/** Whether a finding of report/check is a BLANK or MISSING finding on a table that is replaced as a whole. */
export function isReplaced(f: Finding, emptyTables: ReadonlySet<TableNumber>): boolean {
  if (f.rule !== 'BLANK' && f.rule !== 'MISSING') return false;
  return f.cells.length > 0 && f.cells.every((c) => emptyTables.has(c.table.charAt(0) as TableNumber));
}
