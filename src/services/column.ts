// The 政府信息公开 column of an agency (国办公开办函〔2019〕61号: one column, uniform name): its editable
// pages — the 政府信息公开指南 (条例第十二条) and the 政府信息公开制度 — with a default guide generated
// from the agency's data until the agency writes its own, what else 法定主动公开内容 links to, and the
// annual reports it has published (条例第四十九条、第五十条).
//
// A page's text is plain text with three marks, so that nothing typed by staff is ever taken as HTML:
// a line "## 标题" or "### 标题" is a heading, a line "- 内容" an item of a list, a blank line ends a
// paragraph. pageBlocks() turns it into blocks the view renders (escaped).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { readReportJson } from '../domain/report/json.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { findAgency } from './agencies.ts';
import { bumpColumns, touchColumn } from './column-version.ts';
import { reportVersions } from './report-versions.ts';
import type { ReportVersion } from './report-versions.ts';
import type { AgencyView } from './agencies.ts';

import { COLUMN_PAGE_TITLES, COLUMN_PAGES } from './column-pages.ts';
import type { ColumnPage } from './column-pages.ts';

export { COLUMN_PAGE_TITLES, COLUMN_PAGES } from './column-pages.ts';
export type { ColumnPage } from './column-pages.ts';

/** The mark of what an agency still has to fill in (the default guide is full of them). */
export const PLACEHOLDER_MARK = '【待填写';

export const PAGE_MAX_LENGTH = 50_000;

export type PageBlock = { kind: 'heading'; level: 2 | 3; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface PageView {
  agency: AgencyView;
  page: ColumnPage;
  title: string;
  body: string;
  blocks: PageBlock[];
  /** the generated text: the agency has not written its own yet */
  isDefault: boolean;
  updatedAt: string | null;
  /** how many 【待填写…】 marks are left */
  placeholders: number;
}

/** The page's text as blocks (see the header): headings, paragraphs, lists. */
export function pageBlocks(body: string): PageBlock[] {
  const blocks: PageBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('') });
    paragraph = [];
    if (list !== null) blocks.push({ kind: 'list', items: list });
    list = null;
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{2,3})\s+(.+)$/.exec(line);
    if (line === '') flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1] === '##' ? 2 : 3, text: heading[2] ?? '' });
    } else if (/^[-•·]\s+/.test(line)) {
      if (paragraph.length > 0) {
        blocks.push({ kind: 'paragraph', text: paragraph.join('') });
        paragraph = [];
      }
      (list ??= []).push(line.replace(/^[-•·]\s+/, ''));
    } else {
      if (list !== null) {
        blocks.push({ kind: 'list', items: list });
        list = null;
      }
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

const countPlaceholders = (body: string): number => body.split(PLACEHOLDER_MARK).length - 1;

/** 条例第十二条: the guide's required contents, from what gongkai knows of the agency; the rest to fill in. */
export function defaultGuide(agency: Pick<AgencyView, 'code' | 'name' | 'level'>): string {
  const name = agency.name;
  const level = AGENCY_LEVEL_LABELS[agency.level as AgencyLevel] ?? '';
  return `为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条的规定，编制本指南。本指南包括${name}政府信息的分类、编排体系和获取方式，政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容。本指南根据情况变化及时更新。

## 一、主动公开

### （一）公开范围和信息分类
本机关（${name}${level ? `，${level}` : ''}）依照《条例》第十九条、第二十条、第二十一条的规定主动公开政府信息，分为以下类别：
- 机构职能：机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名
- 法规文件：行政法规、规章和规范性文件
- 规划计划：国民经济和社会发展规划、专项规划、区域规划及相关政策
- 统计信息：国民经济和社会发展统计信息
- 行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果
- 行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定
- 财政预算、决算信息
- 行政事业性收费项目及其依据、标准
- 政府集中采购项目的目录、标准及实施情况
- 重大建设项目的批准和实施情况
- 扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况
- 突发公共事件的应急预案、预警信息及应对情况
- 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况
- 公务员招考的职位、名额、报考条件等事项以及录用结果
- 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息
${PLACEHOLDER_MARK}：本机关根据职能增加或删减的类别】

### （二）编排体系
主动公开的政府信息在本平台“法定主动公开内容”栏目中按上述类别分栏目编排。政府信息公开目录中的每条信息包括索引号、信息名称、内容概述和生成日期。

### （三）获取方式
- 登录本平台[“政府信息公开”专栏](/${agency.code}/)查阅、检索、下载
- 政府公报、新闻发布会以及报刊、广播、电视等途径
- 国家档案馆、公共图书馆、政务服务场所设置的政府信息公开查阅场所
${PLACEHOLDER_MARK}：本机关的其他公开途径，如政务新媒体账号、公开查阅点地址】

### （四）公开时限
属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开；法律、法规对政府信息公开的期限另有规定的，从其规定（《条例》第二十六条）。

## 二、依申请公开

### （一）受理机构
- 名称：${PLACEHOLDER_MARK}：政府信息公开工作机构名称，如“${name}办公室”】
- 办公地址：${PLACEHOLDER_MARK}：办公地址】
- 邮政编码：${PLACEHOLDER_MARK}：邮政编码】
- 办公时间：${PLACEHOLDER_MARK}：如“工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）”】
- 联系电话：${PLACEHOLDER_MARK}：联系电话】
- 传真号码：${PLACEHOLDER_MARK}：传真号码】
- 互联网联系方式：本平台[“依申请公开”栏目](/${agency.code}/apply)；${PLACEHOLDER_MARK}：电子邮箱】

### （二）申请方式
公民、法人或者其他组织申请获取政府信息的，应当向本机关的政府信息公开工作机构提出，采用包括信件、数据电文在内的书面形式；采用书面形式确有困难的，可以口头提出，由受理机构代为填写政府信息公开申请（《条例》第二十九条）。
- 在线申请：在本平台“依申请公开”栏目填写并提交申请表，上传身份证明。提交成功后平台当即确认收到，以提交之日为收到申请之日（《条例》第三十一条第（三）项），并显示回执码和查询密码，凭此可查询办理进度和答复文书。
- 当面申请：到受理机构现场填写申请表，以提交之日为收到申请之日。
- 信函申请：将申请表邮寄至受理机构，请在信封左下角注明“政府信息公开申请”字样。
- 传真申请：将申请表传真至受理机构，以双方确认之日为收到申请之日。

申请内容应当包括：（一）申请人的姓名或者名称、身份证明、联系方式；（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径。

### （三）办理流程和期限
- 申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人作出补正，答复期限自收到补正的申请之日起计算（《条例》第三十条）。
- 能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（《条例》第三十三条）。
- 征求第三方和其他机关意见所需时间不计算在答复期限内（《条例》第三十三条第三款）。

### （四）收费
行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费（《条例》第四十二条）。

## 三、监督和救济
公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
- 投诉、举报受理机关：${PLACEHOLDER_MARK}：上一级行政机关或政府信息公开工作主管部门名称及联系方式】
- 行政复议机关：${PLACEHOLDER_MARK}：行政复议机关名称】
`;
}

/** The 政府信息公开制度 page until the agency publishes its own rules. */
export function defaultRules(agency: Pick<AgencyView, 'name'>): string {
  return `${agency.name}依照《中华人民共和国政府信息公开条例》建立健全以下政府信息公开工作制度：
- 政府信息公开审查制度（《条例》第十七条）：公开前依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定进行审查
- 政府信息公开申请登记、审核、办理、答复、归档制度（《条例》第四十五条）
- 政府信息管理动态调整制度（《条例》第十八条）
- 政府信息公开工作年度报告制度（《条例》第四十九条、第五十条）
- 政府信息公开工作考核、社会评议和责任追究制度（《条例》第四十六条、第四十七条）

${PLACEHOLDER_MARK}：本机关制定的政府信息公开工作制度文件名称、文号和全文链接】
`;
}

function defaultBody(page: ColumnPage, agency: AgencyView): string {
  return page === 'guide' ? defaultGuide(agency) : defaultRules(agency);
}

/** A page of the column: the agency's own text, or the default. */
export async function getPage(db: Kysely<DB>, agencyCode: string, page: ColumnPage): Promise<DomainResult<PageView>> {
  if (!COLUMN_PAGES.includes(page)) return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个栏目。' } };
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const row = await db.selectFrom('agencyPages').select(['body', 'updatedAt']).where('agencyId', '=', agency.value.id).where('page', '=', page).executeTakeFirst();
  const body = row?.body ?? defaultBody(page, agency.value);
  return {
    ok: true,
    value: {
      agency: agency.value,
      page,
      title: COLUMN_PAGE_TITLES[page],
      body,
      blocks: pageBlocks(body),
      isDefault: row === undefined,
      updatedAt: row?.updatedAt ?? null,
      placeholders: countPlaceholders(body),
    },
  };
}

/** The staff side writes a page (plain text with ##, ### and - marks); an empty text restores the default. */
export async function setPage(
  db: Kysely<DB>,
  agencyCode: string,
  page: ColumnPage,
  body: string,
  who: { userId: number | null; now: string },
): Promise<DomainResult<PageView>> {
  if (!COLUMN_PAGES.includes(page)) return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个栏目。' } };
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const text = body.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (text.length > PAGE_MAX_LENGTH) {
    return { ok: false, error: { code: 'PAGE_TOO_LONG', message: `${COLUMN_PAGE_TITLES[page]}不能超过${PAGE_MAX_LENGTH}个字符，现为${text.length}个。`, field: 'body' } };
  }
  await db.transaction().execute(async (trx) => {
    if (text === '') {
      await trx.deleteFrom('agencyPages').where('agencyId', '=', agency.value.id).where('page', '=', page).execute();
    } else {
      await trx
        .insertInto('agencyPages')
        .values({ agencyId: agency.value.id, page, body: text, updatedAt: who.now, updatedBy: who.userId })
        .onConflict((oc) => oc.columns(['agencyId', 'page']).doUpdateSet({ body: text, updatedAt: who.now, updatedBy: who.userId }))
        .execute();
    }
    await bumpColumns(trx, [agency.value.code]);
  });
  touchColumn(agency.value.code);
  return getPage(db, agencyCode, page);
}

// ---------------------------------------------------------------------------------------------
// 法定主动公开内容

export interface ProactiveOverview {
  agency: AgencyView;
  /** what the column already holds: the guide, the rules, the published annual reports */
  guideIsDefault: boolean;
  rulesIsDefault: boolean;
  reportYears: number[];
}

/** What the column holds beside the catalogue (its categories and items: catalogue/public.ts). */
export async function proactiveOverview(db: Kysely<DB>, agencyCode: string): Promise<DomainResult<ProactiveOverview>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const pages = await db.selectFrom('agencyPages').select('page').where('agencyId', '=', agency.value.id).execute();
  const own = new Set(pages.map((p) => p.page));
  const years = await db.selectFrom('publishedReports').select('year').where('agencyId', '=', agency.value.id).orderBy('year', 'desc').execute();
  return {
    ok: true,
    value: {
      agency: agency.value,
      guideIsDefault: !own.has('guide'),
      rulesIsDefault: !own.has('rules'),
      reportYears: years.map((y) => y.year),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 政府信息公开年报

export interface PublishedReportEntry {
  year: number;
  title: string;
  /** the first publication's (a correction keeps it) */
  publishedAt: string;
  /** the latest correction's (更正), null when never corrected */
  correctedAt: string | null;
}

export interface PublishedReport extends PublishedReportEntry {
  agency: AgencyView;
  report: AnnualReport;
  /** the written explanation (说明) of a disagreement with a neighbouring published report, with the disagreements it explains */
  crossYear: { explanation: string; findings: string[] } | null;
  /** every publication, oldest first: version 1 the first, then each 更正 with its date and note */
  versions: ReportVersion[];
}

const reportTitle = (agencyName: string, year: number): string => `${agencyName}${year}年政府信息公开工作年度报告`;

/** The agency's published annual reports, newest first. */
export async function publishedReports(db: Kysely<DB>, agencyCode: string): Promise<DomainResult<{ agency: AgencyView; reports: PublishedReportEntry[] }>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const rows = await db
    .selectFrom('publishedReports as r')
    .select(['r.year', 'r.publishedAt'])
    .select((eb) => eb.selectFrom('publishedReportVersions as v').whereRef('v.reportId', '=', 'r.id').select((e) => e.fn.max('v.publishedAt').as('at')).where('v.version', '>', 1).as('correctedAt'))
    .where('r.agencyId', '=', agency.value.id)
    .orderBy('r.year', 'desc')
    .execute();
  const entry = (r: (typeof rows)[number]): PublishedReportEntry => ({
    year: r.year,
    title: reportTitle(agency.value.name, r.year),
    publishedAt: r.publishedAt,
    correctedAt: r.correctedAt === null || r.correctedAt === undefined ? null : String(r.correctedAt),
  });
  return { ok: true, value: { agency: agency.value, reports: rows.map(entry) } };
}

/** One published report (checked against the interchange schema before it is shown). */
export async function publishedReport(db: Kysely<DB>, agencyCode: string, year: number): Promise<DomainResult<PublishedReport>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const notFound = { ok: false as const, error: { code: 'NOT_FOUND', message: `没有找到${year}年的政府信息公开工作年度报告。` } };
  if (!Number.isInteger(year)) return notFound;
  const row = await db
    .selectFrom('publishedReports')
    .select(['id', 'year', 'report', 'publishedAt', 'crossYearExplanation', 'crossYearFindings'])
    .where('agencyId', '=', agency.value.id)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!row) return notFound;
  const read = readReportJson(row.report);
  if (!read.ok) return { ok: false, error: { code: 'REPORT_INVALID', message: `${year}年的年度报告数据不完整，暂时无法显示：${read.errors[0] ?? ''}` } };
  const report: AnnualReport = { ...read.report, year: read.report.year ?? row.year, agency: read.report.agency ?? agency.value.name };
  const crossYear = row.crossYearExplanation === null ? null : { explanation: row.crossYearExplanation, findings: (row.crossYearFindings ?? []).map(String) };
  const versions = await reportVersions(db, Number(row.id));
  const correctedAt = versions.length > 1 ? (versions[versions.length - 1]?.publishedAt ?? null) : null;
  return { ok: true, value: { agency: agency.value, year: row.year, title: reportTitle(agency.value.name, row.year), publishedAt: row.publishedAt, correctedAt, report, crossYear, versions } };
}
