// The dashboard's 已答复未登记送达 (issue #17): the applications answered whose reply is not recorded as
// delivered — still 已答复, not 已送达 (recording the reply's delivery moves them on: services/deliveries.ts).
// Until it is, the applicant's remedy windows are only presumed from the reply's date. One count and the
// oldest replies first, over the partial index of 0028.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface UndeliveredReply {
  id: number;
  number: string;
  applicantName: string;
  /** the reply's date (the application's conclusion) */
  repliedOn: string | null;
}

export interface UndeliveredReplies {
  count: number;
  /** the oldest replies first, at most `rows` */
  items: UndeliveredReply[];
}

export async function undeliveredReplies(db: Kysely<DB>, agencyId: number, rows: number): Promise<UndeliveredReplies> {
  const replied = () => db.selectFrom('applications').where('agencyId', '=', agencyId).where('state', '=', 'replied');
  const { count } = await replied().select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const n = Number(count);
  if (n === 0) return { count: 0, items: [] };
  const items = await replied().select(['id', 'number', 'applicantName', 'closedOn as repliedOn']).orderBy('closedOn').orderBy('number').limit(rows).execute();
  return { count: n, items };
}
