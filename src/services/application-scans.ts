// A paper application (by letter, in person, by fax) registered with its scan: the scanned application
// (PDF, JPG or PNG, checked by its own bytes and size as the online identity proof is, domain/uploads/
// sniff.ts) stored with the application in the registration's transaction — both or neither — and
// audited. The scan carries the applicant's personal data as written on paper (often the ID number):
// it opens for whom services/personal-data.ts lets see the personal data, and each opening is audited.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { sniffUpload } from '../domain/uploads/sniff.ts';
import type { SniffedUpload, UploadMediaType, UploadRefusal } from '../domain/uploads/sniff.ts';
import type { Application } from '../db/schema.ts';
import type { Actor, RegisterInput } from './applications.ts';
import { auditChange, registerApplication } from './applications.ts';
import { record } from './audit.ts';
import { mayViewIdentity, PERSONAL_DATA_FORBIDDEN } from './personal-data.ts';
import type { Viewer } from './personal-data.ts';
import { joined, Refused } from './transactions.ts';
import { storeUpload, uploadsOf } from './uploads.ts';
import type { StoredUpload } from './uploads.ts';

/** The form field of the scan. */
export const SCAN_FIELD = 'scan';

const SCAN_MESSAGES: Record<UploadRefusal, string> = {
  UPLOAD_EMPTY: '所选的申请书扫描件是空文件，请重新选择；没有扫描件的可以不选。',
  UPLOAD_TOO_LARGE: '申请书扫描件不能超过 5 MB，请降低扫描分辨率（如 200 dpi、黑白）或分页压缩后重新选择。',
  UPLOAD_TYPE_MISMATCH: '申请书扫描件只接受 PDF 文件或 JPG、PNG 图片，且文件内容必须与其类型和扩展名一致；请重新选择文件。',
};

/** A file as the form sent it. */
export interface ScanFile {
  bytes: Uint8Array;
  /** the browser's declared media type */
  type: string;
  name: string;
}

/** The scan checked by its bytes, or the refusal in the scan's own words (field `scan`). */
export function checkScan(file: ScanFile): DomainResult<SniffedUpload> {
  const sniffed = sniffUpload(file.bytes, file.type, file.name);
  if (sniffed.ok) return sniffed;
  const code = sniffed.error.code as UploadRefusal;
  return { ok: false, error: { code, message: SCAN_MESSAGES[code] ?? sniffed.error.message, field: SCAN_FIELD } };
}

/**
 * Registers an application and keeps its scan with it, in one transaction with their audit entries; a
 * refusal of either writes nothing.
 */
export async function registerWithScan(db: Kysely<DB>, agencyId: number, input: RegisterInput, scan: ScanFile | null, who: Actor): Promise<DomainResult<Application>> {
  const checked = scan === null ? null : checkScan(scan);
  if (checked !== null && !checked.ok) return checked;
  try {
    const application = await db.transaction().execute(async (trx) => {
      const registered = await registerApplication(joined(trx), agencyId, input, who);
      if (!registered.ok) throw new Refused(registered.error);
      if (scan !== null && checked !== null && checked.ok) {
        const stored = await storeUpload(trx, { agencyId, applicationId: registered.value.id, kind: 'application_scan', sniffed: checked.value, bytes: scan.bytes, now: who.now });
        await auditChange(trx, agencyId, who, 'application_scan.add', `application:${registered.value.id}`, {
          number: registered.value.number,
          uploadId: stored.id,
          fileName: stored.fileName,
          size: stored.size,
          sha256: stored.sha256,
        });
      }
      return registered.value;
    });
    return { ok: true, value: application };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    throw e;
  }
}

/** The scans of an application (without their bytes). */
export function scansOf(db: Kysely<DB>, agencyId: number, applicationId: number): Promise<StoredUpload[]> {
  return uploadsOf(db, agencyId, applicationId, 'application_scan');
}

const NOT_FOUND: DomainError = { code: 'NOT_FOUND', message: '没有找到该申请书扫描件。' };

/** A scan with its bytes, for whom may see the applicant's personal data; audited (application_scan.view). */
export async function openApplicationScan(
  db: Kysely<DB>,
  agencyId: number,
  applicationId: number,
  uploadId: number,
  viewer: Viewer,
): Promise<DomainResult<{ id: number; mediaType: UploadMediaType; fileName: string; bytes: Uint8Array }>> {
  return db.transaction().execute(async (trx) => {
    const app = await trx.selectFrom('applications').select(['id', 'number', 'handler']).where('id', '=', applicationId).where('agencyId', '=', agencyId).executeTakeFirst();
    if (!app) return { ok: false as const, error: { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' } };
    if (!mayViewIdentity(viewer.user, agencyId, app)) return { ok: false as const, error: PERSONAL_DATA_FORBIDDEN };
    const row = await trx
      .selectFrom('uploads')
      .select(['id', 'mediaType', 'fileName', 'content'])
      .where('id', '=', uploadId)
      .where('agencyId', '=', agencyId)
      .where('applicationId', '=', app.id)
      .where('kind', '=', 'application_scan')
      .executeTakeFirst();
    if (!row) return { ok: false as const, error: NOT_FOUND };
    await record(trx, {
      userId: viewer.user.id,
      agencyId,
      action: 'application_scan.view',
      target: `upload:${row.id}`,
      detail: { applicationId: app.id, number: app.number, fileName: row.fileName, via: viewer.via ?? 'web' },
      ip: viewer.ip,
      at: viewer.now,
    });
    return { ok: true as const, value: { id: row.id, mediaType: row.mediaType as UploadMediaType, fileName: row.fileName, bytes: new Uint8Array(row.content) } };
  });
}
