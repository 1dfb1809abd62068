// API tokens: created for a user, shown once, stored as their sha256; revoked; the user of a bearer token.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { record } from '../audit.ts';
import { inTransaction, loadUser, randomToken, sha256 } from './common.ts';
import type { SessionUser } from './roles.ts';

const API_TOKEN_PREFIX = 'gk_';

/** A new API token for the user: returned once, stored as its sha256. */
export async function createApiToken(db: Kysely<DB>, userId: number, name: string, now: string): Promise<DomainResult<{ id: number; token: string }>> {
  const label = name.trim();
  if (label === '' || label.length > 100) return { ok: false, error: { code: 'INVALID_INPUT', message: '请为令牌填写一个名称（最长100个字）', field: 'name' } };
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
    if (!user) return { ok: false, error: { code: 'USER_NOT_FOUND', message: '用户不存在。', field: 'user' } };
    const row = await trx.insertInto('apiTokens').values({ userId, name: label, tokenHash: sha256(token), createdAt: now }).returning('id').executeTakeFirstOrThrow();
    await record(trx, { userId, agencyId: null, action: 'api_token.create', target: `api_token:${row.id}`, detail: { name: label }, ip: null, at: now });
    return { ok: true, value: { id: row.id, token } };
  });
}

export interface ApiTokenView {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

/** The user's API tokens (never the tokens themselves), newest first. */
export async function listApiTokens(db: Kysely<DB>, userId: number): Promise<ApiTokenView[]> {
  return db.selectFrom('apiTokens').select(['id', 'name', 'createdAt', 'lastUsedAt', 'revoked']).where('userId', '=', userId).orderBy('id', 'desc').execute();
}

/** Revokes one of the user's tokens. */
export async function revokeApiToken(db: Kysely<DB>, userId: number, tokenId: number, now: string): Promise<DomainResult<void>> {
  return inTransaction(db, async (trx) => {
    const r = await trx.updateTable('apiTokens').set({ revoked: true }).where('id', '=', tokenId).where('userId', '=', userId).where('revoked', '=', false).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return { ok: false, error: { code: 'NOT_FOUND', message: '没有找到该令牌。', field: 'token' } };
    await record(trx, { userId, agencyId: null, action: 'api_token.revoke', target: `api_token:${tokenId}`, detail: {}, ip: null, at: now });
    return { ok: true, value: undefined };
  });
}

/** The user of an `Authorization: Bearer` token (the token itself, without "Bearer "); null when unknown, revoked or disabled. */
export async function apiUser(db: Kysely<DB>, bearer: string, now: string): Promise<SessionUser | null> {
  const token = bearer.trim();
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.selectFrom('apiTokens').select(['id', 'userId']).where('tokenHash', '=', sha256(token)).where('revoked', '=', false).executeTakeFirst();
  if (!row) return null;
  const user = await loadUser(db, row.userId);
  if (user) await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  return user;
}
