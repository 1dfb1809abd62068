// The tables of issue #13's collection of annual reports by the office above (migration 0019) as Kysely
// sees them. Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;
/** null on insert defaults; the type of a nullable column that may be left out on insert. */
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** a nullable jsonb column: read parsed, written as a JSON string */
type OptJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

/** A file the office uploaded, what the parser read of it, and where it was filed. */
export interface OversightFilesTable {
  id: Id;
  overseerId: number;
  year: number;
  fileName: string;
  /** text | html | docx | pdf | json; null: unreadable */
  reader: Opt<string>;
  size: number;
  sha256: string;
  content: Uint8Array;
  /** the parsed report (interchange JSON); null when unreadable */
  report: OptJson<Record<string, unknown>>;
  cellStatus: OptJson<Record<string, string>>;
  diagnostics: ColumnType<unknown[], string | undefined, string>;
  /** why it could not be read (Chinese) and its code (PDF_NO_TEXT, FILE_TOO_COMPLEX, UNREADABLE …) */
  error: Opt<string>;
  errorCode: Opt<string>;
  foundName: Opt<string>;
  /** YYYY-MM-DD found in the text */
  foundOn: Opt<string>;
  suggestedAgencyId: Opt<number>;
  /** 0–100 */
  matchScore: Opt<number>;
  /** exact | alias | fuzzy | none */
  matchHow: string;
  /** filed | review | discarded */
  state: string;
  /** why it waits for the office (Chinese) */
  reviewNote: Opt<string>;
  agencyId: Opt<number>;
  uploadedAt: string;
  uploadedBy: number | null;
  decidedAt: Opt<string>;
  decidedBy: Opt<number>;
}

/** The report the office holds for an agency and year (other than the platform's, read live). */
export interface OversightReportsTable {
  id: Id;
  overseerId: number;
  agencyId: number;
  year: number;
  /** upload | manual */
  source: string;
  fileId: Opt<number>;
  /** manual: the figures entered (interchange JSON); upload: null (the file's reading) */
  report: OptJson<Record<string, unknown>>;
  publishedOn: Opt<string>;
  /** entered | text */
  publishedOnHow: Opt<string>;
  updatedAt: string;
  updatedBy: number | null;
}

/** An agency left out of a year's collection, with the reason stated. */
export interface OversightExclusionsTable {
  overseerId: number;
  agencyId: number;
  year: number;
  reason: string;
  excludedAt: string;
  excludedBy: number | null;
}

/** The office's settings (migration 0020): its rubric (null: the default) and the 乡镇/街道 due date. */
export interface OversightSettingsTable {
  overseerId: number;
  /** the rubric as checked by checkRubric; null: DEFAULT_RUBRIC */
  rubric: OptJson<Record<string, unknown>>;
  /** MM-DD; null: DEFAULT_TIMELINESS */
  townshipDue: Opt<string>;
  updatedAt: string;
  updatedBy: number | null;
}

/** What became of a reminder's e-mail (migration 0022). */
export type ReminderEmailStatus = 'none' | 'no_address' | 'pending' | 'sent' | 'failed';

/**
 * A reminder the office sent to an agency that had not published its report of a year: recorded in the
 * platform, and e-mailed to the agency's contact address where the platform has an SMTP server (0022).
 */
export interface OversightRemindersTable {
  id: Id;
  overseerId: number;
  agencyId: number;
  year: number;
  text: string;
  sentAt: string;
  sentBy: number | null;
  /** YYYY-MM-DD: the due date (第四十九条) the reminder stated; null before migration 0022 */
  dueOn: Opt<string>;
  /** the address the e-mail went to (pending, sent, failed) */
  emailedTo: Opt<string>;
  emailStatus: ColumnType<ReminderEmailStatus, ReminderEmailStatus | undefined, ReminderEmailStatus>;
  /** why it was not sent (Chinese), when failed */
  emailError: Opt<string>;
  /** when the outcome (sent or failed) was recorded */
  emailedAt: Opt<string>;
}
