// The statutory clocks of 《政府信息公开条例》, as pure functions of an application's dated events,
// today's date and the working-day calendar. Each clock gives its due date, the working days left,
// a state and an explanation citing its article. Nothing here reads the clock: `today` is an argument.

import type { Result, WorkingCalendar } from './calendar.ts';
import { addMonths, chineseDate, parseIsoDate, toIsoDate } from './dates.ts';
import type { IsoDate } from './dates.ts';

/** 第三十一条: how the application arrived. */
export type Channel = 'in_person' | 'post_signed' | 'post_ordinary' | 'online' | 'fax' | 'other';

export type ApplicationEvent =
  /** the applicant hands in, posts or sends the application */
  | { type: 'submitted'; date: IsoDate; channel: Channel }
  /** 第三十一条（二）: the organ signs for a registered letter */
  | { type: 'signed_for'; date: IsoDate }
  /** 第三十一条（二）（三）: receipt confirmed with the applicant (ordinary letter, online, fax) */
  | { type: 'receipt_confirmed'; date: IsoDate }
  /** 第三十条: the 补正 notice is sent */
  | { type: 'correction_requested'; date: IsoDate }
  /** 第三十条: the corrected application arrives */
  | { type: 'correction_received'; date: IsoDate }
  /** 第三十二条 / 第三十四条: a consultation letter is sent to a third party or another organ */
  | { type: 'consultation_started'; date: IsoDate; party: 'third_party' | 'other_agency' }
  /** their answer arrives (or their period ends) */
  | { type: 'consultation_ended'; date: IsoDate }
  /** 第三十三条第二款: the head of the disclosure office approves an extension (at most 20 working days) */
  | { type: 'extension_approved'; date: IsoDate; workingDays: number }
  /** 国办函〔2020〕109号: the applicant receives the fee notice */
  | { type: 'fee_notice_received'; date: IsoDate }
  | { type: 'fee_paid'; date: IsoDate }
  | { type: 'replied'; date: IsoDate }
  | { type: 'withdrawn'; date: IsoDate }
  /** concluded without a reply: correction or fee lapsed (条例第三十条; 国办函〔2020〕109号) */
  | { type: 'concluded'; date: IsoDate };

export type ClockState = 'running' | 'due_soon' | 'overdue' | 'paused' | 'stopped';

export interface Clock {
  id: 'receipt' | 'correction_notice' | 'reply' | 'consultation' | 'fee_payment' | 'proactive_disclosure' | 'annual_report' | 'reconsideration' | 'litigation';
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

export interface ClockSettings {
  /** whether the reply clock stops while the applicant has a fee notice to pay (UNCONFIRMED; default yes) */
  feeStopsReplyClock: boolean;
  /** "due soon" from this many working days left (the dashboard's 3) */
  dueSoonWorkingDays: number;
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = { feeStopsReplyClock: true, dueSoonWorkingDays: 3 };

export const REPLY_WORKING_DAYS = 20; // 条例第三十三条第二款: reply within 20 working days
export const MAX_EXTENSION_WORKING_DAYS = 20; // 条例第三十三条第二款: one extension of at most 20
export const CORRECTION_NOTICE_WORKING_DAYS = 7; // 条例第三十条: 补正 notice within 7 working days
export const CONSULTATION_WORKING_DAYS = 15; // 条例第三十二条、第三十四条: 15 working days to answer
export const FEE_PAYMENT_WORKING_DAYS = 20; // 国办函〔2020〕109号: pay within 20 working days
export const PROACTIVE_WORKING_DAYS = 20; // 条例第二十六条: publish within 20 working days

interface Context {
  calendar: WorkingCalendar;
  today: number;
  settings: ClockSettings;
}

function day(date: IsoDate): number {
  const d = parseIsoDate(date);
  if (d === null) throw new RangeError(`invalid date ${date}`); // validated before (validEvents)
  return d;
}

/** A clock's state from its due date and today; `paused` and `stopped` are decided by the caller. */
function timing(ctx: Context, due: number): Result<{ workingDaysLeft: number; state: ClockState }> {
  const left = ctx.calendar.workingDaysBetween(ctx.today, due);
  if (!left.ok) return left;
  const overdue = ctx.today > due;
  const state: ClockState = overdue ? 'overdue' : left.value <= ctx.settings.dueSoonWorkingDays ? 'due_soon' : 'running';
  return { ok: true, value: { workingDaysLeft: left.value, state } };
}

function running(ctx: Context, base: Omit<Clock, 'workingDaysLeft' | 'state' | 'due'>, due: number): Result<Clock> {
  const t = timing(ctx, due);
  if (!t.ok) return t;
  return { ok: true, value: { ...base, due: toIsoDate(due), ...t.value } };
}

function stopped(base: Omit<Clock, 'workingDaysLeft' | 'state' | 'due'>, due: number | null, met?: boolean): Clock {
  return { ...base, due: due === null ? null : toIsoDate(due), workingDaysLeft: null, state: 'stopped', ...(met === undefined ? {} : { met }) };
}

const first = <T extends ApplicationEvent['type']>(events: readonly ApplicationEvent[], type: T) =>
  events.find((e): e is Extract<ApplicationEvent, { type: T }> => e.type === type);

/** Events with real dates, in date order (stable). */
function validEvents(events: readonly ApplicationEvent[]): Result<ApplicationEvent[]> {
  for (const e of events) {
    if (parseIsoDate(e.date) === null) {
      return { ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: `事件“${e.type}”的日期“${e.date}”不是有效日期（YYYY-MM-DD）。` } };
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

/** Working days in the periods the reply clock stands still (consultations; fee notice if so set). */
function pauses(ctx: Context, events: readonly ApplicationEvent[]): Result<{ days: number; open: boolean; explain: string[] }> {
  let days = 0;
  let open = false;
  const explain: string[] = [];
  let from: number | null = null;
  let what = '';
  const close = (end: number, still: boolean): Result<void> => {
    if (from === null) return { ok: true, value: undefined };
    const n = ctx.calendar.workingDaysBetween(from, end);
    if (!n.ok) return n;
    days += n.value;
    explain.push(`${what}自${chineseDate(from)}至${chineseDate(end)}${still ? '（尚未结束，算至今日）' : ''}，${n.value}个工作日不计入答复期限。`);
    from = null;
    return { ok: true, value: undefined };
  };
  for (const e of events) {
    if (e.type === 'consultation_started' && from === null) {
      from = day(e.date);
      what = e.party === 'third_party' ? '征求第三方意见（条例第三十二条、第三十三条第三款）' : '征求其他机关意见（条例第三十四条、第三十三条第三款）';
    } else if (e.type === 'fee_notice_received' && from === null && ctx.settings.feeStopsReplyClock) {
      from = day(e.date);
      what = '收费通知送达后至缴费（国办函〔2020〕109号；答复期限中止为本系统设置）';
    } else if ((e.type === 'consultation_ended' || e.type === 'fee_paid') && from !== null) {
      const r = close(day(e.date), false);
      if (!r.ok) return r;
    }
  }
  if (from !== null) {
    open = true;
    const r = close(Math.max(from, ctx.today), true);
    if (!r.ok) return r;
  }
  return { ok: true, value: { days, open, explain } };
}

/**
 * Every clock of an application on `today`: the receipt date, the 补正 notice, the reply (with its
 * extension and pauses), open consultations, and the fee payment window.
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
  clocks.push({
    id: 'receipt',
    title: '收到申请日期',
    basis: '条例第三十一条',
    due: receipt.date,
    workingDaysLeft: null,
    state: 'stopped',
    explain: [receipt.explain],
  });
  if (receipt.date === null) return { ok: true, value: clocks };
  const received = day(receipt.date);

  // 补正告知: within 7 working days of receipt, once (条例第三十条)
  {
    const base = { id: 'correction_notice' as const, title: '补正告知期限', basis: '条例第三十条', explain: [] as string[] };
    const due = ctx.calendar.addWorkingDays(received, CORRECTION_NOTICE_WORKING_DAYS);
    if (!due.ok) return due;
    base.explain.push(`需要补正的，应自收到申请之日起${CORRECTION_NOTICE_WORKING_DAYS}个工作日内一次性告知（条例第三十条），即${chineseDate(due.value)}前。`);
    const requested = first(evs, 'correction_requested');
    if (requested) {
      base.explain.push(`已于${chineseDate(day(requested.date))}发出补正告知。`);
      clocks.push(stopped(base, due.value, day(requested.date) <= due.value));
    } else if (closedOn) {
      base.explain.push('申请已办结，未发出补正告知。');
      clocks.push(stopped(base, due.value));
    } else {
      const c = running(ctx, base, due.value);
      if (!c.ok) return c;
      clocks.push(c.value);
    }
  }

  // 答复: 20 working days from receipt or from the corrected application; one extension ≤ 20; pauses not counted
  {
    const base = { id: 'reply' as const, title: '答复期限', basis: '条例第三十三条', explain: [] as string[] };
    const requested = first(evs, 'correction_requested');
    const corrected = first(evs, 'correction_received');
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
            (day(extension.date) > original.value ? '；注意：延期决定晚于原答复期限' : '') +
            '。',
        );
        if (evs.filter((e) => e.type === 'extension_approved').length > 1) base.explain.push('条例只允许延长一次，其后的延期不予计算。');
      }
      const paused = pauses(ctx, evs);
      if (!paused.ok) return paused;
      base.explain.push(...paused.value.explain);
      extra += paused.value.days;
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
        const c = running(ctx, base, due.value);
        if (!c.ok) return c;
        clocks.push(c.value);
      }
    }
  }

  // 征求意见: the consulted party has 15 working days (条例第三十二条、第三十四条)
  const lastConsultation = [...evs].reverse().find((e) => e.type === 'consultation_started');
  if (lastConsultation && lastConsultation.type === 'consultation_started') {
    const started = day(lastConsultation.date);
    const ended = evs.find((e) => e.type === 'consultation_ended' && day(e.date) >= started);
    const who = lastConsultation.party === 'third_party' ? '第三方' : '其他机关';
    const base = {
      id: 'consultation' as const,
      title: `${who}答复期限`,
      basis: lastConsultation.party === 'third_party' ? '条例第三十二条' : '条例第三十四条',
      explain: [`${chineseDate(started)}发出征求意见函，${who}应自收到之日起${CONSULTATION_WORKING_DAYS}个工作日内提出意见（以发函日计算，送达日可能更晚）。`],
    };
    const due = ctx.calendar.addWorkingDays(started, CONSULTATION_WORKING_DAYS);
    if (!due.ok) return due;
    if (ended) {
      base.explain.push(`${chineseDate(day(ended.date))}收到意见或期限届满。`);
      clocks.push(stopped(base, due.value, day(ended.date) <= due.value));
    } else if (closedOn) clocks.push(stopped(base, due.value));
    else {
      const c = running(ctx, base, due.value);
      if (!c.ok) return c;
      clocks.push(c.value);
    }
  }

  // 缴费: 20 working days from the day after the notice is received (国办函〔2020〕109号)
  const notice = first(evs, 'fee_notice_received');
  if (notice) {
    const received = day(notice.date);
    const base = {
      id: 'fee_payment' as const,
      title: '缴费期限',
      basis: '国办函〔2020〕109号',
      explain: [`申请人于${chineseDate(received)}收到收费通知，应自次日起${FEE_PAYMENT_WORKING_DAYS}个工作日内缴费；逾期未缴视为放弃申请，计入年度报告（六）2。`],
    };
    const due = ctx.calendar.addWorkingDays(received, FEE_PAYMENT_WORKING_DAYS);
    if (!due.ok) return due;
    const paid = first(evs, 'fee_paid');
    if (paid) {
      base.explain.push(`已于${chineseDate(day(paid.date))}缴费。`);
      clocks.push(stopped(base, due.value, day(paid.date) <= due.value));
    } else if (closedOn) clocks.push(stopped(base, due.value));
    else {
      const c = running(ctx, base, due.value);
      if (!c.ok) return c;
      clocks.push(c.value);
    }
  }
  return { ok: true, value: clocks };
}

/** 条例第二十六条: proactive information is published within 20 working days of being formed or changed. */
export function proactiveDisclosureClock(
  formedOn: IsoDate,
  options: { calendar: WorkingCalendar; today: IsoDate; publishedOn?: IsoDate; settings?: Partial<ClockSettings> },
): Result<Clock> {
  const formed = parseIsoDate(formedOn);
  const today = parseIsoDate(options.today);
  const published = options.publishedOn === undefined ? null : parseIsoDate(options.publishedOn);
  if (formed === null || today === null || (options.publishedOn !== undefined && published === null)) {
    return { ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: '形成（变更）日期、发布日期或今天的日期无效（应为YYYY-MM-DD）。' } };
  }
  const ctx: Context = { calendar: options.calendar, today, settings: { ...DEFAULT_CLOCK_SETTINGS, ...options.settings } };
  const due = ctx.calendar.addWorkingDays(formed, PROACTIVE_WORKING_DAYS);
  if (!due.ok) return due;
  const base = {
    id: 'proactive_disclosure' as const,
    title: '主动公开期限',
    basis: '条例第二十六条',
    explain: [`自该信息形成或变更之日${chineseDate(formed)}起${PROACTIVE_WORKING_DAYS}个工作日内公开（法律、法规另有规定的除外），即${chineseDate(due.value)}前。`],
  };
  if (published !== null) {
    base.explain.push(`已于${chineseDate(published)}公开。`);
    return { ok: true, value: stopped(base, due.value, published <= due.value) };
  }
  return running(ctx, base, due.value);
}

/**
 * 条例第四十九条: departments publish last year's report before 1月31日; the 主管部门 of a local
 * government publishes the government's before 3月31日. Calendar dates, not working days.
 */
export function annualReportDue(reportYear: number, publisher: 'department' | 'government', options: { calendar: WorkingCalendar; today: IsoDate }): Result<Clock> {
  const today = parseIsoDate(options.today);
  if (today === null) return { ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: `今天的日期“${options.today}”无效。` } };
  const due = parseIsoDate(publisher === 'department' ? `${reportYear + 1}-01-31` : `${reportYear + 1}-03-31`) as number;
  const base = {
    id: 'annual_report' as const,
    title: `${reportYear}年度报告公布期限`,
    basis: '条例第四十九条',
    explain: [
      publisher === 'department'
        ? `县级以上人民政府部门应于每年1月31日前向本级政府信息公开工作主管部门提交并向社会公布上一年度报告，即${chineseDate(due)}前（是否含当日未见明文，按当日为最后一日）。`
        : `县级以上地方人民政府的政府信息公开工作主管部门应于每年3月31日前公布本级政府上一年度报告，即${chineseDate(due)}前。`,
    ],
  };
  return running({ calendar: options.calendar, today, settings: DEFAULT_CLOCK_SETTINGS }, base, due);
}

/**
 * The applicant's remedy windows, in calendar days or months from the day after (民事诉讼法 第八十五条,
 * applied by 行政诉讼法 第一百零一条), a last day on a rest day moving to the next working day:
 * 行政复议 60 days from knowing of the act (行政复议法 第二十条); 诉讼 15 days after receiving the
 * 复议 decision (行政诉讼法 第四十五条), or 6 months directly (行政诉讼法 第四十六条).
 */
export function remedyWindow(
  kind: 'reconsideration' | 'litigation_after_reconsideration' | 'litigation_direct',
  from: IsoDate,
  options: { calendar: WorkingCalendar; today: IsoDate },
): Result<Clock> {
  const start = parseIsoDate(from);
  const today = parseIsoDate(options.today);
  if (start === null || today === null) return { ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: '起算日期或今天的日期无效（应为YYYY-MM-DD）。' } };
  const last = kind === 'reconsideration' ? start + 60 : kind === 'litigation_after_reconsideration' ? start + 15 : addMonths(start, 6);
  const due = options.calendar.nextWorkingDayOnOrAfter(last);
  if (!due.ok) return due;
  const what =
    kind === 'reconsideration'
      ? { title: '申请行政复议期限', basis: '行政复议法第二十条', text: `自知道该行为之日${chineseDate(start)}起60日` }
      : kind === 'litigation_after_reconsideration'
        ? { title: '复议后起诉期限', basis: '行政诉讼法第四十五条', text: `自收到复议决定书之日${chineseDate(start)}起15日` }
        : { title: '直接起诉期限', basis: '行政诉讼法第四十六条', text: `自知道该行为之日${chineseDate(start)}起6个月` };
  const explain = [`${what.text}，期间自次日起算，届满日为${chineseDate(last)}。`];
  if (due.value !== last) explain.push(`届满日为休息日，顺延至其后第一个工作日${chineseDate(due.value)}（民事诉讼法第八十五条）。`);
  return running(
    { calendar: options.calendar, today, settings: DEFAULT_CLOCK_SETTINGS },
    { id: kind === 'reconsideration' ? 'reconsideration' : 'litigation', title: what.title, basis: what.basis, explain },
    due.value,
  );
}
