// Applications: registration and every step of the handling, each one transaction that updates the
// application's projection and appends its event (who, when, what, before, after). Refusals are
// typed values; nothing is written when one is returned.

import { sql } from 'kysely';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { dbErrorCode } from '../db/errors.ts';
import type { Application, ApplicationsTable, DB } from '../db/schema.ts';
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
import { archivedRefusal } from './case-readonly.ts';
import { recomputeApplications, registrationFacts } from './due-dates.ts';
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

/** A registration checked and ready to be written (prepareRegistration), in one statement (registering). */
export interface Registration {
  agencyId: number;
  /** the application's columns but its 编号 and search document (made with the 编号 by the statement) */
  row: Omit<Insertable<ApplicationsTable>, 'number' | 'agencyId' | 'searchDocument'>;
  /** the 编号 given (a ledger's), or null: the next of the agency's year, YYYY-NNNNN */
  number: string | null;
  year: number;
  /** 收到申请日期: the `register` event's date */
  receivedOn: string;
  /** the `register` event's data but the 编号 (added by the statement) */
  eventData: Record<string, unknown>;
  /** the event's actor */
  actor: string;
}

/** Checks a registration (no database): the refusal, or what registering() writes. */
export function prepareRegistration(agencyId: number, input: RegisterInput, who: Actor): DomainResult<Registration> {
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
  const state: HandlingState = 'registered';
  return {
    ok: true,
    value: {
      agencyId,
      row: {
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
        // its due dates, stored with it (due-dates.ts)
        ...registrationFacts({ state, channel: v.channel, submittedOn: v.submittedOn, receivedOn }, who.calendar, who.today),
      },
      number: v.number ?? null,
      year: Number(receivedOn.slice(0, 4)),
      receivedOn,
      eventData: { channel: v.channel, submittedOn: v.submittedOn, receivedOn },
      actor: who.actor,
    },
  };
}

/**
 * The registration with its 编号: the one given (a ledger's), or the next of the agency's year, YYYY-NNNNN
 * (past 99999 all the digits) — the counter row is locked until the commit, so call it in the transaction
 * that registers: no gaps, no duplicates. Taken before the insert because the search document holds the
 * 编号's terms, made by the segmenter in JS (search/application-index.ts).
 */
export async function numbered(db: Kysely<DB>, r: Registration): Promise<Registration & { number: string }> {
  if (r.number !== null) return { ...r, number: r.number };
  const n = await nextNumber(db, r.agencyId, 'application', r.year);
  return { ...r, number: `${r.year}-${String(n).padStart(5, '0')}` };
}

/**
 * The statement that registers a numbered registration, as common table expressions a caller may add to
 * (the online form adds the identity proof and the grant): `a` the new application with its search
 * document; `e` its `register` event. `select … from a` ends it.
 */
export function registering(db: Kysely<DB>, r: Registration & { number: string }) {
  const { agencyId } = r;
  return db
    .with('a', (qc) =>
      qc
        .insertInto('applications')
        .values({
          ...r.row,
          agencyId,
          number: r.number,
          searchDocument: applicationDocument({ agencyId, number: r.number, applicantName: r.row.applicantName, request: r.row.request }),
        })
        .returning(APPLICATION_COLUMNS),
    )
    .with('e', (qc) =>
      qc.insertInto('applicationEvents').values({
        applicationId: sql<number>`(select id from a)`,
        seq: 1,
        type: 'register',
        occurredOn: r.receivedOn,
        recordedAt: r.row.createdAt,
        actor: r.actor,
        stateBefore: null,
        stateAfter: r.row.state,
        data: JSON.stringify({ number: r.number, ...r.eventData }),
      }),
    );
}

/** A registration refused by the database: a 编号 the agency has already (a ledger's). */
function duplicateNumber(e: unknown, number: string | null): DomainResult<Application> | null {
  if (dbErrorCode(e)?.code !== 'UNIQUE_VIOLATION') return null;
  return fail({ code: 'DUPLICATE_NUMBER', message: `编号“${number}”在本机关已存在，请使用不同的编号。`, field: 'number' });
}

export async function registerApplication(db: Kysely<DB>, agencyId: number, input: RegisterInput, who: Actor): Promise<DomainResult<Application>> {
  const prepared = prepareRegistration(agencyId, input, who);
  if (!prepared.ok) return prepared;
  const r = prepared.value;
  try {
    // the 编号 (unless given) and one statement; a user's registration adds its audit entry, in the same transaction
    const write = async (t: Kysely<DB>) => {
      const application = await registering(t, await numbered(t, r)).selectFrom('a').select(APPLICATION_COLUMNS).executeTakeFirstOrThrow();
      await auditChange(t, agencyId, who, 'application.register', `application:${application.id}`, { number: application.number });
      return { ok: true as const, value: application };
    };
    return who.audit || r.number === null ? await db.transaction().execute(write) : await write(db);
  } catch (e) {
    const refused = duplicateNumber(e, r.number);
    if (refused) return refused;
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
    const archived = archivedRefusal(app);
    if (archived) return fail<Application>(archived);
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
    await recomputeApplications(trx, [applicationId], who.calendar, who.today); // its stored due dates (due-dates.ts)
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
