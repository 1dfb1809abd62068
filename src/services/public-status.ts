// The status page of an online application, as its applicant sees it behind the receipt code and query
// password (public-grants.ts): where the handling stands, the timeline and the deadlines in plain words,
// and the documents issued to the applicant — no staff names, no notes.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { APPLICANT_TYPE_LABELS, OUTCOMES, STATE_LABELS } from '../domain/applications/types.ts';
import type { ApplicantType, DomainError, DomainResult, HandlingState, Outcome } from '../domain/applications/types.ts';
import type { ClockState } from '../domain/calendar/clocks.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { DOCUMENT_KIND_LABELS, REPLY_GROUP_LABELS, replyGroup } from '../domain/documents/templates.ts';
import type { DocumentKind } from '../domain/documents/templates.ts';
import { correctionWindow } from '../domain/applications/correction-window.ts';
import type { CorrectionWindow } from '../domain/applications/correction-window.ts';
import { progressOf } from '../domain/applications/progress.ts';
import type { Progress } from '../domain/applications/progress.ts';
import { allowedEvents } from '../domain/applications/transitions.ts';
import { findAgency } from './agencies.ts';
import { viewApplication } from './application-view.ts';
import { documentDocx } from './documents.ts';
import { documentPdf } from './document-pdf.ts';
import type { DocumentPdf } from './document-pdf.ts';
import type { BrowserSettings } from './pdf/index.ts';
import type { OnlineAgency } from './public-applications.ts';
import { checkQueryPassword, formatReceiptCode, normaliseReceiptCode, RECEIPT_CODE_LENGTH } from './public-grants.ts';
import type { QueryKey } from './query-key.ts';
import { publicRemedies } from './public-remedies.ts';
import type { PublicRemedies } from './public-remedies.ts';

// ---------------------------------------------------------------------------------------------
// The status page

export const STATUS_NOT_FOUND: DomainError = { code: 'STATUS_NOT_FOUND', message: '回执码或查询密码不正确' };

/** Where the handling stands, said to the applicant. */
const STATE_TEXT: Record<HandlingState, string> = {
  registered: '您的申请已登记，正在等待办理。',
  awaiting_correction: '本机关已向您发出补正告知，请在补正期限内按告知书的要求补正申请内容（可以在本页在线补正）；补正期间不计算答复期限，答复期限自本机关收到补正后的申请之日起重新计算。',
  in_progress: '您的申请正在办理中。',
  consulting: '本机关正在征求有关方面的意见，征求意见的时间不计入答复期限。',
  awaiting_payment: '本机关已向您发出信息处理费缴费通知，请在通知规定的期限内缴费。',
  replied: '本机关已作出答复，答复内容见下方的答复告知书。',
  concluded: '本申请已办结。',
  delivered: '本机关已作出答复并已送达。',
  archived: '本申请已办结并归档。',
};

const CLOCK_STATE_LABELS: Record<ClockState, string> = {
  running: '计时中',
  due_soon: '即将到期',
  overdue: '已超过期限',
  paused: '暂停计时',
  stopped: '已结束',
};

/** Documents addressed to the applicant (a consultation letter goes to a third party or another organ). */
const APPLICANT_DOCUMENTS: readonly DocumentKind[] = ['correction_notice', 'extension_notice', 'fee_notice', 'reply'];

export interface PublicTimelineEntry {
  date: string;
  text: string;
}

export interface PublicDeadline {
  /** the clock: reply (答复期限), correction_period (补正期限, while a 补正 is awaited), fee_payment (缴费期限) */
  id: string;
  title: string;
  basis: string;
  due: string | null;
  workingDaysLeft: number | null;
  state: ClockState;
  stateLabel: string;
  /** 暂定: the due date falls in a year whose holiday arrangement is not yet published */
  provisional: boolean;
  explain: string[];
}

export interface PublicDocumentEntry {
  id: number;
  number: string;
  title: string;
  kindLabel: string;
  issuedOn: string;
  /** a reply replaced by a corrected one (更正答复): still shown, marked 已被更正 */
  superseded: boolean;
  /** its PDF is kept (no browser needed to serve it) */
  hasPdf: boolean;
}

/** A 补正 the applicant sent online, as they see it again. */
export interface PublicCorrectionEntry {
  receivedOn: string;
  text: string;
  fileName: string | null;
}

export interface PublicStatus {
  agency: { code: string; name: string };
  number: string;
  /** ABCD-EFGH-JKMN (not secret without the query password) */
  receiptCode: string;
  applicantName: string;
  applicantTypeLabel: string;
  request: string;
  deliveryForm: string;
  submittedOn: string;
  receivedOn: string | null;
  state: HandlingState;
  stateLabel: string;
  stateText: string;
  closed: boolean;
  timeline: PublicTimelineEntry[];
  deadlines: PublicDeadline[];
  /** why the deadlines cannot be given (a year of the calendar not loaded) */
  deadlineError: string | null;
  documents: PublicDocumentEntry[];
  /** 收到 → 补正 → 办理 → 答复, with the deadline that runs now (domain/applications/progress.ts) */
  progress: Progress;
  /** whether the applicant may send the 补正 online now, or why not */
  correction: CorrectionWindow;
  /** the 补正 sent online so far */
  corrections: PublicCorrectionEntry[];
  /** the transition table allows a withdrawal now */
  mayWithdraw: boolean;
  /** the applicant's 行政复议/行政诉讼 deadlines, once the reply is delivered (public-remedies.ts) */
  remedies: PublicRemedies | null;
}

function timelineText(type: string, data: Record<string, unknown>, channel: string, actor: string): string {
  switch (type) {
    case 'register':
      return channel === 'online' ? '通过本平台在线提交申请，平台当即确认收到，本机关登记申请。' : '本机关登记申请。';
    case 'assign':
      return '本机关已安排专人办理。';
    case 'request_correction':
      return '本机关发出补正告知（条例第三十条）。';
    case 'receive_correction':
      return actor === 'online' ? '您通过本平台在线补正，平台当即确认收到，答复期限自此重新计算（条例第三十条）。' : '本机关收到您补正后的申请，答复期限自此重新计算。';
    case 'lapse_correction':
      return '补正期限届满未补正，视为放弃申请，本机关不再处理（条例第三十条）。';
    case 'start_consultation':
      return '本机关开始征求有关方面的意见，征求意见的时间不计入答复期限（条例第三十三条第三款）。';
    case 'end_consultation':
      return '征求意见结束，恢复计算答复期限。';
    case 'approve_extension': {
      const days = typeof data['workingDays'] === 'number' ? data['workingDays'] : 20;
      return `经政府信息公开工作机构负责人同意，答复期限延长${days}个工作日（条例第三十三条第二款）。`;
    }
    case 'send_fee_notice':
      return '本机关发出信息处理费缴费通知。';
    case 'record_payment':
      return '本机关确认收到您缴纳的信息处理费。';
    case 'lapse_fee':
      return '缴费期限届满未缴费，视为放弃申请，本机关不再处理。';
    case 'reply': {
      const outcome = data['outcome'];
      const group = typeof outcome === 'string' && outcome in OUTCOMES ? REPLY_GROUP_LABELS[replyGroup(outcome as Outcome)] : null;
      return group ? `本机关作出答复：${group}（详见答复告知书）。` : '本机关作出答复（详见答复告知书）。';
    }
    case 'withdraw':
      return '您撤回了申请。';
    case 'deliver':
      return '答复已送达。';
    case 'archive':
      return '申请已归档。';
    case 'receive_fee_notice':
      return '您收到了信息处理费缴费通知，缴费期限自收到之日的次日起计算。';
    case 'suggest_proactive':
      return '本机关登记了您关于将该信息纳入主动公开范围的建议（条例第四十四条）。';
    case 'correct_reply':
      return '本机关更正了答复，以更正后的答复告知书为准（原答复告知书仍可查看，标为“已被更正”）。';
    default:
      return '办理进展已更新。';
  }
}

/** What a receipt code and its password open: the grant the status page and its documents are served by. */
export interface PublicAccess {
  agency: { id: number; code: string; name: string };
  applicationId: number;
  /** the status grant's version when opened (public-grants.ts: 结束查询 revokes it) */
  grantVersion?: number;
}

/**
 * The application a receipt code and password open, or STATUS_NOT_FOUND — the same refusal whether the code
 * or the password is wrong, after the same work (public-grants.ts: one HMAC and one comparison, against a
 * value of no application for an unknown code). A password kept as argon2id (before the HMAC) is replaced
 * by its HMAC on this first successful check: one statement, only while the stored value is still the one
 * checked (a reset meanwhile stands).
 */
export async function openPublicAccess(db: Kysely<DB>, agency: OnlineAgency, code: string, password: string, key: QueryKey): Promise<DomainResult<PublicAccess>> {
  let found: { id: number; code: string; name: string };
  if (typeof agency === 'string') {
    const lookedUp = await findAgency(db, agency);
    if (!lookedUp.ok) return lookedUp;
    found = lookedUp.value;
  } else found = agency;
  const receiptCode = normaliseReceiptCode(code);
  const row =
    receiptCode.length === RECEIPT_CODE_LENGTH
      ? await db
          .selectFrom('publicAccess as p')
          .innerJoin('applications as a', 'a.id', 'p.applicationId')
          .select(['p.applicationId', 'p.passwordHash', 'p.grantVersion'])
          .where('p.receiptCode', '=', receiptCode)
          .where('a.agencyId', '=', found.id)
          .executeTakeFirst()
      : undefined;
  const checked = await checkQueryPassword(key, row?.passwordHash, receiptCode, password);
  if (!row || !checked.matches) return { ok: false, error: STATUS_NOT_FOUND };
  if (checked.upgrade !== undefined) {
    await db.updateTable('publicAccess').set({ passwordHash: checked.upgrade }).where('applicationId', '=', row.applicationId).where('passwordHash', '=', row.passwordHash).execute();
  }
  return { ok: true, value: { agency: { id: found.id, code: found.code, name: found.name }, applicationId: row.applicationId, grantVersion: row.grantVersion } };
}

/** The status of an online application for its applicant, in plain words (no staff names, no notes). */
export async function publicStatus(
  db: Kysely<DB>,
  agencyCode: string,
  code: string,
  password: string,
  key: QueryKey,
  today: string,
  calendar: WorkingCalendar,
): Promise<DomainResult<PublicStatus>> {
  const access = await openPublicAccess(db, agencyCode, code, password, key);
  if (!access.ok) return access;
  return publicStatusOf(db, access.value, today, calendar);
}

/** The status, for an access already opened (openPublicAccess: the password was checked then). */
export async function publicStatusOf(db: Kysely<DB>, access: PublicAccess, today: string, calendar: WorkingCalendar): Promise<DomainResult<PublicStatus>> {
  const view = await viewApplication(db, access.agency.id, { id: access.applicationId }, { calendar, today });
  if (!view.ok) return { ok: false, error: STATUS_NOT_FOUND };
  const { application: a, events, documents, clocks, clockError } = view.value;
  const state = a.state as HandlingState;
  const awaitingCorrection = state === 'awaiting_correction';
  const deadlines = (clocks ?? [])
    .filter((c) => c.id === 'reply' || c.id === 'fee_payment' || (awaitingCorrection && c.id === 'correction_period'))
    .sort((x, y) => (x.id === 'correction_period' ? -1 : y.id === 'correction_period' ? 1 : 0))
    .map((c) => ({
      id: c.id,
      title: c.title,
      basis: c.basis,
      due: c.due,
      workingDaysLeft: c.workingDaysLeft,
      state: c.state,
      // while the 补正 is awaited the reply period has not started: never "已结束" (条例第三十条)
      stateLabel: c.id === 'reply' && awaitingCorrection ? '暂不计算：自本机关收到补正后的申请之日起重新计算' : CLOCK_STATE_LABELS[c.state],
      provisional: c.provisional === true,
      explain: c.explain,
    }));
  const grant = await db.selectFrom('publicAccess').select('receiptCode').where('applicationId', '=', a.id).executeTakeFirst();
  return {
    ok: true,
    value: {
      agency: { code: access.agency.code, name: access.agency.name },
      number: a.number,
      receiptCode: grant ? formatReceiptCode(grant.receiptCode) : '',
      applicantName: a.applicantName,
      applicantTypeLabel: APPLICANT_TYPE_LABELS[a.applicantType as ApplicantType] ?? a.applicantType,
      request: a.request,
      deliveryForm: a.deliveryForm,
      submittedOn: a.submittedOn,
      receivedOn: a.receivedOn,
      state,
      stateLabel: STATE_LABELS[state] ?? a.state,
      stateText: STATE_TEXT[state] ?? '',
      closed: a.closedOn !== null,
      timeline: events.map((e) => ({ date: e.occurredOn, text: timelineText(e.type, e.data, a.channel, e.actor) })),
      deadlines,
      // not the officials' message (it names the platform's administration): the citizen is told what it means for them
      deadlineError: clocks === null ? (clockError === null ? '暂时无法计算期限。' : '期限暂时无法计算（涉及的年度节假日安排尚未公布），本机关仍将依照条例规定的期限答复。') : null,
      documents: documents
        .filter((d) => APPLICANT_DOCUMENTS.includes(d.kind as DocumentKind))
        .map((d) => ({
          id: d.id,
          number: d.number,
          title: d.title,
          kindLabel: DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.title,
          issuedOn: d.issuedOn,
          superseded: d.supersededBy !== null,
          hasPdf: d.hasPdf,
        })),
      progress: progressOf({ state, receivedOn: a.receivedOn, events, clocks }),
      correction: correctionWindow(state, clocks, today),
      corrections: view.value.corrections.map((c) => ({ receivedOn: c.receivedOn, text: c.text, fileName: c.file?.fileName ?? null })),
      mayWithdraw: allowedEvents(state).includes('withdraw'),
      remedies: publicRemedies(view.value.remedies),
    },
  };
}

export type PublicDocument =
  | { format: 'html'; html: string; number: string; title: string }
  | { format: 'docx'; bytes: Uint8Array; number: string; title: string };

/** A document issued to the applicant, as its HTML or DOCX; the same refusal for a wrong code or password. */
export async function publicDocument(
  db: Kysely<DB>,
  agencyCode: string,
  code: string,
  password: string,
  key: QueryKey,
  documentId: number,
  format: 'html' | 'docx' = 'html',
): Promise<DomainResult<PublicDocument>> {
  const access = await openPublicAccess(db, agencyCode, code, password, key);
  if (!access.ok) return access;
  return publicDocumentOf(db, access.value, documentId, format);
}

/** A document issued to the applicant, for an access already opened. */
export async function publicDocumentOf(db: Kysely<DB>, access: PublicAccess, documentId: number, format: 'html' | 'docx' = 'html'): Promise<DomainResult<PublicDocument>> {
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'kind', 'number', 'title', 'html'])
    .where('id', '=', documentId)
    .where('applicationId', '=', access.applicationId)
    .where('agencyId', '=', access.agency.id)
    .executeTakeFirst();
  const notFound: DomainError = { code: 'DOCUMENT_NOT_FOUND', message: '没有找到该文书。' };
  if (!doc || !APPLICANT_DOCUMENTS.includes(doc.kind as DocumentKind)) return { ok: false, error: notFound };
  if (format === 'html') return { ok: true, value: { format, html: doc.html, number: doc.number, title: doc.title } };
  const docx = await documentDocx(db, access.agency.id, doc.id);
  if (!docx.ok) return docx;
  return { ok: true, value: { format, bytes: docx.value.bytes, number: doc.number, title: doc.title } };
}

/**
 * A document issued to the applicant as PDF, for an access already opened: kept, or printed now and kept
 * (services/document-pdf.ts; the first print is audited as the applicant's).
 */
export async function publicDocumentPdfOf(
  db: Kysely<DB>,
  access: PublicAccess,
  documentId: number,
  browser: BrowserSettings,
  who: { ip: string | null; now: string },
): Promise<DomainResult<DocumentPdf>> {
  const doc = await db.selectFrom('documents').select(['id', 'kind']).where('id', '=', documentId).where('applicationId', '=', access.applicationId).where('agencyId', '=', access.agency.id).executeTakeFirst();
  if (!doc || !APPLICANT_DOCUMENTS.includes(doc.kind as DocumentKind)) return { ok: false, error: { code: 'DOCUMENT_NOT_FOUND', message: '没有找到该文书。' } };
  return documentPdf(db, access.agency.id, doc.id, browser, { userId: null, ip: who.ip, now: who.now, via: 'online' });
}
