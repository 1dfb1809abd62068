// The 更正 request's clock: a decision within the agency's working days (default 20) counted from the
// day after receipt on the working calendar — UNCONFIRMED practice: the 条例 sets no period for 更正
// (第四十一条); 20 working days mirrors the reply period of 第三十三条, and the agency may set another.
// The same Clock as an application's (domain/calendar/clock-base.ts): running, due soon, overdue, or
// stopped when decided (met: decided by the due date). Pure: today is an argument.

import type { Result, WorkingCalendar } from '../calendar/calendar.ts';
import { explainAddition } from '../calendar/calendar.ts';
import { DEFAULT_CLOCK_SETTINGS, running, stopped } from '../calendar/clock-base.ts';
import type { Clock } from '../calendar/clock-base.ts';
import { chineseDate, parseIsoDate } from '../calendar/dates.ts';

const invalid = <T>(what: string): Result<T> => ({ ok: false, error: { code: 'CALENDAR_INVALID_DATE', message: `${what}无效（应为YYYY-MM-DD）。` } });

/** The due date: `workingDays` working days after the receipt (the start day not counted). */
export function amendmentDue(calendar: WorkingCalendar, receivedOn: string, workingDays: number): Result<string> {
  const received = parseIsoDate(receivedOn);
  if (received === null) return invalid('收到日期');
  const added = explainAddition(calendar, received, workingDays);
  if (!added.ok) return added;
  return { ok: true, value: added.value.date };
}

/** The clock of a request, as the staff page shows it. */
export function amendmentClock(
  request: { receivedOn: string; decidedOn: string | null },
  options: { calendar: WorkingCalendar; today: string; workingDays: number },
): Result<Clock> {
  const received = parseIsoDate(request.receivedOn);
  const today = parseIsoDate(options.today);
  if (received === null || today === null) return invalid('收到日期或今天的日期');
  const added = explainAddition(options.calendar, received, options.workingDays);
  if (!added.ok) return added;
  const due = parseIsoDate(added.value.date) as number;
  const explain = [
    `自收到更正申请之日${chineseDate(received)}的次日起${options.workingDays}个工作日内办结，即${chineseDate(due)}前。`,
    '条例第四十一条未规定更正的办理期限；本期限参照第三十三条的答复期限，由本机关在“栏目与设置”中设定（各地做法不一）。',
    ...added.value.explain.filter((s) => s.kind !== 'start' && s.kind !== 'due').map((s) => s.text),
  ];
  if (added.value.provisional) explain.push(`${added.value.provisionalYears.join('、')}年的节假日安排尚未公布，该期限按法定节假日推算，为暂定日期。`);
  const base = { id: 'amendment' as const, title: '更正办理期限', basis: '条例第四十一条（期限为本机关设定）', explain, ...(added.value.provisional ? { provisional: true } : {}) };
  if (request.decidedOn !== null) {
    const decided = parseIsoDate(request.decidedOn);
    if (decided === null) return invalid('办结日期');
    explain.push(`已于${chineseDate(decided)}办结${decided <= due ? '' : '（超过期限）'}。`);
    return { ok: true, value: stopped(base, due, decided <= due) };
  }
  return running({ calendar: options.calendar, today, settings: DEFAULT_CLOCK_SETTINGS }, base, due);
}
