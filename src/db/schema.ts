// The tables as Kysely sees them (snake_case in SQL, camelCase here through CamelCasePlugin).
// Dates (SQL `date`) are 'YYYY-MM-DD' strings and timestamps (`timestamptz`) ISO strings on both
// engines: connect.ts sets the type parsers so nothing depends on the server's time zone.

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CatalogueVocabTable, CatalogueItemsTable, CatalogueItemVersionsTable, CatalogueAttachmentsTable, SecrecyReviewsTable, ReviewChainsTable, ReviewDecisionsTable, ReviewPendingTable, CleanupRoundsTable, CleanupEntriesTable } from './schema-catalogue.ts';
import type { ReportFactsTable, ReportDraftEditsTable, ReportDraftsTable } from './schema-report-facts.ts';
import type { ReportCountsTable, ReviewCaseDocumentsTable, ReviewCasesTable, ReviewCaseVersionsTable } from './schema-report-records.ts';
import type { OversightExclusionsTable, OversightFilesTable, OversightRemindersTable, OversightReportsTable, OversightSettingsTable } from './schema-oversight.ts';
import type { ApplicationCorrectionsTable } from './schema-citizen.ts';
import type { DocumentDeliveriesTable } from './schema-deliveries.ts';
import type { RecordAmendmentsTable } from './schema-amendments.ts';
import type { WithheldReviewsTable } from './schema-withheld.ts';
import type { ComplaintsTable } from './schema-complaints.ts';
import type { ColumnVersionsTable, RateCountersTable, WorkingCalendarTable } from './schema-shared.ts';

export type { CatalogueVocabTable, CatalogueItemsTable, CatalogueItemVersionsTable, CatalogueAttachmentsTable, SecrecyReviewsTable, ReviewChainsTable, ReviewDecisionsTable, ReviewPendingTable, CleanupRoundsTable, CleanupEntriesTable } from './schema-catalogue.ts';

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
  /** table 四: the year a case counts in, 'received' | 'concluded' (UNCONFIRMED practice; migration 0014) */
  reviewCountYear: Generated<string>;
  /** table 四: 驳回诉讼请求/驳回复议请求 count as 结果维持 (else 其他结果; UNCONFIRMED practice; migration 0014) */
  reviewRejectionUpheld: Generated<boolean>;
  /** 统一社会信用代码 for the 索引号; null: the code is used (migration 0009) */
  creditCode: ColumnType<string | null, string | null | undefined, string | null>;
  /** the 索引号 format; null: the default (domain/catalogue/index-number.ts) */
  indexFormat: ColumnType<string | null, string | null | undefined, string | null>;
  /** what its annual report's figures cover, 'own' | 'subtree'; null: by level (domain/report/scope.ts; migration 0021) */
  reportScope: ColumnType<string | null, string | null | undefined, string | null>;
  /** the disclosure office's e-mail, where reminders (催报) are also e-mailed; null: none (migration 0022) */
  contactEmail: ColumnType<string | null, string | null | undefined, string | null>;
  /** 更正 (条例第四十一条): working days for a decision, default 20 (UNCONFIRMED practice; migration 0029) */
  amendmentWorkingDays: Generated<number>;
  /** 条例第十八条: months between reviews of withheld information, default 12 (migration 0030) */
  withheldReviewMonths: Generated<number>;
  /** 投诉、举报 received (条例第五十一条): working days for an answer, default 20 (UNCONFIRMED practice; migration 0031) */
  complaintDays: Generated<number>;
  /** 归档 (条例第四十五条): years an archived case file is kept, default 10 (UNCONFIRMED: local archive rules; migration 0032) */
  archiveRetentionYears: Generated<number>;
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
  /** the stored due dates (0025; services/due-dates.ts): a cache of the clocks, recomputed from the events */
  dueOn: string | null;
  dueClock: string | null;
  dueProvisional: Generated<boolean>;
  duePaused: Generated<boolean>;
  pausedDueOn: string | null;
  replyDueOn: string | null;
  dueListOn: string | null;
  dueError: string | null;
  dueComputedOn: string | null;
  dueRecheckOn: string | null;
  dueCalendarVersion: string | null;
  /**
   * The search document (migration 0026; services/search/application-index.ts): 编号, the applicant's name
   * and the request as terms. Required on insert, so that no way in forgets it; null only in rows written
   * before the migration, until they are indexed when the database is opened. Never read as data.
   */
  searchDocument: ColumnType<string | null, string, string>;
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
  /** the notice printed to PDF, kept once printed (0024); null: not printed yet */
  pdf: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
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

/** The site's identity and the disclosure office's contact line (migration 0023); null: not set. */
export interface AgencySitesTable {
  agencyId: number;
  sponsor: string | null;
  officeName: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  hours: string | null;
  icp: string | null;
  policeRecord: string | null;
  siteCode: string | null;
  emblem: Uint8Array | null;
  emblemType: string | null;
  emblemSha256: string | null;
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

/** Every publication of a report (migration 0016): version 1 the first, each 更正 the next, with its note. */
export interface PublishedReportVersionsTable {
  reportId: number;
  version: number;
  report: Json;
  /** the 更正说明; null for version 1 */
  changeNote: string | null;
  publishedAt: string;
  publishedBy: number | null;
  /** the PDF printed when the version was published (migration 0017); null until printed */
  pdf: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
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
  agencySites: AgencySitesTable;
  publishedReports: PublishedReportsTable;
  publishedReportVersions: PublishedReportVersionsTable;
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
  reportFacts: ReportFactsTable;
  reportDraftEdits: ReportDraftEditsTable;
  reportDrafts: ReportDraftsTable;
  reportCounts: ReportCountsTable;
  reviewCases: ReviewCasesTable;
  reviewCaseVersions: ReviewCaseVersionsTable;
  reviewCaseDocuments: ReviewCaseDocumentsTable;
  oversightFiles: OversightFilesTable;
  oversightReports: OversightReportsTable;
  oversightExclusions: OversightExclusionsTable;
  oversightSettings: OversightSettingsTable;
  oversightReminders: OversightRemindersTable;
  applicationCorrections: ApplicationCorrectionsTable;
  documentDeliveries: DocumentDeliveriesTable;
  recordAmendments: RecordAmendmentsTable;
  withheldReviews: WithheldReviewsTable;
  complaints: ComplaintsTable;
  workingCalendar: WorkingCalendarTable;
  columnVersions: ColumnVersionsTable;
  rateCounters: RateCountersTable;
  gongkaiMigrations: MigrationsTable;
}

export type Agency = Selectable<AgenciesTable>;
/** An application as the services read it (its search document is not data: APPLICATION_COLUMNS in services/applications.ts). */
export type Application = Omit<Selectable<ApplicationsTable>, 'searchDocument'>;
export type NewApplication = Insertable<ApplicationsTable>;
export type ApplicationUpdate = Updateable<ApplicationsTable>;
export type ApplicationEventRow = Selectable<ApplicationEventsTable>;
/** A document without its kept PDF (its bytes are read only where it is served: services/document-pdf.ts). */
export type DocumentRow = Omit<Selectable<DocumentsTable>, 'pdf'>;
