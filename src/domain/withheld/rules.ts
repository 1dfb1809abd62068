// 转主动公开 (条例第四十四条) and the periodic review of withheld information (条例第十八条): which replies
// may become a catalogue item, which decisions enter the register of 不予公开, the review's outcomes, the
// inputs (one schema each, shared by the staff forms and the services) and the rules between fields — a
// review dated neither in the future nor before the decision. Pure: today is an argument.

import { z } from 'zod';
import { addMonths, parseIsoDate, toIsoDate } from '../calendar/dates.ts';
import { OUTCOMES } from '../applications/types.ts';
import type { DomainResult, Outcome } from '../applications/types.ts';
import { text } from '../text-rules.ts';

const ALL_OUTCOMES = Object.keys(OUTCOMES) as Outcome[];

/** 条例第四十四条: the replies whose information may be made proactive — 予以公开 and 部分公开. */
export const PROACTIVE_OUTCOMES: readonly Outcome[] = ALL_OUTCOMES.filter((o) => o.startsWith('OPEN_') || o === 'PARTIAL');

/** 条例第十八条: the replies that withhold information — the 不予公开 kinds, and 部分公开 (its withheld part). */
export const WITHHELD_OUTCOMES: readonly Outcome[] = ALL_OUTCOMES.filter((o) => o.startsWith('DENY_') || o === 'PARTIAL');

export type WithheldSource = 'application' | 'catalogue';
export const SOURCE_LABELS: Record<WithheldSource, string> = { application: '依申请公开答复', catalogue: '主动公开目录（公开属性）' };

export type ReviewOutcome = 'still_withheld' | 'released';
export const REVIEW_OUTCOMES: readonly ReviewOutcome[] = ['still_withheld', 'released'];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = { still_withheld: '仍不予公开', released: '转为公开' };

/** 条例第十八条 sets no period: yearly by default, a setting of the agency (1 to 60 months). */
export const DEFAULT_REVIEW_MONTHS = 12;
export const MAX_REVIEW_MONTHS = 60;

/**
 * The next review: `months` after the decision or the last review, on the corresponding day — or the
 * month's last day where there is none (民法典第二百零二条's reading, as PostgreSQL's date + interval).
 */
export function nextReviewOn(from: string, months: number): string | null {
  const d = parseIsoDate(from);
  return d === null ? null : toIsoDate(addMonths(d, months));
}

const isoDate = (label: string) => text(label, 40).trim().refine((s) => parseIsoDate(s) !== null, `${label}不是有效日期，请写成 YYYY-MM-DD，例如 2026-03-05`);
const required = (label: string, max: number) => text(label, max).trim().min(1, `请填写${label}`);

/** 转为主动公开: the catalogue draft's category (the agency's categories), title and date of the information. */
export const proactiveInput = z.object({
  category: required('信息类别', 100),
  title: required('标题', 300),
  summary: text('内容概述', 2000, { multiline: true }).trim().default(''),
  /** the date the information was formed: the reply's date when not given */
  formedOn: text('形成日期', 40).trim().optional(),
});
export type ProactiveInput = z.input<typeof proactiveInput>;

/** One review of one entry of the register. */
export const reviewInput = z.object({
  source: z.enum(['application', 'catalogue'], { message: '未知的来源' }),
  sourceId: z.coerce.number({ message: '未知的条目' }).int('未知的条目').positive('未知的条目'),
  reviewedOn: isoDate('审查日期'),
  outcome: z.enum(REVIEW_OUTCOMES as [ReviewOutcome, ...ReviewOutcome[]], { message: '请选择审查结论（仍不予公开或转为公开）' }),
  note: text('审查意见', 2000, { multiline: true }).trim().default(''),
  /** 转为公开 of an application entry: the catalogue draft's category and title */
  category: text('信息类别', 100).trim().optional(),
  title: text('标题', 300).trim().optional(),
});
export type ReviewInput = z.input<typeof reviewInput>;
export type ReviewValues = z.output<typeof reviewInput>;

const refuse = <T>(code: string, message: string, field: string): DomainResult<T> => ({ ok: false, error: { code, message, field } });

/** A review is dated on or after the decision (or the last review) and not after today; 仍不予公开 states its reasons. */
export function checkReview(values: ReviewValues, entry: { decidedOn: string; lastReviewedOn: string | null }, today: string): DomainResult<ReviewValues> {
  if (values.reviewedOn > today) return refuse('DATE_IN_FUTURE', `审查日期（${values.reviewedOn}）不能晚于今天（${today}）。`, 'reviewedOn');
  if (values.reviewedOn < entry.decidedOn) return refuse('DATE_BEFORE_DECISION', `审查日期（${values.reviewedOn}）不能早于作出不予公开决定的日期（${entry.decidedOn}）。`, 'reviewedOn');
  if (entry.lastReviewedOn !== null && values.reviewedOn < entry.lastReviewedOn) return refuse('DATE_BEFORE_REVIEW', `审查日期（${values.reviewedOn}）不能早于上一次审查的日期（${entry.lastReviewedOn}）。`, 'reviewedOn');
  if (values.outcome === 'still_withheld' && values.note === '') return refuse('NOTE_REQUIRED', '结论为“仍不予公开”的，请在审查意见中写明理由（情势未发生变化的依据）。', 'note');
  return { ok: true, value: values };
}
