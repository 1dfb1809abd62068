// The table of issue #17's delivery (送达) of notices (migration 0028) as Kysely sees it. Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

/** How a notice reached its addressee, when, and its evidence (one per document). */
export interface DocumentDeliveriesTable {
  id: Generated<number>;
  agencyId: number;
  applicationId: number;
  documentId: number;
  /** in_person 当面, post 邮寄, email 电子邮件, online 在线 (domain/documents/delivery.ts) */
  method: string;
  /** the registered letter's or parcel's number: required for post */
  trackingNumber: ColumnType<string | null, string | null | undefined, string | null>;
  deliveredOn: string;
  /** the evidence described (signature, postal record, read receipt); '' when none */
  evidence: ColumnType<string, string | undefined, string>;
  /** the deliver step (application_events.seq) recorded with it, if any */
  eventSeq: ColumnType<number | null, number | null | undefined, number | null>;
  recordedBy: string;
  recordedAt: string;
}
