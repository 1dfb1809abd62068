// Complaints and reports (投诉、举报), the reads: the receiving office's list a page at a time (newest
// first, a cursor of ids), one complaint with the agency it is against, the open count, the year's
// figures the annual report's section 五 states, and the due dates recomputed when the calendar changes.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import type { ComplaintYear } from '../../domain/complaints/summary.ts';
import { COMPLAINT_RESULTS, isComplaintResult } from '../../domain/complaints/vocab.ts';
import type { ComplaintResult } from '../../domain/complaints/vocab.ts';
import { complaintDue, NOT_FOUND } from './write.ts';
import type { Complaint } from './write.ts';

export const COMPLAINT_PAGE = 50;

export type ComplaintRow = Complaint & { againstCode: string; againstName: string };

export interface ComplaintPage {
  rows: ComplaintRow[];
  next: number | null;
  /** not yet answered */
  open: number;
}

const withAgency = (db: Kysely<DB>) =>
  db.selectFrom('complaints as c').innerJoin('agencies as g', 'g.id', 'c.againstAgencyId').selectAll('c').select(['g.code as againstCode', 'g.name as againstName']);

/** The complaints the agency received, newest first, `COMPLAINT_PAGE` at a time after the cursor `before`. */
export async function listComplaints(db: Kysely<DB>, receivingAgencyId: number, options: { before?: number | null; open?: boolean } = {}): Promise<ComplaintPage> {
  let q = withAgency(db).where('c.receivingAgencyId', '=', receivingAgencyId);
  if (options.before) q = q.where('c.id', '<', options.before);
  if (options.open) q = q.where('c.state', '<>', 'answered');
  const rows = await q.orderBy('c.id', 'desc').limit(COMPLAINT_PAGE + 1).execute();
  const page = rows.slice(0, COMPLAINT_PAGE);
  return { rows: page, next: rows.length > COMPLAINT_PAGE ? (page.at(-1)?.id ?? null) : null, open: await openComplaints(db, receivingAgencyId) };
}

/** The unanswered complaints the agency received, and how many of them are past their due date. */
export async function complaintsWaiting(db: Kysely<DB>, receivingAgencyId: number, today: string): Promise<{ open: number; overdue: number }> {
  const rows = await db.selectFrom('complaints').select('dueOn').where('receivingAgencyId', '=', receivingAgencyId).where('state', '<>', 'answered').execute();
  return { open: rows.length, overdue: rows.filter((r) => r.dueOn !== null && r.dueOn < today).length };
}

/** How many complaints the agency received are not yet answered. */
export async function openComplaints(db: Kysely<DB>, receivingAgencyId: number): Promise<number> {
  const row = await db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).where('receivingAgencyId', '=', receivingAgencyId).where('state', '<>', 'answered').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One complaint the agency received (another office's: not found). */
export async function getComplaint(db: Kysely<DB>, receivingAgencyId: number, id: number): Promise<DomainResult<ComplaintRow>> {
  const row = await withAgency(db).where('c.id', '=', id).where('c.receivingAgencyId', '=', receivingAgencyId).executeTakeFirst();
  return row ? { ok: true, value: row } : { ok: false, error: NOT_FOUND };
}

/** The complaints received in `year`, with what became of them by 31 December (the report's section 五). */
export async function complaintYear(db: Kysely<DB>, receivingAgencyId: number, year: number): Promise<ComplaintYear> {
  const end = `${year}-12-31`;
  const rows = await db
    .selectFrom('complaints')
    .select(['id', 'kind', 'result', 'answeredOn', 'accountability'])
    .where('receivingAgencyId', '=', receivingAgencyId)
    .where('receivedOn', '>=', `${year}-01-01`)
    .where('receivedOn', '<=', end)
    .orderBy('id')
    .execute();
  const answered = Object.fromEntries(COMPLAINT_RESULTS.map((r) => [r, 0])) as Record<ComplaintResult, number>;
  let accountability = 0;
  for (const r of rows) {
    if (r.result === null || !isComplaintResult(r.result) || r.answeredOn === null || r.answeredOn > end) continue;
    answered[r.result] += 1;
    if (r.accountability !== null) accountability += 1;
  }
  return { year, complaints: rows.filter((r) => r.kind === 'complaint').length, reports: rows.filter((r) => r.kind === 'report').length, answered, accountability, ids: rows.map((r) => r.id) };
}

/** Recomputes the stored due dates of the complaints not yet answered (of one receiving agency, or all); returns how many changed. */
export async function recomputeComplaintDueDates(db: Kysely<DB>, calendar: WorkingCalendar, receivingAgencyId?: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('complaints as c').innerJoin('agencies as g', 'g.id', 'c.receivingAgencyId').select(['c.id', 'c.receivedOn', 'c.dueOn', 'g.complaintDays']).where('c.state', '<>', 'answered');
    if (receivingAgencyId !== undefined) q = q.where('c.receivingAgencyId', '=', receivingAgencyId);
    const rows = await q.orderBy('c.id').forUpdate('c').execute();
    let changed = 0;
    for (const r of rows) {
      const dueOn = complaintDue(calendar, r.receivedOn, r.complaintDays);
      if (dueOn === r.dueOn) continue;
      await trx.updateTable('complaints').set({ dueOn }).where('id', '=', r.id).execute();
      changed += 1;
    }
    return changed;
  });
}
