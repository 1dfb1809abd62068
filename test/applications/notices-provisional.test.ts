// Issue #9 (plan-notes "暂定 dates in notices"): a sealed notice never promises a provisional date. When the
// clock a notice's date comes from is provisional, the notice states the statutory period in words.
// The clocks are wrapped here to mark every due date provisional (the code that sets the flag is another
// change's: due dates in a year whose holiday notice is not yet published).

import { describe, expect, it, vi } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { noticeValues } from '../../src/services/notices.ts';

vi.mock('../../src/domain/calendar/clocks.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/domain/calendar/clocks.ts')>();
  return {
    ...original,
    applicationClocks: (...args: Parameters<typeof original.applicationClocks>) => {
      const r = original.applicationClocks(...args);
      return r.ok ? { ok: true, value: r.value.map((c) => (c.due ? { ...c, provisional: true, earliestDue: c.due } : c)) } : r;
    },
  };
});

const built = buildCalendar();
if (!built.ok) throw new Error(built.error.message);
const calendar = built.value;
const application = { channel: 'in_person', submittedOn: '2024-10-08', receivedOn: '2024-10-08' };
const register = { seq: 1, type: 'register', occurredOn: '2024-10-08', data: {} };

describe('notices from provisional clocks state the period in words', () => {
  it.each([
    ['correction_notice', { seq: 2, type: 'request_correction', occurredOn: '2024-10-10', data: { workingDays: 10 } }, 'correctionPeriod', '自收到本告知书之日起10个工作日内'],
    ['extension_notice', { seq: 2, type: 'approve_extension', occurredOn: '2024-10-24', data: { workingDays: 20 } }, 'replyPeriod', '在原答复期限届满后20个工作日内（依法不计入答复期限的期间除外）'],
    ['consultation_letter', { seq: 2, type: 'start_consultation', occurredOn: '2024-10-10', data: { party: 'third_party', partyName: '某公司', letterReceivedOn: '2024-10-11' } }, 'responsePeriod', '自收到本函之日起15个工作日内'],
  ] as const)('%s', (kind, step, name, words) => {
    const r = noticeValues(kind, { application, events: [register, step], step, calendar, settings: {}, issuedOn: step.occurredOn });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.computed[name]).toBe(words);
    expect(Object.values(r.value.computed).join('')).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{4}年/);
    expect(r.value.shown[0]?.provisional).toBe(true);
  });
});
