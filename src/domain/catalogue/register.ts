// The 规章/行政规范性文件 register (登记) as rules, no IO. A document of the register is in force
// (现行有效) on a date D when it was written (成文日期) on or before D and none of its end dates — 废止
// (repealed_on), 失效 (lapsed_on), 已修订 (revised_on) — is on or before D. Table 二 第二十条第（一）项 for
// a year Y: 本年制发件数 = 成文日期 in Y; 本年废止件数 = 废止日期 in Y (废止 only: a document that 失效 or
// is 已修订 is not 废止); 现行有效件数 = in force on Y-12-31. The DERIVED check of domain.md §2.3
// (现行有效(Y) ≈ 现行有效(Y−1) + 制发(Y) − 废止(Y)) is a warning, never an error: 失效 and 修订 make
// the difference. A 清理 round's conclusion 废止 or 宣布失效 ends the document on the day the round
// is concluded.

import type { CleanupConclusion, DocType, Validity } from './vocab.ts';

/** The register's status of a document on a date. */
export const REGISTER_STATUSES = ['in_force', 'repealed', 'lapsed', 'revised'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];
export const REGISTER_STATUS_LABELS: Record<RegisterStatus, string> = { in_force: '现行有效', repealed: '已废止', lapsed: '已失效', revised: '已修订' };

/** The register's types in the order of table 二, with the report model's key of each. */
export const REGISTER_ROWS: readonly { docType: DocType; key: 'regulations' | 'normativeDocuments' }[] = [
  { docType: '规章', key: 'regulations' },
  { docType: '行政规范性文件', key: 'normativeDocuments' },
];

/** The columns of table 二 第二十条第（一）项. */
export const TABLE_TWO_COLUMNS = ['issued', 'repealed', 'inForce'] as const;
export type TableTwoColumn = (typeof TABLE_TWO_COLUMNS)[number];
export const TABLE_TWO_COLUMN_LABELS: Record<TableTwoColumn, string> = { issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' };

export interface RegisterDates {
  writtenOn: string | null;
  repealedOn: string | null;
  lapsedOn: string | null;
  revisedOn: string | null;
}

/** The status of a document on `date`, or null when it was not yet written (not on the register then). */
export function statusAt(item: RegisterDates, date: string): RegisterStatus | null {
  if (item.writtenOn === null || item.writtenOn > date) return null;
  const ends: [string | null, RegisterStatus][] = [
    [item.repealedOn, 'repealed'],
    [item.lapsedOn, 'lapsed'],
    [item.revisedOn, 'revised'],
  ];
  let status: RegisterStatus = 'in_force';
  let earliest: string | null = null;
  for (const [on, s] of ends) {
    if (on !== null && on <= date && (earliest === null || on < earliest)) {
      earliest = on;
      status = s;
    }
  }
  return status;
}

export interface DocumentCountsRow {
  issued: number;
  repealed: number;
  inForce: number;
}

/**
 * The DERIVED check of domain.md §2.3 on one row: the message of a warning, or null when
 * 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y). `ended` is the number of documents that 失效 or
 * were 修订 in Y (what the register knows explains the gap).
 */
export function derivedWarning(label: string, year: number, previousInForce: number, row: DocumentCountsRow, ended: number): string | null {
  const expected = previousInForce + row.issued - row.repealed;
  if (expected === row.inForce) return null;
  return (
    `表二「${label}」：${year - 1}年现行有效${previousInForce}件 + ${year}年制发${row.issued}件 − 废止${row.repealed}件 = ${expected}件，` +
    `但${year}年末现行有效${row.inForce}件。` +
    (ended > 0 ? `本年有${ended}件失效或已修订（不计入废止），可能造成差异，请核对。` : '请核对登记的成文日期和废止日期。')
  );
}

/** What concluding a 清理 round does to a document: 废止 and 宣布失效 end it on the conclusion day; the others change nothing. */
export function conclusionEffect(conclusion: CleanupConclusion): { validity: Validity; field: 'repealedOn' | 'lapsedOn' } | null {
  if (conclusion === '废止') return { validity: '废止', field: 'repealedOn' };
  if (conclusion === '宣布失效') return { validity: '失效', field: 'lapsedOn' };
  return null;
}

/** The summary a round without documents takes when none is written (the seed report's words). */
export const NO_DOCUMENTS_SUMMARY = '未发现行政规范性文件';
