// The stored due dates of the open 更正 requests (record_amendments.due_on) computed again when the
// working calendar changes (services/due-date-changes.ts recomputeDueDates calls this), and when an
// agency changes its period (amendment_working_days): received + the agency's working days.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { amendmentDue } from '../../domain/amendments/clock.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';

/** Recomputes the due dates of the open requests (of one agency, or all); returns how many changed. */
export async function recomputeAmendmentDueDates(db: Kysely<DB>, calendar: WorkingCalendar, agencyId?: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('recordAmendments as r')
      .innerJoin('agencies as g', 'g.id', 'r.agencyId')
      .select(['r.id', 'r.receivedOn', 'r.dueOn', 'g.amendmentWorkingDays'])
      .where('r.state', '=', 'open');
    if (agencyId !== undefined) q = q.where('r.agencyId', '=', agencyId);
    const rows = await q.orderBy('r.id').forUpdate('r').execute();
    let changed = 0;
    for (const r of rows) {
      const due = amendmentDue(calendar, r.receivedOn, r.amendmentWorkingDays);
      const dueOn = due.ok ? due.value : null;
      if (dueOn === r.dueOn) continue;
      await trx.updateTable('recordAmendments').set({ dueOn }).where('id', '=', r.id).execute();
      changed += 1;
    }
    return changed;
  });
}
