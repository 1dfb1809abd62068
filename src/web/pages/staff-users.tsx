// The agency's users in the staff workspace (its 管理员):
//
//   /staff/:agency/users                the agency's users page (管理员), with per member: 解除锁定 (when
//                                       locked), 停用/启用, 重置密码; it shows each account's lock and its
//                                       other agencies
//   /staff/:agency/users                (POST) a new member: the account and its role
//   /staff/:agency/users/role|remove    give or take a role
//   /staff/:agency/users/unlock|disable|enable|reset-password   (staff-account-actions.tsx)
//
// An agency's 管理员 acts on its own members only (anyone else: 404). Mounted after 平台管理
// (staff-platform.tsx): "/staff/platform/users/…" is the platform's, never an agency's.

import { Hono } from 'hono';
import { z } from 'zod';
import { inputRefusal, plain } from '../../domain/text-rules.ts';
import { addMembership, createMember, listMemberAccounts, listMembers, removeMembership, ROLES } from '../../services/accounts.ts';
import type { Role, SessionUser } from '../../services/accounts.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { usersPage } from '../views/staff/users.tsx';
import type { MemberRow } from '../views/staff/users.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { accountAction, accountRow, actorOf, doneMessage, named, OPS, resetAction, statusOf } from './staff-account-actions.tsx';
import { badRequest, fieldError, formOf, frameOf, idParam, notFound, str } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const userForm = z.object({
  username: plain(z.string().max(64, '用户名最长64个字符'), '用户名').default(''),
  displayName: plain(z.string().max(50, '姓名最长50个字'), '姓名').default(''),
  password: z.string().max(256, '密码最长256个字符').default(''),
  role: z.enum(ROLES as unknown as [Role, ...Role[]], { message: '请选择角色' }),
});

const roleForm = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES as unknown as [Role, ...Role[]]),
});

async function showUsers(c: C, errors: FieldError[], status: 200 | 400 | 403 | 409 | 422 = 200, values: Record<string, string> = {}): Promise<Response> {
  const { db, now } = c.var.deps;
  const agency = c.var.agency;
  const user = c.var.user as SessionUser;
  const accounts = await listMemberAccounts(db, agency.id, now());
  const members: MemberRow[] = accounts.map((a) => ({
    ...accountRow(a),
    roles: a.memberships.filter((m) => m.agencyId === agency.id).map((m) => m.role),
    otherAgencies: [...new Set(a.memberships.filter((m) => m.agencyId !== agency.id).map((m) => m.agencyName))],
  }));
  let done: string | undefined;
  if (c.req.method === 'GET') {
    const about = idParam(c.req.query('user'));
    const account = about === null ? undefined : accounts.find((a) => a.userId === about);
    done = doneMessage(c.req.query('done'), account ? named(account) : null);
  }
  return c.html(
    usersPage(frameOf(c, 'users'), {
      members,
      canAdmin: true,
      csrf: c.var.csrf,
      values,
      errors,
      viewer: { userId: user.id, platformAdmin: user.platformAdmin },
      ...(done ? { done } : {}),
    }),
    status,
  );
}

export function agencyUsersRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const admin = requireAgency('admin');
  const csrf = verifyCsrf();

  routes.get('/:agency/users', admin, (c) => showUsers(c, []));

  // a new member: the account and its role in one transaction
  routes.post('/:agency/users', admin, csrf, async (c) => {
    const form = await formOf(c);
    const values = { username: str(form['username']).slice(0, 64), displayName: str(form['displayName']).slice(0, 50), role: str(form['role']) };
    const parsed = userForm.safeParse(form);
    if (!parsed.success) {
      const refusal = inputRefusal(parsed.error);
      return showUsers(c, [refusal.field === 'role' ? { field: 'role', message: '请选择角色。' } : { field: refusal.field, message: refusal.message }], refusal.status, values);
    }
    const actor = await actorOf(c, c.var.agency.id);
    const { db, now } = c.var.deps;
    const created = await createMember(db, c.var.agency.id, { username: parsed.data.username, displayName: parsed.data.displayName, password: parsed.data.password }, parsed.data.role, now(), actor);
    if (!created.ok) return showUsers(c, [fieldError(created.error, 'username')], created.error.code === 'USERNAME_TAKEN' ? 409 : 422, values);
    return c.redirect(`${staffBase(c.var.agency.code)}/users?done=added&user=${created.value.id}`, 303);
  });

  /** A role given or taken, for one of the agency's own members (another user's id is not found). */
  const changeRole = (kind: 'role' | 'removed') => async (c: C) => {
    const parsed = roleForm.safeParse(await formOf(c));
    if (!parsed.success) return badRequest(c);
    const { db, now } = c.var.deps;
    const agency = c.var.agency;
    const user = c.var.user as SessionUser;
    const members = await listMembers(db, agency.id);
    if (!members.some((m) => m.userId === parsed.data.userId)) return notFound(c);
    if (kind === 'removed' && parsed.data.userId === user.id && parsed.data.role === 'admin' && !user.platformAdmin) {
      return showUsers(c, [{ field: `role-${user.id}`, message: '不能取消自己的管理员角色，请由其他管理员操作。' }], 409);
    }
    const actor = await actorOf(c, agency.id);
    const r =
      kind === 'role'
        ? await addMembership(db, parsed.data.userId, agency.id, parsed.data.role, now(), actor)
        : await removeMembership(db, parsed.data.userId, agency.id, parsed.data.role, now(), actor);
    if (!r.ok) return showUsers(c, [fieldError(r.error, `role-${parsed.data.userId}`)], statusOf(r.error));
    return c.redirect(`${staffBase(agency.code)}/users?done=${kind}&user=${parsed.data.userId}`, 303);
  };
  routes.post('/:agency/users/role', admin, csrf, changeRole('role'));
  routes.post('/:agency/users/remove', admin, csrf, changeRole('removed'));

  const agencyScope = (c: C) => ({
    agencyId: c.var.agency.id,
    page: `${staffBase(c.var.agency.code)}/users`,
    back: { href: `${staffBase(c.var.agency.code)}/users`, label: '返回本机关的用户' },
    rerender: (errors: FieldError[], status: 403 | 409 | 422) => showUsers(c, errors, status),
  });
  for (const op of OPS) routes.post(`/:agency/users/${op}`, admin, csrf, accountAction(op, agencyScope));
  routes.post('/:agency/users/reset-password', admin, csrf, resetAction(agencyScope));

  return routes;
}
