// 依申请公开 online, as the citizen sees it: the application form's submission (条例第二十九条: name,
// 身份证明, contact; the information sought; the form of delivery), confirmed on the spot (第三十一条第（三）
// 项: the date both sides confirm is the receipt date — the platform confirms when it accepts the form),
// answered with a receipt code and a query password shown once; and the status page behind them.

import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CONTROL_CHARACTERS, plain } from '../domain/text-rules.ts';
import { joined, Refused } from './transactions.ts';
import type { DB } from '../db/schema.ts';
import { validateIdentity } from '../domain/applications/identity.ts';
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOMES, STATE_LABELS } from '../domain/applications/types.ts';
import type { ApplicantType, DomainError, DomainResult, HandlingState, IdKind, Outcome } from '../domain/applications/types.ts';
import type { ClockState } from '../domain/calendar/clocks.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { DOCUMENT_KIND_LABELS, REPLY_GROUP_LABELS, replyGroup } from '../domain/documents/templates.ts';
import type { DocumentKind } from '../domain/documents/templates.ts';
import { sniffUpload } from '../domain/uploads/sniff.ts';
import type { SniffedUpload } from '../domain/uploads/sniff.ts';
import { findAgency } from './agencies.ts';
import { viewApplication } from './application-view.ts';
import { registerApplication } from './applications.ts';
import type { Actor } from './applications.ts';
import { documentDocx } from './documents.ts';
import { storeUpload } from './uploads.ts';

// ---------------------------------------------------------------------------------------------
// The form's choices

export const ID_KIND_LABELS: Record<IdKind, string> = {
  resident_id: '居民身份证',
  uscc: '统一社会信用代码',
  other: '其他有效身份证件（护照、港澳台居民居住证等）',
};

export type DeliveryForm = 'paper_post' | 'paper_pickup' | 'email' | 'disc_post' | 'on_site';

/** 条例第二十九条第二款第（三）项、第四十条: the form and the way the information is to be provided. */
export const DELIVERY_FORM_LABELS: Record<DeliveryForm, string> = {
  paper_post: '纸质文本，邮寄',
  paper_pickup: '纸质文本，自行领取',
  email: '电子文本，电子邮件发送',
  disc_post: '光盘，邮寄',
  on_site: '当场阅览、抄录',
};

export const DELIVERY_FORMS = Object.keys(DELIVERY_FORM_LABELS) as DeliveryForm[];

const BY_POST: readonly DeliveryForm[] = ['paper_post', 'disc_post'];

/** What the form sends (every text field as typed; the file as uploaded, or null when none was chosen). */
export interface OnlineApplicationInput {
  applicantType: string;
  applicantName: string;
  idKind: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  request: string;
  deliveryForm: string;
  identityProof: { bytes: Uint8Array; type: string; name: string } | null;
}

/** The fields of the form, in their order on the page (the error summary follows it). */
export const FORM_FIELDS = ['applicantType', 'applicantName', 'idKind', 'idNumber', 'identityProof', 'phone', 'email', 'address', 'request', 'deliveryForm'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FieldError {
  field: FormField;
  message: string;
  /** the refusal's code when it has its own (UPLOAD_TYPE_MISMATCH …); INVALID_INPUT otherwise */
  code?: string;
}

export interface OnlineReceipt {
  applicationId: number;
  /** 编号 */
  number: string;
  /** 条例第三十一条第（三）项: confirmed on submission, so the submission date */
  receivedOn: string;
  /** 回执码 (12 characters; formatReceiptCode groups it for reading) */
  receiptCode: string;
  /** 查询密码: shown once, only its argon2id hash is kept */
  password: string;
}

export type SubmitResult = { ok: true; value: OnlineReceipt } | { ok: false; error: DomainError; fieldErrors: FieldError[] };

/** NFKC for codes, numbers and addresses typed with a Chinese keyboard (full-width ５, ＠); free text is only trimmed. */
const normal = (s: string): string => s.normalize('NFKC').trim();
const trimmed = (s: string): string => s.trim();

const schema = z.object({
  applicantType: z.enum(APPLICANT_TYPES as [ApplicantType, ...ApplicantType[]], { message: '请选择申请人类型' }),
  applicantName: plain(z.string(), '申请人姓名或名称').transform(trimmed).pipe(z.string().min(1, '请填写申请人姓名或名称').max(100, '申请人姓名或名称不能超过100个字')),
  idKind: z.enum(['resident_id', 'uscc', 'other'], { message: '请选择身份证明文件的类型' }),
  idNumber: plain(z.string(), '身份证明文件号码').transform(normal).pipe(z.string().min(1, '请填写身份证明文件的号码').max(64, '身份证明文件号码不能超过64个字符')),
  phone: plain(z.string(), '联系电话')
    .transform((s) => normal(s).replace(/[\s()（）-]/g, ''))
    .pipe(z.string().refine((s) => s === '' || /^(\+?86)?(1[3-9]\d{9}|0\d{9,11})$/.test(s), '请填写正确的手机号码（11位）或固定电话（含区号），例如 13800138000 或 010-12345678')),
  email: plain(z.string(), '电子邮箱')
    .transform(normal)
    .pipe(z.string().max(200, '电子邮箱不能超过200个字符').refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), '请填写正确的电子邮箱，例如 name@example.com')),
  address: plain(z.string(), '通信地址').transform(trimmed).pipe(z.string().max(200, '通信地址不能超过200个字')),
  request: plain(z.string(), '所需政府信息的描述', { multiline: true })
    .transform(trimmed)
    .pipe(z.string().min(1, '请填写所需政府信息的名称、文号或者便于查询的其他特征性描述').max(5000, '所需政府信息的描述不能超过5000个字')),
  deliveryForm: z.enum(DELIVERY_FORMS as [DeliveryForm, ...DeliveryForm[]], { message: '请选择获取政府信息的方式' }),
});

type Valid = z.output<typeof schema> & { identity: { bytes: Uint8Array; sniffed: SniffedUpload } };

/** Every problem of the form, one per field (the first), in the order of the page. */
export function validateOnlineApplication(input: OnlineApplicationInput, today: string): { ok: true; value: Valid } | { ok: false; errors: FieldError[] } {
  const errors = new Map<FormField, { message: string; code?: string }>();
  const add = (field: FormField, message: string, code?: string) => {
    if (!errors.has(field)) errors.set(field, code === undefined ? { message } : { message, code });
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const control = issue.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === CONTROL_CHARACTERS;
      if (typeof field === 'string' && (FORM_FIELDS as readonly string[]).includes(field)) add(field as FormField, issue.message, control ? CONTROL_CHARACTERS : undefined);
    }
  }
  const v = parsed.success ? parsed.data : null;
  // 条例第二十九条: 身份证明 — the kind must suit the applicant
  const type = APPLICANT_TYPES.includes(input.applicantType as ApplicantType) ? (input.applicantType as ApplicantType) : null;
  const kind = (['resident_id', 'uscc', 'other'] as const).find((k) => k === input.idKind) ?? null;
  if (type !== null && kind !== null) {
    if (type === 'natural_person' && kind === 'uscc') add('idKind', '自然人请选择居民身份证或其他有效身份证件');
    if (type !== 'natural_person' && kind === 'resident_id') add('idKind', '法人或者其他组织请选择统一社会信用代码或其他有效证件');
  }
  let idNumber = normal(input.idNumber);
  if (kind !== null && idNumber !== '' && !errors.has('idKind') && !errors.has('idNumber')) {
    const checked = validateIdentity(kind, idNumber, today);
    if (checked.ok) idNumber = checked.value;
    else add('idNumber', checked.error.message);
  }
  // contact: a telephone or an e-mail address (条例第二十九条第二款第（一）项 联系方式)
  const phone = normal(input.phone);
  const email = normal(input.email);
  if (phone === '' && email === '') add('phone', '请至少填写联系电话或电子邮箱中的一项');
  const delivery = DELIVERY_FORMS.find((d) => d === input.deliveryForm);
  if (delivery !== undefined && BY_POST.includes(delivery) && input.address.trim() === '') add('address', '选择邮寄的，请填写通信地址');
  if (delivery === 'email' && email === '') add('email', '选择电子邮件发送的，请填写电子邮箱');
  // the identity proof: what it claims to be, ≤ 5 MB
  const proof = input.identityProof;
  const sniffed = proof === null ? sniffUpload(new Uint8Array(0), '', '') : sniffUpload(proof.bytes, proof.type, proof.name);
  if (!sniffed.ok) add('identityProof', sniffed.error.message, sniffed.error.code);
  if (errors.size > 0 || v === null || proof === null || !sniffed.ok) {
    const list = FORM_FIELDS.flatMap((field) => {
      const e = errors.get(field);
      return e ? [{ field, ...e }] : [];
    });
    return { ok: false, errors: list };
  }
  return { ok: true, value: { ...v, idNumber, identity: { bytes: proof.bytes, sniffed: sniffed.value } } };
}

// ---------------------------------------------------------------------------------------------
// Receipt codes and query passwords

/** No 0/O, 1/I/L: read aloud or copied by hand without doubt. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_CODE_LENGTH = 12;
export const PASSWORD_LENGTH = 10;

function randomText(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET.charAt(randomInt(ALPHABET.length));
  return s;
}

/** ABCD-EFGH-JKMN: the code as printed on the receipt. */
export function formatReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What a citizen types back: any case, full-width, spaces and hyphens allowed. */
export function normaliseReceiptCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s\-_—–]/g, '');
}

export function normalisePassword(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/\s/g, '');
}

const ARGON2ID = 2 as Algorithm.Argon2id;

/** Verified against when the code is unknown, so that a wrong code and a wrong password take the same time. */
let dummyHash: Promise<string> | undefined;
const dummy = (): Promise<string> => (dummyHash ??= hash(randomText(PASSWORD_LENGTH), { algorithm: ARGON2ID }));

async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never opens anything
  }
}

// ---------------------------------------------------------------------------------------------
// Submission



/** The actor of the events the online form records. */
export const ONLINE_ACTOR = 'online';

/**
 * An application made through the platform: checked field by field, then registered (channel online,
 * received today: 条例第三十一条第（三）项), its 身份证明 kept and its receipt code and query password
 * created — one transaction. The password is returned here once; only its hash is kept.
 */
export async function submitOnline(db: Kysely<DB>, agencyCode: string, input: OnlineApplicationInput, now: string): Promise<SubmitResult> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return { ok: false, error: agency.error, fieldErrors: [] };
  const today = now.slice(0, 10);
  const checked = validateOnlineApplication(input, today);
  if (!checked.ok) {
    const first = checked.errors[0];
    return { ok: false, error: { code: first?.code ?? 'INVALID_INPUT', message: first?.message ?? '输入无效', field: first?.field ?? '' }, fieldErrors: checked.errors };
  }
  const v = checked.value;
  const sniffed = v.identity.sniffed;
  const contact = [v.phone ? `电话：${v.phone}` : '', v.email ? `电子邮箱：${v.email}` : ''].filter((s) => s !== '').join('；');
  const password = randomText(PASSWORD_LENGTH);
  const passwordHash = await hash(password, { algorithm: ARGON2ID }); // before the transaction: keep it short
  const who: Actor = { actor: ONLINE_ACTOR, now, today };
  try {
    const receipt = await db.transaction().execute(async (trx) => {
      const registered = await registerApplication(
        joined(trx),
        agency.value.id,
        {
          applicantType: v.applicantType,
          applicantName: v.applicantName,
          idKind: v.idKind,
          idNumber: v.idNumber,
          contact,
          address: v.address,
          channel: 'online',
          submittedOn: today,
          receivedOn: today,
          request: v.request,
          deliveryForm: DELIVERY_FORM_LABELS[v.deliveryForm],
        },
        who,
      );
      if (!registered.ok) throw new Refused(registered.error);
      const application = registered.value;
      await storeUpload(trx, { agencyId: agency.value.id, applicationId: application.id, kind: 'identity_proof', sniffed, bytes: v.identity.bytes, now });
      let receiptCode = randomText(RECEIPT_CODE_LENGTH);
      for (let attempt = 0; ; attempt++) {
        const taken = await trx.selectFrom('publicAccess').select('applicationId').where('receiptCode', '=', receiptCode).executeTakeFirst();
        if (!taken) break;
        if (attempt >= 5) throw new Error('no free receipt code after 6 attempts');
        receiptCode = randomText(RECEIPT_CODE_LENGTH);
      }
      await trx.insertInto('publicAccess').values({ applicationId: application.id, receiptCode, passwordHash, createdAt: now }).execute();
      return { applicationId: application.id, number: application.number, receivedOn: application.receivedOn ?? today, receiptCode, password };
    });
    return { ok: true, value: receipt };
  } catch (e) {
    if (e instanceof Refused) {
      const field = (FORM_FIELDS as readonly string[]).includes(e.refusal.field ?? '') ? (e.refusal.field as FormField) : 'request';
      return { ok: false, error: e.refusal, fieldErrors: [{ field, message: e.refusal.message }] };
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The status page

export const STATUS_NOT_FOUND: DomainError = { code: 'STATUS_NOT_FOUND', message: '回执码或查询密码不正确' };

/** Where the handling stands, said to the applicant. */
const STATE_TEXT: Record<HandlingState, string> = {
  registered: '您的申请已登记，正在等待办理。',
  awaiting_correction: '本机关已向您发出补正告知，请按告知书的要求补正申请内容；答复期限自收到补正后的申请之日起重新计算。',
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
}

export interface PublicStatus {
  agency: { code: string; name: string };
  number: string;
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
}

function timelineText(type: string, data: Record<string, unknown>, channel: string): string {
  switch (type) {
    case 'register':
      return channel === 'online' ? '通过本平台在线提交申请，平台当即确认收到，本机关登记申请。' : '本机关登记申请。';
    case 'assign':
      return '本机关已安排专人办理。';
    case 'request_correction':
      return '本机关发出补正告知（条例第三十条）。';
    case 'receive_correction':
      return '本机关收到您补正后的申请，答复期限自此重新计算。';
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
}

/**
 * The application a receipt code and password open, or STATUS_NOT_FOUND — the same refusal whether
 * the code or the password is wrong, after the same argon2 work (a dummy hash for an unknown code).
 */
export async function openPublicAccess(db: Kysely<DB>, agencyCode: string, code: string, password: string): Promise<DomainResult<PublicAccess>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const receiptCode = normaliseReceiptCode(code);
  const typed = normalisePassword(password);
  const row =
    receiptCode.length === RECEIPT_CODE_LENGTH
      ? await db
          .selectFrom('publicAccess as p')
          .innerJoin('applications as a', 'a.id', 'p.applicationId')
          .select(['p.applicationId', 'p.passwordHash'])
          .where('p.receiptCode', '=', receiptCode)
          .where('a.agencyId', '=', agency.value.id)
          .executeTakeFirst()
      : undefined;
  const matches = await passwordMatches(row?.passwordHash ?? (await dummy()), typed === '' ? ' ' : typed);
  if (!row || !matches) return { ok: false, error: STATUS_NOT_FOUND };
  return { ok: true, value: { agency: { id: agency.value.id, code: agency.value.code, name: agency.value.name }, applicationId: row.applicationId } };
}

/** The status of an online application for its applicant, in plain words (no staff names, no notes). */
export async function publicStatus(db: Kysely<DB>, agencyCode: string, code: string, password: string, today: string, calendar: WorkingCalendar): Promise<DomainResult<PublicStatus>> {
  const access = await openPublicAccess(db, agencyCode, code, password);
  if (!access.ok) return access;
  return publicStatusOf(db, access.value, today, calendar);
}

/** The status, for an access already opened (openPublicAccess: the password was checked then). */
export async function publicStatusOf(db: Kysely<DB>, access: PublicAccess, today: string, calendar: WorkingCalendar): Promise<DomainResult<PublicStatus>> {
  const view = await viewApplication(db, access.agency.id, { id: access.applicationId }, { calendar, today });
  if (!view.ok) return { ok: false, error: STATUS_NOT_FOUND };
  const { application: a, events, documents, clocks, clockError } = view.value;
  const state = a.state as HandlingState;
  const deadlines = (clocks ?? [])
    .filter((c) => c.id === 'reply' || c.id === 'fee_payment')
    .map((c) => ({
      title: c.title,
      basis: c.basis,
      due: c.due,
      workingDaysLeft: c.workingDaysLeft,
      state: c.state,
      stateLabel: CLOCK_STATE_LABELS[c.state],
      provisional: c.provisional === true,
      explain: c.explain,
    }));
  return {
    ok: true,
    value: {
      agency: { code: access.agency.code, name: access.agency.name },
      number: a.number,
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
      timeline: events.map((e) => ({ date: e.occurredOn, text: timelineText(e.type, e.data, a.channel) })),
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
        })),
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
  documentId: number,
  format: 'html' | 'docx' = 'html',
): Promise<DomainResult<PublicDocument>> {
  const access = await openPublicAccess(db, agencyCode, code, password);
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
