// Importing a notice for an estimated year recomputes every open application; the ones whose due date
// moved earlier (the notice adds make-up working days: 劳动节 2027 in the test notice) are listed, with
// the agency and the old and new dates; closed applications are not looked at.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import type { WorkingCalendar } from '../../src/domain/calendar/index.ts';
import { parseHolidayNotice } from '../../src/domain/calendar/notice.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { recomputeDueDates } from '../../src/services/due-date-changes.ts';
import { calendarVersion } from '../../src/services/due-dates.ts';
import { engines, useDatabase } from '../support/db.ts';

const unwrap = (r: { ok: true; value: WorkingCalendar } | { ok: false; error: { message: string } }): WorkingCalendar => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const notice = parseHolidayNotice(readFileSync(join(import.meta.dirname, '../fixtures/calendar/plausible-2027-notice.txt'), 'utf8'));
if (!notice.ok) throw new Error(notice.errors.join('；'));
const estimated = unwrap(buildCalendar([], [], { provisionalYears: 1 }));
const announced = unwrap(buildCalendar([notice.arrangement], [], { provisionalYears: 1 }));
const TODAY = '2027-04-12';
const who = { actor: 'tester', now: `${TODAY}T09:00:00.000Z`, today: TODAY, calendar: estimated };

describe.each(engines())('due dates after a calendar change on %s', (engine) => {
  const t = useDatabase(engine);

  it('lists the open applications whose due date moved earlier', async () => {
    const a = await createAgency(t.db, { code: 'ddc', name: '某市某局', level: 'department', documentPrefix: '某局公开' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    const base = { applicantType: 'natural_person' as const, applicantName: '张三', channel: 'in_person' as const, request: '某文件' };
    const open = await registerApplication(t.db, a.value.id, { ...base, number: 'E-1', submittedOn: '2027-04-12' }, who);
    const closed = await registerApplication(t.db, a.value.id, { ...base, number: 'E-2', submittedOn: '2027-04-12' }, who);
    if (!open.ok || !closed.ok) throw new Error('setup');
    const withdrawn = await recordEvent(t.db, a.value.id, closed.value.id, { type: 'withdraw', occurredOn: TODAY }, who);
    if (!withdrawn.ok) throw new Error(withdrawn.error.message);

    // stored at registration on the estimate, as the dashboard works to it: the earliest it may turn out to be
    const stored = () => t.db.selectFrom('applications').select(['number', 'replyDueOn', 'dueCalendarVersion']).orderBy('number').execute();
    expect(await stored()).toEqual([
      { number: 'E-1', replyDueOn: '2027-05-06', dueCalendarVersion: calendarVersion(estimated) },
      { number: 'E-2', replyDueOn: null, dueCalendarVersion: null },
    ]);
    const changes = await recomputeDueDates(t.db, announced, { today: TODAY, before: estimated });
    expect(changes.open).toBe(1);
    expect(changes.earlierCount).toBe(1);
    // 20 working days from 2027-04-12: 5-12 on the estimate, 5-11 once 4-25 and 5-08 are make-up working days
    expect(changes.earlier).toEqual([
      { agencyCode: 'ddc', agencyName: '某市某局', applicationId: open.value.id, number: 'E-1', title: '答复期限', before: '2027-05-12', after: '2027-05-11', provisional: false },
    ]);
    // stored on the notice's calendar now
    expect(await stored()).toEqual([
      { number: 'E-1', replyDueOn: '2027-05-11', dueCalendarVersion: calendarVersion(announced) },
      { number: 'E-2', replyDueOn: null, dueCalendarVersion: null },
    ]);
    // and back: nothing moved earlier
    expect((await recomputeDueDates(t.db, estimated, { today: TODAY, before: announced })).earlier).toEqual([]);
    expect((await stored())[0]?.dueCalendarVersion).toBe(calendarVersion(estimated));
  });
});
