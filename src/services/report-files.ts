// Reading annual reports from files and folders: the use cases behind
// `gongkai report parse|check|render`, and an uploaded report file read into a model (reportFromFile).

import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DocumentReading } from '../domain/report/document.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { render } from '../domain/report/render/index.ts';
import type { RenderTarget } from '../domain/report/render/index.ts';
import type { Diagnostic } from '../domain/report/types.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { cellCatalogue, getAt } from '../domain/report/layout.ts';
import { parsePool } from './parse-pool/index.ts';
import { renderReportPdf } from './pdf/render.ts';
import type { BrowserSettings } from './pdf/browser.ts';

/** Files larger than this are refused: no annual report is anywhere near it. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** What a folder walk picks up: published reports. Interchange JSON is checked when named, not found. */
export const REPORT_EXTENSIONS = ['.txt', '.text', '.html', '.htm', '.docx', '.pdf'];

export type FileReading = { file: string } & DocumentReading;

/** A report file's bytes, or why they cannot be read (a folder, over MAX_FILE_BYTES, missing, no permission). */
export async function readReportBytes(file: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, error: '这是一个目录，不是文件。' };
    if (info.size > MAX_FILE_BYTES) return { ok: false, error: `文件过大（${Math.round(info.size / 1048576)} MB），超过50 MB的上限。` };
    return { ok: true, bytes: await readFile(file) };
  } catch (e) {
    return { ok: false, error: fileError(e) };
  }
}

export async function readReportFile(file: string): Promise<FileReading> {
  const read = await readReportBytes(file);
  if (!read.ok) return { file, ok: false, error: read.error };
  // parsed in the parse pool (time, memory and ZIP limits): a file named on the command line is untrusted too
  const reading = await parsePool().parseReport(read.bytes, basename(file));
  return reading.ok ? { file, ...reading.value } : { file, ok: false, error: reading.error.message };
}

/** A file found by walkReportPaths, or a path (named, or a folder on the way) that cannot be read. */
export type WalkedPath = { file: string; error?: undefined } | { file: string; error: string };

/**
 * The report files named (any kind), with folders walked for published reports, one at a time as they are
 * found: each folder's entries sorted by name, hidden entries and node_modules skipped, 32 levels deep at most.
 */
export async function* walkReportPaths(paths: readonly string[]): AsyncGenerator<WalkedPath> {
  async function* walk(dir: string, depth: number): AsyncGenerator<WalkedPath> {
    if (depth > 32) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      yield { file: dir, error: fileError(e) };
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full, depth + 1);
      else if (entry.isFile() && REPORT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) yield { file: full };
    }
  }
  for (const p of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(p)).isDirectory();
    } catch (e) {
      yield { file: p, error: fileError(e) };
      continue;
    }
    if (isDirectory) yield* walk(p, 0);
    else yield { file: p };
  }
}

/** The report files named, with folders walked (walkReportPaths), all at once: the files, and the paths that cannot be read. */
export async function expandReportPaths(paths: readonly string[]): Promise<{ files: string[]; errors: { file: string; error: string }[] }> {
  const files: string[] = [];
  const errors: { file: string; error: string }[] = [];
  for await (const found of walkReportPaths(paths)) {
    if (found.error === undefined) files.push(found.file);
    else errors.push({ file: found.file, error: found.error });
  }
  return { files, errors };
}

/** For `--to pdf`: where the browser is, and the date of publication of the 落款 (YYYY-MM-DD, optional). */
export interface PdfRenderSettings {
  browser: BrowserSettings;
  issuedOn?: string | undefined;
}

export async function renderReportFile(
  input: string,
  target: RenderTarget,
  out: string,
  pdf: PdfRenderSettings = { browser: {} },
): Promise<{ ok: true; bytes: number } | { ok: false; error: string }> {
  const r = await readReportFile(input);
  if (!r.ok) return { ok: false, error: r.error };
  let output: Uint8Array | string;
  if (target === 'pdf') {
    const printed = await renderReportPdf(r.report, { browser: pdf.browser, issuedOn: pdf.issuedOn });
    if (!printed.ok) return { ok: false, error: printed.error.message };
    output = printed.value;
  } else output = await render(r.report, target);
  try {
    await writeFile(out, output);
  } catch (e) {
    return { ok: false, error: `无法写入输出文件 ${out}：${fileError(e)}` };
  }
  return { ok: true, bytes: typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength };
}

function fileError(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return '文件或目录不存在，请检查路径。';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限。';
    case 'EISDIR':
      return '这是一个目录，不是文件。';
    default:
      return `无法读取（${code ?? String(e)}）。`;
  }
}

export interface ReportFromFile {
  report: AnnualReport;
  source: 'text' | 'html' | 'docx' | 'pdf' | 'json';
  /** what the parser could not read, or read with doubt */
  diagnostics: Diagnostic[];
}

/**
 * An uploaded report file as a model: the text, HTML, DOCX or PDF of a published report (parsed), or
 * interchange JSON (validated) — what `gongkai report parse` reads. A file in which no table of a
 * report is found is refused. The parse runs in the parse pool: a file over a limit is refused with
 * FILE_TOO_LARGE (before parsing), FILE_TOO_COMPLEX (ZIP limits, memory), PARSE_TIMEOUT, or PARSE_BUSY
 * (too many parses at once), each with its Chinese message.
 */
export async function reportFromFile(bytes: Uint8Array, fileName: string): Promise<DomainResult<ReportFromFile>> {
  const unreadable = (message: string) => refused({ code: 'REPORT_UNREADABLE', message, field: 'file' });
  if (bytes.length === 0) return unreadable('上传的文件是空的，请选择年度报告文件。');
  if (bytes.length > MAX_FILE_BYTES) {
    return refused({ code: 'FILE_TOO_LARGE', message: `文件过大（${Math.round(bytes.length / 1048576)} MB），超过${MAX_FILE_BYTES / 1048576} MB的上限。`, field: 'file' });
  }
  const isolated = await parsePool().parseReport(bytes, fileName);
  if (!isolated.ok) return refused({ ...isolated.error, message: `无法读取文件“${fileName}”：${isolated.error.message}` });
  const reading = isolated.value;
  if (!reading.ok && reading.code === 'FILE_TOO_COMPLEX') return refused({ code: 'FILE_TOO_COMPLEX', message: `无法读取文件“${fileName}”：${reading.error}`, field: 'file' });
  if (!reading.ok) return unreadable(`无法读取文件“${fileName}”：${reading.error.replace(/[。.]?$/, '。')}请上传文本（.txt）、网页（.html）、Word（.docx）、PDF（.pdf）或交换格式（.json）的年度报告。`);
  const { report, source, diagnostics } = reading;
  const cells = cellCatalogue(report.format === '2019' ? '2019' : '2021').filter((c) => !c.text);
  if (!cells.some((c) => typeof getAt(report, c.at) === 'number')) {
    return unreadable(`文件“${fileName}”中没有找到年度报告的表格（二、三、四）。请上传年度报告全文；表格是图片的报告无法读取，请改用交换格式（.json）。`);
  }
  return { ok: true, value: { report, source, diagnostics } };
}

function refused(error: DomainError): { ok: false; error: DomainError } {
  return { ok: false, error };
}
