// The notice of a 更正 decision (条例第四十一条), made from the request's record itself: one built-in
// template per decision (更正告知书, 转送告知书, 告知向有权机关提出, 不予更正告知书), its placeholders
// filled with what the record says — the dates, the record concerned, the decision, the competent agency,
// the legal basis — and laid out in the frame of the application notices (documents/render.ts: title,
// 文号, addressee, body, contact line, seal and date). Not editable per agency (a later step could keep
// them in `templates`). The refusal to 更正 tells the remedy. Pure.

import type { PreparedDocument } from '../documents/render.ts';
import { chineseDate, parseIsoDate } from '../calendar/dates.ts';
import { fillPlaceholders } from '../documents/templates.ts';
import { AMENDMENT_BASIS, AMENDMENT_NOTICE_TITLES } from './vocab.ts';
import type { AmendmentDecision } from './vocab.ts';

/** What the request's record gives the notice. */
export interface AmendmentNoticeInput {
  number: string;
  requesterName: string;
  record: string;
  inaccuracy: string;
  requested: string;
  receivedOn: string;
  decision: AmendmentDecision;
  decidedOn: string;
  authority: string | null;
  note: string;
  /** the notice's 文号 (issued with the decision) */
  noticeNumber: string;
  agencyName: string;
  /** the 复议机关 and court of the agency's settings (null: not set; the remedy then names none) */
  reconsiderationBody: string | null;
  court: string | null;
  contactLine?: string | null;
}

const OPENING =
  '本机关于{{receivedOn}}收到您提出的政府信息更正申请（编号：{{number}}）。您认为政府信息记录“{{record}}”中与您自身相关的内容不准确（{{inaccuracy}}），要求更正为：{{requested}}。';

/** The body of each decision's notice, after the opening: one paragraph a line. */
export const AMENDMENT_TEMPLATES: Record<AmendmentDecision, string> = {
  amended: '经审核，您提出的更正要求属实。根据{{basis}}的规定，本机关已于{{decidedOn}}对该政府信息记录予以更正。',
  transferred: '经审核，该政府信息记录的更正不属于本机关职能范围。根据{{basis}}的规定，本机关已于{{decidedOn}}将您的更正申请转送有权更正的{{authority}}处理，请您与该机关联系。',
  redirected: '经审核，该政府信息记录的更正不属于本机关职能范围，有权更正的行政机关为{{authority}}。根据{{basis}}的规定，请您向{{authority}}提出更正申请。',
  rejected: '经审核，您提供的证明材料不能证明该政府信息记录不准确。根据{{basis}}的规定，本机关不予更正。',
};

/** The placeholders the templates use, in Chinese (the documentation of the templates). */
export const AMENDMENT_PLACEHOLDERS: Record<string, string> = {
  receivedOn: '收到更正申请日期',
  number: '更正申请编号',
  record: '需要更正的政府信息记录',
  inaccuracy: '记录不准确之处',
  requested: '要求更正的内容',
  basis: '法律依据（条例第四十一条）',
  decidedOn: '办结日期',
  authority: '有权更正的行政机关',
};

/** A typed value in a sentence: lines joined, no closing 。 (the template punctuates). */
const inline = (v: string): string =>
  v
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim().replace(/[。；;]+$/u, ''))
    .filter((l) => l !== '')
    .join('；');

const dateOf = (iso: string): string => {
  const d = parseIsoDate(iso);
  return d === null ? iso : chineseDate(d, false);
};

function remedy(input: AmendmentNoticeInput): string {
  const body = (input.reconsiderationBody ?? '').trim();
  const court = (input.court ?? '').trim() || '人民法院';
  return body === ''
    ? '如对本告知不服，可以依法申请行政复议或者提起行政诉讼。'
    : `如对本告知不服，可以自收到本告知书之日起六十日内向${body}申请行政复议，或者自收到本告知书之日起六个月内依法向${court}提起行政诉讼。`;
}

/** The notice of the decision, ready for documents/render.ts (renderPrepared, renderPreparedDocx). */
export function amendmentNotice(input: AmendmentNoticeInput): PreparedDocument {
  const values: Record<string, string> = {
    receivedOn: dateOf(input.receivedOn),
    number: input.number,
    record: inline(input.record),
    inaccuracy: inline(input.inaccuracy),
    requested: inline(input.requested),
    basis: AMENDMENT_BASIS,
    decidedOn: dateOf(input.decidedOn),
    authority: inline(input.authority ?? ''),
  };
  const fill = (t: string) => fillPlaceholders(t, (n) => values[n] ?? '');
  const note = inline(input.note);
  const paragraphs = [fill(OPENING), fill(AMENDMENT_TEMPLATES[input.decision])];
  if (note !== '') paragraphs.push(input.decision === 'rejected' ? `审核情况和理由：${note}。` : `${note}。`);
  if (input.decision === 'rejected') paragraphs.push(remedy(input));
  paragraphs.push('特此告知。');
  const contact = (input.contactLine ?? '').replace(/\s+/gu, ' ').trim();
  return {
    kind: 'amendment',
    title: AMENDMENT_NOTICE_TITLES[input.decision],
    number: input.noticeNumber,
    addressee: inline(input.requesterName),
    paragraphs,
    contact: contact === '' ? null : contact,
    signature: input.agencyName,
    date: dateOf(input.decidedOn),
  };
}
