// Accounts on both engines: argon2id hashes, login and its back-off, sessions that expire, logout,
// API tokens stored hashed, password change, the audit trail; and the first-start setup in one
// transaction.

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMembership,
  apiUser,
  changePassword,
  createApiToken,
  createUser,
  listMembers,
  login,
  logout,
  revokeApiToken,
  session,
  sessionUser,
} from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { list } from '../../src/services/audit.ts';
import { needsSetup, setupPlatform } from '../../src/services/setup.ts';
import { engines, useDatabase } from '../support/db.ts';

const T0 = '2024-10-08T09:00:00+08:00';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const PASSWORD = 'correct horse battery';

describe.each(engines())('accounts on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyA: number;
  let agencyB: number;
  let userId: number;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'jia', name: '甲市教育局', level: 'department' }, T0);
    const b = await createAgency(t.db, { code: 'yi', name: '乙市卫健委', level: 'department' }, T0);
    if (!a.ok || !b.ok) throw new Error('agencies');
    agencyA = a.value.id;
    agencyB = b.value.id;
    const u = await createUser(t.db, { username: 'Zhang.San', displayName: '张三', password: PASSWORD }, T0);
    if (!u.ok) throw new Error(u.error.message);
    userId = u.value.id;
    expect((await addMembership(t.db, userId, agencyA, 'handler', T0)).ok).toBe(true);
  });

  describe('createUser', () => {
    it('stores an argon2id hash, never the password; the username in lower case', async () => {
      const row = await t.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      expect(row.username).toBe('zhang.san');
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      expect(row.passwordHash).not.toContain(PASSWORD);
      expect(row.platformAdmin).toBe(false);
      const audit = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.create').where('target', '=', 'user:zhang.san').execute();
      expect(audit).toHaveLength(1);
    });

    it('refuses short passwords, bad names and taken names in Chinese', async () => {
      const short = await createUser(t.db, { username: 'li', displayName: '李', password: '123456789' }, T0);
      expect(short).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
      if (!short.ok) expect(short.error.message).toBe('密码至少10个字符');
      const bad = await createUser(t.db, { username: '张 三', displayName: '张三', password: PASSWORD }, T0);
      expect(bad).toMatchObject({ ok: false, error: { field: 'username' } });
      const same = await createUser(t.db, { username: 'ZHANG.SAN', displayName: '张三', password: PASSWORD }, T0);
      expect(same).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
      const echo = await createUser(t.db, { username: 'wangwu1234', displayName: '王五', password: 'WANGWU1234' }, T0);
      expect(echo).toMatchObject({ ok: false, error: { field: 'password', message: '密码不能包含用户名' } });
    });

    it('memberships: idempotent, listed, validated', async () => {
      expect(await addMembership(t.db, userId, agencyA, 'handler', T0)).toEqual({ ok: true, value: { added: false } });
      expect(await addMembership(t.db, userId, agencyA, 'boss' as never, T0)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await addMembership(t.db, 999_999, agencyA, 'handler', T0)).toMatchObject({ ok: false, error: { code: 'USER_NOT_FOUND' } });
      expect(await listMembers(t.db, agencyA)).toEqual([{ userId, username: 'zhang.san', displayName: '张三', disabled: false, roles: ['handler'] }]);
      expect(await listMembers(t.db, agencyB)).toEqual([]);
    });
  });

  describe('login', () => {
    it('opens a session: a random token stored as its sha256, a CSRF token, the user with their roles', async () => {
      const r = await login(t.db, { username: ' zhang.SAN ', password: PASSWORD, ip: '10.0.0.1' }, T0);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(r.value.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(r.value.expiresAt).toBe(at(12 * 60));
      expect(r.value.user).toEqual({
        id: userId,
        username: 'zhang.san',
        displayName: '张三',
        platformAdmin: false,
        memberships: [{ agencyId: agencyA, agencyCode: 'jia', agencyName: '甲市教育局', role: 'handler' }],
      });
      const stored = await t.db.selectFrom('sessions').selectAll().where('userId', '=', userId).execute();
      expect(stored.map((s) => s.id)).toContain(sha256(r.value.sessionToken));
      expect(stored.map((s) => s.id)).not.toContain(r.value.sessionToken);
      const s = await session(t.db, r.value.sessionToken, at(1));
      expect(s?.csrfToken).toBe(r.value.csrfToken);
      const entry = (await list(t.db, null, { limit: 5 })).find((e) => e.action === 'login');
      expect(entry).toMatchObject({ userId, username: 'zhang.san', ip: '10.0.0.1', target: 'user:zhang.san' });
    });

    it('a wrong password and an unknown user get the same message', async () => {
      const wrong = await login(t.db, { username: 'zhang.san', password: 'not the password', ip: null }, T0);
      const unknown = await login(t.db, { username: 'nobody', password: 'not the password', ip: null }, T0);
      expect(wrong).toEqual({ ok: false, error: { code: 'LOGIN_FAILED', message: '用户名或密码不正确。', field: 'username' } });
      expect(unknown).toEqual(wrong);
      const failed = await t.db.selectFrom('auditLog').select(['userId', 'target', 'detail']).where('action', '=', 'login_failed').orderBy('id').execute();
      expect(failed.slice(-2)).toEqual([
        { userId, target: 'user:zhang.san', detail: { reason: 'wrong_password' } },
        { userId: null, target: 'user:nobody', detail: { reason: 'unknown_user' } },
      ]);
      // a success resets the count
      expect((await login(t.db, { username: 'zhang.san', password: PASSWORD }, T0)).ok).toBe(true);
      const row = await t.db.selectFrom('users').select('failedLogins').where('id', '=', userId).executeTakeFirstOrThrow();
      expect(row.failedLogins).toBe(0);
    });

    it('ten wrong passwords from unknown addresses start a back-off (30 s, then doubling), never a lock; a known address gets through', async () => {
      const u = await createUser(t.db, { username: 'locked', displayName: '被锁', password: PASSWORD }, T0);
      if (!u.ok) throw new Error(u.error.message);
      const home = '192.0.2.10';
      expect((await login(t.db, { username: 'locked', password: PASSWORD, ip: home }, at(0))).ok).toBe(true); // home becomes known
      for (let i = 1; i <= 9; i++)
        expect(await login(t.db, { username: 'locked', password: `wrong-${i}-password` }, at(0))).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
      const tenth = await login(t.db, { username: 'locked', password: 'wrong-password' }, at(1));
      expect(tenth).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED', retryAfter: 30 } });
      if (!tenth.ok) expect(tenth.error.message).toBe('登录失败次数过多，请在 30 秒后再试。在以前成功登录过的网络上登录不受此限制；忘记密码请联系本机关的管理员。');
      // the right password from an unknown address waits …
      expect(await login(t.db, { username: 'locked', password: PASSWORD, ip: '203.0.113.5' }, at(1))).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED' } });
      // … from the known one it gets through, and a wrong one there is not counted for the account
      expect(await login(t.db, { username: 'locked', password: 'wrong-at-home', ip: home }, at(1))).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
      expect((await login(t.db, { username: 'locked', password: PASSWORD, ip: home }, at(1))).ok).toBe(true);
      // the 11th failure (after the 30 s) doubles the wait
      expect(await login(t.db, { username: 'locked', password: 'wrong-again' }, at(2))).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED', retryAfter: 60 } });
      // once it is over, the right password from anywhere
      expect((await login(t.db, { username: 'locked', password: PASSWORD }, at(4))).ok).toBe(true);
      const actions = await t.db.selectFrom('auditLog').select('detail').where('userId', '=', u.value.id).where('action', '=', 'login_backoff').orderBy('id').execute();
      expect(actions.map((a) => a.detail['seconds'])).toEqual([30, 60]);
    });

    it('failures separated by a success do not add up', async () => {
      const u = await createUser(t.db, { username: 'careless', displayName: '粗心', password: PASSWORD }, T0);
      if (!u.ok) throw new Error(u.error.message);
      for (let i = 0; i < 9; i++) await login(t.db, { username: 'careless', password: 'wrong password!' }, T0);
      expect((await login(t.db, { username: 'careless', password: PASSWORD }, T0)).ok).toBe(true);
      for (let i = 0; i < 9; i++) await login(t.db, { username: 'careless', password: 'wrong password!' }, T0);
      expect((await login(t.db, { username: 'careless', password: PASSWORD }, T0)).ok).toBe(true);
    });

    it('a disabled account is refused (once the password is right)', async () => {
      const u = await createUser(t.db, { username: 'gone', displayName: '离职', password: PASSWORD }, T0);
      if (!u.ok) throw new Error(u.error.message);
      const s = await login(t.db, { username: 'gone', password: PASSWORD }, T0);
      await t.db.updateTable('users').set({ disabled: true }).where('id', '=', u.value.id).execute();
      expect(await login(t.db, { username: 'gone', password: 'wrong password!' }, T0)).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
      expect(await login(t.db, { username: 'gone', password: PASSWORD }, T0)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
      // and its open sessions stop working
      if (s.ok) expect(await sessionUser(t.db, s.value.sessionToken, at(1))).toBeNull();
    });
  });

  describe('sessions', () => {
    it('last 12 hours, end at logout, and an unknown token is nobody', async () => {
      const r = await login(t.db, { username: 'zhang.san', password: PASSWORD }, T0);
      if (!r.ok) throw new Error(r.error.message);
      expect((await sessionUser(t.db, r.value.sessionToken, at(12 * 60 - 1)))?.id).toBe(userId);
      expect(await sessionUser(t.db, r.value.sessionToken, at(12 * 60))).toBeNull();
      expect(await sessionUser(t.db, 'x'.repeat(43), T0)).toBeNull();
      expect(await sessionUser(t.db, '', T0)).toBeNull();

      const again = await login(t.db, { username: 'zhang.san', password: PASSWORD }, T0);
      if (!again.ok) throw new Error(again.error.message);
      await logout(t.db, again.value.sessionToken, at(1), '10.0.0.2');
      expect(await sessionUser(t.db, again.value.sessionToken, at(2))).toBeNull();
      const entry = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'logout').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ userId, ip: '10.0.0.2' });
    });

    it('a password change checks the current one and ends the other sessions', async () => {
      const u = await createUser(t.db, { username: 'changer', displayName: '改密', password: PASSWORD }, T0);
      if (!u.ok) throw new Error(u.error.message);
      const one = await login(t.db, { username: 'changer', password: PASSWORD }, T0);
      const two = await login(t.db, { username: 'changer', password: PASSWORD }, T0);
      if (!one.ok || !two.ok) throw new Error('login');
      expect(await changePassword(t.db, { userId: u.value.id, currentPassword: 'wrong password', newPassword: 'a new password' }, T0)).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSWORD' },
      });
      expect(await changePassword(t.db, { userId: u.value.id, currentPassword: PASSWORD, newPassword: 'short' }, T0)).toMatchObject({ ok: false, error: { field: 'newPassword' } });
      expect(await changePassword(t.db, { userId: u.value.id, currentPassword: PASSWORD, newPassword: 'a new password', keepSessionToken: one.value.sessionToken }, T0)).toEqual({
        ok: true,
        value: undefined,
      });
      expect(await sessionUser(t.db, one.value.sessionToken, at(1))).not.toBeNull();
      expect(await sessionUser(t.db, two.value.sessionToken, at(1))).toBeNull();
      expect((await login(t.db, { username: 'changer', password: PASSWORD }, T0)).ok).toBe(false);
      expect((await login(t.db, { username: 'changer', password: 'a new password' }, T0)).ok).toBe(true);
    });
  });

  describe('API tokens', () => {
    it('are shown once, stored as sha256, and stop working when revoked', async () => {
      const r = await createApiToken(t.db, userId, '台账同步', T0);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.token).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
      const row = await t.db.selectFrom('apiTokens').selectAll().where('id', '=', r.value.id).executeTakeFirstOrThrow();
      expect(row.tokenHash).toBe(sha256(r.value.token));
      expect(row.lastUsedAt).toBeNull();
      expect((await apiUser(t.db, r.value.token, at(5)))?.username).toBe('zhang.san');
      const used = await t.db.selectFrom('apiTokens').select('lastUsedAt').where('id', '=', r.value.id).executeTakeFirstOrThrow();
      expect(used.lastUsedAt).toBe(at(5));
      expect(await apiUser(t.db, `${r.value.token}x`, T0)).toBeNull();
      expect(await apiUser(t.db, 'Bearer nonsense', T0)).toBeNull();
      expect((await revokeApiToken(t.db, userId, r.value.id, T0)).ok).toBe(true);
      expect(await apiUser(t.db, r.value.token, T0)).toBeNull();
      expect(await createApiToken(t.db, userId, '  ', T0)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });
  });

  describe('audit list', () => {
    it('by agency or (null) of no agency, newest first, paged by id', async () => {
      const own = await list(t.db, agencyA);
      expect(own.map((e) => e.action)).toEqual(['membership.add']);
      expect(await list(t.db, agencyB)).toEqual([]);
      const page = await list(t.db, null, { limit: 3 });
      expect(page).toHaveLength(3);
      expect(page[0]!.id).toBeGreaterThan(page[1]!.id);
      const next = await list(t.db, null, { limit: 3, before: page[2]!.id });
      expect(next[0]!.id).toBeLessThan(page[2]!.id);
    });
  });
});

describe.each(engines())('first-start setup on %s', (engine) => {
  const t = useDatabase(engine);
  const input = {
    agency: { code: 'zwjgsw', name: '某市机关事务服务中心', level: '部门' },
    admin: { username: 'admin', displayName: '王管理', password: PASSWORD },
  };
  const count = async (table: 'agencies' | 'users' | 'memberships' | 'auditLog') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses bad input before writing anything', async () => {
    expect(await needsSetup(t.db)).toBe(true);
    expect(await setupPlatform(t.db, { ...input, agency: { ...input.agency, code: '机关' } }, T0)).toMatchObject({ ok: false, error: { field: 'agency.code' } });
    expect(await setupPlatform(t.db, { ...input, admin: { ...input.admin, password: 'short' } }, T0)).toMatchObject({ ok: false, error: { field: 'admin.password' } });
    expect(await count('agencies')).toBe(0);
  });

  it('a failure half-way leaves nothing behind', async () => {
    await sql`create function gk_test_fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`.execute(t.db);
    await sql`create trigger gk_test_fail before insert on memberships for each row execute function gk_test_fail()`.execute(t.db);
    try {
      await expect(setupPlatform(t.db, input, T0)).rejects.toThrow(/boom/);
    } finally {
      await sql`drop trigger gk_test_fail on memberships`.execute(t.db);
      await sql`drop function gk_test_fail()`.execute(t.db);
    }
    expect([await count('agencies'), await count('users'), await count('memberships'), await count('auditLog')]).toEqual([0, 0, 0, 0]);
    expect(await needsSetup(t.db)).toBe(true);
  });

  it('creates the agency, a platform administrator and the admin membership, once', async () => {
    const r = await setupPlatform(t.db, input, T0, '127.0.0.1');
    expect(r).toMatchObject({
      ok: true,
      value: { agency: { code: 'zwjgsw', name: '某市机关事务服务中心', level: 'department' }, user: { username: 'admin', displayName: '王管理', platformAdmin: true } },
    });
    if (!r.ok) return;
    expect(await needsSetup(t.db)).toBe(false);
    expect(await t.db.selectFrom('memberships').selectAll().execute()).toEqual([{ userId: r.value.user.id, agencyId: r.value.agency.id, role: 'admin' }]);
    const l = await login(t.db, { username: 'admin', password: PASSWORD }, T0);
    expect(l.ok && l.value.user.platformAdmin).toBe(true);
    expect((await list(t.db, r.value.agency.id)).map((e) => e.action)).toEqual(['user.create', 'setup']);
    const again = await setupPlatform(t.db, { ...input, agency: { ...input.agency, code: 'other' }, admin: { ...input.admin, username: 'other' } }, T0);
    expect(again).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
    expect(await count('agencies')).toBe(1);
  });
});

describe.each(engines())('first-start setup after command-line use on %s', (engine) => {
  const t = useDatabase(engine);

  it('adopts the agency of that code as it is', async () => {
    const existing = await createAgency(t.db, { code: 'zwjgsw', name: '已有机关', level: 'government' }, T0);
    if (!existing.ok) throw new Error(existing.error.message);
    expect(await needsSetup(t.db)).toBe(true);
    const r = await setupPlatform(t.db, { agency: { code: 'zwjgsw', name: '另一个名字', level: 'other' }, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } }, T0);
    expect(r).toMatchObject({ ok: true, value: { agency: { id: existing.value.id, code: 'zwjgsw', name: '已有机关', level: 'government' } } });
    expect(await t.db.selectFrom('agencies').select(['code', 'name']).execute()).toEqual([{ code: 'zwjgsw', name: '已有机关' }]);
    expect(await t.db.selectFrom('memberships').select(['agencyId', 'role']).execute()).toEqual([{ agencyId: existing.value.id, role: 'admin' }]);
  });
});
