// The documents of a 行政复议 or 行政诉讼 case (review_case_documents): listed without their bytes, read one
// at a time, added and removed. A file is checked (its fields, then its bytes: domain/records/
// case-documents.ts) before anything is written; an upload or a removal is one transaction with its
// audit entry, under the lock the register's writers share (so a case is never removed while a document
// is being added to it); a refusal writes nothing. Another agency's case or document is not found.

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { checkCaseDocument, fitsCase, sniffCaseDocument } from '../../domain/records/case-documents.ts';
import type { CaseDocumentKind } from '../../domain/records/case-documents.ts';
import { record } from '../audit.ts';
import type { RecordsActor } from './counts.ts';

export interface CaseDocument {
  id: number;
  caseId: number;
  kind: CaseDocumentKind;
  title: string;
  documentDate: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string;
}

/** A file as received: its bytes and the name it came with (the browser's type is not trusted). */
export interface CaseDocumentFile {
  bytes: Uint8Array;
  fileName: string;
}

export const CASE_NOT_FOUND: DomainError = { code: 'NOT_FOUND', message: '没有找到该案件（可能已被删除，或不属于本机关）。' };
export const DOCUMENT_NOT_FOUND: DomainError = { code: 'NOT_FOUND', message: '没有找到该文书（可能已被删除，或不属于本案）。' };

/** A refusal inside the writing transaction (rolls it back). */
class Refused extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

const columns = ['id', 'caseId', 'kind', 'title', 'documentDate', 'fileName', 'mediaType', 'size', 'sha256', 'uploadedAt', 'uploadedByName'] as const;
type Row = { id: number; caseId: number; kind: string; title: string; documentDate: string | null; fileName: string; mediaType: string; size: number; sha256: string; uploadedAt: string; uploadedByName: string };
const documentOf = (r: Row): CaseDocument => ({ ...r, id: Number(r.id), caseId: Number(r.caseId), kind: r.kind as CaseDocumentKind });

const lockRegister = (trx: Kysely<DB>, agencyId: number) => sql`select pg_advisory_xact_lock(${agencyId}::int, hashtext('review_cases'))`.execute(trx);

/** The documents of a case, by the date they bear (undated last), then as uploaded. */
export async function listCaseDocuments(db: Kysely<DB>, agencyId: number, caseId: number): Promise<CaseDocument[]> {
  const rows = await db
    .selectFrom('reviewCaseDocuments')
    .select([...columns])
    .where('agencyId', '=', agencyId)
    .where('caseId', '=', caseId)
    .orderBy(sql`document_date asc nulls last`)
    .orderBy('id')
    .execute();
  return rows.map((r) => documentOf(r as Row));
}

/** One document with its bytes; another agency's, or another case's, is not found. */
export async function readCaseDocument(db: Kysely<DB>, agencyId: number, caseId: number, documentId: number): Promise<DomainResult<CaseDocument & { bytes: Uint8Array }>> {
  const row = await db
    .selectFrom('reviewCaseDocuments')
    .select([...columns, 'content'])
    .where('agencyId', '=', agencyId)
    .where('caseId', '=', caseId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (row === undefined) return { ok: false, error: DOCUMENT_NOT_FOUND };
  const { content, ...rest } = row;
  return { ok: true, value: { ...documentOf(rest as Row), bytes: new Uint8Array(content) } };
}

/** Adds a document to a case: the fields and the file checked, then kept with its audit entry, in one transaction. */
export async function addCaseDocument(db: Kysely<DB>, agencyId: number, caseId: number, fields: unknown, file: CaseDocumentFile, actor: RecordsActor): Promise<DomainResult<CaseDocument>> {
  const exists = await db.selectFrom('reviewCases').select('id').where('agencyId', '=', agencyId).where('id', '=', caseId).executeTakeFirst();
  if (exists === undefined) return { ok: false, error: CASE_NOT_FOUND };
  const checked = checkCaseDocument(fields, actor.today);
  if (!checked.ok) return checked;
  const sniffed = sniffCaseDocument(file.bytes, file.fileName);
  if (!sniffed.ok) return sniffed;
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  try {
    return await db.transaction().execute(async (trx) => {
      await lockRegister(trx, agencyId);
      const current = await trx.selectFrom('reviewCases').select(['id', 'caseNumber']).where('agencyId', '=', agencyId).where('id', '=', caseId).executeTakeFirst();
      if (current === undefined) throw new Refused(CASE_NOT_FOUND);
      const fits = fitsCase(await trx.selectFrom('reviewCaseDocuments').select('size').where('caseId', '=', caseId).execute(), file.bytes.length);
      if (!fits.ok) throw new Refused(fits.error);
      const { kind, title, documentDate } = checked.value;
      const { fileName, mediaType } = sniffed.value;
      const row = await trx
        .insertInto('reviewCaseDocuments')
        .values({ agencyId, caseId, kind, title, documentDate, fileName, mediaType, size: file.bytes.length, sha256, content: file.bytes, uploadedAt: actor.now, uploadedBy: actor.userId, uploadedByName: actor.name })
        .returning([...columns])
        .executeTakeFirstOrThrow();
      const saved = documentOf(row as Row);
      await record(trx, {
        userId: actor.userId,
        agencyId,
        action: 'records.case.document.add',
        target: `review_case:${caseId}`,
        detail: { source: actor.source, caseNumber: current.caseNumber, documentId: saved.id, kind, title, documentDate, fileName, mediaType, size: saved.size, sha256 },
        ip: actor.ip ?? null,
        at: actor.now,
      });
      return { ok: true as const, value: saved };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.error };
    throw e;
  }
}

/** Removes a document of a case, with its audit entry (what it was and its SHA-256), in one transaction. */
export async function deleteCaseDocument(db: Kysely<DB>, agencyId: number, caseId: number, documentId: number, actor: RecordsActor): Promise<DomainResult<CaseDocument>> {
  try {
    return await db.transaction().execute(async (trx) => {
      await lockRegister(trx, agencyId);
      const current = await trx.selectFrom('reviewCases').select(['id', 'caseNumber']).where('agencyId', '=', agencyId).where('id', '=', caseId).executeTakeFirst();
      if (current === undefined) throw new Refused(CASE_NOT_FOUND);
      const gone = await trx.deleteFrom('reviewCaseDocuments').where('agencyId', '=', agencyId).where('caseId', '=', caseId).where('id', '=', documentId).returning([...columns]).executeTakeFirst();
      if (gone === undefined) throw new Refused(DOCUMENT_NOT_FOUND);
      const doc = documentOf(gone as Row);
      await record(trx, {
        userId: actor.userId,
        agencyId,
        action: 'records.case.document.delete',
        target: `review_case:${caseId}`,
        detail: { source: actor.source, caseNumber: current.caseNumber, documentId: doc.id, kind: doc.kind, title: doc.title, documentDate: doc.documentDate, fileName: doc.fileName, mediaType: doc.mediaType, size: doc.size, sha256: doc.sha256, uploadedAt: doc.uploadedAt, uploadedByName: doc.uploadedByName },
        ip: actor.ip ?? null,
        at: actor.now,
      });
      return { ok: true as const, value: doc };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.error };
    throw e;
  }
}
