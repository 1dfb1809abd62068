// `gongkai report parse|check|render|publish|withdraw`: parse the arguments, call one service, print.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import type { ConfigResult } from '../config.ts';
import { RENDER_TARGETS } from '../domain/report/render/targets.ts';
import type { RenderTarget } from '../domain/report/render/targets.ts';
import type { Finding } from '../domain/report/types.ts';
import type { BrowserSettings } from '../services/pdf/index.ts';
import type { FileReading } from '../services/report-files.ts';
import { FINDING_REFUSALS, REPORT_ALREADY_PUBLISHED, REPORT_CHANGE_NOTE_MISSING, REPORT_CROSS_YEAR_UNEXPLAINED, REPORT_WARNINGS_NOT_ACKNOWLEDGED } from '../services/report-publish-codes.ts';
import type { PublishRefusal } from '../services/report-publish.ts';
import { reportCheckCommand } from './report-check.ts';
import { EXIT, SEVERITY } from './report-shared.ts';
import type { Io } from './report-shared.ts';
import { databaseRunner } from './run.ts';

// The services are imported by the actions that call them: `gongkai report --help` loads none of them.

export { EXIT } from './report-shared.ts';
export type { Io } from './report-shared.ts';

/** How a refusal of `report publish` is met on the command line (the service's message says what is wrong). */
const PUBLISH_HINTS: Record<string, string> = {
  [REPORT_ALREADY_PUBLISHED]: '更正请加 --replace。',
  [REPORT_WARNINGS_NOT_ACKNOWLEDGED]: '核实后加 --acknowledge-warnings 重新发布。',
  [REPORT_CROSS_YEAR_UNEXPLAINED]: '说明用 --explanation <文字> 或 --explanation-file <文件> 给出。',
  [REPORT_CHANGE_NOTE_MISSING]: '更正说明用 --change-note <文字> 给出。',
};

/** A refusal of `report publish`: its message and hint, then every finding behind it. */
function publishRefusalLines(error: PublishRefusal): string[] {
  const lines = [`gongkai：${error.message}${PUBLISH_HINTS[error.code] ?? ''}`];
  const list = (label: string, findings: readonly Finding[] | undefined) => {
    if (findings?.length) lines.push(`${label}（${findings.length}）：`, ...findings.map((f) => `  ${SEVERITY[f.severity]} ${f.rule}　${f.message}`));
  };
  list('错误', error.errors);
  list('与相邻年度已发布报告不衔接，须附说明', error.crossYear);
  list('须确认的警告', error.warnings);
  return lines;
}

/** `gongkai report …`. config: the database of publish and withdraw; now: the io's clock when it has one, else the system's. */
export function reportCommand(io: Io & { now?: () => string }, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const report = new Command('report').description('年度报告：解析、检查勾稽关系、生成文档、在公开专栏发布');
  const now = io.now ?? (() => new Date().toISOString());

  report
    .command('parse')
    .description('解析已发布的年度报告（文本、HTML、DOCX、PDF 或交换格式 JSON），输出其表格数据')
    .argument('<file...>', '报告文件')
    .option('--json', '输出交换格式 JSON（一个文件输出一个对象，多个文件输出数组）')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const { readReportFile } = await import('../services/report-files.ts');
      const { renderMarkdown } = await import('../domain/report/render/markdown.ts');
      const readings: FileReading[] = [];
      for (const file of files) readings.push(await readReportFile(file));
      if (opts.json) {
        const objects = readings.map((r) => (r.ok ? r.report : null));
        for (const r of readings) if (!r.ok) io.err(`${r.file}：${r.error}`);
        const ok = objects.filter((o) => o !== null);
        if (ok.length > 0) io.out(JSON.stringify(files.length === 1 ? ok[0] : ok, null, 1));
      } else {
        for (const r of readings) io.out(describeReading(r, renderMarkdown));
      }
      setExit(readings.some((r) => !r.ok) ? EXIT.unreadable : EXIT.ok);
    });

  report.addCommand(reportCheckCommand(io, setExit));

  report
    .command('render')
    .description('把报告（已发布的文本、HTML、DOCX、PDF 或交换格式 JSON）生成为 HTML、DOCX、XLSX、Markdown 或 PDF')
    .argument('<file>', '报告文件')
    .addOption(new Option('--to <format>', '输出格式').choices([...RENDER_TARGETS]).makeOptionMandatory())
    .requiredOption('--out <path>', '输出文件路径')
    .option('--date <date>', 'PDF 落款的发布日期（YYYY-MM-DD，例如 2025-01-20）；不给则只署机关名称')
    .addHelpText('after', '\n--to pdf 需要服务器上的 Chromium 浏览器和中文字体（Debian 软件包 chromium、fonts-noto-cjk），浏览器位置可用环境变量 CHROMIUM_PATH 指定。')
    .action(async (file: string, opts: { to: RenderTarget; out: string; date?: string }) => {
      if (opts.date !== undefined && (opts.to !== 'pdf' || !isIsoDate(opts.date))) {
        io.err(opts.to !== 'pdf' ? 'gongkai：--date 只用于 --to pdf。' : `gongkai：日期“${opts.date}”无效，请写成 YYYY-MM-DD，例如 --date 2025-01-20。`);
        setExit(EXIT.unreadable);
        return;
      }
      let browser: BrowserSettings = {};
      if (opts.to === 'pdf') {
        const loaded = config();
        if (!loaded.ok) {
          io.err(`gongkai：${loaded.errors.join('；')}`);
          setExit(EXIT.unreadable);
          return;
        }
        browser = { chromiumPath: loaded.config.chromiumPath, searchPath: loaded.config.searchPath };
      }
      const { renderReportFile } = await import('../services/report-files.ts');
      const r = await renderReportFile(file, opts.to, opts.out, { browser, issuedOn: opts.date });
      if (r.ok) {
        io.err(`已生成 ${opts.out}（${r.bytes} 字节）`);
        setExit(EXIT.ok);
      } else {
        io.err(`${file}：${r.error}`);
        setExit(EXIT.unreadable);
      }
    });

  // --- publishing in the agency's public column (条例第四十九条、第五十条)

  const withDatabase = databaseRunner(io, setExit, config);
  const yearOf = (text: string | undefined): number | null | undefined => {
    if (text === undefined) return undefined;
    return /^[0-9]{4}$/.test(text.trim()) ? Number(text.trim()) : null;
  };

  report
    .command('publish')
    .description(
      '在机关的政府信息公开专栏发布年度报告（文本、HTML、DOCX、PDF 或交换格式 JSON）：先做 report check 的全部检查、一五六部分是否有内容、与已发布的相邻年度报告是否衔接；有错误级问题则不发布',
    )
    .argument('<file>', '报告文件')
    .requiredOption('--agency <code>', '机关代码')
    .option('--year <year>', '统计年度（默认取报告中的年度）')
    .option('--replace', '更正：替换该年度已发布的报告（保留首次发布时间；须有 --change-note）')
    .option('--change-note <text>', '更正说明：更正了什么、为什么更正（随报告公布，与更正日期一并显示）')
    .option('--acknowledge-warnings', '已逐项核实报告的警告，确认发布（有警告时必须）')
    .option('--explanation <text>', '与已发布的相邻年度报告不衔接（上年结转≠上年结转下年度）时的书面说明，随报告公布')
    .option('--explanation-file <file>', '同 --explanation，说明取自文本文件（UTF-8）')
    .addHelpText('after', '\n退出码：0 已发布；1 报告有错误、有未确认的警告或不衔接而无说明，未发布；2 文件无法读取或其他原因未发布。')
    .action((file: string, o: { agency: string; year?: string; replace?: boolean; changeNote?: string; acknowledgeWarnings?: boolean; explanation?: string; explanationFile?: string }) =>
      withDatabase(async ({ db }) => {
        const year = yearOf(o.year);
        if (year === null) {
          io.err(`gongkai：年度“${o.year ?? ''}”无效，请写四位数年份，例如 --year 2024。`);
          return EXIT.unreadable;
        }
        let explanation = o.explanation;
        if (o.explanationFile !== undefined) {
          if (explanation !== undefined) {
            io.err('gongkai：--explanation 与 --explanation-file 只能用一个。');
            return EXIT.unreadable;
          }
          try {
            explanation = await readFile(o.explanationFile, 'utf8');
          } catch {
            io.err(`gongkai：无法读取说明文件 ${o.explanationFile}，请检查路径。`);
            return EXIT.unreadable;
          }
        }
        const { MAX_FILE_BYTES, reportFromFile } = await import('../services/report-files.ts');
        let bytes: Uint8Array;
        try {
          bytes = await readFile(file);
        } catch {
          io.err(`gongkai：无法读取文件 ${file}，请检查路径。`);
          return EXIT.unreadable;
        }
        if (bytes.length > MAX_FILE_BYTES) {
          io.err(`gongkai：文件 ${file} 过大，超过${MAX_FILE_BYTES / 1048576} MB的上限。`);
          return EXIT.unreadable;
        }
        const read = await reportFromFile(bytes, basename(file));
        if (!read.ok) {
          io.err(`gongkai：${read.error.message}`);
          return EXIT.unreadable;
        }
        const model = read.value.report;
        const target = year ?? model.year;
        if (target === null) {
          io.err('gongkai：没有从报告中找到统计年度，请用 --year 指明，例如 --year 2024。');
          return EXIT.unreadable;
        }
        const input = {
          year: target,
          report: model,
          replace: o.replace === true,
          ...(o.changeNote !== undefined ? { changeNote: o.changeNote } : {}),
          acknowledgeWarnings: o.acknowledgeWarnings === true,
          ...(explanation !== undefined ? { explanation } : {}),
          source: basename(file),
        };
        const { publishReport } = await import('../services/report-publish.ts');
        const r = await publishReport(db, o.agency, input, { userId: null, now: now() });
        if (!r.ok) {
          for (const line of publishRefusalLines(r.error)) io.err(line);
          return FINDING_REFUSALS.includes(r.error.code) ? EXIT.findings : EXIT.unreadable;
        }
        const p = r.value;
        const path = `/${encodeURIComponent(p.agency.code)}/reports/${p.year}`;
        io.out(`${p.replaced ? `已更正（第${p.version}版）` : '已发布'}：${p.title}（首次发布于${beijing(p.publishedAt)}）。公开网址：${path}`);
        for (const note of p.notes) io.out(`注意：${note}`);
        if (p.warnings.length > 0) {
          io.out(`有${p.warnings.length}个已确认的警告：`);
          for (const f of p.warnings) io.out(`  ${SEVERITY[f.severity]} ${f.rule}　${f.message}`);
        }
        if (p.crossYear) {
          io.out(`与已发布的相邻年度报告不衔接${p.crossYear.findings.length}处，已附说明发布（公开页面一并显示）：`);
          for (const f of p.crossYear.findings) io.out(`  ${f.rule}　${f.message}`);
          io.out(`  说明：${p.crossYear.explanation}`);
        }
        return EXIT.ok;
      })(),
    );

  report
    .command('withdraw')
    .description('撤回机关已发布的某一年度的年度报告（从公开专栏撤下）')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--year <year>', '统计年度')
    .action((o: { agency: string; year: string }) =>
      withDatabase(async ({ db }) => {
        const year = yearOf(o.year);
        if (year === null || year === undefined) {
          io.err(`gongkai：年度“${o.year}”无效，请写四位数年份，例如 --year 2024。`);
          return EXIT.unreadable;
        }
        const { withdrawReport } = await import('../services/report-publish.ts');
        const r = await withdrawReport(db, o.agency, year, { userId: null, now: now() });
        if (!r.ok) {
          io.err(`gongkai：${r.error.message}`);
          return EXIT.unreadable;
        }
        io.out(`已撤回：${r.value.agency.name}${year}年度的年度报告（原发布于${beijing(r.value.publishedAt)}），公开专栏不再显示。`);
        return EXIT.ok;
      })(),
    );

  return report;
}

/** A calendar date written YYYY-MM-DD that exists. */
function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** 2024-10-08 14:35（北京时间） */
function beijing(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

function describeReading(r: FileReading, renderMarkdown: (report: (FileReading & { ok: true })['report']) => string): string {
  if (!r.ok) return `${r.file}：无法读取——${r.error}`;
  const head = `# ${r.file}\n格式：${r.report.format}　年度：${r.report.year ?? '未知'}　机关：${r.report.agency ?? '未知'}`;
  const notes = r.diagnostics.map((d) => `- ${SEVERITY[d.severity]}：${d.message}`).join('\n');
  return [head, notes, renderMarkdown(r.report)].filter((s) => s !== '').join('\n\n');
}
