// What the office (政务公开办) finds in one collected annual report, as data: every finding has a stable
// code, a severity, a Chinese message and the cells it concerns (JSON paths with their Chinese labels),
// so a page can highlight them in the report's own layout. The codes are those of `gongkai report check`
// (R1–R7, BLANK, MISSING, X1, X2, P1, SECTION: report/check/rules.ts) and the oversight codes below.
// Pure: no IO, no clock.

import { RULES } from '../report/checks.ts';
import type { CellLabel } from '../report/layout.ts';
import type { RuleId } from '../report/types.ts';

export type OversightSeverity = 'error' | 'warning' | 'info';

/** The codes this module adds to those of report/check. */
export const OVERSIGHT_CODES = [
  'NOT_PUBLISHED',
  'NOT_YET_DUE',
  'UNREADABLE',
  'YEAR_MISMATCH',
  'NO_TABLES',
  'TABLE_MISSING',
  'TABLE_BLANK',
  'LATE',
  'DATE_UNKNOWN',
  'PUBLISHED_EARLY',
  'NO_PREVIOUS',
  'PARSE',
] as const;
export type OversightOnlyCode = (typeof OVERSIGHT_CODES)[number];
export type FindingCode = RuleId | OversightOnlyCode;

export interface CodeInfo {
  severity: OversightSeverity;
  /** in Chinese: what the finding says */
  title: string;
  /** where the rule comes from; "解读" marks a reading that is not in the text of a law or the format */
  basis: string;
}

/** The oversight codes: severity, title and basis of each (docs/oversight-rubric.md explains them). */
export const OVERSIGHT_CODE_INFO: Record<OversightOnlyCode, CodeInfo> = {
  NOT_PUBLISHED: { severity: 'error', title: '截止日期已过，仍未发布年度报告', basis: '条例第四十九条' },
  NOT_YET_DUE: { severity: 'info', title: '尚未发布，截止日期未到', basis: '条例第四十九条' },
  UNREADABLE: { severity: 'error', title: '收集到的报告文件无法读取', basis: '解读：无法读取的报告无从核对' },
  YEAR_MISMATCH: { severity: 'error', title: '报告的统计年度与所收集的年度不符', basis: '解读：所收集的不是该年度的报告' },
  NO_TABLES: { severity: 'error', title: '报告没有任何统计表格（表二、表三、表四都没有数字）', basis: '条例第五十条；国办公开办函〔2021〕30号' },
  TABLE_MISSING: { severity: 'error', title: '缺少统计表（文本中没有该表的数字）', basis: '条例第五十条；国办公开办函〔2021〕30号' },
  TABLE_BLANK: { severity: 'error', title: '统计表整表空白（没有填写任何数字）', basis: '国办公开办函〔2021〕30号；解读：空白不等于0' },
  LATE: { severity: 'error', title: '逾期发布年度报告', basis: '条例第四十九条（乡镇、街道按本地规定）' },
  DATE_UNKNOWN: { severity: 'warning', title: '发布日期未知，无法核对是否按时发布', basis: '条例第四十九条' },
  PUBLISHED_EARLY: { severity: 'warning', title: '发布日期早于统计年度结束，日期或年度可能有误', basis: '解读：年度报告在统计年度结束后发布' },
  NO_PREVIOUS: { severity: 'info', title: '没有上一年度报告，未核对跨年度衔接', basis: '解读（domain.md §2.6 R5）' },
  PARSE: { severity: 'warning', title: '解析报告时的提示（严重程度随提示而定）', basis: '解析结果（report/types.ts Diagnostic）' },
};

/** Every code a finding of a collected report may carry, with its default severity and title. */
export const FINDING_CODES: Record<FindingCode, CodeInfo> = {
  ...(Object.fromEntries(Object.entries(RULES).map(([id, r]) => [id, { severity: r.severity, title: r.title, basis: r.source }])) as Record<RuleId, CodeInfo>),
  ...OVERSIGHT_CODE_INFO,
};

export const isFindingCode = (code: string): code is FindingCode => Object.hasOwn(FINDING_CODES, code);

/** 一 … 六: the section of the report a finding is about, when it is about a whole section or table. */
export type SectionNumber = '一' | '二' | '三' | '四' | '五' | '六';

export interface OversightFinding {
  /** unique within one review, stable for the same input: CODE-n (BLANK-3), what a deduction cites */
  id: string;
  code: FindingCode;
  severity: OversightSeverity;
  /** in Chinese, for the office and the agency */
  message: string;
  /** the cells concerned (path + Chinese labels), the first the one the message is about; [] for none */
  cells: CellLabel[];
  /** the section concerned (a missing section or table) */
  section?: SectionNumber;
  expected?: number | null;
  found?: number | null;
  /** LATE: days after the due date; NOT_PUBLISHED with a date of reference: days overdue */
  days?: number;
  /** NOT_PUBLISHED, NOT_YET_DUE, LATE: the due date (YYYY-MM-DD) */
  dueOn?: string;
  /** PARSE: the parser's diagnostic code (TEXT_TRUNCATED, AMBIGUOUS_ROW …) */
  diagnostic?: string;
}

/** A finding before its id is given (review.ts numbers them once all are known). */
export type DraftFinding = Omit<OversightFinding, 'id'>;

const RANK: Record<OversightSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes, each group in the given order; ids CODE-n numbered per code. */
export function numberFindings(drafts: readonly DraftFinding[]): OversightFinding[] {
  const sorted = drafts.map((d, i) => ({ d, i })).sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.i - b.i);
  const seen = new Map<string, number>();
  return sorted.map(({ d }) => {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    return { id: `${d.code}-${n}`, ...d };
  });
}
