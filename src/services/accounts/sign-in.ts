// Signing in (the password checked, a session opened) and changing one's own password.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { invalid } from '../agencies.ts';
import { record } from '../audit.ts';
import { addSeconds, beijing, loadUser, sha256 } from './common.ts';
import { checkPassword, hashPassword, passwordSchema, verifyDummy } from './passwords.ts';
import type { SessionUser } from './roles.ts';
import { startSession } from './sessions.ts';
import type { SessionStart } from './sessions.ts';

/** Consecutive wrong passwords that lock an account … */
export const MAX_FAILED_LOGINS = 10;
/** … for this long. */
export const LOCK_MINUTES = 15;

export interface LoginInput {
  username: string;
  password: string;
  /** the client's address, for the audit log */
  ip?: string | null;
}

const LOGIN_FAILED_MESSAGE = '用户名或密码不正确。';

/**
 * Checks the password and opens a session. A wrong password (or an unknown user) gives LOGIN_FAILED
 * with the same message either way; 10 consecutive wrong passwords lock the account for 15 minutes
 * (LOGIN_LOCKED, saying until when); a disabled account is refused only once the password is right.
 */
export async function login(db: Kysely<DB>, input: LoginInput, now: string): Promise<DomainResult<SessionStart & { user: SessionUser }>> {
  const ip = input.ip ?? null;
  const username = input.username.trim().toLowerCase();
  const failed = { ok: false as const, error: { code: 'LOGIN_FAILED', message: LOGIN_FAILED_MESSAGE, field: 'username' } };
  if (username === '' || input.password === '') return { ok: false, error: { code: 'LOGIN_FAILED', message: '请输入用户名和密码。', field: username === '' ? 'username' : 'password' } };
  const user = await db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'disabled', 'lockedUntil'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) {
    await verifyDummy(input.password);
    await record(db, { userId: null, agencyId: null, action: 'login_failed', target: `user:${username.slice(0, 64)}`, detail: { reason: 'unknown_user' }, ip, at: now });
    return failed;
  }
  const locked = (until: string) => ({
    ok: false as const,
    error: { code: 'LOGIN_LOCKED', message: `密码连续输错${MAX_FAILED_LOGINS}次，账号已临时锁定，请于 ${beijing(until)}（北京时间）之后再试，或联系管理员。`, field: 'username' },
  });
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.parse(now)) {
    await record(db, { userId: user.id, agencyId: null, action: 'login_failed', target: `user:${username}`, detail: { reason: 'locked' }, ip, at: now });
    return locked(user.lockedUntil);
  }
  if (!(await checkPassword(user.passwordHash, input.password))) {
    const lockUntil = addSeconds(now, LOCK_MINUTES * 60);
    // one statement: concurrent failures all count
    const { rows } = await sql<{ lockedUntil: string | null; failedLogins: number }>`
      update users set
        failed_logins = case when failed_logins + 1 >= ${MAX_FAILED_LOGINS} then 0 else failed_logins + 1 end,
        locked_until = case when failed_logins + 1 >= ${MAX_FAILED_LOGINS} then ${lockUntil}::timestamptz else locked_until end
      where id = ${user.id}
      returning locked_until, failed_logins`.execute(db);
    const after = rows[0];
    const justLocked = after?.lockedUntil != null && Date.parse(after.lockedUntil) > Date.parse(now);
    await record(db, { userId: user.id, agencyId: null, action: 'login_failed', target: `user:${username}`, detail: { reason: 'wrong_password' }, ip, at: now });
    if (justLocked && after?.lockedUntil) {
      await record(db, { userId: user.id, agencyId: null, action: 'account_locked', target: `user:${username}`, detail: { until: after.lockedUntil }, ip, at: now });
      return locked(after.lockedUntil);
    }
    return failed;
  }
  if (user.disabled) {
    await record(db, { userId: user.id, agencyId: null, action: 'login_failed', target: `user:${username}`, detail: { reason: 'disabled' }, ip, at: now });
    return { ok: false, error: { code: 'ACCOUNT_DISABLED', message: '该账号已停用，请联系本机关的管理员。', field: 'username' } };
  }
  const started = await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', user.id).execute();
    const s = await startSession(trx, user.id, now);
    await record(trx, { userId: user.id, agencyId: null, action: 'login', target: `user:${username}`, detail: {}, ip, at: now });
    return s;
  });
  const sessionUser = await loadUser(db, user.id);
  if (!sessionUser) return failed;
  return { ok: true, value: { ...started, user: sessionUser } };
}

/** Changes the password after checking the current one; every other session of the user ends. */
export async function changePassword(
  db: Kysely<DB>,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionToken?: string; ip?: string | null },
  now: string,
): Promise<DomainResult<void>> {
  const user = await db.selectFrom('users').select(['username', 'passwordHash']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) return { ok: false, error: { code: 'USER_NOT_FOUND', message: '用户不存在。', field: 'user' } };
  if (!(await checkPassword(user.passwordHash, input.currentPassword)))
    return { ok: false, error: { code: 'WRONG_PASSWORD', message: '当前密码不正确。', field: 'currentPassword' } };
  const parsed = passwordSchema.safeParse(input.newPassword);
  if (!parsed.success) return { ok: false, error: { ...invalid(parsed.error), field: 'newPassword' } };
  if (input.newPassword.trim().toLowerCase() === user.username)
    return { ok: false, error: { code: 'INVALID_INPUT', message: '密码不能与用户名相同', field: 'newPassword' } };
  if (input.newPassword === input.currentPassword) return { ok: false, error: { code: 'INVALID_INPUT', message: '新密码不能与当前密码相同', field: 'newPassword' } };
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, failedLogins: 0, lockedUntil: null }).where('id', '=', input.userId).execute();
    let q = trx.deleteFrom('sessions').where('userId', '=', input.userId);
    if (input.keepSessionToken) q = q.where('id', '<>', sha256(input.keepSessionToken));
    await q.execute();
    await record(trx, { userId: input.userId, agencyId: null, action: 'password.change', target: `user:${user.username}`, detail: {}, ip: input.ip ?? null, at: now });
  });
  return { ok: true, value: undefined };
}
