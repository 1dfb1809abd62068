// The 20-working-day clock of 条例第二十六条 for catalogue items (domain/catalogue/publication-clock.ts),
// by hand-counted dates across 国庆 2024 and 春节 2025 (the start day not counted, make-up Saturdays and
// Sundays counted, holidays not).

import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { publicationClock, publicationClockRuns } from '../../src/domain/catalogue/publication-clock.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const item = (formedOn: string, extra: { state?: string; disclosure?: string | null; publishedOn?: string | null } = {}) => ({
  state: extra.state ?? 'draft',
  disclosure: extra.disclosure === undefined ? '主动公开' : extra.disclosure,
  formedOn,
  publishedOn: extra.publishedOn ?? null,
});

const clockOf = (formedOn: string, today: string, extra = {}) => {
  const r = publicationClock(item(formedOn, extra), { calendar, today });
  if (r === null) return null;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('第二十六条: 20 working days from 形成或者变更之日', () => {
  it('across 国庆 2024: formed Friday 2024-09-27 → due Wednesday 2024-10-30', () => {
    // 09-29 (Sunday, make-up) 1, 09-30 2, 10-01…10-07 holiday, 10-08…10-11 3–6, 10-12 (Saturday, make-up) 7,
    // 10-14…10-18 8–12, 10-21…10-25 13–17, 10-28 18, 10-29 19, 10-30 20
    expect(clockOf('2024-09-27', '2024-10-08')?.due).toBe('2024-10-30');
    expect(clockOf('2024-09-27', '2024-10-08')?.state).toBe('running');
    // 10-25: 10-28, 10-29, 10-30 left — due within 3 working days
    expect([clockOf('2024-09-27', '2024-10-25')?.state, clockOf('2024-09-27', '2024-10-25')?.workingDaysLeft]).toEqual(['due_soon', 3]);
    expect([clockOf('2024-09-27', '2024-10-30')?.state, clockOf('2024-09-27', '2024-10-30')?.workingDaysLeft]).toEqual(['due_soon', 0]);
    expect([clockOf('2024-09-27', '2024-10-31')?.state, clockOf('2024-09-27', '2024-10-31')?.workingDaysLeft]).toEqual(['overdue', -1]);
  });

  it('across 春节 2025: formed Monday 2025-01-20 → due Friday 2025-02-21', () => {
    // 01-21…01-24 1–4, 01-26 (Sunday, make-up) 5, 01-27 6, 01-28…02-04 holiday (除夕 to 初七),
    // 02-05…02-07 7–9, 02-08 (Saturday, make-up) 10, 02-10…02-14 11–15, 02-17…02-21 16–20
    expect(clockOf('2025-01-20', '2025-01-21')?.due).toBe('2025-02-21');
    expect(clockOf('2025-01-20', '2025-02-18')?.state).toBe('due_soon');
    expect(clockOf('2025-01-20', '2025-02-24')?.state).toBe('overdue');
  });

  it('stops when published (met or not), and does not run for 依申请公开, 不予公开 or a withdrawn item', () => {
    expect(clockOf('2024-09-27', '2024-11-05', { state: 'published', publishedOn: '2024-10-30' })).toMatchObject({ state: 'stopped', met: true, due: '2024-10-30' });
    expect(clockOf('2024-09-27', '2024-11-05', { state: 'published', publishedOn: '2024-10-31' })).toMatchObject({ state: 'stopped', met: false });
    expect(clockOf('2024-09-27', '2024-11-05', { disclosure: '依申请公开' })).toBeNull();
    expect(clockOf('2024-09-27', '2024-11-05', { disclosure: '不予公开' })).toBeNull();
    expect(clockOf('2024-09-27', '2024-11-05', { state: 'withdrawn' })).toBeNull();
    // undecided 公开属性: it runs (条例第十三条: disclosure is the rule)
    expect(publicationClockRuns({ state: 'in_review', disclosure: null })).toBe(true);
    expect(clockOf('2024-09-27', '2024-11-05', { disclosure: null, state: 'scheduled' })?.state).toBe('overdue');
  });
});
