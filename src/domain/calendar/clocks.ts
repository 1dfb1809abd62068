// The statutory clocks of 《政府信息公开条例》, as pure functions of an application's dated events,
// today's date and the working-day calendar. Each clock gives its due date, the working days left,
// a state and an explanation citing its article. Nothing here reads the clock: `today` is an argument.
// Shared shapes are in clock-base.ts; the clocks outside an application's handling in windows.ts.

import type { Result, WorkingCalendar } from './calendar.ts';
import { DEFAULT_CLOCK_SETTINGS, day, running, stopped, timing } from './clock-base.ts';
import type { Clock, ClockBase, ClockSettings, Context } from './clock-base.ts';
import { chineseDate, parseIsoDate, toIsoDate } from './dates.ts';
import type { IsoDate } from './dates.ts';

export { DEFAULT_CLOCK_SETTINGS } from './clock-base.ts';
export type { Clock, ClockSettings, ClockState } from './clock-base.ts';
export { annualReportDue, proactiveDisclosureClock, PROACTIVE_WORKING_DAYS, remedyWindow } from './windows.ts';

/** 第三十一条: how the application arrived. */
export type Channel = 'in_person' | 'post_signed' | 'post_ordinary' | 'online' | 'fax' | 'other';

/** How a notice reaches its addressee (第三十一条's receipt rules, DERIVED for notices of the organ). */
export type NoticeDelivery = 'in_person' | 'post' | 'electronic';

export type ApplicationEvent =
  /** the applicant hands in, posts or sends the application */
  | { type: 'submitted'; date: IsoDate; channel: Channel }
  /** 第三十一条（二）: the organ signs for a registered letter */
  | { type: 'signed_for'; date: IsoDate }
  /** 第三十一条（二）（三）: receipt confirmed with the applicant (ordinary letter, online, fax) */
  | { type: 'receipt_confirmed'; date: IsoDate }
  /** 第三十条: the 补正 notice is sent; `workingDays`: the period it gives the applicant */
  | { type: 'correction_requested'; date: IsoDate; workingDays?: number }
  /** 第三十条: the corrected application arrives */
  | { type: 'correction_received'; date: IsoDate }
  /**
   * 第三十二条 / 第三十四条: a consultation letter is sent to a third party or another organ; `receivedOn`:
   * the day it reached them (unknown: counted from the day it was sent, the earlier and careful date)
   */
  | { type: 'consultation_started'; date: IsoDate; party: 'third_party' | 'other_agency'; receivedOn?: IsoDate }
  /** their answer arrives */
  | { type: 'consultation_ended'; date: IsoDate }
  /** 第三十三条第二款: the head of the disclosure office approves an extension (at most 20 working days) */
  | { type: 'extension_approved'; date: IsoDate; workingDays: number }
  /** 国办函〔2020〕109号: the organ sends the fee notice */
  | { type: 'fee_notice_sent'; date: IsoDate }
  /** 国办函〔2020〕109号: the applicant receives the fee notice */
  | { type: 'fee_notice_received'; date: IsoDate }
  | { type: 'fee_paid'; date: IsoDate }
  | { type: 'replied'; date: IsoDate }
  | { type: 'withdrawn'; date: IsoDate }
  /** concluded without a reply: correction or fee lapsed (条例第三十条; 国办函〔2020〕109号) */
  | { type: 'concluded'; date: IsoDate };

export const REPLY_WORKING_DAYS = 20; // 条例第三十三条第二款: reply within 20 working days
export const MAX_EXTENSION_WORKING_DAYS = 20; // 条例第三十三条第二款: one extension of at most 20
export const CORRECTION_NOTICE_WORKING_DAYS = 7; // 条例第三十条: 补正 notice within 7 working days
export const CORRECTION_PERIOD_WORKING_DAYS = 15; // 条例第三十条: "合理的补正期限" — the agency's default
export const CONSULTATION_WORKING_DAYS = 15; // 条例第三十二条、第三十四条: 15 working days to answer
export const FEE_PAYMENT_WORKING_DAYS = 20; // 国办函〔2020〕109号: pay within 20 working days

const first = <T extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: T) =>
  events.find((e): e is Extract<ApplicationEvent, { type: T }> => e.type === type);

/** Events with real dates, in date order (stable). */
function validEvents(events: readonly ApplicationEvent[]): Result<ApplicationEvent[]> {
  for (const e of events) {
    const extra = e.type === 'consultation_started' && e.receivedOn !== undefined ? [e.receivedOn] : [];
    for (const d of [e.date, ...extra]) {
      if (parseIsoDate(d) === null) {
        return { ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: `事件“${e.type}”的日期“${d}”不是有效日期（YYYY-MM-DD）。` } };
      }
    }
  }
  return { ok: true, value: [...events].sort((a, b) => day(a.date) - day(b.date)) };
}

/** 第三十一条: the date the application counts as received, by channel; null while it is not yet. */
export function receiptDate(events: readonly ApplicationEvent[]): { date: IsoDate | null; explain: string } {
  const submitted = first(events, 'submitted');
  if (!submitted) return { date: null, explain: '尚未收到申请。' };
  switch (submitted.channel) {
    case 'in_person':
      return { date: submitted.date, explain: `当面提交，以提交之日${chineseDate(day(submitted.date))}为收到申请之日（条例第三十一条第（一）项）。` };
    case 'post_signed': {
      const signed = first(events, 'signed_for');
      return signed
        ? { date: signed.date, explain: `邮寄需签收，以签收之日${chineseDate(day(signed.date))}为收到申请之日（条例第三十一条第（二）项）。` }
        : { date: null, explain: '邮寄需签收的申请尚未签收（条例第三十一条第（二）项）。' };
    }
    case 'post_ordinary':
    case 'online':
    case 'fax': {
      const confirmed = first(events, 'receipt_confirmed');
      const how = submitted.channel === 'post_ordinary' ? '平常信函' : submitted.channel === 'online' ? '通过互联网渠道提交' : '通过传真提交';
      const article = submitted.channel === 'post_ordinary' ? '条例第三十一条第（二）项' : '条例第三十一条第（三）项';
      return confirmed
        ? { date: confirmed.date, explain: `${how}，以双方确认之日${chineseDate(day(confirmed.date))}为收到申请之日（${article}）。` }
        : { date: null, explain: `${how}的申请尚未与申请人确认收到（${article}），确认之日起算。` };
    }
    default:
      return { date: submitted.date, explain: `以提交之日${chineseDate(day(submitted.date))}为收到申请之日（其他渠道，参照条例第三十一条）。` };
  }
}

/** One consultation: its letter, when it reached the party, when their 15 working days end, and its answer. */
interface Consultation {
  party: 'third_party' | 'other_agency';
  sent: number;
  /** the day the letter reached them; the day sent when not recorded */
  received: number;
  receivedKnown: boolean;
  /** 第三十二条、第三十四条: the 15th working day after `received` */
  due: number;
  /** the answer recorded (on or after `sent`), if any */
  answered: number | null;
}

function consultations(ctx: Context, events: readonly ApplicationEvent[]): Result<Consultation[]> {
  const out: Consultation[] = [];
  events.forEach((e, i) => {
    if (e.type !== 'consultation_started') return;
    const sent = day(e.date);
    const received = e.receivedOn === undefined ? sent : Math.max(sent, day(e.receivedOn));
    const ended = events.slice(i + 1).find((x) => x.type === 'consultation_ended' || x.type === 'consultation_started');
    out.push({ party: e.party, sent, received, receivedKnown: e.receivedOn !== undefined, due: 0, answered: ended?.type === 'consultation_ended' ? day(ended.date) : null });
  });
  for (const c of out) {
    const due = ctx.calendar.addWorkingDays(c.received, CONSULTATION_WORKING_DAYS);
    if (!due.ok) return due;
    c.due = due.value;
  }
  return { ok: true, value: out };
}

const partyName = (party: Consultation['party']) => (party === 'third_party' ? '第三方' : '其他机关');
const partyArticle = (party: Consultation['party']) => (party === 'third_party' ? '条例第三十二条' : '条例第三十四条');

/** 第三十一条 read for the 收费通知 (DERIVED, a setting): the day the fee window and the fee pause start from, or null. */
function feeNoticeStart(ctx: Context, events: readonly ApplicationEvent[]): { on: number; received: boolean } | null {
  const received = first(events, 'fee_notice_received');
  const sent = first(events, 'fee_notice_sent');
  if (received) return { on: day(received.date), received: true };
  if (sent && !ctx.settings.feeWindowFromReceipt) return { on: day(sent.date), received: false };
  return null;
}

/**
 * Working days in the periods the reply clock stands still (条例第三十三条第三款: consultations; the fee
 * notice if so set). A consultation stands still from its letter to the answer or, at the latest, to the
 * end of the consulted party's 15 working days (第三十二条: then the organ decides and time counts again).
 */
function pauses(ctx: Context, events: readonly ApplicationEvent[], consulted: readonly Consultation[]): Result<{ days: number; open: boolean; explain: string[] }> {
  let days = 0;
  let open = false;
  const explain: string[] = [];
  const add = (from: number, end: number, what: string, tail: string): Result<void> => {
    const n = ctx.calendar.workingDaysBetween(from, Math.max(from, end));
    if (!n.ok) return n;
    days += n.value;
    explain.push(`${what}自${chineseDate(from)}至${chineseDate(Math.max(from, end))}${tail}，${n.value}个工作日不计入答复期限。`);
    return { ok: true, value: undefined };
  };
  let busyUntil = -Infinity;
  for (const c of consulted) {
    const from = Math.max(c.sent, busyUntil);
    const what = `征求${partyName(c.party)}意见（${partyArticle(c.party)}、第三十三条第三款）`;
    let end: number;
    let tail = '';
    if (c.answered !== null && c.answered <= c.due) end = c.answered;
    else if (ctx.today > c.due || c.answered !== null) {
      end = c.due;
      tail = `（${partyName(c.party)}答复期限届满${c.answered !== null ? `，其后${chineseDate(c.answered)}收到的意见不再延长` : '未收到意见'}，此后恢复计算）`;
    } else {
      end = Math.max(from, ctx.today);
      tail = '（尚未结束，算至今日）';
      open = true;
    }
    if (end > from || open) {
      const r = add(from, end, what, tail);
      if (!r.ok) return r;
    }
    busyUntil = Math.max(busyUntil, end);
  }
  const fee = feeNoticeStart(ctx, events);
  if (fee && ctx.settings.feeStopsReplyClock) {
    const paid = first(events, 'fee_paid');
    const from = Math.max(fee.on, busyUntil);
    const what = `收费通知${fee.received ? '送达' : '发出'}后至缴费（国办函〔2020〕109号；答复期限中止为本系统设置）`;
    if (paid) {
      if (day(paid.date) > from) {
        const r = add(from, day(paid.date), what, '');
        if (!r.ok) return r;
      }
    } else if (!first(events, 'concluded')) {
      const r = add(from, ctx.today, what, '（尚未缴费，算至今日）');
      if (!r.ok) return r;
      open = true;
    }
  }
  return { ok: true, value: { days, open, explain } };
}

/**
 * Every clock of an application on `today`: the receipt date, the 补正 notice and its period, the reply
 * (with its extension and pauses), the consultation, and the fee payment window.
 */
export function applicationClocks(
  events: readonly ApplicationEvent[],
  options: { calendar: WorkingCalendar; today: IsoDate; settings?: Partial<ClockSettings> },
): Result<Clock[]> {
  const today = parseIsoDate(options.today);
  if (today === null) return { ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: `今天的日期“${options.today}”无效。` } };
  const sorted = validEvents(events);
  if (!sorted.ok) return sorted;
  const evs = sorted.value;
  const ctx: Context = { calendar: options.calendar, today, settings: { ...DEFAULT_CLOCK_SETTINGS, ...options.settings } };
  const clocks: Clock[] = [];
  const receipt = receiptDate(evs);
  const replied = first(evs, 'replied');
  const withdrawn = first(evs, 'withdrawn');
  const concluded = first(evs, 'concluded');
  const closedOn = replied ?? withdrawn ?? concluded;
  clocks.push({ id: 'receipt', title: '收到申请日期', basis: '条例第三十一条', due: receipt.date, workingDaysLeft: null, state: 'stopped', explain: [receipt.explain] });
  if (receipt.date === null) return { ok: true, value: clocks };
  const received = day(receipt.date);
  const push = (r: Result<Clock>): Result<void> => {
    if (!r.ok) return r;
    clocks.push(r.value);
    return { ok: true, value: undefined };
  };

  // 补正告知: within 7 working days of receipt, once (条例第三十条)
  const requested = first(evs, 'correction_requested');
  const corrected = first(evs, 'correction_received');
  {
    const base: ClockBase = { id: 'correction_notice', title: '补正告知期限', basis: '条例第三十条', explain: [] };
    const due = ctx.calendar.addWorkingDays(received, CORRECTION_NOTICE_WORKING_DAYS);
    if (!due.ok) return due;
    base.explain.push(`需要补正的，应自收到申请之日起${CORRECTION_NOTICE_WORKING_DAYS}个工作日内一次性告知（条例第三十条），即${chineseDate(due.value)}前。`);
    if (requested) {
      base.explain.push(`已于${chineseDate(day(requested.date))}发出补正告知。`);
      clocks.push(stopped(base, due.value, day(requested.date) <= due.value));
    } else if (closedOn) {
      base.explain.push('申请已办结，未发出补正告知。');
      clocks.push(stopped(base, due.value));
    } else {
      const r = push(running(ctx, base, due.value));
      if (!r.ok) return r;
    }
  }

  // 补正期限: the applicant's reasonable period to correct (条例第三十条), set in the notice
  if (requested) {
    const n = requested.workingDays ?? CORRECTION_PERIOD_WORKING_DAYS;
    const due = ctx.calendar.addWorkingDays(day(requested.date), n);
    if (!due.ok) return due;
    const base: ClockBase = {
      id: 'correction_period',
      title: '补正期限',
      basis: '条例第三十条',
      explain: [`补正告知书给予申请人${n}个工作日补正（自${chineseDate(day(requested.date))}起算），即${chineseDate(due.value)}前；无正当理由逾期不补正的，视为放弃申请。`],
    };
    if (corrected) {
      base.explain.push(`已于${chineseDate(day(corrected.date))}收到补正后的申请。`);
      clocks.push(stopped(base, due.value, day(corrected.date) <= due.value));
    } else if (closedOn) clocks.push(stopped(base, due.value));
    else {
      const r = push(running(ctx, base, due.value));
      if (!r.ok) return r;
    }
  }

  const consulted = consultations(ctx, evs);
  if (!consulted.ok) return consulted;

  // 答复: 20 working days from receipt or from the corrected application; one extension ≤ 20; pauses not counted
  {
    const base: ClockBase = { id: 'reply', title: '答复期限', basis: '条例第三十三条', explain: [] };
    let start = received;
    if (requested && !corrected) {
      base.explain.push('已发出补正告知，答复期限自收到补正后的申请之日起重新计算（条例第三十条）。');
      clocks.push(stopped(base, null));
    } else {
      if (corrected) {
        start = day(corrected.date);
        base.explain.push(`自收到补正后的申请之日${chineseDate(start)}起算（条例第三十条）。`);
      } else base.explain.push(`自收到申请之日${chineseDate(start)}起算。`);
      const original = ctx.calendar.addWorkingDays(start, REPLY_WORKING_DAYS);
      if (!original.ok) return original;
      base.explain.push(`${REPLY_WORKING_DAYS}个工作日内答复（条例第三十三条第二款），即${chineseDate(original.value)}前。`);
      let extra = 0;
      const extension = first(evs, 'extension_approved');
      if (extension) {
        const n = Math.min(Math.max(0, Math.trunc(extension.workingDays)), MAX_EXTENSION_WORKING_DAYS);
        extra += n;
        base.explain.push(
          `经政府信息公开工作机构负责人同意，于${chineseDate(day(extension.date))}延长${n}个工作日（条例第三十三条第二款：延长期限最长不超过20个工作日）` +
            (extension.workingDays > MAX_EXTENSION_WORKING_DAYS ? `；申请延长${extension.workingDays}个工作日，超过上限，按20个工作日计` : '') +
            '。',
        );
        if (evs.filter((e) => e.type === 'extension_approved').length > 1) base.explain.push('条例只允许延长一次，其后的延期不予计算。');
      }
      const paused = pauses(ctx, evs, consulted.value);
      if (!paused.ok) return paused;
      base.explain.push(...paused.value.explain);
      extra += paused.value.days;
      if (extension) {
        // 超期延期: decided after the period it extends had run out (第三十三条, DERIVED reading)
        const before = ctx.calendar.addWorkingDays(original.value, paused.value.days);
        if (!before.ok) return before;
        if (day(extension.date) > before.value) base.explain.push(`注意：延期决定（${chineseDate(day(extension.date))}）晚于原答复期限（${chineseDate(before.value)}），属超期延期。`);
      }
      const due = ctx.calendar.addWorkingDays(original.value, extra);
      if (!due.ok) return due;
      if (extra > 0) base.explain.push(`答复期限为${chineseDate(due.value)}。`);
      if (closedOn) {
        base.explain.push(
          replied
            ? `已于${chineseDate(day(closedOn.date))}答复。`
            : withdrawn
              ? `申请人于${chineseDate(day(closedOn.date))}撤回申请。`
              : `${chineseDate(day(closedOn.date))}办结：申请人逾期未补正或未缴费，不再处理。`,
        );
        clocks.push(stopped(base, due.value, replied ? day(replied.date) <= due.value : undefined));
      } else if (paused.value.open) {
        const t = timing(ctx, due.value);
        if (!t.ok) return t;
        clocks.push({ ...base, due: toIsoDate(due.value), workingDaysLeft: t.value.workingDaysLeft, state: 'paused' });
      } else {
        const r = push(running(ctx, base, due.value));
        if (!r.ok) return r;
      }
    }
  }

  // 征求意见: the consulted party has 15 working days from receiving the letter (条例第三十二条、第三十四条)
  const last = consulted.value.at(-1);
  if (last) {
    const who = partyName(last.party);
    const base: ClockBase = {
      id: 'consultation',
      title: `${who}答复期限`,
      basis: partyArticle(last.party),
      explain: [
        `${chineseDate(last.sent)}发出征求意见函，${who}应自收到之日起${CONSULTATION_WORKING_DAYS}个工作日内提出意见（${partyArticle(last.party)}）。` +
          (last.receivedKnown ? `${who}于${chineseDate(last.received)}收到，期限至${chineseDate(last.due)}。` : `送达日期未登记，按发函之日计算，期限至${chineseDate(last.due)}（登记送达日期后重新计算）。`),
      ],
    };
    if (last.answered !== null) {
      base.explain.push(`${chineseDate(last.answered)}收到意见。`);
      clocks.push(stopped(base, last.due, last.answered <= last.due));
    } else if (closedOn) clocks.push(stopped(base, last.due));
    else if (today > last.due) {
      base.explain.push(
        last.party === 'third_party'
          ? '期限届满未收到意见：由本机关依照条例的规定决定是否公开（条例第三十二条），答复期限恢复计算。'
          : '期限届满未收到意见，视为同意公开（条例第三十四条），答复期限恢复计算。',
      );
      clocks.push(stopped(base, last.due, false));
    } else {
      const r = push(running(ctx, base, last.due));
      if (!r.ok) return r;
    }
  }

  // 缴费: 20 working days from the day after the notice is received (国办函〔2020〕109号; 第三十一条 read for it)
  const sent = first(evs, 'fee_notice_sent');
  const fee = feeNoticeStart(ctx, evs);
  if (sent || fee) {
    const base: ClockBase = { id: 'fee_payment', title: '缴费期限', basis: '国办函〔2020〕109号', explain: [] };
    if (sent) base.explain.push(`${chineseDate(day(sent.date))}发出收费通知。`);
    const paid = first(evs, 'fee_paid');
    if (fee === null) {
      base.explain.push('申请人收到收费通知的日期尚未登记：缴费期限自申请人收到之日的次日起算（按条例第三十一条的收到规则理解，本系统设置），登记收到日期后计算。');
      clocks.push({ ...stopped(base, null), ...(closedOn || paid ? {} : { state: 'paused' as const }) });
    } else {
      base.explain.push(
        fee.received
          ? `申请人于${chineseDate(fee.on)}收到收费通知，应自次日起${FEE_PAYMENT_WORKING_DAYS}个工作日内缴费；逾期未缴视为放弃申请，计入年度报告（六）2。`
          : `按本系统设置自收费通知发出之日${chineseDate(fee.on)}的次日起${FEE_PAYMENT_WORKING_DAYS}个工作日内缴费；逾期未缴视为放弃申请，计入年度报告（六）2。`,
      );
      const due = ctx.calendar.addWorkingDays(fee.on, FEE_PAYMENT_WORKING_DAYS);
      if (!due.ok) return due;
      if (paid) {
        base.explain.push(`已于${chineseDate(day(paid.date))}缴费。`);
        clocks.push(stopped(base, due.value, day(paid.date) <= due.value));
      } else if (closedOn) clocks.push(stopped(base, due.value));
      else {
        const r = push(running(ctx, base, due.value));
        if (!r.ok) return r;
      }
    }
  }
  return { ok: true, value: clocks };
}

/** The clock of an id, if the application has it. */
export function clockOf(clocks: readonly Clock[], id: Clock['id']): Clock | undefined {
  return clocks.find((c) => c.id === id);
}
