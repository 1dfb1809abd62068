// The review step of the office's uploads (issue #13): the files waiting for the office — no certain
// match by name, another year's report, an agency that already has one — and its two decisions: file it
// for an agency of the subtree, or discard it. Each decision is one transaction with its audit entry.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { record } from '../audit.ts';
import { fail, overseenAgency, type OversightActor } from './common.ts';
import { fileFor } from './filing.ts';

export interface FileRow {
  id: number;
  year: number;
  fileName: string;
  reader: string | null;
  size: number;
  sha256: string;
  state: 'filed' | 'review' | 'discarded';
  reviewNote: string | null;
  error: string | null;
  errorCode: string | null;
  foundName: string | null;
  foundOn: string | null;
  /** the year the report gives itself (null: unreadable or not found) */
  reportYear: number | null;
  suggested: { id: number; name: string } | null;
  matchScore: number | null;
  matchHow: string;
  agency: { id: number; name: string } | null;
  uploadedAt: string;
}

/** At most this many files are listed at once (an upload holds at most 300). */
export const FILE_LIST_LIMIT = 500;

function fileQuery(db: Kysely<DB>, overseerId: number) {
  return db
    .selectFrom('oversightFiles as f')
    .leftJoin('agencies as s', 's.id', 'f.suggestedAgencyId')
    .leftJoin('agencies as a', 'a.id', 'f.agencyId')
    .select([
      'f.id',
      'f.year',
      'f.fileName',
      'f.reader',
      'f.size',
      'f.sha256',
      'f.state',
      'f.reviewNote',
      'f.error',
      'f.errorCode',
      'f.foundName',
      'f.foundOn',
      'f.suggestedAgencyId',
      's.name as suggestedName',
      'f.matchScore',
      'f.matchHow',
      'f.agencyId',
      'a.name as agencyName',
      'f.uploadedAt',
      sql<number | null>`(f.report ->> 'year')::int`.as('reportYear'),
    ])
    .where('f.overseerId', '=', overseerId);
}

type Raw = Awaited<ReturnType<ReturnType<typeof fileQuery>['execute']>>[number];

const toRow = (r: Raw): FileRow => ({
  id: r.id,
  year: r.year,
  fileName: r.fileName,
  reader: r.reader,
  size: r.size,
  sha256: r.sha256,
  state: r.state as FileRow['state'],
  reviewNote: r.reviewNote,
  error: r.error,
  errorCode: r.errorCode,
  foundName: r.foundName,
  foundOn: r.foundOn,
  reportYear: r.reportYear === null ? null : Number(r.reportYear),
  suggested: r.suggestedAgencyId === null ? null : { id: r.suggestedAgencyId, name: r.suggestedName ?? '' },
  matchScore: r.matchScore,
  matchHow: r.matchHow,
  agency: r.agencyId === null ? null : { id: r.agencyId, name: r.agencyName ?? '' },
  uploadedAt: r.uploadedAt,
});

/** The files of a year in one state (review: the oldest first; else the newest first). */
export async function filesOf(db: Kysely<DB>, overseerId: number, year: number, state: FileRow['state']): Promise<FileRow[]> {
  const rows = await fileQuery(db, overseerId)
    .where('f.year', '=', year)
    .where('f.state', '=', state)
    .orderBy('f.id', state === 'review' ? 'asc' : 'desc')
    .limit(FILE_LIST_LIMIT)
    .execute();
  return rows.map(toRow);
}

/** One file of the office (another office's: null). */
export async function fileOf(db: Kysely<DB>, overseerId: number, fileId: number): Promise<FileRow | null> {
  const r = await fileQuery(db, overseerId).where('f.id', '=', fileId).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** The bytes of one file of the office, for download. */
export async function fileContent(db: Kysely<DB>, overseerId: number, fileId: number): Promise<{ fileName: string; reader: string | null; content: Uint8Array } | null> {
  const r = await db.selectFrom('oversightFiles').select(['fileName', 'reader', 'content']).where('overseerId', '=', overseerId).where('id', '=', fileId).executeTakeFirst();
  return r ?? null;
}

const lock = (db: Kysely<DB>, overseerId: number, year: number) => sql`select pg_advisory_xact_lock(${overseerId}::int, hashtext(${`oversight/${year}`}))`.execute(db);

/**
 * Files a waiting (or discarded) file for an agency of the subtree; it becomes the agency's collected
 * report for the file's year, replacing one held before.
 */
export async function assignFile(db: Kysely<DB>, overseerId: number, fileId: number, agencyId: number, actor: OversightActor): Promise<DomainResult<{ agency: string; replaced: string | null }>> {
  const agency = await overseenAgency(db, overseerId, agencyId);
  if (!agency) return fail('AGENCY_NOT_FOUND', '请从列表中选择本机关的下级机关。', 'agency');
  return db.transaction().execute(async (trx) => {
    const file = await trx.selectFrom('oversightFiles').select(['id', 'year', 'state', 'fileName']).where('overseerId', '=', overseerId).where('id', '=', fileId).executeTakeFirst();
    if (!file) return fail('FILE_NOT_FOUND', '文件不存在。', 'file');
    await lock(trx, overseerId, file.year);
    if (file.state === 'filed') return fail('FILE_ALREADY_FILED', `“${file.fileName}”已归入某机关，不在待确认之列。`, 'file');
    const { replaced } = await fileFor(trx, overseerId, file.year, file.id, agency.id, actor);
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.file',
      target: `oversight-file:${file.id}`,
      detail: { year: file.year, fileName: file.fileName, agency: agency.code, replaced },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { agency: agency.name, replaced } };
  });
}

/** Discards a waiting file: kept (and found again if uploaded again), no longer waiting. */
export async function discardFile(db: Kysely<DB>, overseerId: number, fileId: number, actor: OversightActor): Promise<DomainResult<{ fileName: string }>> {
  return db.transaction().execute(async (trx) => {
    const file = await trx.selectFrom('oversightFiles').select(['id', 'year', 'state', 'fileName']).where('overseerId', '=', overseerId).where('id', '=', fileId).executeTakeFirst();
    if (!file) return fail('FILE_NOT_FOUND', '文件不存在。', 'file');
    await lock(trx, overseerId, file.year);
    if (file.state !== 'review') return fail('FILE_NOT_WAITING', `“${file.fileName}”不在待确认之列，不能舍弃。`, 'file');
    await trx.updateTable('oversightFiles').set({ state: 'discarded', decidedAt: actor.now, decidedBy: actor.userId }).where('id', '=', file.id).execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.discard',
      target: `oversight-file:${file.id}`,
      detail: { year: file.year, fileName: file.fileName },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { fileName: file.fileName } };
  });
}
