// What the oversight services share (issue #13): who acts, the year collected, the agencies of the
// office's subtree, an agency's kind for the due date, and the refusals.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import type { AgencyKind } from '../../domain/oversight/index.ts';
import { subtree, type TreeAgency } from '../agency-tree.ts';

export interface OversightActor {
  userId: number | null;
  ip?: string | null;
  /** ISO timestamp */
  now: string;
}

export const fail = (code: string, message: string, field = ''): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

/** A reporting year the office may collect: 2008 (the first annual reports) to the year before `now`. */
export function yearProblem(year: number, now: string): string | null {
  const current = Number(now.slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > current) return `年度应为2008至${current}之间的年份（统计年度，不是发布年度）。`;
  return null;
}

/** The agency's kind for 第四十九条's due date: 人民政府 → government, 乡镇/街道 → township, the rest departments. */
export function kindOf(level: string): AgencyKind {
  if (level === 'government') return 'government';
  if (level === 'township' || level === 'subdistrict') return 'township';
  return 'department';
}

/** The agencies the office oversees: its whole subtree (not itself). */
export function overseen(db: Kysely<DB>, overseerId: number): Promise<TreeAgency[]> {
  return subtree(db, overseerId);
}

/** One agency of the subtree, or null (another office's agency is not found, as if it did not exist). */
export async function overseenAgency(db: Kysely<DB>, overseerId: number, agencyId: number): Promise<TreeAgency | null> {
  return (await overseen(db, overseerId)).find((a) => a.id === agencyId) ?? null;
}

/** The date in Beijing (UTC+8) of an ISO timestamp: the day a report published on the platform went out. */
export function beijingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}
