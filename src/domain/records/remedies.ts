// The applicant's remedy windows after a reply (答复), as the reply's remedy sentence states them
// (domain/documents/wording.ts remedyNotice): 行政复议 within 60 days (行政复议法第二十条) and — unless the
// reply is 不予公开 or 部分公开, which go to 行政复议 first (复议前置, 行政复议法第二十三条) — 行政诉讼
// within 6 months (行政诉讼法第四十六条); after a 复议 decision, 行政诉讼 within 15 days (行政诉讼法第四十五条).
// Dates by domain/calendar/windows.ts remedyWindow (counted from the next day, a last day on a rest day
// moved to the next working day).
//
// The windows run from the day the applicant knows of the reply: its delivery (送达答复) when recorded;
// else — DERIVED — the reply's date, the earliest the applicant can know it (a reply delivered later
// gives later dates). A 复议 decision is taken as received on the day the case concluded (DERIVED). A
// window with a case recorded in it is shown as used. Pure: `today` is an argument.

import type { Result, WorkingCalendar } from '../calendar/calendar.ts';
import type { Clock } from '../calendar/clock-base.ts';
import { markProvisional } from '../calendar/estimates.ts';
import { remedyWindow } from '../calendar/windows.ts';
import type { CaseType } from './vocab.ts';

export type RemedyKind = 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';

export interface RemedyWindow {
  kind: RemedyKind;
  /** the window as a clock: title, basis (the article), due date, state; 'stopped' when a case was recorded in it */
  clock: Clock;
  /** the date it runs from, and what that date is */
  from: string;
  fromLabel: string;
  /** the case recorded in this window, if any */
  usedBy: { caseNumber: string; receivedOn: string } | null;
}

export interface RemedyInput {
  /** the day the applicant knew of the reply in force: its delivery, or (delivered false) its date */
  from: string;
  delivered: boolean;
  /** 不予公开 / 部分公开: 复议前置 (行政复议法第二十三条) — no direct lawsuit window */
  reconsiderationFirst: boolean;
  /** the cases recorded about the application */
  cases: readonly { id: number; caseNumber: string; type: CaseType; receivedOn: string; concludedOn: string | null; reconsiderationId: number | null }[];
}

export interface RemedyWindows {
  windows: RemedyWindow[];
  /** the windows run from the reply's recorded delivery (false: from its date, presumed) */
  delivered: boolean;
  /** the 复议前置 note, when the reply is 不予公开 or 部分公开 */
  note: string | null;
}

export const RECONSIDERATION_FIRST_NOTE = '本申请的答复为不予公开或部分公开：对不予公开（部分）不服的，应当先申请行政复议，不能直接提起行政诉讼（行政复议法第二十三条）；对复议决定不服的，可以自收到复议决定书之日起十五日内起诉（行政诉讼法第四十五条）。';

export function remedyWindows(input: RemedyInput, options: { calendar: WorkingCalendar; today: string }): Result<RemedyWindows> {
  const out: RemedyWindow[] = [];
  const window = (kind: RemedyKind, from: string, fromLabel: string, used: { caseNumber: string; receivedOn: string } | undefined): Result<void> => {
    const clock = remedyWindow(kind, from, options);
    if (!clock.ok) return clock;
    const marked = markProvisional([clock.value], options.calendar)[0] as Clock;
    const shown: Clock = used ? { ...marked, state: 'stopped', workingDaysLeft: null, explain: [...marked.explain, `已登记案件${used.caseNumber}（收到日期${used.receivedOn}）。`] } : marked;
    out.push({ kind, clock: shown, from, fromLabel, usedBy: used ? { caseNumber: used.caseNumber, receivedOn: used.receivedOn } : null });
    return { ok: true, value: undefined };
  };
  const first = (type: CaseType, extra: (c: RemedyInput['cases'][number]) => boolean = () => true) => input.cases.find((c) => c.type === type && extra(c));
  const fromReply = input.delivered ? '答复送达申请人之日' : '答复日期，推定为申请人知道之日';
  const r = window('reconsideration', input.from, fromReply, first('reconsideration'));
  if (!r.ok) return r;
  if (!input.reconsiderationFirst) {
    const l = window('litigation_direct', input.from, fromReply, first('litigation_direct'));
    if (!l.ok) return l;
  }
  for (const review of input.cases.filter((c) => c.type === 'reconsideration' && c.concludedOn !== null)) {
    const a = window('litigation_after_reconsideration', review.concludedOn as string, `复议案件${review.caseNumber}的结案日期，推定为收到复议决定书之日`, first('litigation_after_reconsideration', (c) => c.reconsiderationId === review.id));
    if (!a.ok) return a;
  }
  return { ok: true, value: { windows: out, delivered: input.delivered, note: input.reconsiderationFirst ? RECONSIDERATION_FIRST_NOTE : null } };
}
