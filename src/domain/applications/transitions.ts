// The handling of an application as one transition table (条例第三十至四十五条): for each step, the
// states it may be taken from and the state it leads to. Every pair not in the table is refused.
// The state says where the handling stands; the outcome (how it ended) is recorded apart (domain.md §1.4).

import { parseIsoDate } from '../calendar/dates.ts';
import { EVENT_DATE_LABELS, EVENT_LABELS } from './event-labels.ts';
import type { ApplicationChanges, ApplicationSnapshot, AppliedEvent, EventContext, EventData, EventInput } from './step-types.ts';
import { DEFAULT_CORRECTION_WORKING_DAYS, MAX_CORRECTION_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS, NOTICE_DELIVERY_LABELS } from './step-types.ts';
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
export type { ApplicationSnapshot, ConsultedParty, NoticeDelivery, EventInput, EventData, EventRecord, ApplicationChanges, AppliedEvent, EventContext } from './step-types.ts';
export { NOTICE_DELIVERY_LABELS, DEFAULT_CORRECTION_WORKING_DAYS, MAX_CORRECTION_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS } from './step-types.ts';

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
// Applying a step to an application (what a step carries: step-types.ts)

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
