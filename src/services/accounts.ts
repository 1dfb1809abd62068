// Staff accounts: users (argon2id passwords), roles per agency, login with a temporary lockout,
// sessions (a random cookie value, stored as its sha256), API tokens (stored hashed), and who may do
// what (`can`). Every login, failed login, logout and account change is written to the audit log.

import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { dbErrorCode } from '../db/errors.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { createAgency, invalid } from './agencies.ts';
import type { AgencyView, CreateAgencyInput } from './agencies.ts';
import { record } from './audit.ts';
import { joined, Refused } from './transactions.ts';

// ---------------------------------------------------------------------------------------------
// Roles

export const ROLES = ['admin', 'handler', 'section_head', 'leader', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  handler: '经办人',
  section_head: '科室负责人',
  leader: '分管领导',
  supervisor: '监督',
};

/** read: see; handle: register and process applications; approve: extensions, sign-off; admin: the agency's users, pages, settings. */
export type Action = 'read' | 'handle' | 'approve' | 'admin';

const ALLOWED: Record<Role, readonly Action[]> = {
  admin: ['read', 'handle', 'approve', 'admin'],
  leader: ['read', 'handle', 'approve'],
  section_head: ['read', 'handle', 'approve'],
  handler: ['read', 'handle'],
  supervisor: ['read'],
};

export interface MembershipView {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  role: Role;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  platformAdmin: boolean;
  memberships: MembershipView[];
}

/** Whether the user may do `action` in the agency: by any of their roles there; a platform administrator everywhere. */
export function can(user: SessionUser, agencyId: number, action: Action): boolean {
  if (user.platformAdmin) return true;
  return user.memberships.some((m) => m.agencyId === agencyId && (ALLOWED[m.role]?.includes(action) ?? false));
}

/** Whether the user sees the agency at all (any role, or platform administrator). */
export function canSee(user: SessionUser, agencyId: number): boolean {
  return can(user, agencyId, 'read');
}

// ---------------------------------------------------------------------------------------------
// Constants and primitives

/** Sessions last 12 hours from login (fixed, not sliding). */
export const SESSION_TTL_SECONDS = 12 * 3600;
/** Consecutive wrong passwords that lock an account … */
export const MAX_FAILED_LOGINS = 10;
/** … for this long. */
export const LOCK_MINUTES = 15;
export const MIN_PASSWORD_LENGTH = 10;

const ARGON2ID = 2 as Algorithm.Argon2id;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

async function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}

/** A hash to verify against when the user does not exist, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;

/** Random 32 bytes, base64url. */
const randomToken = (): string => randomBytes(32).toString('base64url');

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const addSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** 2024-10-08 14:35 in Beijing time. */
const beijing = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');

/** Runs `body` in the given transaction, or in a new one. */
function inTransaction<T>(db: Kysely<DB>, body: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute((trx: Transaction<DB>) => body(trx));
}

// ---------------------------------------------------------------------------------------------
// Users and memberships

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '用户名只能由字母、数字、点、下划线和连字符组成，以字母或数字开头，2至64个字符');

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少${MIN_PASSWORD_LENGTH}个字符`)
  .max(256, '密码最长256个字符');

const userInput = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名最长50个字'),
    password: passwordSchema,
    platformAdmin: z.boolean().optional(),
  })
  .refine((u) => u.password.trim().toLowerCase() !== u.username, { message: '密码不能与用户名相同', path: ['password'] });

export type CreateUserInput = z.input<typeof userInput>;

/** Who made a change, for the audit log. */
export interface Actor {
  userId: number | null;
  agencyId?: number | null;
  ip?: string | null;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  platformAdmin: boolean;
}

/** Validates the input and hashes the password (slow: done before any transaction is opened). */
export async function prepareUser(
  input: CreateUserInput,
): Promise<DomainResult<{ username: string; displayName: string; passwordHash: string; platformAdmin: boolean }>> {
  const parsed = userInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const { username, displayName, password, platformAdmin } = parsed.data;
  return { ok: true, value: { username, displayName, passwordHash: await hashPassword(password), platformAdmin: platformAdmin ?? false } };
}

/** Inserts a prepared user (in the caller's transaction). */
export async function insertUser(
  trx: Kysely<DB>,
  user: { username: string; displayName: string; passwordHash: string; platformAdmin: boolean },
  now: string,
  actor: Actor = { userId: null },
): Promise<DomainResult<UserView>> {
  const taken = await trx.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst();
  if (taken) return { ok: false, error: usernameTaken(user.username) };
  const row = await trx.insertInto('users').values({ ...user, createdAt: now }).returning('id').executeTakeFirstOrThrow();
  await record(trx, {
    userId: actor.userId ?? row.id,
    agencyId: actor.agencyId ?? null,
    action: 'user.create',
    target: `user:${user.username}`,
    detail: { userId: row.id, platformAdmin: user.platformAdmin },
    ip: actor.ip ?? null,
    at: now,
  });
  return { ok: true, value: { id: row.id, username: user.username, displayName: user.displayName, platformAdmin: user.platformAdmin } };
}

const usernameTaken = (username: string) => ({ code: 'USERNAME_TAKEN', message: `用户名“${username}”已被使用，请换一个。`, field: 'username' });

/** A new staff account. The username is kept in lower case. */
export async function createUser(db: Kysely<DB>, input: CreateUserInput, now: string, actor?: Actor): Promise<DomainResult<UserView>> {
  const prepared = await prepareUser(input);
  if (!prepared.ok) return prepared;
  try {
    return await inTransaction(db, (trx) => insertUser(trx, prepared.value, now, actor));
  } catch (e) {
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') return { ok: false, error: usernameTaken(prepared.value.username) };
    throw e;
  }
}

/** A new staff account with a role in the agency, in one transaction (a refusal of either writes nothing). */
export async function createMember(db: Kysely<DB>, agencyId: number, input: CreateUserInput, role: Role, now: string, actor?: Actor): Promise<DomainResult<UserView>> {
  if (!(ROLES as readonly string[]).includes(role)) return { ok: false, error: { code: 'INVALID_INPUT', message: '请选择角色', field: 'role' } };
  const prepared = await prepareUser(input);
  if (!prepared.ok) return prepared;
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, prepared.value, now, actor);
      if (!user.ok) throw new Refused(user.error);
      const member = await addMembership(trx, user.value.id, agencyId, role, now, actor);
      if (!member.ok) throw new Refused(member.error);
      return user;
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') return { ok: false, error: usernameTaken(prepared.value.username) };
    throw e;
  }
}

/** Gives the user a role in the agency (nothing changes if they have it already). */
export async function addMembership(db: Kysely<DB>, userId: number, agencyId: number, role: Role, now?: string, actor?: Actor): Promise<DomainResult<{ added: boolean }>> {
  if (!(ROLES as readonly string[]).includes(role))
    return { ok: false, error: { code: 'INVALID_INPUT', message: `角色应为${Object.values(ROLE_LABELS).join('、')}之一`, field: 'role' } };
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
    if (!user) return { ok: false, error: { code: 'USER_NOT_FOUND', message: '用户不存在。', field: 'user' } };
    const agency = await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
    if (!agency) return { ok: false, error: { code: 'AGENCY_NOT_FOUND', message: '机关不存在。', field: 'agency' } };
    const inserted = await trx
      .insertInto('memberships')
      .values({ userId, agencyId, role })
      .onConflict((oc) => oc.columns(['userId', 'agencyId', 'role']).doNothing())
      .returning('role')
      .executeTakeFirst();
    if (inserted && now !== undefined)
      await record(trx, {
        userId: actor?.userId ?? null,
        agencyId,
        action: 'membership.add',
        target: `user:${user.username}`,
        detail: { role },
        ip: actor?.ip ?? null,
        at: now,
      });
    return { ok: true, value: { added: inserted !== undefined } };
  });
}

/**
 * Takes a role away (nothing changes if they did not have it). The last active 管理员 of an agency keeps
 * the role (LAST_ADMIN): someone else must be made 管理员 first.
 */
export async function removeMembership(db: Kysely<DB>, userId: number, agencyId: number, role: Role, now: string, actor?: Actor): Promise<DomainResult<{ removed: boolean }>> {
  return inTransaction(db, async (trx) => {
    if (role === 'admin') {
      const last = await lastAdminRefusal(trx, userId, [agencyId], 'remove');
      if (last) return { ok: false, error: last };
    }
    const r = await trx.deleteFrom('memberships').where('userId', '=', userId).where('agencyId', '=', agencyId).where('role', '=', role).executeTakeFirst();
    const removed = Number(r.numDeletedRows) > 0;
    if (removed)
      await record(trx, { userId: actor?.userId ?? null, agencyId, action: 'membership.remove', target: `user:${userId}`, detail: { role }, ip: actor?.ip ?? null, at: now });
    return { ok: true, value: { removed } };
  });
}

export interface MemberView {
  userId: number;
  username: string;
  displayName: string;
  disabled: boolean;
  roles: Role[];
}

/** The agency's staff and their roles, by username. */
export async function listMembers(db: Kysely<DB>, agencyId: number): Promise<MemberView[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.username', 'u.displayName', 'u.disabled', 'm.role'])
    .where('m.agencyId', '=', agencyId)
    .orderBy('u.username')
    .orderBy('m.role')
    .execute();
  const byUser = new Map<number, MemberView>();
  for (const r of rows) {
    const m = byUser.get(r.id) ?? { userId: r.id, username: r.username, displayName: r.displayName, disabled: r.disabled, roles: [] };
    m.roles.push(r.role as Role);
    byUser.set(r.id, m);
  }
  return [...byUser.values()];
}

async function loadUser(db: Kysely<DB>, userId: number): Promise<SessionUser | null> {
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

// ---------------------------------------------------------------------------------------------
// Login, sessions, logout

export interface LoginInput {
  username: string;
  password: string;
  /** the client's address, for the audit log */
  ip?: string | null;
}

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
    dummyHash ??= hashPassword(randomToken());
    await checkPassword(await dummyHash, input.password);
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

// ---------------------------------------------------------------------------------------------
// API tokens

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

// ---------------------------------------------------------------------------------------------
// Account administration: reset a forgotten password, unlock, disable and enable an account (an agency's
// 管理员 on its users page, a platform administrator on 平台管理, the operator on the command line);
// grant and revoke platform administration (command line); an agency with its first 管理员.
//
//   - An agency's 管理员 acts only on members of that agency: anyone else is "not found". They may not
//     reset, disable or enable a user who also has roles in another agency or is a platform administrator
//     (the message says to ask the platform administrator); unlocking is allowed (it only lets the user
//     try their password again).
//   - Nobody resets their own password here (我的账号 asks for the current one) or disables themselves.
//   - The last active 管理员 of an agency and the last active platform administrator stay: they can be
//     neither disabled nor lose the role (removeMembership, setPlatformAdmin).
//   - A reset unlocks the account and ends all its sessions. Its API tokens stay unless `revokeTokens`:
//     they are credentials of their own (an interface to another system), not derived from the password.
//   - Disabling ends the sessions at once; the API tokens stop working while the account is disabled
//     (loadUser refuses a disabled user) and work again once it is enabled.

/** Who acts on an account. */
export interface AccountActor {
  /** the acting user; null: the command line (the server's operator) */
  userId: number | null;
  /** a platform administrator (or the command line): any account; otherwise only members of `agencyId` */
  platformAdmin: boolean;
  /** the agency whose users page the action comes from: an agency 管理员's scope, the audit entry's agency */
  agencyId: number | null;
  ip?: string | null;
}

/** The command line: the server's operator, who may do what a platform administrator may. */
export const COMMAND_LINE: AccountActor = { userId: null, platformAdmin: true, agencyId: null, ip: null };

/** A user as account administration sees them. */
export interface AccountView {
  userId: number;
  username: string;
  displayName: string;
  platformAdmin: boolean;
  disabled: boolean;
  /** until when the account is locked after wrong passwords; null when it is not locked now */
  lockedUntil: string | null;
  /** their roles, by agency code */
  memberships: MembershipView[];
}

const named = (u: { displayName: string; username: string }): string => `${u.displayName}（${u.username}）`;

const userNotFound = (agencyScope: boolean): DomainError => ({
  code: 'USER_NOT_FOUND',
  message: agencyScope ? '没有找到该用户：本机关没有这个用户。' : '没有找到该用户，请检查用户名。',
  field: 'user',
});

/** Users with their memberships (all of them when `ids` is null), by username. */
async function accounts(db: Kysely<DB>, ids: number[] | null, now: string): Promise<AccountView[]> {
  if (ids !== null && ids.length === 0) return [];
  let users = db.selectFrom('users').select(['id', 'username', 'displayName', 'platformAdmin', 'disabled', 'lockedUntil']);
  if (ids !== null) users = users.where('id', 'in', ids);
  const rows = await users.orderBy('username').execute();
  let ms = db
    .selectFrom('memberships as m')
    .innerJoin('agencies as a', 'a.id', 'm.agencyId')
    .select(['m.userId', 'm.agencyId', 'a.code as agencyCode', 'a.name as agencyName', 'm.role']);
  if (ids !== null) ms = ms.where('m.userId', 'in', ids);
  const memberships = await ms.orderBy('a.code').orderBy('m.role').execute();
  const byUser = new Map<number, MembershipView[]>();
  for (const m of memberships) {
    const list = byUser.get(m.userId) ?? [];
    list.push({ agencyId: m.agencyId, agencyCode: m.agencyCode, agencyName: m.agencyName, role: m.role as Role });
    byUser.set(m.userId, list);
  }
  return rows.map((u) => ({
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    platformAdmin: u.platformAdmin,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil !== null && Date.parse(u.lockedUntil) > Date.parse(now) ? u.lockedUntil : null,
    memberships: byUser.get(u.id) ?? [],
  }));
}

/** Every user of the platform with their agencies and roles, by username (平台管理, `gongkai user list`). */
export function listUsers(db: Kysely<DB>, now: string): Promise<AccountView[]> {
  return accounts(db, null, now);
}

/** The agency's members with their status and their roles in every agency (the agency's users page). */
export async function listMemberAccounts(db: Kysely<DB>, agencyId: number, now: string): Promise<AccountView[]> {
  const ids = await db.selectFrom('memberships').select('userId').distinct().where('agencyId', '=', agencyId).execute();
  return accounts(
    db,
    ids.map((r) => r.userId),
    now,
  );
}

/** One user by username (any case), or null. */
export async function findAccount(db: Kysely<DB>, username: string, now: string): Promise<AccountView | null> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (!row) return null;
  return (await accounts(db, [row.id], now))[0] ?? null;
}

type AccountOp = 'reset' | 'disable' | 'enable' | 'unlock';

const OP_VERB: Record<AccountOp, string> = { reset: '重置其密码', disable: '停用其账号', enable: '启用其账号', unlock: '解除其锁定' };

/** The target of an action if the actor may act on it (see the rules above). */
async function target(db: Kysely<DB>, userId: number, actor: AccountActor, op: AccountOp, now: string): Promise<DomainResult<AccountView>> {
  const agencyScope = !actor.platformAdmin;
  const found = (await accounts(db, [userId], now))[0];
  if (!found) return { ok: false, error: userNotFound(agencyScope) };
  if (actor.platformAdmin) return { ok: true, value: found };
  if (actor.agencyId === null) return { ok: false, error: { code: 'FORBIDDEN', message: '只有本机关的管理员或平台管理员可以管理账号。', field: 'user' } };
  if (!found.memberships.some((m) => m.agencyId === actor.agencyId)) return { ok: false, error: userNotFound(true) };
  if (op === 'unlock') return { ok: true, value: found };
  if (found.platformAdmin)
    return {
      ok: false,
      error: { code: 'PLATFORM_ADMIN_REQUIRED', message: `${named(found)}是平台管理员，本机关的管理员不能${OP_VERB[op]}。请联系平台管理员办理。`, field: 'user' },
    };
  const others = [...new Set(found.memberships.filter((m) => m.agencyId !== actor.agencyId).map((m) => m.agencyName))];
  if (others.length > 0)
    return {
      ok: false,
      error: {
        code: 'PLATFORM_ADMIN_REQUIRED',
        message: `${named(found)}同时在其他机关（${others.join('、')}）任职，本机关的管理员不能${OP_VERB[op]}。请联系平台管理员办理。`,
        field: 'user',
      },
    };
  return { ok: true, value: found };
}

/** The audit entry's who and where (the command line has no user: marked via "cli"). */
function auditWho(actor: AccountActor, agencyId?: number | null): { userId: number | null; agencyId: number | null; ip: string | null } {
  return { userId: actor.userId, agencyId: agencyId ?? actor.agencyId, ip: actor.ip ?? null };
}

const via = (actor: AccountActor): Record<string, unknown> => (actor.userId === null ? { via: 'cli' } : {});

/**
 * Why the user may not stop being an active 管理员 (of `agencyIds`, or of any agency): they are the
 * last one there. Locks those agencies' rows, so two changes to an agency's administrators never pass
 * this check together. Null when nothing stands in the way.
 */
async function lastAdminRefusal(trx: Kysely<DB>, userId: number, agencyIds: number[] | null, kind: 'remove' | 'disable'): Promise<DomainError | null> {
  const user = await trx.selectFrom('users').select(['username', 'displayName', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return null; // a disabled administrator is not an active one
  let q = trx.selectFrom('memberships').select('agencyId').where('userId', '=', userId).where('role', '=', 'admin');
  if (agencyIds !== null) q = q.where('agencyId', 'in', agencyIds);
  const adminOf = (await q.execute()).map((r) => r.agencyId);
  if (adminOf.length === 0) return null;
  await trx.selectFrom('agencies').select('id').where('id', 'in', adminOf).orderBy('id').forUpdate().execute();
  const alone = await trx
    .selectFrom('agencies as a')
    .select(['a.id', 'a.name'])
    .where('a.id', 'in', adminOf)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships as m')
            .innerJoin('users as u', 'u.id', 'm.userId')
            .select('m.userId')
            .whereRef('m.agencyId', '=', 'a.id')
            .where('m.role', '=', 'admin')
            .where('m.userId', '<>', userId)
            .where('u.disabled', '=', false),
        ),
      ),
    )
    .orderBy('a.code')
    .execute();
  if (alone.length === 0) return null;
  const where = alone.map((a) => `“${a.name}”`).join('、');
  return kind === 'remove'
    ? { code: 'LAST_ADMIN', message: `不能取消${named(user)}的管理员角色：该用户是${where}唯一在用的管理员。请先为另一位用户增加“管理员”角色。`, field: 'role' }
    : { code: 'LAST_ADMIN', message: `不能停用${named(user)}：该用户是${where}唯一在用的管理员。请先为该机关的另一位用户增加“管理员”角色。`, field: 'user' };
}

/** Why the user may not stop being an active platform administrator: they are the last one. Locks the platform administrators' rows. */
async function lastPlatformAdminRefusal(trx: Kysely<DB>, userId: number, kind: 'revoke' | 'disable'): Promise<DomainError | null> {
  const user = await trx.selectFrom('users').select(['username', 'displayName', 'disabled', 'platformAdmin']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled || !user.platformAdmin) return null;
  const admins = await trx.selectFrom('users').select(['id', 'disabled']).where('platformAdmin', '=', true).orderBy('id').forUpdate().execute();
  if (admins.some((a) => a.id !== userId && !a.disabled)) return null;
  const first = '请先将另一位用户设为平台管理员（gongkai user grant-platform-admin 用户名）。';
  return kind === 'revoke'
    ? { code: 'LAST_PLATFORM_ADMIN', message: `不能取消${named(user)}的平台管理员身份：该用户是唯一在用的平台管理员。${first}`, field: 'user' }
    : { code: 'LAST_PLATFORM_ADMIN', message: `不能停用${named(user)}：该用户是唯一在用的平台管理员。${first}`, field: 'user' };
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password, four groups of four (about 93 bits), e.g. "k7Hm-xq3R-…". */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** A new password's rules (those of createUser): at least 10 characters, not the username. */
function checkNewPassword(password: string, username: string, field: string): DomainError | null {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return { ...invalid(parsed.error), field };
  if (password.trim().toLowerCase() === username) return { code: 'INVALID_INPUT', message: '密码不能与用户名相同', field };
  return null;
}

export interface ResetPasswordInput {
  userId: number;
  /** the new temporary password; empty or absent: one is generated (and returned, once) */
  password?: string | null;
  /** also revoke all of the user's API tokens */
  revokeTokens?: boolean;
}

export interface ResetPasswordResult {
  username: string;
  displayName: string;
  /** the generated password (to hand to the user; stored only as its hash), or null when one was given */
  generatedPassword: string | null;
  sessionsEnded: number;
  tokensRevoked: number;
}

/**
 * Sets a new password for someone who forgot theirs: unlocks the account, ends all its sessions and,
 * with `revokeTokens`, revokes its API tokens. Refusals: USER_NOT_FOUND, PLATFORM_ADMIN_REQUIRED,
 * SELF (use 我的账号), INVALID_INPUT (field "password").
 */
export async function resetPassword(db: Kysely<DB>, input: ResetPasswordInput, now: string, actor: AccountActor): Promise<DomainResult<ResetPasswordResult>> {
  const first = await target(db, input.userId, actor, 'reset', now);
  if (!first.ok) return first;
  if (actor.userId !== null && actor.userId === input.userId)
    return { ok: false, error: { code: 'SELF', message: '不能在这里重置自己的密码。请到“我的账号”页面修改密码（需要输入当前密码）。', field: 'password' } };
  const given = input.password ?? '';
  const generated = given === '' ? generatePassword() : null;
  const password = generated ?? given;
  const bad = checkNewPassword(password, first.value.username, 'password');
  if (bad) return { ok: false, error: bad };
  const passwordHash = await hashPassword(password); // slow: before the transaction
  return inTransaction(db, async (trx) => {
    const t = await target(trx, input.userId, actor, 'reset', now);
    if (!t.ok) return t;
    await trx.updateTable('users').set({ passwordHash, failedLogins: 0, lockedUntil: null }).where('id', '=', input.userId).execute();
    const ended = await trx.deleteFrom('sessions').where('userId', '=', input.userId).executeTakeFirst();
    let tokensRevoked = 0;
    if (input.revokeTokens === true) {
      const r = await trx.updateTable('apiTokens').set({ revoked: true }).where('userId', '=', input.userId).where('revoked', '=', false).executeTakeFirst();
      tokensRevoked = Number(r.numUpdatedRows);
    }
    const sessionsEnded = Number(ended.numDeletedRows);
    await record(trx, {
      ...auditWho(actor),
      action: 'user.password_reset',
      target: `user:${t.value.username}`,
      detail: { userId: input.userId, generated: generated !== null, sessionsEnded, tokensRevoked, ...via(actor) },
      at: now,
    });
    return { ok: true, value: { username: t.value.username, displayName: t.value.displayName, generatedPassword: generated, sessionsEnded, tokensRevoked } };
  });
}

/** Lifts the lock of wrong passwords (and clears their count); harmless when the account was not locked. */
export async function unlock(db: Kysely<DB>, userId: number, now: string, actor: AccountActor): Promise<DomainResult<{ username: string; displayName: string; wasLocked: boolean }>> {
  return inTransaction(db, async (trx) => {
    const t = await target(trx, userId, actor, 'unlock', now);
    if (!t.ok) return t;
    const wasLocked = t.value.lockedUntil !== null;
    await trx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
    await record(trx, { ...auditWho(actor), action: 'user.unlock', target: `user:${t.value.username}`, detail: { userId, wasLocked, ...via(actor) }, at: now });
    return { ok: true, value: { username: t.value.username, displayName: t.value.displayName, wasLocked } };
  });
}

/**
 * Disables (`disabled` true) or enables an account. Disabling ends its sessions at once; its API tokens
 * are refused while it is disabled. Refusals: USER_NOT_FOUND, PLATFORM_ADMIN_REQUIRED, SELF, LAST_ADMIN,
 * LAST_PLATFORM_ADMIN. `changed` is false when the account already was so (nothing is written).
 */
export async function setDisabled(
  db: Kysely<DB>,
  userId: number,
  disabled: boolean,
  now: string,
  actor: AccountActor,
): Promise<DomainResult<{ username: string; displayName: string; changed: boolean; sessionsEnded: number }>> {
  return inTransaction(db, async (trx) => {
    const t = await target(trx, userId, actor, disabled ? 'disable' : 'enable', now);
    if (!t.ok) return t;
    const { username, displayName } = t.value;
    if (disabled && actor.userId === userId) return { ok: false, error: { code: 'SELF', message: '不能停用自己的账号。', field: 'user' } };
    if (t.value.disabled === disabled) return { ok: true, value: { username, displayName, changed: false, sessionsEnded: 0 } };
    if (disabled) {
      const refusal = (await lastAdminRefusal(trx, userId, null, 'disable')) ?? (await lastPlatformAdminRefusal(trx, userId, 'disable'));
      if (refusal) return { ok: false, error: refusal };
    }
    await trx.updateTable('users').set({ disabled }).where('id', '=', userId).execute();
    const sessionsEnded = disabled ? Number((await trx.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst()).numDeletedRows) : 0;
    await record(trx, {
      ...auditWho(actor),
      action: disabled ? 'user.disable' : 'user.enable',
      target: `user:${username}`,
      detail: { userId, ...(disabled ? { sessionsEnded } : {}), ...via(actor) },
      at: now,
    });
    return { ok: true, value: { username, displayName, changed: true, sessionsEnded } };
  });
}

/** Grants or revokes platform administration (a platform administrator or the command line). The last active one stays (LAST_PLATFORM_ADMIN). */
export async function setPlatformAdmin(
  db: Kysely<DB>,
  userId: number,
  platformAdmin: boolean,
  now: string,
  actor: AccountActor,
): Promise<DomainResult<{ username: string; displayName: string; changed: boolean }>> {
  if (!actor.platformAdmin) return { ok: false, error: { code: 'FORBIDDEN', message: '只有平台管理员可以设置或取消平台管理员。', field: 'user' } };
  return inTransaction(db, async (trx) => {
    const t = await target(trx, userId, actor, 'enable', now); // a platform administrator: only "not found" can refuse
    if (!t.ok) return t;
    const { username, displayName } = t.value;
    if (t.value.platformAdmin === platformAdmin) return { ok: true, value: { username, displayName, changed: false } };
    if (!platformAdmin) {
      if (actor.userId === userId) return { ok: false, error: { code: 'SELF', message: '不能取消自己的平台管理员身份，请由另一位平台管理员操作。', field: 'user' } };
      const refusal = await lastPlatformAdminRefusal(trx, userId, 'revoke');
      if (refusal) return { ok: false, error: refusal };
    }
    await trx.updateTable('users').set({ platformAdmin }).where('id', '=', userId).execute();
    await record(trx, {
      ...auditWho(actor),
      action: platformAdmin ? 'user.platform_admin.grant' : 'user.platform_admin.revoke',
      target: `user:${username}`,
      detail: { userId, ...via(actor) },
      at: now,
    });
    return { ok: true, value: { username, displayName, changed: true } };
  });
}

export interface NewAgencyInput {
  agency: CreateAgencyInput;
  /** its first 管理员 (optional); an empty password: one is generated */
  admin?: { username: string; displayName: string; password?: string | null } | null;
}

export interface NewAgencyResult {
  agency: AgencyView;
  admin: UserView | null;
  /** the generated password of the new 管理员 (shown once), or null */
  generatedPassword: string | null;
}

/**
 * A new agency (createAgency), optionally with its first 管理员 (a platform administrator only), in one
 * transaction: a refusal of either creates nothing. The administrator's fields are named
 * "admin.username", "admin.displayName", "admin.password".
 */
export async function createAgencyWithAdmin(db: Kysely<DB>, input: NewAgencyInput, now: string, actor: AccountActor): Promise<DomainResult<NewAgencyResult>> {
  if (!actor.platformAdmin) return { ok: false, error: { code: 'FORBIDDEN', message: '只有平台管理员可以创建机关。', field: 'code' } };
  let prepared: { username: string; displayName: string; passwordHash: string; platformAdmin: boolean } | null = null;
  let generatedPassword: string | null = null;
  if (input.admin) {
    const given = input.admin.password ?? '';
    generatedPassword = given === '' ? generatePassword() : null;
    const p = await prepareUser({ username: input.admin.username, displayName: input.admin.displayName, password: generatedPassword ?? given });
    if (!p.ok) return { ok: false, error: { ...p.error, field: `admin.${p.error.field && p.error.field !== '' ? p.error.field : 'username'}` } };
    prepared = p.value;
  }
  const admin = prepared;
  try {
    return await db.transaction().execute(async (trx): Promise<DomainResult<NewAgencyResult>> => {
      const created = await createAgency(joined(trx), input.agency, now);
      if (!created.ok) throw new Refused(created.error);
      const agency = created.value;
      await record(trx, {
        ...auditWho(actor, agency.id),
        action: 'agency.create',
        target: `agency:${agency.code}`,
        detail: { code: agency.code, name: agency.name, level: agency.level, parentCode: agency.parentCode, ...via(actor) },
        at: now,
      });
      if (admin === null) return { ok: true, value: { agency, admin: null, generatedPassword: null } };
      const who = { userId: actor.userId, agencyId: agency.id, ip: actor.ip ?? null };
      const user = await insertUser(trx, admin, now, who);
      if (!user.ok) throw new Refused({ ...user.error, field: 'admin.username' });
      const member = await addMembership(trx, user.value.id, agency.id, 'admin', now, who);
      if (!member.ok) throw new Refused(member.error);
      return { ok: true, value: { agency, admin: user.value, generatedPassword } };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION' && admin !== null) return { ok: false, error: { ...usernameTaken(admin.username), field: 'admin.username' } };
    throw e;
  }
}
