// Agencies: every record belongs to one. Code, name, level (人民政府, 部门, 乡镇, 街道 …) and parent,
// and its settings: the 机关代字 of its 文号 (document prefix).

import type { Kysely, Updateable } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { dbErrorCode } from '../db/errors.ts';
import { bumpColumns, touchColumn } from './column-version.ts';
import { effectiveScope, type ReportScope } from '../domain/report/scope.ts';

export interface AgencyView {
  id: number;
  code: string;
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
}

const LEVELS = Object.keys(AGENCY_LEVEL_LABELS) as [AgencyLevel, ...AgencyLevel[]];
const LEVEL_BY_LABEL = new Map<string, AgencyLevel>(Object.entries(AGENCY_LEVEL_LABELS).map(([k, v]) => [v, k as AgencyLevel]));

/** Codes that are paths of the platform itself (/<code>/ is the agency's column, /staff/<code> its workspace). */
export const RESERVED_CODES: ReadonlySet<string> = new Set(['api', 'assets', 'setup', 'staff', 'account', 'login', 'logout', 'platform', 'static', 'favicon.ico', 'robots.txt']);

/** An agency's code: it is in the addresses of its column and workspace. */
export const agencyCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '机关代码只能由字母、数字、下划线和连字符组成（最长64个字符），例如 zwjgsw')
  .refine((code) => !RESERVED_CODES.has(code.toLowerCase()), '这个机关代码是平台自用的网址（如 staff、api、setup），请换一个代码，例如机关名称的拼音首字母');

export const agencyNameSchema = z.string().trim().min(2, '机关名称至少2个字').max(100, '机关名称最长100个字');

const createInput = z.object({
  code: agencyCodeSchema,
  name: agencyNameSchema,
  level: z.preprocess((v) => (typeof v === 'string' ? (LEVEL_BY_LABEL.get(v.trim()) ?? v.trim()) : v), z.enum(LEVELS, { message: `级别应为${Object.values(AGENCY_LEVEL_LABELS).join('、')}之一` })),
  parentCode: z.string().trim().min(1).optional(),
  /** the 机关代字 confirmed at setup (absent: suggested from the name, defaultDocumentPrefix) */
  documentPrefix: documentPrefixSchemaLazy().optional(),
  reconsiderationBody: z.string().trim().max(100, '行政复议机关最长100个字').optional(),
  court: z.string().trim().max(100, '人民法院最长100个字').optional(),
});

/** (documentPrefixSchema is defined below, with the settings) */
function documentPrefixSchemaLazy() {
  return z.lazy(() => documentPrefixSchema);
}

export type CreateAgencyInput = z.input<typeof createInput>;

/** The first problem of a zod parse, as a DomainError. */
export function invalid(error: z.ZodError): { code: 'INVALID_INPUT'; message: string; field: string } {
  const issue = error.issues[0];
  return { code: 'INVALID_INPUT', message: issue?.message ?? '输入无效', field: issue?.path.join('.') ?? '' };
}

export async function createAgency(db: Kysely<DB>, input: CreateAgencyInput, now: string): Promise<DomainResult<AgencyView>> {
  const parsed = createInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const { code, name, level, parentCode, documentPrefix, reconsiderationBody, court } = parsed.data;
  try {
    return await db.transaction().execute(async (trx) => {
      let parentId: number | null = null;
      if (parentCode !== undefined) {
        const parent = await trx.selectFrom('agencies').select('id').where('code', '=', parentCode).executeTakeFirst();
        if (!parent) return { ok: false, error: { code: 'AGENCY_NOT_FOUND', message: `上级机关“${parentCode}”不存在，请先创建上级机关。`, field: 'parentCode' } };
        parentId = parent.id;
      }
      const row = await trx
        .insertInto('agencies')
        .values({
          code,
          name,
          level,
          parentId,
          createdAt: now,
          documentPrefix: documentPrefix || null,
          reconsiderationBody: reconsiderationBody || null,
          court: court || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ok: true, value: { id: row.id, code, name, level, parentCode: parentCode ?? null } };
    });
  } catch (e) {
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') return { ok: false, error: { code: 'AGENCY_CODE_TAKEN', message: `机关代码“${code}”已被使用，请换一个代码。`, field: 'code' } };
    throw e;
  }
}

export async function findAgency(db: Kysely<DB>, code: string): Promise<DomainResult<AgencyView>> {
  const row = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parentId')
    .select(['a.id', 'a.code', 'a.name', 'a.level', 'p.code as parentCode'])
    .where('a.code', '=', code)
    .executeTakeFirst();
  if (!row) return { ok: false, error: { code: 'AGENCY_NOT_FOUND', message: `机关“${code}”不存在。可用 gongkai agency create 创建。`, field: 'agency' } };
  return { ok: true, value: { id: row.id, code: row.code, name: row.name, level: row.level as AgencyLevel, parentCode: row.parentCode ?? null } };
}

export async function listAgencies(db: Kysely<DB>): Promise<AgencyView[]> {
  const rows = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parentId')
    .select(['a.id', 'a.code', 'a.name', 'a.level', 'p.code as parentCode'])
    .orderBy('a.code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level as AgencyLevel, parentCode: r.parentCode ?? null }));
}

// ---------------------------------------------------------------------------------------------
// Settings

export interface AgencySettings {
  agency: AgencyView;
  /** the prefix its 文号 use now: the one set, or the one derived from the name */
  documentPrefix: string;
  /** whether documentPrefix was set (false: derived from the name) */
  documentPrefixSet: boolean;
  /** the 复议机关 and the court of the remedy sentence of its replies (null: not set, asked per reply) */
  reconsiderationBody: string | null;
  court: string | null;
  /** DERIVED reading of 条例第三十三条第二款: an extension is decided within the reply period (refused after it) */
  extensionWithinPeriod: boolean;
  /** DERIVED reading: the fee window runs from the receipt of the 收费通知 as 第三十一条 determines it */
  feeWindowFromReceipt: boolean;
  /** table 四, UNCONFIRMED practice: a case counts in the year it was received (default) or concluded */
  reviewCountYear: 'received' | 'concluded';
  /** table 四, UNCONFIRMED practice: 驳回诉讼请求/驳回复议请求 count as 维持 (default), else 其他 */
  reviewRejectionUpheld: boolean;
  /** what its annual report's figures cover, in force (domain/report/scope.ts) */
  reportScope: ReportScope;
  /** whether it was set (false: by level) */
  reportScopeSet: boolean;
  /** the disclosure office's e-mail: reminders (催报) of the offices above go there too, where e-mail is configured */
  contactEmail: string | null;
  /** 更正 (条例第四十一条): working days for a decision (UNCONFIRMED practice, default 20; migration 0029) */
  amendmentWorkingDays: number;
  /** 条例第十八条: months between reviews of withheld information (default 12; migration 0030) */
  withheldReviewMonths: number;
  /** 投诉、举报 received (条例第五十一条): working days for an answer (UNCONFIRMED practice, default 20; migration 0031) */
  complaintDays: number;
  /** 归档 (条例第四十五条): years an archived case file is kept (UNCONFIRMED: local archive rules, default 10; migration 0032) */
  archiveRetentionYears: number;
}

/** Departments' usual short forms in a 机关代字 (known abbreviations; the clerk confirms or edits). */
const KNOWN_ABBREVIATIONS: readonly [RegExp, string][] = [
  [/^人民政府办公(室|厅)$/, '政办'],
  [/^人民政府$/, '政'],
  [/^自然资源和规划(局|委员会)?$/, '自然资规'],
  [/^住房和城乡建设(局|委员会)?$/, '住建'],
  [/^卫生健康(局|委员会)?$/, '卫健'],
  [/^市场监督管理局$/, '市监'],
  [/^发展和改革(局|委员会)?$/, '发改'],
  [/^人力资源和社会保障局$/, '人社'],
  [/^生态环境局$/, '环'],
  [/^交通运输局$/, '交'],
  [/^农业农村局$/, '农'],
  [/^机关事务(服务中心|管理局)$/, '机关事务'],
];

/** A leading place name: 省, 市, 县, 区 … (示范市, 某县, 宁夏回族自治区). */
const PLACE = /^(.{1,10}?(?:自治区|自治州|自治县|省|市|州|盟|县|旗|区))(?=.{2,})/u;

/**
 * The 机关代字 suggested for a name, never cut: the place without 省/市/县, the department's known short
 * form or its name without a generic ending, + 公开 (中卫市机关事务服务中心 → 中卫机关事务公开,
 * 示范市自然资源和规划局 → 示范自然资规公开). Asked at setup, where the clerk confirms or edits it.
 */
export function defaultDocumentPrefix(agencyName: string): string {
  const name = agencyName.trim().replace(/\s+/g, '');
  const place = PLACE.exec(name);
  const placeShort = place ? (place[1] as string).replace(/(自治区|自治州|自治县|省|市|州|盟|县|旗|区)$/u, '') : '';
  const rest = place ? name.slice((place[1] as string).length) : name;
  const known = KNOWN_ABBREVIATIONS.find(([re]) => re.test(rest));
  const dept = known ? known[1] : rest.replace(/(人民政府|办公室|服务中心|委员会|局)$/u, '') || rest;
  return `${placeShort}${dept}公开`;
}

/**
 * The 机关代字 asked when an agency is set up: the one the clerk gave, or — when none was given — a refusal
 * carrying the suggestion, for the form to show it to be confirmed or edited.
 */
export function confirmDocumentPrefix(name: string, given: string): { ok: true; value: string } | { ok: false; suggestion: string; message: string } {
  const prefix = given.trim();
  if (prefix !== '') return { ok: true, value: prefix };
  const suggestion = name.trim() === '' ? '' : defaultDocumentPrefix(name);
  return {
    ok: false,
    suggestion,
    message: suggestion === '' ? '请填写文号前缀（机关代字）。' : `请确认文号前缀（机关代字）：按机关名称建议为“${suggestion}”，已填入，可以修改后再提交。`,
  };
}

/** The prefix the agency's 文号 use: its own, or the one derived from its name. */
export function documentPrefixOf(agency: { name: string; documentPrefix: string | null }): string {
  return agency.documentPrefix ?? defaultDocumentPrefix(agency.name);
}

export const DOCUMENT_PREFIX_MAX = 20;

export const documentPrefixSchema = z
  .string()
  .trim()
  .max(DOCUMENT_PREFIX_MAX, `文号前缀（机关代字）最长${DOCUMENT_PREFIX_MAX}个字`)
  .regex(/^[\p{Script=Han}A-Za-z0-9·]*$/u, '文号前缀（机关代字）只能由汉字、字母和数字组成，不含空格、括号或〔〕，例如“中卫机关事务公开”；年份和序号由系统生成')
  .refine((v) => !/[0-9]$/.test(v), '文号前缀（机关代字）不能以数字结尾（年份和序号由系统接在后面），例如“中卫机关事务公开”');

/** The 复议机关 or the court named in the remedy sentence; '' or null: not set. */
export const remedyBodySchema = (label: string, example: string) =>
  z.string().trim().max(100, `${label}最长100个字`).refine((v) => v === '' || v.length >= 4, `${label}请写全称，例如“${example}”`);

const emailShape = z.email();

/** The disclosure office's e-mail, where reminders go (migration 0022); '' or null: none. */
export const contactEmailSchema = z
  .string()
  .trim()
  .max(254, '联系邮箱最长254个字符')
  .refine((v) => v === '' || emailShape.safeParse(v).success, '联系邮箱应为一个电子邮件地址（只写地址，不写姓名），例如 gongkai@example.gov.cn');

const updateInput = z.object({
  name: agencyNameSchema.optional(),
  /** '' or null: derive from the name again */
  documentPrefix: documentPrefixSchema.nullable().optional(),
  reconsiderationBody: remedyBodySchema('行政复议机关', '示范市人民政府').nullable().optional(),
  court: remedyBodySchema('人民法院', '示范市示范区人民法院').nullable().optional(),
  /** DERIVED readings (docs/ARCHITECTURE.md) */
  extensionWithinPeriod: z.boolean().optional(),
  feeWindowFromReceipt: z.boolean().optional(),
  /** table 四's UNCONFIRMED practices (migration 0014) */
  reviewCountYear: z.enum(['received', 'concluded'], { message: '表四的统计年度应为 received（按收到年度）或 concluded（按结案年度）' }).optional(),
  reviewRejectionUpheld: z.boolean().optional(),
  /** null: by level again (migration 0021) */
  reportScope: z.enum(['own', 'subtree'], { message: '年度报告的数据范围应为 own（本机关）或 subtree（本机关及所属下级机关）' }).nullable().optional(),
  /** '' or null: none (migration 0022) */
  contactEmail: contactEmailSchema.nullable().optional(),
  /** 更正's period in working days (migration 0029) */
  amendmentWorkingDays: z
    .number({ message: '更正办理期限应为工作日数（整数）' })
    .int('更正办理期限应为工作日数（整数）')
    .min(1, '更正办理期限至少1个工作日')
    .max(60, '更正办理期限最长60个工作日')
    .optional(),
  /** 不予公开信息的评估审查周期, months (migration 0030) */
  withheldReviewMonths: z
    .number({ message: '不予公开信息的评估审查周期应为月数（整数）' })
    .int('不予公开信息的评估审查周期应为月数（整数）')
    .min(1, '评估审查周期至少1个月')
    .max(60, '评估审查周期最长60个月')
    .optional(),
  /** the answer period of complaints received, in working days (migration 0031) */
  complaintDays: z
    .number({ message: '投诉、举报的答复期限应为工作日数（整数）' })
    .int('投诉、举报的答复期限应为工作日数（整数）')
    .min(1, '投诉、举报的答复期限至少1个工作日')
    .max(60, '投诉、举报的答复期限最长60个工作日')
    .optional(),
  /** the 保管期限 of archived case files, in years (migration 0032) */
  archiveRetentionYears: z
    .number({ message: '归档案卷的保管期限应为年数（整数）' })
    .int('归档案卷的保管期限应为年数（整数）')
    .min(1, '归档案卷的保管期限至少1年')
    .max(100, '归档案卷的保管期限最长100年（永久保管的，请填写100）')
    .optional(),
});

export type UpdateAgencyInput = z.input<typeof updateInput>;

export async function agencySettings(db: Kysely<DB>, code: string): Promise<DomainResult<AgencySettings>> {
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const row = await db
    .selectFrom('agencies')
    .select(['name', 'level', 'documentPrefix', 'reconsiderationBody', 'court', 'extensionWithinPeriod', 'feeWindowFromReceipt', 'reviewCountYear', 'reviewRejectionUpheld', 'reportScope', 'contactEmail', 'amendmentWorkingDays', 'withheldReviewMonths', 'complaintDays', 'archiveRetentionYears'])
    .where('id', '=', found.value.id)
    .executeTakeFirstOrThrow();
  return {
    ok: true,
    value: {
      agency: found.value,
      documentPrefix: documentPrefixOf(row),
      documentPrefixSet: row.documentPrefix !== null,
      reconsiderationBody: row.reconsiderationBody,
      court: row.court,
      extensionWithinPeriod: row.extensionWithinPeriod,
      feeWindowFromReceipt: row.feeWindowFromReceipt,
      reviewCountYear: row.reviewCountYear === 'concluded' ? 'concluded' : 'received',
      reviewRejectionUpheld: row.reviewRejectionUpheld,
      reportScope: effectiveScope(row.level, row.reportScope),
      reportScopeSet: row.reportScope !== null,
      contactEmail: row.contactEmail,
      amendmentWorkingDays: row.amendmentWorkingDays,
      withheldReviewMonths: row.withheldReviewMonths,
      complaintDays: row.complaintDays,
      archiveRetentionYears: row.archiveRetentionYears,
    },
  };
}

/**
 * Changes the agency's name and/or its 文号 prefix (one transaction); the public column shows the new
 * name at once. Documents already issued keep their numbers.
 */
export async function updateAgency(db: Kysely<DB>, code: string, input: UpdateAgencyInput): Promise<DomainResult<AgencySettings>> {
  const parsed = updateInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const { name, documentPrefix, reconsiderationBody, court, extensionWithinPeriod, feeWindowFromReceipt, reviewCountYear, reviewRejectionUpheld, reportScope, contactEmail, amendmentWorkingDays, withheldReviewMonths, complaintDays, archiveRetentionYears } = parsed.data;
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const orNull = (v: string | null) => (v === null || v === '' ? null : v);
  const changes: Updateable<DB['agencies']> = {};
  if (name !== undefined) changes.name = name;
  if (documentPrefix !== undefined) changes.documentPrefix = orNull(documentPrefix);
  if (reconsiderationBody !== undefined) changes.reconsiderationBody = orNull(reconsiderationBody);
  if (court !== undefined) changes.court = orNull(court);
  if (extensionWithinPeriod !== undefined) changes.extensionWithinPeriod = extensionWithinPeriod;
  if (feeWindowFromReceipt !== undefined) changes.feeWindowFromReceipt = feeWindowFromReceipt;
  if (reviewCountYear !== undefined) changes.reviewCountYear = reviewCountYear;
  if (reviewRejectionUpheld !== undefined) changes.reviewRejectionUpheld = reviewRejectionUpheld;
  if (reportScope !== undefined) changes.reportScope = reportScope;
  if (contactEmail !== undefined) changes.contactEmail = orNull(contactEmail);
  if (amendmentWorkingDays !== undefined) changes.amendmentWorkingDays = amendmentWorkingDays;
  if (withheldReviewMonths !== undefined) changes.withheldReviewMonths = withheldReviewMonths;
  if (complaintDays !== undefined) changes.complaintDays = complaintDays;
  if (archiveRetentionYears !== undefined) changes.archiveRetentionYears = archiveRetentionYears;
  if (Object.keys(changes).length > 0) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('agencies').set(changes).where('id', '=', found.value.id).execute();
      await bumpColumns(trx, [found.value.code]);
    });
    touchColumn(found.value.code);
  }
  return agencySettings(db, code);
}
