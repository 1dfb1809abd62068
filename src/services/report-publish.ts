// Publishing the annual report (政府信息公开工作年度报告, 条例第四十九条、第五十条) in the agency's public
// column: a report model, checked, written to published_reports; a correction (更正) of one already
// published; a withdrawal (撤回). (An uploaded file is read into a model by report-files.ts.)
//
// What a publication must pass (domain/report/publication.ts): the interchange schema (readReportJson,
// what publishedReport checks before it shows a report), every check `report check` runs — the
// arithmetic (R1–R7), blank cells, the prose against the tables (P1) — the sections 一、五、六, and the
// cross-year checks (X1/X2) against the agency's neighbouring published reports. Cells carry no parse
// status here, so every empty cell counts as blank: a report missing cells (cut-off text, a table that
// was an image) is refused, never published with holes. An error refuses (REPORT_CHECK_FAILED). A
// disagreement with a neighbouring published report (X1) does not block the statutory publication
// but needs a written explanation (说明: REPORT_CROSS_YEAR_UNEXPLAINED without one), stored with the
// report, audited and shown on its public page. Warnings (P1, X2) must be acknowledged
// (REPORT_WARNINGS_NOT_ACKNOWLEDGED without). Messages say what is wrong and what to do in words of no
// channel; each adapter (page, API, command) adds how it is done there.
//
// A correction (replace: true) overwrites the report but keeps the row's published_at and
// published_by: the public column keeps showing the date of the first publication (what 条例第四十九条's
// deadline is about), and the audit log records who corrected it when (replacedAt) and the first
// publication it replaced. It needs a 更正说明 (changeNote: what changed and why): every publication is
// kept as a version (report-versions.ts), and the public page lists each version's date and note. Every write is one transaction with its audit entry; a refusal writes
// nothing; the agency's column is touched after the commit, so the cached public pages show the
// change at once.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { dbErrorCode } from '../db/errors.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { readReportJson } from '../domain/report/json.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { MAX_CHANGE_NOTE_CHARS, MAX_EXPLANATION_CHARS, reviewForPublication } from '../domain/report/publication.ts';
import type { Neighbours, PublicationReview } from '../domain/report/publication.ts';
import type { Finding } from '../domain/report/types.ts';
import { findAgency } from './agencies.ts';
import type { AgencyView } from './agencies.ts';
import { record } from './audit.ts';
import { bumpColumns, touchColumn } from './column-version.ts';
import { addReportVersion } from './report-versions.ts';

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
  /** the warnings were read and are accepted (page: a checkbox; API: acknowledgeWarnings; CLI: --acknowledge-warnings) */
  acknowledgeWarnings?: boolean;
  /** the written explanation (说明) of a disagreement with a neighbouring published report (X1) */
  explanation?: string;
  /** the 更正说明 of a correction (replace of a published report): what changed and why; published with it */
  changeNote?: string;
  /** the report printed as PDF (services/report-pdf.ts), kept with the version; absent: printed on its first request */
  pdf?: Uint8Array | null;
}

export interface PublishWho {
  /** null: the command line (no signed-in user) */
  userId: number | null;
  /** ISO timestamp */
  now: string;
  ip?: string | null;
}

/** A disagreement with a neighbouring published report, and the explanation published with it. */
export interface CrossYear {
  explanation: string;
  findings: Finding[];
}

export interface Publication {
  agency: AgencyView;
  year: number;
  title: string;
  /** of the first publication (kept by a correction) */
  publishedAt: string;
  /** a correction of a report already published */
  replaced: boolean;
  /** the version published (1: the first publication; each correction the next) */
  version: number;
  /** warning-severity findings: acknowledged, published, to be shown */
  warnings: Finding[];
  /** the explained disagreement with a neighbouring year, null when there is none */
  crossYear: CrossYear | null;
  /** other remarks in Chinese (e.g. the report names another agency) */
  notes: string[];
}

export interface Withdrawal {
  agency: AgencyView;
  year: number;
  /** when the withdrawn report had been published */
  publishedAt: string;
}

/** A refusal: a stable code, a Chinese message, and the findings behind it (for a page or the API to list). */
export interface PublishRefusal extends DomainError {
  /** REPORT_CHECK_FAILED: the errors */
  errors?: Finding[];
  /** the disagreements with a neighbouring year that need an explanation */
  crossYear?: Finding[];
  /** the warnings that need an acknowledgement */
  warnings?: Finding[];
}

export type PublishResult = { ok: true; value: Publication } | { ok: false; error: PublishRefusal };

import { REPORT_ALREADY_PUBLISHED, REPORT_CHANGE_NOTE_MISSING, REPORT_CHECK_FAILED, REPORT_CROSS_YEAR_UNEXPLAINED, REPORT_WARNINGS_NOT_ACKNOWLEDGED } from './report-publish-codes.ts';

export { FINDING_REFUSALS, REPORT_ALREADY_PUBLISHED, REPORT_CHANGE_NOTE_MISSING, REPORT_CHECK_FAILED, REPORT_CROSS_YEAR_UNEXPLAINED, REPORT_WARNINGS_NOT_ACKNOWLEDGED } from './report-publish-codes.ts';

const fail = (error: PublishRefusal): { ok: false; error: PublishRefusal } => ({ ok: false, error });

export const reportTitle = (agencyName: string, year: number): string => `${agencyName}${year}年政府信息公开工作年度报告`;

/** The calendar year in Beijing of an ISO timestamp (a report on a year is published once it is over). */
function beijingYear(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number(iso.slice(0, 4)) : new Date(t + 8 * 3600_000).getUTCFullYear();
}

/** "R1：表三……；BLANK：……" — the first few problems, each with its rule and cell. */
export function describeProblems(findings: readonly Finding[], limit = NAMED_PROBLEMS): string {
  const shown = findings.slice(0, limit).map((f, i) => `（${i + 1}）${f.rule}：${f.message}`);
  const more = findings.length > limit ? `；另有${findings.length - limit}个问题未列出` : '';
  return `${shown.join('；')}${more}`;
}

type Checked = { ok: true; report: AnnualReport; notes: string[] } | { ok: false; error: PublishRefusal };

/** The model as it will be published: schema, year, agency name, and the checks within the report. */
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
  if ((input.explanation?.trim().length ?? 0) > MAX_EXPLANATION_CHARS) {
    return fail({ code: 'INVALID_INPUT', message: `说明不能超过${MAX_EXPLANATION_CHARS}字，请精简后重新提交。`, field: 'explanation' });
  }
  if ((input.changeNote?.trim().length ?? 0) > MAX_CHANGE_NOTE_CHARS) {
    return fail({ code: 'INVALID_INPUT', message: `更正说明不能超过${MAX_CHANGE_NOTE_CHARS}字，请精简后重新提交。`, field: 'changeNote' });
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
  // the errors within the report do not depend on its neighbours: refused before any reading
  const { errors } = reviewForPublication(report);
  if (errors.length > 0) {
    return fail({
      code: REPORT_CHECK_FAILED,
      message: `年度报告有${errors.length}个错误，未发布：${describeProblems(errors)}。请改正后重新发布。`,
      field: 'report',
      errors,
    });
  }
  return { ok: true, report, notes };
}

/** What the review asks of this publication that the input does not give, as a refusal; null when nothing. */
function unmet(review: PublicationReview, input: PublishInput): PublishRefusal | null {
  const { crossYear, warnings } = review;
  const explained = (input.explanation?.trim() ?? '') !== '';
  const acknowledged = input.acknowledgeWarnings === true || warnings.length === 0;
  const also = !acknowledged ? `另有${warnings.length}个警告须核实并确认：${describeProblems(warnings)}。` : '';
  if (crossYear.length > 0 && !explained) {
    return {
      code: REPORT_CROSS_YEAR_UNEXPLAINED,
      message:
        `年度报告与本机关已发布的相邻年度报告不衔接（${crossYear.length}处），须附书面说明才能发布：${describeProblems(crossYear)}。` +
        `请核对两份报告：如本报告有误，请改正后重新提交；如数字无误，请写明不一致的原因后重新提交，说明将与报告一并在公开专栏公布。${also}`,
      field: 'explanation',
      crossYear,
      ...(acknowledged ? {} : { warnings }),
    };
  }
  if (!acknowledged) {
    return {
      code: REPORT_WARNINGS_NOT_ACKNOWLEDGED,
      message: `年度报告有${warnings.length}个警告，未发布：${describeProblems(warnings)}。警告不一定是错误：请逐项核实，需要改正的改正后重新提交；核实无误的，确认这些警告后重新提交。`,
      field: 'acknowledgeWarnings',
      warnings,
    };
  }
  return null;
}

/** A published report of the agency as a model, or null (none, or not valid interchange JSON). */
function storedModel(row: { report: unknown; year: number } | undefined): AnnualReport | null {
  if (!row) return null;
  const read = readReportJson(row.report);
  return read.ok ? { ...read.report, year: read.report.year ?? row.year } : null;
}

/** The agency's published reports on the years around `year`; `lock`: locked against a change until the caller's transaction ends. */
export async function neighboursOf(trx: Kysely<DB>, agencyId: number, year: number, lock = true): Promise<Neighbours> {
  const rows = await trx
    .selectFrom('publishedReports')
    .select(['year', 'report'])
    .where('agencyId', '=', agencyId)
    .where('year', 'in', [year - 1, year + 1])
    .$if(lock, (q) => q.forShare())
    .execute();
  return { previous: storedModel(rows.find((r) => r.year === year - 1)), next: storedModel(rows.find((r) => r.year === year + 1)) };
}

/**
 * Publish the agency's annual report on `input.year` in its public column, or (replace: true) correct
 * the one published. Refused: a model that is not valid interchange JSON, with an error-severity
 * finding or a missing section 一、五、六, about another year or a year not over yet; a second
 * publication without replace; a disagreement with a neighbouring published report without an
 * explanation; warnings not acknowledged.
 */
export async function publishReport(db: Kysely<DB>, agencyCode: string, input: PublishInput, who: PublishWho): Promise<PublishResult> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const a = agency.value;
  const checked = checkModel(a, input, beijingYear(who.now));
  if (!checked.ok) return checked;
  const { report, notes } = checked;
  const { year } = input;
  const replace = input.replace === true;
  const explanation = input.explanation?.trim() ?? '';
  const changeNote = input.changeNote?.trim() ?? '';
  const already = (): PublishRefusal => ({
    code: REPORT_ALREADY_PUBLISHED,
    message: `${year}年度的年度报告已经发布。如需更正已发布的报告，请以“更正（替换）”方式重新提交；如需撤下，请先撤回。`,
    field: 'replace',
  });
  type Written = { publishedAt: string; replaced: boolean; version: number; warnings: Finding[]; crossYear: CrossYear | null };
  let outcome: { ok: true; value: Written } | { ok: false; error: PublishRefusal };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('publishedReports')
        .select(['id', 'publishedAt', 'publishedBy'])
        .where('agencyId', '=', a.id)
        .where('year', '=', year)
        .forUpdate()
        .executeTakeFirst();
      if (existing && !replace) return fail(already());
      if (existing && changeNote === '') {
        return fail({
          code: REPORT_CHANGE_NOTE_MISSING,
          message: `更正已发布的${year}年度报告须写明更正说明（更正了什么、为什么更正）；说明与更正日期将在公开专栏的报告页上一并公布。`,
          field: 'changeNote',
        });
      }
      const review = reviewForPublication(report, await neighboursOf(trx, a.id, year));
      const refusal = unmet(review, input);
      if (refusal) return fail(refusal);
      const { warnings } = review;
      const crossYear = review.crossYear.length > 0 ? { explanation, findings: review.crossYear } : null;
      const stored = {
        report: JSON.stringify(report),
        crossYearExplanation: crossYear?.explanation ?? null,
        crossYearFindings: crossYear ? JSON.stringify(crossYear.findings.map((f) => f.message)) : null,
      };
      const detail: Record<string, unknown> = {
        year,
        format: report.format,
        agency: report.agency,
        warnings: warnings.length,
        ...(warnings.length > 0 ? { warningsAcknowledged: true, warningRules: warnings.map((f) => f.rule) } : {}),
        ...(crossYear ? { crossYear: { explanation: crossYear.explanation, findings: crossYear.findings.map((f) => f.message) } } : {}),
        ...(input.source ? { source: input.source } : {}),
      };
      if (existing) {
        await trx.updateTable('publishedReports').set(stored).where('id', '=', existing.id).execute();
        const version = await addReportVersion(trx, Number(existing.id), { report: stored.report, changeNote, publishedAt: who.now, publishedBy: who.userId, pdf: input.pdf ?? null });
        await record(trx, {
          userId: who.userId,
          agencyId: a.id,
          action: 'report.replace',
          target: `report:${year}`,
          detail: { ...detail, version, changeNote, replacedAt: who.now, publishedAt: existing.publishedAt, publishedBy: existing.publishedBy },
          ip: who.ip ?? null,
          at: who.now,
        });
        await bumpColumns(trx, [a.code]);
        return { ok: true as const, value: { publishedAt: existing.publishedAt, replaced: true, version, warnings, crossYear } };
      }
      const row = await trx
        .insertInto('publishedReports')
        .values({ agencyId: a.id, year, ...stored, publishedAt: who.now, publishedBy: who.userId })
        .returning(['id', 'publishedAt'])
        .executeTakeFirstOrThrow();
      const version = await addReportVersion(trx, Number(row.id), { report: stored.report, changeNote: null, publishedAt: row.publishedAt, publishedBy: who.userId, pdf: input.pdf ?? null });
      await record(trx, { userId: who.userId, agencyId: a.id, action: 'report.publish', target: `report:${year}`, detail: { ...detail, version }, ip: who.ip ?? null, at: who.now });
      await bumpColumns(trx, [a.code]);
      return { ok: true as const, value: { publishedAt: row.publishedAt, replaced: false, version, warnings, crossYear } };
    });
  } catch (e) {
    // published by another request between our check and our insert
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') return fail(already());
    throw e;
  }
  if (!outcome.ok) return outcome;
  touchColumn(a.code); // committed: the public pages show it now
  const { publishedAt, replaced, version, warnings, crossYear } = outcome.value;
  if (explanation !== '' && crossYear === null) notes.push('本报告与已发布的相邻年度报告衔接一致，无需说明，说明未保存。');
  if (changeNote !== '' && !replaced) notes.push('这是该年度报告的首次发布，不是更正，更正说明未保存。');
  return { ok: true, value: { agency: a, year, title: reportTitle(a.name, year), publishedAt, replaced, version, warnings, crossYear, notes } };
}

/** The checks of publication on a published report, against its neighbours as they are now (null: not published). */
export async function reviewPublished(db: Kysely<DB>, agencyId: number, year: number): Promise<PublicationReview | null> {
  const rows = await db.selectFrom('publishedReports').select(['year', 'report']).where('agencyId', '=', agencyId).where('year', 'in', [year - 1, year, year + 1]).execute();
  const report = storedModel(rows.find((r) => r.year === year));
  if (!report) return null;
  return reviewForPublication(report, { previous: storedModel(rows.find((r) => r.year === year - 1)), next: storedModel(rows.find((r) => r.year === year + 1)) });
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
    // the report workspace's row of the year: open again (a new publication goes round the chain)
    await trx.updateTable('reportDrafts').set({ state: 'drafting', updatedAt: who.now }).where('agencyId', '=', a.id).where('year', '=', year).where('state', '=', 'published').execute();
    await record(trx, {
      userId: who.userId,
      agencyId: a.id,
      action: 'report.withdraw',
      target: `report:${year}`,
      detail: { year, publishedAt: removed.publishedAt, publishedBy: removed.publishedBy },
      ip: who.ip ?? null,
      at: who.now,
    });
    await bumpColumns(trx, [a.code]);
    return removed;
  });
  if (outcome === null) return notPublished;
  touchColumn(a.code);
  return { ok: true, value: { agency: a, year, publishedAt: outcome.publishedAt } };
}
