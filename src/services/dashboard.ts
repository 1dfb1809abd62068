// The staff dashboard: an agency's open applications sorted by where their statutory clocks stand on
// `today` — overdue, due within 3 working days, paused (consultation, unpaid fee), running. Nothing is
// stored as "overdue": the clocks are computed from the events (application-view.ts clockEvents), with
// the open applications and all their events read in two queries. A due date in a year whose holiday
// notice is not yet published is 暂定, and the dashboard works to the earliest it may turn out to be.

import type { Kysely } from 'kysely';
import type { Application, ApplicationEventRow, DB } from '../db/schema.ts';
import type { Clock, ClockState } from '../domain/calendar/clocks.ts';
import { applicationClocksWithEstimates } from '../domain/calendar/estimates.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { OPEN_STATES } from '../domain/applications/types.ts';
import type { ApplicantType, HandlingState } from '../domain/applications/types.ts';
import { clockEvents, clockSettingsOf } from './application-view.ts';

/** Where an open application stands: its most urgent live clock. */
export type ClockBucket = 'overdue' | 'due_soon' | 'paused' | 'running';

export const CLOCK_BUCKETS: readonly ClockBucket[] = ['overdue', 'due_soon', 'paused', 'running'];

export const CLOCK_BUCKET_LABELS: Record<ClockBucket, string> = {
  overdue: '已超期',
  due_soon: '3个工作日内到期',
  paused: '期限中止',
  running: '正常办理',
};

export interface ClockSummary {
  bucket: ClockBucket;
  /** the clock that decided the bucket (null: no live clock, e.g. waiting for the applicant's correction) */
  clock: Pick<Clock, 'id' | 'title' | 'basis' | 'due' | 'workingDaysLeft' | 'state' | 'provisional' | 'estimateDue'> | null;
  /** the reply's due date (条例第三十三条) while it runs, whatever clock is the most urgent */
  reply: Pick<Clock, 'due' | 'state' | 'provisional' | 'estimateDue'> | null;
  /** the calendar could not compute the clocks (a year not loaded): why */
  error: string | null;
}

export interface DashboardItem {
  id: number;
  number: string;
  applicantName: string;
  applicantType: ApplicantType;
  state: HandlingState;
  receivedOn: string | null;
  handler: string | null;
  summary: ClockSummary;
}

export interface Dashboard {
  today: string;
  /** open applications */
  open: number;
  counts: Record<ClockBucket, number>;
  /** per bucket, most urgent first (earliest due date) */
  lists: Record<ClockBucket, DashboardItem[]>;
  /** applications whose clocks the calendar cannot compute (counted in `running`), with the first reason */
  clockErrors: { count: number; message: string | null };
}

const RANK: Record<ClockBucket, number> = { overdue: 0, due_soon: 1, paused: 2, running: 3 };

/**
 * The bucket of an application from its clocks: the most urgent live clock. The receipt is a date, not a
 * clock. The 补正 window (条例第三十条: 7 working days to ask for a correction, when the request is
 * unclear) is a reminder while the application is only registered; once past, or once the handling has
 * moved on, it is no longer something to do, so it never makes an application overdue.
 */
export function summarise(clocks: readonly Clock[] | null, state: HandlingState, error: string | null = null): ClockSummary {
  if (clocks === null) return { bucket: 'running', clock: null, reply: null, error: error ?? '期限无法计算' };
  let best: Clock | null = null;
  let bestBucket: ClockBucket = 'running';
  for (const c of clocks) {
    if (c.id === 'receipt' || c.state === 'stopped') continue;
    if (c.id === 'correction_notice' && (c.state === 'overdue' || state !== 'registered')) continue;
    const bucket = bucketOf(c.state);
    if (
      best === null ||
      RANK[bucket] < RANK[bestBucket] ||
      (RANK[bucket] === RANK[bestBucket] && (c.due ?? '9999-12-31') < (best.due ?? '9999-12-31'))
    ) {
      best = c;
      bestBucket = bucket;
    }
  }
  return {
    bucket: bestBucket,
    clock:
      best === null
        ? null
        : {
            id: best.id,
            title: best.title,
            basis: best.basis,
            due: best.due,
            workingDaysLeft: best.workingDaysLeft,
            state: best.state,
            ...(best.provisional ? { provisional: true, estimateDue: best.estimateDue ?? null } : {}),
          },
    reply: replyOf(clocks),
    error: null,
  };
}

function replyOf(clocks: readonly Clock[]): ClockSummary['reply'] {
  const r = clocks.find((c) => c.id === 'reply');
  if (r === undefined || r.due === null || r.state === 'stopped') return null;
  return { due: r.due, state: r.state, ...(r.provisional ? { provisional: true, estimateDue: r.estimateDue ?? null } : {}) };
}

function bucketOf(state: ClockState): ClockBucket {
  return state === 'overdue' || state === 'due_soon' || state === 'paused' ? state : 'running';
}

type OpenRow = Pick<Application, 'id' | 'number' | 'applicantName' | 'applicantType' | 'state' | 'channel' | 'submittedOn' | 'receivedOn' | 'handler'>;
type EventRow = Pick<ApplicationEventRow, 'applicationId' | 'type' | 'occurredOn' | 'data'>;

/**
 * The clock summary of each of the given applications of the agency (or of all its open ones when `ids`
 * is omitted): two queries, whatever their number.
 */
export async function clockSummaries(
  db: Kysely<DB>,
  agencyId: number,
  options: { calendar: WorkingCalendar; today: string; ids?: readonly number[] },
): Promise<Map<number, { row: OpenRow; summary: ClockSummary }>> {
  const out = new Map<number, { row: OpenRow; summary: ClockSummary }>();
  if (options.ids !== undefined && options.ids.length === 0) return out;
  const apps = await db
    .selectFrom('applications')
    .select(['id', 'number', 'applicantName', 'applicantType', 'state', 'channel', 'submittedOn', 'receivedOn', 'handler'])
    .where('agencyId', '=', agencyId)
    .where('state', 'in', OPEN_STATES as HandlingState[])
    .$if(options.ids !== undefined, (q) => q.where('id', 'in', options.ids as number[]))
    .execute();
  if (apps.length === 0) return out;
  // the events of exactly those applications, by the same predicate (no id list of unbounded length)
  const events = await db
    .selectFrom('applicationEvents as e')
    .innerJoin('applications as a', 'a.id', 'e.applicationId')
    .select(['e.applicationId', 'e.type', 'e.occurredOn', 'e.data'])
    .where('a.agencyId', '=', agencyId)
    .where('a.state', 'in', OPEN_STATES as HandlingState[])
    .$if(options.ids !== undefined, (q) => q.where('a.id', 'in', options.ids as number[]))
    .orderBy('e.applicationId')
    .orderBy('e.seq')
    .execute();
  // the agency's settings of the DERIVED readings, as on the application page
  const agency = await db.selectFrom('agencies').select(['feeWindowFromReceipt']).where('id', '=', agencyId).executeTakeFirst();
  const settings = agency ? clockSettingsOf(agency) : {};
  const byApp = new Map<number, EventRow[]>();
  for (const e of events) {
    let list = byApp.get(e.applicationId);
    if (!list) byApp.set(e.applicationId, (list = []));
    list.push(e);
  }
  for (const app of apps) {
    const clocks = applicationClocksWithEstimates(clockEvents(app, byApp.get(app.id) ?? []), { calendar: options.calendar, today: options.today, settings, prefer: 'earliest' });
    const state = app.state as HandlingState;
    out.set(app.id, { row: app, summary: clocks.ok ? summarise(clocks.value, state) : summarise(null, state, clocks.error.message) });
  }
  return out;
}

/** The dashboard of an agency on `today`. */
export async function agencyDashboard(db: Kysely<DB>, agencyId: number, options: { calendar: WorkingCalendar; today: string }): Promise<Dashboard> {
  const summaries = await clockSummaries(db, agencyId, options);
  const lists: Record<ClockBucket, DashboardItem[]> = { overdue: [], due_soon: [], paused: [], running: [] };
  let errors = 0;
  let firstError: string | null = null;
  for (const [id, { row, summary }] of summaries) {
    if (summary.error !== null) {
      errors += 1;
      firstError ??= summary.error;
    }
    lists[summary.bucket].push({
      id,
      number: row.number,
      applicantName: row.applicantName,
      applicantType: row.applicantType as ApplicantType,
      state: row.state as HandlingState,
      receivedOn: row.receivedOn,
      handler: row.handler,
      summary,
    });
  }
  const due = (i: DashboardItem) => i.summary.clock?.due ?? '9999-12-31';
  for (const b of CLOCK_BUCKETS) lists[b].sort((x, y) => (due(x) < due(y) ? -1 : due(x) > due(y) ? 1 : x.number < y.number ? -1 : x.number > y.number ? 1 : 0));
  return {
    today: options.today,
    open: summaries.size,
    counts: { overdue: lists.overdue.length, due_soon: lists.due_soon.length, paused: lists.paused.length, running: lists.running.length },
    lists,
    clockErrors: { count: errors, message: firstError },
  };
}
