// Notices bound to the record (issue #9). Each notice belongs to one step of the handling: the 补正告知书
// to "request_correction", the 延期答复告知书 to "approve_extension", the 征求意见函 to
// "start_consultation", the 收费通知书 to "send_fee_notice", the 答复告知书 to "reply" (or to
// "correct_reply", which replaces the outcome and supersedes the earlier reply). A notice is issued either
// with its step (both in one transaction) or for a step already recorded without one; never for a step
// the application does not have, never twice for one step. Its dates come from the clocks, never typed;
// a date of a clock marked provisional (暂定) is printed as the statutory period in words.

import type { Kysely, Transaction } from 'kysely';
import type { Application, ApplicationEventRow, DB } from '../db/schema.ts';
import { EVENT_LABELS, TRANSITIONS } from '../domain/applications/transitions.ts';
import type { EventInput } from '../domain/applications/transitions.ts';
import { OPEN_STATES, OUTCOMES, STATE_LABELS } from '../domain/applications/types.ts';
import type { DomainError, DomainResult, EventType, HandlingState, Outcome } from '../domain/applications/types.ts';
import { applicationClocks, clockOf, CONSULTATION_WORKING_DAYS, CORRECTION_PERIOD_WORKING_DAYS } from '../domain/calendar/clocks.ts';
import type { Clock, ClockSettings } from '../domain/calendar/clocks.ts';
import { chineseDate, parseIsoDate } from '../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { DOCUMENT_KIND_LABELS, periodText } from '../domain/documents/templates.ts';
import type { Consultee, DocumentKind } from '../domain/documents/templates.ts';
import { clockEvents } from './application-view.ts';
import { contactLine, siteProfile } from './agency-site.ts';
import { calendarRefusal } from './applications.ts';

/** The steps a notice of each kind belongs to (the reply's: the reply, or a correction of it). */
export const NOTICE_STEPS: Record<DocumentKind, readonly EventType[]> = {
  correction_notice: ['request_correction'],
  extension_notice: ['approve_extension'],
  consultation_letter: ['start_consultation'],
  fee_notice: ['send_fee_notice'],
  reply: ['reply', 'correct_reply'],
};

type EventRow = Pick<ApplicationEventRow, 'seq' | 'type' | 'occurredOn' | 'data'>;
type DocRow = { kind: string; eventSeq: number | null; issuedOn: string; id: number; supersedes: number | null };

const fail = <T>(code: string, message: string, field?: string): DomainResult<T> => ({ ok: false, error: field === undefined ? { code, message } : { code, message, field } });

/**
 * The step a notice of a document was issued for. Notices issued before they were bound (event_seq null)
 * count for the latest step of their kind recorded on or before their date.
 */
function boundSeq(doc: DocRow, events: readonly EventRow[]): number | null {
  if (doc.eventSeq !== null) return doc.eventSeq;
  const steps = NOTICE_STEPS[doc.kind as DocumentKind] ?? [];
  return events.filter((e) => steps.includes(e.type as EventType) && e.occurredOn <= doc.issuedOn).at(-1)?.seq ?? null;
}

/** The latest step of the kind that has no notice yet, if any. */
export function stepWithoutNotice(kind: DocumentKind, events: readonly EventRow[], documents: readonly DocRow[]): EventRow | null {
  const steps = NOTICE_STEPS[kind];
  const latest = events.filter((e) => steps.includes(e.type as EventType)).at(-1);
  if (!latest) return null;
  const bound = new Set(documents.filter((d) => d.kind === kind).map((d) => boundSeq(d, events)));
  return bound.has(latest.seq) ? null : latest;
}

export interface NoticeOption {
  kind: DocumentKind;
  /** 'record': the step is recorded with its notice; 'issue': the notice of a step already recorded */
  mode: 'record' | 'issue';
  step: EventType;
  /** mode 'issue': the step's event */
  event?: EventRow;
}

/**
 * The states in which a notice still does its work for a step recorded without it: a 补正告知书 while the
 * correction is awaited, a 征求意见函 while the consultation runs, a 收费通知书 while payment is awaited,
 * a 延期答复告知书 before the reply, the 答复告知书 once replied. Once the handling has moved on, the
 * notice would ask for what is over: it is not offered.
 */
export const NOTICE_ISSUE_STATES: Record<DocumentKind, readonly HandlingState[]> = {
  correction_notice: ['awaiting_correction'],
  extension_notice: OPEN_STATES,
  consultation_letter: ['consulting'],
  fee_notice: ['awaiting_payment'],
  reply: ['replied', 'delivered'],
};

/** The notices that may be issued now: for a step recorded without one (while it is current), or with a step the state allows. */
export function noticeOptions(state: HandlingState, events: readonly EventRow[], documents: readonly DocRow[], may: { approve: boolean }): NoticeOption[] {
  const out: NoticeOption[] = [];
  for (const kind of Object.keys(NOTICE_STEPS) as DocumentKind[]) {
    const pending = stepWithoutNotice(kind, events, documents);
    if (pending) {
      if (NOTICE_ISSUE_STATES[kind].includes(state)) out.push({ kind, mode: 'issue', step: pending.type as EventType, event: pending });
      continue;
    }
    for (const step of NOTICE_STEPS[kind]) {
      if (step === 'approve_extension' && !may.approve) continue;
      if (TRANSITIONS[step].from.includes(state)) out.push({ kind, mode: 'record', step });
    }
  }
  return out;
}

export interface NoticeContext {
  application: Pick<Application, 'channel' | 'submittedOn' | 'receivedOn'>;
  events: readonly EventRow[];
  /** the step the notice is for (the last of `events`, or an earlier one) */
  step: EventRow;
  calendar: WorkingCalendar;
  settings: Partial<ClockSettings>;
  issuedOn: string;
}

export interface NoticeValues {
  /** values for COMPUTED_PLACEHOLDERS and the step's own (workingDays) */
  computed: Record<string, string>;
  /** the consultation letter: to whom, and the kind of party */
  consultee?: Consultee;
  addressee?: string;
  outcome?: Outcome;
  /** the dates as shown on the form (label, date or period, provisional) */
  shown: { label: string; text: string; provisional: boolean }[];
}

const provisionalOf = (c: Clock | undefined): boolean => c === undefined || c.provisional === true;
const cn = (iso: string) => chineseDate(parseIsoDate(iso) as number, false);

/** The values a notice takes from the record and its clocks (today = the notice's date). */
export function noticeValues(kind: DocumentKind, ctx: NoticeContext): DomainResult<NoticeValues> {
  const upTo = ctx.events.filter((e) => e.seq <= ctx.step.seq);
  const computedClocks = applicationClocks(clockEvents(ctx.application, upTo), { calendar: ctx.calendar, today: ctx.issuedOn >= ctx.step.occurredOn ? ctx.issuedOn : ctx.step.occurredOn, settings: ctx.settings });
  // a due date in a year whose holiday notice is not yet loaded is not certain: the notice states the period in words
  const unknownYear = !computedClocks.ok && computedClocks.error.code === 'CALENDAR_YEAR_NOT_LOADED';
  if (!computedClocks.ok && !unknownYear) return { ok: false, error: calendarRefusal(computedClocks.error, '无法计算文书中的期限') };
  const clocks = { value: computedClocks.ok ? computedClocks.value : [] };
  const data = ctx.step.data as Record<string, unknown>;
  const out: NoticeValues = { computed: {}, shown: [] };
  const date = (c: Clock | undefined, words: string): { iso: string | null; text: string; provisional: boolean } => {
    const iso = c?.due ?? null;
    const provisional = provisionalOf(c);
    return { iso, text: periodText(iso, provisional, words, cn), provisional };
  };
  switch (kind) {
    case 'correction_notice': {
      const n = typeof data['workingDays'] === 'number' ? data['workingDays'] : CORRECTION_PERIOD_WORKING_DAYS;
      const d = date(clockOf(clocks.value, 'correction_period'), `自收到本告知书之日起${n}个工作日内`);
      out.computed = { correctionPeriod: d.text, correctionDeadline: d.provisional || d.iso === null ? d.text : d.iso };
      out.shown.push({ label: '补正期限', text: d.text, provisional: d.provisional });
      break;
    }
    case 'extension_notice': {
      const n = typeof data['workingDays'] === 'number' ? data['workingDays'] : 20;
      const d = date(clockOf(clocks.value, 'reply'), `在原答复期限届满后${n}个工作日内（依法不计入答复期限的期间除外）`);
      out.computed = { workingDays: String(n), replyPeriod: d.text, dueOn: d.provisional || d.iso === null ? d.text : d.iso };
      out.shown.push({ label: '延长后的答复期限', text: d.text, provisional: d.provisional });
      break;
    }
    case 'consultation_letter': {
      const c = clockOf(clocks.value, 'consultation');
      const known = typeof data['letterReceivedOn'] === 'string';
      const words = `自收到本函之日起${CONSULTATION_WORKING_DAYS}个工作日内`;
      const provisional = provisionalOf(c);
      const text = known && !provisional && c?.due ? `${words}（即${cn(c.due)}前）` : words;
      out.computed = { responsePeriod: text, dueOn: known && !provisional && c?.due ? c.due : words };
      out.consultee = data['party'] === 'other_agency' ? 'agency' : 'third_party';
      if (typeof data['partyName'] === 'string') out.addressee = data['partyName'];
      out.shown.push({
        label: '第三方（或其他机关）反馈期限',
        text: c?.due ? `${text}${known ? '' : `；送达日期未登记，按发函之日计算为${cn(c.due)}`}` : text,
        provisional,
      });
      break;
    }
    case 'fee_notice':
      out.shown.push({ label: '缴费期限', text: '自申请人收到本通知书之日的次日起20个工作日内', provisional: false });
      break;
    case 'reply': {
      const outcome = data['outcome'];
      if (typeof outcome === 'string' && outcome in OUTCOMES) out.outcome = outcome as Outcome;
      break;
    }
  }
  return { ok: true, value: out };
}

/** Why a notice cannot be issued for this application now, in Chinese, with what to do instead. */
export function noticeRefusal(kind: DocumentKind, state: HandlingState, events: readonly EventRow[], documents: readonly DocRow[]): DomainError {
  const steps = NOTICE_STEPS[kind];
  const label = DOCUMENT_KIND_LABELS[kind];
  const recorded = events.some((e) => steps.includes(e.type as EventType));
  if (recorded && !stepWithoutNotice(kind, events, documents)) {
    return {
      code: 'NOTICE_ALREADY_ISSUED',
      message:
        kind === 'reply'
          ? `本申请已出具${label}，一件申请只有一份有效的答复。答复有误的，请使用“更正答复”：登记更正理由并出具新的答复告知书，原答复告知书保留并标注为已更正。`
          : `该“${EVENT_LABELS[steps[0] as EventType]}”步骤已出具${label}，不能重复出具。`,
    };
  }
  return {
    code: 'NOTICE_STEP_NOT_ALLOWED',
    message: `申请处于“${STATE_LABELS[state]}”状态，尚未登记“${EVENT_LABELS[steps[0] as EventType]}”，此时不能出具${label}。文书须随其办理步骤一并出具，或为已登记的步骤出具。`,
    field: 'kind',
  };
}

/** The rows a notice needs, read in the writing transaction. */
export async function noticeRows(trx: Transaction<DB> | Kysely<DB>, applicationId: number): Promise<{ events: ApplicationEventRow[]; documents: DocRow[] }> {
  const events = await trx.selectFrom('applicationEvents').selectAll().where('applicationId', '=', applicationId).orderBy('seq').execute();
  const documents = await trx.selectFrom('documents').select(['id', 'kind', 'eventSeq', 'issuedOn', 'supersedes']).where('applicationId', '=', applicationId).orderBy('id').execute();
  return { events, documents };
}

/** Whether the step input belongs to the notice kind. */
export function stepFits(kind: DocumentKind, step: EventInput): boolean {
  return NOTICE_STEPS[kind].includes(step.type);
}

export interface NoticePage {
  application: Pick<Application, 'id' | 'number' | 'applicantName' | 'state' | 'outcome'>;
  /** the notices that may be issued now */
  options: NoticeOption[];
  /** the chosen kind's option, if it is one of them */
  option: NoticeOption | null;
  /** the dates the notice will print, computed (for a step to be recorded: as if recorded today with the defaults) */
  shown: NoticeValues['shown'];
  /** the step's recorded data (mode 'issue'), to show and to fill the form */
  stepData: Record<string, unknown>;
  /** the agency's 复议机关 and court, the reply's defaults */
  defaults: { reviewBody: string; court: string };
  /** the contact line a notice issued now prints (agency-site.ts); null: the agency has set none */
  contactLine: string | null;
  /** why the dates cannot be computed, if so */
  error: string | null;
}

/** What the notice page shows for an application and a kind (null: choose a kind). */
export async function noticePage(
  db: Kysely<DB>,
  agencyId: number,
  applicationId: number,
  kind: DocumentKind | null,
  options: { calendar: WorkingCalendar; today: string; approve: boolean },
): Promise<DomainResult<NoticePage>> {
  const app = await db
    .selectFrom('applications as a')
    .innerJoin('agencies as g', 'g.id', 'a.agencyId')
    .select(['a.id', 'a.number', 'a.applicantName', 'a.state', 'a.outcome', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.name as agencyName', 'g.reconsiderationBody', 'g.court', 'g.feeWindowFromReceipt'])
    .where('a.id', '=', applicationId)
    .where('a.agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!app) return fail('APPLICATION_NOT_FOUND', '没有找到该申请（可能不属于本机关）。');
  const { events, documents } = await noticeRows(db, applicationId);
  const all = noticeOptions(app.state as HandlingState, events, documents, { approve: options.approve });
  const option = kind === null ? null : (all.find((o) => o.kind === kind) ?? null);
  let shown: NoticeValues['shown'] = [];
  let error: string | null = null;
  if (option) {
    const last = events.at(-1);
    const step: EventRow = option.event ?? {
      seq: (last?.seq ?? 0) + 1,
      type: option.step,
      occurredOn: options.today,
      data: option.step === 'start_consultation' ? { party: 'third_party' } : {},
    };
    const list = option.event ? events : [...events, step];
    const v = noticeValues(option.kind, { application: app, events: list, step, calendar: options.calendar, settings: { feeWindowFromReceipt: app.feeWindowFromReceipt }, issuedOn: option.event ? option.event.occurredOn : options.today });
    if (v.ok) shown = v.value.shown;
    else error = v.error.message;
  }
  return {
    ok: true,
    value: {
      application: { id: app.id, number: app.number, applicantName: app.applicantName, state: app.state, outcome: app.outcome },
      options: all,
      option,
      shown,
      stepData: (option?.event?.data ?? {}) as Record<string, unknown>,
      defaults: { reviewBody: app.reconsiderationBody ?? '', court: app.court ?? '' },
      contactLine: contactLine(await siteProfile(db, { id: agencyId, name: app.agencyName })),
      error,
    },
  };
}
