// What a 更正 request and its decision carry (条例第四十一条): one schema per input, shared by the staff
// form and the service, and the rules between fields — a decision dated on or after the receipt and not
// after today, the competent agency named when the request is transferred or redirected, the reasons
// stated when it is not corrected. Pure: today is an argument.

import { z } from 'zod';
import { parseIsoDate } from '../calendar/dates.ts';
import type { DomainResult } from '../applications/types.ts';
import { text } from '../text-rules.ts';
import { AMENDMENT_DECISIONS, NEEDS_AUTHORITY, NEEDS_REASONS } from './vocab.ts';
import type { AmendmentDecision } from './vocab.ts';

const isoDate = (label: string) => text(label, 40).trim().refine((s) => parseIsoDate(s) !== null, `${label}不是有效日期，请写成 YYYY-MM-DD，例如 2026-03-05`);
const required = (label: string, max: number, multiline = false) => text(label, max, { multiline }).trim().min(1, `请填写${label}`);

/** Registering a 更正 request (the form's fields, strings). */
export const amendmentInput = z.object({
  requesterName: required('申请人姓名或名称', 200),
  requesterContact: text('联系方式', 200).trim().default(''),
  /** '' (the form's 不填): none */
  idKind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['resident_id', 'uscc', 'other'], { message: '证件类型无效' }).optional()),
  idNumber: text('证件号码', 64).trim().optional(),
  record: required('需要更正的政府信息记录', 2000, true),
  inaccuracy: required('记录不准确之处', 5000, true),
  requested: required('要求更正的内容', 5000, true),
  evidence: required('证明材料（说明）', 5000, true),
  receivedOn: isoDate('收到日期'),
  handler: text('承办人', 100).trim().optional(),
});

export type AmendmentInput = z.input<typeof amendmentInput>;
export type AmendmentValues = z.output<typeof amendmentInput>;

/** A decision on a 更正 request. */
export const decisionInput = z.object({
  decision: z.enum(AMENDMENT_DECISIONS as [AmendmentDecision, ...AmendmentDecision[]], { message: '请选择办理结果' }),
  decidedOn: isoDate('办结日期'),
  authority: text('有权更正的机关', 200).trim().optional(),
  note: text('办理说明', 5000, { multiline: true }).trim().default(''),
});

export type DecisionInput = z.input<typeof decisionInput>;
export type DecisionValues = z.output<typeof decisionInput>;

const refuse = <T>(code: string, message: string, field: string): DomainResult<T> => ({ ok: false, error: { code, message, field } });

/** The received date checked against today. */
export function checkReceipt(values: AmendmentValues, today: string): DomainResult<AmendmentValues> {
  if (values.receivedOn > today) return refuse('DATE_IN_FUTURE', '收到日期不能晚于今天。', 'receivedOn');
  return { ok: true, value: values };
}

/**
 * The rules between a decision's fields and its request: dated on or after the receipt and not after
 * today; the competent agency named for 转送 and 告知向有权机关提出 (第四十一条: 有权更正的行政机关); the
 * reasons stated for 不予更正 (the requester is told why).
 */
export function checkDecision(values: DecisionValues, request: { receivedOn: string }, today: string): DomainResult<Omit<DecisionValues, 'authority'> & { authority: string | null }> {
  if (values.decidedOn < request.receivedOn) return refuse('DATE_BEFORE_RECEIPT', `办结日期不能早于收到更正申请的日期（${request.receivedOn}）。`, 'decidedOn');
  if (values.decidedOn > today) return refuse('DATE_IN_FUTURE', '办结日期不能晚于今天。', 'decidedOn');
  const authority = (values.authority ?? '').trim();
  if (NEEDS_AUTHORITY.has(values.decision) && authority.length < 4) {
    return refuse('AUTHORITY_REQUIRED', '转送或告知向有权机关提出的，请写明有权更正的行政机关的全称（条例第四十一条），例如“示范市不动产登记中心”。', 'authority');
  }
  if (NEEDS_REASONS.has(values.decision) && values.note.trim() === '') {
    return refuse('REASONS_REQUIRED', '不予更正的，请在办理说明中写明审核的情况和不予更正的理由（将写入告知书）。', 'note');
  }
  return { ok: true, value: { ...values, authority: NEEDS_AUTHORITY.has(values.decision) ? authority : null } };
}
