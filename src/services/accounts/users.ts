// Staff users and their roles per agency: create a user (alone, with a role, in the caller's
// transaction), add and remove roles, list an agency's members.

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { dbErrorCode } from '../../db/errors.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { invalid } from '../agencies.ts';
import { record } from '../audit.ts';
import { Refused } from '../transactions.ts';
import { inTransaction } from './common.ts';
import { lastAdminRefusal } from './last-admin.ts';
import { passwordProblem } from './password-rule.ts';
import { hashPassword, passwordSchema } from './passwords.ts';
import { ROLE_LABELS, ROLES } from './roles.ts';
import type { Role } from './roles.ts';

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '用户名只能由字母、数字、点、下划线和连字符组成，以字母或数字开头，2至64个字符');

const userInput = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名最长50个字'),
    password: passwordSchema,
    platformAdmin: z.boolean().optional(),
  })
  .superRefine((u, ctx) => {
    const problem = passwordProblem(u.password, u.username);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['password'] });
  });

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

export const usernameTaken = (username: string) => ({ code: 'USERNAME_TAKEN', message: `用户名“${username}”已被使用，请换一个。`, field: 'username' });

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
