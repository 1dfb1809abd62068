// An archived application is read-only (条例第四十五条: 归档). Once its `archive` step is recorded, the
// case file is closed: no step, notice, delivery, scan or identity proof, personal-data change or query
// password reset is written for it. Every write path on an application asks here, inside its own
// transaction and after it has locked (or read) the application row, so the refusal is the same Chinese
// message everywhere and nothing is written when it is returned. Reading (pages, PDFs, the case file of
// services/casefile) stays open.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainError } from '../domain/applications/types.ts';

export const APPLICATION_ARCHIVED = 'APPLICATION_ARCHIVED';

/** The refusal for an archived application, or null when it may still change. */
export function archivedRefusal(application: { state: string; number?: string | null }): DomainError | null {
  if (application.state !== 'archived') return null;
  const which = application.number ? `申请${application.number}` : '该申请';
  return {
    code: APPLICATION_ARCHIVED,
    message: `${which}已归档，案卷只读：不能再登记办理步骤、出具或更正文书、登记送达、增改扫描件和身份证明、修改申请人信息或重置查询密码。如确需更正，请按本机关档案管理规定办理。`,
  };
}

/** archivedRefusal for an application read by id (in the caller's transaction); null also when there is none. */
export async function refuseIfArchived(db: Kysely<DB>, applicationId: number): Promise<DomainError | null> {
  const row = await db.selectFrom('applications').select(['state', 'number']).where('id', '=', applicationId).executeTakeFirst();
  return row ? archivedRefusal(row) : null;
}

/** The agency's 保管期限 of archived case files, in years (agencies.archive_retention_years, migration 0032). */
export async function archiveRetentionYears(db: Kysely<DB>, agencyId: number): Promise<number> {
  const row = await db.selectFrom('agencies').select('archiveRetentionYears').where('id', '=', agencyId).executeTakeFirst();
  return row?.archiveRetentionYears ?? 10;
}
