// When the working calendar changes (a State Council notice replaces a year's estimate, a local rest
// day is added), every open application's due dates are computed again on the new calendar and stored
// (due-dates.ts: they are a cache, plan-notes 10). recomputeDueDates is the one hook the calendar's save
// calls — the CLI (cli/calendar.ts) and the platform's calendar page (web/pages/staff-calendar.tsx) — in
// batches of DUE_BATCH open applications (keyset over ids, each batch its own transaction, memory bounded
// by a batch). Given the calendar before the change, it also lists the applications whose due date moved
// EARLIER — typically a notice that adds 调休 working days to an estimated year — so the platform
// administrator can tell their offices the same day.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { applicationClocksWithEstimates } from '../domain/calendar/estimates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { clockEvents, clockSettingsOf } from './application-view.ts';
import { DUE_BATCH, dueFactsOf, eventsOf, writeFacts } from './due-dates.ts';
import type { DueEvent, DueRow } from './due-dates.ts';
import { openState } from './due-sql.ts';
import { recomputeAmendmentDueDates } from './amendments/due.ts';
import { recomputeComplaintDueDates } from './complaints/read.ts';

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
  /** open applications recomputed */
  open: number;
  /** moved earlier, earliest new date first (at most EARLIER_LISTED: `earlierCount` has them all) */
  earlier: DueDateChange[];
  /** how many due dates moved earlier */
  earlierCount: number;
  /** how many moved later */
  later: number;
}

/** The most changes listed (each one is counted). */
export const EARLIER_LISTED = 1000;

const byNewDate = (a: DueDateChange, b: DueDateChange) => (a.after < b.after ? -1 : a.after > b.after ? 1 : a.applicationId - b.applicationId);

/** The live clocks of an application whose due date differs on the two calendars. */
function changesOf(row: DueRow & { number: string; agencyCode: string; agencyName: string }, events: readonly DueEvent[], before: WorkingCalendar, after: WorkingCalendar, today: string) {
  const evs = clockEvents(row, events);
  const settings = clockSettingsOf(row); // each agency's readings, as on its application pages
  const old = applicationClocksWithEstimates(evs, { calendar: before, today, settings });
  const now = applicationClocksWithEstimates(evs, { calendar: after, today, settings });
  const earlier: DueDateChange[] = [];
  let later = 0;
  if (!now.ok) return { earlier, later };
  for (const clock of now.value) {
    if (clock.id === 'receipt' || clock.state === 'stopped' || clock.due === null) continue;
    const was = old.ok ? (old.value.find((c) => c.id === clock.id)?.due ?? null) : null;
    if (was === null || was === clock.due) continue;
    if (clock.due > was) later += 1;
    else
      earlier.push({
        agencyCode: row.agencyCode,
        agencyName: row.agencyName,
        applicationId: row.id,
        number: row.number,
        title: clock.title,
        before: was,
        after: clock.due,
        provisional: clock.provisional === true,
      });
  }
  return { earlier, later };
}

/**
 * Recomputes and stores the due dates of every open application (all agencies: the calendar is the
 * platform's) on `calendar`; with `before`, the calendar it replaces, reports which moved (earlier ones
 * listed). `today`: the day the clocks are computed for.
 */
export async function recomputeDueDates(db: Kysely<DB>, calendar: WorkingCalendar, options: { today: string; before?: WorkingCalendar | null; batch?: number }): Promise<DueDateChanges> {
  const batch = options.batch ?? DUE_BATCH;
  const result: DueDateChanges = { open: 0, earlier: [], earlierCount: 0, later: 0 };
  let last = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('applications as a')
        .innerJoin('agencies as g', 'g.id', 'a.agencyId')
        .select(['a.id', 'a.number', 'a.state', 'a.channel', 'a.submittedOn', 'a.receivedOn', 'g.feeWindowFromReceipt', 'g.code as agencyCode', 'g.name as agencyName'])
        .where(openState('a'))
        .where('a.id', '>', last)
        .orderBy('a.id')
        .limit(batch)
        .forUpdate('a')
        .execute();
      const events = await eventsOf(
        trx,
        rows.map((r) => r.id),
      );
      await writeFacts(
        trx,
        rows.map((r) => ({ id: r.id, facts: dueFactsOf(r, events.get(r.id) ?? [], calendar, options.today) })),
      );
      if (options.before) {
        for (const r of rows) {
          const changed = changesOf(r, events.get(r.id) ?? [], options.before, calendar, options.today);
          result.later += changed.later;
          result.earlierCount += changed.earlier.length;
          result.earlier.push(...changed.earlier);
        }
        // keep the earliest EARLIER_LISTED: memory bounded whatever the number of changes
        if (result.earlier.length > 2 * EARLIER_LISTED) result.earlier = result.earlier.sort(byNewDate).slice(0, EARLIER_LISTED);
      }
      const end = rows.at(-1);
      if (end) last = end.id;
      return rows.length;
    });
    result.open += n;
    if (n < batch) break;
  }
  result.earlier = result.earlier.sort(byNewDate).slice(0, EARLIER_LISTED);
  // the open 更正 requests' stored due dates too (条例第四十一条; few per agency)
  await recomputeAmendmentDueDates(db, calendar);
  // and of the complaints not yet answered (投诉、举报, 条例第五十一条)
  await recomputeComplaintDueDates(db, calendar);
  return result;
}
