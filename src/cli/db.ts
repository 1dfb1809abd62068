// `gongkai db migrate`, `gongkai export <archive>`, `gongkai import <archive>`: the database as a whole.

import { Command, InvalidArgumentError } from 'commander';
import type { Config, ConfigResult } from '../config.ts';
import { DEFAULT_MAX_GB } from '../services/archive/defaults.ts';
import type { Io } from './report-shared.ts';

import { runner, USAGE } from './run.ts';

const where = (c: Config): string => (c.databaseUrl !== undefined ? 'PostgreSQL（DATABASE_URL）' : `内置数据库（${c.dataDir}/pglite）`);

export function dbCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = runner(io, setExit, config);
  const db = new Command('db').description('数据库：结构迁移');
  db.command('migrate')
    .description('把数据库结构更新到本程序的版本（应用尚未应用的迁移；启动时也会自动进行）')
    .action(() =>
      run(async (c) => {
        // the service is loaded when the command runs (not for its --help)
        const { migrateDatabase } = await import('../services/archive.ts');
        const r = await migrateDatabase(c, { today: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) }); // Beijing
        if (!r.ok) {
          io.err(`gongkai：${r.error}`);
          return USAGE;
        }
        if (r.value.applied.length === 0) io.out(`${where(c)}的结构已是最新，无需迁移。`);
        else {
          io.out(`已在${where(c)}应用 ${r.value.applied.length} 个迁移：`);
          for (const name of r.value.applied) io.out(`  ${name}`);
        }
        if (r.value.dueDates) io.out(`已计算${r.value.dueDates}件办理中申请的期限。`);
        if (r.value.indexed > 0) io.out(`已为 ${r.value.indexed} 件原有申请建立搜索索引。`);
        return 0;
      })(),
    );
  return db;
}

export function exportCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = runner(io, setExit, config);
  return new Command('export')
    .description('把整个数据库导出为一个归档文件（gzip 压缩的 NDJSON，权限 0600），用于备份或迁移到另一种数据库；不含平台密钥和登录会话')
    .argument('<archive>', '归档文件路径，例如 gongkai-2024.ndjson.gz')
    .option('--force', '覆盖已存在的文件')
    .action((file: string, opts: { force?: boolean }) =>
      run(async (c) => {
        const { describeCounts, exportDatabase } = await import('../services/archive.ts');
        const r = await exportDatabase(c, file, { force: opts.force === true });
        if (!r.ok) {
          io.err(`gongkai：${r.error}`);
          return USAGE;
        }
        io.out(`已导出到 ${file}：${describeCounts(r.value.counts)}。`);
        io.out('归档含个人信息、身份证明和密码散列：请像数据库本身一样保管（加密存储、限制访问、定期清理）。');
        return 0;
      })(),
    );
}

const maxGb = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('应为正数（单位 GB），例如 --max-gb 100');
  return n;
};

export function importCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = runner(io, setExit, config);
  return new Command('import')
    .description('把归档文件导入一个空的数据库（保留编号；目标数据库已有数据时拒绝导入）；导入后生成新的平台密钥，所有人须重新登录')
    .argument('<archive>', '由 gongkai export 生成的归档文件')
    .option('--max-gb <n>', `归档（文件及解压后内容）的大小上限，单位 GB（默认 ${DEFAULT_MAX_GB}）`, maxGb)
    .action((file: string, opts: { maxGb?: number }) =>
      run(async (c) => {
        const { describeCounts, importDatabase } = await import('../services/archive.ts');
        const r = await importDatabase(c, file, opts.maxGb === undefined ? {} : { maxGb: opts.maxGb });
        if (!r.ok) {
          io.err(`gongkai：${r.error}`);
          return USAGE;
        }
        io.out(`已从 ${file} 导入到${where(c)}：${describeCounts(r.value.counts)}。`);
        io.out('已生成新的平台密钥：工作人员须重新登录，公众须重新查询办理状态。');
        return 0;
      })(),
    );
}
