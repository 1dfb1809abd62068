// Issue #9 (plan-notes "暂定 dates"): where the staff application page shows a clock's due date, a
// provisional one is followed by "（暂定）".

import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/calendar/clocks.ts';
import { Clocks } from '../../src/web/views/staff/application-parts.tsx';

const clock = (extra: Partial<Clock>): Clock => ({ id: 'reply', title: '答复期限', basis: '条例第三十三条', due: '2027-01-20', workingDaysLeft: 30, state: 'running', explain: [], ...extra });

describe('the clocks on the staff application page', () => {
  it('marks a provisional due date （暂定）, and only that one', async () => {
    const html = String(await Clocks({ clocks: [clock({ provisional: true, earliestDue: '2027-01-18' }), clock({ id: 'consultation', title: '第三方答复期限', due: '2026-12-10' })], clockError: null, today: '2026-12-01', state: 'consulting' }));
    expect(html).toContain('2027-01-20（暂定）');
    expect(html).not.toContain('2026-12-10（暂定）');
  });
});
