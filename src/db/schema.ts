// The tables as Kysely sees them (snake_case in SQL, camelCase here through CamelCasePlugin).
// Dates (SQL `date`) are 'YYYY-MM-DD' strings and timestamps (`timestamptz`) ISO strings on both
// engines: connect.ts sets the type parsers so nothing depends on the server's time zone.

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** bigserial ids come back as strings from pg; connect.ts parses int8 as number on both engines. */
type Id = Generated<number>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

export interface AgenciesTable {
  id: Id;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  createdAt: string;
  /** the 机关代字 of its 文号; null: derived from the name */
  documentPrefix: ColumnType<string | null, string | null | undefined, string | null>;
  /** the 复议机关 of the remedy sentence; null: not set */
  reconsiderationBody: ColumnType<string | null, string | null | undefined, string | null>;
  /** the 人民法院 of the remedy sentence; null: not set */
  court: ColumnType<string | null, string | null | undefined, string | null>;
  /** DERIVED reading of 条例第三十三条第二款: an extension is decided within the reply period */
  extensionWithinPeriod: Generated<boolean>;
  /** DERIVED reading: 第三十一条 applies to the 收费通知 (the fee window runs from its receipt) */
  feeWindowFromReceipt: Generated<boolean>;
  /** 统一社会信用代码 for the 索引号; null: the code is used (migration 0009) */
  creditCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** the 索引号 format; null: the default (domain/catalogue/index-number.ts) */
  indexFormat: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationsTable {
  id: Id;
  agencyId: number;
  number: string;
  applicantType: string;
  applicantName: string;
  idKind: string | null;
  idNumber: string | null;
  contact: Generated<string>;
  address: Generated<string>;
  channel: string;
  submittedOn: string;
  receivedOn: string | null;
  request: string;
  deliveryForm: Generated<string>;
  state: string;
  outcome: string | null;
  outcomeRow: string | null;
  legalBasis: string | null;
  closedOn: string | null;
  handler: string | null;
  extended: Generated<boolean>;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationEventsTable {
  id: Id;
  applicationId: number;
  seq: number;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  stateBefore: string | null;
  stateAfter: string;
  data: Json;
}

export interface CountersTable {
  agencyId: number;
  scope: string;
  year: number;
  last: number;
}

export interface DocumentsTable {
  id: Id;
  applicationId: number;
  agencyId: number;
  kind: string;
  year: number;
  seq: number;
  number: string;
  issuedOn: string;
  title: string;
  html: string;
  inputs: Json;
  createdAt: string;
  /** the step (application_events.seq) the notice belongs to; null: issued before 0006 */
  eventSeq: ColumnType<number | null, number | null | undefined, number | null>;
  /** a corrected reply: the document it replaces */
  supersedes: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TemplatesTable {
  agencyId: number;
  kind: string;
  body: string;
  updatedAt: string;
}

export interface UsersTable {
  id: Id;
  username: string;
  displayName: string;
  passwordHash: string;
  platformAdmin: Generated<boolean>;
  disabled: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: string | null;
  /** when the window of failedLogins began (migration 0008) */
  failuresSince: string | null;
  createdAt: string;
}

/** Addresses an account signed in from (migration 0008). */
export interface KnownAddressesTable {
  userId: number;
  address: string;
  lastSeenAt: string;
}

export interface MembershipsTable {
  userId: number;
  agencyId: number;
  role: string;
}

export interface SessionsTable {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokensTable {
  id: Id;
  userId: number;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: Generated<boolean>;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  userId: number | null;
  agencyId: number | null;
  action: string;
  target: string | null;
  detail: Json;
  ip: string | null;
}

export interface PublicAccessTable {
  applicationId: number;
  receiptCode: string;
  passwordHash: string;
  createdAt: string;
  /** when the receipt (code and password) was shown, once; null: not yet (migration 0007) */
  receiptShownAt: ColumnType<string | null, string | null | undefined, string | null>;
  /** the status grant's version: 结束查询 bumps it, revoking every status cookie issued before (0007) */
  grantVersion: Generated<number>;
}

export interface UploadsTable {
  id: Id;
  agencyId: number;
  applicationId: number | null;
  kind: string;
  mediaType: string;
  fileName: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  createdAt: string;
}

export interface AgencyPagesTable {
  agencyId: number;
  page: string;
  body: string;
  updatedAt: string;
  updatedBy: number | null;
}

export interface PublishedReportsTable {
  id: Id;
  agencyId: number;
  year: number;
  report: Json;
  publishedAt: string;
  publishedBy: number | null;
  /** the written explanation (说明) of a disagreement with a neighbouring published report (X1); migration 0005 */
  crossYearExplanation: ColumnType<string | null, string | null | undefined, string | null>;
  /** the disagreements it explains: the checks' Chinese messages (a JSON array of strings) */
  crossYearFindings: ColumnType<string[] | null, string | null | undefined, string | null>;
}

export interface SettingsTable {
  key: string;
  value: Json;
}

export interface MigrationsTable {
  name: string;
  appliedAt: string;
  /** sha256 (hex) of the migration file as applied */
  sha256: string;
}

// --- Issue #11: proactive disclosure (migration 0009) ---

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

export interface DB {
  agencies: AgenciesTable;
  applications: ApplicationsTable;
  applicationEvents: ApplicationEventsTable;
  counters: CountersTable;
  documents: DocumentsTable;
  templates: TemplatesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  knownAddresses: KnownAddressesTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  publicAccess: PublicAccessTable;
  uploads: UploadsTable;
  agencyPages: AgencyPagesTable;
  publishedReports: PublishedReportsTable;
  settings: SettingsTable;
  catalogueVocab: CatalogueVocabTable;
  catalogueItems: CatalogueItemsTable;
  catalogueItemVersions: CatalogueItemVersionsTable;
  catalogueAttachments: CatalogueAttachmentsTable;
  secrecyReviews: SecrecyReviewsTable;
  reviewChains: ReviewChainsTable;
  reviewDecisions: ReviewDecisionsTable;
  reviewPending: ReviewPendingTable;
  cleanupRounds: CleanupRoundsTable;
  cleanupEntries: CleanupEntriesTable;
  gongkaiMigrations: MigrationsTable;
}

export type Agency = Selectable<AgenciesTable>;
export type Application = Selectable<ApplicationsTable>;
export type NewApplication = Insertable<ApplicationsTable>;
export type ApplicationUpdate = Updateable<ApplicationsTable>;
export type ApplicationEventRow = Selectable<ApplicationEventsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
