// `npm run bench -- province [--agencies N] [--applications N] [--keep | --schema S]`: the staff queries
// of issue #16 on a generated province (bench/province-data.ts: 500 agencies, 1,000,000 applications
// and their events) on PostgreSQL (DATABASE_URL; a schema of its own, dropped afterwards unless --keep).
// Each query is timed ROUNDS times in the largest agency (the worst case) and in a small one; p50 and
// p95 are printed next to a bare indexed lookup (an application by its id) and a `count(*)` of the
// table, both measured in the same run. Goals on PostgreSQL: dashboard and list p95 < 100 ms, 编号
// lookup < 5 ms, search p95 < 50 ms.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { connectPostgres } from '../src/db/connect.ts';
import type { DB } from '../src/db/schema.ts';
import { buildCalendar } from '../src/domain/calendar/index.ts';
import type { WorkingCalendar } from '../src/domain/calendar/index.ts';
import { listApplications } from '../src/services/application-list.ts';
import { agencyDashboard } from '../src/services/agency-dashboard.ts';
import { refreshDueDates } from '../src/services/due-dates.ts';
import { applicationMatch } from '../src/services/search/application-search.ts';
import { withDatabase } from '../test/support/db.ts';
import { generateProvince, PROVINCE } from './province-data.ts';
import { percentile, timed } from './timing.ts';

const ROUNDS = 20;

/** ms of `rounds` runs after one unmeasured warm-up run, ascending. */
async function warmTimed(rounds: number, run: (round: number) => Promise<unknown>): Promise<number[]> {
  await run(0); // warm
  return timed(rounds, run);
}

interface Goal {
  name: string;
  /** p95 goal in ms */
  p95: number;
}

export interface ProvinceBenchOptions {
  agencies?: number;
  applications?: number;
  keep?: boolean;
  schema?: string;
}

export async function benchProvince(options: ProvinceBenchOptions = {}): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    console.log('Province (issue #16): skipped — it runs on PostgreSQL only (set DATABASE_URL).');
    return;
  }
  if (options.schema !== undefined) {
    const database = await connectPostgres(url, { searchPath: options.schema, max: 4 });
    try {
      const built = buildCalendar();
      if (!built.ok) throw new Error(built.error.message);
      await measure(database.db, built.value, '2025-12-15', null);
    } finally {
      await database.close();
    }
    return;
  }
  const database = await withDatabase('postgres');
  try {
    const size = { ...PROVINCE, ...(options.agencies ? { agencies: options.agencies } : {}), ...(options.applications ? { applications: options.applications } : {}) };
    console.log(`Province on PostgreSQL: generating ${size.agencies} agencies, ${size.applications.toLocaleString('en')} applications`);
    const province = await generateProvince(database.db, size);
    if (options.keep && database.schema !== undefined) console.log(`  kept schema ${database.schema} (measure again: npm run bench -- province --schema ${database.schema})`);
    await measure(database.db, province.calendar, province.today, `${province.applications.toLocaleString('en')} applications, ${province.events.toLocaleString('en')} events, loaded in ${(province.seconds.template + province.seconds.copy + province.seconds.index).toFixed(0)} s`);
  } finally {
    if (!options.keep) await database.close();
  }
}

async function measure(db: Kysely<DB>, calendar: WorkingCalendar, planToday: string, loaded: string | null): Promise<void> {
  // measured a month after the plan's today: the template's open applications are then largely overdue
  const today = '2026-01-20';
  const sizes = await sql<{ id: string; n: string }>`select agency_id as id, count(*) as n from applications group by agency_id order by count(*) desc, agency_id`.execute(db);
  const largest = Number(sizes.rows[0]!.id);
  const small = Number(sizes.rows.at(-1)!.id);
  const numbers = (await sql<{ number: string }>`select number from applications where agency_id = ${largest} order by id desc limit 200`.execute(db)).rows.map((r) => r.number);
  const ids = (await sql<{ id: string }>`select id from applications order by id desc limit 200`.execute(db)).rows.map((r) => Number(r.id));
  const open = await sql<{ n: string }>`select count(*) as n from applications where agency_id = ${largest} and closed_on is null`.execute(db);

  // the due dates stored with each application brought up to date for that day, as the server's start-up step does (services/due-dates.ts)
  const started = performance.now();
  const filled = await refreshDueDates(db, calendar, today);
  const fill = (performance.now() - started) / 1000;
  if (filled > 0) await sql`vacuum analyze applications`.execute(db); // as autovacuum would after a bulk update
  const anchor = await warmTimed(ROUNDS * 5, (i) => sql`select * from applications where id = ${ids[i % ids.length]!}`.execute(db));
  const countAll = await warmTimed(3, () => sql`select count(*) from applications`.execute(db));
  const a95 = percentile(anchor, 0.95);
  console.log(`Province staff queries on PostgreSQL${loaded ? `: ${loaded}` : ''} (the plan's today ${planToday}, measured on ${today})`);
  console.log(`  largest agency: ${Number(sizes.rows[0]!.n).toLocaleString('en')} applications, ${Number(open.rows[0]!.n).toLocaleString('en')} open; smallest: ${Number(sizes.rows.at(-1)!.n).toLocaleString('en')}`);
  console.log(`  application by id (anchor)        p50 ${percentile(anchor, 0.5).toFixed(2).padStart(8)} ms   p95 ${a95.toFixed(2).padStart(8)} ms`);
  console.log(`  count(*) of the table (anchor)    p50 ${percentile(countAll, 0.5).toFixed(2).padStart(8)} ms`);
  console.log(`  due dates recomputed for ${today}: ${filled.toLocaleString('en')} open applications in ${fill.toFixed(1)} s (the server's start-up step)`);

  const options = { calendar, today };
  const cases: [Goal, (i: number) => Promise<unknown>][] = [
    [{ name: 'dashboard, largest agency', p95: 100 }, () => agencyDashboard(db, largest, options)],
    [{ name: 'dashboard, small agency', p95: 100 }, () => agencyDashboard(db, small, options)],
    [{ name: 'list, first page, largest', p95: 100 }, () => listApplications(db, largest, {}, options)],
    [{ name: 'list, overdue, largest', p95: 100 }, () => listApplications(db, largest, { overdueOnly: true }, options)],
    // the lookup itself (the search box's exact-编号 probe on the (agency_id, number) index), and the whole list page it leads to
    [{ name: '编号 lookup, largest', p95: 5 }, (i) => applicationMatch(db, largest, numbers[i % numbers.length]!)],
    [{ name: 'list page of a 编号, largest', p95: 100 }, (i) => listApplications(db, largest, { q: numbers[i % numbers.length]! }, options)],
    [{ name: 'search a word, largest', p95: 50 }, () => listApplications(db, largest, { q: '征收' }, options)],
    [{ name: 'search a name, largest', p95: 50 }, () => listApplications(db, largest, { q: '王' }, options)],
  ];
  for (const [goal, run] of cases) {
    let times: number[];
    try {
      times = await warmTimed(goal.p95 <= 5 ? ROUNDS * 5 : ROUNDS, run);
    } catch (e) {
      console.log(`  ${goal.name.padEnd(32)} FAILED: ${e instanceof Error ? e.message.slice(0, 160) : String(e)}`);
      continue;
    }
    const p95 = percentile(times, 0.95);
    console.log(
      `  ${goal.name.padEnd(32)}  p50 ${percentile(times, 0.5).toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms   ratio p95 ${(p95 / a95).toFixed(p95 / a95 < 10 ? 1 : 0).padStart(6)}   goal p95 < ${goal.p95} ms: ${p95 < goal.p95 ? 'met' : 'NOT met'}`,
    );
  }
}
