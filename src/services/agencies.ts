// Agencies: every record belongs to one. Code, name, level (人民政府, 部门, 乡镇, 街道 …) and parent.

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { dbErrorCode } from '../db/errors.ts';

export interface AgencyView {
  id: number;
  code: string;
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
}

const LEVELS = Object.keys(AGENCY_LEVEL_LABELS) as [AgencyLevel, ...AgencyLevel[]];
const LEVEL_BY_LABEL = new Map<string, AgencyLevel>(Object.entries(AGENCY_LEVEL_LABELS).map(([k, v]) => [v, k as AgencyLevel]));

const createInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '机关代码只能由字母、数字、下划线和连字符组成（最长64个字符），例如 zwjgsw'),
  name: z.string().trim().min(2, '机关名称至少2个字').max(100, '机关名称最长100个字'),
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
