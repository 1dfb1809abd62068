// The reminder of the annual report (条例第四十九条) on the staff dashboard: from 1 January, until last
// year's report is published in the column, the statutory date it is due and the calendar days left —
// a reminder while more than WARNING_DAYS are left, a warning within them, overdue after the date.
// A 县级以上地方人民政府 (agency level 'government') publishes by 3月31日; every other agency by 1月31日
// (a department's date; 乡镇/街道 follow local rules, and the earlier date is the careful reading until
// a setting says otherwise).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { parseIsoDate } from '../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { annualReportDue } from '../domain/calendar/windows.ts';

/** Calendar days before the due date from which the reminder becomes a warning. */
export const WARNING_DAYS = 10;

export interface ReportDue {
  /** the reporting year (last year) */
  year: number;
  /** the last day (YYYY-MM-DD) */
  due: string;
  /** calendar days from today to the due date (negative: overdue) */
  daysLeft: number;
  level: 'reminder' | 'warning' | 'overdue';
  /** the rule in words, with its article */
  explain: string;
  /** where the report stands in the workspace's sign-off (null: never submitted) and the stage it waits at */
  signoff: { state: string; waitingAt: string | null } | null;
}

/** Last year's report reminder for the agency on `today`, or null once that report is published. */
export async function reportDue(db: Kysely<DB>, agencyId: number, options: { calendar: WorkingCalendar; today: string }): Promise<ReportDue | null> {
  const year = Number(options.today.slice(0, 4)) - 1;
  const agency = await db
    .selectFrom('agencies as a')
    .select('a.level')
    .select((eb) => eb.exists(eb.selectFrom('publishedReports as r').select('r.id').whereRef('r.agencyId', '=', 'a.id').where('r.year', '=', year)).as('published'))
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  if (!agency || agency.published) return null;
  const publisher = agency.level === 'government' ? 'government' : 'department';
  const clock = annualReportDue(year, publisher, options);
  // a calendar date: shown even when the working calendar cannot count working days (a year not loaded)
  const due = clock.ok && clock.value.due !== null ? clock.value.due : `${year + 1}-${publisher === 'government' ? '03' : '01'}-31`;
  const explain = clock.ok ? clock.value.explain.join('') : `条例第四十九条：${year}年度报告应于${due}前公布。`;
  const daysLeft = (parseIsoDate(due) ?? 0) - (parseIsoDate(options.today) ?? 0);
  const row = await db
    .selectFrom('reportDrafts as d')
    .leftJoin('reviewPending as p', (j) => j.onRef('p.subjectId', '=', 'd.id').on('p.subject', '=', 'annual_report'))
    .select(['d.state', 'p.stage', 'p.stages'])
    .where('d.agencyId', '=', agencyId)
    .where('d.year', '=', year)
    .executeTakeFirst();
  const stages = Array.isArray(row?.stages) ? (row.stages as { name?: unknown }[]) : [];
  const waiting = row?.stage != null ? stages[row.stage - 1]?.name : undefined;
  const signoff = row ? { state: row.state, waitingAt: typeof waiting === 'string' ? waiting : null } : null;
  return { year, due, daysLeft, level: daysLeft < 0 ? 'overdue' : daysLeft <= WARNING_DAYS ? 'warning' : 'reminder', explain, signoff };
}
