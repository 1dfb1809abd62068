// The score of one reviewed report under a rubric, every deduction naming the rubric rule and the
// findings behind it, and the status the board shows. The score starts from the rubric's full score;
// a veto (单项否决) takes all of it; each rule deducts points × occurrences (or × days late), at most
// its maximum, at most what its category has left, at most what is left of the score — in the
// rubric's order, so a cap shows on the deduction it cut (`cappedBy`). The score is never below 0 and
// never rises when a finding is added (test/oversight/score.test.ts).
// Status: 未发布 when there is no published report; otherwise any error, or a score below the pass
// mark, is 未通过 — whatever the rubric says; a warning or any deduction is 通过（有警告）; else 通过.
// Pure.

import type { OversightFinding } from './findings.ts';
import type { Rubric } from './rubric.ts';

export const STATUSES = ['通过', '通过（有警告）', '未通过', '未发布'] as const;
export type ReportStatus = (typeof STATUSES)[number];

export interface Deduction {
  /** the rubric rule or veto (its id) and its Chinese label */
  rule: string;
  label: string;
  kind: 'veto' | 'rule';
  /** the rule's category (none for a veto) */
  category?: string;
  /** findings counted (per finding) or days late (per day); 1 for a veto */
  units: number;
  /** points per unit (the score's full value for a veto) */
  pointsEach: number;
  /** units × pointsEach */
  raw: number;
  /** what was deducted: raw, cut by the caps */
  points: number;
  /** which cap cut it: the rule's max, its category's max, or the score having reached 0 */
  cappedBy: 'rule' | 'category' | 'score' | null;
  /** the ids of the findings behind it (OversightFinding.id) */
  findings: string[];
}

export interface ScoreResult {
  score: number;
  full: number;
  passMark: number;
  status: ReportStatus;
  /** in Chinese: why the status is what it is */
  reasons: string[];
  errors: number;
  warnings: number;
  deductions: Deduction[];
}

/** Halves are exact in binary; this keeps a sum of them free of float noise all the same. */
const round = (n: number): number => Math.round(n * 100) / 100;

export function score(findings: readonly OversightFinding[], rubric: Rubric): ScoreResult {
  const deductions: Deduction[] = [];
  let left = rubric.full;
  const withCodes = (codes: readonly string[]) => findings.filter((f) => codes.includes(f.code));

  for (const veto of rubric.vetoes) {
    const behind = withCodes(veto.codes);
    if (behind.length === 0) continue;
    const points = left;
    left = 0;
    deductions.push({
      rule: veto.id,
      label: veto.label,
      kind: 'veto',
      units: 1,
      pointsEach: rubric.full,
      raw: rubric.full,
      points,
      cappedBy: points < rubric.full ? 'score' : null,
      findings: behind.map((f) => f.id),
    });
  }

  const categoryLeft = new Map(rubric.categories.map((c) => [c.id, c.max]));
  for (const rule of rubric.rules) {
    const behind = withCodes(rule.codes);
    if (behind.length === 0) continue;
    const units = rule.per === 'day' ? behind.reduce((s, f) => s + Math.max(0, f.days ?? 0), 0) : behind.length;
    const raw = round(units * rule.points);
    let points = raw;
    let cappedBy: Deduction['cappedBy'] = null;
    if (points > rule.max) [points, cappedBy] = [rule.max, 'rule'];
    const inCategory = categoryLeft.get(rule.category) ?? 0;
    if (points > inCategory) [points, cappedBy] = [inCategory, 'category'];
    if (points > left) [points, cappedBy] = [left, 'score'];
    categoryLeft.set(rule.category, round(inCategory - points));
    left = round(left - points);
    deductions.push({
      rule: rule.id,
      label: rule.label,
      kind: 'rule',
      category: rule.category,
      units,
      pointsEach: rule.points,
      raw,
      points,
      cappedBy,
      findings: behind.map((f) => f.id),
    });
  }

  const total = Math.max(0, left);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const { status, reasons } = statusOf(findings, total, rubric, errors, warnings);
  return { score: total, full: rubric.full, passMark: rubric.passMark, status, reasons, errors, warnings, deductions };
}

function statusOf(findings: readonly OversightFinding[], total: number, rubric: Rubric, errors: number, warnings: number): { status: ReportStatus; reasons: string[] } {
  const unpublished = findings.find((f) => f.code === 'NOT_PUBLISHED' || f.code === 'NOT_YET_DUE');
  if (unpublished) return { status: '未发布', reasons: [unpublished.message] };
  const reasons: string[] = [];
  if (errors > 0) reasons.push(`有${errors}个错误`);
  if (total < rubric.passMark) reasons.push(`得分${total}分，低于及格分${rubric.passMark}分`);
  if (reasons.length > 0) return { status: '未通过', reasons };
  if (warnings > 0) reasons.push(`有${warnings}个警告`);
  if (total < rubric.full) reasons.push(`扣${round(rubric.full - total)}分`);
  if (reasons.length > 0) return { status: '通过（有警告）', reasons };
  return { status: '通过', reasons: ['没有发现问题'] };
}
