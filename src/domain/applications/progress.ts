// Where an application stands, as the applicant's progress view shows it: 收到 → 补正 (only when one was
// asked for) → 办理 → 答复 (or 办结, when it ended without a reply: withdrawn, or a 补正 or fee not made in
// time), each step with its dates from the recorded events, exactly one step current, and the deadline
// that runs now — the 补正期限 while the 补正 is awaited (the reply period is not counted then: it runs
// again from the day the corrected application arrives, 条例第三十条), else the 答复期限 — with its 暂定
// mark. Pure: the events and clocks come computed (services/public-status.ts).

import type { Clock } from '../calendar/clock-base.ts';
import type { HandlingState } from './types.ts';

export type StepKey = 'received' | 'correction' | 'handling' | 'reply' | 'closed';

/** done: passed; current: where the application stands; upcoming: not yet; skipped: never reached (it ended before). */
export type StepStatus = 'done' | 'current' | 'upcoming' | 'skipped';

export interface StepDate {
  label: string;
  date: string;
}

export interface ProgressStep {
  key: StepKey;
  label: string;
  status: StepStatus;
  dates: StepDate[];
  note: string | null;
}

export interface ProgressDeadline {
  kind: 'correction' | 'reply';
  title: string;
  basis: string;
  /** null: not computable now (the page says why) */
  due: string | null;
  /** 暂定: in a year whose holiday arrangement is not yet published */
  provisional: boolean;
  /** the reply clock stands still (a consultation, a fee notice unpaid) */
  paused: boolean;
  /** today is past the due date */
  overdue: boolean;
  text: string;
}

export interface Progress {
  steps: ProgressStep[];
  /** the application is concluded (replied, withdrawn, lapsed): its last step is current and done */
  closed: boolean;
  /** the deadline that runs now; null once concluded */
  deadline: ProgressDeadline | null;
}

export interface ProgressInput {
  state: HandlingState;
  receivedOn: string | null;
  events: readonly { type: string; occurredOn: string }[];
  /** the application's clocks on today, or null when the calendar cannot say */
  clocks: readonly Clock[] | null;
}

const CLOSED_STATES: readonly HandlingState[] = ['replied', 'concluded', 'delivered', 'archived'];

/** The handling steps shown with their dates in the 办理 step. */
const HANDLING_EVENTS: Readonly<Record<string, string>> = {
  start_consultation: '征求意见',
  end_consultation: '征求意见结束',
  approve_extension: '延长答复期限',
  send_fee_notice: '发出缴费通知',
  record_payment: '确认缴费',
};

export function progressOf(input: ProgressInput): Progress {
  const { state, events } = input;
  const firstOf = (type: string) => events.find((e) => e.type === type);
  const closed = CLOSED_STATES.includes(state);
  const requested = firstOf('request_correction');
  const corrected = firstOf('receive_correction');
  const lapsedCorrection = firstOf('lapse_correction');
  const withdrawn = firstOf('withdraw');
  const lapsedFee = firstOf('lapse_fee');
  const reply = firstOf('reply');
  // the handling began when no 补正 was asked, or once it arrived
  const handlingBegan = requested === undefined || corrected !== undefined;
  const steps: ProgressStep[] = [];

  steps.push({ key: 'received', label: '收到申请', status: 'done', dates: input.receivedOn ? [{ label: '收到申请', date: input.receivedOn }] : [], note: null });

  if (requested) {
    const dates: StepDate[] = [{ label: '发出补正告知', date: requested.occurredOn }];
    if (corrected) dates.push({ label: '收到补正后的申请', date: corrected.occurredOn });
    else if (lapsedCorrection) dates.push({ label: '逾期未补正', date: lapsedCorrection.occurredOn });
    else if (withdrawn) dates.push({ label: '撤回申请', date: withdrawn.occurredOn });
    steps.push({ key: 'correction', label: '补正', status: state === 'awaiting_correction' ? 'current' : 'done', dates, note: null });
  }

  {
    const start = corrected?.occurredOn ?? input.receivedOn;
    const dates: StepDate[] = handlingBegan && start ? [{ label: corrected ? '答复期限自收到补正之日起重新计算' : '答复期限起算', date: start }] : [];
    for (const e of events) {
      const label = HANDLING_EVENTS[e.type];
      if (label !== undefined) dates.push({ label, date: e.occurredOn });
    }
    const status: StepStatus = closed ? (handlingBegan ? 'done' : 'skipped') : handlingBegan ? 'current' : 'upcoming';
    steps.push({ key: 'handling', label: '办理', status, dates, note: status === 'skipped' ? '申请已办结，未进入办理。' : null });
  }

  if (reply) {
    const dates: StepDate[] = [{ label: '作出答复', date: reply.occurredOn }];
    for (const e of events) {
      if (e.type === 'correct_reply') dates.push({ label: '更正答复', date: e.occurredOn });
      if (e.type === 'deliver') dates.push({ label: '答复送达', date: e.occurredOn });
    }
    steps.push({ key: 'reply', label: '答复', status: 'current', dates, note: null });
  } else if (closed) {
    const end = withdrawn ?? lapsedCorrection ?? lapsedFee;
    const what = withdrawn ? '撤回申请' : lapsedCorrection ? '逾期未补正' : lapsedFee ? '逾期未缴费' : '办结';
    const note = withdrawn
      ? '您撤回了申请，本申请办结。'
      : lapsedCorrection
        ? '补正期限届满未补正，视为放弃申请（条例第三十条）。'
        : lapsedFee
          ? '缴费期限届满未缴费，视为放弃申请。'
          : null;
    steps.push({ key: 'closed', label: '办结', status: 'current', dates: end ? [{ label: what, date: end.occurredOn }] : [], note });
  } else {
    steps.push({ key: 'reply', label: '答复', status: 'upcoming', dates: [], note: null });
  }

  return { steps, closed, deadline: closed ? null : deadlineOf(input) };
}

function deadlineOf(input: ProgressInput): ProgressDeadline {
  const awaiting = input.state === 'awaiting_correction';
  const clock = input.clocks?.find((c) => c.id === (awaiting ? 'correction_period' : 'reply'));
  const due = clock?.due ?? null;
  const common = { due, provisional: clock?.provisional === true, paused: clock?.state === 'paused', overdue: clock?.state === 'overdue' };
  if (awaiting) {
    return {
      kind: 'correction',
      title: '补正期限',
      basis: '条例第三十条',
      ...common,
      text: '请在补正期限内补正。补正期间不计算答复期限：答复期限自本机关收到补正后的申请之日起重新计算。',
    };
  }
  return {
    kind: 'reply',
    title: '答复期限',
    basis: '条例第三十三条',
    ...common,
    text: common.paused ? '征求意见或缴纳信息处理费期间暂停计算答复期限，到期日相应顺延。' : '本机关应在答复期限内作出答复。',
  };
}
