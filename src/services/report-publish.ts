// Publishing the annual report (政府信息公开工作年度报告, 条例第四十九条、第五十条) in the agency's public
// column: a report model, checked, written to published_reports; a correction (更正) of one already
// published; a withdrawal (撤回); and the model read from an uploaded file.
//
// What a publication must pass: the interchange schema (readReportJson, what publishedReport checks
// before it shows a report) and every error-severity check of checkAll — arithmetic (R1–R7) and blank
// cells. Cells carry no parse status here, so every empty cell counts as blank: a report missing cells
// (cut-off text, a table that was an image) is refused, never published with holes. Warnings (prose
// against tables …) do not block; they are returned so the caller can show them.
//
// A correction (replace: true) overwrites the report but keeps the row's published_at and
// published_by: the public column keeps showing the date of the first publication (what 条例第四十九条's
// deadline is about), and the audit log records who corrected it when (replacedAt) and the first
// publication it replaced. Every write is one transaction with its audit entry; the agency's column
// is touched after the commit, so the cached public pages show the change at once.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { dbErrorCode } from '../db/errors.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { checkAll } from '../domain/report/checks.ts';
import { parseReportDocument } from '../domain/report/document.ts';
import { readReportJson } from '../domain/report/json.ts';
import { cellCatalogue, getAt } from '../domain/report/layout.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import type { Diagnostic, Finding } from '../domain/report/types.ts';
import { findAgency } from './agencies.ts';
import type { AgencyView } from './agencies.ts';
import { record } from './audit.ts';
import { touchColumn } from './column.ts';
import { MAX_FILE_BYTES } from './report-files.ts';

/** The first reporting year a report can be about (the 条例 took effect on 1 May 2008). */
export const FIRST_REPORT_YEAR = 2008;

/** How many problems a refusal names. */
const NAMED_PROBLEMS = 3;

export interface PublishInput {
  /** the reporting year (统计年度), not the year of publication */
  year: number;
  report: AnnualReport;
  /** a correction (更正) of the report already published for the year */
  replace?: boolean;
  /** where the report came from (a file's name), for the audit log */
  source?: string;
}

export interface PublishWho {
  /** null: the command line (no signed-in user) */
  userId: number | null;
  /** ISO timestamp */
  now: string;
  ip?: string | null;
}

export interface Publication {
  agency: AgencyView;
  year: number;
  title: string;
  /** of the first publication (kept by a correction) */
  publishedAt: string;
  /** a correction of a report already published */
  replaced: boolean;
  /** warning-severity findings: published anyway, to be shown */
  warnings: Finding[];
  /** other remarks in Chinese (e.g. the report names another agency) */
  notes: string[];
}

export interface Withdrawal {
  agency: AgencyView;
  year: number;
  /** when the withdrawn report had been published */
  publishedAt: string;
}

export const REPORT_ALREADY_PUBLISHED = 'REPORT_ALREADY_PUBLISHED';
export const REPORT_CHECK_FAILED = 'REPORT_CHECK_FAILED';

const fail = (error: DomainError): { ok: false; error: DomainError } => ({ ok: false, error });

export const reportTitle = (agencyName: string, year: number): string => `${agencyName}${year}年政府信息公开工作年度报告`;

/** The calendar year in Beijing of an ISO timestamp (a report on a year is published once it is over). */
function beijingYear(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number(iso.slice(0, 4)) : new Date(t + 8 * 3600_000).getUTCFullYear();
}

/** The warnings a published report shows (checkAll's warning-severity findings). */
export function publicationWarnings(report: AnnualReport): Finding[] {
  return checkAll(report).filter((f) => f.severity !== 'error');
}

/** "R1：表三……；BLANK：……" — the first few problems, each with its rule and cell. */
export function describeProblems(findings: readonly Finding[], limit = NAMED_PROBLEMS): string {
  const shown = findings.slice(0, limit).map((f, i) => `（${i + 1}）${f.rule}：${f.message}`);
  const more = findings.length > limit ? `；另有${findings.length - limit}个问题未列出` : '';
  return `${shown.join('；')}${more}`;
}

type Checked = { ok: true; report: AnnualReport; warnings: Finding[]; notes: string[] } | { ok: false; error: DomainError };

/** The model as it will be published: schema, year, agency name, checks. */
function checkModel(agency: AgencyView, input: PublishInput, thisYear: number): Checked {
  const { year } = input;
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > 9999) {
    return fail({ code: 'INVALID_INPUT', message: `年度应为${FIRST_REPORT_YEAR}年以后的四位数年份。`, field: 'year' });
  }
  if (year >= thisYear) {
    return fail({
      code: 'REPORT_YEAR_NOT_OVER',
      message: `${year}年度尚未结束，不能发布该年度的年度报告：年度报告统计的是整个自然年度（1月1日至12月31日），应在次年发布（条例第四十九条：部门于每年1月31日前、县级以上地方人民政府于3月31日前公布）。`,
      field: 'year',
    });
  }
  const read = readReportJson(input.report);
  if (!read.ok) {
    const errors = read.errors.slice(0, NAMED_PROBLEMS).join('；');
    return fail({ code: 'REPORT_INVALID', message: `年度报告数据不符合交换格式（annual-report.v1），未发布：${errors}${read.errors.length > NAMED_PROBLEMS ? '；等' : ''}。`, field: 'report' });
  }
  const report: AnnualReport = { ...read.report };
  if (report.year === null) report.year = year;
  else if (report.year !== year) {
    return fail({
      code: 'REPORT_YEAR_MISMATCH',
      message: `报告的统计年度是${report.year}年，与要发布的${year}年度不符。请选择正确的年度，或上传${year}年度的报告。`,
      field: 'year',
    });
  }
  const notes: string[] = [];
  const named = report.agency?.trim() ?? '';
  if (named === '') report.agency = agency.name;
  else if (named !== agency.name) notes.push(`报告中的机关名称为“${named}”，与本机关名称“${agency.name}”不同；已按报告原文发布，请确认上传的是本机关的报告。`);
  const findings = checkAll(report);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    return fail({
      code: REPORT_CHECK_FAILED,
      message: `年度报告有${errors.length}个错误，未发布：${describeProblems(errors)}。请改正后重新发布。`,
      field: 'report',
    });
  }
  return { ok: true, report, warnings: findings.filter((f) => f.severity !== 'error'), notes };
}

/**
 * Publish the agency's annual report on `input.year` in its public column, or (replace: true) correct
 * the one published. Refused: a model that is not valid interchange JSON, with an error-severity
 * finding, about another year or a year not over yet; a second publication without replace.
 */
export async function publishReport(db: Kysely<DB>, agencyCode: string, input: PublishInput, who: PublishWho): Promise<DomainResult<Publication>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const a = agency.value;
  const checked = checkModel(a, input, beijingYear(who.now));
  if (!checked.ok) return checked;
  const { report, warnings, notes } = checked;
  const { year } = input;
  const replace = input.replace === true;
  const already = (): DomainError => ({
    code: REPORT_ALREADY_PUBLISHED,
    message: `${year}年度的年度报告已经发布。如需更正已发布的报告，请勾选“更正（替换）已发布的报告”后重新提交（命令行加 --replace，接口加 replace=1）；如需撤下，请先撤回。`,
    field: 'year',
  });
  let outcome: DomainResult<{ publishedAt: string; replaced: boolean }>;
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('publishedReports')
        .select(['id', 'publishedAt', 'publishedBy'])
        .where('agencyId', '=', a.id)
        .where('year', '=', year)
        .forUpdate()
        .executeTakeFirst();
      const json = JSON.stringify(report);
      const detail: Record<string, unknown> = {
        year,
        format: report.format,
        agency: report.agency,
        warnings: warnings.length,
        ...(input.source ? { source: input.source } : {}),
      };
      if (existing) {
        if (!replace) return fail(already());
        await trx.updateTable('publishedReports').set({ report: json }).where('id', '=', existing.id).execute();
        await record(trx, {
          userId: who.userId,
          agencyId: a.id,
          action: 'report.replace',
          target: `report:${year}`,
          detail: { ...detail, replacedAt: who.now, publishedAt: existing.publishedAt, publishedBy: existing.publishedBy },
          ip: who.ip ?? null,
          at: who.now,
        });
        return { ok: true as const, value: { publishedAt: existing.publishedAt, replaced: true } };
      }
      const row = await trx
        .insertInto('publishedReports')
        .values({ agencyId: a.id, year, report: json, publishedAt: who.now, publishedBy: who.userId })
        .returning('publishedAt')
        .executeTakeFirstOrThrow();
      await record(trx, { userId: who.userId, agencyId: a.id, action: 'report.publish', target: `report:${year}`, detail, ip: who.ip ?? null, at: who.now });
      return { ok: true as const, value: { publishedAt: row.publishedAt, replaced: false } };
    });
  } catch (e) {
    // published by another request between our check and our insert
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') return fail(already());
    throw e;
  }
  if (!outcome.ok) return outcome;
  touchColumn(a.code); // committed: the public pages show it now
  return { ok: true, value: { agency: a, year, title: reportTitle(a.name, year), publishedAt: outcome.value.publishedAt, replaced: outcome.value.replaced, warnings, notes } };
}

/** Withdraw (撤回) the agency's published report on `year`: it leaves the public column. */
export async function withdrawReport(db: Kysely<DB>, agencyCode: string, year: number, who: PublishWho): Promise<DomainResult<Withdrawal>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const a = agency.value;
  const notPublished = fail({ code: 'NOT_FOUND', message: `${Number.isInteger(year) ? year : ''}年度的年度报告没有发布，无需撤回。`, field: 'year' });
  if (!Number.isInteger(year)) return notPublished;
  const outcome = await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('publishedReports')
      .where('agencyId', '=', a.id)
      .where('year', '=', year)
      .returning(['publishedAt', 'publishedBy'])
      .executeTakeFirst();
    if (!removed) return null;
    await record(trx, {
      userId: who.userId,
      agencyId: a.id,
      action: 'report.withdraw',
      target: `report:${year}`,
      detail: { year, publishedAt: removed.publishedAt, publishedBy: removed.publishedBy },
      ip: who.ip ?? null,
      at: who.now,
    });
    return removed;
  });
  if (outcome === null) return notPublished;
  touchColumn(a.code);
  return { ok: true, value: { agency: a, year, publishedAt: outcome.publishedAt } };
}

export interface ReportFromFile {
  report: AnnualReport;
  source: 'text' | 'html' | 'docx' | 'json';
  /** what the parser could not read, or read with doubt */
  diagnostics: Diagnostic[];
}

/**
 * An uploaded report file as a model: the text, HTML or DOCX of a published report (parsed), or
 * interchange JSON (validated) — what `gongkai report parse` reads. A file in which no table of a
 * report is found is refused.
 */
export async function reportFromFile(bytes: Uint8Array, fileName: string): Promise<DomainResult<ReportFromFile>> {
  const unreadable = (message: string) => fail({ code: 'REPORT_UNREADABLE', message, field: 'file' });
  if (bytes.length === 0) return unreadable('上传的文件是空的，请选择年度报告文件。');
  if (bytes.length > MAX_FILE_BYTES) return unreadable(`文件过大（${Math.round(bytes.length / 1048576)} MB），超过${MAX_FILE_BYTES / 1048576} MB的上限。`);
  let reading;
  try {
    reading = await parseReportDocument(bytes, fileName);
  } catch {
    return unreadable(`无法读取文件“${fileName}”：文件已损坏或不是年度报告。请上传文本（.txt）、网页（.html）、Word（.docx）或交换格式（.json）的年度报告。`);
  }
  if (!reading.ok) return unreadable(`无法读取文件“${fileName}”：${reading.error.replace(/[。.]?$/, '。')}请上传文本（.txt）、网页（.html）、Word（.docx）或交换格式（.json）的年度报告。`);
  const { report, source, diagnostics } = reading;
  const cells = cellCatalogue(report.format === '2019' ? '2019' : '2021').filter((c) => !c.text);
  if (!cells.some((c) => typeof getAt(report, c.at) === 'number')) {
    return unreadable(`文件“${fileName}”中没有找到年度报告的表格（二、三、四）。请上传年度报告全文；表格是图片的报告无法读取，请改用交换格式（.json）。`);
  }
  return { ok: true, value: { report, source, diagnostics } };
}
