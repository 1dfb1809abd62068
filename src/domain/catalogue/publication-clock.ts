// The 20-working-day clock of 条例第二十六条 for a catalogue item: from 形成或者变更之日 (formed_on) until
// it is published. It runs for an item not yet published that is (or may yet be) 主动公开: not 依申请公开
// or 不予公开, not withdrawn. A due date in a year whose holiday notice is not out is 暂定 (estimates.ts);
// `prefer: 'earliest'` (the dashboard) works to the earliest it may turn out to be. Pure.

import type { Result, WorkingCalendar } from '../calendar/calendar.ts';
import type { Clock } from '../calendar/clock-base.ts';
import { markProvisional } from '../calendar/estimates.ts';
import { proactiveDisclosureClock } from '../calendar/windows.ts';

export interface ClockedItem {
  state: string;
  disclosure: string | null;
  formedOn: string;
  publishedOn: string | null;
}

/** Whether the 第二十六条 clock runs for the item now. */
export function publicationClockRuns(item: Pick<ClockedItem, 'state' | 'disclosure'>): boolean {
  return item.state !== 'published' && item.state !== 'withdrawn' && (item.disclosure === null || item.disclosure === '主动公开');
}

/**
 * The item's clock: running (or overdue) while unpublished, stopped with `met` once published; null when
 * it does not apply (依申请公开, 不予公开, withdrawn).
 */
export function publicationClock(item: ClockedItem, options: { calendar: WorkingCalendar; today: string; prefer?: 'estimate' | 'earliest' }): Result<Clock> | null {
  const published = item.state === 'published' && item.publishedOn !== null;
  if (!published && !publicationClockRuns(item)) return null;
  const args = { calendar: options.calendar, today: options.today, ...(published ? { publishedOn: item.publishedOn as string } : {}) };
  const clock = proactiveDisclosureClock(item.formedOn, args);
  if (!clock.ok || options.calendar.provisionalYears.length === 0) return clock;
  const earliestCalendar = options.calendar.earliest;
  const early = earliestCalendar ? proactiveDisclosureClock(item.formedOn, { ...args, calendar: earliestCalendar }) : null;
  const earliest = early?.ok ? early.value : null;
  const [marked] = markProvisional([clock.value], options.calendar, earliest ? [earliest] : null) as [Clock];
  if (options.prefer !== 'earliest' || earliest === null || marked.earliestDue === undefined) return { ok: true, value: marked };
  return { ok: true, value: { ...marked, due: earliest.due, state: marked.state === 'stopped' ? 'stopped' : earliest.state, workingDaysLeft: earliest.workingDaysLeft, estimateDue: marked.due } };
}
