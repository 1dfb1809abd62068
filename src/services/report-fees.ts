// 信息处理费 of a year, from the records (never typed): the 发出收费通知 steps of the agency's applications
// dated in the year, each with the amount of its 收费通知书 (documents.inputs.fee.yuan, the quote it was
// issued with), and the 登记缴费 steps dated in the year, each paying the amount of the latest notice
// before it on the same application. A step without a 收费通知书 on the platform (a ledger import, a notice
// made elsewhere) is counted with its amount unknown.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { FeeFacts } from '../domain/report/draft/types.ts';

const FEE_STEPS = ['send_fee_notice', 'record_payment'] as const;

function yuanOf(inputs: unknown): number | null {
  const fee = (inputs as { fee?: { yuan?: unknown } | null } | null)?.fee;
  return typeof fee?.yuan === 'number' && Number.isSafeInteger(fee.yuan) && fee.yuan >= 0 ? fee.yuan : null;
}

export async function feeFacts(db: Kysely<DB>, agencyId: number, year: number): Promise<FeeFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const inYear = await db
    .selectFrom('applicationEvents as e')
    .innerJoin('applications as a', 'a.id', 'e.applicationId')
    .select('e.applicationId')
    .distinct()
    .where('a.agencyId', '=', agencyId)
    .where('e.type', 'in', [...FEE_STEPS])
    .where('e.occurredOn', '>=', from)
    .where('e.occurredOn', '<=', to)
    .execute();
  const ids = inYear.map((r) => Number(r.applicationId));
  const facts: FeeFacts = { notices: 0, noticedYuan: 0, noticesWithoutAmount: 0, payments: 0, collectedYuan: 0, paymentsWithoutAmount: 0, applicationIds: ids };
  if (ids.length === 0) return facts;
  const events = await db
    .selectFrom('applicationEvents')
    .select(['applicationId', 'seq', 'type', 'occurredOn'])
    .where('applicationId', 'in', ids)
    .where('type', 'in', [...FEE_STEPS])
    .where('occurredOn', '<=', to)
    .orderBy('applicationId')
    .orderBy('seq')
    .execute();
  const documents = await db.selectFrom('documents').select(['applicationId', 'eventSeq', 'inputs', 'issuedOn']).where('applicationId', 'in', ids).where('kind', '=', 'fee_notice').orderBy('id').execute();
  const amountOf = (applicationId: number, seq: number): number | null => {
    const bound = documents.find((d) => Number(d.applicationId) === applicationId && d.eventSeq === seq);
    return bound ? yuanOf(bound.inputs) : null;
  };
  const lastNotice = new Map<number, number | null>();
  for (const e of events) {
    const app = Number(e.applicationId);
    const counted = e.occurredOn >= from;
    if (e.type === 'send_fee_notice') {
      const yuan = amountOf(app, e.seq);
      lastNotice.set(app, yuan);
      if (!counted) continue;
      facts.notices += 1;
      if (yuan === null) facts.noticesWithoutAmount += 1;
      else facts.noticedYuan += yuan;
    } else if (counted) {
      const yuan = lastNotice.get(app) ?? null;
      facts.payments += 1;
      if (yuan === null) facts.paymentsWithoutAmount += 1;
      else facts.collectedYuan += yuan;
    }
  }
  return facts;
}
