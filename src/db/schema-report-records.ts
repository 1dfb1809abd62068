// The tables of issue #12's records behind table 二 and table 四 (migration 0014) and a case's documents
// (0018) as Kysely sees them.
// Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

/** null on insert defaults; the type of a nullable column that may be left out on insert. */
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** An entry of 行政许可/处罚/强制 处理决定数量 or 行政事业性收费 金额（万元）: append-only. */
export interface ReportCountsTable {
  id: Id;
  agencyId: number;
  year: number;
  /** 'licensing' | 'punishment' | 'enforcement' | 'fees' */
  kind: string;
  /** numeric: read it as text (`value::text`) to keep it exact; written as a decimal string */
  value: ColumnType<number, string, string>;
  enteredAt: string;
  enteredBy: number | null;
  enteredByName: string;
  /** 'page' | 'import' | 'api' */
  source: string;
  note: Generated<string>;
}

/** A 行政复议 or 行政诉讼 case as it stands. */
export interface ReviewCasesTable {
  id: Id;
  agencyId: number;
  caseNumber: string;
  /** 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration' */
  type: string;
  body: Generated<string>;
  applicationId: Opt<number>;
  reconsiderationId: Opt<number>;
  receivedOn: string;
  concludedOn: Opt<string>;
  /** the result in detail (domain/records/vocab.ts); null while pending */
  result: Opt<string>;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

/** Every state of a case (append-only). */
export interface ReviewCaseVersionsTable {
  caseId: number;
  version: number;
  agencyId: number;
  snapshot: Json;
  recordedAt: string;
  recordedBy: number | null;
  recordedByName: string;
  source: string;
}

/** A document of a case (migration 0018): its file checked by its bytes, kept in the database. */
export interface ReviewCaseDocumentsTable {
  id: Id;
  agencyId: number;
  caseId: number;
  /** 行政复议申请书 | 答辩书 | 行政复议决定书 | 起诉状 | 行政判决书 | 行政裁定书 | 行政调解书 | 其他 */
  kind: string;
  title: Generated<string>;
  documentDate: Opt<string>;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploadedAt: string;
  uploadedBy: number | null;
  uploadedByName: string;
}
