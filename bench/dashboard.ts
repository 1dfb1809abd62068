// `npm run bench -- dashboard [--size N]`: the staff dashboard and the overdue list over the due dates
// stored with each application (services/due-dates.ts, agency-dashboard.ts, application-list.ts), on
// PGlite and on PostgreSQL when DATABASE_URL is set. 100,000 applications by default over 20 agencies, one
// of them holding 40% (the worst case: a large office), a third of each open, received over the last
// three months (so every bucket has some), some consulting (paused) or waiting for a fee — made in SQL.
// Their due dates are filled by the start-up step (refreshDueDates, timed: the rate a migration's fill
// runs at). Each query is timed ROUNDS times, p50 and p95 printed next to an indexed lookup (an
// application by its 编号) measured in the same run, as a ratio; and the old dashboard — every open
// application's clocks computed from all its events in JS — for the large agency, once, for scale.
// Goal (issue #16, at 1,000,000 on PostgreSQL): dashboard and list p95 < 100 ms.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildCalendar } from '../src/domain/calendar/index.ts';
import { agencyDashboard } from '../src/services/agency-dashboard.ts';
import { listApplications } from '../src/services/application-list.ts';
import { clockSummaries } from '../src/services/dashboard.ts';
import { refreshDueDates } from '../src/services/due-dates.ts';
import { engines, withDatabase } from '../test/support/db.ts';
import { percentile, timed } from './timing.ts';

const ROUNDS = 30;
const AGENCIES = 20;
const TODAY = '2026-06-15';
const OPEN = "array['registered','in_progress','in_progress','consulting','awaiting_payment','in_progress']";

export async function benchSeed(db: Kysely<DB>, size: number): Promise<void> {
  await sql`insert into agencies (code, name, level, created_at)
    select 'd' || g, '某机关' || g, 'department', '2024-01-01T00:00:00Z' from generate_series(1, ${AGENCIES}) g`.execute(db);
  // agency 1 holds 40%; a third open (received in the last 90 days), the rest closed over two years
  await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on,
      request, state, outcome, outcome_row, closed_on, created_at, updated_at)
    select
      case when g % 5 < 2 then 1 else 2 + g % ${AGENCIES - 1} end,
      'N' || lpad(g::text, 7, '0'), 'natural_person', '申请人' || g, 'in_person', d, d, '某项政府信息',
      case when open then (${sql.raw(OPEN)})[1 + abs(hashint4(g + 5)) % 6] else 'replied' end,
      case when open then null else 'OPEN_PROVIDE' end,
      case when open then null else 'granted' end,
      case when open then null else d + 15 end,
      '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
    from (
      select g, abs(hashint4(g + 2)) % 3 = 0 as open,
        case when abs(hashint4(g + 2)) % 3 = 0 then ${TODAY}::date - (abs(hashint4(g + 1)) % 90) else date '2024-06-01' + (abs(hashint4(g + 1)) % 700) end as d
      from generate_series(1, ${size}) g
    ) s`.execute(db);
  // the consulting ones sent a letter, the ones awaiting payment a fee notice (handed over), a few days after receipt
  await sql`insert into application_events (application_id, seq, type, occurred_on, recorded_at, actor, state_before, state_after, data)
    select id, 2, case when state = 'consulting' then 'start_consultation' else 'send_fee_notice' end, least(received_on + 3, ${TODAY}::date), now(), 'bench', 'in_progress', state,
      case when state = 'consulting' then '{"party":"third_party"}'::jsonb else ('{"noticeReceivedOn":"' || least(received_on + 3, ${TODAY}::date) || '"}')::jsonb end
    from applications where state in ('consulting', 'awaiting_payment')`.execute(db);
  await sql`analyze`.execute(db);
}

export async function benchDashboard(size = 100_000): Promise<void> {
  const built = buildCalendar([], [], { provisionalYears: 1 });
  if (!built.ok) throw new Error(built.error.message);
  const calendar = built.value;
  const options = { calendar, today: TODAY };
  for (const engine of engines()) {
    const database = await withDatabase(engine);
    const db = database.db;
    try {
      let t = performance.now();
      await benchSeed(db, size);
      const seeded = (performance.now() - t) / 1000;
      const open = Number((await sql<{ n: number }>`select count(*)::int as n from applications where state <> 'replied'`.execute(db)).rows[0]?.n);
      t = performance.now();
      const filled = await refreshDueDates(db, calendar, TODAY);
      const fill = (performance.now() - t) / 1000;
      // as autovacuum leaves a table some time after a bulk update: dead index entries gone, visibility map set
      await sql`vacuum analyze applications`.execute(db);
      const big = Number((await sql<{ n: number }>`select count(*)::int as n from applications where agency_id = 1 and state <> 'replied'`.execute(db)).rows[0]?.n);
      console.log(`Dashboard and overdue list on ${engine}: ${size.toLocaleString('en')} applications, ${AGENCIES} agencies (seeded in ${seeded.toFixed(1)} s)`);
      console.log(`  due dates filled at start: ${filled.toLocaleString('en')} of ${open.toLocaleString('en')} open in ${fill.toFixed(1)} s (${Math.round(filled / fill).toLocaleString('en')}/s)`);
      const anchor = await timed(ROUNDS * 3, (i) => db.selectFrom('applications').selectAll().where('agencyId', '=', 1 + (i % AGENCIES)).where('number', '=', `N${String(1 + ((i * 7919) % size)).padStart(7, '0')}`).execute());
      const a50 = percentile(anchor, 0.5);
      const line = (label: string, times: number[]) => {
        const p50 = percentile(times, 0.5);
        const p95 = percentile(times, 0.95);
        console.log(`  ${label.padEnd(44)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms   ratio ${(p50 / a50).toFixed(1)}`);
      };
      line('indexed lookup by 编号 (anchor)', anchor);
      const cases: [string, number][] = [
        [`large agency (${big.toLocaleString('en')} open)`, 1],
        ['typical agency', 2],
      ];
      for (const [label, agencyId] of cases) {
        line(`dashboard, ${label}`, await timed(ROUNDS, () => agencyDashboard(db, agencyId, options)));
        line(`overdue list, page 1, ${label}`, await timed(ROUNDS, () => listApplications(db, agencyId, { overdueOnly: true }, options)));
        line(`list by 到期日, page 1, ${label}`, await timed(ROUNDS, () => listApplications(db, agencyId, { sort: 'due', direction: 'asc' }, options)));
      }
      const old = await timed(1, () => clockSummaries(db, 1, options));
      line('before: all clocks from the events, large', old);
    } finally {
      await database.close();
    }
  }
}
