// When the working calendar changes (a State Council notice replaces a year's estimate, a local rest
// day is added), every open application's due dates are computed again on the new calendar: nothing
// stores them as the only truth (plan-notes "due dates are a cache"). This lists the applications whose
// due date moved EARLIER — typically a notice that adds 调休 working days to an estimated year — so the
// platform administrator can tell their offices the same day.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { applicationClocksWithEstimates } from '../domain/calendar/estimates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { OPEN_STATES } from '../domain/applications/types.ts';
import type { HandlingState } from '../domain/applications/types.ts';
import { clockEvents, clockSettingsOf } from './application-view.ts';

export interface DueDateChange {
  agencyCode: string;
  agencyName: string;
  applicationId: number;
  number: string;
  /** the clock (答复期限, 缴费期限 …) */
  title: string;
  before: string;
  after: string;
  /** the new date is still an estimate (another year not yet announced) */
  provisional: boolean;
}

export interface DueDateChanges {
  /** open applications looked at */
  open: number;
  /** moved earlier, earliest new date first */
  earlier: DueDateChange[];
  /** how many moved later */
  later: number;
}

/** Compares every live clock of every open application on two calendars (all agencies: the calendar is the platform's). */
export async function dueDateChanges(db: Kysely<DB>, before: WorkingCalendar, after: WorkingCalendar, today: string): Promise<DueDateChanges> {
  const apps = await db
    .selectFrom('applications as a')
    .innerJoin('agencies as g', 'g.id', 'a.agencyId')
    .select(['a.id', 'a.number', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.code as agencyCode', 'g.name as agencyName', 'g.feeWindowFromReceipt'])
    .where('a.state', 'in', OPEN_STATES as HandlingState[])
    .orderBy('a.id')
    .execute();
  const events = await db
    .selectFrom('applicationEvents as e')
    .innerJoin('applications as a', 'a.id', 'e.applicationId')
    .select(['e.applicationId', 'e.type', 'e.occurredOn', 'e.data'])
    .where('a.state', 'in', OPEN_STATES as HandlingState[])
    .orderBy('e.applicationId')
    .orderBy('e.seq')
    .execute();
  const byApp = new Map<number, typeof events>();
  for (const e of events) {
    let list = byApp.get(e.applicationId);
    if (!list) byApp.set(e.applicationId, (list = []));
    list.push(e);
  }
  const earlier: DueDateChange[] = [];
  let later = 0;
  for (const app of apps) {
    const evs = clockEvents(app, byApp.get(app.id) ?? []);
    const settings = clockSettingsOf(app); // each agency's readings, as on its application pages
    const old = applicationClocksWithEstimates(evs, { calendar: before, today, settings });
    const now = applicationClocksWithEstimates(evs, { calendar: after, today, settings });
    if (!now.ok) continue;
    for (const clock of now.value) {
      if (clock.id === 'receipt' || clock.state === 'stopped' || clock.due === null) continue;
      const was = old.ok ? old.value.find((c) => c.id === clock.id)?.due ?? null : null;
      if (was === null || was === clock.due) continue;
      if (clock.due > was) {
        later += 1;
        continue;
      }
      earlier.push({
        agencyCode: app.agencyCode,
        agencyName: app.agencyName,
        applicationId: app.id,
        number: app.number,
        title: clock.title,
        before: was,
        after: clock.due,
        provisional: clock.provisional === true,
      });
    }
  }
  earlier.sort((a, b) => (a.after < b.after ? -1 : a.after > b.after ? 1 : a.applicationId - b.applicationId));
  return { open: apps.length, earlier, later };
}
