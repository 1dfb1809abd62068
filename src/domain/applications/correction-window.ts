// Whether the applicant may still send the 补正 (条例第三十条): the application waits for it, and the period
// the 补正告知书 gave (the clock `correction_period`, counted from the notice) has not ended. The last day
// itself is inside the period. Where the period cannot be computed (a year of the calendar not loaded),
// the window stays open: the office cannot record 逾期未补正 then either (services/applications.ts), and
// the applicant is not refused for the platform's want of a calendar. A 暂定 last day counts as given
// (the estimate, not its earliest possible date): a doubt goes in the applicant's favour. Pure.

import type { Clock } from '../calendar/clock-base.ts';
import type { HandlingState } from './types.ts';

export type CorrectionWindow =
  | {
      open: true;
      /** the last day of the period; null when it cannot be computed */
      due: string | null;
      provisional: boolean;
      workingDaysLeft: number | null;
    }
  | {
      open: false;
      /** not_awaiting: no 补正 is asked for now; ended: the period's last day has passed */
      reason: 'not_awaiting' | 'ended';
      due: string | null;
      provisional: boolean;
    };

export function correctionWindow(state: HandlingState, clocks: readonly Clock[] | null, today: string): CorrectionWindow {
  const clock = clocks?.find((c) => c.id === 'correction_period');
  const due = clock?.due ?? null;
  const provisional = clock?.provisional === true;
  if (state !== 'awaiting_correction') return { open: false, reason: 'not_awaiting', due, provisional };
  if (due !== null && today > due) return { open: false, reason: 'ended', due, provisional };
  return { open: true, due, provisional, workingDaysLeft: clock?.workingDaysLeft ?? null };
}
