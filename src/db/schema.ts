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
}

export interface TemplatesTable {
  agencyId: number;
  kind: string;
  body: string;
  updatedAt: string;
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
  gongkaiMigrations: MigrationsTable;
}

export type Agency = Selectable<AgenciesTable>;
export type Application = Selectable<ApplicationsTable>;
export type NewApplication = Insertable<ApplicationsTable>;
export type ApplicationUpdate = Updateable<ApplicationsTable>;
export type ApplicationEventRow = Selectable<ApplicationEventsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
