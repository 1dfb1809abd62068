// What a complaint (投诉、举报) and its handling carry: the public form (kind, name, contact, text), the
// assignment (a handler's name), the answer (date, text, result, 责任追究). One schema per input, shared by
// the pages and the services; the rules between the answer and the complaint are checkAnswer's. Pure:
// today is an argument.

import { z } from 'zod';
import { parseIsoDate } from '../calendar/dates.ts';
import type { DomainResult } from '../applications/types.ts';
import { text } from '../text-rules.ts';
import { COMPLAINT_KINDS, COMPLAINT_RESULTS } from './vocab.ts';
import type { ComplaintKind, ComplaintResult } from './vocab.ts';

const isoDate = (label: string) => text(label, 40).trim().refine((s) => parseIsoDate(s) !== null, `${label}不是有效日期，请写成 YYYY-MM-DD，例如 2026-03-05`);
const required = (label: string, max: number, multiline = false) => text(label, max, { multiline }).trim().min(1, `请填写${label}`);

const PHONE = /^\+?[0-9][0-9\- ]{5,24}[0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The public form: a complaint or report against an agency. */
export const complaintInput = z.object({
  kind: z.enum(COMPLAINT_KINDS as [ComplaintKind, ...ComplaintKind[]], { message: '请选择投诉或者举报' }),
  complainantName: required('姓名或名称', 200),
  contact: required('联系方式', 200).refine((s) => PHONE.test(s) || EMAIL.test(s), '联系方式请填写电话号码或电子邮箱，例如 0571-12345678 或 name@example.com'),
  text: required('投诉、举报的事项和理由', 5000, true),
});

export type ComplaintInput = z.input<typeof complaintInput>;

/** Assigning a complaint to a handler. */
export const assignInput = z.object({
  assignee: required('承办人', 100),
});

export type AssignInput = z.input<typeof assignInput>;

/** The answer: its date, its text, the result of the inquiry, and 责任追究 (optional). */
export const answerInput = z.object({
  answeredOn: isoDate('答复日期'),
  answer: required('答复内容', 5000, true),
  result: z.enum(COMPLAINT_RESULTS as [ComplaintResult, ...ComplaintResult[]], { message: '请选择调查结果（属实、部分属实或不属实）' }),
  accountability: text('责任追究情况', 5000, { multiline: true }).trim().optional(),
});

export type AnswerInput = z.input<typeof answerInput>;
export type AnswerValues = z.output<typeof answerInput>;

/** The answer dated on or after the receipt and not after today. */
export function checkAnswer(values: AnswerValues, complaint: { receivedOn: string }, today: string): DomainResult<Omit<AnswerValues, 'accountability'> & { accountability: string | null }> {
  if (values.answeredOn < complaint.receivedOn) return { ok: false, error: { code: 'DATE_BEFORE_RECEIPT', message: `答复日期不能早于收到投诉、举报的日期（${complaint.receivedOn}）。`, field: 'answeredOn' } };
  if (values.answeredOn > today) return { ok: false, error: { code: 'DATE_IN_FUTURE', message: '答复日期不能晚于今天。', field: 'answeredOn' } };
  const accountability = (values.accountability ?? '').trim();
  return { ok: true, value: { ...values, accountability: accountability === '' ? null : accountability } };
}
