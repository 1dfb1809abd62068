// The tables of issue #11 (migrations 0009–0013) as Kysely sees them: the catalogue of government
// information (主动公开), its review chain, 保密审查 and the 规章/行政规范性文件 register's 清理 rounds.
// Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

/** null on insert defaults; the type of a nullable column that may be left out on insert. */
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface CatalogueVocabTable {
  agencyId: number;
  /** 'topic' (主题分类) | 'category' (the agency's own 信息类别) */
  kind: string;
  code: string;
  name: string;
  position: number;
}

export interface CatalogueItemsTable {
  id: Id;
  agencyId: number;
  indexNumber: string;
  title: string;
  summary: Generated<string>;
  docNumber: Generated<string>;
  docNumberKey: Generated<string>;
  publisher: string;
  writtenOn: Opt<string>;
  formedOn: string;
  publishedOn: Opt<string>;
  topic: Generated<string>;
  category: string;
  docType: string;
  validity: Generated<string>;
  repealedOn: Opt<string>;
  lapsedOn: Opt<string>;
  revisedOn: Opt<string>;
  supersededBy: Opt<number>;
  interpretsId: Opt<number>;
  body: Generated<string>;
  bodyHtml: Generated<string>;
  disclosure: Opt<string>;
  disclosureReason: Opt<string>;
  disclosureArticle: Opt<string>;
  state: Generated<string>;
  publishAt: Opt<string>;
  publishedAt: Opt<string>;
  version: Generated<number>;
  correctionNote: Opt<string>;
  correctedAt: Opt<string>;
  withdrawnReason: Opt<string>;
  withdrawnAt: Opt<string>;
  origin: Generated<string>;
  /** tsvector, written only through services/search (never selected as a value) */
  searchVector: Opt<string>;
  /** tsvector: the A-weighted part (title, 文号, 索引号, the title's single characters), migration 0010 */
  titleVector: Opt<string>;
  createdBy: Opt<number>;
  createdAt: string;
  updatedAt: string;
  /** 转主动公开 (条例第四十四条): the application the item was made from (migration 0030) */
  sourceApplicationId: Opt<number>;
  /** the day the 公开属性 was decided (migration 0030) */
  disclosureOn: Opt<string>;
}

export interface CatalogueItemVersionsTable {
  itemId: number;
  version: number;
  snapshot: Json;
  reason: Generated<string>;
  savedBy: Opt<number>;
  savedAt: string;
}

export interface CatalogueAttachmentsTable {
  id: Id;
  itemId: number;
  position: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  text: Generated<string>;
  createdAt: string;
}

export interface SecrecyReviewsTable {
  id: Id;
  itemId: number;
  version: number;
  conclusion: string;
  note: Generated<string>;
  reviewerId: Opt<number>;
  reviewerName: string;
  reviewedAt: string;
}

export interface ReviewChainsTable {
  agencyId: number;
  subject: string;
  stages: ColumnType<unknown, string, string>;
  allowSamePerson: Generated<boolean>;
  updatedAt: string;
}

export interface ReviewDecisionsTable {
  id: Id;
  subject: string;
  subjectId: number;
  agencyId: number;
  version: number;
  stage: number;
  stageName: string;
  decision: string;
  comment: Generated<string>;
  actorId: Opt<number>;
  actorName: string;
  decidedAt: string;
  /** the agency whose reviewers act at the stage (migration 0010); null before it */
  stageAgencyId: Opt<number>;
}

/** An open review round waiting at a stage (migration 0010): the inbox's projection of review_decisions. */
export interface ReviewPendingTable {
  id: Id;
  subject: string;
  subjectId: number;
  agencyId: number;
  version: number;
  title: string;
  stages: ColumnType<unknown, string, string>;
  allowSamePerson: boolean;
  stage: number;
  stageAgencyId: number;
  /** the stage's roles as ',role,role,' */
  stageRoles: string;
  roundStart: number;
  submittedBy: number | null;
  submittedByName: string;
  waitingSince: string;
}

export interface CleanupRoundsTable {
  id: Id;
  agencyId: number;
  title: string;
  asOf: string;
  summary: Generated<string>;
  state: Generated<string>;
  concludedOn: Opt<string>;
  createdBy: Opt<number>;
  createdAt: string;
}

export interface CleanupEntriesTable {
  roundId: number;
  itemId: number;
  conclusion: Opt<string>;
  note: Generated<string>;
}

