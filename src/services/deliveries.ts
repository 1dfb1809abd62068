// The delivery (送达) of a notice the platform issued (issue #17): how it reached its addressee (当面, 邮寄
// with its tracking number, 电子邮件, 在线), the day, and its evidence — one per notice, in one transaction
// with the reply's `deliver` step when it is the reply in force and the handling stands at 已答复, so that
// the applicant's remedy windows run from it (application-view.ts remedyStart). Refusals are Chinese
// messages; nothing is written when one is returned.

import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { dbErrorCode } from '../db/errors.ts';
import type { DB } from '../db/schema.ts';
import type { DomainError, DomainResult, HandlingState } from '../domain/applications/types.ts';
import { parseIsoDate } from '../domain/calendar/dates.ts';
import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS } from '../domain/documents/delivery.ts';
import type { DeliveryMethod } from '../domain/documents/delivery.ts';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from '../domain/documents/templates.ts';
import type { DocumentKind } from '../domain/documents/templates.ts';
import { invalid } from './agencies.ts';
import type { Actor } from './applications.ts';
import { auditChange, recordEvent } from './applications.ts';
import { archivedRefusal } from './case-readonly.ts';
import { joined, Refused } from './transactions.ts';

export interface DeliveryInput {
  /** the notice delivered; absent: the latest of `documentKind`, by default the reply in force */
  documentId?: number;
  documentKind?: DocumentKind;
  method: DeliveryMethod;
  /** required for post */
  trackingNumber?: string;
  deliveredOn: string;
  /** the evidence described: a signature, the postal record, a read receipt */
  evidence?: string;
}

export interface Delivery {
  id: number;
  documentId: number;
  method: DeliveryMethod;
  trackingNumber: string | null;
  deliveredOn: string;
  evidence: string;
  /** the deliver step recorded with it, if any */
  eventSeq: number | null;
  recordedBy: string;
  recordedAt: string;
}

const input = z.object({
  documentId: z.number().int().positive().optional(),
  documentKind: z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]], { message: '文书种类无效' }).optional(),
  method: z.enum(DELIVERY_METHODS as [DeliveryMethod, ...DeliveryMethod[]], { message: '送达方式应为当面、邮寄、电子邮件或在线' }),
  trackingNumber: z.string().trim().max(64, '邮件号码不能超过64个字符').optional(),
  deliveredOn: z.string().trim().refine((s) => parseIsoDate(s) !== null, '送达日期不是有效日期，请写成 YYYY-MM-DD'),
  evidence: z.string().trim().max(1000, '送达凭证的说明不能超过1000个字').optional(),
});

const COLUMNS = ['id', 'documentId', 'method', 'trackingNumber', 'deliveredOn', 'evidence', 'eventSeq', 'recordedBy', 'recordedAt'] as const;

const refuse = (code: string, message: string, field?: string): never => {
  throw new Refused({ code, message, ...(field ? { field } : {}) } as DomainError);
};

/** Records the delivery of a notice of an application of the agency (see the head of this file). */
export async function recordDelivery(db: Kysely<DB>, agencyId: number, applicationId: number, raw: DeliveryInput, who: Actor): Promise<DomainResult<Delivery>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const v = parsed.data;
  const tracking = v.trackingNumber === undefined || v.trackingNumber === '' ? null : v.trackingNumber;
  if (v.method === 'post' && tracking === null) return { ok: false, error: { code: 'TRACKING_REQUIRED', message: '邮寄送达须填写邮件号码（挂号信或快递单号）。', field: 'trackingNumber' } };
  if (v.deliveredOn > who.today) return { ok: false, error: { code: 'DATE_IN_FUTURE', message: `送达日期（${v.deliveredOn}）晚于今天（${who.today}）。`, field: 'deliveredOn' } };
  try {
    return await db.transaction().execute(async (trx) => {
      const app = await trx.selectFrom('applications').select(['id', 'number', 'state']).where('id', '=', applicationId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
      if (!app) return refuse('APPLICATION_NOT_FOUND', '没有找到该申请（可能不属于本机关）。');
      const archived = archivedRefusal(app);
      if (archived) throw new Refused(archived);
      const documents = await trx.selectFrom('documents').select(['id', 'kind', 'number', 'issuedOn', 'eventSeq', 'supersedes']).where('applicationId', '=', applicationId).where('agencyId', '=', agencyId).orderBy('id').execute();
      const kind = v.documentKind ?? 'reply';
      const doc = v.documentId !== undefined ? documents.find((d) => d.id === v.documentId) : documents.filter((d) => d.kind === kind).at(-1);
      if (!doc) {
        if (v.documentId !== undefined) return refuse('DOCUMENT_NOT_FOUND', '没有找到该文书（可能不属于本申请）。', 'documentId');
        return refuse('DOCUMENT_NOT_FOUND', `本申请尚未出具${DOCUMENT_KIND_LABELS[kind]}，无法登记送达。`, 'documentId');
      }
      if (v.deliveredOn < doc.issuedOn) return refuse('DELIVERED_BEFORE_ISSUE', `送达日期（${v.deliveredOn}）早于${doc.number}的成文日期（${doc.issuedOn}），请核对日期。`, 'deliveredOn');
      const earlier = await trx.selectFrom('documentDeliveries').select(['deliveredOn', 'method']).where('documentId', '=', doc.id).executeTakeFirst();
      if (earlier) return refuse('ALREADY_DELIVERED', alreadyDelivered(doc.number, earlier));
      let eventSeq: number | null = null;
      if (doc.kind === 'reply') eventSeq = await deliverStep(trx, agencyId, app, doc, documents, v.deliveredOn, v.method, tracking, who);
      const row = await trx
        .insertInto('documentDeliveries')
        .values({ agencyId, applicationId, documentId: doc.id, method: v.method, trackingNumber: tracking, deliveredOn: v.deliveredOn, evidence: v.evidence ?? '', eventSeq, recordedBy: who.actor, recordedAt: who.now })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      await auditChange(trx, agencyId, who, 'document.deliver', `document:${doc.id}`, { applicationId, number: doc.number, method: v.method, deliveredOn: v.deliveredOn, ...(tracking ? { trackingNumber: tracking } : {}) });
      return { ok: true as const, value: { ...row, method: row.method as DeliveryMethod } };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    // two clerks at once: the unique document_id keeps the first
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') return { ok: false, error: { code: 'ALREADY_DELIVERED', message: '该文书已登记送达，不能重复登记。' } };
    throw e;
  }
}

function alreadyDelivered(number: string, d: { deliveredOn: string; method: string }): string {
  return `${number}已于${d.deliveredOn}登记送达（${DELIVERY_METHOD_LABELS[d.method as DeliveryMethod] ?? d.method}），每份文书只登记一次送达。`;
}

type DocRow = { id: number; kind: string; number: string; issuedOn: string; eventSeq: number | null; supersedes: number | null };

/**
 * The reply's `deliver` step, when the reply delivered is the one in force (not replaced by a corrected one)
 * and the handling stands at 已答复: recorded now, its seq returned. Already 已送达 by a step recorded
 * without a delivery of this reply: the delivery must bear that step's date. A corrected reply (the handling
 * already past 已答复) or a replaced reply: the delivery alone (remedyStart reads the reply in force's).
 */
async function deliverStep(trx: Transaction<DB>, agencyId: number, app: { id: number; state: string }, doc: DocRow, documents: readonly DocRow[], on: string, method: DeliveryMethod, tracking: string | null, who: Actor): Promise<number | null> {
  const inForce = !documents.some((d) => d.supersedes === doc.id);
  if (!inForce) return null;
  const events = await trx.selectFrom('applicationEvents').select(['seq', 'type', 'occurredOn']).where('applicationId', '=', app.id).orderBy('seq').execute();
  const lastReply = events.filter((e) => e.type === 'reply' || e.type === 'correct_reply').at(-1);
  // a reply corrected by a step whose notice is not issued yet: not the reply in force
  if (lastReply === undefined || (doc.eventSeq !== null && doc.eventSeq !== lastReply.seq)) return null;
  const delivered = events.find((e) => e.type === 'deliver' && e.seq > lastReply.seq);
  if (delivered) {
    if (delivered.occurredOn !== on) refuse('DELIVERY_DATE_MISMATCH', `办理记录中已登记答复于${delivered.occurredOn}送达，送达日期应与之一致。`, 'deliveredOn');
    return delivered.seq;
  }
  if ((app.state as HandlingState) !== 'replied') return null;
  const note = `送达方式：${DELIVERY_METHOD_LABELS[method]}${tracking ? `（邮件号码 ${tracking}）` : ''}`;
  const r = await recordEvent(joined(trx), agencyId, app.id, { type: 'deliver', occurredOn: on, note }, who);
  if (!r.ok) refuse(r.error.code, r.error.message, 'deliveredOn');
  const seq = await trx.selectFrom('applicationEvents').select('seq').where('applicationId', '=', app.id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  return seq.seq;
}

/** The deliveries recorded on an application's documents, by document id. */
export async function deliveriesOf(db: Kysely<DB>, applicationId: number): Promise<Map<number, Delivery>> {
  const rows = await db.selectFrom('documentDeliveries').select(COLUMNS).where('applicationId', '=', applicationId).execute();
  return new Map(rows.map((r) => [r.documentId, { ...r, method: r.method as DeliveryMethod }]));
}
