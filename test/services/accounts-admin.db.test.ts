// Account administration on both engines: a reset password signs in (the old one does not) and ends the
// sessions; unlock; disable ends the sessions and stops the API tokens until enabled; who may act on whom
// (an agency's 管理员: its own single-agency members only; a platform administrator: anyone; nobody on
// themselves); the last active 管理员 and the last active platform administrator stay; a new agency with
// its first 管理员; the audit trail.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMembership,
  apiUser,
  COMMAND_LINE,
  createAgencyWithAdmin,
  createMember,
  createApiToken,
  createUser,
  findAccount,
  generatePassword,
  listMemberAccounts,
  listUsers,
  login,
  MAX_FAILED_LOGINS,
  removeMembership,
  resetPassword,
  session,
  setDisabled,
  setPlatformAdmin,
  startSession,
  unlock,
} from '../../src/services/accounts.ts';
import type { AccountActor, Role } from '../../src/services/accounts.ts';
import { createAgency, findAgency } from '../../src/services/agencies.ts';
import { engines, useDatabase } from '../support/db.ts';

const T0 = '2024-10-08T09:00:00+08:00';
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new secret';

describe.each(engines())('account administration on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  /** Agencies A and B and: two 管理员 of A, a 经办人 of A, someone in A and B, a platform administrator. */
  async function fixture() {
    n += 1;
    const a = await createAgency(t.db, { code: `ja${n}`, name: `甲市${n}局`, level: 'department' }, T0);
    const b = await createAgency(t.db, { code: `yi${n}`, name: `乙市${n}局`, level: 'department' }, T0);
    if (!a.ok || !b.ok) throw new Error('agencies');
    const user = async (name: string, roles: [number, Role][], platformAdmin = false) => {
      const u = await createUser(t.db, { username: `${name}${n}`, displayName: `${name}显示名`, password: PASSWORD, platformAdmin }, T0);
      if (!u.ok) throw new Error(u.error.message);
      for (const [agencyId, role] of roles) expect((await addMembership(t.db, u.value.id, agencyId, role, T0)).ok).toBe(true);
      return { id: u.value.id, username: u.value.username };
    };
    const A = a.value.id;
    const B = b.value.id;
    const admin = await user('admin', [[A, 'admin']]);
    const admin2 = await user('admintwo', [[A, 'admin']]);
    const handler = await user('handler', [[A, 'handler']]);
    const multi = await user('multi', [
      [A, 'handler'],
      [B, 'handler'],
    ]);
    const platform = await user('platform', [[B, 'admin']], true);
    const outsider = await user('outsider', [[B, 'handler']]);
    const asAdmin: AccountActor = { userId: admin.id, platformAdmin: false, agencyId: A, ip: '10.0.0.1' };
    const asPlatform: AccountActor = { userId: platform.id, platformAdmin: true, agencyId: null, ip: '10.0.0.2' };
    return { A, B, admin, admin2, handler, multi, platform, outsider, asAdmin, asPlatform };
  }

  const signsIn = async (username: string, password: string) => (await login(t.db, { username, password }, T0)).ok;

  beforeAll(async () => {
    // the platform's own administrator, so "last platform administrator" is about the fixtures' only when meant
    await createUser(t.db, { username: 'root', displayName: '平台根', password: PASSWORD, platformAdmin: true }, T0);
  });

  describe('resetPassword', () => {
    it('sets the new password (the old one no longer signs in), unlocks, ends every session, keeps the tokens', async () => {
      const f = await fixture();
      const s1 = await startSession(t.db, f.handler.id, T0);
      const s2 = await startSession(t.db, f.handler.id, T0);
      const token = await createApiToken(t.db, f.handler.id, '对接', T0);
      if (!token.ok) throw new Error(token.error.message);
      await t.db.updateTable('users').set({ failedLogins: 4, lockedUntil: '2024-10-08T02:00:00Z' }).where('id', '=', f.handler.id).execute();

      const r = await resetPassword(t.db, { userId: f.handler.id, password: NEW_PASSWORD }, T0, f.asAdmin);
      expect(r).toEqual({ ok: true, value: { username: f.handler.username, displayName: 'handler显示名', generatedPassword: null, sessionsEnded: 2, tokensRevoked: 0 } });
      expect(await session(t.db, s1.sessionToken, T0)).toBeNull();
      expect(await session(t.db, s2.sessionToken, T0)).toBeNull();
      expect(await apiUser(t.db, token.value.token, T0)).not.toBeNull();
      const row = await t.db.selectFrom('users').select(['failedLogins', 'lockedUntil']).where('id', '=', f.handler.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ failedLogins: 0, lockedUntil: null });
      expect(await signsIn(f.handler.username, PASSWORD)).toBe(false);
      expect(await signsIn(f.handler.username, NEW_PASSWORD)).toBe(true);

      const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.password_reset').where('target', '=', `user:${f.handler.username}`).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ userId: f.admin.id, agencyId: f.A, ip: '10.0.0.1', detail: { userId: f.handler.id, generated: false, sessionsEnded: 2, tokensRevoked: 0 } });
      expect(JSON.stringify(audit[0])).not.toContain(NEW_PASSWORD);
    });

    it('generates a password when none is given (returned once, never stored) and revokes the tokens when asked', async () => {
      const f = await fixture();
      const token = await createApiToken(t.db, f.handler.id, '对接', T0);
      if (!token.ok) throw new Error(token.error.message);
      const r = await resetPassword(t.db, { userId: f.handler.id, password: '', revokeTokens: true }, T0, f.asAdmin);
      if (!r.ok) throw new Error(r.error.message);
      const generated = r.value.generatedPassword ?? '';
      expect(generated).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
      expect(r.value.tokensRevoked).toBe(1);
      expect(await apiUser(t.db, token.value.token, T0)).toBeNull();
      expect(await signsIn(f.handler.username, generated)).toBe(true);
      const stored = await t.db.selectFrom('users').select('passwordHash').where('id', '=', f.handler.id).executeTakeFirstOrThrow();
      expect(stored.passwordHash).not.toContain(generated);
      expect(new Set(Array.from({ length: 20 }, generatePassword)).size).toBe(20);
    });

    it('checks the new password as createUser does', async () => {
      const f = await fixture();
      expect(await resetPassword(t.db, { userId: f.handler.id, password: 'short' }, T0, f.asAdmin)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'password', message: '密码至少10个字符' },
      });
      const long = await createUser(t.db, { username: `long.username${n}`, displayName: '长名', password: PASSWORD }, T0);
      if (!long.ok) throw new Error(long.error.message);
      await addMembership(t.db, long.value.id, f.A, 'handler', T0);
      expect(await resetPassword(t.db, { userId: long.value.id, password: ` LONG.USERNAME${n}` }, T0, f.asAdmin)).toMatchObject({
        ok: false,
        error: { field: 'password', message: '密码不能包含用户名' },
      });
      expect(await signsIn(f.handler.username, PASSWORD)).toBe(true);
    });

    it('refuses: another agency’s user (not found), a user of two agencies or a platform administrator (ask the platform administrator), oneself', async () => {
      const f = await fixture();
      const outsider = await resetPassword(t.db, { userId: f.outsider.id, password: NEW_PASSWORD }, T0, f.asAdmin);
      expect(outsider).toMatchObject({ ok: false, error: { code: 'USER_NOT_FOUND' } });
      const multi = await resetPassword(t.db, { userId: f.multi.id, password: NEW_PASSWORD }, T0, f.asAdmin);
      expect(multi).toMatchObject({ ok: false, error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
      if (!multi.ok) expect(multi.error.message).toBe(`multi显示名（${f.multi.username}）同时在其他机关（乙市${n}局）任职，本机关的管理员不能重置其密码。请联系平台管理员办理。`);
      await addMembership(t.db, f.platform.id, f.A, 'supervisor', T0);
      const platform = await resetPassword(t.db, { userId: f.platform.id, password: NEW_PASSWORD }, T0, f.asAdmin);
      expect(platform).toMatchObject({ ok: false, error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
      if (!platform.ok) expect(platform.error.message).toContain('是平台管理员，本机关的管理员不能重置其密码。请联系平台管理员办理。');
      const self = await resetPassword(t.db, { userId: f.admin.id, password: NEW_PASSWORD }, T0, f.asAdmin);
      expect(self).toMatchObject({ ok: false, error: { code: 'SELF', field: 'password' } });
      expect(await resetPassword(t.db, { userId: 999_999, password: NEW_PASSWORD }, T0, f.asPlatform)).toMatchObject({ ok: false, error: { code: 'USER_NOT_FOUND' } });
      // nothing changed
      for (const u of [f.outsider, f.multi, f.platform, f.admin]) expect(await signsIn(u.username, PASSWORD)).toBe(true);
      // the platform administrator may, and so may the command line
      expect((await resetPassword(t.db, { userId: f.multi.id, password: NEW_PASSWORD }, T0, f.asPlatform)).ok).toBe(true);
      expect((await resetPassword(t.db, { userId: f.platform.id, password: NEW_PASSWORD }, T0, COMMAND_LINE)).ok).toBe(true);
      expect(await signsIn(f.multi.username, NEW_PASSWORD)).toBe(true);
      const cli = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.password_reset').where('target', '=', `user:${f.platform.username}`).executeTakeFirstOrThrow();
      expect(cli).toMatchObject({ userId: null, agencyId: null, detail: { via: 'cli' } });
    });
  });

  describe('unlock', () => {
    it('lifts the lock of wrong passwords; an agency’s 管理员 may unlock a member of two agencies', async () => {
      const f = await fixture();
      for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(t.db, { username: f.multi.username, password: 'wrong password' }, T0);
      expect(await login(t.db, { username: f.multi.username, password: PASSWORD }, T0)).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED' } });
      const listed = (await listMemberAccounts(t.db, f.A, T0)).find((m) => m.userId === f.multi.id);
      expect(listed?.lockedUntil).not.toBeNull();
      // an hour later the lock is over: not shown as locked
      expect((await findAccount(t.db, f.multi.username, '2024-10-08T02:00:00Z'))?.lockedUntil).toBeNull();

      expect(await unlock(t.db, f.outsider.id, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'USER_NOT_FOUND' } });
      expect(await unlock(t.db, f.multi.id, T0, f.asAdmin)).toEqual({ ok: true, value: { username: f.multi.username, displayName: 'multi显示名', wasLocked: true } });
      expect(await signsIn(f.multi.username, PASSWORD)).toBe(true);
      expect((await unlock(t.db, f.multi.id, T0, f.asAdmin)).ok && true).toBe(true);
      const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.unlock').where('target', '=', `user:${f.multi.username}`).orderBy('id').execute();
      expect(audit.map((e) => e.detail['wasLocked'])).toEqual([true, false]);
    });
  });

  describe('setDisabled', () => {
    it('disabling ends the sessions at once and stops the API tokens; enabling lets both back in', async () => {
      const f = await fixture();
      const s = await startSession(t.db, f.handler.id, T0);
      const token = await createApiToken(t.db, f.handler.id, '对接', T0);
      if (!token.ok) throw new Error(token.error.message);
      expect(await setDisabled(t.db, f.handler.id, true, T0, f.asAdmin)).toEqual({
        ok: true,
        value: { username: f.handler.username, displayName: 'handler显示名', changed: true, sessionsEnded: 1 },
      });
      expect(await session(t.db, s.sessionToken, T0)).toBeNull();
      expect(await apiUser(t.db, token.value.token, T0)).toBeNull();
      expect(await login(t.db, { username: f.handler.username, password: PASSWORD }, T0)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
      expect((await listMemberAccounts(t.db, f.A, T0)).find((m) => m.userId === f.handler.id)?.disabled).toBe(true);
      expect((await setDisabled(t.db, f.handler.id, true, T0, f.asAdmin)).ok && true).toBe(true); // again: nothing to do
      expect(await setDisabled(t.db, f.handler.id, false, T0, f.asAdmin)).toMatchObject({ ok: true, value: { changed: true } });
      expect(await apiUser(t.db, token.value.token, T0)).toMatchObject({ id: f.handler.id });
      expect(await signsIn(f.handler.username, PASSWORD)).toBe(true);
      const actions = await t.db.selectFrom('auditLog').select('action').where('target', '=', `user:${f.handler.username}`).where('action', 'like', 'user.%able').orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    });

    it('refuses: oneself, another agency’s user, a member of two agencies, a platform administrator (for an agency’s 管理员)', async () => {
      const f = await fixture();
      expect(await setDisabled(t.db, f.admin.id, true, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'SELF', message: '不能停用自己的账号。' } });
      expect(await setDisabled(t.db, f.outsider.id, true, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'USER_NOT_FOUND' } });
      const multi = await setDisabled(t.db, f.multi.id, true, T0, f.asAdmin);
      expect(multi).toMatchObject({ ok: false, error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
      if (!multi.ok) expect(multi.error.message).toContain('本机关的管理员不能停用其账号。请联系平台管理员办理。');
      await addMembership(t.db, f.platform.id, f.A, 'handler', T0);
      expect(await setDisabled(t.db, f.platform.id, true, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
      expect(await setDisabled(t.db, f.platform.id, true, T0, f.asPlatform)).toMatchObject({ ok: false, error: { code: 'SELF' } });
      expect((await setDisabled(t.db, f.multi.id, true, T0, f.asPlatform)).ok).toBe(true);
      // an agency's 管理员 may not enable them again either
      expect(await setDisabled(t.db, f.multi.id, false, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'PLATFORM_ADMIN_REQUIRED' } });
      expect(await setDisabled(t.db, f.multi.id, false, T0, { ...f.asAdmin, agencyId: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('the last active 管理员 of an agency and the last active platform administrator are not disabled', async () => {
      const f = await fixture();
      // A has two: one may go, then the other is the last
      expect((await setDisabled(t.db, f.admin2.id, true, T0, f.asAdmin)).ok).toBe(true);
      const last = await setDisabled(t.db, f.admin.id, true, T0, f.asPlatform);
      expect(last).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
      if (!last.ok) expect(last.error.message).toBe(`不能停用admin显示名（${f.admin.username}）：该用户是“甲市${n}局”唯一在用的管理员。请先为该机关的另一位用户增加“管理员”角色。`);
      expect((await setDisabled(t.db, f.admin2.id, false, T0, f.asPlatform)).ok).toBe(true);
      expect((await setDisabled(t.db, f.admin.id, true, T0, f.asPlatform)).ok).toBe(true);

      // platform administrators: root and this fixture's one; the only active one stays
      const others = await t.db.selectFrom('users').select('id').where('platformAdmin', '=', true).where('id', '<>', f.platform.id).execute();
      await t.db.updateTable('users').set({ disabled: true }).where('id', 'in', others.map((o) => o.id)).execute();
      await addMembership(t.db, f.outsider.id, f.B, 'admin', T0); // B keeps a 管理员
      const lastPlatform = await setDisabled(t.db, f.platform.id, true, T0, COMMAND_LINE);
      expect(lastPlatform).toMatchObject({ ok: false, error: { code: 'LAST_PLATFORM_ADMIN' } });
      if (!lastPlatform.ok) expect(lastPlatform.error.message).toContain('唯一在用的平台管理员');
      await t.db.updateTable('users').set({ disabled: false }).where('id', 'in', others.map((o) => o.id)).execute();
      expect((await setDisabled(t.db, f.platform.id, true, T0, COMMAND_LINE)).ok).toBe(true);
    });
  });

  describe('removeMembership', () => {
    it('keeps the last active 管理员 of an agency (a disabled one does not count)', async () => {
      const f = await fixture();
      expect(await removeMembership(t.db, f.admin2.id, f.A, 'admin', T0)).toEqual({ ok: true, value: { removed: true } });
      const last = await removeMembership(t.db, f.admin.id, f.A, 'admin', T0);
      expect(last).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN', field: 'role' } });
      if (!last.ok) expect(last.error.message).toBe(`不能取消admin显示名（${f.admin.username}）的管理员角色：该用户是“甲市${n}局”唯一在用的管理员。请先为另一位用户增加“管理员”角色。`);
      // another admin, but disabled: still the last active one
      await addMembership(t.db, f.handler.id, f.A, 'admin', T0);
      await t.db.updateTable('users').set({ disabled: true }).where('id', '=', f.handler.id).execute();
      expect(await removeMembership(t.db, f.admin.id, f.A, 'admin', T0)).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
      // the disabled one's role may go; other roles always may
      expect(await removeMembership(t.db, f.handler.id, f.A, 'admin', T0)).toEqual({ ok: true, value: { removed: true } });
      expect(await removeMembership(t.db, f.multi.id, f.A, 'handler', T0)).toEqual({ ok: true, value: { removed: true } });
      expect(await removeMembership(t.db, f.multi.id, f.A, 'admin', T0)).toEqual({ ok: true, value: { removed: false } });
    });
  });

  describe('setPlatformAdmin', () => {
    it('grants and revokes; the last active platform administrator stays; only a platform administrator may', async () => {
      const f = await fixture();
      expect(await setPlatformAdmin(t.db, f.handler.id, true, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await setPlatformAdmin(t.db, f.handler.id, true, T0, COMMAND_LINE)).toMatchObject({ ok: true, value: { changed: true } });
      expect(await setPlatformAdmin(t.db, f.handler.id, true, T0, COMMAND_LINE)).toMatchObject({ ok: true, value: { changed: false } });
      expect((await findAccount(t.db, f.handler.username.toUpperCase(), T0))?.platformAdmin).toBe(true);
      expect(await setPlatformAdmin(t.db, f.platform.id, false, T0, f.asPlatform)).toMatchObject({ ok: false, error: { code: 'SELF' } });
      expect(await setPlatformAdmin(t.db, f.handler.id, false, T0, f.asPlatform)).toMatchObject({ ok: true, value: { changed: true } });

      const all = await t.db.selectFrom('users').select('id').where('platformAdmin', '=', true).execute();
      for (const u of all) if (u.id !== f.platform.id) expect((await setPlatformAdmin(t.db, u.id, false, T0, COMMAND_LINE)).ok).toBe(true);
      const last = await setPlatformAdmin(t.db, f.platform.id, false, T0, COMMAND_LINE);
      expect(last).toMatchObject({ ok: false, error: { code: 'LAST_PLATFORM_ADMIN' } });
      if (!last.ok) expect(last.error.message).toContain('gongkai user grant-platform-admin');
      const audit = await t.db.selectFrom('auditLog').select(['action', 'detail']).where('target', '=', `user:${f.handler.username}`).where('action', 'like', 'user.platform_admin.%').orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'user.platform_admin.grant', detail: { userId: f.handler.id, via: 'cli' } },
        { action: 'user.platform_admin.revoke', detail: { userId: f.handler.id } },
      ]);
      // restore for the other tests
      for (const u of all) await setPlatformAdmin(t.db, u.id, true, T0, COMMAND_LINE);
    });
  });

  describe('listUsers and createAgencyWithAdmin', () => {
    it('lists every user with agencies, roles and status', async () => {
      const f = await fixture();
      const users = await listUsers(t.db, T0);
      const multi = users.find((u) => u.userId === f.multi.id);
      expect(multi).toMatchObject({ username: f.multi.username, disabled: false, lockedUntil: null, platformAdmin: false });
      expect(multi?.memberships.map((m) => [m.agencyCode, m.role])).toEqual([
        [`ja${n}`, 'handler'],
        [`yi${n}`, 'handler'],
      ]);
      expect(users.map((u) => u.username)).toEqual([...users.map((u) => u.username)].sort());
      expect((await listMemberAccounts(t.db, f.A, T0)).map((u) => u.username).sort()).toEqual([f.admin, f.admin2, f.handler, f.multi].map((u) => u.username).sort());
    });

    it('creates an agency with its first 管理员 (generated password), or refuses before creating anything', async () => {
      const f = await fixture();
      const made = await createAgencyWithAdmin(t.db, { agency: { code: `new${n}`, name: '新设市局', level: 'department', parentCode: `ja${n}` }, admin: { username: `boss${n}`, displayName: '新管理员', password: '' } }, T0, f.asPlatform);
      if (!made.ok) throw new Error(made.error.message);
      expect(made.value.agency).toMatchObject({ code: `new${n}`, parentCode: `ja${n}` });
      expect(await signsIn(`boss${n}`, made.value.generatedPassword ?? '')).toBe(true);
      expect((await listMemberAccounts(t.db, made.value.agency.id, T0)).map((m) => [m.username, m.memberships.map((x) => x.role)])).toEqual([[`boss${n}`, ['admin']]]);
      const audit = await t.db.selectFrom('auditLog').select(['action', 'userId', 'agencyId']).where('agencyId', '=', made.value.agency.id).orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'agency.create', userId: f.platform.id, agencyId: made.value.agency.id },
        { action: 'user.create', userId: f.platform.id, agencyId: made.value.agency.id },
        { action: 'membership.add', userId: f.platform.id, agencyId: made.value.agency.id },
      ]);

      const without = await createAgencyWithAdmin(t.db, { agency: { code: `bare${n}`, name: '无管理员局', level: 'other' } }, T0, f.asPlatform);
      expect(without).toMatchObject({ ok: true, value: { admin: null, generatedPassword: null } });

      // refusals: nothing is created
      const taken = await createAgencyWithAdmin(t.db, { agency: { code: `late${n}`, name: '迟来局', level: 'department' }, admin: { username: f.handler.username, displayName: '某人', password: PASSWORD } }, T0, f.asPlatform);
      expect(taken).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN', field: 'admin.username' } });
      const short = await createAgencyWithAdmin(t.db, { agency: { code: `late${n}`, name: '迟来局', level: 'department' }, admin: { username: `late${n}`, displayName: '某人', password: 'short' } }, T0, f.asPlatform);
      expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'admin.password' } });
      const noName = await createAgencyWithAdmin(t.db, { agency: { code: `late${n}`, name: '迟来局', level: 'department' }, admin: { username: `late${n}`, displayName: ' ', password: PASSWORD } }, T0, f.asPlatform);
      expect(noName).toMatchObject({ ok: false, error: { field: 'admin.displayName' } });
      expect((await findAgency(t.db, `late${n}`)).ok).toBe(false);
      // the agency's code taken: the administrator is not created either (one transaction)
      const codeTaken = await createAgencyWithAdmin(t.db, { agency: { code: `new${n}`, name: '重名局', level: 'department' }, admin: { username: `second${n}`, displayName: '某人', password: PASSWORD } }, T0, f.asPlatform);
      expect(codeTaken).toMatchObject({ ok: false, error: { code: 'AGENCY_CODE_TAKEN' } });
      expect(await findAccount(t.db, `second${n}`, T0)).toBeNull();
      // a new member of an agency: the account and its role together, or neither
      const member = await createMember(t.db, made.value.agency.id, { username: `member${n}`, displayName: '新成员', password: PASSWORD }, 'handler', T0);
      expect(member.ok).toBe(true);
      const dup = await createMember(t.db, made.value.agency.id, { username: `member${n}`, displayName: '重名', password: PASSWORD }, 'handler', T0);
      expect(dup).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
      const badRole = await createMember(t.db, made.value.agency.id, { username: `role${n}`, displayName: '某人', password: PASSWORD }, 'chief' as never, T0);
      expect(badRole).toMatchObject({ ok: false, error: { field: 'role' } });
      expect(await findAccount(t.db, `role${n}`, T0)).toBeNull();
      const reserved = await createAgencyWithAdmin(t.db, { agency: { code: 'platform', name: '平台局', level: 'department' } }, T0, f.asPlatform);
      expect(reserved).toMatchObject({ ok: false, error: { field: 'code' } });
      expect(await createAgencyWithAdmin(t.db, { agency: { code: `x${n}`, name: '某某局', level: 'department' } }, T0, f.asAdmin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });
});
