// Summing annual reports (issue #13, 汇总): the use cases behind `gongkai report aggregate`.
//   files   every report file under the folders named, read through the parse pool a few at a time
//           and folded into the running sum as each arrives (domain/report/aggregate.ts): no parsed
//           report is kept, only each source and its gaps.
//   agency  the published reports (published_reports) of every agency below one (agencies.parent_id,
//           all levels) for a year; the agencies without one are listed as missing, never counted as 0;
//           those below an agency whose report covers its subtree (a 人民政府's) are listed as covered,
//           not summed twice (domain/report/scope.ts).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ReportSum } from '../domain/report/aggregate.ts';
import type { AggregateGroup } from '../domain/report/aggregate.ts';
import { readReportJson } from '../domain/report/json.ts';
import { coverOf } from '../domain/report/scope.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { findAgency } from './agencies.ts';
import type { AgencyView } from './agencies.ts';
import { parsePool } from './parse-pool/index.ts';
import { expandReportPaths, readReportFile } from './report-files.ts';

export interface Unreadable {
  /** the file, or the agency's code */
  source: string;
  error: string;
}

export interface Skipped {
  source: string;
  reason: string;
}

export interface AggregateRun {
  /** one sum per table layout (2021 format, 2019 trial format, mixed) */
  groups: AggregateGroup[];
  /** reports summed */
  summed: number;
  unreadable: Unreadable[];
  /** with a year asked: files whose report states no year */
  skipped: Skipped[];
  /** with a year asked: reports of other years, left out */
  otherYears: number;
}

export interface AggregateProgress {
  /** how many steps there will be (files, or agencies) */
  start?: (total: number) => void;
  /** after each step, with the file or agency just done */
  step?: (done: number, label: string) => void;
}

export interface FileAggregateRun extends AggregateRun {
  /** report files found */
  files: number;
}

/**
 * Sums every report file under `paths` (folders walked as `report check` walks them). With `year`, only the
 * reports of that year (the year the report states); files stating none are listed as skipped. Files are
 * read through the process's parse pool, as many at once as keep its threads busy.
 */
export async function aggregateReportFiles(paths: readonly string[], options: { year?: number; progress?: AggregateProgress; concurrency?: number } = {}): Promise<FileAggregateRun> {
  const { files, errors } = await expandReportPaths(paths);
  const sum = new ReportSum();
  const unreadable: Unreadable[] = errors.map((e) => ({ source: e.file, error: e.error }));
  const skipped: Skipped[] = [];
  let otherYears = 0;
  options.progress?.start?.(files.length);
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++] as string;
      const r = await readReportFile(file);
      if (!r.ok) unreadable.push({ source: file, error: r.error });
      else if (options.year !== undefined && r.report.year === null) skipped.push({ source: file, reason: '报告中没有找到统计年度，无法判断是否属于所汇总的年度' });
      else if (options.year !== undefined && r.report.year !== options.year) otherYears++;
      else sum.add({ source: file, agency: r.report.agency, year: r.report.year }, r.report, r.status);
      options.progress?.step?.(++done, file);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? parsePool().options.threads * 2, files.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  const bySource = (a: { source: string }, b: { source: string }) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0);
  return { groups: sum.result(), summed: sum.size, unreadable: unreadable.sort(bySource), skipped: skipped.sort(bySource), otherYears, files: files.length };
}

export interface AgencyAggregateRun extends AggregateRun {
  agency: AgencyView;
  year: number;
  /** the agencies below it, all levels */
  agencies: number;
  /** agencies below it without a published report of the year */
  missing: { code: string; name: string }[];
  /** agencies below it covered by the report of an agency between (domain/report/scope.ts): not summed again */
  covered: { code: string; name: string; by: { code: string; name: string } }[];
}

export const AGENCY_HAS_NO_SUBORDINATES = 'AGENCY_HAS_NO_SUBORDINATES';

/** The agencies below one, all levels (a cycle in parent_id ends the walk), by code; with each one's published report of the year, if any. */
async function subordinates(db: Kysely<DB>, rootId: number, year: number): Promise<{ id: number; parentId: number | null; level: string; reportScope: string | null; code: string; name: string; reportId: number | null }[]> {
  const rows = await db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('agencies')
        .select('id')
        .where('parentId', '=', rootId)
        .union(qb.selectFrom('agencies as a').innerJoin('tree', 'tree.id', 'a.parentId').select('a.id')),
    )
    .selectFrom('tree')
    .innerJoin('agencies as a', 'a.id', 'tree.id')
    .leftJoin('publishedReports as r', (join) => join.onRef('r.agencyId', '=', 'a.id').on('r.year', '=', year))
    .select(['a.id', 'a.parentId', 'a.level', 'a.reportScope', 'a.code', 'a.name', 'r.id as reportId'])
    .where('a.id', '<>', rootId)
    .orderBy('a.code')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    parentId: r.parentId === null ? null : Number(r.parentId),
    level: r.level,
    reportScope: r.reportScope,
    code: r.code,
    name: r.name,
    reportId: r.reportId === null ? null : Number(r.reportId),
  }));
}

/**
 * Sums the published reports of `year` of every agency below `code`. Each report is fetched, checked
 * against the interchange schema and folded in one at a time.
 */
export async function aggregateAgencyReports(db: Kysely<DB>, code: string, year: number, progress: AggregateProgress = {}): Promise<DomainResult<AgencyAggregateRun>> {
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const agency = found.value;
  const below = await subordinates(db, agency.id, year);
  if (below.length === 0) {
    return {
      ok: false,
      error: {
        code: AGENCY_HAS_NO_SUBORDINATES,
        message: `机关“${agency.name}”（${agency.code}）没有下级机关，没有可汇总的年度报告。下级机关可用 gongkai agency create --parent ${agency.code} 创建。`,
        field: 'agency',
      },
    };
  }
  const sum = new ReportSum();
  const unreadable: Unreadable[] = [];
  const missing: { code: string; name: string }[] = [];
  const cover = coverOf(below, agency.id);
  const covered: AgencyAggregateRun['covered'] = [];
  progress.start?.(below.length);
  for (const [i, a] of below.entries()) {
    const by = cover.get(a.id);
    if (by) covered.push({ code: a.code, name: a.name, by: { code: by.code, name: by.name } });
    else if (a.reportId === null) missing.push({ code: a.code, name: a.name });
    else {
      const row = await db.selectFrom('publishedReports').select('report').where('id', '=', a.reportId).executeTakeFirst();
      const read = row ? readReportJson(row.report) : { ok: false as const, errors: ['报告已被撤回'] };
      if (read.ok) sum.add({ source: a.code, agency: a.name, year }, read.report);
      else unreadable.push({ source: a.code, error: `${a.name}${year}年度已发布的报告数据不符合交换格式，无法汇总：${read.errors[0] ?? ''}` });
    }
    progress.step?.(i + 1, a.name);
  }
  return { ok: true, value: { agency, year, agencies: below.length, missing, covered, groups: sum.result(), summed: sum.size, unreadable, skipped: [], otherYears: 0 } };
}
