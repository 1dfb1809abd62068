// Loads the demo's catalogue plan (catalogue.ts) through the catalogue services, inside the demo's
// transaction: each item parsed and checked as a clerk's entry would be, inserted as of its own date.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { Refused } from '../transactions.ts';
import { insertItem, parseItem } from '../catalogue/items.ts';
import { DEMO_OWN_CATEGORIES, planDemoCatalogue } from './catalogue.ts';

/** Writes the demo's items; returns how many. `stamp(date, k)`: a timestamp on that date in office hours. */
export async function loadDemoCatalogue(trx: Transaction<DB>, agencyId: number, today: string, userId: number | null, stamp: (date: string, k: number) => string): Promise<number> {
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
  }
  return plan.length;
}
