// The seed reproduced from records, on each engine: 中卫市机关事务服务中心's 2024 is entered as a clerk
// would — 13 items through the catalogue's review chain (初审 by the centre, 审核发布 by the city's
// 政务公开服务中心) and published, a 清理 round that found nothing, the chains, the facts of the open day
// with its 4 suggestions, the supervision, the problems and measures — and the draft of 一、五、六 states
// every fact of the seed's sections, while its tables equal the seed's wherever the platform computes a
// cell. Nothing is typed twice: no figure of the draft is entered, all are counted.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formValues, type ReportFact } from '../../src/domain/report/facts/kinds.ts';
import { cellCatalogue, getAt } from '../../src/domain/report/layout.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { concludeRound, createRound } from '../../src/services/catalogue/cleanup.ts';
import type { CatalogueActor } from '../../src/services/catalogue/items.ts';
import { publishItem } from '../../src/services/catalogue/publication.ts';
import { saveCatalogueSettings } from '../../src/services/catalogue/settings.ts';
import { decideItem, recordSecrecyReview, setDisclosure, submitItem } from '../../src/services/catalogue/workflow.ts';
import { createFact } from '../../src/services/report-facts.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { enterCounts } from '../../src/services/records/counts.ts';
import { setChain } from '../../src/services/review/chain.ts';
import { engines, useDatabase } from '../support/db.ts';
import { missingStatements, SEED_EXPECTED, seedFacts } from '../support/draft-input.ts';
import { person, type Person } from '../support/people.ts';
import { publishedItem } from '../support/register.ts';

const ENTERED = '2025-01-08T02:00:00.000Z';
const on = (day: string, name = '信息员'): CatalogueActor => ({ userId: null, name, now: `${day}T02:00:00.000Z`, today: day });

/** The seed's 13 items: 9 on the centre's work (their 主题分类 the five topics), 4 of its finances. */
const ITEMS: { title: string; topic: string; category: string; docType: string; day: string }[] = [
  ['关于推进机关事务工作标准化建设的通知', '机关事务工作标准化', '2024-03-05'],
  ['机关事务工作标准化试点工作推进会召开', '机关事务工作标准化', '2024-04-10'],
  ['2024年公共机构节能宣传周活动方案', '公共机构节能', '2024-06-03'],
  ['公共机构节能降碳工作要点', '公共机构节能', '2024-03-20'],
  ['市直机关办公用房调整使用情况', '办公用房管理', '2024-05-08'],
  ['办公用房维修项目公示', '办公用房管理', '2024-08-12'],
  ['机关食堂反食品浪费倡议书', '反食品浪费', '2024-04-22'],
  ['反食品浪费专项检查情况通报', '反食品浪费', '2024-09-18'],
  ['中心开展宪法宣传周活动', '宪法宣传', '2024-12-04'],
].map(([title, topic, day]) => ({ title: title as string, topic: topic as string, category: '工作动态', docType: '工作动态', day: day as string }));
ITEMS.push(
  { title: '中卫市机关事务服务中心2024年部门预算公开', topic: '财政、金融、审计', category: 'a20-7', docType: '财政信息', day: '2024-02-06' },
  { title: '中卫市机关事务服务中心2023年部门决算公开', topic: '财政、金融、审计', category: 'a20-7', docType: '财政信息', day: '2024-08-20' },
  { title: '中卫市机关事务服务中心2023年“三公”经费决算情况', topic: '财政、金融、审计', category: 'a20-7', docType: '财政信息', day: '2024-08-20' },
  { title: '中卫市机关事务服务中心2024年政府采购意向公开', topic: '财政、金融、审计', category: 'a20-9', docType: '其他文件', day: '2024-03-01' },
);

describe.each(engines())('the seed (中卫市机关事务服务中心, 2024) drafted from records on %s', (engine) => {
  const t = useDatabase(engine);
  let draft: Awaited<ReturnType<typeof draftFor>>;

  beforeAll(async () => {
    const db = t.db;
    const city = await createAgency(db, { code: 'zwgk', name: '中卫市人民政府政务公开服务中心', level: 'other' }, ENTERED);
    const centre = await createAgency(db, { code: 'zwjgsw', name: '中卫市机关事务服务中心', level: 'department', parentCode: 'zwgk' }, ENTERED);
    if (!city.ok || !centre.ok) throw new Error('agencies');
    const id = centre.value.id;
    const head: Person = await person(db, ENTERED, id, 'section_head', { displayName: '科室负责人甲' });
    const publisher: Person = await person(db, ENTERED, city.value.id, 'office', { displayName: '政务公开服务中心乙' });
    const clerk: Person = await person(db, ENTERED, id, 'handler', { displayName: '信息员丙' });
    const admin = { userId: null, now: ENTERED };

    // the chains: the catalogue's items reviewed by the centre and published by the city; the WeChat account's 三审
    const chain = await setChain(db, id, 'catalogue', { stages: [{ name: '初审', roles: ['section_head'], agency: 'self' }, { name: '审核发布', roles: ['office'], agency: 'parent' }], allowSamePerson: false }, admin);
    const media = await setChain(db, id, 'new_media', { stages: [{ name: '初审', roles: ['section_head'], agency: 'self' }, { name: '复审', roles: ['office'], agency: 'self' }, { name: '签发', roles: ['leader'], agency: 'self' }], allowSamePerson: false }, admin);
    if (!chain.ok || !media.ok) throw new Error('chains');
    const settings = await saveCatalogueSettings(db, id, { creditCode: '', indexFormat: '', topics: ['机关事务工作标准化', '公共机构节能', '办公用房管理', '反食品浪费', '宪法宣传', '财政、金融、审计', '其他'].join('\n'), categories: 'gzdt 工作动态' }, on('2024-01-02'));
    if (!settings.ok) throw new Error(settings.error.message);

    // 13 items, each through 公开属性, 保密审查, the chain and publication, on its day of 2024
    for (const item of ITEMS) {
      const who = on(item.day);
      const row = await publishedItem(db, id, { title: item.title, topic: item.topic, category: item.category, docType: item.docType, formedOn: item.day }, who, 'draft');
      const steps = [
        await setDisclosure(db, id, row.id, { disclosure: '主动公开' }, who),
        await recordSecrecyReview(db, id, row.id, { conclusion: '不涉密' }, who),
        await submitItem(db, id, row.id, who),
        await decideItem(db, id, row.id, { decision: 'approve' }, { ...on(item.day, '科室负责人甲'), userId: head.user.id, user: head.user }),
        await decideItem(db, city.value.id, row.id, { decision: 'approve' }, { ...on(item.day, '政务公开服务中心乙'), userId: publisher.user.id, user: publisher.user }),
        await publishItem(db, id, row.id, {}, who),
      ];
      const refused = steps.find((s) => !s.ok);
      if (refused && !refused.ok) throw new Error(`${item.title}: ${refused.error.message}`);
    }

    // the 清理 round of 2024, which found no 行政规范性文件
    const round = await createRound(db, id, { title: '2024年度行政规范性文件清理', asOf: '2024-06-30' }, on('2024-07-01'));
    if (!round.ok) throw new Error(round.error.message);
    const concluded = await concludeRound(db, id, round.value.id, {}, on('2024-07-01'));
    if (!concluded.ok) throw new Error(concluded.error.message);

    // table 二's figures of 行政许可, 处罚, 强制 and 收费, entered on 年报数据 (the seed: none of each)
    const counts = await enterCounts(db, id, ['licensing', 'punishment', 'enforcement', 'fees'].map((kind) => ({ year: '2024', kind, value: '0' })), {
      userId: clerk.user.id,
      name: '信息员丙',
      now: ENTERED,
      today: '2025-01-08',
      source: 'page',
    });
    if (!counts.ok) throw new Error(counts.error.message);

    // the facts only the office can tell, entered on 年报素材
    const ids = new Map<number, number>();
    for (const f of seedFacts() as ReportFact[]) {
      const parent = f.parentId === null ? null : (ids.get(f.parentId) ?? null);
      const r = await createFact(db, id, 2024, f.kind, formValues(f.kind, f.data as unknown as Record<string, string | number | boolean>), parent, { userId: clerk.user.id, now: ENTERED });
      if (!r.ok) throw new Error(`${f.kind}: ${r.error.message}`);
      ids.set(f.id, r.value.id);
    }
    draft = await draftFor(db, 'zwjgsw', 2024);
  }, 240_000);

  it('states every fact of the seed’s sections 一、五、六 (fact by fact)', () => {
    if (!draft.ok) throw new Error(draft.error.message);
    const { report } = draft.value;
    // table 四 computed from the register of cases (none): the draft states there were none, as the seed does
    expect([report.review.reconsideration, report.review.litigationDirect, report.review.litigationAfterReconsideration].flat()).toEqual(Array(15).fill(0));
    expect(missingStatements(report.text)).toEqual([]);
    expect(report.text?.overview).toContain('不存在行政复议与行政诉讼情况');
    expect(draft.value.findings).toEqual([]);
  });

  it('counts what it states from the records: 13 items by their ids, the 清理 round, the chains, the facts', () => {
    if (!draft.ok) throw new Error(draft.error.message);
    const { input } = draft.value;
    expect(input.catalogue.published).toBe(13);
    expect(input.catalogue.itemIds).toHaveLength(13);
    expect(input.catalogue.finance.map((f) => f.category).sort()).toEqual(['a20-7', 'a20-7', 'a20-7', 'a20-9']);
    expect(input.catalogue.disclosure).toEqual([{ disclosure: '主动公开', count: 13 }]);
    expect(input.catalogue.secrecy).toEqual({ reviews: 13, items: 13 });
    expect(input.cleanup).toMatchObject([{ title: '2024年度行政规范性文件清理', state: 'concluded', entries: 0, summary: '未发现行政规范性文件' }]);
    expect(input.chains.find((c) => c.subject === 'catalogue')?.stages.map((s) => s.who)).toEqual([['科室负责人'], ['中卫市人民政府政务公开服务中心']]);
    expect(input.fees.notices).toBe(0);
    expect(input.facts.filter((f) => f.kind === 'suggestion')).toHaveLength(4);
  });

  it('has tables equal to the seed’s, cell for cell (二 from the register and 年报数据, 三 from the applications, 四 from the cases)', () => {
    if (!draft.ok) throw new Error(draft.error.message);
    const seed = JSON.parse(readFileSync(SEED_EXPECTED, 'utf8')) as AnnualReport;
    const cells = cellCatalogue('2021').filter((c) => !c.text);
    expect(cells.length).toBeGreaterThan(100);
    for (const cell of cells) expect(getAt(draft.value.report, cell.at), cell.path).toBe(getAt(seed, cell.at));
  });
});
