// What every statutory clock shares: its shape, its settings, and how its state follows from a due
// date and today. Pure: `today` is an argument.

import type { Result, WorkingCalendar } from './calendar.ts';
import { parseIsoDate, toIsoDate } from './dates.ts';
import type { IsoDate } from './dates.ts';

export type ClockState = 'running' | 'due_soon' | 'overdue' | 'paused' | 'stopped';

export interface Clock {
  id:
    | 'receipt'
    | 'correction_notice'
    | 'correction_period'
    | 'reply'
    | 'consultation'
    | 'fee_payment'
    | 'proactive_disclosure'
    | 'annual_report'
    | 'reconsideration'
    | 'litigation'
    | 'amendment';
  /** in Chinese */
  title: string;
  /** the article it comes from */
  basis: string;
  due: IsoDate | null;
  /** working days from today (exclusive) to the due date (inclusive); negative when overdue */
  workingDaysLeft: number | null;
  state: ClockState;
  /** when stopped: whether what was due was done in time */
  met?: boolean;
  /**
   * the due date falls in a year whose holiday arrangement is not yet published: it is an estimate on
   * the statutory holidays (暂定), recomputed when the notice is imported (set by markProvisional)
   */
  provisional?: boolean;
  /** when provisional: the earliest the due date can turn out to be (make-up working days around holidays) */
  earliestDue?: IsoDate;
  /** when the earliest date was put in `due` (the dashboard): the estimate shown elsewhere */
  estimateDue?: IsoDate | null;
  explain: string[];
}

/**
 * Readings of the 条例 that are not its text (DERIVED, docs/ARCHITECTURE.md): settings, with the
 * careful reading as the default.
 */
export interface ClockSettings {
  /** whether the reply clock stops while the applicant has a fee notice to pay (UNCONFIRMED; default yes) */
  feeStopsReplyClock: boolean;
  /** "due soon" from this many working days left (the dashboard's 3) */
  dueSoonWorkingDays: number;
  /**
   * DERIVED reading: 第三十一条's receipt rules apply to the 收费通知, so the payment window runs from the
   * day the applicant receives it (当面: handed over; 邮寄: 签收; 电子: confirmed). false: from the day sent.
   */
  feeWindowFromReceipt: boolean;
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = { feeStopsReplyClock: true, dueSoonWorkingDays: 3, feeWindowFromReceipt: true };

export interface Context {
  calendar: WorkingCalendar;
  today: number;
  settings: ClockSettings;
}

export type ClockBase = Omit<Clock, 'workingDaysLeft' | 'state' | 'due'>;

export function day(date: IsoDate): number {
  const d = parseIsoDate(date);
  if (d === null) throw new RangeError(`invalid date ${date}`); // validated before (validEvents)
  return d;
}

/** A clock's state from its due date and today; `paused` and `stopped` are decided by the caller. */
export function timing(ctx: Context, due: number): Result<{ workingDaysLeft: number; state: ClockState }> {
  const left = ctx.calendar.workingDaysBetween(ctx.today, due);
  if (!left.ok) return left;
  const overdue = ctx.today > due;
  const state: ClockState = overdue ? 'overdue' : left.value <= ctx.settings.dueSoonWorkingDays ? 'due_soon' : 'running';
  return { ok: true, value: { workingDaysLeft: left.value, state } };
}

export function running(ctx: Context, base: ClockBase, due: number): Result<Clock> {
  const t = timing(ctx, due);
  if (!t.ok) return t;
  return { ok: true, value: { ...base, due: toIsoDate(due), ...t.value } };
}

export function stopped(base: ClockBase, due: number | null, met?: boolean): Clock {
  return { ...base, due: due === null ? null : toIsoDate(due), workingDaysLeft: null, state: 'stopped', ...(met === undefined ? {} : { met }) };
}
