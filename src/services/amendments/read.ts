// 更正 requests (条例第四十一条), the reads: the agency's list a page at a time (newest first, a cursor of
// ids: 更早的), one request with its clock, its decision notice (HTML or DOCX, made from the record), and
// the year's figures the annual report's section 六 states.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { amendmentClock } from '../../domain/amendments/clock.ts';
import { amendmentNotice } from '../../domain/amendments/notice.ts';
import type { AmendmentYear } from '../../domain/amendments/summary.ts';
import { AMENDMENT_DECISIONS, isDecision } from '../../domain/amendments/vocab.ts';
import type { AmendmentDecision } from '../../domain/amendments/vocab.ts';
import type { Clock } from '../../domain/calendar/clock-base.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { renderPrepared, renderPreparedDocx } from '../../domain/documents/render.ts';
import { contactLine, siteProfile } from '../agency-site.ts';
import { amendmentWorkingDays, NOT_FOUND } from './write.ts';
import type { Amendment } from './write.ts';

/** Rows of the list page. */
export const AMENDMENT_PAGE = 50;

export interface AmendmentPage {
  rows: Amendment[];
  /** the cursor of the next (older) page, or null */
  next: number | null;
  open: number;
}

/** The agency's requests, newest first, `AMENDMENT_PAGE` at a time after the cursor `before` (an id). */
export async function listAmendments(db: Kysely<DB>, agencyId: number, options: { before?: number | null; state?: 'open' | 'decided' | null } = {}): Promise<AmendmentPage> {
  let q = db.selectFrom('recordAmendments').selectAll().where('agencyId', '=', agencyId);
  if (options.before) q = q.where('id', '<', options.before);
  if (options.state) q = q.where('state', '=', options.state);
  const rows = await q.orderBy('id', 'desc').limit(AMENDMENT_PAGE + 1).execute();
  const open = await db.selectFrom('recordAmendments').select((eb) => eb.fn.countAll<number>().as('n')).where('agencyId', '=', agencyId).where('state', '=', 'open').executeTakeFirstOrThrow();
  const page = rows.slice(0, AMENDMENT_PAGE);
  return { rows: page, next: rows.length > AMENDMENT_PAGE ? (page.at(-1)?.id ?? null) : null, open: Number(open.n) };
}

export async function getAmendment(db: Kysely<DB>, agencyId: number, id: number): Promise<DomainResult<Amendment>> {
  const row = await db.selectFrom('recordAmendments').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
  return row ? { ok: true, value: row } : { ok: false, error: NOT_FOUND };
}

export interface AmendmentView {
  amendment: Amendment;
  clock: Clock | null;
  /** why there is no clock (a calendar year not loaded) */
  clockError: string | null;
  workingDays: number;
}

/** One request with its clock on the calendar (today's). */
export async function viewAmendment(db: Kysely<DB>, agencyId: number, id: number, options: { calendar: WorkingCalendar; today: string }): Promise<DomainResult<AmendmentView>> {
  const found = await getAmendment(db, agencyId, id);
  if (!found.ok) return found;
  const workingDays = await amendmentWorkingDays(db, agencyId);
  const clock = amendmentClock(found.value, { ...options, workingDays });
  return { ok: true, value: { amendment: found.value, clock: clock.ok ? clock.value : null, clockError: clock.ok ? null : clock.error.message, workingDays } };
}

/** The decision notice of a decided request, as a printable page or a Word document. */
export async function amendmentNoticeFile(
  db: Kysely<DB>,
  agencyId: number,
  id: number,
  format: 'html' | 'docx',
): Promise<DomainResult<{ title: string; number: string; bytes: Uint8Array; html: string | null }>> {
  const found = await getAmendment(db, agencyId, id);
  if (!found.ok) return found;
  const a = found.value;
  if (a.decision === null || !isDecision(a.decision) || a.decidedOn === null || a.noticeNumber === null) {
    return { ok: false, error: { code: 'AMENDMENT_NOT_DECIDED', message: '该更正申请尚未办结，还没有告知书。' } };
  }
  const agency = await db.selectFrom('agencies').select(['name', 'reconsiderationBody', 'court']).where('id', '=', agencyId).executeTakeFirstOrThrow();
  const doc = amendmentNotice({
    number: a.number,
    requesterName: a.requesterName,
    record: a.record,
    inaccuracy: a.inaccuracy,
    requested: a.requested,
    receivedOn: a.receivedOn,
    decision: a.decision,
    decidedOn: a.decidedOn,
    authority: a.authority,
    note: a.decisionNote,
    noticeNumber: a.noticeNumber,
    agencyName: agency.name,
    reconsiderationBody: agency.reconsiderationBody,
    court: agency.court,
    contactLine: contactLine(await siteProfile(db, { id: agencyId, name: agency.name })),
  });
  if (format === 'docx') return { ok: true, value: { title: doc.title, number: a.number, bytes: await renderPreparedDocx(doc), html: null } };
  const rendered = renderPrepared(doc);
  return { ok: true, value: { title: doc.title, number: a.number, bytes: new TextEncoder().encode(rendered.html), html: rendered.html } };
}

/** The requests received in `year`, with what became of them by 31 December (the report's section 六). */
export async function amendmentYear(db: Kysely<DB>, agencyId: number, year: number): Promise<AmendmentYear> {
  const end = `${year}-12-31`;
  const rows = await db
    .selectFrom('recordAmendments')
    .select(['id', 'decision', 'decidedOn'])
    .where('agencyId', '=', agencyId)
    .where('receivedOn', '>=', `${year}-01-01`)
    .where('receivedOn', '<=', end)
    .orderBy('id')
    .execute();
  const decided = Object.fromEntries(AMENDMENT_DECISIONS.map((d) => [d, 0])) as Record<AmendmentDecision, number>;
  let open = 0;
  for (const r of rows) {
    if (r.decision !== null && isDecision(r.decision) && r.decidedOn !== null && r.decidedOn <= end) decided[r.decision] += 1;
    else open += 1;
  }
  return { year, received: rows.length, decided, open, ids: rows.map((r) => r.id) };
}
