// The audit log (审计日志): who did what, in which agency, from where, when. Written in the same
// transaction as the change it records (pass the transaction), read by the agency's audit page.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface AuditRecord {
  /** the acting user (null: an anonymous visitor, e.g. a failed login for an unknown name) */
  userId: number | null;
  agencyId: number | null;
  /** login, login_failed, login_backoff, logout, user.create, membership.add, password.change, setup … */
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  /** ISO timestamp */
  at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  displayName: string | null;
  agencyId: number | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** Appends one entry; `db` may be a transaction (then the entry commits or rolls back with the change). */
export async function record(db: Kysely<DB>, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      at: entry.at,
      userId: entry.userId,
      agencyId: entry.agencyId,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

export interface ListOptions {
  /** at most this many (default 50, at most 500) */
  limit?: number;
  /** entries with an id below this one (the next page: the last id shown) */
  before?: number;
}

/**
 * The newest entries first: of one agency, or (agencyId null) those of no agency — logins, logouts,
 * the platform's own actions.
 */
export async function list(db: Kysely<DB>, agencyId: number | null, options: ListOptions = {}): Promise<AuditEntry[]> {
  const limit = Math.min(500, Math.max(1, Math.floor(options.limit ?? 50)));
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.userId')
    .select(['a.id', 'a.at', 'a.userId', 'u.username', 'u.displayName', 'a.agencyId', 'a.action', 'a.target', 'a.detail', 'a.ip']);
  q = agencyId === null ? q.where('a.agencyId', 'is', null) : q.where('a.agencyId', '=', agencyId);
  if (options.before !== undefined) q = q.where('a.id', '<', options.before);
  const rows = await q.orderBy('a.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.userId,
    username: r.username ?? null,
    displayName: r.displayName ?? null,
    agencyId: r.agencyId,
    action: r.action,
    target: r.target,
    detail: r.detail,
    ip: r.ip,
  }));
}
