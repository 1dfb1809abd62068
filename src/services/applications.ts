// Applications: registration and every step of the handling, each one transaction that updates the
// application's projection and appends its event (who, when, what, before, after). Refusals are
// typed values; nothing is written when one is returned.

import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { dbErrorCode } from '../db/errors.ts';
import type { Application, DB } from '../db/schema.ts';
import { parseIsoDate } from '../domain/calendar/dates.ts';
import { validateIdentity } from '../domain/applications/identity.ts';
import { applyEvent } from '../domain/applications/transitions.ts';
import type { EventContext, EventInput } from '../domain/applications/transitions.ts';
import { applicationClocks, clockOf } from '../domain/calendar/clocks.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { APPLICANT_TYPES, CHANNELS } from '../domain/applications/types.ts';
import type { ApplicantType, Channel, DomainError, DomainResult, HandlingState, IdKind, Outcome } from '../domain/applications/types.ts';
import { invalid } from './agencies.ts';
import { record } from './audit.ts';
import { APPLICATION_COLUMNS, clockEvents, clockSettingsOf } from './application-view.ts';
import { applicationDocument } from './search/application-index.ts';

export interface Actor {
  /** who acts: a user name, 'import', 'system' */
  actor: string;
  /** now, ISO timestamp (recorded_at) */
  now: string;
  /** today, YYYY-MM-DD (no event may be dated after it) */
  today: string;
  /** the agency's working calendar: steps that depend on the clocks (an extension) need it */
  calendar?: WorkingCalendar;
  /** a signed-in user (page or API): the change is written to the audit log in its own transaction */
  audit?: AuditActor;
}

/** Who acts, for the audit log: the user, their address, and the way in (the pages or the API). */
export interface AuditActor {
  userId: number;
  ip: string | null;
  via: 'web' | 'api';
}

/** The audit entry of a change to an application (inside the change's transaction), when the actor is a user. */
export async function auditChange(trx: Kysely<DB>, agencyId: number, who: Actor, action: string, target: string, detail: Record<string, unknown>): Promise<void> {
  if (!who.audit) return;
  await record(trx, { userId: who.audit.userId, agencyId, action, target, detail: { ...detail, via: who.audit.via }, ip: who.audit.ip, at: who.now });
}

const isoDate = (field: string) => z.string().trim().refine((s) => parseIsoDate(s) !== null, `${field}不是有效日期，请写成 YYYY-MM-DD`);

const registerInput = z.object({
  /** 编号: given by a ledger; generated (YYYY-NNNNN) when absent */
  number: z.string().trim().min(1).max(64).optional(),
  applicantType: z.enum(APPLICANT_TYPES as [ApplicantType, ...ApplicantType[]], { message: '申请人类型无效' }),
  applicantName: z.string().trim().min(1, '请填写申请人姓名或名称').max(200),
  idKind: z.enum(['resident_id', 'uscc', 'other']).optional(),
  idNumber: z.string().trim().max(64).optional(),
  contact: z.string().trim().max(200).default(''),
  address: z.string().trim().max(300).default(''),
  channel: z.enum(CHANNELS as [Channel, ...Channel[]], { message: '提交渠道无效' }),
  submittedOn: isoDate('提交日期'),
  /** 条例第三十一条: required for channels that need confirmation or signature; the submission date otherwise */
  receivedOn: isoDate('收到日期').optional(),
  request: z.string().trim().min(1, '请填写所需政府信息的内容描述').max(20_000),
  deliveryForm: z.string().trim().max(200).default(''),
  handler: z.string().trim().max(100).optional(),
});

export type RegisterInput = z.input<typeof registerInput>;

const fail = <T>(error: DomainError): DomainResult<T> => ({ ok: false, error });

/** The next consecutive number of a scope for an agency and year (row-locked: no gaps, no duplicates). */
export async function nextNumber(trx: Transaction<DB> | Kysely<DB>, agencyId: number, scope: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ agencyId, scope, year, last: 1 })
    .onConflict((oc) => oc.columns(['agencyId', 'scope', 'year']).doUpdateSet({ last: sql<number>`counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function registerApplication(db: Kysely<DB>, agencyId: number, input: RegisterInput, who: Actor): Promise<DomainResult<Application>> {
  const parsed = registerInput.safeParse(input);
  if (!parsed.success) return fail(invalid(parsed.error));
  const v = parsed.data;
  let idKind: IdKind | null = null;
  let idNumber: string | null = null;
  if (v.idNumber !== undefined && v.idNumber !== '') {
    idKind = v.idKind ?? (v.applicantType === 'natural_person' ? 'resident_id' : 'uscc');
    const checked = validateIdentity(idKind, v.idNumber, who.today);
    if (!checked.ok) return fail({ ...checked.error, field: 'idNumber' });
    idNumber = checked.value;
  }
  const receivedOn = v.receivedOn ?? (v.channel === 'in_person' || v.channel === 'other' ? v.submittedOn : undefined);
  if (receivedOn === undefined) {
    return fail({ code: 'RECEIPT_DATE_REQUIRED', message: '邮寄、平信、在线和传真提交的申请，请填写收到申请的日期（签收或双方确认之日，条例第三十一条）。', field: 'receivedOn' });
  }
  if (receivedOn < v.submittedOn) return fail({ code: 'DATE_BEFORE_SUBMISSION', message: '收到申请日期不能早于提交日期。', field: 'receivedOn' });
  if (receivedOn > who.today) return fail({ code: 'DATE_IN_FUTURE', message: '收到申请日期不能晚于今天。', field: 'receivedOn' });
  try {
    return await db.transaction().execute(async (trx) => {
      const year = Number(receivedOn.slice(0, 4));
      const number = v.number ?? `${year}-${String(await nextNumber(trx, agencyId, 'application', year)).padStart(5, '0')}`;
      const state: HandlingState = 'registered';
      const application = await trx
        .insertInto('applications')
        .values({
          agencyId,
          number,
          applicantType: v.applicantType,
          applicantName: v.applicantName,
          idKind,
          idNumber,
          contact: v.contact,
          address: v.address,
          channel: v.channel,
          submittedOn: v.submittedOn,
          receivedOn,
          request: v.request,
          deliveryForm: v.deliveryForm,
          state,
          handler: v.handler ?? null,
          createdAt: who.now,
          updatedAt: who.now,
          searchDocument: applicationDocument({ agencyId, number, applicantName: v.applicantName, request: v.request }),
        })
        .returning(APPLICATION_COLUMNS)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('applicationEvents')
        .values({
          applicationId: application.id,
          seq: 1,
          type: 'register',
          occurredOn: receivedOn,
          recordedAt: who.now,
          actor: who.actor,
          stateBefore: null,
          stateAfter: state,
          data: JSON.stringify({ number, channel: v.channel, submittedOn: v.submittedOn, receivedOn }),
        })
        .execute();
      await auditChange(trx, agencyId, who, 'application.register', `application:${application.id}`, { number });
      return { ok: true as const, value: application };
    });
  } catch (e) {
    if (dbErrorCode(e)?.code === 'UNIQUE_VIOLATION') {
      return fail({ code: 'DUPLICATE_NUMBER', message: `编号“${v.number}”在本机关已存在，请使用不同的编号。`, field: 'number' });
    }
    throw e;
  }
}

/** Apply one step of the handling to an application of the agency (an application of another agency is not found). */
export async function recordEvent(db: Kysely<DB>, agencyId: number, applicationId: number, event: EventInput, who: Actor): Promise<DomainResult<Application>> {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom('applications')
      .select(APPLICATION_COLUMNS)
      .where('id', '=', applicationId)
      .where('agencyId', '=', agencyId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return fail<Application>({ code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' });
    const last = await trx
      .selectFrom('applicationEvents')
      .select([sql<number>`max(seq)::int`.as('seq'), sql<string | null>`max(occurred_on)::text`.as('on')])
      .where('applicationId', '=', applicationId)
      .executeTakeFirstOrThrow();
    const context = await eventContext(trx, app, event, who);
    if (!context.ok) return context;
    const applied = applyEvent(
      {
        state: app.state as HandlingState,
        receivedOn: app.receivedOn,
        submittedOn: app.submittedOn,
        extended: app.extended,
        lastEventOn: last.on,
        outcome: app.outcome as Outcome | null,
      },
      event,
      context.value,
    );
    if (!applied.ok) return applied;
    const { state, changes } = applied.value;
    const updated = await trx
      .updateTable('applications')
      .set({ ...changes, state, updatedAt: who.now })
      .where('id', '=', applicationId)
      .returning(APPLICATION_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('applicationEvents')
      .values({
        applicationId,
        seq: (last.seq ?? 0) + 1,
        type: event.type,
        occurredOn: event.occurredOn,
        recordedAt: who.now,
        actor: who.actor,
        stateBefore: app.state,
        stateAfter: state,
        data: JSON.stringify(applied.value.record.data),
      })
      .execute();
    await auditChange(trx, agencyId, who, 'application.event', `application:${applicationId}`, { number: updated.number, type: event.type, occurredOn: event.occurredOn, state });
    return { ok: true as const, value: updated };
  });
}

/**
 * What a step needs to know from the clocks: for an extension, the reply due date before it (条例第三十三条
 * read as "decided within the period", the agency's setting); for the receipt of a fee notice, whether it is
 * recorded already.
 */
async function eventContext(trx: Transaction<DB>, app: Application, event: EventInput, who: Actor): Promise<DomainResult<EventContext>> {
  const context: EventContext = { today: who.today };
  const lapse = event.type === 'lapse_correction' || event.type === 'lapse_fee';
  if (event.type !== 'approve_extension' && event.type !== 'receive_fee_notice' && !lapse) return { ok: true, value: context };
  if (parseIsoDate(event.occurredOn) === null) return { ok: true, value: context }; // applyEvent says what is wrong
  const events = await trx.selectFrom('applicationEvents').select(['type', 'occurredOn', 'data']).where('applicationId', '=', app.id).orderBy('seq').execute();
  if (event.type === 'receive_fee_notice') {
    const sent = events.filter((e) => e.type === 'send_fee_notice' || e.type === 'receive_fee_notice').at(-1);
    const data = (sent?.data ?? {}) as { noticeReceivedOn?: string };
    context.feeNoticeReceivedOn = sent?.type === 'receive_fee_notice' ? sent.occurredOn : (data.noticeReceivedOn ?? null);
    return { ok: true, value: context };
  }
  const agency = await trx.selectFrom('agencies').select(['extensionWithinPeriod', 'feeWindowFromReceipt']).where('id', '=', app.agencyId).executeTakeFirstOrThrow();
  const what = lapse ? (event.type === 'lapse_correction' ? '无法核对补正期限' : '无法核对缴费期限') : '无法核对答复期限';
  if (!who.calendar) {
    return fail({ code: 'CALENDAR_REQUIRED', message: `${what}：没有取得工作日历，本步骤未登记。请稍后重试；如问题持续，请联系系统管理员。` });
  }
  const clocks = applicationClocks(clockEvents(app, events), { calendar: who.calendar, today: event.occurredOn, settings: clockSettingsOf(agency) });
  if (!clocks.ok) {
    // counting forward from the receipt reached a year not yet loaded: the due date lies in it, after a step dated before it
    const year = clocks.error.year;
    if (clocks.error.code === 'CALENDAR_YEAR_NOT_LOADED' && year !== undefined && event.occurredOn < `${year}-01-01`) {
      if (!lapse) return { ok: true, value: context };
      // the period's last day lies in that year: a lapse dated before it is early
      return fail({ code: 'LAPSE_BEFORE_DUE', message: `期限在${year}年届满，${event.occurredOn}尚在期限内，不能认定逾期。请在期限届满后登记。`, field: 'occurredOn' });
    }
    return fail(calendarRefusal(clocks.error, what));
  }
  if (lapse) {
    const clock = clockOf(clocks.value, event.type === 'lapse_correction' ? 'correction_period' : 'fee_payment');
    context.periodDue = clock?.due ?? null;
    return { ok: true, value: context };
  }
  context.replyDue = clockOf(clocks.value, 'reply')?.due ?? null;
  context.lateExtension = agency.extensionWithinPeriod ? 'refuse' : 'flag';
  return { ok: true, value: context };
}

/** A calendar failure as a clerk reads it: what cannot be done and who can fix it (never a command). */
export function calendarRefusal(error: { code: string; message: string; year?: number }, what: string): DomainError {
  if (error.code === 'CALENDAR_YEAR_NOT_LOADED' && error.year !== undefined) {
    return {
      code: error.code,
      message: `${what}：${error.year}年的节假日安排尚未录入。请平台管理员在“平台管理 → 工作日历”中录入国务院办公厅关于${error.year}年部分节假日安排的通知后再办理。`,
      field: 'occurredOn',
    };
  }
  return { code: error.code, message: `${what}：${error.message}`, field: 'occurredOn' };
}
