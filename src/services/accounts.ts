// Staff accounts: users (argon2id passwords), roles per agency, login with a temporary lockout,
// sessions (a random cookie value, stored as its sha256), API tokens (stored hashed), and who may do
// what (`can`). Every login, failed login, logout and account change is written to the audit log.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { dbErrorCode } from '../db/errors.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { invalid } from './agencies.ts';
import { record } from './audit.ts';

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

/** Takes a role away (nothing changes if they did not have it). */
export async function removeMembership(db: Kysely<DB>, userId: number, agencyId: number, role: Role, now: string, actor?: Actor): Promise<DomainResult<{ removed: boolean }>> {
  return inTransaction(db, async (trx) => {
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
