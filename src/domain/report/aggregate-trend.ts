// Trends (issue #13): one cell across years, for one agency (its reports year by year) or for the whole
// (all the agencies' reports of each year, summed as aggregate.ts sums them). Pure.

import { layoutFormat, ReportSum } from './aggregate.ts';
import { getAt, pathToString } from './layout.ts';
import type { Path } from './layout.ts';
import type { AnnualReport, Cell, ReportFormat } from './model.ts';

export interface TrendPoint {
  year: number;
  /** the cell (summed over the year's reports); null when a report of the year lacks it, or the year's reports do not share one layout */
  value: Cell;
  /** reports of the year */
  reports: number;
  /** reports of the year that have a number in the cell */
  known: number;
  /**
   * the format of the year's reports ('mixed' when they differ): where it changes (2020 → 2021), a path
   * may change meaning — 三（六）其他处理 becomes 3.其他, 对外公开总数量 becomes 现行有效件数 — and a chart
   * marks the break
   */
  format: ReportFormat;
}

/**
 * Reports folded year by year as they come (each may be dropped once added), then the points of any cell.
 * Reports without a year are left out. Several reports of one year are summed; a year whose reports are of
 * different layouts has no value (they cannot be summed cell by cell).
 */
export class TrendSum {
  readonly #byYear = new Map<number, ReportSum>();
  #n = 0;

  add(item: { report: AnnualReport; year?: number | null; source?: string }): void {
    const year = item.year ?? item.report.year;
    if (year === null) return;
    let sum = this.#byYear.get(year);
    if (!sum) {
      sum = new ReportSum();
      this.#byYear.set(year, sum);
    }
    sum.add({ source: item.source ?? String(this.#n++), agency: item.report.agency, year }, item.report);
  }

  /** The cell at `at` for each year folded, oldest first. */
  points(at: Path): TrendPoint[] {
    const path = pathToString(at);
    return [...this.#byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, sum]) => {
        const groups = sum.result();
        const [group] = groups;
        if (groups.length !== 1 || group === undefined) return { year, value: null, reports: sum.size, known: 0, format: 'mixed' as const };
        const cell = group.cells.find((c) => c.path === path);
        const v = getAt(group.report, at);
        return { year, value: typeof v === 'number' ? v : null, reports: sum.size, known: cell?.known ?? 0, format: layoutFormat(group.layout) };
      });
  }
}

/** The cell at `at` for each year of the series, oldest first (a TrendSum folded over it). */
export function trend(series: Iterable<{ report: AnnualReport; year?: number | null; source?: string }>, at: Path): TrendPoint[] {
  const sum = new TrendSum();
  for (const item of series) sum.add(item);
  return sum.points(at);
}
