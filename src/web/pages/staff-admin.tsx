// Account administration in the staff workspace:
//
//   /staff/:agency/users                the agency's users page (管理员), with per member: 解除锁定 (when
//                                       locked), 停用/启用, 重置密码; this GET answers before staff.tsx's
//                                       own (it shows each account's lock and its other agencies)
//   /staff/:agency/users/unlock|disable|enable|reset-password
//   /staff/platform                     平台管理 (platform administrators only; 404 for anyone else):
//                                       every agency, a new agency with its first 管理员, every user
//   /staff/platform/agencies            create an agency
//   /staff/platform/users/unlock|disable|enable|reset-password
//
// Who may do what is decided by the services (accounts.ts, "Account administration"): an agency's
// 管理员 acts on its own members only (anyone else: 404) and not on users who also work in another agency
// or are platform administrators (refused, with the advice to ask the platform administrator). Every
// form posts with its CSRF token; unlock, disable and enable redirect (303) to the page with a done
// message; a password reset answers with a page of its own (Cache-Control: no-store), which shows a
// generated password this once. Mounted before the /:agency routes of staff.tsx: "/staff/platform"
// would otherwise be taken for an agency's code ("platform" is a reserved code).

import { Hono } from 'hono';
import { z } from 'zod';
import { controlCharacterProblem, inputRefusal, plain } from '../../domain/text-rules.ts';
import { addMembership, createAgencyWithAdmin, createMember, listMemberAccounts, listMembers, listUsers, removeMembership, resetPassword, ROLES, setDisabled, unlock } from '../../services/accounts.ts';
import type { AccountActor, AccountView, Role, SessionUser } from '../../services/accounts.ts';
import { confirmDocumentPrefix, listAgencies } from '../../services/agencies.ts';
import { list as auditList } from '../../services/audit.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { requireAgency, requireStaff } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp } from '../rate-limit.ts';
import { accountFields, agenciesPage, auditPage, PLATFORM_PATH, resetDonePage, usersPage } from '../views/staff/admin.tsx';
import { agencyCreatedPage, PLATFORM_FIELDS, platformPage } from '../views/staff/platform.tsx';
import type { AccountRow, MemberRow } from '../views/staff/admin.tsx';
import type { PlatformUserRow } from '../views/staff/platform.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { badQuery, badRequest, fieldError, formOf, frameOf, idParam, notFound, requirePlatformAdmin, str } from './staff-common.tsx';
import { confirmed, confirmPage } from '../views/staff/confirm.tsx';
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

/** HTTP status of the account services' refusals (USER_NOT_FOUND answers the 404 page). */
const STATUS: Record<string, 403 | 409 | 422> = {
  FORBIDDEN: 403,
  PLATFORM_ADMIN_REQUIRED: 403,
  SELF: 409,
  LAST_ADMIN: 409,
  LAST_PLATFORM_ADMIN: 409,
  AGENCY_CODE_TAKEN: 409,
  USERNAME_TAKEN: 409,
};
const statusOf = (error: DomainError): 403 | 409 | 422 => STATUS[error.code] ?? 422;

type AccountOp = 'unlock' | 'disable' | 'enable';
const OPS: readonly AccountOp[] = ['unlock', 'disable', 'enable'];

/** The done message of an account action, naming the user. */
function doneMessage(key: string | undefined, who: string | null): string | undefined {
  const name = who ?? '该用户';
  switch (key) {
    case 'added':
      return '已新增用户。';
    case 'role':
      return '已增加角色。';
    case 'removed':
      return '已取消角色。';
    case 'unlock':
      return `已解除 ${name}的锁定，该用户可以重新登录。`;
    case 'disable':
      return `已停用 ${name}的账号：该用户已退出登录，不能再登录，其接口令牌也不能再使用。`;
    case 'enable':
      return `已启用 ${name}的账号。`;
    default:
      return undefined;
  }
}

const named = (a: { displayName: string; username: string }): string => `${a.displayName}（${a.username}）`;

async function actorOf(c: C, agencyId: number | null): Promise<AccountActor> {
  const user = c.var.user as SessionUser;
  return { userId: user.id, platformAdmin: user.platformAdmin, agencyId, ip: await clientIp(c) };
}

/** Where a refusal's message goes: the password fields of the user's reset form, or the user's row. */
function fieldOf(error: DomainError, userId: number): string {
  const f = accountFields(userId);
  return error.field === 'password' ? f.password : f.row;
}

/** What a row of the users tables shows of an account. */
const accountRow = (a: AccountView): AccountRow => ({
  userId: a.userId,
  username: a.username,
  displayName: a.displayName,
  disabled: a.disabled,
  lockedUntil: a.lockedUntil,
  platformAdmin: a.platformAdmin,
});

// ---------------------------------------------------------------------------------------------
// The agency's users page

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

// ---------------------------------------------------------------------------------------------
// 平台管理

export async function showPlatform(c: C, values: Record<string, string>, errors: FieldError[], status: 200 | 400 | 403 | 409 | 422 = 200): Promise<Response> {
  const { db, now } = c.var.deps;
  const user = c.var.user as SessionUser;
  const agencies = await listAgencies(db);
  const accounts = await listUsers(db, now());
  const users: PlatformUserRow[] = accounts.map((a) => ({ ...accountRow(a), agencies: byAgency(a) }));
  let done: string | undefined;
  if (c.req.method === 'GET') {
    const key = c.req.query('done');
    if (key === 'agency') {
      const made = agencies.find((a) => a.code === c.req.query('code'));
      done = made ? `已创建机关：${made.name}（${made.code}）。` : '已创建机关。';
    } else if (key === 'parent') {
      const moved = agencies.find((a) => a.code === c.req.query('code'));
      const parent = moved?.parentCode ? agencies.find((a) => a.code === moved.parentCode) : undefined;
      done = moved ? `已设置${moved.name}的上级机关：${parent ? parent.name : '无上级机关'}。` : '已设置上级机关。';
    } else {
      const about = idParam(c.req.query('user'));
      const account = about === null ? undefined : accounts.find((a) => a.userId === about);
      done = doneMessage(key, account ? named(account) : null);
    }
  }
  return c.html(
    platformPage(frameOf(c, 'platform'), {
      agencies: agencies.map((a) => ({ code: a.code, name: a.name, level: a.level, parentCode: a.parentCode })),
      users,
      csrf: c.var.csrf,
      values,
      errors,
      viewer: { userId: user.id, platformAdmin: true },
      ...(done ? { done } : {}),
      trustProxy: c.var.deps.config.trustProxy ?? { kind: 'none' },
    }),
    status,
  );
}

function byAgency(a: AccountView): PlatformUserRow['agencies'] {
  const out = new Map<string, { code: string; name: string; roles: string[] }>();
  for (const m of a.memberships) {
    const entry = out.get(m.agencyCode) ?? { code: m.agencyCode, name: m.agencyName, roles: [] };
    entry.roles.push(m.role);
    out.set(m.agencyCode, entry);
  }
  return [...out.values()];
}

/** The agency chooser of a platform administrator: every agency (their own roles shown), and the way to 平台管理. */
export async function platformChooser(c: C): Promise<Response> {
  const user = c.var.user as SessionUser;
  const roles = new Map<string, string[]>();
  for (const m of user.memberships) roles.set(m.agencyCode, [...(roles.get(m.agencyCode) ?? []), m.role]);
  const agencies = (await listAgencies(c.var.deps.db)).map((a) => ({ code: a.code, name: a.name, roles: roles.get(a.code) ?? [] }));
  return c.html(agenciesPage(frameOf(c, 'agencies'), agencies, { platformAdmin: true }));
}

/** The new agency's form fields (service field → control id). */
const AGENCY_FIELD: Record<string, string> = {
  code: PLATFORM_FIELDS.code,
  name: PLATFORM_FIELDS.name,
  level: PLATFORM_FIELDS.level,
  parentCode: PLATFORM_FIELDS.parentCode,
  documentPrefix: PLATFORM_FIELDS.documentPrefix,
  'admin.username': PLATFORM_FIELDS.adminUsername,
  'admin.displayName': PLATFORM_FIELDS.adminDisplayName,
  'admin.password': PLATFORM_FIELDS.adminPassword,
};

// ---------------------------------------------------------------------------------------------
// Routes

export function adminRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const admin = requireAgency('admin');
  const staff = requireStaff();
  const csrf = verifyCsrf();
  /** 平台管理 is for platform administrators; anyone else finds nothing there. */
  const platformOnly = requirePlatformAdmin();

  /** An action on the account in the form's userId, then back to `page` with a done message; a refusal re-renders the page. */
  const accountAction =
    (op: AccountOp, scope: (c: C) => { agencyId: number | null; page: string; rerender: (errors: FieldError[], status: 403 | 409 | 422) => Promise<Response> }) =>
    async (c: C): Promise<Response> => {
      const form = await formOf(c);
      const userId = idParam(form['userId']);
      if (userId === null) return badRequest(c);
      const { agencyId, page, rerender } = scope(c);
      const actor = await actorOf(c, agencyId);
      const now = c.var.deps.now();
      const db = c.var.deps.db;
      if (op === 'disable' && !confirmed(form)) {
        // first the confirmation, for an account this page may act on (another agency's: not found)
        const accounts = agencyId === null ? await listUsers(db, now) : await listMemberAccounts(db, agencyId, now);
        const account = accounts.find((a) => a.userId === userId);
        if (!account) return notFound(c);
        c.header('Cache-Control', 'no-store');
        return c.html(
          confirmPage(frameOf(c, agencyId === null ? 'platform' : 'users'), {
            title: `停用 ${named(account)} 的账号`,
            consequences: ['该用户立即退出登录，不能再登录，其接口令牌也不能再使用。', '已登记的申请、文书和审计记录都保留；以后可以再启用该账号。'],
            action: c.req.path, // the same action again, confirmed
            fields: { userId: String(userId) },
            confirmLabel: `确认停用 ${named(account)} 的账号`,
            cancel: { href: `${page}#${accountFields(userId).row}`, label: '不停用，返回' },
            csrf: c.var.csrf,
          }),
        );
      }
      const r = op === 'unlock' ? await unlock(db, userId, now, actor) : await setDisabled(db, userId, op === 'disable', now, actor);
      if (!r.ok) {
        if (r.error.code === 'USER_NOT_FOUND') return notFound(c);
        return rerender([{ field: fieldOf(r.error, userId), message: r.error.message }], statusOf(r.error));
      }
      return c.redirect(`${page}?done=${op}&user=${userId}#${accountFields(userId).row}`, 303);
    };

  /** A password reset: the two entries must match; the answer is a page of its own (a generated password is shown once). */
  const resetAction =
    (scope: (c: C) => { agencyId: number | null; back: { href: string; label: string }; rerender: (errors: FieldError[], status: 403 | 409 | 422) => Promise<Response> }) =>
    async (c: C): Promise<Response> => {
      const form = await formOf(c);
      const userId = idParam(form['userId']);
      if (userId === null) return badRequest(c);
      const { agencyId, back, rerender } = scope(c);
      const password = form['newPassword'] ?? '';
      const actor = await actorOf(c, agencyId);
      const { db, now } = c.var.deps;
      if (password !== (form['newPassword2'] ?? '')) {
        // who it is comes first: another agency's user is "not found" whatever was typed
        const known = actor.platformAdmin || (agencyId !== null && (await listMemberAccounts(db, agencyId, now())).some((a) => a.userId === userId));
        if (!known) return notFound(c);
        return rerender([{ field: accountFields(userId).password2, message: '两次输入的新密码不一致，请重新输入。' }], 422);
      }
      const r = await resetPassword(db, { userId, password, revokeTokens: form['revokeTokens'] === '1' }, now(), actor);
      if (!r.ok) {
        if (r.error.code === 'USER_NOT_FOUND') return notFound(c);
        return rerender([{ field: fieldOf(r.error, userId), message: r.error.message }], statusOf(r.error));
      }
      c.header('Cache-Control', 'no-store');
      return c.html(resetDonePage(frameOf(c, agencyId !== null ? 'users' : 'platform'), { ...r.value, back }));
    };

  // --- 平台管理
  routes.get('/platform', staff, platformOnly, (c) => showPlatform(c, {}, []));

  routes.get('/platform/audit', staff, platformOnly, async (c) => {
    const before = idParam(c.req.query('before'));
    if (before === null && c.req.query('before') !== undefined) return badQuery(c, 'before 应为审计记录的编号（正整数）');
    const limit = 100;
    const entries = await auditList(c.var.deps.db, null, { limit, ...(before !== null ? { before } : {}) });
    const last = entries[entries.length - 1];
    return c.html(auditPage(frameOf(c, 'platform'), { entries, next: entries.length === limit && last ? last.id : null, platform: true }));
  });

  routes.post('/platform/agencies', staff, platformOnly, csrf, async (c) => {
    const form = await formOf(c);
    const v = (k: string, max: number) => (form[k] ?? '').slice(0, max);
    const values = {
      code: v('code', 64),
      name: v('name', 100),
      level: v('level', 20),
      parentCode: v('parentCode', 64),
      documentPrefix: v('documentPrefix', 40),
      adminUsername: v('adminUsername', 64),
      adminDisplayName: v('adminDisplayName', 50),
    };
    const password = form['adminPassword'] ?? '';
    const control = controlCharacterProblem({
      [PLATFORM_FIELDS.code]: { label: '机关代码', value: values.code },
      [PLATFORM_FIELDS.name]: { label: '机关名称', value: values.name },
      [PLATFORM_FIELDS.level]: { label: '级别', value: values.level },
      [PLATFORM_FIELDS.parentCode]: { label: '上级机关代码', value: values.parentCode },
      [PLATFORM_FIELDS.documentPrefix]: { label: '文号前缀', value: values.documentPrefix },
      [PLATFORM_FIELDS.adminUsername]: { label: '管理员用户名', value: values.adminUsername },
      [PLATFORM_FIELDS.adminDisplayName]: { label: '管理员姓名', value: values.adminDisplayName },
    });
    if (control) return showPlatform(c, values, [control], 400);
    // the 机关代字 is asked, never guessed: an empty one comes back with the suggestion to confirm or edit
    const prefix = confirmDocumentPrefix(values.name, values.documentPrefix);
    if (!prefix.ok) return showPlatform(c, { ...values, documentPrefix: prefix.suggestion }, [{ field: PLATFORM_FIELDS.documentPrefix, message: prefix.message }], 422);
    const withAdmin = values.adminUsername.trim() !== '' || values.adminDisplayName.trim() !== '' || password !== '';
    const r = await createAgencyWithAdmin(
      c.var.deps.db,
      {
        agency: { code: values.code, name: values.name, level: values.level, documentPrefix: prefix.value, ...(values.parentCode.trim() !== '' ? { parentCode: values.parentCode } : {}) },
        admin: withAdmin ? { username: values.adminUsername, displayName: values.adminDisplayName, password } : null,
      },
      c.var.deps.now(),
      await actorOf(c, null),
    );
    if (!r.ok) return showPlatform(c, values, [{ field: AGENCY_FIELD[r.error.field ?? ''] ?? PLATFORM_FIELDS.code, message: r.error.message }], statusOf(r.error));
    const { agency, admin, generatedPassword } = r.value;
    if (generatedPassword !== null) {
      c.header('Cache-Control', 'no-store');
      return c.html(agencyCreatedPage(frameOf(c, 'platform'), { agency, admin, generatedPassword }));
    }
    return c.redirect(`${PLATFORM_PATH}?done=agency&code=${encodeURIComponent(agency.code)}`, 303);
  });

  const platformScope = (c: C) => ({
    agencyId: null,
    page: PLATFORM_PATH,
    back: { href: `${PLATFORM_PATH}#users-title`, label: '返回平台管理' },
    rerender: (errors: FieldError[], status: 403 | 409 | 422) => showPlatform(c, {}, errors, status),
  });
  for (const op of OPS) routes.post(`/platform/users/${op}`, staff, platformOnly, csrf, accountAction(op, platformScope));
  routes.post('/platform/users/reset-password', staff, platformOnly, csrf, resetAction(platformScope));

  // --- the agency's users (管理员)
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
