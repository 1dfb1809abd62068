// Where an open application's statutory clocks stand on `today` — overdue, due within 3 working days,
// paused (consultation, unpaid fee), running: the clocks computed from its events (application-view.ts
// clockEvents) and summarised into the bucket the staff dashboard sorts it in. A due date in a year whose
// holiday notice is not yet published is 暂定, and the dashboard works to the earliest it may turn out to
// be. The same code computes the due dates stored with each application (due-dates.ts), from which the
// dashboard (agency-dashboard.ts) and the list (application-list.ts) are read in SQL; here, the clocks of
// the few applications a page shows.

import type { UndeliveredReplies } from './undelivered-replies.ts';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Application, ApplicationEventRow, DB } from '../db/schema.ts';
import type { Clock, ClockState } from '../domain/calendar/clocks.ts';
import { applicationClocksWithEstimates } from '../domain/calendar/estimates.ts';
import type { Result } from '../domain/calendar/calendar.ts';
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
  /** per bucket, the most urgent first (earliest due date), at most agency-dashboard.ts DASHBOARD_ROWS: `counts` has them all */
  lists: Record<ClockBucket, DashboardItem[]>;
  /** applications whose clocks the calendar cannot compute (counted in `running`), with the first reason */
  clockErrors: { count: number; message: string | null };
  /** 已答复未登记送达: replies whose delivery is not recorded (undelivered-replies.ts) */
  undelivered?: UndeliveredReplies;
  /** 不予公开信息到期待审查 (条例第十八条): entries of the register whose review is due (withheld/register.ts) */
  withheldDue?: number;
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

/** The most urgent due date of an open application (the list's 到期日): the clock shown, else the reply's; or null. */
export function dueOf(summary: ClockSummary | null | undefined): string | null {
  return summary?.clock?.due ?? summary?.reply?.due ?? null;
}

/** The clocks as the dashboard computes them: on the earliest of a 暂定 date (plan-notes "#9 暂定 dates"). */
export function dashboardClocks(
  app: Pick<Application, 'channel' | 'submittedOn' | 'receivedOn'>,
  events: readonly Pick<ApplicationEventRow, 'type' | 'occurredOn' | 'data'>[],
  settings: { feeWindowFromReceipt: boolean } | null,
  options: { calendar: WorkingCalendar; today: string },
): Result<Clock[]> {
  return applicationClocksWithEstimates(clockEvents(app, events), { calendar: options.calendar, today: options.today, settings: settings ? clockSettingsOf(settings) : {}, prefer: 'earliest' });
}

/**
 * The clock summary of each of the given applications of the agency that are open (a page's: read by an
 * array parameter, never a list of parameters), or of all its open ones when `ids` is omitted (what the
 * stored due dates replace; the tests compare the two): two queries, whatever their number.
 */
export async function clockSummaries(
  db: Kysely<DB>,
  agencyId: number,
  options: { calendar: WorkingCalendar; today: string; ids?: readonly number[] },
): Promise<Map<number, { row: OpenRow; summary: ClockSummary }>> {
  const out = new Map<number, { row: OpenRow; summary: ClockSummary }>();
  if (options.ids !== undefined && options.ids.length === 0) return out;
  const ids = options.ids === undefined ? null : [...options.ids];
  const apps = await db
    .selectFrom('applications')
    .select(['id', 'number', 'applicantName', 'applicantType', 'state', 'channel', 'submittedOn', 'receivedOn', 'handler'])
    .where('agencyId', '=', agencyId)
    .where('state', 'in', OPEN_STATES as HandlingState[])
    .$if(ids !== null, (q) => q.where(sql<boolean>`id = any(${ids}::bigint[])`))
    .execute();
  if (apps.length === 0) return out;
  // the events of exactly those applications, by the same predicate
  const events = await db
    .selectFrom('applicationEvents as e')
    .innerJoin('applications as a', 'a.id', 'e.applicationId')
    .select(['e.applicationId', 'e.type', 'e.occurredOn', 'e.data'])
    .where('a.agencyId', '=', agencyId)
    .where('a.state', 'in', OPEN_STATES as HandlingState[])
    .$if(ids !== null, (q) => q.where(sql<boolean>`a.id = any(${ids}::bigint[])`))
    .orderBy('e.applicationId')
    .orderBy('e.seq')
    .execute();
  // the agency's settings of the DERIVED readings, as on the application page
  const agency = await db.selectFrom('agencies').select(['feeWindowFromReceipt']).where('id', '=', agencyId).executeTakeFirst();
  const byApp = new Map<number, EventRow[]>();
  for (const e of events) {
    let list = byApp.get(e.applicationId);
    if (!list) byApp.set(e.applicationId, (list = []));
    list.push(e);
  }
  for (const app of apps) {
    const clocks = dashboardClocks(app, byApp.get(app.id) ?? [], agency ?? null, options);
    const state = app.state as HandlingState;
    out.set(app.id, { row: app, summary: clocks.ok ? summarise(clocks.value, state) : summarise(null, state, clocks.error.message) });
  }
  return out;
}
