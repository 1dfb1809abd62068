// gongkai db migrate / export / import, in process, on databases on disk (PGlite) or in a schema of the
// PostgreSQL server (the URL's `options` set its search_path). `db migrate` and the lock open the data
// folder as a command does; the exports are of that folder's database opened once and lent to them
// (lendDatabase).

import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbCommand, exportCommand, importCommand } from '../../src/cli/db.ts';
import type { Config, ConfigResult } from '../../src/config.ts';
import { connectPglite, lendDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/connect.ts';
import { engines, withDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';

type Make = (io: { out: (s: string) => void; err: (s: string) => void; tty: boolean }, setExit: (c: number) => void, config: () => ConfigResult) => Command;

async function run(make: Make, config: Config, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const cmd = make({ out: (s) => out.push(s), err: (s) => err.push(s), tty: false }, (c) => (code = c), () => ({ ok: true, config }));
  cmd.exitOverride();
  await cmd.parseAsync(args, { from: 'user' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let target: TestDatabase | undefined;
let source: Config;
let destination: Config;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-cli-db-'));
  source = { dataDir: join(dir, 'a'), databaseUrl: undefined, port: 3000, secureCookies: false };
  if (engines().includes('postgres')) {
    target = await withDatabase('postgres', { migrated: false });
    const url = new URL(process.env['DATABASE_URL']!);
    url.searchParams.set('options', `-c search_path=${target.schema}`);
    destination = { dataDir: join(dir, 'b'), databaseUrl: url.toString(), port: 3000, secureCookies: false };
  } else destination = { dataDir: join(dir, 'b'), databaseUrl: undefined, port: 3000, secureCookies: false };
});
afterAll(async () => {
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('gongkai db migrate, export, import', () => {
  it('migrate applies the migrations once, in Chinese', async () => {
    const first = await run(dbCommand, source, ['migrate']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/已在内置数据库（.*pglite）应用 \d+ 个迁移：\n {2}0001_create_applications/);
    const second = await run(dbCommand, source, ['migrate']);
    expect(second).toMatchObject({ code: 0, out: expect.stringMatching(/已是最新/) });
  });

  describe('on the source folder opened once', () => {
    let opened: Database;
    /** the source's configuration, its database the folder's, open here */
    let lent: Config;
    beforeAll(async () => {
      opened = await connectPglite({ dataDir: join(source.dataDir, 'pglite') });
      lent = lendDatabase(source, opened);
    });
    afterAll(async () => {
      await opened.close();
    });

    it('export writes the archive (never over a file unless --force); import loads it into an empty database only', async () => {
      await opened.db.insertInto('agencies').values({ code: 'X', name: '某县人民政府', level: 'government', createdAt: '2024-10-08T09:30:00Z' }).execute();

      const file = join(dir, 'gongkai.json.gz');
      const exported = await run(exportCommand, lent, [file]);
      expect(exported.code).toBe(0);
      expect(exported.out).toMatch(/已导出到 .*：机构 1 条，申请 0 条/);
      expect(await run(exportCommand, lent, [file])).toMatchObject({ code: 2, err: expect.stringMatching(/已存在.*--force/) });
      expect((await run(exportCommand, lent, [file, '--force'])).code).toBe(0);

      const imported = await run(importCommand, destination, [file]);
      expect(imported.err).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.out).toMatch(/已从 .* 导入到.*：机构 1 条/);
      const again = await run(importCommand, destination, [file]);
      expect(again).toMatchObject({ code: 2, err: expect.stringMatching(/已有数据/) });

      expect(imported.out).toMatch(/新的平台密钥.*重新登录/);

      const back = join(dir, 'back.json.gz');
      expect((await run(exportCommand, destination, [back])).code).toBe(0);
      expect((await readFile(back)).equals(await readFile(file))).toBe(true);
    });

    it('export writes the file 0600 (also over a 0644 file with --force), leaves no partial file, refuses an existing file', async () => {
      const file = join(dir, 'mode.ndjson.gz');
      await writeFile(file, 'older backup');
      await chmod(file, 0o644);
      const refused = await run(exportCommand, lent, [file]);
      expect(refused).toMatchObject({ code: 2, err: expect.stringMatching(/文件 .* 已存在。加 --force 覆盖/) });
      expect(await readFile(file, 'utf8')).toBe('older backup');
      const forced = await run(exportCommand, lent, [file, '--force']);
      expect(forced.code).toBe(0);
      expect(forced.out).toMatch(/请像数据库本身一样保管/);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);
      const missingDir = await run(exportCommand, lent, [join(dir, 'no-such-dir', 'x.gz')]);
      expect(missingDir).toMatchObject({ code: 2, err: expect.stringMatching(/所在目录不存在/) });
    });
  });

  it('import refuses a file over --max-gb, and a --max-gb that is not a positive number', async () => {
    const file = join(dir, 'mode.ndjson.gz');
    const tooBig = await run(importCommand, destination, [file, '--max-gb', '0.0000001']);
    expect(tooBig).toMatchObject({ code: 2, err: expect.stringMatching(/大于 .* GB，拒绝导入.*--max-gb/) });
    const nonsense = await run(importCommand, destination, [file, '--max-gb', 'many']).catch((e: unknown) => ({ code: (e as { exitCode?: number }).exitCode ?? -1, out: '', err: String(e) }));
    expect(nonsense.code).not.toBe(0);
    expect(nonsense.err).toMatch(/应为正数/);
  });

  it('an embedded database in use by another process is refused; a stale lock is taken over', async () => {
    const lock = join(source.dataDir, 'pglite.lock');
    await writeFile(lock, `${process.ppid}\n`); // a live process
    expect(await run(dbCommand, source, ['migrate'])).toMatchObject({ code: 2, err: expect.stringMatching(/正被另一个 gongkai 进程（进程号 \d+）使用/) });
    await writeFile(lock, '2147483646\n'); // no such process
    expect((await run(dbCommand, source, ['migrate'])).code).toBe(0);
    await expect(readFile(lock)).rejects.toThrow(); // released on close
  });

  it('a missing or corrupt file: exit 2 and a Chinese message', async () => {
    expect(await run(importCommand, destination, [join(dir, 'none.gz')])).toMatchObject({ code: 2, err: expect.stringMatching(/无法读取文件/) });
    const corrupt = join(dir, 'corrupt.gz');
    await writeFile(corrupt, 'not an archive');
    expect(await run(importCommand, destination, [corrupt])).toMatchObject({ code: 2, err: expect.stringMatching(/不是 gongkai 归档/) });
  });
});
