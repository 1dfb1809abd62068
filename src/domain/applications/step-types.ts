// What a step of the handling carries (transitions.ts applies it): the application as a step sees it,
// the step's input, what its event row stores, the columns it changes, the clocks' context — and the
// constants of 条例第三十条 and 第三十三条 the steps are checked against. Types and constants only.

import type { EventType, HandlingState, Outcome, OutcomeRow } from './types.ts';

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
