// The agency tree (issue #13): every agency's parent (agencies.parent_id), changed on 平台管理 — never
// into a cycle, never to an agency that does not exist; audited — and an agency's subtree read with one
// recursive query: what the office above (政务公开办) oversees.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { record } from './audit.ts';

/** Deeper than any real tree (国务院 → 省 → 市 → 县 → 乡镇 is five): a guard for the recursive query. */
export const MAX_TREE_DEPTH = 32;

export interface TreeAgency {
  id: number;
  code: string;
  name: string;
  level: AgencyLevel;
  parentId: number | null;
  /** 1: a child of the root, 2: a grandchild … */
  depth: number;
  /** what its annual report covers as set (null: by level; domain/report/scope.ts) */
  reportScope: string | null;
}

export interface TreeActor {
  userId: number | null;
  ip?: string | null;
  now: string;
}

const fail = (code: string, message: string, field: string) => ({ ok: false as const, error: { code, message, field } });

/** The agencies below `rootId` (not the root) as a tree reads: each followed by its own, siblings by name. */
export async function subtree(db: Kysely<DB>, rootId: number): Promise<TreeAgency[]> {
  const rows = await sql<{ id: number; code: string; name: string; level: string; parentId: number | null; depth: number; reportScope: string | null }>`
    with recursive below (id, code, name, level, parent_id, depth, report_scope) as (
      select id, code, name, level, parent_id, 1, report_scope from agencies where parent_id = ${rootId}
      union all
      select a.id, a.code, a.name, a.level, a.parent_id, b.depth + 1, a.report_scope
        from agencies a join below b on a.parent_id = b.id
       where b.depth < ${MAX_TREE_DEPTH}
    )
    select id, code, name, level, parent_id, depth, report_scope from below order by depth, name, id`.execute(db);
  const all = rows.rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    level: r.level as AgencyLevel,
    parentId: r.parentId === null ? null : Number(r.parentId),
    depth: Number(r.depth),
    reportScope: r.reportScope,
  }));
  // as a tree reads: each agency followed by its own agencies (pre-order), siblings by name
  const children = new Map<number, TreeAgency[]>();
  for (const a of all) {
    if (a.parentId === null) continue;
    const siblings = children.get(a.parentId);
    if (siblings) siblings.push(a);
    else children.set(a.parentId, [a]);
  }
  const out: TreeAgency[] = [];
  const walk = (id: number) => {
    for (const child of children.get(id) ?? []) {
      out.push(child);
      walk(child.id);
    }
  };
  walk(rootId);
  return out;
}

/** Whether `agencyId` is in the subtree below `rootId` (the root itself is not). */
export async function isBelow(db: Kysely<DB>, rootId: number, agencyId: number): Promise<boolean> {
  const row = await sql<{ found: number }>`
    with recursive up (id, parent_id, depth) as (
      select id, parent_id, 0 from agencies where id = ${agencyId}
      union all
      select a.id, a.parent_id, u.depth + 1 from agencies a join up u on a.id = u.parent_id where u.depth < ${MAX_TREE_DEPTH}
    )
    select count(*)::int as found from up where id = ${rootId} and depth > 0`.execute(db);
  return Number(row.rows[0]?.found ?? 0) > 0;
}

export interface LevelGroup {
  level: AgencyLevel;
  label: string;
  agencies: TreeAgency[];
}

/** The subtree by level, in the order 人民政府 → 部门 → 乡镇 → 街道 → 其他; empty levels left out. */
export function byLevel(agencies: readonly TreeAgency[]): LevelGroup[] {
  return (Object.keys(AGENCY_LEVEL_LABELS) as AgencyLevel[])
    .map((level) => ({ level, label: AGENCY_LEVEL_LABELS[level], agencies: agencies.filter((a) => a.level === level) }))
    .filter((g) => g.agencies.length > 0);
}

/** The descendants of an agency grouped by level (人民政府 → 部门, 乡镇/街道). */
export async function descendantsByLevel(db: Kysely<DB>, rootId: number): Promise<LevelGroup[]> {
  return byLevel(await subtree(db, rootId));
}

export interface ParentChange {
  code: string;
  name: string;
  from: { code: string; name: string } | null;
  to: { code: string; name: string } | null;
}

/**
 * Sets the parent of the agency `code` (`parentCode` '' or null: none). Refused, writing nothing: an
 * agency or parent that does not exist, the agency itself, or one of its own descendants (a cycle).
 * One transaction under an advisory lock on the tree (two changes at once cannot make a cycle between
 * them), with its audit entry; setting the parent it already has writes nothing.
 */
export async function setParent(db: Kysely<DB>, code: string, parentCode: string | null, actor: TreeActor): Promise<DomainResult<ParentChange>> {
  const wanted = parentCode === null || parentCode.trim() === '' ? null : parentCode.trim();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('agencies/tree'))`.execute(trx);
    const agency = await trx.selectFrom('agencies').select(['id', 'code', 'name', 'parentId']).where('code', '=', code).executeTakeFirst();
    if (!agency) return fail('AGENCY_NOT_FOUND', `机关“${code}”不存在，请刷新平台管理页面后重试。`, 'agency');
    const old = agency.parentId === null ? null : await trx.selectFrom('agencies').select(['id', 'code', 'name']).where('id', '=', agency.parentId).executeTakeFirst();
    let parent: { id: number; code: string; name: string } | null = null;
    if (wanted !== null) {
      parent = (await trx.selectFrom('agencies').select(['id', 'code', 'name']).where('code', '=', wanted).executeTakeFirst()) ?? null;
      if (!parent) return fail('AGENCY_NOT_FOUND', `上级机关“${wanted.slice(0, 64)}”不存在，请从列表中选择已有的机关。`, 'parentCode');
      if (parent.id === agency.id) return fail('TREE_CYCLE', `${agency.name}不能是自己的上级机关，请选择其他机关或“无上级机关”。`, 'parentCode');
      if (await isBelow(trx, agency.id, parent.id)) {
        return fail('TREE_CYCLE', `${parent.name}是${agency.name}的下级机关，不能设为它的上级机关（会形成循环）。请先调整${parent.name}的上级机关。`, 'parentCode');
      }
    }
    const change: ParentChange = { code: agency.code, name: agency.name, from: old ? { code: old.code, name: old.name } : null, to: parent ? { code: parent.code, name: parent.name } : null };
    if ((parent?.id ?? null) === agency.parentId) return { ok: true, value: change };
    await trx.updateTable('agencies').set({ parentId: parent?.id ?? null }).where('id', '=', agency.id).execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: agency.id,
      action: 'agency.parent',
      target: `agency:${agency.code}`,
      detail: { from: change.from?.code ?? null, to: change.to?.code ?? null },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: change };
  });
}
