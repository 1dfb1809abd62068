// The statutory clocks across a 国庆 (2024) and a 春节 (2026), with due dates counted by hand.

import { describe, expect, it } from 'vitest';
import { annualReportDue, applicationClocks, proactiveDisclosureClock, receiptDate, remedyWindow } from '../../src/domain/calendar/clocks.ts';
import type { ApplicationEvent, Clock } from '../../src/domain/calendar/clocks.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import type { Result } from '../../src/domain/calendar/index.ts';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const calendar = unwrap(buildCalendar());
const clocks = (events: ApplicationEvent[], today: string, settings = {}) => unwrap(applicationClocks(events, { calendar, today, settings }));
const clock = (events: ApplicationEvent[], today: string, id: Clock['id']) => {
  const c = clocks(events, today).find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} clock`);
  return c;
};
const inPerson = (date: string): ApplicationEvent => ({ type: 'submitted', date, channel: 'in_person' });

describe('receipt date (第三十一条)', () => {
  it.each<[string, ApplicationEvent[], string | null]>([
    ['in person: the day handed in', [inPerson('2024-09-27')], '2024-09-27'],
    ['registered post: the day signed for', [{ type: 'submitted', date: '2024-09-25', channel: 'post_signed' }, { type: 'signed_for', date: '2024-09-27' }], '2024-09-27'],
    ['registered post not yet signed for', [{ type: 'submitted', date: '2024-09-25', channel: 'post_signed' }], null],
    ['online: the day both sides confirm', [{ type: 'submitted', date: '2024-09-28', channel: 'online' }, { type: 'receipt_confirmed', date: '2024-09-29' }], '2024-09-29'],
    ['ordinary letter: confirmed with the applicant', [{ type: 'submitted', date: '2024-09-20', channel: 'post_ordinary' }, { type: 'receipt_confirmed', date: '2024-09-23' }], '2024-09-23'],
    ['fax not yet confirmed', [{ type: 'submitted', date: '2024-09-20', channel: 'fax' }], null],
  ])('%s', (_name, events, expected) => {
    expect(receiptDate(events).date).toBe(expected);
  });
});

describe('across 国庆 2024 (9-29 make-up, 10-1…10-7 rest, 10-12 make-up)', () => {
  const events = [inPerson('2024-09-27')];

  it('补正 notice due in 7 working days: 2024-10-12, a make-up Saturday', () => {
    expect(clock(events, '2024-09-30', 'correction_notice')).toMatchObject({ due: '2024-10-12', state: 'running' });
  });

  it('reply due in 20 working days: 2024-10-30', () => {
    const c = clock(events, '2024-10-08', 'reply');
    expect(c).toMatchObject({ due: '2024-10-30', state: 'running', workingDaysLeft: 17 });
    expect(c.explain.join('')).toContain('条例第三十三条第二款');
  });

  it.each([
    ['2024-10-25', 'due_soon', 3],
    ['2024-10-30', 'due_soon', 0],
    ['2024-10-31', 'overdue', -1],
  ])('on %s the reply clock is %s with %i working days left', (today, state, left) => {
    expect(clock(events, today, 'reply')).toMatchObject({ state, workingDaysLeft: left });
  });

  it('an approved extension of 20 working days moves it to 2024-11-27; more than 20 is capped', () => {
    const extended = [...events, { type: 'extension_approved', date: '2024-10-25', workingDays: 20 } as const];
    expect(clock(extended, '2024-10-28', 'reply').due).toBe('2024-11-27');
    const greedy = [...events, { type: 'extension_approved', date: '2024-10-25', workingDays: 30 } as const];
    const c = clock(greedy, '2024-10-28', 'reply');
    expect(c.due).toBe('2024-11-27');
    expect(c.explain.join('')).toContain('超过上限');
  });

  it('no extension without an approval event', () => {
    expect(clock(events, '2024-10-28', 'reply').due).toBe('2024-10-30');
  });

  it('third-party consultation pauses the reply clock (中秋 and 国庆 in between)', () => {
    const consulted: ApplicationEvent[] = [
      inPerson('2024-09-02'),
      { type: 'consultation_started', date: '2024-09-10', party: 'third_party' },
      { type: 'consultation_ended', date: '2024-09-20' },
    ];
    // 20 working days from 9-02: 9-30; paused (9-10, 9-20]: 11, 12, 13, 14 (make-up), 18, 19, 20 = 7 → 10-15
    expect(clock(consulted, '2024-10-09', 'reply').due).toBe('2024-10-15');
    // the third party has 15 working days from the letter: 10-08
    expect(clock(consulted, '2024-10-09', 'consultation')).toMatchObject({ due: '2024-10-08', state: 'stopped', met: true });
    // while the consultation is open the reply clock is paused
    const open = consulted.slice(0, 2);
    expect(clock(open, '2024-09-13', 'reply').state).toBe('paused');
    expect(clock(open, '2024-09-13', 'consultation')).toMatchObject({ due: '2024-10-08', state: 'running' });
  });

  it('a reply in time stops the clock, met', () => {
    const replied = [...events, { type: 'replied', date: '2024-10-29' } as const];
    expect(clock(replied, '2024-11-05', 'reply')).toMatchObject({ state: 'stopped', met: true, due: '2024-10-30' });
    expect(clock(replied, '2024-11-05', 'correction_notice').state).toBe('stopped');
  });

  it('proactive disclosure within 20 working days of formation: 2024-10-30', () => {
    expect(unwrap(proactiveDisclosureClock('2024-09-27', { calendar, today: '2024-10-08' }))).toMatchObject({ due: '2024-10-30', state: 'running' });
    expect(unwrap(proactiveDisclosureClock('2024-09-27', { calendar, today: '2024-11-08', publishedOn: '2024-11-01' }))).toMatchObject({ state: 'stopped', met: false });
  });

  it('reconsideration: 60 days from knowing, last day 10-01 a holiday → 10-08', () => {
    expect(unwrap(remedyWindow('reconsideration', '2024-08-02', { calendar, today: '2024-09-02' })).due).toBe('2024-10-08');
  });

  it('direct litigation: 6 months, 2024-04-01 → 10-01, a holiday → 10-08', () => {
    expect(unwrap(remedyWindow('litigation_direct', '2024-04-01', { calendar, today: '2024-05-01' })).due).toBe('2024-10-08');
  });
});

describe('across 春节 2026 (2-14 make-up, 2-15…2-23 rest, 2-28 make-up)', () => {
  const events = [inPerson('2026-02-10')];

  it('补正 notice due 2026-02-26; reply due 2026-03-16', () => {
    expect(clock(events, '2026-02-11', 'correction_notice').due).toBe('2026-02-26');
    expect(clock(events, '2026-02-11', 'reply').due).toBe('2026-03-16');
  });

  it('after a correction the reply clock restarts from the corrected application: 2026-03-30', () => {
    const requested: ApplicationEvent[] = [...events, { type: 'correction_requested', date: '2026-02-12' }];
    expect(clock(requested, '2026-02-13', 'reply')).toMatchObject({ state: 'stopped', due: null });
    expect(clock(requested, '2026-02-13', 'correction_notice')).toMatchObject({ state: 'stopped', met: true });
    const corrected: ApplicationEvent[] = [...requested, { type: 'correction_received', date: '2026-03-02' }];
    expect(clock(corrected, '2026-03-03', 'reply').due).toBe('2026-03-30');
  });

  it('fee: paid within 20 working days from the day after the notice: 2026-03-18; the reply clock stops meanwhile (setting)', () => {
    const fee: ApplicationEvent[] = [...events, { type: 'fee_notice_received', date: '2026-02-12' }];
    expect(clock(fee, '2026-02-13', 'fee_payment')).toMatchObject({ due: '2026-03-18', state: 'running' });
    expect(clock(fee, '2026-02-13', 'reply').state).toBe('paused');
    expect(clock(fee, '2026-03-19', 'fee_payment').state).toBe('overdue');
    // paid 3-02: paused (2-12, 3-02] = 13, 14, 24, 25, 26, 27, 28, 3-02 = 8 working days → 3-16 + 8 = 3-26
    const paid: ApplicationEvent[] = [...fee, { type: 'fee_paid', date: '2026-03-02' }];
    expect(clock(paid, '2026-03-03', 'reply').due).toBe('2026-03-26');
    const notStopping = clocks(paid, '2026-03-03', { feeStopsReplyClock: false }).find((c) => c.id === 'reply');
    expect(notStopping?.due).toBe('2026-03-16');
  });

  it('litigation after reconsideration: 15 days, 2-05 → 2-20 in 春节 → 2-24', () => {
    expect(unwrap(remedyWindow('litigation_after_reconsideration', '2026-02-05', { calendar, today: '2026-02-06' })).due).toBe('2026-02-24');
  });

  it('annual report due dates: departments 1月31日, governments 3月31日', () => {
    expect(unwrap(annualReportDue(2025, 'department', { calendar, today: '2026-01-10' })).due).toBe('2026-01-31');
    expect(unwrap(annualReportDue(2025, 'government', { calendar, today: '2026-01-10' })).due).toBe('2026-03-31');
  });
});

describe('failing loudly', () => {
  it('a clock that reaches 2027 fails, naming the year', () => {
    const r = applicationClocks([inPerson('2026-12-20')], { calendar, today: '2026-12-21' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('2027年');
  });

  it('a bad date is a clear error, not an exception', () => {
    const r = applicationClocks([inPerson('2026-02-30')], { calendar, today: '2026-03-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('2026-02-30');
  });
});
