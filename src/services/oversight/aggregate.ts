// The office's 汇总 (issue #13 item 5): tables 二, 三 and 四 of a year summed over the collected reports of
// its subtree with domain/report/aggregate.ts (a cell is null in the sum when any report lacks it — a blank
// is never 0), the agencies left out listed with their reasons (excluded by the office, not published,
// unreadable, another year's report), each included agency's gaps by label, the agencies covered by the
// report of an agency above them (a 人民政府 whose report sums its area: not summed twice); and trends
// across years of a few key cells for the whole subtree and for one agency (aggregate-trend.ts).
// Streamed: the reports come a batch at a time (streamCollectedItems) and each is folded into a ReportSum
// (TrendSum for the trends) as it arrives; what stays is per agency a line of the lists and its gaps.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ReportSum, type AggregateGroup, type TableKey } from '../../domain/report/aggregate.ts';
import { TrendSum, type TrendPoint } from '../../domain/report/aggregate-trend.ts';
import { labelOf, type Path } from '../../domain/report/layout.ts';
import { coverOf } from '../../domain/report/scope.ts';
import type { AnnualReport } from '../../domain/report/model.ts';
import { streamCollectedItems, type CollectedItem, type CollectOptions } from './collected.ts';
import { overseen } from './common.ts';

export interface AgencyRef {
  code: string;
  name: string;
}

export interface AgencyGaps extends AgencyRef {
  tables: TableKey[];
  /** the cells it lacks (blank, missing, invalid …), by their Chinese labels */
  cells: string[];
}

export interface YearAggregate {
  year: number;
  /** one per table layout (2021 first); usually one */
  groups: AggregateGroup[];
  included: (AgencyRef & { source: string })[];
  excluded: (AgencyRef & { reason: string })[];
  /** not in the sum and not excluded: why (未发布, 无法读取, 年度不符) */
  missing: (AgencyRef & { why: string })[];
  /** not summed on their own: the report of an agency above them covers them (domain/report/scope.ts) */
  covered: (AgencyRef & { by: AgencyRef })[];
  gaps: AgencyGaps[];
}

/** Why an entry is not summed, or null when it is. */
function notSummed(e: CollectedItem, year: number): string | null {
  if (e.source === null) return '未收集到报告（未发布）';
  if (e.report === null) return `报告无法读取${e.unreadable ? `：${e.unreadable}` : ''}`;
  if (e.report.year !== null && e.report.year !== year) return `收集到的是${e.report.year}年度的报告`;
  return null;
}

/**
 * The 汇总 of a year over the office's subtree. `own`: the office's own report (its records), summed with
 * the others — the figures of a report that covers its subtree (report-scope.ts). `asOf` does not change
 * the sum (it dates the review, which the sum does not use). `progress`: after each batch of agencies.
 */
export async function aggregateYear(
  db: Kysely<DB>,
  overseerId: number,
  year: number,
  asOf: string,
  own?: { code: string; name: string; report: AnnualReport },
  options: Pick<CollectOptions, 'progress'> = {},
): Promise<YearAggregate> {
  const agencies = await overseen(db, overseerId);
  // an agency whose report covers its own subtree stands for it: the agencies below it are not summed again
  // (nor read: only the agencies not covered are)
  const cover = coverOf(agencies, overseerId);
  const kept = agencies.filter((a) => !cover.has(a.id));
  const byCode = new Map(kept.map((a) => [a.code, a]));
  const sum = new ReportSum();
  if (own) sum.add({ source: own.code, agency: own.name, year }, own.report);
  const included: YearAggregate['included'] = [];
  const excluded: YearAggregate['excluded'] = [];
  const missing: YearAggregate['missing'] = [];
  for await (const e of streamCollectedItems(db, overseerId, year, { asOf, agencies: kept, progress: options.progress })) {
    const { code, name } = e.agency;
    if (e.exclusion !== null) {
      excluded.push({ code, name, reason: e.exclusion.reason });
      continue;
    }
    const why = notSummed(e, year);
    if (why !== null) missing.push({ code, name, why });
    else if (e.report !== null) {
      sum.add({ source: code, agency: name, year }, e.report, e.status);
      included.push({ code, name, source: e.source ?? '' });
    }
  }
  const groups = sum.result();
  const gaps = groups.flatMap((g) =>
    g.gaps.map((gap) => ({
      code: gap.source,
      name: byCode.get(gap.source)?.name ?? (own && gap.source === own.code ? own.name : gap.source),
      tables: gap.tables,
      cells: Object.values(gap.cells)
        .flat()
        .map((path) => {
          const l = labelOf(path, g.layout.applications);
          return [l.table.split('、')[0], l.row, l.column].filter((x) => x).join(' ');
        }),
    })),
  );
  return {
    year,
    groups,
    included,
    excluded,
    missing,
    covered: agencies.flatMap((a) => {
      const by = cover.get(a.id);
      return by ? [{ code: a.code, name: a.name, by: { code: by.code, name: by.name } }] : [];
    }),
    gaps,
  };
}

/** The key cells whose trends are shown. */
export const TREND_CELLS: readonly { key: string; label: string; at: Path }[] = [
  { key: 'newReceived', label: '新收申请总数', at: ['applications', 'rows', 'newReceived', 6] },
  { key: 'granted', label: '予以公开', at: ['applications', 'rows', 'granted', 6] },
  { key: 'reconsideration', label: '行政复议总计', at: ['review', 'reconsideration', 4] },
  { key: 'litigationDirect', label: '行政诉讼（直接起诉）总计', at: ['review', 'litigationDirect', 4] },
  { key: 'litigationAfter', label: '行政诉讼（复议后起诉）总计', at: ['review', 'litigationAfterReconsideration', 4] },
];

export interface Trends {
  years: number[];
  /** per key cell, one point per year (null value: a report lacks it, or no report) */
  series: { key: string; label: string; points: TrendPoint[] }[];
}

/**
 * The key cells across `years` (oldest first): for the whole subtree (each year's summed reports, the
 * excluded left out) or, with `agencyId`, for that agency alone (its readable reports, excluded or not).
 */
export async function trends(db: Kysely<DB>, overseerId: number, years: readonly number[], asOf: string, agencyId?: number): Promise<Trends> {
  const sum = new TrendSum();
  const agencies = await overseen(db, overseerId);
  const cover = agencyId !== undefined ? new Map() : coverOf(agencies, overseerId);
  const kept = agencies.filter((a) => !cover.has(a.id));
  for (const year of years) {
    for await (const e of streamCollectedItems(db, overseerId, year, { asOf, agencies: kept, ...(agencyId !== undefined ? { agencyId } : {}) })) {
      // one agency: its readable reports, excluded or not; the whole: the summed ones
      if ((agencyId !== undefined || e.exclusion === null) && notSummed(e, year) === null && e.report) sum.add({ report: e.report, year, source: e.agency.code });
    }
  }
  return {
    years: [...years],
    series: TREND_CELLS.map((cell) => {
      const points = sum.points(cell.at);
      const byYear = new Map(points.map((p) => [p.year, p]));
      return { key: cell.key, label: cell.label, points: years.map((y) => byYear.get(y) ?? { year: y, value: null, reports: 0, known: 0, format: 'mixed' as const }) };
    }),
  };
}
