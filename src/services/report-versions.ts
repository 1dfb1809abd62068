// The versions of a published annual report (migration 0016): version 1 is the first publication, each
// correction (更正) adds the next with its 更正说明. The public report page lists them (the trace of a
// correction: which dates, what changed); publishReport (report-publish.ts) writes them in its
// transaction. A withdrawal (撤回) removes the report and its versions (the audit log keeps the trace).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface ReportVersion {
  version: number;
  publishedAt: string;
  /** null for version 1 */
  changeNote: string | null;
  /** its PDF was printed and kept (report-pdf.ts) */
  hasPdf: boolean;
}

/** Appends the report's next version (1 when it has none) inside the caller's transaction; returns its number. */
export async function addReportVersion(
  trx: Kysely<DB>,
  reportId: number,
  entry: { report: string; changeNote: string | null; publishedAt: string; publishedBy: number | null; pdf?: Uint8Array | null },
): Promise<number> {
  const last = await trx.selectFrom('publishedReportVersions').select((eb) => eb.fn.max('version').as('v')).where('reportId', '=', reportId).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await trx
    .insertInto('publishedReportVersions')
    .values({ reportId, version, report: entry.report, changeNote: version === 1 ? null : entry.changeNote, publishedAt: entry.publishedAt, publishedBy: entry.publishedBy, pdf: entry.pdf ?? null })
    .execute();
  return version;
}

/** The versions of a published report, oldest first. */
export async function reportVersions(db: Kysely<DB>, reportId: number): Promise<ReportVersion[]> {
  const rows = await db
    .selectFrom('publishedReportVersions')
    .select(['version', 'publishedAt', 'changeNote', (eb) => eb('pdf', 'is not', null).as('hasPdf')])
    .where('reportId', '=', reportId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt, changeNote: r.changeNote, hasPdf: r.hasPdf === true }));
}
