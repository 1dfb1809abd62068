// The table of issue #17's review of withheld information (条例第十八条; migration 0030) as Kysely sees it.
// Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

/** One review of one entry of the register of 不予公开 decisions. */
export interface WithheldReviewsTable {
  id: Generated<number>;
  agencyId: number;
  /** 'application' | 'catalogue' */
  source: string;
  sourceId: number;
  reviewedOn: string;
  /** 'still_withheld' | 'released' */
  outcome: string;
  note: ColumnType<string, string | undefined, string>;
  /** released from an application: the catalogue draft made */
  catalogueItemId: ColumnType<number | null, number | null | undefined, number | null>;
  reviewedBy: ColumnType<number | null, number | null | undefined, number | null>;
  createdAt: string;
}
