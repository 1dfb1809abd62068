// The table of issue #14's citizen's journey (migration 0024) as Kysely sees it. Part of schema.ts's DB.

import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;

/** A 补正 the applicant sent online (条例第三十条), kept with the receive_correction step recorded with it. */
export interface ApplicationCorrectionsTable {
  id: Id;
  agencyId: number;
  applicationId: number;
  /** the receive_correction step (application_events.seq) */
  eventSeq: number;
  /** the corrected or clarified request; '' when only a file was sent */
  text: ColumnType<string, string | undefined, string>;
  /** the file sent with it (uploads, kind 'correction'), if any */
  uploadId: number | null;
  /** the day it arrived (Beijing): the date of its step */
  receivedOn: string;
  createdAt: string;
}
