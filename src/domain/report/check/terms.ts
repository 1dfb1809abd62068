// What the checks share: cell paths, a cell's value with its labels looked up only when a finding
// needs them, and the equation a rule states. Checks run over many reports: these stay cheap.

import { APPLICANT_COLUMN_LABELS, APPLICATION_ROWS, RESULT_GROUP_LABEL, getAt, labelOf, pathToString, type CellLabel, type Path } from '../layout.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding, RuleId } from '../types.ts';
import { RULES } from './rules.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

export type Layout = '2021' | '2019';
export const layoutOf = (report: AnnualReport): Layout => (report.format === '2019' ? '2019' : '2021');

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const numAt = (report: AnnualReport, at: Path): number | null => {
  const v = getAt(report, at);
  return isNumber(v) ? v : null;
};

export const ROW_PATHS = new Map(APPLICATION_ROWS.map((r) => [r.key, r.path]));
export const rowPath = (key: string): Path => {
  const path = ROW_PATHS.get(key);
  if (!path) throw new Error(`unknown row ${key}`);
  return path;
};

/** The path of cell i of a row or group, built once per row (checks run over many reports). */
export const cellPaths = new WeakMap<Path, Path[]>();
export const cellOf = (base: Path, i: number): Path => {
  let paths = cellPaths.get(base);
  if (!paths) {
    paths = Array.from({ length: 7 }, (_, j) => [...base, j]);
    cellPaths.set(base, paths);
  }
  return paths[i] ?? [...base, i];
};
export const TOTAL = APPLICANT_COLUMN_LABELS.length - 1;
export const REVIEW_TOTAL = 4;
export const COLUMNS = APPLICANT_COLUMN_LABELS.map((_, i) => i);

/** 表三 */
export const tableName = (c: CellLabel): string => `表${c.table.charAt(0)}`;
/** the row label without the 三、本年度办理结果 group that （一）（二）（七） carry */
export const rowName = (c: CellLabel): string =>
  c.row.startsWith(`${RESULT_GROUP_LABEL} `) ? c.row.slice(RESULT_GROUP_LABEL.length + 1) : c.row;
/** 表三「（一）予以公开」行「总计」列 */
export const where = (c: CellLabel): string => `${tableName(c)}「${rowName(c)}」行「${c.column}」列`;

/** A cell's value, and its labels when a finding needs them (looked up only then: checks run hot). */
export class Term {
  private label: CellLabel | undefined;
  readonly value: number | null;
  constructor(
    private readonly report: AnnualReport,
    private readonly at: Path,
  ) {
    this.value = numAt(report, at);
  }
  get cell(): CellLabel {
    this.label ??= labelOf(pathToString(this.at), layoutOf(this.report));
    return this.label;
  }
}
export const termAt = (report: AnnualReport, at: Path): Term => new Term(report, at);
export const sum = (ts: Term[]): number => ts.reduce((s, t) => s + (t.value ?? 0), 0);
export const plus = (ts: Term[]): string => ts.map((t) => t.value).join(' + ');

/**
 * The equation Σlhs = Σrhs, about rhs[0] (the total): a finding when every cell is a number and it
 * does not hold. Cells: rhs[0], the rest of rhs, then lhs.
 */
export function equation(rule: RuleId, lhs: Term[], rhs: Term[], message: (l: number, r: number) => string): Finding[] {
  const [subject, ...others] = rhs;
  if (!subject || subject.value === null || [...lhs, ...others].some((t) => t.value === null)) return [];
  const l = sum(lhs);
  const r = sum(rhs);
  if (Math.abs(l - r) < 1e-9) return [];
  return [
    {
      rule,
      severity: RULES[rule].severity,
      cells: [subject, ...others, ...lhs].map((t) => t.cell),
      expected: l - sum(others),
      found: subject.value,
      message: message(l, r),
    },
  ];
}

