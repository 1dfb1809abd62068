// The 补正 an applicant sent online (migration 0024, written by public-correction.ts), read back: for the
// staff's application page and the applicant's status page, and the file sent with one (staff only).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import type { UploadMediaType } from '../domain/uploads/sniff.ts';

export interface OnlineCorrection {
  id: number;
  /** the receive_correction step recorded with it */
  eventSeq: number;
  receivedOn: string;
  createdAt: string;
  text: string;
  file: { id: number; fileName: string; mediaType: UploadMediaType; size: number } | null;
}

/** The online 补正 of an application of the agency, oldest first (another agency's: none). */
export async function correctionsOf(db: Kysely<DB>, agencyId: number, applicationId: number): Promise<OnlineCorrection[]> {
  const rows = await db
    .selectFrom('applicationCorrections as c')
    .leftJoin('uploads as u', (j) => j.onRef('u.id', '=', 'c.uploadId').onRef('u.agencyId', '=', 'c.agencyId'))
    .select(['c.id', 'c.eventSeq', 'c.receivedOn', 'c.createdAt', 'c.text', 'u.id as fileId', 'u.fileName', 'u.mediaType', 'u.size'])
    .where('c.agencyId', '=', agencyId)
    .where('c.applicationId', '=', applicationId)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventSeq: r.eventSeq,
    receivedOn: r.receivedOn,
    createdAt: r.createdAt,
    text: r.text,
    file: r.fileId !== null && r.fileName !== null && r.mediaType !== null && r.size !== null ? { id: r.fileId, fileName: r.fileName, mediaType: r.mediaType as UploadMediaType, size: r.size } : null,
  }));
}

/** The file of an online 补正 of the application, with its bytes; anything else is not found. */
export async function correctionFile(
  db: Kysely<DB>,
  agencyId: number,
  applicationId: number,
  uploadId: number,
): Promise<DomainResult<{ id: number; fileName: string; mediaType: UploadMediaType; bytes: Uint8Array }>> {
  const row = await db
    .selectFrom('uploads')
    .select(['id', 'fileName', 'mediaType', 'content'])
    .where('id', '=', uploadId)
    .where('agencyId', '=', agencyId)
    .where('applicationId', '=', applicationId)
    .where('kind', '=', 'correction')
    .executeTakeFirst();
  if (!row) return { ok: false, error: { code: 'NOT_FOUND', message: '没有找到该补正文件。' } };
  return { ok: true, value: { id: row.id, fileName: row.fileName, mediaType: row.mediaType as UploadMediaType, bytes: new Uint8Array(row.content) } };
}
