// 在线送达 (issue #17): the applicant opening the reply notice in force on their own status page (its HTML,
// Word or PDF) is the reply reaching them through the platform — recorded, the first time and only while no
// delivery of it is recorded, as its delivery by the method 在线, dated that day (Beijing; the reading of
// 条例第三十一条第（三）项 the platform uses for what arrives through it), with the reply's 送达 step
// (services/deliveries.ts) and the applicant's audit entry, in one transaction. A reply the office recorded as
// delivered otherwise, or one it cannot record (its 送达 step bears another date), is left as it is.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { record } from './audit.ts';
import { recordDelivery } from './deliveries.ts';
import type { Delivery } from './deliveries.ts';
import { beijingToday } from './public-correction.ts';
import type { PublicAccess } from './public-status.ts';
import { joined, Refused } from './transactions.ts';

/** Records the online delivery of the reply in force on its first opening by the applicant; null when nothing was recorded. */
export async function recordOnlineView(db: Kysely<DB>, access: PublicAccess, documentId: number, who: { now: string; ip: string | null; calendar: WorkingCalendar }): Promise<Delivery | null> {
  const agencyId = access.agency.id;
  const doc = await db
    .selectFrom('documents as d')
    .leftJoin('documentDeliveries as s', 's.documentId', 'd.id')
    .select(['d.id', 'd.number', 's.id as deliveryId'])
    .where('d.id', '=', documentId)
    .where('d.applicationId', '=', access.applicationId)
    .where('d.agencyId', '=', agencyId)
    .where('d.kind', '=', 'reply')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('documents as n').select('n.id').whereRef('n.supersedes', '=', 'd.id'))))
    .executeTakeFirst();
  if (!doc || doc.deliveryId !== null) return null;
  const today = beijingToday(who.now);
  const at = new Date(Date.parse(who.now) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  try {
    return await db.transaction().execute(async (trx) => {
      const r = await recordDelivery(
        joined(trx),
        agencyId,
        access.applicationId,
        { documentId: doc.id, method: 'online', deliveredOn: today, evidence: `申请人于${at}（北京时间）在本平台申请办理进度页面打开答复告知书${doc.number}（平台自动登记）` },
        { actor: 'online', now: who.now, today, calendar: who.calendar },
      );
      if (!r.ok) throw new Refused(r.error);
      await record(trx, { userId: null, agencyId, action: 'document.deliver', target: `document:${doc.id}`, detail: { applicationId: access.applicationId, number: doc.number, method: 'online', deliveredOn: today, automatic: true, via: 'online' }, ip: who.ip, at: who.now });
      return r.value;
    });
  } catch (e) {
    if (e instanceof Refused) return null;
    throw e;
  }
}
