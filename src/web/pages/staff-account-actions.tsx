// An administrator's actions on one account, shared by the agency's users page (staff-users.tsx: the
// agency's 管理员) and 平台管理 (staff-platform.tsx): 解除锁定 (when locked), 停用/启用, 重置密码, posted to
// …/users/unlock|disable|enable|reset-password.
//
// Who may do what is decided by the services (accounts.ts, "Account administration"): an agency's
// 管理员 acts on its own members only (anyone else: 404) and not on users who also work in another agency
// or are platform administrators (refused, with the advice to ask the platform administrator). Every
// form posts with its CSRF token; unlock, disable and enable redirect (303) to the page with a done
// message (disable asks for a confirmation first); a password reset answers with a page of its own
// (Cache-Control: no-store), which shows a generated password this once.

import { listMemberAccounts, listUsers, resetPassword, setDisabled, unlock } from '../../services/accounts.ts';
import type { AccountActor, AccountView, SessionUser } from '../../services/accounts.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { clientIp } from '../rate-limit.ts';
import { accountFields, resetDonePage } from '../views/staff/account-actions.tsx';
import type { AccountRow } from '../views/staff/account-actions.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { badRequest, formOf, frameOf, idParam, notFound } from './staff-common.tsx';
import { confirmed, confirmPage } from '../views/staff/confirm.tsx';
import type { C } from './staff-common.tsx';

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
export const statusOf = (error: DomainError): 403 | 409 | 422 => STATUS[error.code] ?? 422;

export type AccountOp = 'unlock' | 'disable' | 'enable';
export const OPS: readonly AccountOp[] = ['unlock', 'disable', 'enable'];

/** The done message of an account action, naming the user. */
export function doneMessage(key: string | undefined, who: string | null): string | undefined {
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

export const named = (a: { displayName: string; username: string }): string => `${a.displayName}（${a.username}）`;

export async function actorOf(c: C, agencyId: number | null): Promise<AccountActor> {
  const user = c.var.user as SessionUser;
  return { userId: user.id, platformAdmin: user.platformAdmin, agencyId, ip: await clientIp(c) };
}

/** Where a refusal's message goes: the password fields of the user's reset form, or the user's row. */
function fieldOf(error: DomainError, userId: number): string {
  const f = accountFields(userId);
  return error.field === 'password' ? f.password : f.row;
}

/** What a row of the users tables shows of an account. */
export const accountRow = (a: AccountView): AccountRow => ({
  userId: a.userId,
  username: a.username,
  displayName: a.displayName,
  disabled: a.disabled,
  lockedUntil: a.lockedUntil,
  platformAdmin: a.platformAdmin,
});

/** An action on the account in the form's userId, then back to `page` with a done message; a refusal re-renders the page. */
export const accountAction =
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
export const resetAction =
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
