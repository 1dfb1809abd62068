// `gongkai applications archive --agency <code> --year <y> --out <file.zip> [--force]`: the year's archived
// cases (归档, 条例第四十五条) as one ZIP — a PDF per case and manifest.csv (services/casefile/archive.ts).
// The year is the year of the archive step. The closed cases of the year not archived are named as left
// out, with where to archive them (the application page's 归档 step).

import type { Command } from 'commander';
import type { DomainError } from '../domain/applications/types.ts';
import type { databaseRunner } from './run.ts';

export function addArchiveCommand(
  applications: Command,
  tools: { withDatabase: ReturnType<typeof databaseRunner>; refused: (e: DomainError) => number; out: (text: string) => void; err: (text: string) => void },
): void {
  applications
    .command('archive')
    .description('把某年归档的申请案卷导出为 ZIP：每件一份 PDF（封面、申请登记、办理过程、文书及送达、费用、身份证明和申请材料）和 manifest.csv；按归档日期所在年度')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--year <y>', '归档年度，如 2024（按“归档”步骤的日期）')
    .requiredOption('--out <file.zip>', '输出的 ZIP 文件路径，如 案卷-2024.zip')
    .option('--force', '覆盖已存在的文件')
    .action((opts: { agency: string; year: string; out: string; force?: boolean }) =>
      tools.withDatabase(async ({ db }, config) => {
        if (!/^\d{4}$/.test(opts.year.trim()) || Number(opts.year) < 2008 || Number(opts.year) > 2100) {
          return tools.refused({ code: 'USAGE', message: `年度应为四位数字的年份，如 2024，而不是“${opts.year}”。` });
        }
        if (!/\.zip$/i.test(opts.out.trim())) return tools.refused({ code: 'USAGE', message: `输出文件应以 .zip 结尾，如 案卷-${opts.year}.zip，而不是“${opts.out}”。` });
        const [{ findAgency }, { writeCaseArchive }] = await Promise.all([import('../services/agencies.ts'), import('../services/casefile/archive.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return tools.refused(a.error);
        const year = Number(opts.year);
        let shown = 0;
        const r = await writeCaseArchive(db, {
          agencyId: a.value.id,
          year,
          out: opts.out,
          force: opts.force === true,
          browser: { chromiumPath: config.chromiumPath, searchPath: config.searchPath },
          onCase: (done, total) => {
            // a line every 100 cases on stderr, so a long run shows it is alive
            if (done === total || done - shown >= 100) {
              shown = done;
              tools.err(`已生成 ${done}/${total} 件案卷……`);
            }
          },
        });
        if (!r.ok) return tools.refused(r.error);
        const v = r.value;
        tools.out(`已导出${a.value.name}${year}年归档的${v.cases}件申请案卷到 ${opts.out}（共${v.pages}页，${(v.bytes / 1024 / 1024).toFixed(1)} MB；清单 manifest.csv）。`);
        if (v.cases === 0) tools.out(`${year}年没有归档的申请。`);
        if (v.leftOut.count > 0) {
          const more = v.leftOut.count > v.leftOut.numbers.length ? `等${v.leftOut.count}件` : `共${v.leftOut.count}件`;
          tools.out(`未包括：${year}年已办结但尚未归档的申请 ${v.leftOut.numbers.join('、')}${more}。请在平台的申请页面进行“归档”步骤后重新导出。`);
        }
        tools.out('案卷含申请人的个人信息和身份证明：请按档案管理规定保管（限制访问、加密存储）。');
        return 0;
      })(),
    );
}
