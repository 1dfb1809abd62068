// 清理 rounds (services/catalogue/cleanup.ts) on each engine: a round's entries are the documents in
// force on its date; concluding is refused (database unchanged) while an entry lacks its conclusion, or
// when a document to 废止 is no longer published (the documents already ended in the same transaction
// roll back with it); concluding applies 废止 and 宣布失效 with the day as their date, a new version,
// audited, and the register's table 二 counts the 废止; a round without documents concludes as
// "未发现行政规范性文件".

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnVersion } from '../../src/services/column-version.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { concludeRound, createRound, getRound, listRounds, recordConclusion, roundEntries } from '../../src/services/catalogue/cleanup.ts';
import { getItem, itemVersions, type CatalogueActor } from '../../src/services/catalogue/items.ts';
import { tableTwo } from '../../src/services/catalogue/register.ts';
import { engines, useDatabase } from '../support/db.ts';
import { publishedItem } from '../support/register.ts';
import { snapshot } from '../support/snapshot.ts';

const who: CatalogueActor = { userId: null, name: 'tester', now: '2025-03-10T02:00:00.000Z', today: '2025-03-10' };

describe.each(engines())('清理 rounds on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let emptyAgency = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'jyj', name: '示范市教育局', level: 'department' }, who.now);
    const b = await createAgency(t.db, { code: 'zx', name: '示范市机关事务服务中心', level: 'department' }, who.now);
    if (!a.ok || !b.ok) throw new Error('agency');
    agencyId = a.value.id;
    emptyAgency = b.value.id;
    const add = async (key: string, input: Record<string, string>, state?: 'draft') => {
      ids[key] = Number((await publishedItem(t.db, agencyId, { title: `关于${key}的规定`, docType: '行政规范性文件', ...input }, who, state)).id);
    };
    await add('a', { writtenOn: '2020-05-01' });
    await add('b', { writtenOn: '2021-05-01' });
    await add('c', { writtenOn: '2022-05-01' });
    await add('d', { writtenOn: '2023-05-01', docType: '规章' });
    await add('old', { writtenOn: '2019-01-01', validity: '废止', validityOn: '2023-12-31' });
    await add('later', { writtenOn: '2024-07-01' });
    await add('draft', { writtenOn: '2022-01-01' }, 'draft');
  });

  it('takes the documents in force on its date, and refuses to conclude while conclusions are missing', async () => {
    const r = await createRound(t.db, agencyId, { title: '2024年度行政规范性文件清理', asOf: '2024-06-30' }, who);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const round = r.value;
    expect(round.entries).toBe(4);
    const entries = await roundEntries(t.db, round.id, { limit: 3 });
    expect(entries.rows.map((e) => e.itemId)).toEqual([ids['d'], ids['c'], ids['b']]);
    expect(entries.next).not.toBeNull();

    const beforeAll = await snapshot(t.db);
    const versionBefore = columnVersion('any');
    const missing = await concludeRound(t.db, agencyId, round.id, { summary: '清理完毕' }, who);
    expect(missing.ok ? '' : missing.error.code).toBe('CONCLUSIONS_MISSING');
    const unknown = await recordConclusion(t.db, agencyId, round.id, ids['a'] as number, { conclusion: '作废' }, who);
    expect(unknown.ok ? '' : unknown.error.code).toBe('UNKNOWN_CONCLUSION');
    const outside = await recordConclusion(t.db, agencyId, round.id, ids['later'] as number, { conclusion: '废止' }, who);
    expect(outside.ok ? '' : outside.error.code).toBe('ENTRY_NOT_FOUND');
    const future = await createRound(t.db, agencyId, { title: '明年', asOf: '2025-12-31' }, who);
    expect(future.ok ? '' : future.error.code).toBe('DATE_IN_FUTURE');
    const otherAgency = await recordConclusion(t.db, emptyAgency, round.id, ids['a'] as number, { conclusion: '废止' }, who);
    expect(otherAgency.ok ? '' : otherAgency.error.code).toBe('NOT_FOUND');
    expect(await snapshot(t.db)).toEqual(beforeAll);

    for (const [key, conclusion] of [['a', '废止'], ['b', '宣布失效'], ['c', '修改'], ['d', '继续有效']] as const) {
      const c = await recordConclusion(t.db, agencyId, round.id, ids[key] as number, { conclusion, note: `${key}的说明` }, who);
      expect(c.ok).toBe(true);
    }
    expect((await getRound(t.db, agencyId, round.id))?.concluded).toBe(4);

    // a document to 废止 was withdrawn meanwhile: refused, and 'a' (ended first) rolls back with it
    await sql`update catalogue_items set state = 'withdrawn' where id = ${ids['b']}`.execute(t.db);
    const beforeRefusal = await snapshot(t.db);
    const withdrawn = await concludeRound(t.db, agencyId, round.id, { summary: '清理完毕' }, who);
    expect(withdrawn.ok ? '' : withdrawn.error.code).toBe('ITEM_NOT_PUBLISHED');
    expect(await snapshot(t.db)).toEqual(beforeRefusal);
    await sql`update catalogue_items set state = 'published' where id = ${ids['b']}`.execute(t.db);

    const noSummary = await concludeRound(t.db, agencyId, round.id, {}, who);
    expect(noSummary.ok ? '' : noSummary.error.code).toBe('SUMMARY_REQUIRED');

    const refusedVersion = columnVersion('any');
    expect(refusedVersion).toBe(versionBefore); // refusals leave the column's cached pages alone
    const done = await concludeRound(t.db, agencyId, round.id, { summary: '共清理4件：继续有效1件，修改1件，废止1件，宣布失效1件。' }, who);
    expect(done.ok).toBe(true);
    // the public pages of the ended documents are rendered again, after the commit
    expect(columnVersion('any')).toBeGreaterThan(versionBefore);
    if (!done.ok) return;
    expect(done.value.round.state).toBe('concluded');
    expect(done.value.round.concludedOn).toBe('2025-03-10');
    expect(done.value.ended.map((e) => e.conclusion).sort()).toEqual(['宣布失效', '废止']);
    const a = await getItem(t.db, agencyId, ids['a'] as number);
    const b = await getItem(t.db, agencyId, ids['b'] as number);
    const c = await getItem(t.db, agencyId, ids['c'] as number);
    expect([a?.validity, a?.repealedOn, a?.version]).toEqual(['废止', '2025-03-10', 2]);
    expect([b?.validity, b?.lapsedOn, b?.repealedOn, b?.version]).toEqual(['失效', '2025-03-10', null, 2]);
    expect([c?.validity, c?.version]).toEqual(['有效', 1]);
    expect((await itemVersions(t.db, ids['a'] as number))[0]?.reason).toBe('2024年度行政规范性文件清理：废止');
    const audits = await t.db.selectFrom('auditLog').select(['action', 'target']).where('action', 'like', '%cleanup%').execute();
    expect(audits.filter((x) => x.action === 'catalogue.cleanup').map((x) => x.target).sort()).toEqual([`catalogue:${ids['a']}`, `catalogue:${ids['b']}`].sort());
    expect(audits.some((x) => x.action === 'cleanup.conclude')).toBe(true);

    // 废止 counts in table 二 for 2025; 宣布失效 does not (it is not 废止)
    const two = await tableTwo(t.db, agencyId, 2025);
    expect(two.normativeDocuments.repealed).toBe(1);
    expect(two.normativeDocuments.inForce).toBe(2); // c and later
    expect(two.warnings.length).toBe(1); // 4 − 1 ≠ 2: b 失效

    // a concluded round takes no more changes
    const after = await snapshot(t.db);
    const again = await concludeRound(t.db, agencyId, round.id, { summary: 'x' }, who);
    expect(again.ok ? '' : again.error.code).toBe('ROUND_CONCLUDED');
    const change = await recordConclusion(t.db, agencyId, round.id, ids['c'] as number, { conclusion: '废止' }, who);
    expect(change.ok ? '' : change.error.code).toBe('ROUND_CONCLUDED');
    expect(await snapshot(t.db)).toEqual(after);
  });

  it('concludes a round without documents as 未发现行政规范性文件', async () => {
    const r = await createRound(t.db, emptyAgency, { title: '行政规范性文件清理', asOf: '2024-12-31' }, who);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.entries).toBe(0);
    const done = await concludeRound(t.db, emptyAgency, r.value.id, {}, who);
    expect(done.ok && done.value.round.summary).toBe('未发现行政规范性文件');
    const list = await listRounds(t.db, emptyAgency, { limit: 10 });
    expect(list.rows.map((x) => x.id)).toEqual([r.value.id]);
  });
});
