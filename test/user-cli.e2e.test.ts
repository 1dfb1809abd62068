// `gongkai user …` as an operator runs it on the server, on embedded PGlite in a data folder of its own:
// the only administrator forgot their password and locked themselves out → a generated (or piped)
// password signs in again, the old one does not, their sessions end; disable/enable; platform
// administrators granted and revoked, never the last one; refusals in Chinese with exit code 2.
// `gongkai setup` (the password piped to it) and the last `user list` are real processes through
// bin/gongkai.mjs on the data folder; in between, the folder's database is open in this process and the
// commands run here (support/cli-inprocess.ts), printing the same.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCommand } from '../src/cli/user.ts';
import type { Config } from '../src/config.ts';
import { lendDatabase } from '../src/db/connect.ts';
import { addMembership, createApiToken, createUser, login, MAX_FAILED_LOGINS, session, startSession } from '../src/services/accounts.ts';
import { openDatabase } from '../src/services/database.ts';
import type { Database } from '../src/services/database.ts';
import { gongkai as spawnGongkai } from './support/cli.ts';
import { gongkaiInProcess } from './support/cli-inprocess.ts';
import { templateDataDir } from './support/db.ts';

const WORK = mkdtempSync(join(tmpdir(), 'gongkai-user-'));

const DATA = join(WORK, 'data');
const CONFIG: Config = { dataDir: DATA, databaseUrl: undefined, port: 0, secureCookies: false };
const PASSWORD = 'correct horse battery';
const NOW = () => new Date().toISOString();

/** The data folder's database, open in this process between the two real processes. */
let database: Database | undefined;
const opened = (): Database => {
  if (database === undefined) throw new Error('the data folder is not open in this process');
  return database;
};
beforeAll(() => templateDataDir(DATA));
afterAll(async () => {
  await database?.close();
  rmSync(WORK, { recursive: true, force: true });
});

/** Runs the command here with `stdin` piped in (standard input is not a terminal). */
const gongkai = (args: string[], stdin = '') => gongkaiInProcess(args, { dataDir: DATA, database: opened, stdin });

/** The database between two commands. */
const withDb = <T>(body: (db: Database['db']) => Promise<T>): Promise<T> => body(opened().db);

describe('gongkai user on embedded PGlite', () => {
  let adminSession = '';
  let token = '';

  it('sets up; lists the users with their agencies, roles and status', async () => {
    const setup = await spawnGongkai(['setup', '--agency-code', 'zw', '--agency-name', '中卫市机关事务服务中心', '--admin', 'admin', '--admin-name', '王管理', '--password-stdin'], { dataDir: DATA, stdin: `${PASSWORD}\n` });
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    database = await openDatabase(CONFIG);
    await withDb(async (db) => {
      const clerk = await createUser(db, { username: 'clerk', displayName: '李经办', password: PASSWORD }, NOW());
      if (!clerk.ok) throw new Error(clerk.error.message);
      const agency = await db.selectFrom('agencies').select('id').where('code', '=', 'zw').executeTakeFirstOrThrow();
      await addMembership(db, clerk.value.id, agency.id, 'handler', NOW());
      const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      adminSession = (await startSession(db, admin.id, NOW())).sessionToken;
      const t = await createApiToken(db, admin.id, '对接', NOW());
      if (!t.ok) throw new Error(t.error.message);
      token = t.value.token;
      // the administrator forgets the password and locks the account
      for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(db, { username: 'admin', password: 'not the password' }, NOW());
    });
    const list = await gongkai(['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/admin\s+王管理\s+zw：管理员\s+正常，登录受限至\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间，仅限未登录过的网络），平台管理员/);
    expect(list.stdout).toMatch(/clerk\s+李经办\s+zw：经办人\s+正常/);
  }, 180_000);

  it('reset-password --generate: prints a password once; it signs in, the old one does not; unlocked; sessions ended; tokens kept', async () => {
    const r = await gongkai(['user', 'reset-password', 'ADMIN', '--generate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已重置 王管理（admin）的密码并解除锁定；已结束其 1 个登录会话。');
    expect(r.stdout).toContain('其接口令牌未作改动');
    const generated = /新密码（只显示这一次）：(\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(generated).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    await withDb(async (db) => {
      expect(await session(db, adminSession, NOW())).toBeNull();
      expect((await login(db, { username: 'admin', password: PASSWORD }, NOW())).ok).toBe(false);
      expect((await login(db, { username: 'admin', password: generated }, NOW())).ok).toBe(true);
      expect(await db.selectFrom('apiTokens').select('revoked').where('tokenHash', '<>', '').execute()).toEqual([{ revoked: false }]);
      const audit = await db.selectFrom('auditLog').select(['userId', 'detail']).where('action', '=', 'user.password_reset').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ userId: null, detail: { generated: true, via: 'cli' } });
    });
    expect(token).not.toBe('');
  }, 180_000);

  it('reset-password from standard input; refusals: short, empty, unknown user, both options', async () => {
    const piped = await gongkai(['user', 'reset-password', 'admin', '--revoke-tokens'], 'a piped new secret\nignored\n');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('已撤销其 1 个接口令牌。');
    expect(piped.stdout).not.toContain('a piped new secret');
    const short = await gongkai(['user', 'reset-password', 'admin', '--password-stdin'], 'short\n');
    expect(short).toMatchObject({ code: 2, stderr: 'gongkai：密码至少10个字符\n' });
    const empty = await gongkai(['user', 'reset-password', 'admin'], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('没有从标准输入读到新密码，未做任何修改。');
    const unknown = await gongkai(['user', 'reset-password', 'nobody', '--generate']);
    expect(unknown).toMatchObject({ code: 2, stderr: 'gongkai：没有用户名为“nobody”的用户。运行 gongkai user list 查看所有用户。\n' });
    expect((await gongkai(['user', 'reset-password', 'admin', '--generate', '--password-stdin'])).code).toBe(2);
    await withDb(async (db) => {
      expect((await login(db, { username: 'admin', password: 'a piped new secret' }, NOW())).ok).toBe(true);
    });
  }, 180_000);

  it('typed on a terminal: asked twice (never echoed); a mismatch changes nothing', async () => {
    const run = async (args: string[], answers: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const questions: string[] = [];
      let code = -1;
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), tty: true, interactive: true, now: NOW };
      const cmd = userCommand(io, (c) => (code = c), () => ({ ok: true, config: lendDatabase(CONFIG, opened()) }), {
        readStdin: () => Promise.reject(new Error('stdin not expected')),
        promptHidden: async (q) => {
          questions.push(q);
          return answers.shift() ?? '';
        },
      });
      cmd.exitOverride();
      await cmd.parseAsync(args, { from: 'user' });
      return { code, out: out.join('\n'), err: err.join('\n'), questions };
    };
    const mismatch = await run(['reset-password', 'clerk'], ['typed new secret', 'typed another one']);
    expect(mismatch).toMatchObject({ code: 2, err: 'gongkai：两次输入的密码不一致，未做任何修改。' });
    expect(mismatch.questions).toEqual(['请输入 李经办（clerk）的新密码（至少10个字符，不能包含用户名，不能是常见或容易猜中的密码；输入时不显示）：', '请再次输入新密码：']);
    const typed = await run(['reset-password', 'clerk'], ['typed new secret', 'typed new secret']);
    expect(typed.code).toBe(0);
    expect(typed.out).not.toContain('typed new secret');
    await withDb(async (db) => {
      expect((await login(db, { username: 'clerk', password: PASSWORD }, NOW())).ok).toBe(false);
      expect((await login(db, { username: 'clerk', password: 'typed new secret' }, NOW())).ok).toBe(true);
    });
  }, 180_000);

  it('disable and enable; never the last 管理员 nor the last platform administrator', async () => {
    const last = await gongkai(['user', 'disable', 'admin']);
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('唯一在用的管理员');
    const off = await gongkai(['user', 'disable', 'clerk']);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^已停用 李经办（clerk）的账号，并结束其 \d+ 个登录会话。\n$/);
    expect((await gongkai(['user', 'disable', 'clerk'])).stdout).toContain('本来就已停用');
    expect((await gongkai(['user', 'list'])).stdout).toMatch(/clerk\s+李经办\s+zw：经办人\s+已停用/);
    await withDb(async (db) => {
      expect(await login(db, { username: 'clerk', password: 'typed new secret' }, NOW())).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
    });
    expect((await gongkai(['user', 'enable', 'clerk'])).code).toBe(0);
    expect((await gongkai(['user', 'unlock', 'clerk'])).stdout).toContain('没有被锁定');
  }, 180_000);

  it('grant-platform-admin and revoke-platform-admin, never the last one', async () => {
    const alone = await gongkai(['user', 'revoke-platform-admin', 'admin']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('该用户是唯一在用的平台管理员');
    expect((await gongkai(['user', 'grant-platform-admin', 'clerk'])).stdout).toBe('已将 李经办（clerk）设为平台管理员。\n');
    expect((await gongkai(['user', 'revoke-platform-admin', 'admin'])).stdout).toBe('已取消 王管理（admin）的平台管理员身份。\n');
    // the data folder closed here, as a real process finds it
    await opened().close();
    database = undefined;
    const list = await spawnGongkai(['user', 'list'], { dataDir: DATA });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/clerk\s+李经办\s+zw：经办人\s+正常，平台管理员/);
    expect(list.stdout).toMatch(/admin\s+王管理\s+zw：管理员\s+正常\n/);
    expect((await gongkai(['user', 'frobnicate'])).code).toBe(2);
  }, 180_000);
});
