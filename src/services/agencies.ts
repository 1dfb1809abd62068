// Agencies: every record belongs to one. Code, name, level (人民政府, 部门, 乡镇, 街道 …) and parent,
// and its settings: the 机关代字 of its 文号 (document prefix).

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { dbErrorCode } from '../db/errors.ts';
import { touchColumn } from './column.ts';

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
});

export type CreateAgencyInput = z.input<typeof createInput>;

/** The first problem of a zod parse, as a DomainError. */
export function invalid(error: z.ZodError): { code: 'INVALID_INPUT'; message: string; field: string } {
  const issue = error.issues[0];
  return { code: 'INVALID_INPUT', message: issue?.message ?? '输入无效', field: issue?.path.join('.') ?? '' };
}

export async function createAgency(db: Kysely<DB>, input: CreateAgencyInput, now: string): Promise<DomainResult<AgencyView>> {
  const parsed = createInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const { code, name, level, parentCode } = parsed.data;
  try {
    return await db.transaction().execute(async (trx) => {
      let parentId: number | null = null;
      if (parentCode !== undefined) {
        const parent = await trx.selectFrom('agencies').select('id').where('code', '=', parentCode).executeTakeFirst();
        if (!parent) return { ok: false, error: { code: 'AGENCY_NOT_FOUND', message: `上级机关“${parentCode}”不存在，请先创建上级机关。`, field: 'parentCode' } };
        parentId = parent.id;
      }
      const row = await trx.insertInto('agencies').values({ code, name, level, parentId, createdAt: now }).returning('id').executeTakeFirstOrThrow();
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
}

/** The 机关代字 derived from a name: the name without a generic ending, at most 8 characters, + 公开 (中卫市机关事务服务中心 → 中卫市机关事务公开). */
export function defaultDocumentPrefix(agencyName: string): string {
  return `${agencyName.replace(/(人民政府|办公室|服务中心|委员会)$/, '').slice(0, 8)}公开`;
}

/** The prefix the agency's 文号 use: its own, or the one derived from its name. */
export function documentPrefixOf(agency: { name: string; documentPrefix: string | null }): string {
  return agency.documentPrefix ?? defaultDocumentPrefix(agency.name);
}

export const DOCUMENT_PREFIX_MAX = 20;

const updateInput = z.object({
  name: agencyNameSchema.optional(),
  /** '' or null: derive from the name again */
  documentPrefix: z
    .string()
    .trim()
    .max(DOCUMENT_PREFIX_MAX, `文号前缀（机关代字）最长${DOCUMENT_PREFIX_MAX}个字`)
    .regex(/^[\p{Script=Han}A-Za-z0-9·]*$/u, '文号前缀（机关代字）只能由汉字、字母和数字组成，不含空格、括号或〔〕，例如“中卫机关事务公开”；年份和序号由系统生成')
    .refine((v) => !/[0-9]$/.test(v), '文号前缀（机关代字）不能以数字结尾（年份和序号由系统接在后面），例如“中卫机关事务公开”')
    .nullable()
    .optional(),
});

export type UpdateAgencyInput = z.input<typeof updateInput>;

export async function agencySettings(db: Kysely<DB>, code: string): Promise<DomainResult<AgencySettings>> {
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const row = await db.selectFrom('agencies').select(['name', 'documentPrefix']).where('id', '=', found.value.id).executeTakeFirstOrThrow();
  return { ok: true, value: { agency: found.value, documentPrefix: documentPrefixOf(row), documentPrefixSet: row.documentPrefix !== null } };
}

/**
 * Changes the agency's name and/or its 文号 prefix (one transaction); the public column shows the new
 * name at once. Documents already issued keep their numbers.
 */
export async function updateAgency(db: Kysely<DB>, code: string, input: UpdateAgencyInput): Promise<DomainResult<AgencySettings>> {
  const parsed = updateInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const { name, documentPrefix } = parsed.data;
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const changes: { name?: string; documentPrefix?: string | null } = {};
  if (name !== undefined) changes.name = name;
  if (documentPrefix !== undefined) changes.documentPrefix = documentPrefix === null || documentPrefix === '' ? null : documentPrefix;
  if (Object.keys(changes).length > 0) {
    await db.updateTable('agencies').set(changes).where('id', '=', found.value.id).execute();
    touchColumn(found.value.code);
  }
  return agencySettings(db, code);
}
