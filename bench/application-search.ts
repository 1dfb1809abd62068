// `npm run bench -- application-search [--size N] [--engine pglite|postgres] [--keep | --schema S]`: the staff
// list's search (services/search/application-search.ts through services/application-list.ts: the match, the
// count or its estimate, the first page of 50 newest first, and its rows with their clocks — what the page
// costs) over generated applications (test/support/application-corpus.ts), all in one agency (the worst
// case: nothing narrows a common word's matches): 100,000 on PGlite, 100,000 and 1,000,000 on PostgreSQL
// (when DATABASE_URL is set; a fresh schema each, dropped afterwards). The rows are inserted without search
// documents and indexed as rows from before migration 0026 are (the rate is printed). A mix of queries — an
// exact 编号 (as typed and in full width), a partial 编号, two characters, a name, a surname, words of the
// request, a mix, a rare and a common word, no match — each timed ROUNDS times; p50 and p95 printed next to
// a bare indexed lookup (an application by agency and 编号) measured in the same run, as a ratio; and what the
// list did before migration 0026 (ILIKE and a full count) for four of the queries. Target on PostgreSQL at
// 1,000,000: p95 < 50 ms.

import { sql, type Kysely } from 'kysely';
import { connectPostgres } from '../src/db/connect.ts';
import type { DB } from '../src/db/schema.ts';
import { buildCalendar } from '../src/domain/calendar/index.ts';
import { createAgency } from '../src/services/agencies.ts';
import { listApplications } from '../src/services/application-list.ts';
import { indexPendingApplications } from '../src/services/search/application-index.ts';
import { insertApplications } from '../test/support/application-corpus.ts';
import { engines, withDatabase, type Engine } from '../test/support/db.ts';
import { percentile } from './timing.ts';

const ROUNDS = 20;
const TODAY = '2026-06-15';
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const QUERIES = ['S-54321', fullWidth('S-54321'), '危房', '补助资金 分配', '王伟', '王', '王 危房', '5G基站', '桥梁维修', '律师事务所 报告', '报告', 'S-5432', '没有这个词'];

async function seed(db: Kysely<DB>, size: number): Promise<{ agencyId: number; insertS: number; indexS: number }> {
  const a = await createAgency(db, { code: 'sx', name: '示范县人民政府', level: 'government' }, `${TODAY}T02:00:00.000Z`);
  if (!a.ok) throw new Error(a.error.message);
  let t = performance.now();
  for (let from = 1; from <= size; from += 100_000) await insertApplications(db, a.value.id, from, Math.min(size, from + 99_999));
  const insertS = (performance.now() - t) / 1000;
  // a bulk load: the GIN index is built once at the end, as after a pg_restore
  await sql`drop index applications_search`.execute(db);
  t = performance.now();
  await indexPendingApplications(db, (n) => {
    if (n % 100_000 === 0) process.stdout.write(`  indexed ${n.toLocaleString('en')} applications in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  });
  await sql`create index applications_search on applications using gin (search_document)`.execute(db);
  const indexS = (performance.now() - t) / 1000;
  await sql`vacuum analyze applications`.execute(db);
  return { agencyId: a.value.id, insertS, indexS };
}

export interface ApplicationSearchBenchOptions {
  /** one size instead of the defaults */
  size?: number;
  engine?: string;
  /** PostgreSQL: keep the seeded schema (printed) instead of dropping it */
  keep?: boolean;
  /** PostgreSQL: measure on a schema kept by an earlier --keep run, without seeding */
  schema?: string;
}

export async function benchApplicationSearch(options: ApplicationSearchBenchOptions = {}): Promise<void> {
  if (options.schema !== undefined) {
    const url = process.env['DATABASE_URL'];
    if (!url) throw new Error('--schema needs DATABASE_URL');
    const database = await connectPostgres(url, { searchPath: options.schema, max: 2 });
    try {
      const size = (await sql<{ n: number }>`select count(*)::int as n from applications`.execute(database.db)).rows[0]?.n ?? 0;
      const agencyId = Number((await sql<{ id: number }>`select id from agencies where code = 'sx'`.execute(database.db)).rows[0]?.id);
      await measure(database.db, 'postgres', size, agencyId, null);
    } finally {
      await database.close();
    }
    return;
  }
  for (const engine of engines()) {
    if (options.engine !== undefined && options.engine !== engine) continue;
    const sizes = options.size !== undefined ? [options.size] : engine === 'postgres' ? [100_000, 1_000_000] : [100_000];
    for (const size of sizes) await benchOn(engine, size, options.keep === true);
  }
}

async function benchOn(engine: Engine, size: number, keep: boolean): Promise<void> {
  const database = await withDatabase(engine);
  try {
    const seeded = await seed(database.db, size);
    if (keep && database.schema !== undefined) console.log(`  kept schema ${database.schema} (measure again: --schema ${database.schema})`);
    await measure(database.db, engine, size, seeded.agencyId, seeded);
  } finally {
    if (!(keep && engine === 'postgres')) await database.close();
  }
}

async function measure(db: Kysely<DB>, engine: Engine, size: number, agencyId: number, seeded: { insertS: number; indexS: number } | null): Promise<void> {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  const opts = { calendar: c.value, today: TODAY };
  const numbers = Array.from({ length: 200 }, (_, i) => `S-${1 + ((i * 7919) % size)}`);
  const lookup = (round: number) => sql`select * from applications where agency_id = ${agencyId} and number = ${numbers[round % numbers.length]!}`.execute(db);
  for (let i = 0; i < 5; i++) await lookup(i);
  const base: number[] = [];
  for (let i = 0; i < ROUNDS * QUERIES.length; i++) {
    const s = performance.now();
    await lookup(i);
    base.push(performance.now() - s);
  }
  base.sort((a, b) => a - b);
  // warm each query once, then time them interleaved
  for (const q of QUERIES) await listApplications(db, agencyId, { q }, opts);
  const perQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
  const all: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const s = performance.now();
      await listApplications(db, agencyId, { q }, opts);
      const ms = performance.now() - s;
      perQuery.get(q)!.push(ms);
      all.push(ms);
    }
  }
  all.sort((a, b) => a - b);
  const p50 = percentile(all, 0.5);
  const p95 = percentile(all, 0.95);
  const b95 = percentile(base, 0.95);
  const target = engine === 'postgres' && size >= 1_000_000 ? `   target p95 < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'}` : '';
  const how = seeded === null ? 'seeded earlier' : `inserted in ${seeded.insertS.toFixed(0)} s, indexed in ${seeded.indexS.toFixed(0)} s: ${Math.round(size / seeded.indexS).toLocaleString('en')}/s`;
  console.log(`Application search on ${engine}: ${size.toLocaleString('en')} applications in one agency (${how}), ${QUERIES.length} queries × ${ROUNDS}, the list's first page`);
  console.log(`  application by 编号 (baseline)  p50 ${percentile(base, 0.5).toFixed(2).padStart(7)} ms   p95 ${b95.toFixed(2).padStart(7)} ms`);
  console.log(`  search, all queries            p50 ${p50.toFixed(2).padStart(7)} ms   p95 ${p95.toFixed(2).padStart(7)} ms   ratio p95 ${(p95 / b95).toFixed(1)}${target}`);
  // what the list did before migration 0026, for comparison: ILIKE over 编号, applicant and request, a full count(*), the first page
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ilike = (q: string) => sql`agency_id = ${agencyId} and ${sql.join(
    q.split(/\s+/).map((w) => sql`(number ilike ${like(w)} or applicant_name ilike ${like(w)} or request ilike ${like(w)})`),
    sql` and `,
  )}`;
  const before: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of ['危房', '王伟', '桥梁维修', 'S-54321']) {
      const s = performance.now();
      await sql`select count(*) from applications where ${ilike(q)}`.execute(db);
      await sql`select id from applications where ${ilike(q)} order by coalesce(received_on, date '0001-01-01') desc, id desc limit 51`.execute(db);
      before.push(performance.now() - s);
    }
  }
  before.sort((a, b) => a - b);
  console.log(`  before 0026: ILIKE + count(*)   p50 ${percentile(before, 0.5).toFixed(2).padStart(7)} ms   p95 ${percentile(before, 0.95).toFixed(2).padStart(7)} ms   (4 of the queries × 3, the count and the page only)`);
  for (const [q, times] of perQuery) {
    times.sort((a, b) => a - b);
    const r = await listApplications(db, agencyId, { q }, opts);
    const total = r.exact ? String(r.total) : `~${r.total}`;
    console.log(`    ${q.padEnd(16)} p50 ${percentile(times, 0.5).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 0.95).toFixed(2).padStart(7)} ms   ${total.padStart(8)} matches (${r.search})`);
  }
}
