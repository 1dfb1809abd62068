// `gongkai db migrate`, `gongkai export <archive>`, `gongkai import <archive>`: the database as a whole.

import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { Config, ConfigResult } from '../config.ts';
import { describeCounts, exportDatabase, importDatabase, migrateDatabase } from '../services/archive.ts';
import type { Io } from './report.ts';

import { runner, USAGE } from './run.ts';

const where = (c: Config): string => (c.databaseUrl !== undefined ? 'PostgreSQL（DATABASE_URL）' : `内置数据库（${c.dataDir}/pglite）`);

export function dbCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = runner(io, setExit, config);
  const db = new Command('db').description('数据库：结构迁移');
  db.command('migrate')
    .description('把数据库结构更新到本程序的版本（应用尚未应用的迁移；启动时也会自动进行）')
    .action(() =>
      run(async (c) => {
        const r = await migrateDatabase(c);
        if (!r.ok) {
          io.err(`gongkai：${r.error}`);
          return USAGE;
        }
        if (r.value.applied.length === 0) io.out(`${where(c)}的结构已是最新，无需迁移。`);
        else {
          io.out(`已在${where(c)}应用 ${r.value.applied.length} 个迁移：`);
          for (const name of r.value.applied) io.out(`  ${name}`);
        }
        return 0;
      })(),
    );
  return db;
}

export function exportCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = runner(io, setExit, config);
  return new Command('export')
    .description('把整个数据库导出为一个归档文件（gzip 压缩的 JSON），用于备份或迁移到另一种数据库')
    .argument('<archive>', '归档文件路径，例如 gongkai-2024.json.gz')
    .option('--force', '覆盖已存在的文件')
    .action((file: string, opts: { force?: boolean }) =>
      run(async (c) => {
        const r = await exportDatabase(c);
        if (!r.ok) {
          io.err(`gongkai：${r.error}`);
          return USAGE;
        }
        try {
          await writeFile(file, r.value.bytes, { flag: opts.force ? 'w' : 'wx' });
        } catch (e) {
          const code = (e as { code?: string }).code;
          io.err(code === 'EEXIST' ? `gongkai：文件 ${file} 已存在。加 --force 覆盖，或换一个文件名。` : `gongkai：无法写入 ${file}，请检查路径和权限。`);
          return USAGE;
        }
        io.out(`已导出到 ${file}：${describeCounts(r.value.counts)}。`);
        return 0;
      })(),
    );
}

export function importCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = runner(io, setExit, config);
  return new Command('import')
    .description('把归档文件导入一个空的数据库（保留编号；目标数据库已有数据时拒绝导入）')
    .argument('<archive>', '由 gongkai export 生成的归档文件')
    .action((file: string) =>
      run(async (c) => {
        let bytes: Uint8Array;
        try {
          bytes = await readFile(file);
        } catch {
          io.err(`gongkai：无法读取文件 ${file}，请检查路径。`);
          return USAGE;
        }
        const r = await importDatabase(c, bytes);
        if (!r.ok) {
          io.err(`gongkai：${r.error}`);
          return USAGE;
        }
        io.out(`已从 ${file} 导入到${where(c)}：${describeCounts(r.value.counts)}。`);
        return 0;
      })(),
    );
}
