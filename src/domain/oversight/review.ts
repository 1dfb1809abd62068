// The review of one collected annual report by the office above (政务公开办, issue #13): every finding of
// `gongkai report check` (checkAll: R1–R7, BLANK, MISSING, P1), completeness (completeness.ts: the
// sections and tables), timeliness (timeliness.ts), continuity with the agency's previous report
// (checkPair: X1, X2) and what the parser could not read with certainty (PARSE). Scoring is score.ts.
// Pure: the report, its reading, the dates and the previous report are given.

import { labelOf } from '../report/layout.ts';
import { checkAll, checkPair } from '../report/checks.ts';
import type { AnnualReport } from '../report/model.ts';
import type { CellStatus, Diagnostic, Finding } from '../report/types.ts';
import { checkCompleteness, isReplaced } from './completeness.ts';
import { OVERSIGHT_CODE_INFO, numberFindings, type DraftFinding, type OversightFinding } from './findings.ts';
import { checkTimeliness, type AgencyKind, type TimelinessSettings } from './timeliness.ts';

export interface CollectedReport {
  /** the reporting year the office is collecting (统计年度) */
  year: number;
  /** the agency's kind, for the due date */
  kind: AgencyKind;
  settings?: TimelinessSettings;
  /** the parsed (or hand-entered) report; null when nothing readable was collected */
  report: AnnualReport | null;
  /** the parser's cell statuses (none: every empty cell is blank, as for a report entered by hand) */
  status?: Record<string, CellStatus>;
  diagnostics?: readonly Diagnostic[];
  /** a file was collected but could not be read: the reader's message (a scanned PDF, a damaged file …) */
  unreadable?: string | null;
  /** YYYY-MM-DD; null: not published, or the date is unknown (a report or file was collected) */
  publishedOn: string | null;
  /** the agency's report on year − 1, if the office has it */
  previous?: AnnualReport | null;
  /** the date of reference for a report not yet published (YYYY-MM-DD, today as the caller knows it) */
  asOf?: string | null;
}

export interface ReportReview {
  year: number;
  kind: AgencyKind;
  dueOn: string;
  publishedOn: string | null;
  /** days after the due date; 0 in time; null when not published or the date is unknown */
  daysLate: number | null;
  /** errors, then warnings, then notes; ids CODE-n */
  findings: OversightFinding[];
}

/** Diagnostics the findings already carry: a table or cells not found (TABLE_*, MISSING), an invalid value (R7). */
const COVERED = new Set(['TABLE_NOT_FOUND', 'CELLS_MISSING', 'INVALID_VALUE']);

function fromCheck(f: Finding): DraftFinding {
  return {
    code: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.found !== undefined ? { found: f.found } : {}),
  };
}

function fromDiagnostic(d: Diagnostic, layout: '2021' | '2019'): DraftFinding {
  return { code: 'PARSE', severity: d.severity, message: d.message, cells: d.path ? [labelOf(d.path, layout)] : [], diagnostic: d.code };
}

/** Cross-year continuity against the previous report (X1, X2), or a note why it was not checked. */
function continuity(report: AnnualReport, year: number, previous: AnnualReport | null | undefined): DraftFinding[] {
  const note = (message: string): DraftFinding[] => [{ code: 'NO_PREVIOUS', severity: OVERSIGHT_CODE_INFO.NO_PREVIOUS.severity, message, cells: [] }];
  if (!previous) return note(`没有该机关${year - 1}年度报告，未核对与上一年度的衔接（上年“结转下年度继续办理”应等于本年“上年结转”）。`);
  if (previous.year !== year - 1) return note(`作为上一年度报告提供的是${previous.year ?? '年度不明'}年度报告，不是${year - 1}年度报告，未核对跨年度衔接。`);
  // a report whose year the parser could not find is taken as the year it was collected for
  return checkPair(previous, report.year === null ? { ...report, year } : report).map(fromCheck);
}

/** Every finding on one collected report. */
export function reviewReport(input: CollectedReport): ReportReview {
  const { year, report } = input;
  const drafts: DraftFinding[] = [];
  const timeliness = checkTimeliness({
    year,
    kind: input.kind,
    ...(input.settings ? { settings: input.settings } : {}),
    publishedOn: input.publishedOn,
    collected: report !== null || Boolean(input.unreadable),
    asOf: input.asOf ?? null,
  });

  if (report === null) {
    if (input.unreadable || input.publishedOn !== null) {
      const why = input.unreadable ? `：${input.unreadable}` : '（没有收集到报告文件或文本）';
      drafts.push({
        code: 'UNREADABLE',
        severity: OVERSIGHT_CODE_INFO.UNREADABLE.severity,
        message: `${year}年度报告无法读取${why}。请上传可以读取的文件（文本、HTML、DOCX或有文字层的PDF），或由政务公开办据原件录入数字。`,
        cells: [],
      });
    }
    drafts.push(...timeliness.findings);
    return { year, kind: input.kind, dueOn: timeliness.dueOn, publishedOn: timeliness.publishedOn, daysLate: timeliness.daysLate, findings: numberFindings(drafts) };
  }

  const status = input.status ?? {};
  const diagnostics = input.diagnostics ?? [];
  if (report.year !== null && report.year !== year) {
    drafts.push({
      code: 'YEAR_MISMATCH',
      severity: OVERSIGHT_CODE_INFO.YEAR_MISMATCH.severity,
      message: `该报告的统计年度为${report.year}年，不是所收集的${year}年度；请核对是否收集错了报告。`,
      cells: [],
    });
  }
  drafts.push(...timeliness.findings);
  const completeness = checkCompleteness(report, status, diagnostics);
  drafts.push(...completeness.findings);
  drafts.push(...checkAll(report, { status }).filter((f) => !isReplaced(f, completeness.emptyTables)).map(fromCheck));
  drafts.push(...continuity(report, year, input.previous));
  const layout = report.format === '2019' ? '2019' : '2021';
  drafts.push(...diagnostics.filter((d) => !COVERED.has(d.code)).map((d) => fromDiagnostic(d, layout)));
  return { year, kind: input.kind, dueOn: timeliness.dueOn, publishedOn: timeliness.publishedOn, daysLate: timeliness.daysLate, findings: numberFindings(drafts) };
}
