// A realistic three years of one agency's applications (2023–2025), generated deterministically:
// receipts crossing 国庆 and 春节, corrections (answered and lapsed), consultations, extensions, fees
// (paid and lapsed), withdrawals, every outcome, some still open at the end. Dates are working days
// computed with the real calendar, and every step is dated after the one before.

import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { parseIsoDate, toIsoDate } from '../../src/domain/calendar/dates.ts';
import type { EventInput } from '../../src/domain/applications/transitions.ts';
import { APPLICANT_TYPES, OUTCOMES } from '../../src/domain/applications/types.ts';
import type { ApplicantType, Outcome, OutcomeRow } from '../../src/domain/applications/types.ts';

export interface PlannedApplication {
  applicantType: ApplicantType;
  receivedOn: string;
  events: EventInput[];
  /** what the plan ends in: the date it is concluded and the row of table 三 (null while open) */
  closedOn: string | null;
  row: OutcomeRow | null;
}

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

/** xorshift32: the same plan on every run. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const BY_REPLY = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].byReply);

export function planScenario(count: number, today: string, seed = 20261125): PlannedApplication[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const limit = parseIsoDate(today) as number;
  const after = (from: string, n: number): string => {
    const r = calendar.addWorkingDays(parseIsoDate(from) as number, n);
    if (!r.ok) throw new Error(r.error.message);
    return toIsoDate(r.value);
  };
  // receipts: spread over 2023-01-03 … 2025-12-30, a third of them in the weeks before 国庆 and 春节
  const start = parseIsoDate('2023-01-03') as number;
  const end = parseIsoDate('2025-12-30') as number;
  const nearHolidays = ['2023-01-10', '2023-09-20', '2024-01-30', '2024-09-20', '2025-01-20', '2025-09-22'].map((d) => parseIsoDate(d) as number);
  const plans: PlannedApplication[] = [];
  for (let i = 0; i < count; i++) {
    const base = i % 3 === 0 ? (pick(nearHolidays) + Math.floor(random() * 14)) : start + Math.floor(random() * (end - start));
    const receivedOn = after(toIsoDate(base - 1), 1); // a working day on or after the pick
    const applicantType = i < APPLICANT_TYPES.length ? (APPLICANT_TYPES[i] as ApplicantType) : pick(APPLICANT_TYPES);
    const events: EventInput[] = [];
    let day = receivedOn;
    let closedOn: string | null = null;
    let row: OutcomeRow | null = null;
    const step = (n: number, event: Omit<EventInput, 'occurredOn'>): boolean => {
      const on = after(day, n);
      if ((parseIsoDate(on) as number) > limit) return false; // not yet happened: stays open
      day = on;
      events.push({ ...event, occurredOn: on } as EventInput);
      return true;
    };
    const conclude = (n: number, event: Omit<EventInput, 'occurredOn'>, outcome: Outcome): void => {
      if (step(n, event)) {
        closedOn = day;
        row = OUTCOMES[outcome].row;
      }
    };
    const variant = i % 10;
    // every outcome by reply appears: the first ones cycle through all of them
    const outcome: Outcome = i < BY_REPLY.length * 2 ? (BY_REPLY[i % BY_REPLY.length] as Outcome) : pick(BY_REPLY);
    let open = true;
    if (variant === 1 || variant === 2) {
      // 补正: answered, or lapsed (（六）1)
      open = step(3, { type: 'request_correction' });
      if (open && variant === 1) open = step(6, { type: 'receive_correction' });
      else if (open) {
        conclude(16, { type: 'lapse_correction' }, 'OTHER_NO_CORRECTION'); // after the 15 working days of the notice
        open = false;
      }
    } else if (variant === 3) {
      open = step(2, { type: 'start_consultation', party: random() < 0.7 ? 'third_party' : 'other_agency' }) && step(12, { type: 'end_consultation' });
    } else if (variant === 4) {
      open = step(17, { type: 'approve_extension', workingDays: 20 });
      if (open) {
        conclude(25, { type: 'reply', outcome, legalBasis: OUTCOMES[outcome].basis || '条例第三十六条' }, outcome);
        open = false;
      }
    } else if (variant === 5 || variant === 6) {
      // 收费: paid, or lapsed (（六）2)
      open = step(4, { type: 'send_fee_notice', delivery: 'in_person' });
      if (open && variant === 5) open = step(8, { type: 'record_payment' });
      else if (open) {
        conclude(21, { type: 'lapse_fee' }, 'OTHER_NO_FEE'); // after the 20 working days from receipt
        open = false;
      }
    } else if (variant === 7) {
      conclude(5, { type: 'withdraw', note: '申请人撤回申请' }, 'OTHER');
      open = false;
    }
    if (open && closedOn === null) conclude(variant === 8 ? 30 : 10 + Math.floor(random() * 8), { type: 'reply', outcome, legalBasis: OUTCOMES[outcome].basis || '条例第三十六条' }, outcome);
    if (closedOn !== null && row !== 'noCorrection' && row !== 'unpaidFee' && events.at(-1)?.type === 'reply' && random() < 0.5) {
      step(3, { type: 'deliver' }) && random() < 0.5 && step(10, { type: 'archive' });
    }
    plans.push({ applicantType, receivedOn, events, closedOn, row });
  }
  return plans;
}

/** Table 三 counted directly from the plan, cell by cell: the independent reference. */
export function expectedTableThree(plans: readonly PlannedApplication[], year: number): Record<string, number[]> {
  const y0 = `${year}-01-01`;
  const y1 = `${year}-12-31`;
  const rows: Record<string, number[]> = {};
  const bump = (key: string, type: ApplicantType): void => {
    const row = (rows[key] ??= [0, 0, 0, 0, 0, 0, 0]);
    row[APPLICANT_TYPES.indexOf(type)] = (row[APPLICANT_TYPES.indexOf(type)] ?? 0) + 1;
    row[6] = (row[6] ?? 0) + 1;
  };
  for (const p of plans) {
    const openOn = (d: string) => p.receivedOn <= d && (p.closedOn === null || p.closedOn >= d);
    if (p.receivedOn >= y0 && p.receivedOn <= y1) bump('newReceived', p.applicantType);
    if (p.receivedOn < y0 && openOn(y0)) bump('carriedOver', p.applicantType);
    if (p.closedOn !== null && p.closedOn >= y0 && p.closedOn <= y1 && p.row) {
      bump(p.row, p.applicantType);
      bump('totalHandled', p.applicantType);
    }
    if (p.receivedOn <= y1 && (p.closedOn === null || p.closedOn > y1)) bump('carriedForward', p.applicantType);
  }
  return rows;
}
