// The table of issue #17's complaints and reports (投诉、举报, 条例第五十一条; migration 0031) as Kysely sees it.
// Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

/** A complaint or report against an agency, received by the office above it. */
export interface ComplaintsTable {
  id: Generated<number>;
  /** 编号 (投诉YYYY-NNNN / 举报YYYY-NNNN), the receiving agency's */
  number: string;
  againstAgencyId: number;
  receivingAgencyId: number;
  /** 'complaint' 投诉 | 'report' 举报 */
  kind: string;
  complainantName: string;
  /** a telephone number or an e-mail address */
  contact: string;
  text: string;
  receivedOn: string;
  /** stored due date (received + the receiving agency's complaint_days); null: the calendar could not count it */
  dueOn: string | null;
  /** 'received' | 'assigned' | 'answered' */
  state: ColumnType<string, string | undefined, string>;
  assignee: string | null;
  assignedOn: string | null;
  answeredOn: string | null;
  answer: string | null;
  /** 'substantiated' | 'partly' | 'unsubstantiated' */
  result: string | null;
  /** 责任追究; null: none */
  accountability: string | null;
  createdAt: string;
  updatedAt: string;
}
