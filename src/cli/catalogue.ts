// `gongkai catalogue import <file> --agency <code>` and `gongkai catalogue export --agency <code> [--out
// file]`: an old site's catalogue in (CSV UTF-8/GBK or XLSX, all or nothing, each bad row reported as
// the ledger import does) and the agency's published items out in the same columns. Exit codes: 0 done,
// 1 the file has errors (nothing imported), 2 a usage or configuration problem.

import { stat, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DomainError } from '../domain/applications/types.ts';
import type { CalendarIo } from './calendar.ts';
import { databaseRunner, USAGE } from './run.ts';

// The services are imported by the actions that call them: `gongkai catalogue --help` loads none of them.

/** Adds `import` and `export` to a `catalogue` command (made here, or given by another module). */
export function addCatalogueFileCommands(catalogue: Command, io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: DomainError): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };
  catalogue
    .command('import')
    .description('从旧网站的目录（CSV：UTF-8 或 GBK；或 XLSX）导入政府信息，导入后为“已发布、主动公开”：逐行校验，全部通过才导入')
    .argument('<file>', '.csv 或 .xlsx 文件')
    .requiredOption('--agency <code>', '机关代码')
    .option('--add-categories', '把文件中未定义的信息类别（如旧网站的“工作动态”）添加为本机关自定类别')
    .action((file: string, opts: { agency: string; addCategories?: boolean }) =>
      withDatabase(async ({ db }) => {
        const [{ CATALOGUE_FILE_LIMITS }, { findAgency }, { importCatalogue }] = await Promise.all([
          import('../domain/catalogue/import-file.ts'),
          import('../services/agencies.ts'),
          import('../services/catalogue/import.ts'),
        ]);
        let bytes: Uint8Array;
        try {
          const size = (await stat(file)).size;
          if (size > CATALOGUE_FILE_LIMITS.maxBytes) return refused({ code: 'FILE_TOO_LARGE', message: `文件 ${file} 超过 ${CATALOGUE_FILE_LIMITS.maxBytes / 1024 / 1024} MB 的上限，请分成几个文件分别导入。` });
          bytes = await readFile(file);
        } catch {
          return refused({ code: 'FILE_UNREADABLE', message: `无法读取文件 ${file}，请检查路径。` });
        }
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const bar = io.tty ? new (await import('cli-progress')).SingleBar({ format: '导入中 [{bar}] {value}/{total}', hideCursor: true, stream: process.stderr }) : null;
        const now = io.now();
        const r = await importCatalogue(db, a.value.id, bytes, basename(file), { userId: null, name: 'import', now, today: now.slice(0, 10) }, (done, total) => {
          if (done === 0) bar?.start(total, 0);
          else bar?.update(done);
        }, { addCategories: opts.addCategories === true });
        bar?.stop();
        if (!r.ok) {
          io.err(`未导入任何信息：文件有${r.errors.length}处问题，请改正后重新导入。`);
          for (const e of r.errors) io.err(e.line === 0 ? `  ${e.message}` : `  第${e.line}行「${e.column || '—'}」：${e.message}`);
          return 1;
        }
        io.out(`已导入${r.value.imported}条政府信息到${a.value.name}（已发布、主动公开）。`);
        if (r.value.addedCategories.length > 0) io.out(`已添加本机关自定信息类别：${r.value.addedCategories.map((c) => `${c.name}（${c.code}）`).join('、')}。`);
        return 0;
      })(),
    );
  catalogue
    .command('export')
    .description('导出本机关已发布的政府信息（与导入相同的列）')
    .requiredOption('--agency <code>', '机关代码')
    .option('--out <path>', '输出文件（.csv 或 .xlsx）；不给出则把 CSV 写到标准输出')
    .action((opts: { agency: string; out?: string }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { exportCatalogue }] = await Promise.all([import('../services/agencies.ts'), import('../services/catalogue/import.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const format = opts.out !== undefined && /\.xlsx$/i.test(opts.out) ? 'xlsx' : 'csv';
        const r = await exportCatalogue(db, a.value.id, format);
        if (opts.out === undefined) {
          io.out(new TextDecoder().decode(r.bytes).replace(/^\uFEFF/, '').replace(/\r?\n$/, ''));
          return 0;
        }
        try {
          await writeFile(opts.out, r.bytes);
        } catch {
          return refused({ code: 'FILE_UNWRITABLE', message: `无法写入 ${opts.out}。` });
        }
        io.out(`已导出${r.rows}条政府信息到 ${opts.out}。`);
        return 0;
      })(),
    );
  return catalogue;
}

export function catalogueCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  return addCatalogueFileCommands(new Command('catalogue').description('主动公开：政府信息目录的导入、导出、检索与定时发布'), io, setExit, config);
}
