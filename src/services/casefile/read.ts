// Reading the case files of a year (归档, 条例第四十五条) for `gongkai applications archive`: the archived
// cases of an agency whose archive step is dated in the year, a page at a time by a keyset on the 编号
// (never the year at once), the closed cases of the year not archived (named in the command's output as
// left out), and one case's whole file — its record, steps, notices (the kept PDF, else the HTML to
// print), deliveries, fee and files — read when it is its turn, so only one case is held at a time.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { EVENT_LABELS } from '../../domain/applications/event-labels.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, OUTCOMES, STATE_LABELS } from '../../domain/applications/types.ts';
import type { ApplicantType, Channel, EventType, HandlingState, Outcome } from '../../domain/applications/types.ts';
import { retainedUntil } from '../../domain/casefile/retention.ts';
import type { CaseAttachment, CaseDelivery, CaseFileInput, CaseImage } from '../../domain/casefile/html.ts';
import { DELIVERY_METHOD_LABELS } from '../../domain/documents/delivery.ts';
import type { DeliveryMethod } from '../../domain/documents/delivery.ts';

export interface ArchivedCase {
  id: number;
  number: string;
  archivedOn: string;
}

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/** The archived cases whose archive step is dated in the year, after the 编号 `after`, `limit` of them, by 编号. */
export async function archivedCasesPage(db: Kysely<DB>, agencyId: number, year: number, after: string | null, limit: number): Promise<ArchivedCase[]> {
  const [from, to] = yearRange(year);
  let q = db
    .selectFrom('applications as a')
    .innerJoin('applicationEvents as e', (j) => j.onRef('e.applicationId', '=', 'a.id').on('e.type', '=', 'archive'))
    .select(['a.id', 'a.number', 'e.occurredOn as archivedOn'])
    .where('a.agencyId', '=', agencyId)
    .where('a.state', '=', 'archived')
    .where('e.occurredOn', '>=', from)
    .where('e.occurredOn', '<=', to);
  if (after !== null) q = q.where('a.number', '>', after);
  return q.orderBy('a.number').limit(limit).execute();
}

/** How many archived cases the year has. */
export async function countArchivedCases(db: Kysely<DB>, agencyId: number, year: number): Promise<number> {
  const [from, to] = yearRange(year);
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('applicationEvents as e', (j) => j.onRef('e.applicationId', '=', 'a.id').on('e.type', '=', 'archive'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.agencyId', '=', agencyId)
    .where('a.state', '=', 'archived')
    .where('e.occurredOn', '>=', from)
    .where('e.occurredOn', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cases closed in the year (办结日期) and not archived: their 编号 (at most `limit`) and how many. */
export async function closedNotArchived(db: Kysely<DB>, agencyId: number, year: number, limit: number): Promise<{ numbers: string[]; count: number }> {
  const [from, to] = yearRange(year);
  const base = db.selectFrom('applications').where('agencyId', '=', agencyId).where('state', 'in', ['replied', 'delivered', 'concluded']).where('closedOn', '>=', from).where('closedOn', '<=', to);
  const [rows, counted] = await Promise.all([base.select('number').orderBy('number').limit(limit).execute(), base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
  return { numbers: rows.map((r) => r.number), count: Number(counted.n) };
}

/** One case's file as read: what the pages say, the notices to follow them, the PDF files to append. */
export interface LoadedCase {
  input: CaseFileInput;
  /** in the order of the list of notices: the kept PDF, or the HTML to print */
  notices: { number: string; pdf: Uint8Array | null; html: string }[];
  /** PDF proofs and scans, appended last */
  pdfFiles: { kind: string; fileName: string; bytes: Uint8Array }[];
}

const UPLOAD_KIND_LABELS: Record<string, string> = { identity_proof: '身份证明', application_scan: '申请书扫描件', correction: '补正材料', amendment_evidence: '更正证据' };
const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };

const feeYuan = (inputs: unknown): number | null => {
  const fee = (inputs as { fee?: { yuan?: unknown } | null } | null)?.fee;
  return typeof fee?.yuan === 'number' && Number.isSafeInteger(fee.yuan) ? fee.yuan : null;
};

const deliveryOf = (d: { deliveredOn: string; method: string; trackingNumber: string | null; evidence: string } | undefined): CaseDelivery | null =>
  d ? { on: d.deliveredOn, method: DELIVERY_METHOD_LABELS[d.method as DeliveryMethod] ?? d.method, trackingNumber: d.trackingNumber, evidence: d.evidence } : null;

/** One archived case of the agency, whole; null when it is not (or no longer) an archived case of the agency. */
export async function loadCase(db: Kysely<DB>, agencyId: number, applicationId: number, retentionYears: number): Promise<LoadedCase | null> {
  const a = await db
    .selectFrom('applications as a')
    .innerJoin('agencies as g', 'g.id', 'a.agencyId')
    .select(['a.id', 'a.number', 'a.applicantType', 'a.applicantName', 'a.idKind', 'a.idNumber', 'a.contact', 'a.address', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'a.request', 'a.deliveryForm', 'a.state', 'a.outcome', 'a.legalBasis', 'a.closedOn', 'a.handler', 'g.name as agencyName'])
    .where('a.id', '=', applicationId)
    .where('a.agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!a || a.state !== 'archived') return null;
  const [events, documents, deliveries, uploads] = await Promise.all([
    db.selectFrom('applicationEvents').select(['seq', 'type', 'occurredOn', 'actor', 'stateAfter', 'data']).where('applicationId', '=', a.id).orderBy('seq').execute(),
    db.selectFrom('documents').select(['id', 'kind', 'number', 'title', 'issuedOn', 'html', 'pdf', 'inputs', 'supersedes']).where('applicationId', '=', a.id).where('agencyId', '=', agencyId).orderBy('id').execute(),
    db.selectFrom('documentDeliveries').select(['documentId', 'deliveredOn', 'method', 'trackingNumber', 'evidence']).where('applicationId', '=', a.id).execute(),
    db.selectFrom('uploads').select(['kind', 'mediaType', 'fileName', 'sha256', 'content']).where('applicationId', '=', a.id).where('agencyId', '=', agencyId).orderBy('id').execute(),
  ]);
  const delivered = new Map(deliveries.map((d) => [d.documentId, d]));
  const superseded = new Set(documents.map((d) => d.supersedes).filter((id): id is number => id !== null));
  const archivedOn = events.filter((e) => e.type === 'archive').at(-1)?.occurredOn ?? a.closedOn ?? '';
  const lastReply = events.filter((e) => e.type === 'reply' || e.type === 'correct_reply').at(-1);
  const replyInForce = documents.filter((d) => d.kind === 'reply' && !superseded.has(d.id)).at(-1);
  const deliverStep = lastReply ? events.find((e) => e.type === 'deliver' && e.seq > lastReply.seq) : undefined;
  const replyDelivery = deliveryOf(replyInForce ? delivered.get(replyInForce.id) : undefined) ?? (deliverStep ? { on: deliverStep.occurredOn, method: '（未登记送达方式）', trackingNumber: null, evidence: '' } : null);
  const feeNotices = documents.filter((d) => d.kind === 'fee_notice');
  const paidOn = events.filter((e) => e.type === 'record_payment').map((e) => e.occurredOn);
  const images: CaseImage[] = [];
  const attachments: CaseAttachment[] = [];
  const pdfFiles: LoadedCase['pdfFiles'] = [];
  for (const u of uploads) {
    const kind = UPLOAD_KIND_LABELS[u.kind] ?? u.kind;
    const bytes = new Uint8Array(u.content);
    if (u.mediaType === 'application/pdf') {
      attachments.push({ kind, fileName: u.fileName, sha256: u.sha256 });
      pdfFiles.push({ kind, fileName: u.fileName, bytes });
    } else {
      images.push({ kind, fileName: u.fileName, sha256: u.sha256, dataUrl: `data:${u.mediaType};base64,${Buffer.from(bytes).toString('base64')}` });
    }
  }
  const outcome = a.outcome && a.outcome in OUTCOMES ? OUTCOMES[a.outcome as Outcome].label : null;
  const input: CaseFileInput = {
    agencyName: a.agencyName,
    number: a.number,
    applicantName: a.applicantName,
    applicantType: APPLICANT_TYPE_LABELS[a.applicantType as ApplicantType] ?? a.applicantType,
    idKind: a.idKind ? (ID_KIND_LABELS[a.idKind] ?? a.idKind) : null,
    idNumber: a.idNumber,
    contact: a.contact,
    address: a.address,
    channel: CHANNEL_LABELS[a.channel as Channel] ?? a.channel,
    submittedOn: a.submittedOn,
    receivedOn: a.receivedOn,
    request: a.request,
    deliveryForm: a.deliveryForm,
    handler: a.handler,
    outcome,
    legalBasis: a.legalBasis,
    repliedOn: lastReply?.occurredOn ?? null,
    closedOn: a.closedOn,
    delivery: replyDelivery,
    archivedOn,
    retainedUntil: retainedUntil(archivedOn, retentionYears),
    fee: feeNotices.length === 0 && paidOn.length === 0 ? null : { notices: feeNotices.map((d) => ({ number: d.number, issuedOn: d.issuedOn, yuan: feeYuan(d.inputs) })), paidOn },
    events: events.map((e) => ({
      seq: e.seq,
      step: EVENT_LABELS[e.type as EventType] ?? e.type,
      occurredOn: e.occurredOn,
      actor: e.actor,
      state: STATE_LABELS[e.stateAfter as HandlingState] ?? e.stateAfter,
      note: typeof (e.data as { note?: unknown } | null)?.note === 'string' ? ((e.data as { note: string }).note) : '',
    })),
    notices: documents.map((d) => ({ number: d.number, title: d.title, issuedOn: d.issuedOn, source: d.pdf !== null ? 'kept' : 'printed', delivery: deliveryOf(delivered.get(d.id)), superseded: superseded.has(d.id) })),
    images,
    attachments,
  };
  return { input, notices: documents.map((d) => ({ number: d.number, pdf: d.pdf === null ? null : new Uint8Array(d.pdf), html: d.html })), pdfFiles };
}
