// The due dates stored with each application (services/due-dates.ts, migration 0025) answer what the
// clocks computed from the events answer: on a varied set of applications (corrections, consultations
// with and without their letter's receipt, fee notices received or not, extensions, replies,
// withdrawals, due dates in a 暂定 year, a calendar that cannot reach a year), day after day and back,
// the dashboard's counts and lists (agency-dashboard.ts) and the list's bucket filters and 到期日 order
// (application-list.ts) equal the old computation — every open application's clocks summarised in JS
// (dashboard.ts clockSummaries). The stored facts change with each event, with a calendar change
// (recomputeDueDates), and are filled in batches for rows that have none (a migration's) — on each engine.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { parseIsoDate, toIsoDate } from '../../src/domain/calendar/dates.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import type { WorkingCalendar } from '../../src/domain/calendar/index.ts';
import type { EventInput } from '../../src/domain/applications/transitions.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { agencyDashboard } from '../../src/services/agency-dashboard.ts';
import { listApplications } from '../../src/services/application-list.ts';
import type { ApplicationFilters } from '../../src/services/application-list.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { CLOCK_BUCKETS, clockSummaries, dueOf } from '../../src/services/dashboard.ts';
import type { ClockBucket } from '../../src/services/dashboard.ts';
import { recomputeDueDates } from '../../src/services/due-date-changes.ts';
import { calendarVersion, dueDateRefresher, refreshDueDates } from '../../src/services/due-dates.ts';
import { migrateDatabase } from '../../src/services/archive.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import { engines, useDatabase } from '../support/db.ts';

const unwrap = (r: { ok: true; value: WorkingCalendar } | { ok: false; error: { message: string } }): WorkingCalendar => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
/** 2027 estimated (暂定): the platform's calendar late in 2026 */
const estimated = unwrap(buildCalendar([], [], { provisionalYears: 1 }));
/** no 2027 at all: clocks reaching it cannot be computed */
const unreachable = unwrap(buildCalendar());
const WRITTEN = '2026-12-18';
const who = (today: string, calendar: WorkingCalendar = estimated) => ({ actor: 'tester', now: `${today}T09:00:00.000Z`, today, calendar });

const addDays = (date: string, n: number) => toIsoDate((parseIsoDate(date) as number) + n);

/** xorshift32: the set is the same on every run */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

async function agency(db: Kysely<DB>, code: string, feeWindowFromReceipt = true): Promise<number> {
  const a = await createAgency(db, { code, name: `${code}局`, level: 'department' }, `${WRITTEN}T09:00:00.000Z`);
  if (!a.ok) throw new Error(a.error.message);
  if (!feeWindowFromReceipt) await db.updateTable('agencies').set({ feeWindowFromReceipt: false }).where('id', '=', a.value.id).execute();
  return a.value.id;
}

/** About `n` applications received over two months before `today`, each taken a few steps in one of many ways (a refused step is skipped). */
async function variedSet(db: Kysely<DB>, agencyId: number, n: number, seed: number, today: string): Promise<void> {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const channels = ['in_person', 'post_signed', 'post_ordinary', 'online', 'fax', 'other'] as const;
  for (let i = 0; i < n; i++) {
    const receivedOn = addDays(today, -Math.floor(next() * 60));
    const channel = pick(channels);
    const r = await registerApplication(
      db,
      agencyId,
      { applicantType: 'natural_person', applicantName: `申请人${i}`, channel, submittedOn: addDays(receivedOn, -Math.floor(next() * 3)), receivedOn, request: '某文件' },
      who(today),
    );
    if (!r.ok) throw new Error(r.error.message);
    let on = receivedOn;
    const later = () => {
      const d = addDays(on, 1 + Math.floor(next() * 8));
      on = d > today ? today : d;
      return on;
    };
    const steps: EventInput[][] = [
      [],
      [{ type: 'request_correction', occurredOn: later(), workingDays: 5 + Math.floor(next() * 10) }],
      [
        { type: 'request_correction', occurredOn: later() },
        { type: 'receive_correction', occurredOn: later() },
      ],
      [{ type: 'start_consultation', occurredOn: later(), party: pick(['third_party', 'other_agency'] as const) }],
      [{ type: 'start_consultation', occurredOn: later(), party: 'third_party', letterReceivedOn: later() }],
      [
        { type: 'start_consultation', occurredOn: later(), party: 'other_agency' },
        { type: 'end_consultation', occurredOn: later() },
      ],
      [
        { type: 'start_consultation', occurredOn: later(), party: 'third_party' },
        { type: 'end_consultation', occurredOn: later() },
        { type: 'start_consultation', occurredOn: later(), party: 'other_agency' },
      ],
      [{ type: 'send_fee_notice', occurredOn: later(), delivery: 'in_person' }],
      [{ type: 'send_fee_notice', occurredOn: later(), delivery: 'post' }],
      [
        { type: 'send_fee_notice', occurredOn: later(), delivery: 'post' },
        { type: 'receive_fee_notice', occurredOn: later() },
      ],
      [
        { type: 'send_fee_notice', occurredOn: later(), delivery: 'in_person' },
        { type: 'record_payment', occurredOn: later() },
      ],
      [{ type: 'approve_extension', occurredOn: later(), workingDays: 5 + Math.floor(next() * 16) }],
      [{ type: 'reply', occurredOn: later(), outcome: 'OPEN_PROVIDE' }],
      [{ type: 'withdraw', occurredOn: later() }],
    ];
    for (const step of pick(steps)) {
      const recorded = await recordEvent(db, agencyId, r.value.id, step, who(today));
      if (!recorded.ok) break;
    }
  }
}

/** What the dashboard showed before: every open application's clocks computed in JS, summarised, by bucket. */
async function oldDashboard(db: Kysely<DB>, agencyId: number, calendar: WorkingCalendar, today: string) {
  const summaries = await clockSummaries(db, agencyId, { calendar, today });
  const lists: Record<ClockBucket, { id: number; number: string; due: string }[]> = { overdue: [], due_soon: [], paused: [], running: [] };
  const errors = new Set<string>();
  let errorCount = 0;
  for (const [id, { row, summary }] of summaries) {
    lists[summary.bucket].push({ id, number: row.number, due: summary.clock?.due ?? '9999-12-31' });
    if (summary.error !== null) {
      errorCount += 1;
      errors.add(summary.error);
    }
  }
  for (const b of CLOCK_BUCKETS) lists[b].sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.number < y.number ? -1 : x.number > y.number ? 1 : 0));
  const due = new Map([...summaries].map(([id, s]) => [id, dueOf(s.summary) ?? '9999-12-31']));
  return { open: summaries.size, lists, errorCount, errors, due };
}

/** Every page of the list, following 下一页. */
async function allPages(db: Kysely<DB>, agencyId: number, filters: ApplicationFilters, calendar: WorkingCalendar, today: string): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await listApplications(db, agencyId, { ...filters, limit: 100, ...(after ? { after } : {}) }, { calendar, today });
    ids.push(...page.items.map((x) => x.id));
    if (page.next === null) return ids;
    after = page.next;
  }
  throw new Error('too many pages');
}

/** The stored answer of the dashboard and the list on `today` equals the old computation. */
async function expectAgreement(db: Kysely<DB>, agencyId: number, calendar: WorkingCalendar, today: string, options: { order?: boolean; buckets?: boolean } = {}): Promise<void> {
  const label = `${calendarVersion(calendar)} ${today}`;
  const dashboard = await agencyDashboard(db, agencyId, { calendar, today, rows: 100_000 });
  const old = await oldDashboard(db, agencyId, calendar, today);
  expect(dashboard.open, label).toBe(old.open);
  for (const b of CLOCK_BUCKETS) {
    expect(dashboard.counts[b], `${label} ${b}`).toBe(old.lists[b].length);
    expect(
      dashboard.lists[b].map((i) => i.id),
      `${label} ${b}`,
    ).toEqual(old.lists[b].map((i) => i.id));
    // the clocks shown are computed for the page: the same bucket
    for (const item of dashboard.lists[b]) expect(item.summary.bucket, `${label} ${item.number}`).toBe(b);
  }
  expect(dashboard.clockErrors.count, label).toBe(old.errorCount);
  if (old.errorCount > 0) expect(old.errors.has(dashboard.clockErrors.message ?? '')).toBe(true);
  // the rows are fresh now: nothing more to recompute
  expect(await refreshDueDates(db, calendar, today, { agencyId }), label).toBe(0);
  // the list's filters: each bucket (the overdue one by its old name too)
  expect(new Set(await allPages(db, agencyId, { overdueOnly: true }, calendar, today)), `${label} overdue`).toEqual(new Set(old.lists.overdue.map((i) => i.id)));
  if (options.buckets)
    for (const b of CLOCK_BUCKETS) expect(new Set(await allPages(db, agencyId, { clock: b }, calendar, today)), `${label} list ${b}`).toEqual(new Set(old.lists[b].map((i) => i.id)));
  if (options.order) {
    // 到期日 ascending: the open ones by their due date then id, then the closed ones, newest first
    const closed = (await db.selectFrom('applications').select('id').where('agencyId', '=', agencyId).execute()).map((r) => r.id).filter((id) => !old.due.has(id));
    const open = [...old.due].sort(([x, dx], [y, dy]) => (dx < dy ? -1 : dx > dy ? 1 : x - y)).map(([id]) => id);
    expect(await allPages(db, agencyId, { sort: 'due', direction: 'asc' }, calendar, today), `${label} 到期日`).toEqual([...open, ...closed.sort((x, y) => y - x)]);
  }
}

describe.each(engines())('stored due dates on %s', (engine) => {
  const t = useDatabase(engine);

  it('are recomputed on every event, and cleared once the application is closed', async () => {
    const a = await agency(t.db, 'due-events');
    const stored = async (id: number) =>
      t.db.selectFrom('applications').select(['dueOn', 'dueClock', 'duePaused', 'pausedDueOn', 'replyDueOn', 'dueListOn', 'dueComputedOn', 'dueRecheckOn', 'dueCalendarVersion']).where('id', '=', id).executeTakeFirstOrThrow();
    // received Monday 2026-06-01 (端午: 06-19 a rest day)
    const r = await registerApplication(t.db, a, { applicantType: 'natural_person', applicantName: '甲', channel: 'in_person', submittedOn: '2026-06-01', request: '某文件' }, who('2026-06-03'));
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.id;
    // registered: the 补正告知 window (7 working days) is the most urgent; the reply runs (20); looked at again the day after the window
    expect(await stored(id)).toEqual({
      dueOn: '2026-06-10',
      dueClock: 'correction_notice',
      duePaused: false,
      pausedDueOn: null,
      replyDueOn: '2026-06-30',
      dueListOn: '2026-06-10',
      dueComputedOn: '2026-06-03',
      dueRecheckOn: '2026-06-11',
      dueCalendarVersion: calendarVersion(estimated),
    });
    const step = async (event: EventInput, today: string) => {
      const done = await recordEvent(t.db, a, id, event, who(today));
      if (!done.ok) throw new Error(done.error.message);
      return stored(id);
    };
    // consulting: the reply paused (期限中止: one working day so far), looked at again tomorrow; the consultation's 15 working days run
    expect(await step({ type: 'start_consultation', occurredOn: '2026-06-05', party: 'third_party' }, '2026-06-08')).toEqual({
      dueOn: '2026-06-29',
      dueClock: 'consultation',
      duePaused: true,
      pausedDueOn: '2026-07-01',
      replyDueOn: '2026-07-01',
      dueListOn: '2026-07-01',
      dueComputedOn: '2026-06-08',
      dueRecheckOn: '2026-06-09',
      dueCalendarVersion: calendarVersion(estimated),
    });
    // the answer: running again, the reply later by the 5 working days it stood still
    expect(await step({ type: 'end_consultation', occurredOn: '2026-06-12' }, '2026-06-12')).toMatchObject({
      dueClock: 'reply',
      dueOn: '2026-07-07',
      duePaused: false,
      pausedDueOn: null,
      replyDueOn: '2026-07-07',
      dueRecheckOn: '2026-07-08',
    });
    // replied: nothing stored
    expect(await step({ type: 'reply', occurredOn: '2026-06-15', outcome: 'OPEN_PROVIDE' }, '2026-06-15')).toMatchObject({ dueOn: null, dueClock: null, replyDueOn: null, dueListOn: null, dueCalendarVersion: null });
    // without a calendar at hand, a write marks the row stale; the next read recomputes it
    const today = '2026-06-15';
    const other = await registerApplication(t.db, a, { applicantType: 'other', applicantName: '乙', channel: 'in_person', submittedOn: today, request: '某文件' }, { actor: 'tester', now: `${today}T09:00:00.000Z`, today });
    if (!other.ok) throw new Error(other.error.message);
    expect(await stored(other.value.id)).toMatchObject({ dueCalendarVersion: null, dueListOn: '9999-12-31' });
    expect((await agencyDashboard(t.db, a, { calendar: estimated, today })).counts.running).toBe(1);
    expect(await stored(other.value.id)).toMatchObject({ dueCalendarVersion: calendarVersion(estimated), dueClock: 'correction_notice', replyDueOn: '2026-07-14' });
  });

  it('agree with the clocks computed from the events, day after day, on a varied set', { timeout: 600_000 }, async () => {
    const a = await agency(t.db, 'due-varied');
    const b = await agency(t.db, 'due-varied-b', false);
    await variedSet(t.db, a, 110, 20261218, WRITTEN);
    await variedSet(t.db, b, 40, 7, WRITTEN);
    // the days: before the writes (the clock set back), through 暂定 2027, and back again
    const days = ['2026-12-01', WRITTEN];
    for (let d = addDays(WRITTEN, 1); d <= '2027-02-26'; d = addDays(d, 4)) days.push(d);
    days.push('2026-12-10');
    for (const [i, day] of days.entries()) {
      await expectAgreement(t.db, a, estimated, day, { order: i % 5 === 0, buckets: i % 3 === 0 });
      if (i % 5 === 0) await expectAgreement(t.db, b, estimated, day);
    }
    // more steps on a later day (answers, payments, replies), then the days after
    const later = '2027-01-12';
    const open = await t.db.selectFrom('applications').select(['id', 'state']).where('agencyId', '=', a).where('state', 'in', ['consulting', 'awaiting_payment', 'awaiting_correction', 'in_progress']).orderBy('id').execute();
    for (const [i, o] of open.entries()) {
      const event: EventInput =
        o.state === 'consulting'
          ? { type: 'end_consultation', occurredOn: later }
          : o.state === 'awaiting_payment'
            ? { type: 'record_payment', occurredOn: later }
            : o.state === 'awaiting_correction'
              ? { type: 'receive_correction', occurredOn: later }
              : { type: 'reply', occurredOn: later, outcome: 'OPEN_PROVIDE' };
      if (i % 2 === 0) await recordEvent(t.db, a, o.id, event, who(later));
    }
    for (const day of [later, '2027-01-20', '2027-02-05', '2027-03-01']) await expectAgreement(t.db, a, estimated, day, { order: day === later, buckets: true });
    // a calendar without 2027: the clocks that reach it cannot be computed (counted in running, with the reason)
    for (const day of ['2026-12-18', '2026-12-28']) {
      await expectAgreement(t.db, a, unreachable, day, { order: true, buckets: true });
      expect((await agencyDashboard(t.db, a, { calendar: unreachable, today: day })).clockErrors.message).toContain('2027年的节假日安排尚未公布或尚未录入');
    }
  });

  it('are recomputed for every open application when the calendar changes, the ones moved earlier listed', async () => {
    const a = await agency(t.db, 'due-calendar');
    const today = '2026-06-15';
    const ids: number[] = [];
    for (const on of ['2026-06-01', '2026-06-08', '2026-06-15']) {
      const r = await registerApplication(t.db, a, { applicantType: 'natural_person', applicantName: '丙', channel: 'in_person', submittedOn: on, request: '某文件' }, who(today));
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
    }
    const replyDue = async () => (await t.db.selectFrom('applications').select(['id', 'replyDueOn']).where('agencyId', '=', a).orderBy('id').execute()).map((r) => r.replyDueOn);
    expect(await replyDue()).toEqual(['2026-06-30', '2026-07-07', '2026-07-14']);
    // a local rest day on 2026-07-01: every reply due after it moves a working day later
    const rested = unwrap(buildCalendar([], [{ date: '2026-07-01', name: '本地休息日' }], { provisionalYears: 1 }));
    const changes = await recomputeDueDates(t.db, rested, { today, before: estimated, batch: 2 });
    expect(changes).toMatchObject({ earlier: [], earlierCount: 0 });
    expect(changes.open).toBeGreaterThanOrEqual(3);
    expect(changes.later).toBeGreaterThanOrEqual(2);
    expect(await replyDue()).toEqual(['2026-06-30', '2026-07-08', '2026-07-15']);
    // and back: those two moved earlier, listed earliest first
    const back = await recomputeDueDates(t.db, estimated, { today, before: rested, batch: 2 });
    expect(back.earlier.filter((x) => ids.includes(x.applicationId)).map((x) => [x.title, x.before, x.after])).toEqual([
      ['答复期限', '2026-07-08', '2026-07-07'],
      ['答复期限', '2026-07-15', '2026-07-14'],
    ]);
    expect(await replyDue()).toEqual(['2026-06-30', '2026-07-07', '2026-07-14']);
    await expectAgreement(t.db, a, estimated, today, { order: true, buckets: true });
  });

  it('are filled in batches for rows that have none (what migration 0025 leaves)', async () => {
    const a = await agency(t.db, 'due-fill');
    await variedSet(t.db, a, 30, 99, WRITTEN);
    // rows inserted by hand, as before 0025: no stored due dates
    await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at)
      select ${a}, 'M-' || g, 'natural_person', '迁移前' || g, 'in_person', date '2026-11-02' + (g % 40), date '2026-11-02' + (g % 40), '某文件', 'in_progress', now(), now()
      from generate_series(1, 1200) g`.execute(t.db);
    await t.db.updateTable('applications').set({ dueCalendarVersion: null }).where('agencyId', '=', a).execute();
    const filled = await refreshDueDates(t.db, estimated, WRITTEN, { batch: 500 });
    expect(filled).toBeGreaterThanOrEqual(1200);
    const pending = await t.db.selectFrom('applications').select(sql<number>`count(*)::int`.as('n')).where('agencyId', '=', a).where('state', 'in', ['registered', 'in_progress', 'consulting', 'awaiting_correction', 'awaiting_payment']).where('dueCalendarVersion', 'is', null).executeTakeFirstOrThrow();
    expect(pending.n).toBe(0);
    await expectAgreement(t.db, a, estimated, WRITTEN);
    await expectAgreement(t.db, a, estimated, '2027-01-05');
  });

  it('are filled by `gongkai db migrate`, and by the server in the background at start and when the calendar changes', async () => {
    const a = await agency(t.db, 'due-start');
    await variedSet(t.db, a, 20, 5, WRITTEN);
    const open = () =>
      t.db
        .selectFrom('applications')
        .select(['dueCalendarVersion'])
        .where('agencyId', '=', a)
        .where('state', 'in', ['registered', 'in_progress', 'consulting', 'awaiting_correction', 'awaiting_payment'])
        .execute();
    const versions = async () => new Set((await open()).map((r) => r.dueCalendarVersion));
    const forget = () => t.db.updateTable('applications').set({ dueCalendarVersion: null }).where('agencyId', '=', a).execute();
    // db migrate: the migrations (none pending), then the rows without due dates, on the installation's calendar
    await forget();
    const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-due-'));
    try {
      const config = lendDatabase({ dataDir, databaseUrl: undefined, port: 3000, secureCookies: false }, t.database);
      const migrated = await migrateDatabase(config, { today: WRITTEN });
      expect(migrated.ok && migrated.value.dueDates).toBeGreaterThanOrEqual((await open()).length);
      expect(await versions()).toEqual(new Set([calendarVersion(estimated)]));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    // the server's refresher: a run per new calendar version, one at a time (the other tests' rows fresh first)
    await refreshDueDates(t.db, estimated, WRITTEN);
    await forget();
    const done: number[] = [];
    const errors: unknown[] = [];
    const refresher = dueDateRefresher(t.db, { today: () => WRITTEN, onError: (e) => errors.push(e), onDone: (n) => done.push(n) });
    refresher.kick(estimated);
    refresher.kick(estimated); // the same version: nothing more
    await refresher.settled();
    expect(done).toEqual([(await open()).length]);
    expect(await versions()).toEqual(new Set([calendarVersion(estimated)]));
    refresher.kick(estimated);
    await refresher.settled();
    expect(done).toHaveLength(1);
    // another calendar (saved by another process): its run recomputes every open application
    refresher.kick(unreachable);
    await refresher.settled();
    const everyOpen = await t.db.selectFrom('applications').select(sql<number>`count(*)::int`.as('n')).where('state', 'in', ['registered', 'in_progress', 'consulting', 'awaiting_correction', 'awaiting_payment']).executeTakeFirstOrThrow();
    expect(done).toEqual([(await open()).length, everyOpen.n]);
    expect(await versions()).toEqual(new Set([calendarVersion(unreachable)]));
    await refresher.stop();
    refresher.kick(estimated); // stopped: nothing runs
    await refresher.settled();
    expect(done).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
