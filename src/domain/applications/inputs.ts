// What a request may carry for an application, one schema per input, shared by the staff forms
// (web/pages/staff*.tsx) and the JSON API (web/api): the fields' types, their longest length (the
// forms' maxlength) and the text rule (text-rules.ts: no control characters). A refusal names the field
// in Chinese. The meaning — a valid date, a known choice, a legal step — is checked by the services.

import { z } from 'zod';
import { text } from '../text-rules.ts';
import { EVENT_TYPES } from './transitions.ts';
import type { EventType } from './types.ts';

/** Registering an application (登记): every field a string, as the form sends it. */
export const registerInput = z.object({
  number: text('编号', 64).optional(),
  applicantType: text('申请人类型', 40).optional(),
  applicantName: text('申请人姓名或名称', 200).optional(),
  idKind: text('证件类型', 20).optional(),
  idNumber: text('证件号码', 64).optional(),
  contact: text('联系方式', 200).optional(),
  address: text('通信地址', 300).optional(),
  channel: text('提交方式', 20).optional(),
  submittedOn: text('提交日期', 40).optional(),
  receivedOn: text('收到申请日期', 40).optional(),
  request: text('所需政府信息的描述', 20_000, { multiline: true }).optional(),
  deliveryForm: text('获取信息的方式', 200).optional(),
  handler: text('承办人', 100).optional(),
});

/** The text fields of a step of the handling (办理步骤), the withdrawal (撤回) among them. */
export const eventTextFields = {
  occurredOn: text('日期', 40).optional(),
  outcome: text('答复结果', 60).optional(),
  legalBasis: text('法律依据', 300).optional(),
  party: text('被征求意见方的类型', 20).optional(),
  partyName: text('被征求意见方的名称', 200).optional(),
  letterReceivedOn: text('收到意见的日期', 40).optional(),
  delivery: text('送达方式', 20).optional(),
  noticeReceivedOn: text('申请人收到通知的日期', 40).optional(),
  handler: text('承办人', 100).optional(),
  note: text('备注', 1000, { multiline: true }).optional(),
};

const eventType = z.enum(EVENT_TYPES as [EventType, ...EventType[]], { message: '未知的办理步骤' });

/** A step as the form sends it: every field a string (工作日数 too). */
export const eventForm = z.object({ type: eventType, ...eventTextFields, workingDays: text('工作日数', 10).optional() });

/** A step as the API sends it: 工作日数 a number, the party and the delivery one of their choices. */
export const eventInput = z.object({
  type: eventType,
  ...eventTextFields,
  workingDays: z.number({ message: 'workingDays 应为整数（工作日数）' }).int('workingDays 应为整数（工作日数）').min(-999).max(999).optional(),
  party: z.enum(['third_party', 'other_agency'], { message: 'party 应为 third_party 或 other_agency' }).optional(),
  delivery: z.enum(['in_person', 'post', 'electronic'], { message: 'delivery 应为 in_person、post 或 electronic' }).optional(),
});

/** The values a notice is made with (文书内容), by placeholder name. */
export const documentValues = z.record(z.string().max(64, '文书内容的名称过长'), text('文书内容', 5000, { multiline: true }));

/** The longest value of a notice's field (the form's). */
export const DOCUMENT_VALUE_MAX = 5000;
