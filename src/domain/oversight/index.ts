// Oversight of the annual reports of the agencies below (issue #13): review one collected report
// (review.ts), score it under a rubric (score.ts, rubric.ts, default-rubric.ts). Pure.

import { DEFAULT_RUBRIC } from './default-rubric.ts';
import { reviewReport, type CollectedReport, type ReportReview } from './review.ts';
import type { Rubric } from './rubric.ts';
import { score, type ScoreResult } from './score.ts';

export { checkCompleteness, tableStates } from './completeness.ts';
export type { TableState } from './completeness.ts';
export { DEFAULT_RUBRIC } from './default-rubric.ts';
export { FINDING_CODES, OVERSIGHT_CODE_INFO, isFindingCode } from './findings.ts';
export type { FindingCode, OversightFinding, OversightSeverity, SectionNumber } from './findings.ts';
export { reviewReport } from './review.ts';
export type { CollectedReport, ReportReview } from './review.ts';
export { checkRubric, rubricSchema } from './rubric.ts';
export type { Rubric, RubricCategory, RubricInput, RubricProblem, RubricRule, RubricVeto } from './rubric.ts';
export { STATUSES, score } from './score.ts';
export type { Deduction, ReportStatus, ScoreResult } from './score.ts';
export { AGENCY_KINDS, AGENCY_KIND_LABELS, DEFAULT_TIMELINESS, STATUTORY_DUE, checkTimeliness, dueDate, timelinessSettingsSchema } from './timeliness.ts';
export type { AgencyKind, TimelinessSettings } from './timeliness.ts';

/** The review of one collected report and its score: what a row of the office's board shows. */
export function assess(input: CollectedReport, rubric: Rubric = DEFAULT_RUBRIC): ReportReview & { result: ScoreResult } {
  const review = reviewReport(input);
  return { ...review, result: score(review.findings, rubric) };
}
