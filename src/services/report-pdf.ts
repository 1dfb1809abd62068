// The published annual report as PDF (plan-notes 8: a document is rendered once, when it is issued, and
// kept). The report workspace prints the signed-off snapshot before it publishes it, and the PDF is stored
// with that version (published_report_versions.pdf). A version published where no browser was installed
// (the command line on a bare server, reports published before migration 0017) is printed on its first
// request and stored then; a later request serves the stored bytes. The 落款 date is the version's date of
// publication (the first publication's, or the correction's).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { readReportJson } from '../domain/report/json.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { findAgency } from './agencies.ts';
import { findChromium, renderReportPdf } from './pdf/index.ts';
import type { BrowserSettings } from './pdf/index.ts';
import { reportTitle } from './report-publish.ts';

/** The date in Beijing of an ISO timestamp (YYYY-MM-DD). */
export function beijingDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso.slice(0, 10) : new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The report printed for publication on `publishedAt` (its 落款 date). */
export function printReport(report: AnnualReport, publishedAt: string, browser: BrowserSettings): Promise<DomainResult<Uint8Array>> {
  return renderReportPdf(report, { browser, issuedOn: beijingDate(publishedAt) });
}

/** Whether a PDF can be had: stored already, or a browser to print it is installed. */
export function mayPrint(browser: BrowserSettings): boolean {
  return findChromium(browser).ok;
}

export interface PublishedPdf {
  bytes: Uint8Array;
  title: string;
  version: number;
}

const notFound = (year: number) => ({ ok: false as const, error: { code: 'NOT_FOUND', message: `没有找到${year}年的政府信息公开工作年度报告。` } });

/** The PDF of the current version of the agency's published report on `year`: stored, or printed now and stored. */
export async function publishedPdf(db: Kysely<DB>, agencyCode: string, year: number, browser: BrowserSettings): Promise<DomainResult<PublishedPdf>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  if (!Number.isInteger(year)) return notFound(year);
  const row = await db
    .selectFrom('publishedReports as r')
    .innerJoin('publishedReportVersions as v', 'v.reportId', 'r.id')
    .select(['r.id', 'r.year', 'v.version', 'v.report', 'v.publishedAt', 'v.pdf'])
    .where('r.agencyId', '=', agency.value.id)
    .where('r.year', '=', year)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return notFound(year);
  const title = reportTitle(agency.value.name, row.year);
  if (row.pdf !== null) return { ok: true, value: { bytes: row.pdf, title, version: row.version } };
  const read = readReportJson(row.report);
  if (!read.ok) return { ok: false, error: { code: 'REPORT_INVALID', message: `${year}年的年度报告数据不完整，暂时无法生成PDF。` } };
  const report: AnnualReport = { ...read.report, year: read.report.year ?? row.year, agency: read.report.agency ?? agency.value.name };
  const printed = await printReport(report, row.publishedAt, browser);
  if (!printed.ok) return printed;
  // stored once: a print that raced this one keeps its bytes
  await db.updateTable('publishedReportVersions').set({ pdf: printed.value }).where('reportId', '=', row.id).where('version', '=', row.version).where('pdf', 'is', null).execute();
  return { ok: true, value: { bytes: printed.value, title, version: row.version } };
}
