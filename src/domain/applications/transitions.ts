// The handling of an application as one transition table (条例第三十至四十五条): for each step, the
// states it may be taken from and the state it leads to. Every pair not in the table is refused.
// The state says where the handling stands; the outcome (how it ended) is recorded apart (domain.md §1.4).

import { parseIsoDate } from '../calendar/dates.ts';
import { EVENT_DATE_LABELS, EVENT_LABELS } from './event-labels.ts';
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
  // the applicant's receipt of the 收费通知 (第三十一条's rules read for it, DERIVED): the payment window starts
  receive_fee_notice: { from: ['awaiting_payment'], to: 'unchanged' },
  record_payment: { from: ['awaiting_payment'], to: 'in_progress' },
  // 国办函〔2020〕109号: not paid in time → not processed further; table 三（六）2
  lapse_fee: { from: ['awaiting_payment'], to: 'concluded', implies: 'OTHER_NO_FEE', concludes: true },
  // 条例第三十六条: the reply
  reply: { from: ['registered', 'in_progress'], to: 'replied', concludes: true },
  // a correction of the reply (a new 答复告知书 replacing the old one): the outcome is replaced, the date of
  // conclusion stays; table 三 follows the current outcome
  correct_reply: { from: ['replied', 'delivered'], to: 'unchanged' },
  // withdrawal by the applicant: table 三（六）3 其他 (practice, UNCONFIRMED — domain.md §1.4)
  withdraw: { from: OPEN, to: 'concluded', implies: 'OTHER', concludes: true },
  deliver: { from: ['replied'], to: 'delivered' },
  // 条例第四十五条: 归档 — the last step: nothing is taken from 'archived' (services/case-readonly.ts)
  archive: { from: ['replied', 'delivered', 'concluded'], to: 'archived' },
  // 条例第四十四条第二款: the applicant suggests the information be made proactive (recorded, the state unchanged)
  suggest_proactive: { from: [...OPEN, 'replied', 'delivered', 'concluded'], to: 'unchanged' },
};

export const EVENT_TYPES: readonly EventType[] = Object.keys(TRANSITIONS) as EventType[];

export { EVENT_DATE_LABELS, EVENT_LABELS } from './event-labels.ts';

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

/** How a notice was delivered: 当面, 邮寄 (signed for), 电子 (confirmed) — 第三十一条's receipt rules. */
export type NoticeDelivery = 'in_person' | 'post' | 'electronic';

export const NOTICE_DELIVERY_LABELS: Record<NoticeDelivery, string> = { in_person: '当面送达', post: '邮寄（以签收日期为准）', electronic: '电子方式（以确认收到日期为准）' };

/** 条例第三十条: the applicant's period to correct, in working days (the agency's reasonable period). */
export const DEFAULT_CORRECTION_WORKING_DAYS = 15;
export const MAX_CORRECTION_WORKING_DAYS = 60;

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
  /** start_consultation: the name of the third party or organ consulted (the addressee of the letter) */
  partyName?: string;
  /** start_consultation: the day the letter reached them (第三十二条: their 15 working days run from it) */
  letterReceivedOn?: string;
  /** send_fee_notice: how the notice was delivered */
  delivery?: NoticeDelivery;
  /** send_fee_notice: the day the applicant received it (当面: the day handed over) */
  noticeReceivedOn?: string;
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
  partyName?: string;
  letterReceivedOn?: string;
  delivery?: NoticeDelivery;
  noticeReceivedOn?: string;
  /** correct_reply: the outcome replaced */
  previousOutcome?: Outcome;
  /** approve_extension: decided after the reply period had run out (kept from a ledger, flagged 超期) */
  afterDue?: true;
  /** lapse_correction / lapse_fee: recorded on or before the period's last day (kept from a ledger, flagged) */
  beforeDue?: true;
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
  closedOn?: string;
  outcome?: Outcome | null;
  outcomeRow?: OutcomeRow | null;
  legalBasis?: string | null;
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

/** What applyEvent needs besides the application: today, and what the clocks say (computed by the caller). */
export interface EventContext {
  today: string;
  /** the reply due date before any extension (pauses counted); given: an extension after it is late */
  replyDue?: string | null;
  /**
   * an extension decided after the reply period ran out: refused (the DERIVED reading "decided and
   * notified within the period", the default), or kept and flagged 超期 (a ledger's history; the other reading)
   */
  lateExtension?: 'refuse' | 'flag';
  /** receive_fee_notice: the receipt already recorded */
  feeNoticeReceivedOn?: string | null;
  /**
   * lapse_correction / lapse_fee: the last day of the period whose lapse is recorded (补正期限, 缴费期限);
   * null: the period has not started (the applicant's receipt of the fee notice is not recorded). Absent:
   * not checked (a caller without the clocks).
   */
  periodDue?: string | null;
  /** a lapse recorded on or before the period's last day: refused (default), or kept and flagged (a ledger's history) */
  earlyLapse?: 'refuse' | 'flag';
}

const optionalDate = (value: string | undefined, label: string, field: string, notBefore: string, today: string): DomainResult<string | undefined> => {
  const v = (value ?? '').trim();
  if (v === '') return { ok: true, value: undefined };
  const d = parseIsoDate(v);
  if (d === null) return refuse('INVALID_DATE', `${label}“${v}”不是有效日期，请按“2024-03-05”的格式填写`, field);
  if (d > (parseIsoDate(today) as number)) return refuse('DATE_IN_FUTURE', `${label}（${v}）晚于今天（${today}），不能登记尚未发生的送达`, field);
  if (d < (parseIsoDate(notBefore) as number)) return refuse('DATE_OUT_OF_ORDER', `${label}（${v}）早于发出日期（${notBefore}），请核对日期`, field);
  return { ok: true, value: v };
};

/**
 * Checks a step against an application and says what it changes: the transition, its date (real, not
 * before receipt, not after today, not before the previous step) and what the step needs (an outcome
 * reached by a reply and its legal basis, a handler, the consulted party, the extension's length).
 */
export function applyEvent(
  application: ApplicationSnapshot,
  event: EventInput,
  context: EventContext,
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
  if (type === 'reply' || type === 'correct_reply') {
    if (event.outcome === undefined) return refuse('OUTCOME_REQUIRED', `${EVENT_LABELS[type]}须选择答复结果（予以公开、部分公开、不予公开等）`, 'outcome');
    const spec = OUTCOMES[event.outcome];
    if (!spec.byReply) {
      const instead = event.outcome === 'OTHER_NO_CORRECTION' ? '逾期未补正' : '逾期未缴费';
      return refuse('OUTCOME_NOT_BY_REPLY', `“${spec.label}”不是答复的结果，请改用“${instead}”登记`, 'outcome');
    }
    const basis = (event.legalBasis ?? '').trim() || spec.basis;
    if (basis === '') return refuse('LEGAL_BASIS_REQUIRED', `答复结果“${spec.label}”须填写法律依据`, 'legalBasis');
    Object.assign(data, { outcome: event.outcome, outcomeRow: spec.row, legalBasis: basis });
    if (type === 'correct_reply') {
      if ((event.note ?? '').trim() === '') return refuse('CORRECTION_REASON_REQUIRED', '更正答复须在“备注”中写明更正的理由（例如原答复适用条款有误），更正记录和原答复告知书都会保留', 'note');
      if (application.outcome) data.previousOutcome = application.outcome;
      Object.assign(changes, { outcome: event.outcome, outcomeRow: spec.row, legalBasis: basis });
    }
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
      return refuse('CONSULTATION_PARTY_REQUIRED', '请选择征求意见的对象类型：第三方（条例第三十二条）或其他机关（条例第三十四条）', 'party');
    }
    data.party = event.party;
    const name = (event.partyName ?? '').trim();
    if (name.length > 200) return refuse('INVALID_INPUT', '被征求意见方的名称最长200个字', 'partyName');
    if (name !== '') data.partyName = name;
    const got = optionalDate(event.letterReceivedOn, '对方收到征求意见函的日期', 'letterReceivedOn', occurredOn, context.today);
    if (!got.ok) return got;
    if (got.value !== undefined) data.letterReceivedOn = got.value;
  }
  if (type === 'request_correction') {
    const days = event.workingDays ?? DEFAULT_CORRECTION_WORKING_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > MAX_CORRECTION_WORKING_DAYS) {
      return refuse('CORRECTION_DAYS_INVALID', `补正期限应为1至${MAX_CORRECTION_WORKING_DAYS}个工作日的整数（条例第三十条：合理的补正期限）`, 'workingDays');
    }
    data.workingDays = days;
  }
  if (type === 'send_fee_notice') {
    if (event.delivery !== undefined && !(event.delivery in NOTICE_DELIVERY_LABELS)) return refuse('INVALID_INPUT', '收费通知的送达方式应为当面、邮寄或电子方式', 'delivery');
    const got = optionalDate(event.noticeReceivedOn, '申请人收到收费通知的日期', 'noticeReceivedOn', occurredOn, context.today);
    if (!got.ok) return got;
    if (event.delivery !== undefined) data.delivery = event.delivery;
    // 第三十一条（一）read for the notice: handed over in person, received that day
    const receivedOn = got.value ?? (event.delivery === 'in_person' ? occurredOn : undefined);
    if (receivedOn !== undefined) data.noticeReceivedOn = receivedOn;
  }
  if (type === 'receive_fee_notice' && context.feeNoticeReceivedOn) {
    return refuse('FEE_NOTICE_ALREADY_RECEIVED', `申请人收到收费通知的日期已登记为${context.feeNoticeReceivedOn}，不能重复登记`, 'occurredOn');
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
    // 条例第三十三条第二款, read (DERIVED, a setting) as: the extension is decided and notified within the period
    if (context.replyDue && occurredOn > context.replyDue) {
      if (context.lateExtension !== 'flag') {
        return refuse(
          'EXTENSION_AFTER_DUE',
          `答复期限已于${context.replyDue}届满，不能再批准延期（条例第三十三条第二款：延期须经政府信息公开工作机构负责人同意并告知申请人；本系统按“延期应在答复期限内决定并告知”理解该条）。请尽快作出答复；已超期的情况会如实显示在期限中`,
          'occurredOn',
        );
      }
      data.afterDue = true;
    }
    data.workingDays = days;
    changes.extended = true;
  }
  if ((type === 'lapse_correction' || type === 'lapse_fee') && context.periodDue !== undefined) {
    const lapse = lapseCheck(type, occurredOn, context);
    if (lapse === 'flag') data.beforeDue = true;
    else if (lapse !== null) return { ok: false, error: lapse };
  }
  const note = (event.note ?? '').trim();
  if (note !== '') data.note = note;

  return { ok: true, value: { state, changes, record: { type, occurredOn, stateBefore: application.state, stateAfter: state, data } } };
}

/**
 * 逾期未补正 (条例第三十条) and 逾期未缴费 (国办函〔2020〕109号) are facts only after the period's last day:
 * recorded earlier they would end an application the applicant may still complete. null: in order.
 */
function lapseCheck(type: 'lapse_correction' | 'lapse_fee', occurredOn: string, context: EventContext): DomainError | 'flag' | null {
  const due = context.periodDue;
  if (due === null) {
    return {
      code: 'FEE_NOTICE_NOT_RECEIVED',
      message: '申请人收到收费通知的日期尚未登记，缴费期限尚未起算，不能认定逾期未缴费。请先登记申请人收到收费通知的日期（当面送达为送达当日，邮寄为签收日期）。',
      field: 'occurredOn',
    };
  }
  if (due === undefined || occurredOn > due) return null;
  if (context.earlyLapse === 'flag') return 'flag';
  const [what, basis] = type === 'lapse_correction' ? ['补正期限', '条例第三十条'] : ['缴费期限', '国办函〔2020〕109号'];
  return {
    code: 'LAPSE_BEFORE_DUE',
    message: `${what}至${due}届满（${basis}），${occurredOn}尚在期限内，不能认定逾期。请在${due}之后登记；期限内申请人仍可${type === 'lapse_correction' ? '补正' : '缴费'}。`,
    field: 'occurredOn',
  };
}
