// Uploaded files (the applicant's 身份证明, and a 补正 sent online: public-correction.ts): checked by their own bytes before they are kept
// (domain/uploads/sniff.ts), stored in the database with their SHA-256, read back only within their
// agency.

import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import type { SniffedUpload, UploadMediaType } from '../domain/uploads/sniff.ts';
import { refuseIfArchived } from './case-readonly.ts';
import { Refused } from './transactions.ts';

/** identity_proof: the applicant's 身份证明 (online); application_scan: a paper application's scan (application-scans.ts); correction: a file sent with an online 补正. */
export type UploadKind = 'identity_proof' | 'application_scan' | 'correction';

export interface StoredUpload {
  id: number;
  mediaType: UploadMediaType;
  fileName: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface UploadToStore {
  agencyId: number;
  applicationId: number | null;
  kind: UploadKind;
  sniffed: SniffedUpload;
  bytes: Uint8Array;
  now: string;
}

/** The row of a file that sniffUpload accepted, with its SHA-256 (the application's id may be an expression: public-applications.ts). */
export function uploadRow<A>(upload: Omit<UploadToStore, 'applicationId'> & { applicationId: A }) {
  return {
    agencyId: upload.agencyId,
    applicationId: upload.applicationId,
    kind: upload.kind,
    mediaType: upload.sniffed.mediaType,
    fileName: upload.sniffed.fileName,
    size: upload.bytes.length,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    content: upload.bytes,
    createdAt: upload.now,
  };
}

/** Keeps a file that sniffUpload accepted (inside the caller's transaction); a file for an archived application throws Refused (case-readonly.ts). */
export async function storeUpload(trx: Transaction<DB> | Kysely<DB>, upload: UploadToStore): Promise<StoredUpload> {
  if (upload.applicationId !== null) {
    const archived = await refuseIfArchived(trx, upload.applicationId);
    if (archived) throw new Refused(archived);
  }
  const values = uploadRow(upload);
  const row = await trx.insertInto('uploads').values(values).returning(['id', 'createdAt']).executeTakeFirstOrThrow();
  return { id: row.id, mediaType: upload.sniffed.mediaType, fileName: upload.sniffed.fileName, size: values.size, sha256: values.sha256, createdAt: row.createdAt };
}

/** The files of an application of one kind (without their bytes), for the staff's view of it. */
export async function uploadsOf(db: Kysely<DB>, agencyId: number, applicationId: number, kind: UploadKind): Promise<StoredUpload[]> {
  const rows = await db
    .selectFrom('uploads')
    .select(['id', 'mediaType', 'fileName', 'size', 'sha256', 'createdAt'])
    .where('agencyId', '=', agencyId)
    .where('applicationId', '=', applicationId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, mediaType: r.mediaType as UploadMediaType }));
}

/** One file with its bytes; another agency's is not found. */
export async function readUpload(db: Kysely<DB>, agencyId: number, uploadId: number): Promise<DomainResult<StoredUpload & { bytes: Uint8Array; applicationId: number | null }>> {
  const row = await db
    .selectFrom('uploads')
    .select(['id', 'applicationId', 'mediaType', 'fileName', 'size', 'sha256', 'createdAt', 'content'])
    .where('agencyId', '=', agencyId)
    .where('id', '=', uploadId)
    .executeTakeFirst();
  if (!row) return { ok: false, error: { code: 'NOT_FOUND', message: '没有找到该文件。' } };
  const { content, ...rest } = row;
  return { ok: true, value: { ...rest, mediaType: rest.mediaType as UploadMediaType, bytes: new Uint8Array(content) } };
}
