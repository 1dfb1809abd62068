// Summing annual reports cell by cell (issue #13, 汇总): tables 二, 三 and 四 of a set of reports — the
// agencies below a government — added up, one source at a time, so a caller can fold reports in as they
// are read and keep none of them.
//
// - A summed cell is null when ANY source lacks it (blank, missing, invalid or null): a blank is never 0.
//   Each source that lacks cells is listed with them (its gaps), and with the tables it lacks altogether.
// - Reports are summed only with reports of the same table layout. The 2019 trial format (国办公开办函
//   〔2019〕60号) and the 2021 format differ in table 二 (other columns, other items) and in 三（六）(one
//   row against three), so a cell of one is not the same figure as the cell of the other at the same
//   path: the sum is made per layout, one group each (a 'mixed' report — table 二 of one format, 三 of the
//   other — is a layout of its own). Converting a 2021 report down to the trial format (toTrialFormat)
//   would lose 三（六）1–2 and 本年废止件数; a 2019 report cannot be converted up.
// - Free-text cells (2019: 政府集中采购 采购总金额, e.g. "184719元") are not summed: null in the sum, and
//   not a gap.
// - Sums are exact whatever the order: integers are added as integers, decimals (收费金额, 万元) as whole
//   millionths, so the sum of a set does not depend on the order its reports come in.

import { cellCatalogue, getAt, setAt } from './layout.ts';
import type { CataloguedCell, CellLabel } from './layout.ts';
import { emptyReport, emptyTrial2019 } from './model.ts';
import type { AnnualReport, Cell, ReportFormat } from './model.ts';
import type { CellStatus } from './types.ts';

export type TableKey = '二' | '三' | '四';
export const TABLE_KEYS: readonly TableKey[] = ['二', '三', '四'];

/** The layout of a report's tables: table 二's and table 三's (table 四 is the same in both formats). */
export interface TableLayout {
  active: '2021' | '2019';
  applications: '2021' | '2019';
}

/** Why a source lacks a cell: the parser's reason (blank, missing, invalid), or none known (a stored report's null). */
export type GapReason = CellStatus | 'none';
export const GAP_REASONS: readonly GapReason[] = ['blank', 'missing', 'invalid', 'none'];

/** Who a report came from: a file, or an agency's published report. */
export interface AggregateSource {
  /** the file's path, or the agency's code */
  source: string;
  /** the agency's name: as the report states it (files) or as registered (agency mode); null if unknown */
  agency: string | null;
  year: number | null;
  format: ReportFormat;
}

/** What one source lacks: whole tables, and the cells (by reason) of the tables it has. */
export interface SourceGaps {
  source: string;
  /** tables of which the source has no number at all (their cells are not listed one by one) */
  tables: TableKey[];
  /** JSON paths of the cells it lacks, by reason */
  cells: Partial<Record<GapReason, string[]>>;
}

export interface AggregatedCell extends CellLabel {
  key: TableKey;
  /** the sum; null when a source lacks the cell */
  value: Cell;
  /** how many sources have a number in the cell */
  known: number;
  /** the sum over the sources that have a number (null when none has): to say how far an incomplete sum got */
  partial: Cell;
}

export interface AggregateGroup {
  layout: TableLayout;
  format: ReportFormat;
  /** the sum as interchange JSON: year when all sources share one, agency null, no prose */
  report: AnnualReport;
  /** sorted by source */
  sources: AggregateSource[];
  /** the sources that lack something, sorted by source */
  gaps: SourceGaps[];
  /** every summed cell in reading order, with its labels */
  cells: AggregatedCell[];
}

/** The layout of a report's tables. A 'mixed' report tells by what it holds: trial2019 (二), the 2021-only rows of 三. */
export function tableLayout(report: AnnualReport): TableLayout {
  if (report.format === '2019' || report.format === '2021') return { active: report.format, applications: report.format };
  return {
    active: report.trial2019 !== undefined ? '2019' : '2021',
    applications: Array.isArray(report.applications.rows.otherHandling.noCorrection) ? '2021' : '2019',
  };
}

export function layoutKey(layout: TableLayout): string {
  return layout.active === layout.applications ? layout.active : `${layout.active}/${layout.applications}`;
}

export function layoutFormat(layout: TableLayout): ReportFormat {
  return layout.active === layout.applications ? layout.active : 'mixed';
}

export type SummedCell = CataloguedCell & { key: TableKey };

const cellsByLayout = new Map<string, readonly SummedCell[]>();

/** The numeric cells a layout sums, in reading order: 二 of its table-二 format, 三 of its table-三 format, 四. */
export function summedCells(layout: TableLayout): readonly SummedCell[] {
  const k = layoutKey(layout);
  let cells = cellsByLayout.get(k);
  if (!cells) {
    const of = (format: '2021' | '2019', key: TableKey): SummedCell[] =>
      cellCatalogue(format)
        .filter((c) => c.table.startsWith(key) && !c.text)
        .map((c) => ({ ...c, key }));
    cells = Object.freeze([...of(layout.active, '二'), ...of(layout.applications, '三'), ...of('2021', '四')]);
    cellsByLayout.set(k, cells);
  }
  return cells;
}

const MICRO = 1_000_000;
const REASON_CODE: Record<GapReason, number> = { blank: 0, missing: 1, invalid: 2, none: 3 };

/** A source's gaps as kept while folding: indexes into the layout's cells and reason codes, two bytes a cell. */
interface CompactGaps {
  source: string;
  tables: TableKey[];
  cells: Uint16Array;
  reasons: Uint8Array;
}

/** The running sum of one layout. */
class GroupSum {
  readonly layout: TableLayout;
  readonly cells: readonly SummedCell[];
  readonly #integers: Float64Array;
  readonly #millionths: Float64Array;
  readonly #known: Uint32Array;
  readonly sources: AggregateSource[] = [];
  readonly gaps: CompactGaps[] = [];

  constructor(layout: TableLayout) {
    this.layout = layout;
    this.cells = summedCells(layout);
    this.#integers = new Float64Array(this.cells.length);
    this.#millionths = new Float64Array(this.cells.length);
    this.#known = new Uint32Array(this.cells.length);
  }

  add(source: AggregateSource, report: AnnualReport, status: Readonly<Record<string, CellStatus>>): SourceGaps | null {
    const lacking: number[] = [];
    const has: Record<TableKey, boolean> = { 二: false, 三: false, 四: false };
    this.cells.forEach((cell, i) => {
      const v = getAt(report, cell.at);
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (Number.isInteger(v)) this.#integers[i] = (this.#integers[i] ?? 0) + v;
        else this.#millionths[i] = (this.#millionths[i] ?? 0) + Math.round(v * MICRO);
        this.#known[i] = (this.#known[i] ?? 0) + 1;
        has[cell.key] = true;
      } else lacking.push(i);
    });
    this.sources.push(source);
    if (lacking.length === 0) return null;
    const tables = TABLE_KEYS.filter((t) => !has[t]);
    const listed = lacking.filter((i) => has[this.cells[i]?.key ?? '二']);
    const gaps: CompactGaps = {
      source: source.source,
      tables,
      cells: Uint16Array.from(listed),
      reasons: Uint8Array.from(listed, (i) => REASON_CODE[status[this.cells[i]?.path ?? ''] ?? 'none']),
    };
    this.gaps.push(gaps);
    return expandGaps(gaps, this.cells);
  }

  /** The sum of cell i: null unless every source has it. */
  value(i: number, partial = false): Cell {
    const known = this.#known[i] ?? 0;
    if (partial ? known === 0 : known !== this.sources.length || known === 0) return null;
    return (this.#integers[i] ?? 0) + (this.#millionths[i] ?? 0) / MICRO;
  }

  result(): AggregateGroup {
    const report = emptyReport(this.layout.applications);
    report.format = layoutFormat(this.layout);
    if (this.layout.active === '2019') report.trial2019 = emptyTrial2019();
    const years = new Set(this.sources.map((s) => s.year));
    const [only] = years;
    report.year = years.size === 1 && only !== undefined ? only : null;
    const cells = this.cells.map((c, i): AggregatedCell => {
      const value = this.value(i);
      setAt(report, c.at, value);
      return { path: c.path, table: c.table, row: c.row, column: c.column, key: c.key, value, known: this.#known[i] ?? 0, partial: this.value(i, true) };
    });
    const bySource = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
    return {
      layout: this.layout,
      format: report.format,
      report,
      sources: [...this.sources].sort(bySource),
      gaps: this.gaps.map((g) => expandGaps(g, this.cells)).sort(bySource),
      cells,
    };
  }
}

function expandGaps(gaps: CompactGaps, cells: readonly SummedCell[]): SourceGaps {
  const byReason: Partial<Record<GapReason, string[]>> = {};
  gaps.cells.forEach((index, k) => {
    const reason = GAP_REASONS[gaps.reasons[k] ?? 3] ?? 'none';
    (byReason[reason] ??= []).push(cells[index]?.path ?? '');
  });
  return { source: gaps.source, tables: [...gaps.tables], cells: byReason };
}

/**
 * The sum of reports added one by one; each report may be dropped once added (only its source and its
 * gaps are kept). `result()` gives one group per table layout, the 2021 format first.
 */
export class ReportSum {
  readonly #groups = new Map<string, GroupSum>();

  /**
   * Adds a report. `status` is the parser's reason per null cell (ParseResult.status), when there is one.
   * Returns the source's gaps (null: it has every cell).
   */
  add(source: Omit<AggregateSource, 'format'> & { format?: ReportFormat }, report: AnnualReport, status: Readonly<Record<string, CellStatus>> = {}): SourceGaps | null {
    const layout = tableLayout(report);
    const key = layoutKey(layout);
    let group = this.#groups.get(key);
    if (!group) {
      group = new GroupSum(layout);
      this.#groups.set(key, group);
    }
    return group.add({ source: source.source, agency: source.agency, year: source.year, format: source.format ?? report.format }, report, status);
  }

  /** How many reports were added. */
  get size(): number {
    let n = 0;
    for (const g of this.#groups.values()) n += g.sources.length;
    return n;
  }

  result(): AggregateGroup[] {
    const order = (g: GroupSum) => (g.layout.applications === '2021' ? 0 : 2) + (g.layout.active === '2021' ? 0 : 1);
    return [...this.#groups.values()].sort((a, b) => order(a) - order(b)).map((g) => g.result());
  }
}

/** The sum of a list of reports (a ReportSum folded over it). */
export function sumReports(items: Iterable<{ source: Omit<AggregateSource, 'format'>; report: AnnualReport; status?: Readonly<Record<string, CellStatus>> }>): AggregateGroup[] {
  const sum = new ReportSum();
  for (const item of items) sum.add(item.source, item.report, item.status);
  return sum.result();
}
