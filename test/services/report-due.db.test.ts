// The annual report's reminder on the staff dashboard (services/report-due.ts, 条例第四十九条): from 1
// January until last year's report is published — a department's by 1月31日, a 人民政府's by 3月31日 —
// a reminder, a warning within 10 days, overdue after the date; the page says it.

import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { reportDue } from '../../src/services/report-due.ts';
import { engines, useDatabase } from '../support/db.ts';

const built = buildCalendar([], [], { provisionalYears: 3 });
if (!built.ok) throw new Error(built.error.message);
const calendar = built.value;

describe.each(engines())('the annual report reminder on %s', (engine) => {
  const t = useDatabase(engine);
  const agency = async (code: string, level: 'department' | 'government') => {
    const a = await createAgency(t.db as Kysely<DB>, { code, name: `${code}机关`, level }, '2025-06-01T00:00:00.000Z');
    if (!a.ok) throw new Error(a.error.message);
    return a.value.id;
  };

  it('counts calendar days to 1月31日 for a department: a reminder, a warning within 10 days, then overdue', async () => {
    const id = await agency('due-dept', 'department');
    expect(await reportDue(t.db, id, { calendar, today: '2026-01-05' })).toMatchObject({ year: 2025, due: '2026-01-31', daysLeft: 26, level: 'reminder' });
    expect(await reportDue(t.db, id, { calendar, today: '2026-01-21' })).toMatchObject({ daysLeft: 10, level: 'warning' });
    expect(await reportDue(t.db, id, { calendar, today: '2026-01-31' })).toMatchObject({ daysLeft: 0, level: 'warning' });
    expect(await reportDue(t.db, id, { calendar, today: '2026-02-03' })).toMatchObject({ daysLeft: -3, level: 'overdue' });
    // published: no reminder
    await t.db.insertInto('publishedReports').values({ agencyId: id, year: 2025, report: { year: 2025 }, publishedAt: '2026-01-20T02:00:00.000Z', publishedBy: null }).execute();
    expect(await reportDue(t.db, id, { calendar, today: '2026-01-21' })).toBeNull();
    // next year: the next report
    expect(await reportDue(t.db, id, { calendar, today: '2027-01-02' })).toMatchObject({ year: 2026, due: '2027-01-31', daysLeft: 29 });
  });

  it('gives a 人民政府 until 3月31日, with the rule in words', async () => {
    const id = await agency('due-gov', 'government');
    const due = await reportDue(t.db, id, { calendar, today: '2026-03-25' });
    expect(due).toMatchObject({ year: 2025, due: '2026-03-31', daysLeft: 6, level: 'warning' });
    expect(due?.explain).toContain('3月31日');
    // the dashboard's notice: test/web/published.db.test.ts
  });
});
