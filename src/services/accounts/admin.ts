// Account administration: list accounts, reset a forgotten password, unlock, disable and enable an
// account, grant and revoke platform administration, an agency with its first 管理员.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dbErrorCode } from '../../db/errors.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { createAgency } from '../agencies.ts';
import type { AgencyView, CreateAgencyInput } from '../agencies.ts';
import { record } from '../audit.ts';
import { joined, Refused } from '../transactions.ts';
import { inTransaction, named } from './common.ts';
import { lastAdminRefusal, lastPlatformAdminRefusal } from './last-admin.ts';
import { checkNewPassword, generatePassword, hashPassword } from './passwords.ts';
import type { MembershipView, Role } from './roles.ts';
import { addMembership, insertUser, prepareUser, usernameTaken } from './users.ts';
import type { UserView } from './users.ts';

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
    await trx.updateTable('users').set({ passwordHash, failedLogins: 0, lockedUntil: null, failuresSince: null }).where('id', '=', input.userId).execute();
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
    await trx.updateTable('users').set({ failedLogins: 0, lockedUntil: null, failuresSince: null }).where('id', '=', userId).execute();
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
