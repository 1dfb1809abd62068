// 依申请公开 online, as the citizen sees it: the application form's submission (条例第二十九条: name,
// 身份证明, contact; the information sought; the form of delivery), confirmed on the spot (第三十一条第（三）
// 项: the date both sides confirm is the receipt date — the platform confirms when it accepts the form),
// answered with a receipt code and a query password shown once (public-grants.ts). The status page
// behind them is public-status.ts; both are re-exported here for the callers of before the split.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CONTROL_CHARACTERS, plain } from '../domain/text-rules.ts';
import type { DB } from '../db/schema.ts';
import { validateIdentity } from '../domain/applications/identity.ts';
import { APPLICANT_TYPES } from '../domain/applications/types.ts';
import type { ApplicantType, DomainError, IdKind } from '../domain/applications/types.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { sniffUpload } from '../domain/uploads/sniff.ts';
import type { SniffedUpload } from '../domain/uploads/sniff.ts';
import { findAgency } from './agencies.ts';
import { dbErrorCode } from '../db/errors.ts';
import { numbered, prepareRegistration, registering } from './applications.ts';
import type { Actor } from './applications.ts';
import { newQueryPassword, newReceiptCode, protectPassword } from './public-grants.ts';
import type { QueryKey } from './query-key.ts';
import { uploadRow } from './uploads.ts';

export { formatReceiptCode, normalisePassword, normaliseReceiptCode, PASSWORD_LENGTH, RECEIPT_CODE_LENGTH } from './public-grants.ts';
export { openPublicAccess, publicDocument, publicDocumentOf, publicStatus, publicStatusOf, STATUS_NOT_FOUND } from './public-status.ts';
export type { PublicAccess, PublicDeadline, PublicDocument, PublicDocumentEntry, PublicStatus, PublicTimelineEntry } from './public-status.ts';

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
  /** 查询密码: shown once, only its HMAC is kept (public-grants.ts) */
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
// Submission

/** The actor of the events the online form records. */
export const ONLINE_ACTOR = 'online';

/** The agency an online application is made to: its code, or the agency already found (the page's, once per request). */
export type OnlineAgency = string | { id: number; code: string; name: string };

/** A receipt code taken already (≈10⁻¹² at a million applications): the statement failed whole, and is tried again. */
const receiptCodeTaken = (e: unknown): boolean => {
  const error = dbErrorCode(e);
  return error?.code === 'UNIQUE_VIOLATION' && error.constraint === 'public_access_receipt_code_key';
};

/**
 * An application made through the platform: checked field by field, then registered (channel online,
 * received today: 条例第三十一条第（三）项), its 身份证明 kept and its receipt code and query password
 * created — the 编号 taken, then one statement (registering() with the upload and the grant added), in
 * one transaction. The password is returned here once; only its HMAC is kept
 * (public-grants.ts, under the query key).
 */
export async function submitOnline(
  db: Kysely<DB>,
  agency: OnlineAgency,
  input: OnlineApplicationInput,
  now: string,
  key: QueryKey,
  options: { calendar?: WorkingCalendar } = {},
): Promise<SubmitResult> {
  let agencyId: number;
  if (typeof agency === 'string') {
    const found = await findAgency(db, agency);
    if (!found.ok) return { ok: false, error: found.error, fieldErrors: [] };
    agencyId = found.value.id;
  } else agencyId = agency.id;
  const today = now.slice(0, 10);
  const checked = validateOnlineApplication(input, today);
  if (!checked.ok) {
    const first = checked.errors[0];
    return { ok: false, error: { code: first?.code ?? 'INVALID_INPUT', message: first?.message ?? '输入无效', field: first?.field ?? '' }, fieldErrors: checked.errors };
  }
  const v = checked.value;
  const contact = [v.phone ? `电话：${v.phone}` : '', v.email ? `电子邮箱：${v.email}` : ''].filter((s) => s !== '').join('；');
  // the calendar: to store its due dates at once (due-dates.ts; without it they are computed when first read)
  const who: Actor = { actor: ONLINE_ACTOR, now, today, ...(options.calendar ? { calendar: options.calendar } : {}) };
  const prepared = prepareRegistration(
    agencyId,
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
  if (!prepared.ok) {
    const field = (FORM_FIELDS as readonly string[]).includes(prepared.error.field ?? '') ? (prepared.error.field as FormField) : 'request';
    return { ok: false, error: prepared.error, fieldErrors: [{ field, message: prepared.error.message }] };
  }
  const applicationId = sql<number>`(select id from a)`;
  const upload = uploadRow({ agencyId, applicationId, kind: 'identity_proof', sniffed: v.identity.sniffed, bytes: v.identity.bytes, now });
  const password = newQueryPassword();
  for (let attempt = 0; ; attempt++) {
    const receiptCode = newReceiptCode();
    try {
      // the 编号, then one statement, in one transaction (a receipt code taken: all undone, tried again)
      const application = await db.transaction().execute(async (trx) =>
        registering(trx, await numbered(trx, prepared.value))
          .with('u', (qc) => qc.insertInto('uploads').values(upload))
          .with('p', (qc) => qc.insertInto('publicAccess').values({ applicationId, receiptCode, passwordHash: protectPassword(key, receiptCode, password), createdAt: now }))
          .selectFrom('a')
          .select(['id', 'number', 'receivedOn'])
          .executeTakeFirstOrThrow(),
      );
      return { ok: true, value: { applicationId: application.id, number: application.number, receivedOn: application.receivedOn ?? today, receiptCode, password } };
    } catch (e) {
      if (attempt < 5 && receiptCodeTaken(e)) continue;
      throw e;
    }
  }
}
