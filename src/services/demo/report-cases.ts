// The demo's 行政复议 and 行政诉讼 cases of its report year, behind table 四: brought by applicants the
// bureau refused, received and (most) concluded within the year, their results covering every column
// of table 四 — a 复议 upheld and the lawsuit brought after it (still pending), a 复议 whose reply was
// revoked, a 复议 still pending, and a lawsuit brought directly and withdrawn. A 不予公开 reply goes to
// 复议 first (行政复议法 2023 第二十三条第一款第（四）项), so the direct lawsuit concerns a refusal of
// another kind (无法提供, 不予处理). All fictitious. Pure: the writes are report-records.ts's.

import { OUTCOMES } from '../../domain/applications/types.ts';
import type { Outcome } from '../../domain/applications/types.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import type { CaseInput } from '../../domain/records/inputs.ts';
import { DEMO_REVIEW_BODY } from './agency.ts';

/** An application the bureau refused: its 申请编号, the date of its reply, its outcome. */
export interface RefusedApplication {
  number: string;
  repliedOn: string;
  outcome: Outcome;
}

/** A case as registered on its receipt (`input` without result) and, when concluded, completed on `concludedOn`. */
export interface DemoCase {
  input: CaseInput;
  receivedOn: string;
  concludedOn: string | null;
}

export const DEMO_COURT = '示范市示范区人民法院';

/**
 * The cases of `year` (none after `today`), dated on working days: as many of the five as the year's
 * refusals allow, the applications refused early enough for a case's dates to fall within the year.
 */
export function planDemoCases(refused: readonly RefusedApplication[], year: number, today: string, calendar: WorkingCalendar): DemoCase[] {
  /** `days` working days after `iso` ('9999-12-31' when the calendar does not reach: never fits) */
  const plus = (iso: string, days: number): string => {
    const r = calendar.addWorkingDays(parseIsoDate(iso) as number, days);
    return r.ok ? toIsoDate(r.value) : '9999-12-31';
  };
  const last = `${year}-12-31` < today ? `${year}-12-31` : today;
  const inYear = refused.filter((r) => r.repliedOn.startsWith(`${year}-`)).sort((a, b) => (a.repliedOn < b.repliedOn ? -1 : a.repliedOn > b.repliedOn ? 1 : a.number < b.number ? -1 : 1));
  const used = new Set<string>();
  const pick = (list: readonly RefusedApplication[], span: number, latest = false): RefusedApplication | undefined => {
    const fits = list.filter((r) => !used.has(r.number) && plus(r.repliedOn, span) <= last);
    const chosen = latest ? fits[fits.length - 1] : fits[0];
    if (chosen) used.add(chosen.number);
    return chosen;
  };
  const denied = inYear.filter((r) => OUTCOMES[r.outcome].row !== 'partlyGranted' && OUTCOMES[r.outcome].reconsiderationFirst);
  const otherRefusals = inYear.filter((r) => OUTCOMES[r.outcome].byReply && !['granted', 'other'].includes(OUTCOMES[r.outcome].row) && !OUTCOMES[r.outcome].reconsiderationFirst);
  const reconsideration = (n: number) => `示政复〔${year}〕${n}号`;
  const lawsuit = (n: number) => `（${year}）示0102行初${n}号`;
  const cases: DemoCase[] = [];
  const add = (input: Omit<CaseInput, 'receivedOn'>, receivedOn: string, concludedOn: string | null) => cases.push({ input: { ...input, receivedOn, concludedOn }, receivedOn, concludedOn });

  // a 复议 upheld, then the applicant's lawsuit against it (复议后起诉), still pending at the year's end
  const a = pick(denied, 14 + 30 + 8);
  if (a) {
    const received = plus(a.repliedOn, 14);
    const concluded = plus(received, 30);
    add({ caseNumber: reconsideration(17), type: 'reconsideration', body: DEMO_REVIEW_BODY, applicationNumber: a.number, result: 'upheld', notes: '申请人不服不予公开答复，申请行政复议。' }, received, concluded);
    add(
      { caseNumber: lawsuit(61), type: 'litigation_after_reconsideration', body: DEMO_COURT, applicationNumber: a.number, reconsiderationCaseNumber: reconsideration(17), result: '', notes: '申请人不服行政复议决定，提起行政诉讼。' },
      plus(concluded, 8),
      null,
    );
  }
  // a 复议 whose reply was revoked (纠正): the bureau replied again
  const b = pick(denied, 12 + 28);
  if (b) {
    const received = plus(b.repliedOn, 12);
    add({ caseNumber: reconsideration(23), type: 'reconsideration', body: DEMO_REVIEW_BODY, applicationNumber: b.number, result: 'revoked', notes: '复议机关认为不予公开的理由说明不充分，撤销原答复，责令重新答复。' }, received, plus(received, 28));
  }
  // a lawsuit brought directly, withdrawn after the bureau explained its search (其他)
  const d = pick(otherRefusals, 20 + 28);
  if (d) {
    const received = plus(d.repliedOn, 20);
    add({ caseNumber: lawsuit(45), type: 'litigation_direct', body: DEMO_COURT, applicationNumber: d.number, result: 'withdrawn', notes: '原告在庭前了解检索情况后撤回起诉。' }, received, plus(received, 28));
  }
  // a 复议 received late in the year, pending at its end
  const c = pick(denied, 17, true);
  if (c) add({ caseNumber: reconsideration(41), type: 'reconsideration', body: DEMO_REVIEW_BODY, applicationNumber: c.number, result: '', notes: '申请人不服不予公开答复，申请行政复议。' }, plus(c.repliedOn, 17), null);
  return cases;
}
