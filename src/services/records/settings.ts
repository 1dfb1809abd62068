// The agency's two settings of table 四 (agencies.review_count_year, review_rejection_upheld; migration
// 0014), as domain/report/table-four.ts takes them. Both are UNCONFIRMED practice (plan-notes "#12 table
// 四 results"); they are changed with the agency's other readings (services/agencies.ts updateAgency).

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEFAULT_TABLE_FOUR_SETTINGS } from '../../domain/records/vocab.ts';
import type { TableFourSettings } from '../../domain/records/vocab.ts';

export async function tableFourSettings(db: Kysely<DB>, agencyId: number): Promise<TableFourSettings> {
  const row = await db.selectFrom('agencies').select(['reviewCountYear', 'reviewRejectionUpheld']).where('id', '=', agencyId).executeTakeFirst();
  if (!row) return DEFAULT_TABLE_FOUR_SETTINGS;
  return { countYear: row.reviewCountYear === 'concluded' ? 'concluded' : 'received', rejectionUpheld: row.reviewRejectionUpheld };
}
