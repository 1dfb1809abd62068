// Catalogue items (services/catalogue/items.ts) on each engine: a draft gets its 索引号 from the
// agency's format and a sequence that is never reused; every save is a version; a refusal leaves the
// database unchanged; the search vector is written with the row.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { createItem, getItem, itemVersions, updateItem, type CatalogueActor } from '../../src/services/catalogue/items.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot as snapshotDatabase } from '../support/snapshot.ts';

const who: CatalogueActor = { userId: null, name: 'tester', now: '2024-05-06T02:00:00.000Z', today: '2024-05-06' };

describe.each(engines())('catalogue items on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'zrzy', name: '示范市自然资源和规划局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    await sql`update agencies set credit_code = '11640500MB1234567X' where id = ${agencyId}`.execute(t.db);
  });

  it('numbers drafts from the credit code, the year and a sequence that only grows', async () => {
    const a = await createItem(t.db, agencyId, { title: '关于印发农村危房改造补助资金管理办法的通知', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-03-01', docNumber: '示范自然资规〔2024〕3号' }, who);
    const b = await createItem(t.db, agencyId, { title: '2024年第一季度工作动态', category: '（十五）', docType: '工作动态' }, who);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.indexNumber).toBe('11640500MB1234567X/2024-00001');
    expect(b.value.indexNumber).toBe('11640500MB1234567X/2024-00002');
    expect(a.value.validity).toBe('有效');
    expect(a.value.docNumberKey).toBe('示范自然资规[2024]3号');
    expect(b.value.category).toBe('a20-15');
    // deleted drafts do not give their number back
    await sql`delete from catalogue_item_versions where item_id = ${b.value.id}`.execute(t.db);
    await sql`delete from catalogue_items where id = ${b.value.id}`.execute(t.db);
    const c = await createItem(t.db, agencyId, { title: '又一条', category: 'a20-2', docType: '其他文件' }, who);
    expect(c.ok && c.value.indexNumber).toBe('11640500MB1234567X/2024-00003');
    const hits = await sql<{ id: number }>`select id from catalogue_items where search_vector @@ to_tsquery('simple', '危房 & 补助')`.execute(t.db);
    expect(hits.rows.map((r) => Number(r.id))).toEqual([a.value.id]);
  });

  it('keeps every version and refuses a stale one without writing', async () => {
    const a = await createItem(t.db, agencyId, { title: '草稿一', category: 'a20-2', docType: '其他文件' }, who);
    if (!a.ok) throw new Error(a.error.message);
    const u = await updateItem(t.db, agencyId, a.value.id, { title: '草稿一（修改）', category: 'a20-2', docType: '其他文件' }, who, { expectedVersion: 1 });
    expect(u.ok && u.value.version).toBe(2);
    const before = await snapshotDatabase(t.db);
    const stale = await updateItem(t.db, agencyId, a.value.id, { title: '草稿一（旧）', category: 'a20-2', docType: '其他文件' }, who, { expectedVersion: 1 });
    expect(stale.ok ? '' : stale.error.code).toBe('VERSION_CONFLICT');
    const bad = await createItem(t.db, agencyId, { title: '解读', category: 'a20-1', docType: '政策解读', interprets: 'nope' }, who);
    expect(bad.ok ? '' : bad.error.code).toBe('REFERENCE_NOT_FOUND');
    expect(await snapshotDatabase(t.db)).toEqual(before);
    expect((await itemVersions(t.db, a.value.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await getItem(t.db, agencyId, a.value.id))?.title).toBe('草稿一（修改）');
  });
});
