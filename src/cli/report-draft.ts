// `gongkai report draft --agency <code> --year <y> [--out report.docx|.html|.md|.json]`: the annual report
// with its tables computed from the records and sections 一、五、六 drafted from the records and the facts
// entered on the staff page 年报素材 (with the clerk's edits), rendered by the report's renderers. Without
// --out, Markdown on standard output. What the draft could not state (gaps) and figures in the prose
// that contradict the tables (P1) are listed on standard error.

import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DocumentTarget } from '../domain/report/render/targets.ts';
import type { Io } from './report.ts';
import { databaseRunner, USAGE } from './run.ts';

/** The output's format by the file's extension. */
const TARGETS: Record<string, DocumentTarget | 'json'> = { '.docx': 'docx', '.html': 'html', '.htm': 'html', '.md': 'md', '.json': 'json' };

export function reportDraftCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  return new Command('draft')
    .description('生成年度报告草稿：表格由平台记录计算，一、五、六部分由记录和“年报素材”撰写（含已修改的句子）；不给 --out 时输出 Markdown')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--year <year>', '统计年度，如 2024')
    .option('--out <file>', '输出文件：.docx、.html、.md 或 .json（交换格式，可用 report publish 发布）')
    .addHelpText('after', '\n退出码：0 已生成（草稿中需补充的内容和与表格不符的数字列在标准错误输出）；2 参数有误、机关不存在或文件无法写入。')
    .action((o: { agency: string; year: string; out?: string }) => {
      // the arguments first: a wrong one is refused without opening the database
      const target = o.out === undefined ? 'md' : TARGETS[extname(o.out).toLowerCase()];
      const refusal = !/^[0-9]{4}$/.test(o.year.trim())
        ? `年度“${o.year}”无效，请写四位数年份，例如 --year 2024。`
        : target === undefined
          ? `无法识别输出文件 ${o.out ?? ''} 的格式，请使用 .docx、.html、.md 或 .json 扩展名。`
          : null;
      if (refusal !== null || target === undefined) {
        io.err(`gongkai：${refusal ?? ''}`);
        setExit(USAGE);
        return;
      }
      return withDatabase(async ({ db }) => {
        // the services are loaded when the command runs (not for its --help)
        const [{ draftFor }, { render }] = await Promise.all([import('../services/report-draft.ts'), import('../domain/report/render/index.ts')]);
        const r = await draftFor(db, o.agency, Number(o.year.trim()));
        if (!r.ok) {
          io.err(`gongkai：${r.error.message}`);
          return USAGE;
        }
        const { report, draft, findings } = r.value;
        const output = target === 'json' ? `${JSON.stringify(report, null, 1)}\n` : await render(report, target);
        if (o.out === undefined) io.out(String(output).replace(/\n$/, ''));
        else {
          try {
            await writeFile(o.out, output);
          } catch (e) {
            io.err(`gongkai：无法写入输出文件 ${o.out}（${(e as { code?: string }).code ?? String(e)}），请检查路径和权限。`);
            return USAGE;
          }
          io.err(`已生成 ${o.out}：${r.value.agency.name}${r.value.year}年政府信息公开工作年度报告（草稿）。`);
        }
        if (draft.gaps.length > 0) {
          io.err(`草稿中有${draft.gaps.length}处需要补充（可在工作平台“年报素材”中登记后重新生成）：`);
          for (const g of draft.gaps) io.err(`  - ${g.message}`);
        }
        if (findings.length > 0) {
          io.err(`正文中有${findings.length}处数字与表格不符（警告）：`);
          for (const f of findings) io.err(`  警告 ${f.rule}　${f.message}`);
        }
        return 0;
      })();
    });
}
