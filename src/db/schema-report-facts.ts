// The tables of issue #12's report facts (migration 0015) as Kysely sees them: the facts behind the prose
// of the annual report, entered per agency and year, and a clerk's edits of drafted sentences. Part of
// schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

/** null on insert defaults; the type of a nullable column that may be left out on insert. */
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ReportFactsTable {
  id: Id;
  agencyId: number;
  year: number;
  /** domain/report/facts/kinds.ts FACT_KINDS */
  kind: string;
  /** a suggestion's event; null otherwise */
  parentId: Opt<number>;
  data: Json;
  version: Generated<number>;
  createdBy: Opt<number>;
  createdAt: string;
  updatedBy: Opt<number>;
  updatedAt: string;
}

export interface ReportDraftEditsTable {
  id: Id;
  agencyId: number;
  year: number;
  sentenceId: string;
  text: string;
  /** the generated sentence when it was edited */
  original: string;
  updatedBy: Opt<number>;
  updatedAt: string;
}

/** The report workspace's sign-off (migration 0017): the snapshot submitted, reviewed and published. */
export interface ReportDraftsTable {
  id: Id;
  agencyId: number;
  year: number;
  /** domain/report/signoff.ts SIGNOFF_STATES */
  state: string;
  version: Generated<number>;
  snapshot: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  explanation: Opt<string>;
  changeNote: Opt<string>;
  submittedAt: Opt<string>;
  submittedBy: Opt<number>;
  approvedAt: Opt<string>;
  publishedAt: Opt<string>;
  publishedVersion: Opt<number>;
  updatedAt: string;
}
