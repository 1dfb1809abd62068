// Clocks outside an application's handling: proactive disclosure (条例第二十六条), the annual report
// (第四十九条) and the applicant's remedy windows (行政复议法, 行政诉讼法). Pure: `today` is an argument.

import type { Result, WorkingCalendar } from './calendar.ts';
import { DEFAULT_CLOCK_SETTINGS, running, stopped } from './clock-base.ts';
import type { Clock, ClockSettings, Context } from './clock-base.ts';
import { addMonths, chineseDate, parseIsoDate } from './dates.ts';
import type { IsoDate } from './dates.ts';

export const PROACTIVE_WORKING_DAYS = 20; // 条例第二十六条: publish within 20 working days

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
