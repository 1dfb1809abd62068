// The bulk path of the import (services/catalogue/bulk-insert.ts) writes what insertItem writes one by
// one — the same fields, 索引号 from the same counter, search vectors and first versions — including a
// reference to a row later in the same batch and a counter number already held by an imported item;
// a refusal inside it rolls everything back.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { insertItemsBulk, type BulkEntry } from '../../src/services/catalogue/bulk-insert.ts';
import { inTransaction, insertItem, parseItem, type CatalogueActor } from '../../src/services/catalogue/items.ts';
import type { ItemInput } from '../../src/domain/catalogue/item-input.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const who: CatalogueActor = { userId: null, name: 'import', now: '2024-07-01T02:00:00.000Z', today: '2024-07-01' };

const INPUTS: { input: ItemInput; indexNumber?: string }[] = [
  { input: { title: '关于印发某某办法的通知', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-03-01', publishedOn: '2024-03-05', docNumber: '某规〔2024〕1号', body: '## 总则\n- 第一条', validity: '已修订', validityOn: '2024-06-01', supersededBy: 'GIVEN/2024-9' } },
  { input: { title: '《某某办法》政策解读', category: 'a20-1', docType: '政策解读', writtenOn: '2024-03-01', publishedOn: '2024-03-05', interprets: 'ORG/2024-00001', summary: '解读' } },
  { input: { title: '某某办法（修订）', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-06-01', publishedOn: '2024-06-03' }, indexNumber: 'GIVEN/2024-9' },
  { input: { title: '2023年工作总结', category: 'a20-15', docType: '工作动态', writtenOn: '2023-12-20', publishedOn: '2023-12-25', body: '全年完成各项任务。' } },
];

describe.each(engines())('bulk insert on %s', (engine) => {
  const t = useDatabase(engine);
  const agencies = { one: 0, bulk: 0 };

  beforeAll(async () => {
    for (const code of ['one', 'bulk'] as const) {
      const a = await createAgency(t.db, { code, name: '某某市某某局', level: 'department' }, who.now);
      if (!a.ok) throw new Error(a.error.message);
      agencies[code] = a.value.id;
      await sql`update agencies set credit_code = 'ORG' where id = ${a.value.id}`.execute(t.db);
    }
  });

  async function entries(agencyId: number): Promise<BulkEntry[]> {
    const out: BulkEntry[] = [];
    for (const i of INPUTS) {
      const parsed = await parseItem(t.db, agencyId, i.input, who.today);
      if (!parsed.ok) throw new Error(parsed.error.message);
      out.push({ parsed: parsed.value, options: { indexNumber: i.indexNumber ?? null, state: 'published', origin: 'imported', disclosure: '主动公开', publishedAt: who.now } });
    }
    return out;
  }

  const comparable = async (agencyId: number) => {
    const { rows } = await sql<Record<string, unknown>>`
      select i.index_number, i.title, i.summary, i.doc_number, i.doc_number_key, i.written_on, i.formed_on, i.published_on, i.category, i.doc_type, i.validity,
        i.revised_on, i.body, i.state, i.origin, i.disclosure, i.published_at, i.version, s.index_number as superseding, p.index_number as interpreted,
        i.search_vector::text as sv, i.title_vector::text as tv, v.reason, v.snapshot - 'id' - 'agencyId' - 'supersededBy' - 'interpretsId' - 'createdAt' - 'updatedAt' as snap
      from catalogue_items i left join catalogue_items s on s.id = i.superseded_by left join catalogue_items p on p.id = i.interprets_id
        join catalogue_item_versions v on v.item_id = i.id
      where i.agency_id = ${agencyId} order by i.index_number`.execute(t.db);
    return rows.map((r): Record<string, unknown> => ({ ...r, reason: undefined }));
  };

  it('writes what insertItem writes, a forward reference and a held number included', async () => {
    // one by one, the superseding item first (insertItem resolves references as it goes)
    const one = await entries(agencies.one);
    const order = [2, 0, 1, 3];
    const r = await inTransaction(t.db, async (trx) => {
      for (const k of order) await insertItem(trx, one[k]!.parsed, who, one[k]!.options);
    });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    // in bulk, in the file's order: row 0 refers to row 2
    const bulk = await entries(agencies.bulk);
    const b = await inTransaction(t.db, (trx) => insertItemsBulk(trx, bulk, who, '导入'));
    expect(b.ok, b.ok ? '' : b.error.message).toBe(true);
    expect(await comparable(agencies.bulk)).toEqual(await comparable(agencies.one));
    const numbers = (await comparable(agencies.bulk)).map((x) => x['indexNumber']);
    expect(numbers).toEqual(['GIVEN/2024-9', 'ORG/2023-00001', 'ORG/2024-00001', 'ORG/2024-00002']);
  });

  it('skips a counter number an imported item holds, and refuses a taken 索引号 without writing', async () => {
    const parsed = await parseItem(t.db, agencies.bulk, { title: '又一条', category: 'a20-2', docType: '其他文件', writtenOn: '2024-05-01' }, who.today);
    if (!parsed.ok) throw new Error(parsed.error.message);
    // an item imported with the number the counter reaches next
    const held = await inTransaction(t.db, (trx) => insertItemsBulk(trx, [{ parsed: parsed.value, options: { indexNumber: 'ORG/2024-00003' } }], who, '导入'));
    expect(held.ok).toBe(true);
    const next = await inTransaction(t.db, (trx) => insertItemsBulk(trx, [{ parsed: parsed.value, options: {} }], who, '导入'));
    expect(next.ok && next.value[0]?.indexNumber).toBe('ORG/2024-00004');
    const before = await snapshot(t.db);
    const taken = await inTransaction(t.db, (trx) => insertItemsBulk(trx, [{ parsed: parsed.value, options: {} }, { parsed: parsed.value, options: { indexNumber: 'ORG/2024-00003' } }], who, '导入'));
    expect(taken.ok ? '' : taken.error.code).toBe('INDEX_NUMBER_TAKEN');
    expect(await snapshot(t.db)).toBe(before);
  });
});
