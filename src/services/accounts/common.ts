// Primitives shared by the accounts modules: random tokens, hashes, constant-time comparison, time
// arithmetic, transactions, a signed-in user's loading.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role, SessionUser } from './roles.ts';

/** Random 32 bytes, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const addSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** 2024-10-08 14:35 in Beijing time. */
export const beijing = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');

/** Runs `body` in the given transaction, or in a new one. */
export function inTransaction<T>(db: Kysely<DB>, body: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute((trx: Transaction<DB>) => body(trx));
}

/** “张三（zhangsan）”. */
export const named = (u: { displayName: string; username: string }): string => `${u.displayName}（${u.username}）`;

export async function loadUser(db: Kysely<DB>, userId: number): Promise<SessionUser | null> {
  const user = await db.selectFrom('users').select(['id', 'username', 'displayName', 'platformAdmin', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return null;
  const memberships = await db
    .selectFrom('memberships as m')
    .innerJoin('agencies as a', 'a.id', 'm.agencyId')
    .select(['m.agencyId', 'a.code as agencyCode', 'a.name as agencyName', 'm.role'])
    .where('m.userId', '=', userId)
    .orderBy('a.code')
    .orderBy('m.role')
    .execute();
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    platformAdmin: user.platformAdmin,
    memberships: memberships.map((m) => ({ agencyId: m.agencyId, agencyCode: m.agencyCode, agencyName: m.agencyName, role: m.role as Role })),
  };
}
