// The password rule (issue #10, hole 3: "ten characters of a are accepted"): at least 10 characters, not
// containing the username, zxcvbn-ts score 3 or more, refused in Chinese with zxcvbn's feedback
// translated — wherever a password is set: a new user, setup, an administrator's reset, a change of
// one's own password.

import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/services/accounts/password-rule.ts';
import { changePassword, COMMAND_LINE, createUser, resetPassword } from '../../src/services/accounts.ts';
import { setupPlatform } from '../../src/services/setup.ts';
import { engines, useDatabase } from '../support/db.ts';

const T0 = '2024-10-08T01:00:00Z';
const GOOD = 'Quiet-Harbour-Lantern-42';
const CHINESE = /[\u4e00-\u9fff]/;

describe('passwordProblem', () => {
  it('refuses the trivial and the common, in Chinese, saying why', () => {
    for (const weak of ['aaaaaaaaaa', '1234567890', 'qwertyuiop', 'password123', 'iloveyou2024', 'abcabcabcabc']) {
      const problem = passwordProblem(weak, 'zhangsan');
      expect(problem, weak).not.toBeNull();
      expect(problem).toMatch(/^密码太容易被猜中。/);
      expect(problem).not.toMatch(/Add another word|This is a|Avoid|Use a few words/); // zxcvbn's English feedback is translated
    }
    expect(passwordProblem('aaaaaaaaaa', 'zhangsan')).toContain('重复的字符');
    expect(passwordProblem('password123', 'zhangsan')).toContain('常用的密码');
  });

  it('refuses short passwords and those that contain the username', () => {
    expect(passwordProblem('Qh7-x', 'zhangsan')).toBe('密码至少10个字符');
    expect(passwordProblem('x'.repeat(257), 'zhangsan')).toBe('密码最长256个字符');
    expect(passwordProblem('Zhangsan-Lantern-42', 'zhangsan')).toBe('密码不能包含用户名');
  });

  it('accepts long, unusual passwords and generated ones', () => {
    expect(passwordProblem(GOOD, 'zhangsan')).toBeNull();
    expect(passwordProblem('correct horse battery', 'zhangsan')).toBeNull();
    expect(passwordProblem('k7Hm-xq3R-Pw9d-EFGH', 'zhangsan')).toBeNull();
  });
});

describe.each(engines())('the password rule wherever a password is set, on %s', (engine) => {
  const t = useDatabase(engine);

  it('a new user, setup, a reset and a change of password refuse aaaaaaaaaa in Chinese', async () => {
    const created = await createUser(t.db, { username: 'weakling', displayName: '弱', password: 'aaaaaaaaaa' }, T0);
    expect(created).toMatchObject({ ok: false, error: { field: 'password' } });
    if (!created.ok) expect(created.error.message).toMatch(CHINESE);
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'weakling').executeTakeFirst()).toBeUndefined();

    const setup = await setupPlatform(
      t.db,
      { agency: { code: 'pwrule', name: '密码规则局', level: 'department', documentPrefix: '密规公开' }, admin: { username: 'pwadmin', displayName: '管理', password: 'aaaaaaaaaa' } },
      T0,
    );
    expect(setup).toMatchObject({ ok: false, error: { field: 'admin.password' } });

    const u = await createUser(t.db, { username: 'strong', displayName: '强', password: GOOD }, T0);
    if (!u.ok) throw new Error(u.error.message);
    const reset = await resetPassword(t.db, { userId: u.value.id, password: 'aaaaaaaaaa' }, T0, COMMAND_LINE);
    expect(reset).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
    const containsName = await resetPassword(t.db, { userId: u.value.id, password: 'Strong-Lantern-Harbour-7' }, T0, COMMAND_LINE);
    expect(containsName).toMatchObject({ ok: false, error: { message: '密码不能包含用户名' } });
    const changed = await changePassword(t.db, { userId: u.value.id, currentPassword: GOOD, newPassword: 'aaaaaaaaaa' }, T0);
    expect(changed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'newPassword' } });
    if (!changed.ok) expect(changed.error.message).toMatch(/^密码太容易被猜中。/);
    expect((await changePassword(t.db, { userId: u.value.id, currentPassword: GOOD, newPassword: 'Velvet-Orchard-Compass-19' }, T0)).ok).toBe(true);
  });
});
