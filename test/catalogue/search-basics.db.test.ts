// The catalogue search (services/search/catalogue-search.ts) on each engine, on a handful of items:
// pairs find two-character queries, a 文号's tail finds its document first, the public sees only
// published items, snippets mark the query's words, pages continue by cursor.

import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { inTransaction, insertItem, parseItem, type CatalogueActor } from '../../src/services/catalogue/items.ts';
import { searchCatalogue } from '../../src/services/search/catalogue-search.ts';
import { engines, useDatabase } from '../support/db.ts';

const who: CatalogueActor = { userId: null, name: 'tester', now: '2024-05-06T02:00:00.000Z', today: '2024-05-06' };

describe.each(engines())('catalogue search basics on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'sx', name: '示范县农业农村局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    const items = [
      { title: '关于下达2024年农村危房改造补助资金的通知', docNumber: '示范农发〔2024〕3号', category: 'a20-11', docType: '其他文件', body: '各乡镇：现将危房改造补助资金下达。', state: 'published' },
      { title: '示范县耕地地力保护补贴发放公示', docNumber: '示范农发〔2024〕13号', category: 'a20-11', docType: '其他文件', body: '补贴对象为承包耕地的农户。', state: 'published' },
      { title: '危房改造工作推进会召开', category: 'a20-15', docType: '工作动态', body: '会议部署危房改造。', state: 'draft' },
      { title: '已撤回的资金公示', category: 'a20-11', docType: '其他文件', body: '白杨村补助名单。', state: 'withdrawn' },
    ] as const;
    for (const it of items) {
      const parsed = await parseItem(t.db, agencyId, { title: it.title, docNumber: 'docNumber' in it ? it.docNumber : '', category: it.category, docType: it.docType, body: it.body, publishedOn: it.state === 'published' ? '2024-04-01' : '' }, who.today);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const r = await inTransaction(t.db, (trx) => insertItem(trx, parsed.value, who, { state: it.state }));
      if (!r.ok) throw new Error(r.error.message);
    }
  });

  it('finds two-character words, only published items for the public, drafts for staff', async () => {
    const pub = await searchCatalogue(t.db, { agencyId, query: '危房', scope: 'public', limit: 10 });
    expect(pub.hits.map((h) => h.title)).toEqual(['关于下达2024年农村危房改造补助资金的通知']);
    const staff = await searchCatalogue(t.db, { agencyId, query: '危房', scope: 'staff', limit: 10 });
    expect(staff.hits.map((h) => h.title).sort()).toEqual(['关于下达2024年农村危房改造补助资金的通知', '危房改造工作推进会召开'].sort());
    expect(pub.hits[0]!.titleMarked.filter((s) => s.mark).map((s) => s.text)).toEqual(['危房']);
  });

  it('puts the document of a 文号 first and does not confuse 3号 with 13号', async () => {
    const r = await searchCatalogue(t.db, { agencyId, query: '〔2024〕3号', scope: 'public', limit: 10 });
    expect(r.hits.map((h) => h.docNumber)).toEqual(['示范农发〔2024〕3号']);
  });

  it('finds a withdrawn item by its title only: the public no longer reads its body', async () => {
    expect((await searchCatalogue(t.db, { agencyId, query: '白杨村', scope: 'public', limit: 10 })).hits).toEqual([]);
    expect((await searchCatalogue(t.db, { agencyId, query: '白杨村', scope: 'staff', limit: 10 })).hits.map((h) => h.title)).toEqual(['已撤回的资金公示']);
    const byTitle = await searchCatalogue(t.db, { agencyId, query: '资金公示', scope: 'public', limit: 10 });
    expect(byTitle.hits.map((h) => [h.title, h.state])).toEqual([['已撤回的资金公示', 'withdrawn']]);
    expect(byTitle.total).toBe(1);
  });

  it('pages by cursor', async () => {
    const first = await searchCatalogue(t.db, { agencyId, query: '示范', scope: 'staff', limit: 1 });
    expect(first.total).toBeGreaterThanOrEqual(2);
    const second = await searchCatalogue(t.db, { agencyId, query: '示范', scope: 'staff', limit: 1, after: first.next });
    expect(second.hits[0]?.id).not.toBe(first.hits[0]?.id);
  });
});
