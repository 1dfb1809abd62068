// `gongkai report check <file-or-dir...> [--json]`: the checks of services/report-check.ts, printed file
// by file — the text with a summary table when there is more than one file, or JSON (one object for one
// file named, else an array written out element by element, never built as one string).

import { Command } from 'commander';
import type { Finding } from '../domain/report/types.ts';
import type { FileCheck } from '../services/report-check.ts';
import { displayWidth, padTo } from './output.ts';
import { EXIT, SEVERITY, shortName } from './report-shared.ts';
import type { Io } from './report-shared.ts';

export function reportCheckCommand(io: Io, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('检查年度报告的勾稽关系（R1–R7）、空白单元格、跨年度衔接和正文数字；目录会被递归遍历')
    .argument('<file-or-dir...>', '报告文件或目录')
    .option('--json', '输出 JSON')
    .addHelpText('after', '\n退出码：0 没有错误级问题；1 有错误级问题；2 有文件无法读取。')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      // the checker and the progress bar are loaded when the command runs (not for its --help)
      const { checkReportPaths } = await import('../services/report-check.ts');
      const bar = io.tty ? new (await import('cli-progress')).SingleBar({ format: '检查中 [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr }) : null;
      let started = false;
      // the folders are walked as the files are checked: the total grows until the walk ends
      const progress = (done: number, found: number, file: string): void => {
        if (!bar || found < 2) return;
        if (!started) bar.start(found, 0, { file: '' });
        started = true;
        bar.setTotal(found);
        bar.update(done, { file: shortName(file) });
      };
      const all = await checkReportPaths(paths, { progress, keepDiagnostics: opts.json === true });
      if (started) bar?.stop();
      if (opts.json) printJson(io, all.map(checkJson), paths.length === 1 && all.length === 1);
      else {
        for (const r of all) io.out(describeCheck(r));
        if (all.length > 1) printSummary(io, all);
      }
      const unreadable = all.some((r) => !r.ok);
      const failing = all.some((r) => r.findings.some((f) => f.severity === 'error'));
      setExit(unreadable ? EXIT.unreadable : failing ? EXIT.findings : EXIT.ok);
    });
}

/** As JSON.stringify(single ? objects[0] : objects, null, 1) prints, one element at a time. */
function printJson(io: Io, objects: readonly object[], single: boolean): void {
  if (single || objects.length === 0) {
    io.out(JSON.stringify(single ? objects[0] : objects, null, 1));
    return;
  }
  io.out('[');
  objects.forEach((o, i) => io.out(` ${JSON.stringify(o, null, 1).replaceAll('\n', '\n ')}${i < objects.length - 1 ? ',' : ''}`));
  io.out(']');
}

function counts(findings: Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function describeCheck(r: FileCheck): string {
  if (!r.ok) return `${r.file}：无法读取——${r.error}`;
  const { errors, warnings } = counts(r.findings);
  const who = `${r.agency ?? '机关未知'} ${r.year ?? '年度未知'}年`;
  const verdict = errors > 0 ? `${errors}个错误，${warnings}个警告` : warnings > 0 ? `没有错误，${warnings}个警告` : '勾稽关系全部成立';
  const lines = [`${r.file}（${who}）：${verdict}`];
  for (const f of r.findings) lines.push(`  ${SEVERITY[f.severity]} ${f.rule}　${f.message}`);
  return lines.join('\n');
}

const SUMMARY_HEADER = ['文件', '年度', '机关', '错误', '警告', '结果'];

function summaryRow(r: FileCheck): string[] {
  const { errors, warnings } = counts(r.findings);
  return [
    shortName(r.file),
    r.year != null ? String(r.year) : '—',
    r.agency ?? '—',
    r.ok ? String(errors) : '—',
    r.ok ? String(warnings) : '—',
    !r.ok ? '无法读取' : errors > 0 ? '有错误' : warnings > 0 ? '通过（有警告）' : '通过',
  ];
}

/** The summary table (output.ts textTable's layout), printed row by row after a pass for the widths. */
function printSummary(io: Io, all: readonly FileCheck[]): void {
  const widths = SUMMARY_HEADER.map(displayWidth);
  for (const r of all) summaryRow(r).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  const line = (cells: string[]) => cells.map((c, i) => padTo(c, widths[i] ?? 0)).join('  ').trimEnd();
  io.out(`\n${line(SUMMARY_HEADER)}`);
  io.out(widths.map((w) => '─'.repeat(w)).join('  '));
  let passed = 0;
  let failed = 0;
  let unreadable = 0;
  for (const r of all) {
    io.out(line(summaryRow(r)));
    if (!r.ok) unreadable++;
    else if (counts(r.findings).errors > 0) failed++;
    else passed++;
  }
  io.out(`\n共${all.length}个文件：${passed}个通过，${failed}个有错误，${unreadable}个无法读取。`);
}

function checkJson(r: FileCheck): object {
  const { errors, warnings } = counts(r.findings);
  return r.ok
    ? { file: r.file, ok: true, format: r.format, year: r.year, agency: r.agency, errors, warnings, findings: r.findings, diagnostics: r.diagnostics }
    : { file: r.file, ok: false, error: r.error };
}
