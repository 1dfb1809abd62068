// DraftInput for the pure tests of domain/report/draft: the seed's facts (中卫市机关事务服务中心, 2024:
// test/fixtures/reports/zhongwei-jiguan-shiwu-2024.txt) as the platform would hand them over, and a
// builder to vary them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportFact } from '../../src/domain/report/facts/kinds.ts';
import type { DraftInput } from '../../src/domain/report/draft/types.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';

export const SEED_EXPECTED = join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json');

/** The seed's tables (every cell 0), its prose removed: what the platform computes for it. */
export function seedTables(): AnnualReport {
  const report = JSON.parse(readFileSync(SEED_EXPECTED, 'utf8')) as AnnualReport & Record<string, unknown>;
  delete report['text'];
  delete report['inconsistencies'];
  return report;
}

let next = 100;
export const fact = <F extends ReportFact>(f: Omit<F, 'id' | 'parentId'> & { id?: number; parentId?: number | null }): F => ({ id: f.id ?? next++, parentId: f.parentId ?? null, ...f }) as F;

/** The seed's facts, as the office would enter them. */
export function seedFacts(): ReportFact[] {
  const event = fact<ReportFact>({ id: 1, kind: 'event', data: { name: '政府开放日', theme: '勤俭节约作表率、高效保障树形象', date: '2024-05-15', participants: 25, invitees: '社区工作人员、群众代表及合作单位代表', forms: '实地参观、座谈交流', effect: '让公众进一步了解中心工作情况，增强了政府透明度和公信力' } });
  const suggestion = (id: number, text: string): ReportFact => fact({ id, parentId: 1, kind: 'suggestion', data: { text, rectification: '已落实', state: '已整改' } });
  return [
    event,
    suggestion(2, '公务用车使用情况应定期公开'),
    suggestion(3, '增加节能宣传活动'),
    suggestion(4, '办公用房调整信息应及时公开'),
    suggestion(5, '食堂反浪费措施应向社会公布'),
    fact({ id: 6, kind: 'platform', data: { name: '市人民政府网站', type: '政府网站', catalogue: true, hosting: 'parent', posts: 0, purpose: '', description: '' } }),
    fact({ id: 7, kind: 'platform', data: { name: '中卫市公共机构节能微信公众号', type: '政务新媒体', catalogue: false, hosting: '', posts: 0, purpose: '为扎实做好公共机构节能工作', description: '专人负责、严格管理，坚持发布与群众息息相关的垃圾分类、节能等生活小知识' } }),
    fact({ id: 8, kind: 'supervision', data: { type: '制度建设', what: '制定了《政务公开监督检查考核制度》，定期不定期对各科政务公开工作情况进行监督检查', date: '', outcome: '对反馈的问题及时整改，对不够完善的内容及时补充', found: 0, rectified: 0 } }),
    fact({ id: 9, kind: 'supervision', data: { type: '工作考核', what: '将政府信息公开情况纳入公务员综合考核，把平时考核与年终考核有机结合', date: '', outcome: '加强跟踪和监督，定期检查和评估，及时发现存在问题，不断提高公开质量', found: 0, rectified: 0 } }),
    fact({ id: 10, kind: 'problem', data: { origin: 'current', text: '个别干部职工对政府信息公开工作的重要性认识还不够到位，个别事项主动公开的时效性还不够强', followUp: '', state: '' } }),
    fact({ id: 11, kind: 'problem', data: { origin: 'current', text: '单位没有门户网站，政府信息公开大多借助市政府网站，公开途径比较单一', followUp: '', state: '' } }),
    fact({ id: 12, kind: 'measure', data: { text: '进一步提高干部职工思想认识，加强信息公开条例的学习，确保政务公开的规范性' } }),
    fact({ id: 13, kind: 'measure', data: { text: '加强统筹协调，继续完善政府信息公开工作机制，加大公开力度，不断提高政务公开工作实效' } }),
    fact({ id: 14, kind: 'measure', data: { text: '健全“政府网站+政务新媒体”传播矩阵，及时准确推送重大政策和权威信息' } }),
    fact({ id: 15, kind: 'measure', data: { text: '强化监督审查，做到严格审查、严格控制、严格把关，推动信息公开工作顺利开展' } }),
    fact({ id: 16, kind: 'note', data: { section: 'overview', text: '紧紧围绕市委、市政府中心工作，以机关事务标准化、信息化为抓手，不断提升政务公开质效，努力推动机关事务工作高质量发展' } }),
    fact({ id: 17, kind: 'profile', data: { selfName: '中心', shortName: '市机关事务服务中心', officeName: '综合科' } }),
  ];
}

const TOPICS = ['机关事务工作标准化', '公共机构节能', '办公用房管理', '反食品浪费', '宪法宣传'];

/** The seed's DraftInput: 13 items published through the city portal, no applications, one 清理 round that found nothing, table 二's 0s entered. */
export function seedInput(overrides: Partial<DraftInput> = {}): DraftInput {
  return {
    year: 2024,
    agency: { name: '中卫市机关事务服务中心', level: 'department', parentName: '中卫市人民政府政务公开服务中心' },
    report: seedTables(),
    facts: seedFacts(),
    catalogue: {
      published: 13,
      itemIds: Array.from({ length: 13 }, (_, i) => i + 1),
      groups: [
        ...TOPICS.map((topic, i) => ({ category: 'own:gzdt', categoryLabel: '工作动态', topic, count: i < 4 ? 2 : 1 })),
        { category: 'a20-7', categoryLabel: '财政预算、决算信息', topic: '财政、金融、审计', count: 3 },
        { category: 'a20-9', categoryLabel: '政府集中采购', topic: '财政、金融、审计', count: 1 },
      ],
      finance: [
        { id: 10, category: 'a20-7', title: '中卫市机关事务服务中心2024年部门预算公开' },
        { id: 11, category: 'a20-7', title: '中卫市机关事务服务中心2023年部门决算公开' },
        { id: 12, category: 'a20-7', title: '中卫市机关事务服务中心2023年“三公”经费决算情况' },
        { id: 13, category: 'a20-9', title: '中卫市机关事务服务中心2024年政府采购意向公开' },
      ],
      disclosure: [{ disclosure: '主动公开', count: 13 }],
      secrecy: { reviews: 13, items: 13 },
    },
    cleanup: [{ id: 1, title: '2024年度行政规范性文件清理', asOf: '2024-06-30', state: 'concluded', concludedOn: '2024-07-01', summary: '未发现行政规范性文件', entries: 0, byConclusion: { 继续有效: 0, 修改: 0, 废止: 0, 宣布失效: 0 } }],
    chains: [
      { subject: 'catalogue', isDefault: false, stages: [{ name: '初审', who: ['科室负责人'], agency: 'self' }, { name: '审核发布', who: ['中卫市人民政府政务公开服务中心'], agency: 'parent' }] },
      { subject: 'new_media', isDefault: false, stages: [{ name: '初审', who: ['科室负责人'], agency: 'self' }, { name: '复审', who: ['办公室（综合科）'], agency: 'self' }, { name: '签发', who: ['分管领导'], agency: 'self' }] },
    ],
    fees: { notices: 0, noticedYuan: 0, noticesWithoutAmount: 0, payments: 0, collectedYuan: 0, paymentsWithoutAmount: 0, applicationIds: [] },
    // table 二's 0s as entered on 年报数据
    counts: (['licensing', 'punishment', 'enforcement', 'fees'] as const).map((kind, i) => ({ kind, value: '0', entryId: i + 1, enteredAt: '2025-01-08T02:00:00.000Z', enteredByName: '信息员丙', source: 'page' as const })),
    previous: null,
    edits: [],
    ...overrides,
  };
}

/**
 * Every fact the seed's sections 一、五、六 state, one pattern each (numbers with what they count, names,
 * themes): a draft reproduces the seed when each is found in the right section. Not the seed's wording.
 */
export const SEED_STATEMENTS: Record<'overview' | 'problems' | 'other', [string, RegExp][]> = {
  overview: [
    ['the year and the 条例', /2024年.{0,20}认真贯彻落实《中华人民共和国政府信息公开条例》/],
    ['the agency’s own opening', /以机关事务标准化、信息化为抓手/],
    ['13 items published', /主动公开部门信息13条/],
    ['through the city portal', /依托市人民政府网站主动公开部门信息/],
    ['the topics', /主要涉及[^。]*机关事务工作标准化[^。]*等内容/],
    ['topic: 公共机构节能', /主要涉及[^。]*公共机构节能/],
    ['topic: 办公用房管理', /主要涉及[^。]*办公用房管理/],
    ['topic: 反食品浪费', /主要涉及[^。]*反食品浪费/],
    ['topic: 宪法宣传', /主要涉及[^。]*宪法宣传/],
    ['the invitees', /邀请社区工作人员、群众代表及合作单位代表/],
    ['25 participants', /共计25人/],
    ['the theme', /以“勤俭节约作表率、高效保障树形象”为主题/],
    ['the open day', /“政府开放日”活动/],
    ['its forms', /实地参观、座谈交流/],
    ['its effect', /增强了政府透明度和公信力/],
    ['budget, accounts, 三公, procurement', /部门预算、决算、“三公”经费和政府采购/],
    ['no applications', /未收到任何形式的政府信息公开申请/],
    ['公开属性 and 保密审查', /公开属性[^。]*保密审查/],
    ['the 清理 found no document', /行政规范性文件清理.{0,60}未发现行政规范性文件/],
    ['published on the city portal’s columns', /依托市人民政府网站相关栏目发布政务公开信息/],
    ['reviewed by the agency, published by the city’s centre', /中心[^。]*初审[^。]*政务公开服务中心审核发布/],
    ['the WeChat account', /开通了中卫市公共机构节能微信公众号/],
    ['what it posts', /垃圾分类、节能等生活小知识/],
    ['the supervision rules', /制定了《政务公开监督检查考核制度》/],
    ['their follow-up', /对反馈的问题及时整改，对不够完善的内容及时补充/],
    ['三审三校', /“三审三校”/],
    ['the chain', /科室负责人初审、综合科复审、分管领导签发/],
    ['suggestions collected at the open day', /“政府开放日”[^。]*收集意见建议4条/],
    ['all rectified', /收集意见建议4条，已全部整改落实/],
    ['the civil-servant assessment', /将政府信息公开情况纳入公务员综合考核/],
  ],
  problems: [
    ['problem 1', /一是个别干部职工对政府信息公开工作的重要性认识还不够到位，个别事项主动公开的时效性还不够强/],
    ['problem 2', /二是单位没有门户网站，政府信息公开大多借助市政府网站，公开途径比较单一/],
    ['four measures', /四个方面工作/],
    ['measure 1', /一是进一步提高干部职工思想认识，加强信息公开条例的学习，确保政务公开的规范性/],
    ['measure 2', /二是加强统筹协调，继续完善政府信息公开工作机制/],
    ['measure 3', /三是健全“政府网站\+政务新媒体”传播矩阵/],
    ['measure 4', /四是强化监督审查，做到严格审查、严格控制、严格把关/],
  ],
  other: [
    ['the fee standards', /《政府信息公开信息处理费管理办法》[^。]*按件、按量收费标准/],
    ['no applications in 2024', /2024年未收到政府信息公开申请/],
    ['no fee', /未产生信息处理费/],
  ],
};

/** The statements of SEED_STATEMENTS a report's prose misses, by section (spaces, line breaks and Markdown bold ignored). */
export function missingStatements(text: { overview: string | null; problems: string | null; other: string | null } | undefined): string[] {
  const missing: string[] = [];
  for (const [section, statements] of Object.entries(SEED_STATEMENTS) as [keyof typeof SEED_STATEMENTS, [string, RegExp][]][]) {
    const prose = (text?.[section] ?? '').replace(/[\s*]+/g, '');
    for (const [what, rx] of statements) if (!rx.test(prose)) missing.push(`${section}: ${what}`);
  }
  return missing;
}
