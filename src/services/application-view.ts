// One application as an official sees it: its record, its timeline, its live statutory clocks
// (issue #3's clocks computed from its events on `today`), the documents issued on it, and — issue #12 —
// the 行政复议/行政诉讼 cases recorded about it with the applicant's remedy windows after the reply
// (domain/records/remedies.ts).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Application, ApplicationEventRow, DB, DocumentRow } from '../db/schema.ts';
import type { ApplicationEvent, Channel, Clock, ClockSettings } from '../domain/calendar/clocks.ts';
import { applicationClocksWithEstimates } from '../domain/calendar/estimates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { DomainResult, Outcome } from '../domain/applications/types.ts';
import { OUTCOMES } from '../domain/applications/types.ts';
import { remedyWindows } from '../domain/records/remedies.ts';
import type { RemedyWindows } from '../domain/records/remedies.ts';
import { deliveriesOf } from './deliveries.ts';
import type { Delivery } from './deliveries.ts';
import { correctionsOf } from './online-corrections.ts';
import type { OnlineCorrection } from './online-corrections.ts';
import { casesOfApplication } from './records/cases.ts';
import type { ReviewCase } from './records/cases.ts';

export type DocumentSummary = Omit<DocumentRow, 'html' | 'inputs'> & {
  /** the id of the corrected reply that replaces it, if any */
  supersededBy: number | null;
  /** its PDF is kept (services/document-pdf.ts): served without a browser */
  hasPdf: boolean;
  /** its delivery (送达, services/deliveries.ts), when recorded */
  delivery: Delivery | null;
};

export interface ApplicationView {
  application: Application;
  events: ApplicationEventRow[];
  documents: DocumentSummary[];
  /** null when the calendar cannot say (a year not loaded): `clockError` says why */
  clocks: Clock[] | null;
  clockError: string | null;
  /** some due date is 暂定 (in a year whose holiday notice is not yet published): which years */
  provisional: boolean;
  provisionalYears: number[];
  /** the agency's settings for the DERIVED readings the clocks use */
  settings: Partial<ClockSettings>;
  /** the 行政复议 and 行政诉讼 cases recorded about it */
  cases: ReviewCase[];
  /** the applicant's remedy windows from the reply in force (null: no reply yet, or the calendar cannot say: remedyError) */
  remedies: RemedyWindows | null;
  remedyError: string | null;
  /** the 补正 the applicant sent online (issue #14; services/online-corrections.ts) */
  corrections: OnlineCorrection[];
}

/**
 * The day the applicant's remedy windows run from: the delivery of the reply in force (送达答复) when it
 * is recorded — the `deliver` step after it, or the delivery of its notice (`replyDelivery`: the reply
 * notice in force, its step's seq and its delivery date; a corrected reply delivered after the handling is
 * already 已送达) — else the date of that reply (答复 or 更正答复) — DERIVED: the earliest the applicant
 * can know of it. Null before any reply.
 */
export function remedyStart(
  events: readonly (Pick<ApplicationEventRow, 'type' | 'occurredOn'> & { seq?: number })[],
  replyDelivery: { eventSeq: number | null; deliveredOn: string } | null = null,
): { date: string; delivered: boolean } | null {
  let start: { date: string; delivered: boolean } | null = null;
  let replySeq: number | undefined;
  for (const e of events) {
    if (e.type === 'reply' || e.type === 'correct_reply') {
      start = { date: e.occurredOn, delivered: false };
      replySeq = e.seq;
    } else if (e.type === 'deliver' && start !== null) start = { date: e.occurredOn, delivered: true };
  }
  if (start !== null && replyDelivery !== null && (replyDelivery.eventSeq === null || replyDelivery.eventSeq === replySeq)) return { date: replyDelivery.deliveredOn, delivered: true };
  return start;
}

/** The reply notice in force (not replaced by a corrected one) and its delivery, as remedyStart takes it. */
export function replyDeliveryOf(documents: readonly DocumentSummary[]): { eventSeq: number | null; deliveredOn: string } | null {
  const reply = documents.filter((d) => d.kind === 'reply' && d.supersededBy === null).at(-1);
  return reply?.delivery ? { eventSeq: reply.eventSeq, deliveredOn: reply.delivery.deliveredOn } : null;
}

/** The agency's settings of the readings (0006) as the clocks take them. */
export function clockSettingsOf(agency: { feeWindowFromReceipt: boolean }): Partial<ClockSettings> {
  return { feeWindowFromReceipt: agency.feeWindowFromReceipt };
}

/** The calendar's view of an application's events (第三十一条 receipt by channel; pauses; conclusion). */
export function clockEvents(app: Pick<Application, 'channel' | 'submittedOn' | 'receivedOn'>, events: readonly Pick<ApplicationEventRow, 'type' | 'occurredOn' | 'data'>[]): ApplicationEvent[] {
  const channel = app.channel as Channel;
  const out: ApplicationEvent[] = [{ type: 'submitted', date: app.submittedOn, channel }];
  if (app.receivedOn !== null) {
    if (channel === 'post_signed') out.push({ type: 'signed_for', date: app.receivedOn });
    else if (channel === 'post_ordinary' || channel === 'online' || channel === 'fax') out.push({ type: 'receipt_confirmed', date: app.receivedOn });
  }
  for (const e of events) {
    const date = e.occurredOn;
    const data = e.data as { party?: 'third_party' | 'other_agency'; workingDays?: number; letterReceivedOn?: string; noticeReceivedOn?: string };
    switch (e.type) {
      case 'request_correction':
        out.push({ type: 'correction_requested', date, ...(data.workingDays ? { workingDays: data.workingDays } : {}) });
        break;
      case 'receive_correction':
        out.push({ type: 'correction_received', date });
        break;
      case 'start_consultation':
        out.push({ type: 'consultation_started', date, party: data.party ?? 'third_party', ...(data.letterReceivedOn ? { receivedOn: data.letterReceivedOn } : {}) });
        break;
      case 'end_consultation':
        out.push({ type: 'consultation_ended', date });
        break;
      case 'approve_extension':
        out.push({ type: 'extension_approved', date, workingDays: data.workingDays ?? 20 });
        break;
      case 'send_fee_notice':
        out.push({ type: 'fee_notice_sent', date });
        // 当面: received that day; 邮寄/电子: on the 签收 or confirmation date, when recorded
        if (data.noticeReceivedOn) out.push({ type: 'fee_notice_received', date: data.noticeReceivedOn });
        break;
      case 'receive_fee_notice':
        out.push({ type: 'fee_notice_received', date });
        break;
      case 'record_payment':
        out.push({ type: 'fee_paid', date });
        break;
      case 'reply':
        out.push({ type: 'replied', date });
        break;
      case 'withdraw':
        out.push({ type: 'withdrawn', date });
        break;
      case 'lapse_correction':
      case 'lapse_fee':
        out.push({ type: 'concluded', date });
        break;
      default:
        break;
    }
  }
  return out;
}

/** The columns of an application as data: every one but its search document (services/search/application-index.ts). */
export const APPLICATION_COLUMNS = [
  'id', 'agencyId', 'number', 'applicantType', 'applicantName', 'idKind', 'idNumber', 'contact', 'address', 'channel', 'submittedOn', 'receivedOn',
  'request', 'deliveryForm', 'state', 'outcome', 'outcomeRow', 'legalBasis', 'closedOn', 'handler', 'extended', 'createdAt', 'updatedAt',
  // the stored due dates (due-dates.ts)
  'dueOn', 'dueClock', 'dueProvisional', 'duePaused', 'pausedDueOn', 'replyDueOn', 'dueListOn', 'dueError', 'dueComputedOn', 'dueRecheckOn', 'dueCalendarVersion',
] as const satisfies readonly (keyof Application)[];

/** An application of the agency by id or 编号 (another agency's is not found). */
export async function viewApplication(
  db: Kysely<DB>,
  agencyId: number,
  key: { id: number } | { number: string },
  options: { calendar: WorkingCalendar; today: string },
): Promise<DomainResult<ApplicationView>> {
  const application = await db
    .selectFrom('applications')
    .select(APPLICATION_COLUMNS)
    .where('agencyId', '=', agencyId)
    .$if('id' in key, (q) => q.where('id', '=', (key as { id: number }).id))
    .$if('number' in key, (q) => q.where('number', '=', (key as { number: string }).number))
    .executeTakeFirst();
  if (!application) return { ok: false, error: { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' } };
  const events = await db.selectFrom('applicationEvents').selectAll().where('applicationId', '=', application.id).orderBy('seq').execute();
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'applicationId', 'agencyId', 'kind', 'year', 'seq', 'number', 'issuedOn', 'title', 'createdAt', 'eventSeq', 'supersedes', sql<boolean>`pdf is not null`.as('hasPdf')])
    .where('applicationId', '=', application.id)
    .orderBy('id')
    .execute();
  const replacedBy = new Map(rows.filter((d) => d.supersedes !== null).map((d) => [d.supersedes as number, d.id]));
  const delivered = rows.length > 0 ? await deliveriesOf(db, application.id) : new Map<number, Delivery>();
  const documents = rows.map((d) => ({ ...d, supersededBy: replacedBy.get(d.id) ?? null, delivery: delivered.get(d.id) ?? null }));
  const agency = await db.selectFrom('agencies').select(['feeWindowFromReceipt']).where('id', '=', agencyId).executeTakeFirstOrThrow();
  const settings = clockSettingsOf(agency);
  const clocks = applicationClocksWithEstimates(clockEvents(application, events), { calendar: options.calendar, today: options.today, settings });
  const cases = await casesOfApplication(db, agencyId, application.id);
  const start = remedyStart(events, replyDeliveryOf(documents));
  const outcome = application.outcome as Outcome | null;
  const remedies =
    start === null
      ? null
      : remedyWindows({ from: start.date, delivered: start.delivered, reconsiderationFirst: outcome !== null && (OUTCOMES[outcome]?.reconsiderationFirst ?? false), cases }, { calendar: options.calendar, today: options.today });
  const provisionalYears = clocks.ok ? [...new Set(clocks.value.filter((c) => c.provisional && c.due !== null).map((c) => Number((c.due as string).slice(0, 4))))].sort() : [];
  return {
    ok: true,
    value: {
      application,
      events,
      documents,
      clocks: clocks.ok ? clocks.value : null,
      clockError: clocks.ok ? null : clocks.error.message,
      provisional: provisionalYears.length > 0,
      provisionalYears,
      settings,
      cases,
      remedies: remedies?.ok ? remedies.value : null,
      remedyError: remedies && !remedies.ok ? remedies.error.message : null,
      corrections: await correctionsOf(db, agencyId, application.id),
    },
  };
}
