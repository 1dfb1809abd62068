// An agency's published annual report of a year, read by the agency's id: what the draft of the next
// year reads last year's section 五 from. null when none is published (or its stored data no longer
// reads as a report).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { readReportJson } from '../domain/report/json.ts';
import type { AnnualReport } from '../domain/report/model.ts';

export async function publishedReportOf(db: Kysely<DB>, agencyId: number, year: number): Promise<AnnualReport | null> {
  const row = await db.selectFrom('publishedReports').select(['report']).where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (!row) return null;
  const read = readReportJson(row.report);
  return read.ok ? read.report : null;
}
