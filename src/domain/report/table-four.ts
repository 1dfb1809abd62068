// Table 四 (政府信息公开行政复议、行政诉讼情况) computed from the agency's register of cases. Pure.
//
// Three groups — 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 — each [结果维持, 结果纠正,
// 其他结果, 尚未审结, 总计], 总计 their sum (R6). Each case record is one proceeding and counts in its own
// group: a 复议 followed by a lawsuit is two records, counted in 行政复议 and in 复议后起诉 (domain.md
// §2.6 leaves it UNCONFIRMED; this is the reading of the records as they are kept).
//
// Which year a case counts in is a setting of the agency (UNCONFIRMED practice, plan-notes "#12 table 四
// results"): by default the year it was received, with its result as of 12-31 of that year (concluded
// later: 尚未审结 there), and never again; or the year it concluded, and as 尚未审结 in every year it is
// pending at 12-31. 驳回诉讼请求 / 驳回行政复议请求 count as 维持 by default (setting: 其他).

import type { Review, ReviewRow } from './model.ts';
import { groupOfResult } from '../records/vocab.ts';
import type { CaseResult, CaseType, ResultGroup, TableFourSettings } from '../records/vocab.ts';

/** What table 四 needs of a case. */
export interface CaseFacts {
  type: CaseType;
  /** YYYY-MM-DD */
  receivedOn: string;
  concludedOn: string | null;
  /** null while pending */
  result: CaseResult | null;
}

/** The group of the report each case type counts in. */
export const REVIEW_ROW_OF: Record<CaseType, keyof Review> = {
  reconsideration: 'reconsideration',
  litigation_direct: 'litigationDirect',
  litigation_after_reconsideration: 'litigationAfterReconsideration',
};

/** The column index of each result group in a row of table 四 (总计 is 4). */
export const REVIEW_COLUMN_OF: Record<ResultGroup, 0 | 1 | 2 | 3> = { upheld: 0, corrected: 1, other: 2, pending: 3 };

/** The column a case takes in `year`'s table 四, or null when it does not count in that year. */
export function tableFourColumn(c: CaseFacts, year: number, settings: TableFourSettings): ResultGroup | null {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const concludedBy = c.concludedOn !== null && c.result !== null && c.concludedOn <= end;
  if (settings.countYear === 'received') {
    if (c.receivedOn < start || c.receivedOn > end) return null;
    return concludedBy ? groupOfResult(c.result as CaseResult, settings) : 'pending';
  }
  if (c.receivedOn > end) return null;
  if (!concludedBy) return 'pending';
  return (c.concludedOn as string) >= start ? groupOfResult(c.result as CaseResult, settings) : null;
}

/** Table 四 of `year` from the agency's cases: every cell a number (0 when no case counts there). */
export function computeTableFour(cases: Iterable<CaseFacts>, year: number, settings: TableFourSettings): Review {
  const row = (): ReviewRow => [0, 0, 0, 0, 0];
  const review: Review = { reconsideration: row(), litigationDirect: row(), litigationAfterReconsideration: row() };
  for (const c of cases) {
    const group = tableFourColumn(c, year, settings);
    if (group === null) continue;
    const cells = review[REVIEW_ROW_OF[c.type]];
    const i = REVIEW_COLUMN_OF[group];
    cells[i] = (cells[i] as number) + 1;
    cells[4] = (cells[4] as number) + 1;
  }
  return review;
}
