// Issue #9 defects on the clocks: a consultation pauses the reply clock only until the consulted
// party's 15 working days (from receiving the letter) have run out; the fee window runs from the
// applicant's receipt of the 收费通知, not from its dispatch.

import { describe, expect, it } from 'vitest';
import { applicationClocks } from '../../src/domain/calendar/clocks.ts';
import type { ApplicationEvent, Clock } from '../../src/domain/calendar/clocks.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';

const built = buildCalendar();
if (!built.ok) throw new Error(built.error.message);
const calendar = built.value;
const clock = (events: ApplicationEvent[], today: string, id: Clock['id'], settings = {}): Clock => {
  const r = applicationClocks(events, { calendar, today, settings });
  if (!r.ok) throw new Error(r.error.message);
  const c = r.value.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} clock`);
  return c;
};
const received: ApplicationEvent = { type: 'submitted', date: '2024-09-02', channel: 'in_person' };

describe('a consultation pauses the reply clock for at most the party’s 15 working days (条例第三十二条)', () => {
  // reply due without pause: 2024-09-30; letter sent 9-10
  const silent: ApplicationEvent[] = [received, { type: 'consultation_started', date: '2024-09-10', party: 'third_party' }];

  it('with no answer recorded, 100 working days later only the 15 working days are excluded', () => {
    // receipt of the letter not recorded: counted from the day sent, 15 working days → 10-08; pause (9-10, 10-08] = 15
    const reply = clock(silent, '2025-02-14', 'reply');
    expect(reply.state).toBe('overdue');
    expect(reply.due).toBe('2024-10-25'); // 9-30 + 15 working days
    expect(reply.explain.join('')).toContain('15个工作日不计入答复期限');
    const consultation = clock(silent, '2025-02-14', 'consultation');
    expect(consultation).toMatchObject({ due: '2024-10-08', state: 'stopped', met: false });
    expect(consultation.explain.join('')).toContain('送达日期未登记');
  });

  it('the receipt of the letter moves the end of the pause: received 9-12 → due 10-10, reply due 10-29', () => {
    const events: ApplicationEvent[] = [received, { type: 'consultation_started', date: '2024-09-10', party: 'third_party', receivedOn: '2024-09-12' }];
    expect(clock(events, '2024-09-20', 'consultation')).toMatchObject({ due: '2024-10-10', state: 'running' });
    expect(clock(events, '2024-09-20', 'reply').state).toBe('paused');
    expect(clock(events, '2024-10-11', 'reply')).toMatchObject({ due: '2024-10-29', state: 'running' });
    expect(clock(events, '2024-10-11', 'consultation').explain.join('')).toContain('2024年9月12日');
  });

  it('an answer recorded after the 15 working days does not lengthen the pause', () => {
    const late: ApplicationEvent[] = [...silent, { type: 'consultation_ended', date: '2024-11-20' }];
    expect(clock(late, '2024-11-21', 'reply').due).toBe('2024-10-25');
    const early: ApplicationEvent[] = [...silent, { type: 'consultation_ended', date: '2024-09-20' }];
    expect(clock(early, '2024-09-23', 'reply').due).toBe('2024-10-15');
  });
});

describe('the fee window runs from the applicant’s receipt of the 收费通知 (第三十一条 read for it, a setting)', () => {
  const base: ApplicationEvent[] = [{ type: 'submitted', date: '2026-02-10', channel: 'in_person' }, { type: 'fee_notice_sent', date: '2026-02-12' }];

  it('sent but not yet received: no payment due date yet, and the reply clock keeps running', () => {
    const fee = clock(base, '2026-02-13', 'fee_payment');
    expect(fee.due).toBeNull();
    expect(fee.explain.join('')).toContain('尚未登记');
    expect(clock(base, '2026-02-13', 'reply').state).toBe('running');
  });

  it('received by post on 2-24 (签收): due 20 working days after (2-28 a make-up Saturday) → 3-23, not after the dispatch', () => {
    const events: ApplicationEvent[] = [...base, { type: 'fee_notice_received', date: '2026-02-24' }];
    expect(clock(events, '2026-02-25', 'fee_payment')).toMatchObject({ due: '2026-03-23', state: 'running' });
  });

  it('the other reading (from the day sent) is a setting', () => {
    expect(clock(base, '2026-02-13', 'fee_payment', { feeWindowFromReceipt: false })).toMatchObject({ due: '2026-03-18' });
  });
});
