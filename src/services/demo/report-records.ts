// The records behind the demo's annual report, entered through the services a clerk uses — the figures
// of table 二 on 年报数据 (records/counts.ts), the 复议/诉讼 cases of table 四 in the register of cases
// (records/cases.ts: each registered when received, completed when concluded), the facts of 年报素材
// (report-facts.ts) — and the report drafted from them (report-draft.ts), with the clerk's one edit:
// the 【示范数据】 marker before the drafted opening of 一. Runs in the demo's transaction (`db` is
// `joined(trx)`); a refusal is thrown as Refused, so the demo is loaded whole or not at all.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Outcome } from '../../domain/applications/types.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import type { AnnualReport } from '../../domain/report/model.ts';
import { findSentence } from '../../domain/report/draft/compose.ts';
import { enterCounts } from '../records/counts.ts';
import type { RecordsActor } from '../records/counts.ts';
import { saveCase } from '../records/cases.ts';
import { draftFor } from '../report-draft.ts';
import { createFact, saveEdit } from '../report-facts.ts';
import { Refused } from '../transactions.ts';
import { DEMO_AGENCY } from './agency.ts';
import { planDemoCases } from './report-cases.ts';
import { DEMO_COUNTS, DEMO_MARKER, demoFacts } from './report-facts.ts';

export interface ReportClerk {
  userId: number | null;
  /** the clerk's display name, recorded with the entries */
  name: string;
}

/** Unwraps a service's result, or throws its refusal (rolling the demo back). */
function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }): T {
  if (!r.ok) throw new Refused(r.error);
  return r.value;
}

/**
 * Enters the records of `year` and returns the report drafted from them (computed tables, drafted
 * prose). `closed`: the demo's applications by id with the outcome they ended in and its date;
 * `stamp(date, k)`: the timestamp of the k-th action of a day; `preparedOn`: the day the office
 * enters its figures and facts and drafts the report (on or before its publication).
 */
export async function demoReportFromRecords(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  options: { today: string; preparedOn: string; calendar: WorkingCalendar; clerk: ReportClerk; closed: readonly { id: number; outcome: Outcome; closedOn: string }[]; stamp: (date: string, k: number) => string },
): Promise<AnnualReport> {
  const { today, preparedOn, clerk, stamp } = options;
  const actor = (on: string, k: number): RecordsActor => ({ userId: clerk.userId, name: clerk.name, now: stamp(on, k), today, source: 'page' });

  // table 四: the cases brought against the year's refusals, registered when received, completed when concluded
  const ids = options.closed.map((c) => c.id);
  const numbers = new Map(
    ids.length === 0 ? [] : (await db.selectFrom('applications').select(['id', 'number']).where('agencyId', '=', agencyId).where('id', 'in', ids).execute()).map((r) => [Number(r.id), r.number]),
  );
  const refused = options.closed.flatMap((c) => {
    const number = numbers.get(c.id);
    return number === undefined ? [] : [{ number, repliedOn: c.closedOn, outcome: c.outcome }];
  });
  const cases = planDemoCases(refused, year, today, options.calendar);
  for (const c of cases) {
    const pending = { ...c.input, concludedOn: null, result: '' };
    const saved = must(await saveCase(db, agencyId, pending, { mode: 'create' }, actor(c.receivedOn, 1)));
    if (c.concludedOn !== null) must(await saveCase(db, agencyId, c.input, { mode: 'update', id: saved.case.id }, actor(c.concludedOn, 1)));
  }

  // table 二: the figures of 行政许可、处罚、强制 and 收费, entered on 年报数据
  must(await enterCounts(db, agencyId, DEMO_COUNTS.map((c) => ({ year: String(year), kind: c.kind, value: c.value })), actor(preparedOn, 2)));

  // the facts of 年报素材 (a suggestion under its event)
  const who = { userId: clerk.userId, now: stamp(preparedOn, 3) };
  const factIds: number[] = [];
  for (const f of demoFacts(year)) {
    const parent = f.under === undefined ? null : (factIds[f.under] ?? null);
    factIds.push(must(await createFact(db, agencyId, year, f.kind, f.values, parent, who)).id);
  }

  // the draft, and the clerk's marker before its opening sentence
  const first = must(await draftFor(db, DEMO_AGENCY.code, year));
  const opening = findSentence(first.draft, 'overview.opening');
  if (!opening) throw new Refused({ code: 'DRAFT_INCOMPLETE', message: '演示年报的草稿没有总体情况的开头一句，未载入演示数据。' });
  must(await saveEdit(db, agencyId, year, opening.id, `${DEMO_MARKER}${opening.text}`, opening.text, { userId: clerk.userId, now: stamp(preparedOn, 4) }));
  return must(await draftFor(db, DEMO_AGENCY.code, year)).report;
}
