// The figures of a report that covers the agency's subtree (issue #13: "the government's own report drafted
// from the sum plus its own records"): where the agency's report scope is 'subtree' (domain/report/
// scope.ts — a 人民政府 unless set otherwise) and agencies are below it, tables 二, 三 and 四 of its draft
// are its own computed tables plus the reports the office collected from its subtree (oversight/
// aggregate.ts: the office's exclusions honoured, agencies covered by a 人民政府 below not summed twice).
// The sum is not allowed to look complete when it is not: an agency that has not published (or whose
// report cannot be read, or is of another table format) and is not excluded leaves every cell blank, and
// a report lacking a cell leaves that cell blank — the checks of publication then refuse the draft until
// the office collects the report, enters its figures by hand or excludes it with a reason, which the
// report states (section 六).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { layoutKey, summedCells, tableLayout } from '../domain/report/aggregate.ts';
import { setAt } from '../domain/report/layout.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { effectiveScope, type ReportScope } from '../domain/report/scope.ts';
import type { ScopeFacts } from '../domain/report/draft/types.ts';
import { overseen, beijingDay } from './oversight/common.ts';
import { aggregateYear } from './oversight/aggregate.ts';

export interface ScopedAgency {
  id: number;
  code: string;
  name: string;
  level: string;
  reportScope: string | null;
}

export interface ScopedReport {
  scope: ReportScope;
  /** the tables as the draft states them: own, or own plus the subtree's sum */
  report: AnnualReport;
  /** null: the report is of the agency's own records only */
  facts: ScopeFacts | null;
}

/**
 * The agency's computed report with the subtree's reports added where its scope says so. `asOf` (YYYY-MM-DD,
 * default today in Beijing) is the day of reference for the collection (lateness; the sum does not depend
 * on it).
 */
export async function scopedReport(db: Kysely<DB>, agency: ScopedAgency, own: AnnualReport, asOf?: string): Promise<ScopedReport> {
  const scope = effectiveScope(agency.level, agency.reportScope);
  if (scope === 'own') return { scope, report: own, facts: null };
  const below = await overseen(db, agency.id);
  if (below.length === 0) return { scope, report: own, facts: null };
  const year = own.year ?? 0;
  const aggregate = await aggregateYear(db, agency.id, year, asOf ?? beijingDay(new Date().toISOString()), { code: agency.code, name: agency.name, report: own });
  const key = layoutKey(tableLayout(own));
  const group = aggregate.groups.find((g) => layoutKey(g.layout) === key);
  const otherFormat = aggregate.groups
    .filter((g) => g !== group)
    .flatMap((g) => g.sources.map((s) => ({ code: s.source, name: s.agency ?? s.source, why: '报告的表格格式与本报告不同，不能逐格相加' })));
  const missing = [...aggregate.missing, ...otherFormat];
  const report = structuredClone(own);
  if (group) {
    report.activeDisclosure = structuredClone(group.report.activeDisclosure);
    report.applications = structuredClone(group.report.applications);
    report.review = structuredClone(group.report.review);
    if (group.report.trial2019 !== undefined) report.trial2019 = structuredClone(group.report.trial2019);
  }
  // an agency not summed and not excluded: the total is not known, so no cell is stated
  if (missing.length > 0) for (const cell of summedCells(tableLayout(own))) setAt(report, cell.at, null);
  const ownGaps = aggregate.gaps.find((g) => g.code === agency.code) ?? null;
  return {
    scope,
    report,
    facts: {
      included: aggregate.included.filter((i) => i.code !== agency.code).map(({ code, name }) => ({ code, name })),
      excluded: aggregate.excluded.map(({ code, name, reason }) => ({ code, name, reason })),
      missing,
      covered: aggregate.covered.map(({ code, name, by }) => ({ code, name, by: by.name })),
      gaps: aggregate.gaps.filter((g) => g.code !== agency.code).map(({ code, name, cells, tables }) => ({ code, name, cells, tables })),
      ownGaps: ownGaps ? ownGaps.cells.length : 0,
    },
  };
}
