// The table of issue #17's 更正 requests (条例第四十一条; migration 0029) as Kysely sees it. Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;

/** A 更正 request: a record about the requester said to be inaccurate, with the evidence, and the decision. */
export interface RecordAmendmentsTable {
  id: Id;
  agencyId: number;
  /** 编号 (更正YYYY-NNNN) */
  number: string;
  requesterName: string;
  requesterContact: ColumnType<string, string | undefined, string>;
  idKind: string | null;
  idNumber: string | null;
  /** the government information record concerned */
  record: string;
  /** what it says that is inaccurate */
  inaccuracy: string;
  /** the correction asked */
  requested: string;
  evidence: string;
  evidenceUploadId: number | null;
  receivedOn: string;
  /** stored due date (received + the agency's working days); null: the calendar could not count it */
  dueOn: string | null;
  /** 'open' | 'decided' */
  state: ColumnType<string, string | undefined, string>;
  /** 'amended' | 'transferred' | 'redirected' | 'rejected' */
  decision: string | null;
  decidedOn: string | null;
  decisionNote: ColumnType<string, string | undefined, string>;
  authority: string | null;
  noticeNumber: string | null;
  handler: string | null;
  createdAt: string;
  updatedAt: string;
}
