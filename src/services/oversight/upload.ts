// The office's bulk upload of report files (issue #13): many files or ZIPs of them, within the limits of
// domain/zip/report-files.ts; each file read in the parse pool (the one pool, at most as many at a time
// as it has threads), matched to an agency of the subtree by name (domain/oversight/match.ts; the
// subtree's names are worked out once per upload, not once per file), and kept with its bytes, name,
// reader and SHA-256. A certain match is filed for its agency; an uncertain one, or none, waits in the
// review step (review.ts) with the reason; a file that cannot be read is kept with its Chinese error (a
// scanned PDF says so) for the office to enter its figures or exclude the agency.
// The same bytes again for the same office and year are not kept twice. Everything is read first; then
// one transaction writes the batch with its audit entry (a refusal writes nothing).

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { agencyNames, matchAgency, type NameMatch } from '../../domain/oversight/match.ts';
import type { DocumentReading } from '../../domain/report/document.ts';
import { REPORT_FILE_LIMITS, type NamedFile, type SkippedEntry } from '../../domain/zip/report-files.ts';
import { record } from '../audit.ts';
import { parsePool } from '../parse-pool/index.ts';
import { fail, overseen, yearProblem, type OversightActor } from './common.ts';
import { blockerOf, fileFor } from './filing.ts';

export type UploadOutcome = 'filed' | 'review' | 'duplicate';

export interface UploadedFile {
  id: number;
  fileName: string;
  outcome: UploadOutcome;
  /** filed: the agency; review: the agency suggested (if any) */
  agency: { id: number; name: string } | null;
  score: number | null;
  /** the reason it waits (review), or what the duplicate is */
  note: string | null;
  /** unreadable: why (Chinese) */
  error: string | null;
}

export interface UploadResult {
  files: UploadedFile[];
  /** entries of a ZIP that were not read (nested archives, beyond the count) */
  skipped: SkippedEntry[];
}

const MB = 1024 * 1024;
const isZipName = (name: string) => /\.zip$/i.test(name);

interface Read {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  reading: DocumentReading;
  match: NameMatch;
}

/** Reads files at most `threads` at a time: the pool never holds more than it runs. */
async function readAll(files: readonly NamedFile[]): Promise<DomainResult<DocumentReading[]>> {
  const pool = parsePool();
  const out: DocumentReading[] = new Array(files.length);
  let next = 0;
  let refusal: DomainResult<DocumentReading[]> | null = null;
  const worker = async () => {
    while (next < files.length && refusal === null) {
      const i = next++;
      const f = files[i] as NamedFile;
      const r = await pool.parseReport(f.bytes, f.name);
      if (r.ok) out[i] = r.value;
      else if (r.error.code === 'PARSE_BUSY') refusal = { ok: false, error: r.error };
      // a timeout or a worker out of memory is this file's problem: kept as unreadable
      else out[i] = { ok: false, error: r.error.message, ...(r.error.code === 'FILE_TOO_COMPLEX' ? { code: 'FILE_TOO_COMPLEX' as const } : {}) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, pool.options.threads) }, worker));
  return refusal ?? { ok: true, value: out };
}

/** The loose files and the files of the ZIPs, under the upload's limits. */
async function expand(files: readonly NamedFile[]): Promise<DomainResult<{ files: NamedFile[]; skipped: SkippedEntry[] }>> {
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (files.length === 0) return fail('NO_FILES', '请选择要上传的年度报告文件（可以多选），或一个ZIP压缩包。', 'files');
  if (total > REPORT_FILE_LIMITS.maxUploadBytes) return fail('UPLOAD_TOO_LARGE', `上传的文件合计${Math.ceil(total / MB)} MB，超过${REPORT_FILE_LIMITS.maxUploadBytes / MB} MB的上限，请分批上传。`, 'files');
  const out: NamedFile[] = [];
  const skipped: SkippedEntry[] = [];
  for (const f of files) {
    if (f.bytes.byteLength === 0) {
      skipped.push({ name: f.name, reason: '文件是空的，没有读取。' });
      continue;
    }
    if (isZipName(f.name)) {
      const opened = await parsePool().openReportZip(f.bytes);
      if (!opened.ok) return fail(opened.error.code, `压缩包“${f.name}”：${opened.error.message}`, 'files');
      out.push(...opened.value.files);
      skipped.push(...opened.value.skipped.map((s) => ({ name: `${f.name}／${s.name}`, reason: s.reason })));
    } else out.push(f);
  }
  if (out.length > REPORT_FILE_LIMITS.maxFiles) return fail('TOO_MANY_FILES', `一次最多上传${REPORT_FILE_LIMITS.maxFiles}个文件（本次${out.length}个），请分批上传。`, 'files');
  const kept: NamedFile[] = [];
  for (const f of out) {
    if (f.bytes.byteLength > REPORT_FILE_LIMITS.maxFileBytes) skipped.push({ name: f.name, reason: `文件${Math.ceil(f.bytes.byteLength / MB)} MB，超过每个文件${REPORT_FILE_LIMITS.maxFileBytes / MB} MB的上限，没有读取。` });
    else if (f.bytes.byteLength === 0) skipped.push({ name: f.name, reason: '文件是空的，没有读取。' });
    else kept.push({ name: f.name.slice(0, 255), bytes: f.bytes });
  }
  return { ok: true, value: { files: kept, skipped } };
}

/** Uploads report files for the office `overseerId` and the year: see the head of this file. */
export async function uploadReports(db: Kysely<DB>, overseerId: number, year: number, given: readonly NamedFile[], actor: OversightActor): Promise<DomainResult<UploadResult>> {
  const bad = yearProblem(year, actor.now);
  if (bad) return fail('INVALID_YEAR', bad, 'year');
  const expanded = await expand(given);
  if (!expanded.ok) return expanded;
  const { files, skipped } = expanded.value;
  const agencies = await overseen(db, overseerId);
  if (agencies.length === 0) return fail('NO_SUBTREE', '本机关还没有下级机关，无法收集年度报告。请平台管理员在“平台管理”中设置各机关的上级机关。', 'files');
  const readings = await readAll(files);
  if (!readings.ok) return readings;
  const names = agencyNames(agencies);
  const reads: Read[] = files.map((f, i) => {
    const reading = readings.value[i] as DocumentReading;
    const title = reading.ok ? reading.report.agency : null;
    return { ...f, sha256: createHash('sha256').update(f.bytes).digest('hex'), reading, match: matchAgency([title, f.name], names) };
  });
  const nameOf = new Map(agencies.map((a) => [a.id, a.name]));

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${overseerId}::int, hashtext(${`oversight/${year}`}))`.execute(trx);
    const results: UploadedFile[] = [];
    const seen = new Map<string, number>();
    for (const r of reads) {
      const existing = await trx.selectFrom('oversightFiles').select(['id', 'state', 'fileName', 'agencyId']).where('overseerId', '=', overseerId).where('year', '=', year).where('sha256', '=', r.sha256).executeTakeFirst();
      if (existing || seen.has(r.sha256)) {
        const id = existing?.id ?? (seen.get(r.sha256) as number);
        let note = existing ? `与已上传的“${existing.fileName}”内容相同，没有重复保存。` : '与本次上传的另一个文件内容相同，没有重复保存。';
        if (existing?.state === 'discarded') {
          await trx.updateTable('oversightFiles').set({ state: 'review', reviewNote: '此前已舍弃，重新上传后回到待确认。', decidedAt: null, decidedBy: null }).where('id', '=', existing.id).execute();
          note = `与此前已舍弃的“${existing.fileName}”内容相同，已恢复到待确认。`;
        } else if (existing?.state === 'filed' && existing.agencyId !== null) note = `与已归入${nameOf.get(existing.agencyId) ?? '某机关'}的“${existing.fileName}”内容相同，没有重复保存。`;
        results.push({ id, fileName: r.name, outcome: 'duplicate', agency: null, score: null, note, error: null });
        continue;
      }
      const reading = r.reading;
      const ok = reading.ok;
      const m = r.match;
      // a certain match is filed unless something needs the office's eye (another year, a report already held …)
      let note: string | null = m.certain ? null : m.agencyId === null ? '没有找到名称相符的机关，请选择机关或舍弃。' : `机关名称不完全相符（相似度${m.score}%），请确认。`;
      if (note === null && ok && reading.report.year !== null && reading.report.year !== year) note = `报告的统计年度为${reading.report.year}年，不是${year}年度，请确认。`;
      if (note === null && m.agencyId !== null) note = await blockerOf(trx, overseerId, m.agencyId, year);
      const inserted = await trx
        .insertInto('oversightFiles')
        .values({
          overseerId,
          year,
          fileName: r.name,
          reader: ok ? reading.source : null,
          size: r.bytes.byteLength,
          sha256: r.sha256,
          content: r.bytes,
          report: ok ? JSON.stringify(reading.report) : null,
          cellStatus: ok ? JSON.stringify(reading.status) : null,
          diagnostics: JSON.stringify(ok ? reading.diagnostics : []),
          error: ok ? null : unreadableMessage(r.name, reading),
          errorCode: ok ? null : (reading.code ?? 'UNREADABLE'),
          foundName: ok ? reading.report.agency : null,
          foundOn: ok ? (reading.publishedOn ?? null) : null,
          suggestedAgencyId: m.agencyId,
          matchScore: m.agencyId === null ? null : m.score,
          matchHow: m.how,
          state: 'review',
          reviewNote: note,
          agencyId: null,
          uploadedAt: actor.now,
          uploadedBy: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      seen.set(r.sha256, inserted.id);
      if (note === null && m.agencyId !== null) await fileFor(trx, overseerId, year, inserted.id, m.agencyId, actor);
      results.push({
        id: inserted.id,
        fileName: r.name,
        outcome: note === null ? 'filed' : 'review',
        agency: m.agencyId === null ? null : { id: m.agencyId, name: nameOf.get(m.agencyId) ?? '' },
        score: m.agencyId === null ? null : m.score,
        note,
        error: ok ? null : unreadableMessage(r.name, reading),
      });
    }
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.upload',
      target: `oversight:${year}`,
      detail: { year, files: results.map((f) => ({ id: f.id, name: f.fileName, outcome: f.outcome, agencyId: f.agency?.id ?? null, unreadable: f.error !== null })), skipped: skipped.map((s) => s.name) },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { files: results, skipped } };
  });
}

/** Why a file cannot be read, in Chinese, with what the office can do (a scan: enter the figures). */
function unreadableMessage(name: string, reading: DocumentReading & { ok: false }): string {
  const what = reading.error.replace(/[。.]?$/, '。');
  if (reading.code === 'PDF_NO_TEXT') return `“${name}”是扫描件或图片PDF，没有可以读取的文字：${what}可以据原件录入报告的数字，或说明理由后不纳入汇总。`;
  return `无法读取“${name}”：${what}可以上传其他格式的文件，或据原件录入报告的数字，或说明理由后不纳入汇总。`;
}
