// A query common enough to match more than COUNT_CAP titles among the newest PROBE items (catalogue-search.ts):
// its title tier ranks those newest matches only — never an arbitrary 501 of them — the count says 500+,
// and the cursor runs through exactly that set, without repeating or skipping an item. A rarer query
// (fewer matches among the newest items than the cap) is still found among older items.

import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { COUNT_CAP, searchCatalogue } from '../../src/services/search/catalogue-search.ts';
import type { CorpusItem } from '../support/catalogue-corpus.ts';
import { loadCorpus } from '../support/catalogue-corpus-load.ts';
import { engines, useDatabase } from '../support/db.ts';

const COMMON = 650;

/** 650 行政处罚决定书 published one day apart from 2022-01-01; one older item with a rare word; a draft. */
function items(): CorpusItem[] {
  const day = (n: number) => new Date(Date.UTC(2022, 0, 1 + n)).toISOString().slice(0, 10);
  const base = { summary: '', docNumber: '', publisher: '示范县市场监督管理局', category: 'a20-08', docType: '其他文件', attachments: [] };
  const list: CorpusItem[] = Array.from({ length: COMMON }, (_, i) => ({
    ...base,
    key: `p${i}`,
    indexNumber: `X/2022-${String(i + 1).padStart(5, '0')}`,
    title: `示范县市场监督管理局行政处罚决定书（第${i + 1}号）`,
    state: 'published',
    writtenOn: day(i),
    publishedOn: day(i),
    body: '当事人违反有关规定，依法作出行政处罚。',
  }));
  list.push({ ...base, key: 'old', indexNumber: 'X/2019-00001', title: '2019年白杨村水毁桥梁修复公示', state: 'published', writtenOn: '2019-03-01', publishedOn: '2019-03-01', body: '白杨村桥梁修复。' });
  list.push({ ...base, key: 'draft', indexNumber: 'X/2025-00001', title: '行政处罚决定书（草稿）', state: 'draft', writtenOn: '2025-01-01', publishedOn: null, body: '' });
  return list;
}

describe.each(engines())('a common query on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let ids = new Map<string, number>();

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'sx', name: '示范县市场监督管理局', level: 'department' }, '2025-06-01T00:00:00.000Z');
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    ids = await loadCorpus(t.db, agencyId, items(), 1000);
  });

  it('ranks the newest matches, says 500+, and pages through them exactly once', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let first = true;
    for (let page = 0; page < 20; page++) {
      const r = await searchCatalogue(t.db, { agencyId, query: '行政处罚决定书', scope: 'public', limit: 100, after });
      if (first) {
        expect(r.total).toBe(COUNT_CAP);
        expect(r.capped).toBe(true);
        first = false;
      }
      seen.push(...r.hits.map((h) => h.id));
      if (r.next === null) break;
      after = r.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // the newest COUNT_CAP + 1 published items, and no draft
    const newest = Array.from({ length: COUNT_CAP + 1 }, (_, k) => ids.get(`p${COMMON - 1 - k}`)!);
    expect([...seen].sort((x, y) => x - y)).toEqual([...newest].sort((x, y) => x - y));
    expect(seen).not.toContain(ids.get('draft'));
  });

  it('staff see the draft among the newest matches', async () => {
    const r = await searchCatalogue(t.db, { agencyId, query: '行政处罚决定书', scope: 'staff', limit: 100 });
    const all: number[] = r.hits.map((h) => h.id);
    let after = r.next;
    while (after !== null) {
      const next = await searchCatalogue(t.db, { agencyId, query: '行政处罚决定书', scope: 'staff', limit: 100, after });
      all.push(...next.hits.map((h) => h.id));
      after = next.next;
    }
    expect(all).toContain(ids.get('draft'));
  });

  it('still finds a rare word in an old item', async () => {
    const r = await searchCatalogue(t.db, { agencyId, query: '白杨村', scope: 'public', limit: 10 });
    expect(r.hits.map((h) => h.id)).toEqual([ids.get('old')]);
    expect(r.total).toBe(1);
  });
});
