// The year's case files as one ZIP (归档, 条例第四十五条; `gongkai applications archive`): one PDF per
// archived case, named `<编号>.pdf`, and `manifest.csv` (UTF-8 with BOM: 编号, 申请人, 收到日期, 结果,
// 答复日期, 送达日期, 页数, SHA-256 of the PDF). The year is the year of the case's archive step (归档年度:
// a file is archived in the year it is closed and bound, the way paper files are, docs/ARCHITECTURE.md).
// Memory is bounded: the cases are read by a keyset on the 编号 a page (20) at a time, a page's cases are
// printed together (one browser for the run, services/pdf/session.ts; render.ts splits the print per
// case), and each PDF is handed to the ZIP stream, which writes it to disk before the next page is read. The ZIP is written under a temporary
// name beside the target and renamed at the end: an interrupted run leaves no half archive under the
// final name. An existing target is refused unless `force`.

import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import archiver from 'archiver';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { archiveRetentionYears } from '../case-readonly.ts';
import type { BrowserSettings } from '../pdf/index.ts';
import { openPrintSession } from '../pdf/session.ts';
import type { PrintSession } from '../pdf/session.ts';
import { archivedCasesPage, closedNotArchived, countArchivedCases, loadCase } from './read.ts';
import { renderCaseFiles } from './render.ts';
import type { LoadedCase } from './read.ts';

export const MANIFEST_NAME = 'manifest.csv';
export const MANIFEST_HEADER = ['编号', '申请人', '收到日期', '结果', '答复日期', '送达日期', '页数', 'SHA-256'];
/** cases read a page at a time, and printed together (render.ts): the memory held is about one page's */
const PAGE = 20;
/** the closed cases not archived named in the output (the count is always given) */
const LEFT_OUT_NAMED = 50;

export interface CaseArchiveOptions {
  agencyId: number;
  year: number;
  out: string;
  force: boolean;
  browser: BrowserSettings;
  /** after each case written (progress) */
  onCase?: (done: number, total: number) => void;
}

export interface CaseArchiveResult {
  cases: number;
  pages: number;
  bytes: number;
  /** the year's closed cases not archived (not in the ZIP) */
  leftOut: { numbers: string[]; count: number };
}

const csvField = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const csvLine = (fields: readonly (string | number)[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** A 编号 as a file name in the ZIP: path separators and control characters replaced. */
export const entryName = (number: string): string => `${number.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.pdf`;

const exists = (file: string) => access(file).then(() => true, () => false);
const fileError = (e: unknown, file: string): DomainError => ({ code: 'FILE_ERROR', message: `无法写入文件 ${file}（${(e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e))}），请检查路径和权限。` });

/** Writes the year's case files to `out` (see the head of this file). */
export async function writeCaseArchive(db: Kysely<DB>, options: CaseArchiveOptions): Promise<DomainResult<CaseArchiveResult>> {
  const { agencyId, year, out } = options;
  if (!options.force && (await exists(out))) return { ok: false, error: { code: 'FILE_EXISTS', message: `文件 ${out} 已存在。加 --force 覆盖，或换一个文件名。` } };
  const total = await countArchivedCases(db, agencyId, year);
  const leftOut = await closedNotArchived(db, agencyId, year, LEFT_OUT_NAMED);
  const retention = await archiveRetentionYears(db, agencyId);
  let session: PrintSession | null = null;
  if (total > 0) {
    const opened = await openPrintSession({ browser: options.browser });
    if (!opened.ok) return opened;
    session = opened.value;
  }
  const partial = `${out}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  const sink = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const zip = archiver('zip', { zlib: { level: 6 } });
  const failed: { error: unknown } = { error: null };
  zip.on('error', (e) => (failed.error ??= e));
  zip.on('warning', (e) => (failed.error ??= e));
  sink.on('error', (e) => (failed.error ??= e));
  try {
    await once(sink, 'open');
    zip.pipe(sink);
    const manifest: string[] = [`\uFEFF${csvLine(MANIFEST_HEADER)}`];
    let done = 0;
    let pages = 0;
    let after: string | null = null;
    for (;;) {
      const page = await archivedCasesPage(db, agencyId, year, after, PAGE);
      const loaded: { archivedOn: string; case: LoadedCase }[] = [];
      for (const c of page) {
        const one = await loadCase(db, agencyId, c.id, retention);
        if (one !== null) loaded.push({ archivedOn: c.archivedOn, case: one }); // an archived case stays archived (read-only)
      }
      const pdfs = await renderCaseFiles(session as PrintSession, loaded.map((l) => l.case));
      if (!pdfs.ok) throw new CaseFileRefused(pdfs.error, loaded.length === 1 ? loaded[0]?.case.input.number : undefined);
      for (const [k, l] of loaded.entries()) {
        const pdf = pdfs.value[k] as { bytes: Uint8Array; pages: number };
        const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
        const written = once(zip, 'entry');
        zip.append(Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength), { name: entryName(l.case.input.number), store: true, date: new Date(`${l.archivedOn}T00:00:00+08:00`) });
        await written; // in the stream before the next is appended
        if (failed.error) throw failed.error;
        const i = l.case.input;
        manifest.push(csvLine([i.number, i.applicantName, i.receivedOn ?? '', i.outcome ?? '', i.repliedOn ?? '', i.delivery?.on ?? '', pdf.pages, sha256]));
        pages += pdf.pages;
        done += 1;
        options.onCase?.(done, total);
      }
      if (page.length < PAGE) break;
      after = (page.at(-1) as { number: string }).number;
    }
    zip.append(manifest.join(''), { name: MANIFEST_NAME, date: new Date(`${year}-12-31T00:00:00+08:00`) });
    await zip.finalize();
    await once(sink, 'close');
    if (failed.error) throw failed.error;
    if (!options.force && (await exists(out))) throw new CaseFileRefused({ code: 'FILE_EXISTS', message: `文件 ${out} 已存在。加 --force 覆盖，或换一个文件名。` });
    await rename(partial, out);
    return { ok: true, value: { cases: done, pages, bytes: sink.bytesWritten, leftOut } };
  } catch (e) {
    zip.abort();
    sink.destroy();
    await rm(partial, { force: true });
    if (e instanceof CaseFileRefused) return { ok: false, error: e.number ? { ...e.refusal, message: `${e.number}：${e.refusal.message}` } : e.refusal };
    if (typeof (e as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((e as { code: string }).code)) return { ok: false, error: fileError(e, out) };
    throw e;
  } finally {
    await session?.close();
  }
}

class CaseFileRefused extends Error {
  constructor(
    readonly refusal: DomainError,
    readonly number?: string,
  ) {
    super(refusal.message);
  }
}
