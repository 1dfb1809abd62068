// Sessions: a random cookie value, stored as its sha256, fixed 12 hours; logout.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { record } from '../audit.ts';
import { addSeconds, loadUser, randomToken, sha256 } from './common.ts';
import type { SessionUser } from './roles.ts';

/** Sessions last 12 hours from login (fixed, not sliding). */
export const SESSION_TTL_SECONDS = 12 * 3600;

export interface SessionStart {
  /** the cookie's value (only its sha256 is stored) */
  sessionToken: string;
  /** the session's CSRF token (every form carries it) */
  csrfToken: string;
  expiresAt: string;
}

const LOGIN_FAILED_MESSAGE = '用户名或密码不正确。';

/** Opens a session for a user whose identity is established (login, first-start setup). */
export async function startSession(db: Kysely<DB>, userId: number, now: string): Promise<SessionStart> {
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = addSeconds(now, SESSION_TTL_SECONDS);
  await db.deleteFrom('sessions').where('userId', '=', userId).where('expiresAt', '<=', now).execute();
  await db.insertInto('sessions').values({ id: sha256(sessionToken), userId, csrfToken, createdAt: now, expiresAt }).execute();
  return { sessionToken, csrfToken, expiresAt };
}


/** The signed-in user of a session cookie and the session's CSRF token; null when unknown, expired or disabled. */
export async function session(db: Kysely<DB>, token: string, now: string): Promise<{ user: SessionUser; csrfToken: string; expiresAt: string } | null> {
  if (token === '' || token.length > 200) return null;
  const row = await db.selectFrom('sessions').select(['userId', 'csrfToken', 'expiresAt']).where('id', '=', sha256(token)).where('expiresAt', '>', now).executeTakeFirst();
  if (!row) return null;
  const user = await loadUser(db, row.userId);
  return user ? { user, csrfToken: row.csrfToken, expiresAt: row.expiresAt } : null;
}

export async function sessionUser(db: Kysely<DB>, token: string, now: string): Promise<SessionUser | null> {
  return (await session(db, token, now))?.user ?? null;
}

/** Ends the session of this cookie value (nothing happens if there is none). */
export async function logout(db: Kysely<DB>, token: string, now: string, ip?: string | null): Promise<void> {
  if (token === '') return;
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('sessions').where('id', '=', sha256(token)).returning('userId').executeTakeFirst();
    if (row) await record(trx, { userId: row.userId, agencyId: null, action: 'logout', target: null, detail: {}, ip: ip ?? null, at: now });
  });
}
