// Due dates in a year whose holiday notice is not yet published are estimates (暂定). A clock's due date
// is provisional when it falls in such a year (those years always follow the announced ones, so a count
// that ends in one is the only kind that touched one); its `earliestDue` is the same clock computed on
// the earliest estimate (provisional.ts), when that is earlier. Pure: the clocks come computed.

import type { Result, WorkingCalendar } from './calendar.ts';
import { applicationClocks } from './clocks.ts';
import type { ApplicationEvent, Clock, ClockSettings } from './clocks.ts';
import { parseIsoDate } from './dates.ts';

/** Marks the clocks whose due date is an estimate, with the earliest it may turn out to be. */
export function markProvisional(clocks: readonly Clock[], calendar: WorkingCalendar, earliest: readonly Clock[] | null = null): Clock[] {
  return clocks.map((clock) => {
    const due = clock.due === null ? null : parseIsoDate(clock.due);
    if (due === null || clock.id === 'receipt' || !calendar.isProvisional(due)) return clock;
    const early = earliest?.find((c) => c.id === clock.id)?.due ?? null;
    const explain = [...clock.explain, `${(clock.due as string).slice(0, 4)}年的节假日安排尚未公布，该期限按法定节假日推算，为暂定日期；国务院办公厅公布通知并录入后自动按通知重新计算。`];
    return { ...clock, provisional: true, ...(early !== null && early < (clock.due as string) ? { earliestDue: early } : {}), explain };
  });
}

/**
 * applicationClocks, with due dates in estimated years marked 暂定 (and their earliest possible date).
 * `prefer: 'earliest'` (the dashboard: plan-notes "#9 暂定 dates") puts the earliest date in `due`, with
 * its state and working days left, so no one replies late when the notice adds 调休 days; the estimate
 * is then kept in `estimateDue`.
 */
export function applicationClocksWithEstimates(
  events: readonly ApplicationEvent[],
  options: { calendar: WorkingCalendar; today: string; settings?: Partial<ClockSettings>; prefer?: 'estimate' | 'earliest' },
): Result<Clock[]> {
  const clocks = applicationClocks(events, options);
  if (!clocks.ok || options.calendar.provisionalYears.length === 0) return clocks;
  const earliestCalendar = options.calendar.earliest;
  const early = earliestCalendar ? applicationClocks(events, { ...options, calendar: earliestCalendar }) : null;
  const earliest = early?.ok ? early.value : null;
  const marked = markProvisional(clocks.value, options.calendar, earliest);
  if (options.prefer !== 'earliest' || earliest === null) return { ok: true, value: marked };
  return {
    ok: true,
    value: marked.map((c) => {
      const e = c.earliestDue === undefined ? undefined : earliest.find((x) => x.id === c.id);
      return e === undefined ? c : { ...c, due: e.due, state: c.state === 'stopped' || c.state === 'paused' ? c.state : e.state, workingDaysLeft: e.workingDaysLeft, estimateDue: c.due };
    }),
  };
}
