// Signing in (the password checked, a session opened) and changing one's own password, both throttled
// (throttle.ts): wrong passwords from unknown addresses put the account on a back-off, never a lock.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { record } from '../audit.ts';
import { loadUser, sha256 } from './common.ts';
import { checkNewPassword, checkPassword, hashPassword, verifyDummy } from './passwords.ts';
import type { SessionUser } from './roles.ts';
import { startSession } from './sessions.ts';
import type { SessionStart } from './sessions.ts';
import { countFailure, holdBack, isKnownAddress, rememberSuccess, SIGN_IN_BACKOFF, throttled } from './throttle.ts';
import type { SignInThrottle, Subject, Throttled } from './throttle.ts';

/** Wrong passwords from unknown addresses (within 24 hours) before the back-off begins. */
export const MAX_FAILED_LOGINS = SIGN_IN_BACKOFF.free;

export interface LoginInput {
  username: string;
  password: string;
  /** the client's address: the audit log, and the throttle (null: an unknown address) */
  ip?: string | null;
}

/** A refusal; LOGIN_THROTTLED carries the seconds to wait. */
export type SignInResult<T> = { ok: true; value: T } | { ok: false; error: DomainError | Throttled };

const LOGIN_FAILED_MESSAGE = '用户名或密码不正确。';

/**
 * Checks the password and opens a session. A wrong password (or an unknown user) gives LOGIN_FAILED
 * with the same message either way; while the account is on a back-off (or the address has failed too
 * often) LOGIN_THROTTLED, again the same whether the account exists or not; a disabled account is
 * refused only once the password is right. `throttle` holds the per-address counts (the web server's).
 */
export async function login(db: Kysely<DB>, input: LoginInput, now: string, throttle?: SignInThrottle): Promise<SignInResult<SessionStart & { user: SessionUser }>> {
  const ip = input.ip ?? null;
  const username = input.username.trim().toLowerCase();
  const failed = { ok: false as const, error: { code: 'LOGIN_FAILED', message: LOGIN_FAILED_MESSAGE, field: 'username' } };
  if (username === '' || input.password === '') return { ok: false, error: { code: 'LOGIN_FAILED', message: '请输入用户名和密码。', field: username === '' ? 'username' : 'password' } };
  const user = await db.selectFrom('users').select(['id', 'passwordHash', 'disabled', 'lockedUntil']).where('username', '=', username).executeTakeFirst();
  const subject: Subject = { username, user: user ? { id: user.id, lockedUntil: user.lockedUntil } : null };
  const target = `user:${username.slice(0, 64)}`;
  const known = await isKnownAddress(db, subject, ip);
  const wait = await holdBack(throttle, subject, ip, known, now);
  if (wait > 0) {
    await record(db, { userId: user?.id ?? null, agencyId: null, action: 'login_failed', target, detail: { reason: 'backoff' }, ip, at: now });
    return { ok: false, error: throttled(wait, 'login') };
  }
  const right = user ? await checkPassword(user.passwordHash, input.password) : (await verifyDummy(input.password), false);
  if (!user || !right) {
    await record(db, { userId: user?.id ?? null, agencyId: null, action: 'login_failed', target, detail: { reason: user ? 'wrong_password' : 'unknown_user' }, ip, at: now });
    const { backoff } = await countFailure(db, throttle, subject, ip, known, now);
    return backoff > 0 ? { ok: false, error: throttled(backoff, 'login') } : failed;
  }
  if (user.disabled) {
    await record(db, { userId: user.id, agencyId: null, action: 'login_failed', target, detail: { reason: 'disabled' }, ip, at: now });
    return { ok: false, error: { code: 'ACCOUNT_DISABLED', message: '该账号已停用，请联系本机关的管理员。', field: 'username' } };
  }
  const started = await db.transaction().execute(async (trx) => {
    await rememberSuccess(trx, user.id, ip, known, now);
    const s = await startSession(trx, user.id, now);
    await record(trx, { userId: user.id, agencyId: null, action: 'login', target, detail: {}, ip, at: now });
    return s;
  });
  const sessionUser = await loadUser(db, user.id);
  if (!sessionUser) return failed;
  return { ok: true, value: { ...started, user: sessionUser } };
}

/**
 * Changes the password after checking the current one; every other session of the user ends. A wrong
 * current password counts as a failed sign-in (throttle.ts), and the back-off holds this form back too.
 */
export async function changePassword(
  db: Kysely<DB>,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionToken?: string; ip?: string | null },
  now: string,
  throttle?: SignInThrottle,
): Promise<SignInResult<void>> {
  const ip = input.ip ?? null;
  const user = await db.selectFrom('users').select(['id', 'username', 'passwordHash', 'lockedUntil']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) return { ok: false, error: { code: 'USER_NOT_FOUND', message: '用户不存在。', field: 'user' } };
  const subject: Subject = { username: user.username, user: { id: user.id, lockedUntil: user.lockedUntil } };
  const known = await isKnownAddress(db, subject, ip);
  const wait = await holdBack(throttle, subject, ip, known, now);
  if (wait > 0) return { ok: false, error: throttled(wait, 'password') };
  if (!(await checkPassword(user.passwordHash, input.currentPassword))) {
    await record(db, { userId: user.id, agencyId: null, action: 'login_failed', target: `user:${user.username}`, detail: { reason: 'wrong_current_password' }, ip, at: now });
    const { backoff } = await countFailure(db, throttle, subject, ip, known, now);
    if (backoff > 0) return { ok: false, error: throttled(backoff, 'password') };
    return { ok: false, error: { code: 'WRONG_PASSWORD', message: '当前密码不正确。', field: 'currentPassword' } };
  }
  const bad = checkNewPassword(input.newPassword, user.username, 'newPassword');
  if (bad) return { ok: false, error: bad };
  if (input.newPassword === input.currentPassword) return { ok: false, error: { code: 'INVALID_INPUT', message: '新密码不能与当前密码相同', field: 'newPassword' } };
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, failedLogins: 0, lockedUntil: null, failuresSince: null }).where('id', '=', input.userId).execute();
    let q = trx.deleteFrom('sessions').where('userId', '=', input.userId);
    if (input.keepSessionToken) q = q.where('id', '<>', sha256(input.keepSessionToken));
    await q.execute();
    await record(trx, { userId: input.userId, agencyId: null, action: 'password.change', target: `user:${user.username}`, detail: {}, ip, at: now });
  });
  return { ok: true, value: undefined };
}
