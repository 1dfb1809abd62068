// The staff list's search on indexes (#16; services/search/application-search.ts, application-index.ts,
// migration 0026), on each engine: an exact 编号 (also typed in full width), a two-character word, a name, a
// single character (names only), words of the request, a mix; the same applications as the ILIKE search it
// replaces found on a varied fixture, for the queries whose meaning both share (words without stop words,
// whole numbers); the ID number never searchable; on 6,000 applications indexed as rows from before migration 0026 are, the
// plans read the GIN and the (agency_id, number) indexes, and a common word's total is estimated.

import { sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { EXACT_TOTAL_MAX, listApplications } from '../../src/services/application-list.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { afterMigrations } from '../../src/services/database.ts';
import type { RegisterInput } from '../../src/services/applications.ts';
import { applicationMatch } from '../../src/services/search/application-search.ts';
import { insertApplications } from '../support/application-corpus.ts';
import { engines, useDatabase } from '../support/db.ts';
import { random } from '../support/register.ts';

const TODAY = '2024-11-20';
const who = { actor: 'tester', now: `${TODAY}T02:00:00.000Z`, today: TODAY };
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const opts = { calendar, today: TODAY };

const NAMES = ['张三', '张三丰', '王五', '王和平', '李小明', '欧阳娜娜', '某某科技有限公司', '示范律师事务所', '市民赵六', 'Zhang Wei'];
const PHRASES = [
  '农村危房改造补助资金的分配情况',
  '2023年度部门预算执行情况',
  '城乡居民最低生活保障资金发放明细',
  '5G基站建设规划',
  '某项目环境影响评价批复',
  '老旧小区改造工程招标文件',
  '耕地地力保护补贴发放名单',
  '房屋征收补偿方案及评估报告',
  '危房鉴定报告',
  '防汛应急预案',
];

/** The ILIKE search this replaces: each white-space word found literally in 编号, applicant or request. */
async function ilikeIds(db: Kysely<DB>, agencyId: number, q: string): Promise<number[]> {
  const words = q.split(/[\s\u3000]+/).filter((w) => w !== '');
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await sql<{ id: number }>`select id from applications where agency_id = ${agencyId} and ${sql.join(
    words.map((w) => sql`(number ilike ${like(w)} or applicant_name ilike ${like(w)} or request ilike ${like(w)})`),
    sql` and `,
  )} order by id`.execute(db);
  return rows.map((r) => Number(r.id));
}

async function searchIds(db: Kysely<DB>, agencyId: number, q: string): Promise<number[]> {
  const list = await listApplications(db, agencyId, { q, limit: 100 }, opts);
  return list.items.map((i) => i.id).sort((a, b) => a - b);
}

describe.each(engines())('application search on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let otherId = 0;
  const ids = new Map<string, number>();

  const register = async (agency: number, input: Partial<RegisterInput>): Promise<number> => {
    const r = await registerApplication(t.db, agency, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: '2024-03-01', request: '某文件', ...input }, who);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'search-a', name: '示范县住房和城乡建设局', level: 'department' }, who.now);
    const b = await createAgency(t.db, { code: 'search-b', name: '示范县财政局', level: 'department' }, who.now);
    if (!a.ok || !b.ok) throw new Error('agency');
    agencyId = a.value.id;
    otherId = b.value.id;
    // a varied fixture: generated 编号 and a ledger's own, names of people and organisations, requests of one
    // to three phrases, dates over two years
    const rnd = random(16);
    for (let i = 0; i < 60; i++) {
      const name = NAMES[Math.floor(rnd() * NAMES.length)]!;
      const request = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => PHRASES[Math.floor(rnd() * PHRASES.length)]!).join('；');
      const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
      await register(agencyId, { applicantName: name, request, submittedOn: `202${3 + (i % 2)}-0${1 + (i % 9)}-${day}` });
    }
    ids.set('ledger', await register(agencyId, { number: '依申〔2024〕12号', applicantName: '周七', request: '关于桥梁维修的批复' }));
    ids.set('person', await register(agencyId, { number: 'GK-2024-0099', applicantName: '孙八', request: '申请公开本人房屋的征收决定', idKind: 'resident_id', idNumber: '11010519491231002X' }));
    ids.set('other', await register(otherId, { applicantName: '张三', request: '农村危房改造补助资金的分配情况' }));
  });

  it('finds an application by its exact 编号, also typed in full width, and says so', async () => {
    const number = (await t.db.selectFrom('applications').select(['id', 'number']).where('agencyId', '=', agencyId).orderBy('id').offset(11).limit(1).executeTakeFirstOrThrow());
    for (const q of [number.number, ` ${number.number} `, number.number.normalize('NFKC').replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))]) {
      const list = await listApplications(t.db, agencyId, { q }, opts);
      expect(list, q).toMatchObject({ total: 1, exact: true, search: 'number' });
      expect(list.items.map((i) => i.id)).toEqual([Number(number.id)]);
    }
    expect((await listApplications(t.db, agencyId, { q: '依申〔2024〕12号' }, opts)).items.map((i) => i.id)).toEqual([ids.get('ledger')]);
    // another agency's 编号 is not looked up there; a 编号 that does not exist is searched as words
    expect((await listApplications(t.db, otherId, { q: number.number }, opts)).search).toBe('text');
    const partial = await listApplications(t.db, agencyId, { q: 'GK-2024' }, opts);
    expect(partial).toMatchObject({ search: 'text' });
    expect(partial.items.map((i) => i.id)).toEqual([ids.get('person')]);
  });

  it('finds a two-character word, a name, words of the request and a mix of them', async () => {
    const expectSame = async (q: string, n?: number) => {
      const found = await searchIds(t.db, agencyId, q);
      expect(found, q).toEqual(await ilikeIds(t.db, agencyId, q));
      if (n !== undefined) expect(found.length, q).toBe(n);
      else expect(found.length, q).toBeGreaterThan(0);
      return found;
    };
    await expectSame('危房');
    await expectSame('张三丰');
    // 张三 is in 张三丰 too, as with ILIKE
    expect((await expectSame('张三')).length).toBeGreaterThan((await searchIds(t.db, agencyId, '张三丰')).length);
    await expectSame('危房改造 补助资金');
    await expectSame('张三 危房');
    await expectSame('桥梁', 1);
    await expectSame('征收决定', 1);
    // another agency's applications are never found
    expect(await searchIds(t.db, agencyId, '危房')).not.toContain(ids.get('other'));
  });

  it('finds what the ILIKE search found, for every query whose meaning both share', async () => {
    const queries = [
      '危房', '改造', '危房改造', '补助资金', '部门预算', '预算 执行', '最低生活保障', '5G', '基站', '5G基站', '环境影响', '招标文件', '补贴', '征收补偿',
      '应急预案', '防汛', '王五', '王和平', '和平', '李小明', '欧阳', '娜娜', '有限公司', '科技 危房', '律师事务所', '赵六', 'zhang', 'WEI', '2024', '2023',
      '2023年度', '耕地地力 名单', '老旧小区', '评估报告', '鉴定', '周七', '孙八', '没有这个词', '危房 没有',
    ];
    for (const q of queries) expect(await searchIds(t.db, agencyId, q), q).toEqual(await ilikeIds(t.db, agencyId, q));
  });

  it('looks for a single character among the names only, and required beside other words', async () => {
    const wang = await searchIds(t.db, agencyId, '王');
    const names = await t.db.selectFrom('applications').select(['id', 'applicantName']).where('agencyId', '=', agencyId).where('id', 'in', wang).execute();
    expect(wang.length).toBeGreaterThan(0);
    for (const n of names) expect(n.applicantName).toContain('王');
    // 桥 appears in a request only (关于桥梁维修的批复): a single character is not looked for there
    expect(await searchIds(t.db, agencyId, '桥')).toEqual([]);
    const mixed = await searchIds(t.db, agencyId, '王 危房');
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed.every((id) => wang.includes(id))).toBe(true);
  });

  it('never finds anyone by the ID number; punctuation alone searches nothing', async () => {
    const doc = await sql<{ d: string }>`select search_document::text as d from applications where id = ${ids.get('person')!}`.execute(t.db);
    expect(doc.rows[0]?.d).toContain('孙八');
    expect(doc.rows[0]?.d).not.toMatch(/110105|1949|002x/i);
    expect(await searchIds(t.db, agencyId, '11010519491231002X')).toEqual([]);
    expect(await searchIds(t.db, agencyId, '110105')).toEqual([]);
    expect(await listApplications(t.db, agencyId, { q: '%_*' }, opts)).toMatchObject({ total: 0, search: 'nothing', items: [] });
  });

  it('combines the search with the filters and pages through it by cursor', async () => {
    const all = await searchIds(t.db, agencyId, '危房');
    const first = await listApplications(t.db, agencyId, { q: '危房', limit: 5, sort: 'number', direction: 'asc' }, opts);
    const seen = first.items.map((i) => i.id);
    let next = first.next;
    while (next !== null) {
      const page = await listApplications(t.db, agencyId, { q: '危房', limit: 5, sort: 'number', direction: 'asc', after: next }, opts);
      seen.push(...page.items.map((i) => i.id));
      next = page.next;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(all);
    const numbers = (await t.db.selectFrom('applications').select(['id', 'number']).where('id', 'in', seen).execute()).map((r) => [Number(r.id), r.number] as const);
    const order = new Map(numbers);
    expect(seen.map((id) => order.get(id))).toEqual([...seen.map((id) => order.get(id))].sort());
    const received = await listApplications(t.db, agencyId, { q: '危房', receivedFrom: '2024-01-01' }, opts);
    expect(received.items.every((i) => (i.receivedOn ?? '') >= '2024-01-01')).toBe(true);
    expect(received.total).toBeLessThan(all.length);
  });

  describe('on an agency of 6,000 applications', () => {
    let big = 0;
    beforeAll(async () => {
      const c = await createAgency(t.db, { code: 'search-c', name: '示范县自然资源局', level: 'department' }, who.now);
      if (!c.ok) throw new Error(c.error.message);
      big = c.value.id;
      await insertApplications(t.db, big, 1, 6000);
      expect((await afterMigrations(t.db)).indexed).toBe(6000);
      await sql`analyze applications`.execute(t.db);
    });

    const plan = async (q: { explain(): Promise<Record<string, unknown>[]> }) => (await q.explain()).map((r) => Object.values(r)[0]).join('\n');

    it('an exact 编号 is read on the (agency_id, number) index', async () => {
      const match = await applicationMatch(t.db, big, 'S-4321');
      expect(match).toEqual({ kind: 'number', numbers: ['S-4321'] });
      expect(await plan(t.db.selectFrom('applications').select('id').where('agencyId', '=', big).where('number', 'in', ['S-4321']))).toMatch(/applications_agency_id_number_key/);
    });

    it('a rare word is read on the GIN index, and the index CAN serve any word', async () => {
      const rare = await applicationMatch(t.db, big, '桥梁维修');
      const common = await applicationMatch(t.db, big, '危房');
      if (rare?.kind !== 'text' || common?.kind !== 'text') throw new Error('expected text matches');
      expect(await plan(t.db.selectFrom('applications').select('id').where('agencyId', '=', big).where(rare.condition))).toMatch(/applications_search\b/);
      // a word in a quarter of the rows may rightly be read otherwise; told not to read the table whole, the planner uses the index
      const forced = await t.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
        return plan(trx.selectFrom('applications').select('id').where(common.condition));
      });
      expect(forced).toMatch(/applications_search\b/);
    });

    it('pages through a common word (found by walking the order first) as ILIKE sorted, both ways, in two orders', async () => {
      const order = async (by: 'received' | 'number') => {
        const key = by === 'received' ? sql`coalesce(received_on, date '0001-01-01') desc, id desc` : sql`number asc, id asc`;
        const { rows } = await sql<{ id: number }>`select id from applications where agency_id = ${big} and request ilike '%报告%' order by ${key}`.execute(t.db);
        return rows.map((r) => Number(r.id));
      };
      for (const [sort, direction] of [
        ['received', 'desc'],
        ['number', 'asc'],
      ] as const) {
        const expected = await order(sort);
        expect(expected.length).toBeGreaterThan(EXACT_TOTAL_MAX);
        const forward: number[] = [];
        let page = await listApplications(t.db, big, { q: '报告', sort, direction, limit: 100 }, opts);
        forward.push(...page.items.map((i) => i.id));
        while (page.next !== null) {
          page = await listApplications(t.db, big, { q: '报告', sort, direction, limit: 100, after: page.next }, opts);
          forward.push(...page.items.map((i) => i.id));
        }
        expect(forward, sort).toEqual(expected);
        // and back from the last page by 上一页
        const backward: number[] = [...page.items.map((i) => i.id)];
        while (page.prev !== null) {
          page = await listApplications(t.db, big, { q: '报告', sort, direction, limit: 100, before: page.prev }, opts);
          backward.unshift(...page.items.map((i) => i.id));
        }
        expect(backward, sort).toEqual(expected);
      }
    });

    it('finds the rare words as ILIKE did, and counts a common one exactly while small, else estimates', async () => {
      for (const q of ['桥梁维修', '5G基站', '基站', '维修 批复']) {
        const list = await listApplications(t.db, big, { q, limit: 100 }, opts);
        expect(list.exact, q).toBe(true);
        expect(list.items.map((i) => i.id).sort((a, b) => a - b), q).toEqual(await ilikeIds(t.db, big, q));
      }
      const common = await listApplications(t.db, big, { q: '报告' }, opts);
      const n = (await ilikeIds(t.db, big, '报告')).length;
      expect(n).toBeGreaterThan(EXACT_TOTAL_MAX);
      expect(common).toMatchObject({ exact: false, page: null, pages: null });
      expect(common.total).toBeGreaterThan(EXACT_TOTAL_MAX);
      expect(common.next).not.toBeNull();
    });
  });
});
