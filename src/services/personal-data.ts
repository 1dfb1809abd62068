// Personal data by need (个人信息保护法第五十一条; issue #10): an applicant's ID number and identity proof
// are for the people who handle the application — its 承办人, the agency's leaders (科室负责人, 分管领导),
// its 管理员 and platform administrators. Everyone else (监督, the other 经办人) sees the number masked
// (domain/applications/masking.ts) on every page, list, export and API answer. A full view is a deliberate
// act, and each one is written to the audit log in the same transaction as the read.

import { PassThrough } from 'node:stream';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskIdNumber } from '../domain/applications/masking.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import type { UploadMediaType } from '../domain/uploads/sniff.ts';
import type { SessionUser } from './accounts.ts';
import { record } from './audit.ts';
import { writeLedgerTo } from './ledger-export.ts';
import { uploadsOf } from './uploads.ts';
import type { StoredUpload } from './uploads.ts';

/** Roles that see every application's personal data in their agency (services/accounts.ts ROLES). */
const WHOLE_AGENCY_ROLES: readonly string[] = ['admin', 'leader', 'section_head'];
/** The role that sees it for the applications it handles (承办人). */
const HANDLER_ROLE = 'handler';

/** Who reads: the user, their address and the way in, for the audit log. */
export interface Viewer {
  user: SessionUser;
  ip: string | null;
  /** ISO timestamp */
  now: string;
  via?: 'web' | 'api';
}

const roleIn = (user: SessionUser, agencyId: number, roles: readonly string[]): boolean => user.memberships.some((m) => m.agencyId === agencyId && roles.includes(m.role));

/** Whether the user sees the whole ID number and the identity proof of every application of the agency. */
export function mayExportFullLedger(user: SessionUser, agencyId: number): boolean {
  return user.platformAdmin || roleIn(user, agencyId, WHOLE_AGENCY_ROLES);
}

/**
 * Whether the user may see the application's personal data whole: a platform administrator, the agency's
 * 管理员 and leaders, or its 承办人 — a 经办人 of the agency named as its handler (by user name or by name).
 */
export function mayViewIdentity(user: SessionUser, agencyId: number, application: { handler: string | null }): boolean {
  if (mayExportFullLedger(user, agencyId)) return true;
  const handler = application.handler?.trim() ?? '';
  return handler !== '' && (handler === user.username || handler === user.displayName) && roleIn(user, agencyId, [HANDLER_ROLE]);
}

export const PERSONAL_DATA_FORBIDDEN: DomainError = {
  code: 'FORBIDDEN',
  message: '申请人的完整证件号码和身份证明文件仅供该申请的承办人、科室负责人、分管领导和管理员查看。如需查看，请先由负责人将申请分配给您办理。',
};
const APPLICATION_NOT_FOUND: DomainError = { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' };

async function applicationOf(db: Kysely<DB>, agencyId: number, applicationId: number) {
  return db
    .selectFrom('applications')
    .select(['id', 'number', 'applicantName', 'idKind', 'idNumber', 'handler'])
    .where('id', '=', applicationId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
}

export interface RevealedIdentity {
  id: number;
  number: string;
  applicantName: string;
  idKind: string | null;
  idNumber: string | null;
}

/** The whole ID number of an application, for those who may see it; the view is audited (id_number.view). */
export async function revealIdNumber(db: Kysely<DB>, agencyId: number, applicationId: number, viewer: Viewer): Promise<DomainResult<RevealedIdentity>> {
  return db.transaction().execute(async (trx) => {
    const app = await applicationOf(trx, agencyId, applicationId);
    if (!app) return { ok: false as const, error: APPLICATION_NOT_FOUND };
    if (!mayViewIdentity(viewer.user, agencyId, app)) return { ok: false as const, error: PERSONAL_DATA_FORBIDDEN };
    await record(trx, {
      userId: viewer.user.id,
      agencyId,
      action: 'id_number.view',
      target: `application:${app.id}`,
      detail: { number: app.number, idKind: app.idKind, via: viewer.via ?? 'web' },
      ip: viewer.ip,
      at: viewer.now,
    });
    return { ok: true as const, value: { id: app.id, number: app.number, applicantName: app.applicantName, idKind: app.idKind, idNumber: app.idNumber } };
  });
}

/** What the application page says about the applicant's personal data, for this user. */
export interface PersonalDataPanel {
  /** the user may reveal the number and open the proofs */
  mayView: boolean;
  /** the applicant's identity proofs (without their bytes); listed to those who may open them */
  proofs: StoredUpload[];
}

export async function personalDataPanel(db: Kysely<DB>, agencyId: number, application: { id: number; handler: string | null }, user: SessionUser): Promise<PersonalDataPanel> {
  const mayView = mayViewIdentity(user, agencyId, application);
  return { mayView, proofs: mayView ? await uploadsOf(db, agencyId, application.id, 'identity_proof') : [] };
}

export interface OpenedProof {
  id: number;
  mediaType: UploadMediaType;
  fileName: string;
  size: number;
  bytes: Uint8Array;
}

/** An identity proof the applicant uploaded, for those who may see it; audited (identity_proof.view). */
export async function openIdentityProof(db: Kysely<DB>, agencyId: number, applicationId: number, uploadId: number, viewer: Viewer): Promise<DomainResult<OpenedProof>> {
  return db.transaction().execute(async (trx) => {
    const app = await applicationOf(trx, agencyId, applicationId);
    if (!app) return { ok: false as const, error: APPLICATION_NOT_FOUND };
    if (!mayViewIdentity(viewer.user, agencyId, app)) return { ok: false as const, error: PERSONAL_DATA_FORBIDDEN };
    const row = await trx
      .selectFrom('uploads')
      .select(['id', 'mediaType', 'fileName', 'size', 'content'])
      .where('id', '=', uploadId)
      .where('agencyId', '=', agencyId)
      .where('applicationId', '=', app.id)
      .where('kind', '=', 'identity_proof')
      .executeTakeFirst();
    if (!row) return { ok: false as const, error: { code: 'NOT_FOUND', message: '没有找到该身份证明文件。' } };
    await record(trx, {
      userId: viewer.user.id,
      agencyId,
      action: 'identity_proof.view',
      target: `upload:${row.id}`,
      detail: { applicationId: app.id, number: app.number, fileName: row.fileName, via: viewer.via ?? 'web' },
      ip: viewer.ip,
      at: viewer.now,
    });
    return { ok: true as const, value: { id: row.id, mediaType: row.mediaType as UploadMediaType, fileName: row.fileName, size: row.size, bytes: new Uint8Array(row.content) } };
  });
}

/**
 * The agency's ledger (台账) as CSV or XLSX: ID numbers masked, or whole when `full` is asked by one of
 * the agency's leaders or administrators. Every export is audited (ledger.export, with the number of rows)
 * before a row is written; `write` then streams the ledger to the stream it is given (services/ledger-export.ts)
 * and answers the rows written.
 */
export async function openLedgerExport(
  db: Kysely<DB>,
  agencyId: number,
  format: 'csv' | 'xlsx',
  viewer: Viewer,
  options: { full: boolean },
): Promise<DomainResult<{ rows: number; full: boolean; write: (out: Writable) => Promise<number> }>> {
  if (options.full && !mayExportFullLedger(viewer.user, agencyId)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: '含完整证件号码的台账仅供科室负责人、分管领导和管理员导出。请去掉“完整证件号码”后导出。' } };
  }
  const rows = await db.transaction().execute(async (trx) => {
    const counted = await trx.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('agencyId', '=', agencyId).executeTakeFirstOrThrow();
    const rows = Number(counted.n);
    await record(trx, {
      userId: viewer.user.id,
      agencyId,
      action: 'ledger.export',
      target: `ledger.${format}`,
      detail: { format, full: options.full, rows, via: viewer.via ?? 'web' },
      ip: viewer.ip,
      at: viewer.now,
    });
    return rows;
  });
  const mask = options.full ? {} : { mask: maskIdNumber };
  return { ok: true, value: { rows, full: options.full, write: (out) => writeLedgerTo(db, agencyId, format, out, mask) } };
}

/** openLedgerExport, the ledger handed over whole (a small one, or a test's). */
export async function exportLedgerFor(
  db: Kysely<DB>,
  agencyId: number,
  format: 'csv' | 'xlsx',
  viewer: Viewer,
  options: { full: boolean },
): Promise<DomainResult<{ bytes: Uint8Array; rows: number; full: boolean }>> {
  const opened = await openLedgerExport(db, agencyId, format, viewer, options);
  if (!opened.ok) return opened;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const rows = await opened.value.write(out);
  return { ok: true, value: { bytes: new Uint8Array(Buffer.concat(chunks)), rows, full: options.full } };
}
