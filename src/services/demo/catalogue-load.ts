// Loads the demo's catalogue plan (catalogue.ts) through the catalogue services, inside the demo's
// transaction: each item parsed and checked as a clerk's entry would be, inserted as of its own date.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { joined, Refused } from '../transactions.ts';
import { insertItem, parseItem, type CatalogueActor } from '../catalogue/items.ts';
import { recordSecrecyReview, setDisclosure, submitItem } from '../catalogue/workflow.ts';
import { DEMO_OWN_CATEGORIES, planDemoCatalogue } from './catalogue.ts';

/**
 * Writes the demo's items; returns how many. `stamp(date, k)`: a timestamp on that date in office hours.
 * The newest draft is sent to review by the 经办人 (`handlerId`): it waits in the 科室负责人's 待我审核.
 */
export async function loadDemoCatalogue(
  trx: Transaction<DB>,
  agencyId: number,
  today: string,
  users: { adminId: number | null; handlerId: number | null },
  stamp: (date: string, k: number) => string,
): Promise<number> {
  const userId = users.adminId;
  await trx
    .insertInto('catalogueVocab')
    .values(DEMO_OWN_CATEGORIES.map((c, i) => ({ agencyId, kind: 'category', code: c.code, name: c.name, position: i + 1 })))
    .execute();
  const indexNumbers = new Map<string, string>();
  const plan = planDemoCatalogue(today);
  for (const [k, p] of plan.entries()) {
    const validity = p.revisedBy !== undefined ? '已修订' : p.repealedOn !== undefined ? '废止' : '';
    const input = {
      title: p.title,
      summary: p.summary,
      docNumber: p.docNumber,
      writtenOn: p.writtenOn,
      formedOn: p.writtenOn,
      publishedOn: p.publishedOn ?? '',
      category: p.category,
      docType: p.docType,
      topic: p.topic,
      body: p.body,
      validity,
      validityOn: p.revisedBy?.on ?? p.repealedOn ?? '',
      supersededBy: p.revisedBy !== undefined ? (indexNumbers.get(p.revisedBy.key) ?? '') : '',
      interprets: p.interprets !== undefined ? (indexNumbers.get(p.interprets) ?? '') : '',
    };
    const parsed = await parseItem(trx as Kysely<DB>, agencyId, input, today);
    if (!parsed.ok) throw new Refused({ ...parsed.error, message: `演示信息“${p.title}”：${parsed.error.message}` });
    const at = stamp(p.publishedOn ?? p.writtenOn, k % 40);
    const row = await insertItem(trx, parsed.value, { userId, name: '演示管理员', now: at, today }, {
      state: p.state,
      disclosure: p.state === 'published' ? '主动公开' : null,
      publishedAt: p.state === 'published' ? at : null,
    });
    indexNumbers.set(p.key, row.indexNumber);
    if (p.key === 'draft-new') await sendToReview(trx, agencyId, row.id, { userId: users.handlerId, name: '演示经办人', now: stamp(today, 2), today });
  }
  return plan.length;
}

/** 公开属性 主动公开, a 保密审查 不涉密, submitted: the way a 经办人 sends an item to review. */
async function sendToReview(trx: Transaction<DB>, agencyId: number, itemId: number, actor: CatalogueActor): Promise<void> {
  const tx = joined(trx);
  const steps = [
    () => setDisclosure(tx, agencyId, itemId, { disclosure: '主动公开' }, actor),
    () => recordSecrecyReview(tx, agencyId, itemId, { conclusion: '不涉密', note: '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私。' }, actor),
    () => submitItem(tx, agencyId, itemId, actor),
  ];
  for (const step of steps) {
    const r = await step();
    if (!r.ok) throw new Refused({ ...r.error, message: `演示信息送审：${r.error.message}` });
  }
}
