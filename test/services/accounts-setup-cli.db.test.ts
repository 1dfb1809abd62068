// `gongkai setup` in process, on a copy of the migrated template of each engine lent to the command: the
// password from standard input or typed twice; once only; messages in Chinese.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupCommand } from '../../src/cli/setup.ts';
import type { PasswordInput } from '../../src/cli/terminal.ts';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import { login } from '../../src/services/accounts.ts';
import { engines, useDatabase } from '../support/db.ts';

const PASSWORD = 'correct horse battery';
const ARGS = ['--agency-code', 'zwjgsw', '--agency-name', '某市机关事务服务中心', '--level', 'government', '--admin', 'admin', '--admin-name', '王管理'];

describe.each(engines())('gongkai setup on %s', (engine) => {
  const t = useDatabase(engine);
  let dir: string;
  let config: Config;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-setup-'));
    config = lendDatabase({ dataDir: dir, databaseUrl: undefined, port: 0, secureCookies: false }, t.database);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[], input: Partial<PasswordInput>, interactive = false) {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), tty: false, interactive, now: () => '2024-10-08T09:00:00+08:00' };
    const cmd = setupCommand(io, (c) => (code = c), () => ({ ok: true, config }), {
      readStdin: input.readStdin ?? (() => Promise.reject(new Error('stdin not expected'))),
      promptHidden: input.promptHidden ?? (() => Promise.reject(new Error('prompt not expected'))),
    });
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('refuses typed passwords that differ, and an empty standard input, without writing', async () => {
    const answers = [PASSWORD, 'something else'];
    const r = await run(ARGS, { promptHidden: async () => answers.shift() ?? '' }, true);
    expect(r).toMatchObject({ code: 2, err: 'gongkai：两次输入的密码不一致，未做任何设置。' });
    const empty = await run([...ARGS, '--password-stdin'], { readStdin: async () => '\n' });
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/没有从标准输入读到密码/);
    expect(await t.db.selectFrom('agencies').select('code').execute()).toEqual([]);
    expect(await t.db.selectFrom('users').select('username').execute()).toEqual([]);
  });

  it('sets up from the password on standard input; a second run is refused', async () => {
    const r = await run([...ARGS, '--password-stdin'], { readStdin: async () => `${PASSWORD}\r\nignored\n` });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已完成初始设置：机关 某市机关事务服务中心（zwjgsw，人民政府），管理员 王管理（用户名 admin，平台管理员）。');
    const again = await run(ARGS, { readStdin: async () => PASSWORD });
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/平台已完成初始设置/);
    const l = await login(t.db, { username: 'admin', password: PASSWORD }, '2024-10-08T09:00:00+08:00');
    expect(l.ok && l.value.user.platformAdmin).toBe(true);
  });
});
