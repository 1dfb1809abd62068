// The handling of an application as one transition table (条例第三十至四十五条): for each step, the
// states it may be taken from and the state it leads to. Every pair not in the table is refused.
// The state says where the handling stands; the outcome (how it ended) is recorded apart (domain.md §1.4).

import { parseIsoDate } from '../calendar/dates.ts';
import {
  OPEN_STATES,
  OUTCOMES,
  STATE_LABELS,
  type DomainError,
  type DomainResult,
  type EventType,
  type HandlingState,
  type Outcome,
  type OutcomeRow,
} from './types.ts';

export interface Transition {
  /** the states the step may be taken from; null: the application is not yet registered */
  from: readonly (HandlingState | null)[];
  /** the state it leads to; 'unchanged': the state stays as it was */
  to: HandlingState | 'unchanged';
  /** the outcome the step implies (a lapse, a withdrawal) */
  implies?: Outcome;
  /** the step concludes the application (closed_on is set; table 三 counts it as handled) */
  concludes?: true;
}

const OPEN = OPEN_STATES;

/** THE transition table. */
export const TRANSITIONS: Readonly<Record<EventType, Transition>> = {
  // 条例第四十五条: 登记
  register: { from: [null], to: 'registered' },
  assign: { from: OPEN, to: 'unchanged' },
  // 条例第三十条: 补正 is asked once (一次性告知), within 7 working days of receipt
  request_correction: { from: ['registered'], to: 'awaiting_correction' },
  // 条例第三十条: the reply period runs from the receipt of the corrected application
  receive_correction: { from: ['awaiting_correction'], to: 'in_progress' },
  // 条例第三十条: no correction by the deadline → deemed abandoned; table 三（六）1
  lapse_correction: { from: ['awaiting_correction'], to: 'concluded', implies: 'OTHER_NO_CORRECTION', concludes: true },
  // 条例第三十二条、第三十四条: consulting a third party or another organ (not counted in the reply period)
  start_consultation: { from: ['registered', 'in_progress'], to: 'consulting' },
  end_consultation: { from: ['consulting'], to: 'in_progress' },
  // 条例第三十三条第二款: one extension of at most 20 working days
  approve_extension: { from: ['registered', 'in_progress', 'consulting', 'awaiting_payment'], to: 'unchanged' },
  // 条例第四十二条、国办函〔2020〕109号: 收费通知
  send_fee_notice: { from: ['registered', 'in_progress'], to: 'awaiting_payment' },
  record_payment: { from: ['awaiting_payment'], to: 'in_progress' },
  // 国办函〔2020〕109号: not paid in time → not processed further; table 三（六）2
  lapse_fee: { from: ['awaiting_payment'], to: 'concluded', implies: 'OTHER_NO_FEE', concludes: true },
  // 条例第三十六条: the reply
  reply: { from: ['registered', 'in_progress'], to: 'replied', concludes: true },
  // withdrawal by the applicant: table 三（六）3 其他 (practice, UNCONFIRMED — domain.md §1.4)
  withdraw: { from: OPEN, to: 'concluded', implies: 'OTHER', concludes: true },
  deliver: { from: ['replied'], to: 'delivered' },
  // 条例第四十五条: 归档
  archive: { from: ['replied', 'delivered', 'concluded'], to: 'archived' },
};

export const EVENT_TYPES: readonly EventType[] = Object.keys(TRANSITIONS) as EventType[];

/** The steps in Chinese, for buttons, the history and messages. */
export const EVENT_LABELS: Record<EventType, string> = {
  register: '登记申请',
  assign: '分配承办人',
  request_correction: '发出补正告知',
  receive_correction: '收到补正材料',
  lapse_correction: '逾期未补正',
  start_consultation: '征求意见',
  end_consultation: '收到征求意见答复',
  approve_extension: '批准延期答复',
  send_fee_notice: '发出收费通知',
  record_payment: '登记缴费',
  lapse_fee: '逾期未缴费',
  reply: '作出答复',
  withdraw: '申请人撤回申请',
  deliver: '送达答复',
  archive: '归档',
};

/** The date of each step, named in Chinese for messages ("答复日期不能早于收到申请日期"). */
export const EVENT_DATE_LABELS: Record<EventType, string> = {
  register: '登记日期',
  assign: '分配日期',
  request_correction: '补正告知日期',
  receive_correction: '收到补正材料日期',
  lapse_correction: '逾期未补正的认定日期',
  start_consultation: '征求意见日期',
  end_consultation: '收到征求意见答复日期',
  approve_extension: '批准延期日期',
  send_fee_notice: '收费通知日期',
  record_payment: '缴费日期',
  lapse_fee: '逾期未缴费的认定日期',
  reply: '答复日期',
  withdraw: '撤回日期',
  deliver: '送达日期',
  archive: '归档日期',
};

export function isOpen(state: HandlingState | null): boolean {
  return state !== null && OPEN_STATES.includes(state);
}

/** The steps that may be taken from a state. */
export function allowedEvents(state: HandlingState | null): EventType[] {
  return EVENT_TYPES.filter((e) => TRANSITIONS[e].from.includes(state));
}

const refuse = <T>(code: string, message: string, field?: string): DomainResult<T> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** The state a step leads to from a state, or ILLEGAL_TRANSITION. */
export function nextState(state: HandlingState | null, event: EventType): DomainResult<HandlingState> {
  const t = TRANSITIONS[event];
  if (t.from.includes(state)) return { ok: true, value: t.to === 'unchanged' ? (state as HandlingState) : t.to };
  const where = state === null ? '申请尚未登记' : `申请处于“${STATE_LABELS[state]}”状态`;
  const allowed = allowedEvents(state).map((e) => `“${EVENT_LABELS[e]}”`);
  const hint = allowed.length > 0 ? `；此时可以：${allowed.join('、')}` : '；此时不能再进行任何办理步骤';
  return refuse('ILLEGAL_TRANSITION', `${where}，不能“${EVENT_LABELS[event]}”${hint}`, 'state');
}

// ---------------------------------------------------------------------------------------------
// Applying a step to an application

/** What applyEvent needs to know of an application, and what it may change. */
export interface ApplicationSnapshot {
  /** null: not yet registered (the step is `register`) */
  state: HandlingState | null;
  /** 条例第三十一条: the receipt date, null until signed for or confirmed */
  receivedOn: string | null;
  submittedOn: string;
  /** 条例第三十三条第二款: whether the reply period has been extended */
  extended: boolean;
  /** the date of the latest step, null before the first */
  lastEventOn: string | null;
  outcome?: Outcome | null;
  outcomeRow?: OutcomeRow | null;
  legalBasis?: string | null;
  closedOn?: string | null;
  handler?: string | null;
}

export type ConsultedParty = 'third_party' | 'other_agency';

export interface EventInput {
  type: EventType;
  /** the legal date of the step (YYYY-MM-DD): the date on the document, of the receipt … */
  occurredOn: string;
  outcome?: Outcome;
  legalBasis?: string;
  /** approve_extension: the working days added (at most 20; 20 when not given) */
  workingDays?: number;
  /** start_consultation */
  party?: ConsultedParty;
  /** assign */
  handler?: string;
  note?: string;
}

/** What the event row stores besides its type and date (application_events.data). */
export interface EventData {
  outcome?: Outcome;
  outcomeRow?: OutcomeRow;
  legalBasis?: string;
  workingDays?: number;
  party?: ConsultedParty;
  handler?: string;
  note?: string;
}

/** The event to append (seq, recorded_at and actor are the service's). */
export interface EventRecord {
  type: EventType;
  occurredOn: string;
  stateBefore: HandlingState | null;
  stateAfter: HandlingState;
  data: EventData;
}

/** The columns of the application a step changes (state always; the others when the step sets them). */
export interface ApplicationChanges {
  state: HandlingState;
  outcome?: Outcome | null;
  outcomeRow?: OutcomeRow | null;
  legalBasis?: string | null;
  closedOn?: string;
  handler?: string;
  extended?: true;
}

export interface AppliedEvent {
  state: HandlingState;
  changes: ApplicationChanges;
  record: EventRecord;
}

/** 条例第三十三条第二款: 延长的期限最长不得超过20个工作日 */
export const MAX_EXTENSION_WORKING_DAYS = 20;

/**
 * Checks a step against an application and says what it changes: the transition, its date (real, not
 * before receipt, not after today, not before the previous step) and what the step needs (an outcome
 * reached by a reply and its legal basis, a handler, the consulted party, the extension's length).
 */
export function applyEvent(
  application: ApplicationSnapshot,
  event: EventInput,
  context: { today: string },
): DomainResult<AppliedEvent> {
  const { type } = event;
  const transition = TRANSITIONS[type];
  const next = nextState(application.state, type);
  if (!next.ok) return next;
  const state = next.value;

  // --- the date
  const dateLabel = EVENT_DATE_LABELS[type];
  const on = parseIsoDate(event.occurredOn);
  if (on === null) return refuse('INVALID_DATE', `${dateLabel}“${event.occurredOn}”不是有效日期，请按“2024-03-05”的格式填写`, 'occurredOn');
  const occurredOn = event.occurredOn.trim();
  const today = parseIsoDate(context.today);
  if (today === null) return refuse('INVALID_DATE', `今天的日期“${context.today}”不是有效日期`, 'today');
  if (on > today) return refuse('DATE_IN_FUTURE', `${dateLabel}（${occurredOn}）晚于今天（${context.today}），不能登记尚未发生的步骤`, 'occurredOn');
  // the steps follow the receipt (条例第三十一条); registration, or any step before the receipt is confirmed, follows the submission
  const received = type === 'register' ? null : parseIsoDate(application.receivedOn ?? '');
  const submitted = parseIsoDate(application.submittedOn);
  if (received !== null && on < received) {
    return refuse('DATE_BEFORE_RECEIPT', `${dateLabel}不能早于收到申请日期（${application.receivedOn}），请核对日期`, 'occurredOn');
  }
  if (received === null && submitted !== null && on < submitted) {
    return refuse('DATE_BEFORE_RECEIPT', `${dateLabel}不能早于提交申请日期（${application.submittedOn}），请核对日期`, 'occurredOn');
  }
  const last = application.lastEventOn === null ? null : parseIsoDate(application.lastEventOn);
  if (last !== null && on < last) {
    return refuse('DATE_OUT_OF_ORDER', `${dateLabel}（${occurredOn}）早于上一个办理步骤的日期（${application.lastEventOn}），请核对日期`, 'occurredOn');
  }

  const data: EventData = {};
  // only columns of the application (lastEventOn is derived from its events)
  const changes: ApplicationChanges = { state };

  // --- the outcome
  if (type === 'reply') {
    if (event.outcome === undefined) return refuse('OUTCOME_REQUIRED', '作出答复须选择答复结果（予以公开、部分公开、不予公开等）', 'outcome');
    const spec = OUTCOMES[event.outcome];
    if (!spec.byReply) {
      const instead = event.outcome === 'OTHER_NO_CORRECTION' ? '逾期未补正' : '逾期未缴费';
      return refuse('OUTCOME_NOT_BY_REPLY', `“${spec.label}”不是答复的结果，请改用“${instead}”登记`, 'outcome');
    }
    const basis = (event.legalBasis ?? '').trim() || spec.basis;
    if (basis === '') return refuse('LEGAL_BASIS_REQUIRED', `答复结果“${spec.label}”须填写法律依据`, 'legalBasis');
    Object.assign(data, { outcome: event.outcome, outcomeRow: spec.row, legalBasis: basis });
  } else if (transition.implies !== undefined) {
    const implied = transition.implies;
    if (event.outcome !== undefined && event.outcome !== implied) {
      return refuse(
        'OUTCOME_IMPLIED',
        `“${EVENT_LABELS[type]}”的办理结果只能是“${OUTCOMES[implied].label}”，不能是“${OUTCOMES[event.outcome].label}”`,
        'outcome',
      );
    }
    const spec = OUTCOMES[implied];
    const basis = (event.legalBasis ?? '').trim() || spec.basis;
    Object.assign(data, { outcome: implied, outcomeRow: spec.row }, basis === '' ? {} : { legalBasis: basis });
  } else if (event.outcome !== undefined) {
    return refuse('OUTCOME_NOT_ALLOWED', `“${EVENT_LABELS[type]}”不产生办理结果，请不要选择办理结果`, 'outcome');
  }
  if (transition.concludes) {
    changes.outcome = data.outcome ?? null;
    changes.outcomeRow = data.outcomeRow ?? null;
    changes.legalBasis = data.legalBasis ?? null;
    changes.closedOn = occurredOn;
  }

  // --- what each step needs
  if (type === 'assign') {
    const handler = (event.handler ?? '').trim();
    if (handler === '') return refuse('HANDLER_REQUIRED', '请填写承办人', 'handler');
    data.handler = handler;
    changes.handler = handler;
  }
  if (type === 'start_consultation') {
    if (event.party !== 'third_party' && event.party !== 'other_agency') {
      return refuse('CONSULTATION_PARTY_REQUIRED', '请选择征求意见的对象：第三方（条例第三十二条）或其他机关（条例第三十四条）', 'party');
    }
    data.party = event.party;
  }
  if (type === 'approve_extension') {
    if (application.extended) {
      return refuse('DEADLINE_ALREADY_EXTENDED', '答复期限已延长过一次，不能再次延长（条例第三十三条第二款）', 'workingDays');
    }
    const days = event.workingDays ?? MAX_EXTENSION_WORKING_DAYS;
    if (!Number.isInteger(days) || days < 1) {
      return refuse('EXTENSION_DAYS_INVALID', `延长的期限应为1至${MAX_EXTENSION_WORKING_DAYS}个工作日的整数`, 'workingDays');
    }
    if (days > MAX_EXTENSION_WORKING_DAYS) {
      return refuse('EXTENSION_TOO_LONG', `延长的期限最长不得超过${MAX_EXTENSION_WORKING_DAYS}个工作日（条例第三十三条第二款），现为${days}个工作日`, 'workingDays');
    }
    data.workingDays = days;
    changes.extended = true;
  }
  const note = (event.note ?? '').trim();
  if (note !== '') data.note = note;

  return { ok: true, value: { state, changes, record: { type, occurredOn, stateBefore: application.state, stateAfter: state, data } } };
}
