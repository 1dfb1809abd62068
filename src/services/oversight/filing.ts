// Filing an uploaded file for an agency (inside the caller's transaction): the file becomes the agency's
// collected report for the year (oversight_reports, source 'upload'), with the publication date found
// in its text. Which report counts when there are several sources (docs/ARCHITECTURE.md): the agency's
// own publication on the platform first (read live, always its current version); else what the office
// holds — the last filed upload or hand entry replaces the one before (the audit log keeps it).

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OversightActor } from './common.ts';

/** Why a certain match still waits for the office: the agency's report is on the platform, or one is already held. */
export async function blockerOf(db: Kysely<DB>, overseerId: number, agencyId: number, year: number): Promise<string | null> {
  const platform = await db.selectFrom('publishedReports').select('id').where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (platform) return `该机关已在本平台发布${year}年度报告，系统自动收集，一般不需要上传；如确需使用这个文件，请确认。`;
  const held = await db.selectFrom('oversightReports').select(['source']).where('overseerId', '=', overseerId).where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (held) return `该机关${year}年度已有${held.source === 'manual' ? '录入的' : '上传的'}报告；确认后，这个文件将替换原有的报告。`;
  return null;
}

/** Files `fileId` for the agency: the file filed, the agency's collected report now this file. */
export async function fileFor(db: Kysely<DB>, overseerId: number, year: number, fileId: number, agencyId: number, actor: OversightActor): Promise<{ replaced: string | null }> {
  const file = await db.selectFrom('oversightFiles').select(['foundOn']).where('id', '=', fileId).executeTakeFirstOrThrow();
  await db.updateTable('oversightFiles').set({ state: 'filed', agencyId, reviewNote: null, decidedAt: actor.now, decidedBy: actor.userId }).where('id', '=', fileId).execute();
  const before = await db.selectFrom('oversightReports').select(['id', 'source', 'fileId']).where('overseerId', '=', overseerId).where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  const values = {
    source: 'upload',
    fileId,
    report: null,
    publishedOn: file.foundOn,
    publishedOnHow: file.foundOn === null ? null : 'text',
    updatedAt: actor.now,
    updatedBy: actor.userId,
  };
  if (before) {
    await db.updateTable('oversightReports').set(values).where('id', '=', before.id).execute();
    // the file it replaces stays filed for the record, but is no longer the agency's report
    return { replaced: before.source === 'manual' ? 'manual' : `file:${before.fileId}` };
  }
  await db.insertInto('oversightReports').values({ overseerId, agencyId, year, ...values }).execute();
  return { replaced: null };
}
