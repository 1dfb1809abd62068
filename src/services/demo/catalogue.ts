// The demo's catalogue (主动公开) as a plan: the agency's 行政规范性文件 register over eight years — 29 in
// force at the end of the year before last, 4 made and 2 repealed last year (so last year's table 二
// reads 4 / 2 / 31, as its annual report says), this year's documents with one revision — each new
// document with its 政策解读 (三同步), and an item or two in each category of 第二十条 and the agency's
// own 工作动态. Two drafts are left for the dashboard's 第二十六条 clock. Deterministic; nothing after
// today. All names, numbers and texts are fictitious.

import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';

export interface PlannedItem {
  /** a key other items refer to */
  key: string;
  title: string;
  summary: string;
  docNumber: string;
  writtenOn: string;
  publishedOn: string | null;
  category: string;
  docType: string;
  topic: string;
  body: string;
  /** 'published' or 'draft' */
  state: 'published' | 'draft';
  /** 废止 on that date */
  repealedOn?: string;
  /** 已修订 on that date by the item of that key */
  revisedBy?: { on: string; key: string };
  /** 政策解读 of the item of that key */
  interprets?: string;
}

/** The agency's own categories the demo uses. */
export const DEMO_OWN_CATEGORIES = [{ code: 'gzdt', name: '工作动态' }] as const;

const PREFIX = '示范自然资规';

const OLD_TITLES = [
  '示范市国有建设用地使用权出让管理办法',
  '示范市不动产登记若干规定',
  '示范市临时用地管理实施细则',
  '示范市耕地占补平衡指标管理办法',
  '示范市土地储备管理办法',
  '示范市征收集体土地补偿安置办法',
  '示范市测绘地理信息管理办法',
  '示范市地质灾害防治管理办法',
  '示范市矿产资源开发利用管理规定',
  '示范市建设项目规划许可管理规定',
  '示范市城乡规划技术管理规定',
  '示范市闲置土地处置办法',
  '示范市国土空间用途管制实施办法',
  '示范市农村宅基地审批管理办法',
  '示范市设施农业用地管理办法',
  '示范市历史文化街区规划管理规定',
  '示范市自然资源执法监督办法',
  '示范市土地征收成片开发方案编制规定',
  '示范市永久基本农田保护实施细则',
  '示范市不动产登记资料查询办法',
  '示范市地名管理实施办法',
  '示范市建设用地容积率管理规定',
  '示范市城市地下空间开发利用管理办法',
  '示范市林地保护利用管理办法',
  '示范市自然资源资产有偿使用办法',
  '示范市矿山地质环境恢复治理办法',
  '示范市工业用地弹性出让管理办法',
  '示范市城市更新规划管理办法',
  '示范市国土空间规划“一张图”管理办法',
];

const LAST_YEAR_TITLES = ['示范市低效用地再开发实施办法', '示范市耕地保护激励办法', '示范市不动产登记“带押过户”办理规定', '示范市村庄规划编制管理办法'];

const OTHER_ITEMS: readonly { title: string; category: string; docType: string; topic: string; body: string }[] = [
  { title: '示范市自然资源和规划局主要职责、内设机构和人员编制规定', category: 'a20-2', docType: '其他文件', topic: '综合政务', body: '## 主要职责\n- 履行全民所有土地、矿产等自然资源资产所有者职责\n- 负责国土空间规划和用途管制\n## 办公地址\n示范市人民路1号（示范地址），办公时间为工作日上午8:30至12:00、下午14:30至17:30。' },
  { title: '示范市国土空间总体规划（2021—2035年）批前公示', category: 'a20-3', docType: '规划计划', topic: '城乡建设、环境保护', body: '根据《中华人民共和国城乡规划法》，现将示范市国土空间总体规划草案予以公示，公示期30日。' },
  { title: '示范市土地利用现状统计数据', category: 'a20-4', docType: '统计数据', topic: '国土资源、能源', body: '全市耕地面积、园地面积、林地面积和建设用地面积统计（示范数据）。' },
  { title: '建设用地规划许可证核发结果公开', category: 'a20-5', docType: '其他文件', topic: '城乡建设、环境保护', body: '本月核发建设用地规划许可证12件，项目名称、用地单位和用地面积见附表（示范数据）。' },
  { title: '不动产登记办事指南', category: 'a20-5', docType: '其他文件', topic: '国土资源、能源', body: '## 办理依据\n《不动产登记暂行条例》\n## 办理条件\n- 申请人身份证明\n- 不动产权属来源材料\n## 办理时限\n一般登记5个工作日。' },
  { title: '行政处罚决定书（示范自然资罚〔示例〕号）', category: 'a20-6', docType: '其他文件', topic: '国土资源、能源', body: '当事人未经批准占用集体土地建设厂房，依据《中华人民共和国土地管理法》第七十七条，责令退还非法占用的土地并处罚款（示范数据）。' },
  { title: '部门预算公开', category: 'a20-7', docType: '财政信息', topic: '财政、金融、审计', body: '本部门收支预算总表、财政拨款收支预算总表及“三公”经费预算情况说明（示范数据）。' },
  { title: '部门决算公开', category: 'a20-7', docType: '财政信息', topic: '财政、金融、审计', body: '本部门收入支出决算总表及决算情况说明（示范数据）。' },
  { title: '行政事业性收费项目及标准', category: 'a20-8', docType: '其他文件', topic: '财政、金融、审计', body: '不动产登记费：住宅类每件80元，非住宅类每件550元（依据国家规定，示范数据）。' },
  { title: '基础测绘成果更新项目政府采购结果公告', category: 'a20-9', docType: '通知公告', topic: '财政、金融、审计', body: '采购方式：公开招标；中标供应商：示范测绘有限公司；中标金额见公告（示范数据）。' },
  { title: '示范市城东片区土地征收启动公告', category: 'a20-10', docType: '通知公告', topic: '国土资源、能源', body: '为了公共利益需要，拟征收城东片区集体土地，征收范围、土地现状调查安排见公告。' },
  { title: '征地补偿安置方案公告', category: 'a20-11', docType: '通知公告', topic: '民政、扶贫、救灾', body: '补偿标准、安置方式和社会保障措施见方案，被征地农村集体经济组织及其成员可在公告期内提出意见。' },
  { title: '示范市突发地质灾害应急预案', category: 'a20-12', docType: '其他文件', topic: '民政、扶贫、救灾', body: '## 总则\n- 编制目的\n- 适用范围\n## 预警与响应\n按灾情分为四级响应。' },
  { title: '汛期地质灾害隐患点巡查情况通报', category: 'a20-13', docType: '工作动态', topic: '市场监管、安全生产监管', body: '对全市地质灾害隐患点开展汛前巡查，发现问题已督促整改（示范数据）。' },
  { title: '公开招聘事业单位工作人员公告', category: 'a20-14', docType: '人事信息', topic: '劳动、人事、监察', body: '招聘岗位、名额、报考条件及报名方式见公告（示范数据）。' },
  { title: '“世界地球日”主题宣传活动在市民广场举行', category: 'own:gzdt', docType: '工作动态', topic: '综合政务', body: '活动以“珍爱地球 人与自然和谐共生”为主题，发放宣传资料并现场解答群众咨询。' },
  { title: '局召开耕地保护工作推进会', category: 'own:gzdt', docType: '工作动态', topic: '农业、林业、水利', body: '会议通报全市耕地保护目标责任落实情况，部署下一阶段重点工作。' },
];

function shift(date: string, days: number): string {
  return toIsoDate(parseIsoDate(date)! + days);
}

/** The Monday after a Saturday or Sunday (1970-01-01, day 0, was a Thursday). */
function weekday(date: string): string {
  const n = parseIsoDate(date)!;
  const dow = (n + 4) % 7; // 0 Sunday … 6 Saturday
  return toIsoDate(dow === 6 ? n + 2 : dow === 0 ? n + 1 : n);
}

function regulation(key: string, title: string, year: number, n: number, writtenOn: string): PlannedItem {
  return {
    key,
    title: `示范市自然资源和规划局关于印发《${title}》的通知`,
    summary: `印发${title}，自发布之日起施行。`,
    docNumber: `${PREFIX}〔${year}〕${n}号`,
    writtenOn,
    publishedOn: weekday(shift(writtenOn, 3)),
    category: 'a20-1',
    docType: '行政规范性文件',
    topic: '国土资源、能源',
    body: `## 第一章 总则\n第一条 为规范${title.replace(/^示范市/, '').replace(/(办法|规定|细则|实施办法)$/, '')}工作，根据有关法律法规，结合本市实际，制定本办法。\n## 第二章 附则\n第二条 本办法自发布之日起施行，有效期五年。`,
    state: 'published',
  };
}

function interpretation(of: PlannedItem): PlannedItem {
  const name = /《(.+)》/.exec(of.title)?.[1] ?? of.title;
  return {
    key: `${of.key}-jd`,
    title: `《${name}》政策解读`,
    summary: `解读${name}的制定背景、主要内容和施行时间。`,
    docNumber: '',
    writtenOn: of.writtenOn,
    publishedOn: of.publishedOn,
    category: 'a20-1',
    docType: '政策解读',
    topic: of.topic,
    body: `## 一、制定背景\n落实上级部署，规范相关工作。\n## 二、主要内容\n- 明确适用范围\n- 规范办理程序\n## 三、施行时间\n自发布之日起施行。`,
    state: 'published',
    interprets: of.key,
  };
}

/** The demo's items as of `today`: referenced items come before the items that refer to them. */
export function planDemoCatalogue(today: string): PlannedItem[] {
  const year = Number(today.slice(0, 4));
  const items: PlannedItem[] = [];
  // 29 documents written in the eight years before last year; two repealed last year (27 left, 31 with last year's 4)
  OLD_TITLES.forEach((title, i) => {
    const y = year - 9 + (i % 8);
    const n = 1 + Math.floor(i / 8);
    items.push(regulation(`old-${i}`, title, y, n, weekday(`${y}-0${1 + (i % 9)}-1${i % 10}`)));
  });
  items[3]!.repealedOn = weekday(`${year - 1}-06-30`);
  items[11]!.repealedOn = weekday(`${year - 1}-11-28`);
  // last year: four new documents, each with its interpretation
  LAST_YEAR_TITLES.forEach((title, i) => {
    const doc = regulation(`ly-${i}`, title, year - 1, i + 1, weekday(`${year - 1}-${String(2 + i * 3).padStart(2, '0')}-18`));
    items.push(doc, interpretation(doc));
  });
  // this year: a new document and the revision of the 临时用地 rules (the old one 已修订 by it)
  const current = [
    regulation('cy-0', '示范市建设用地节约集约利用评价办法', year, 1, weekday(`${year}-03-12`)),
    regulation('cy-1', '示范市临时用地管理实施细则（修订）', year, 2, weekday(`${year}-05-20`)),
  ].filter((d) => d.publishedOn !== null && d.publishedOn <= today);
  for (const d of current) items.push(d, interpretation(d));
  const revision = current.find((d) => d.key === 'cy-1');
  if (revision !== undefined) items[2]!.revisedBy = { on: revision.writtenOn, key: revision.key };
  // one or two items in each other category, last year and this year
  OTHER_ITEMS.forEach((o, i) => {
    for (const y of [year - 1, year]) {
      const writtenOn = weekday(`${y}-${String(1 + ((i * 5 + y) % 11)).padStart(2, '0')}-0${1 + (i % 8)}`);
      const publishedOn = weekday(shift(writtenOn, 2));
      if (publishedOn > today) continue;
      items.push({ key: `o-${i}-${y}`, title: y === year ? o.title : `${o.title}（${y}年）`, summary: '', docNumber: '', writtenOn, publishedOn, category: o.category, docType: o.docType, topic: o.topic, body: o.body, state: 'published' });
    }
  });
  // two drafts: one formed 30 days ago (its 20 working days have run out), one this week
  items.push(
    { key: 'draft-late', title: '示范市城西片区控制性详细规划修改批前公示', summary: '', docNumber: '', writtenOn: shift(today, -30), publishedOn: null, category: 'a20-3', docType: '规划计划', topic: '城乡建设、环境保护', body: '拟对城西片区控制性详细规划进行修改，现予批前公示。', state: 'draft' },
    { key: 'draft-new', title: '关于开展耕地保护专项检查的通知', summary: '', docNumber: '', writtenOn: shift(today, -2), publishedOn: null, category: 'a20-13', docType: '通知公告', topic: '农业、林业、水利', body: '各区县自然资源部门：现就开展耕地保护专项检查有关事项通知如下。', state: 'draft' },
  );
  // the revised document must come after the one that revises it: move the old ones that are revised last
  const revised = items.filter((i) => i.revisedBy !== undefined);
  return [...items.filter((i) => i.revisedBy === undefined), ...revised];
}
