// `npm run bench -- catalogue [--size N] [--engine pglite|postgres] [--keep | --schema S]`: the catalogue search (services/search/catalogue-search.ts)
// over a generated corpus (test/support/catalogue-corpus.ts) of 1,000,000 items on PostgreSQL (when
// DATABASE_URL is set; a fresh schema, dropped afterwards) and 100,000 on PGlite, all in one agency (the
// worst case: nothing narrows a common word's matches). A mix of queries — two characters, phrases,
// common words, 文号 and its tail, 索引号, attachment words, one character, a word in a third of the
// items — each timed ROUNDS times; p50 and p95 printed next to a bare indexed lookup (an item by its
// 索引号) measured in the same run, as a ratio. Target on PostgreSQL: search p95 < 50 ms.

import { sql, type Kysely } from 'kysely';
import { connectPostgres } from '../src/db/connect.ts';
import type { DB } from '../src/db/schema.ts';
import { createAgency } from '../src/services/agencies.ts';
import { newestItems, searchCatalogue } from '../src/services/search/catalogue-search.ts';
import { corpusItems, type CorpusItem } from '../test/support/catalogue-corpus.ts';
import { loadCorpus } from '../test/support/catalogue-corpus-load.ts';
import { engines, withDatabase, type Engine } from '../test/support/db.ts';
import { percentile, timed } from './timing.ts';

const ROUNDS = 20;
const ORG = '11330000MB0000000X';
const QUERIES = [
  '危房', '补贴', '招聘', '耕地地力保护补贴', '老旧小区改造', '关于农村危房改造的通知', '应急预案 防汛', '〔2024〕3号', '示范农发〔2024〕3号',
  '〔2024〕3号 补助资金', `${ORG}/2022-00171`, '白杨村', '2023年统计公报', '桥', '5G基站', '行政处罚决定书', '工作',
];

async function seed(db: Kysely<DB>, size: number): Promise<number> {
  const a = await createAgency(db, { code: 'sx', name: '示范县人民政府', level: '人民政府' as never }, '2025-06-01T00:00:00.000Z');
  if (!a.ok) throw new Error(a.error.message);
  // a bulk load: the GIN indexes are built once at the end, as after a pg_restore
  await sql`drop index catalogue_items_search`.execute(db);
  await sql`drop index catalogue_items_title_search`.execute(db);
  let batch: CorpusItem[] = [];
  let done = 0;
  const started = performance.now();
  for (const item of corpusItems(size, 11, ORG)) {
    batch.push(item);
    if (batch.length === 5000) {
      await loadCorpus(db, a.value.id, batch, 5000);
      done += batch.length;
      batch = [];
      if (done % 100_000 === 0) process.stdout.write(`  loaded ${done.toLocaleString('en')} items in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  if (batch.length > 0) await loadCorpus(db, a.value.id, batch, 5000);
  await sql`create index catalogue_items_search on catalogue_items using gin (search_vector)`.execute(db);
  await sql`create index catalogue_items_title_search on catalogue_items using gin (title_vector)`.execute(db);
  await sql`analyze catalogue_items`.execute(db);
  await sql`analyze catalogue_attachments`.execute(db);
  return a.value.id;
}

export interface CatalogueBenchOptions {
  size?: number;
  engine?: string;
  /** PostgreSQL: keep the seeded schema (printed) instead of dropping it */
  keep?: boolean;
  /** PostgreSQL: measure on a schema kept by an earlier --keep run, without seeding */
  schema?: string;
}

export async function benchCatalogueSearch(options: CatalogueBenchOptions = {}): Promise<void> {
  if (options.schema !== undefined) {
    const url = process.env['DATABASE_URL'];
    if (!url) throw new Error('--schema needs DATABASE_URL');
    const database = await connectPostgres(url, { searchPath: options.schema, max: 2 });
    try {
      const size = (await sql<{ n: number }>`select count(*)::int as n from catalogue_items`.execute(database.db)).rows[0]?.n ?? 0;
      const agencyId = Number((await sql<{ id: number }>`select id from agencies where code = 'sx'`.execute(database.db)).rows[0]?.id);
      await measure(database.db, 'postgres', size, agencyId, null);
    } finally {
      await database.close();
    }
    return;
  }
  for (const engine of engines()) {
    if (options.engine === undefined || options.engine === engine) await benchOn(engine, options.size ?? (engine === 'postgres' ? 1_000_000 : 100_000), options.keep === true);
  }
}

async function benchOn(engine: Engine, size: number, keep: boolean): Promise<void> {
  const database = await withDatabase(engine);
  try {
    const t = performance.now();
    const agencyId = await seed(database.db, size);
    if (keep && database.schema !== undefined) console.log(`  kept schema ${database.schema} (measure again: --schema ${database.schema})`);
    await measure(database.db, engine, size, agencyId, (performance.now() - t) / 1000);
  } finally {
    if (!(keep && engine === 'postgres')) await database.close();
  }
}

async function measure(db: Kysely<DB>, engine: Engine, size: number, agencyId: number, seeded: number | null): Promise<void> {
  {
    const indexNumbers = (await sql<{ ix: string }>`select index_number as ix from catalogue_items order by id limit 200`.execute(db)).rows.map((r) => r.ix);
    const lookup = (round: number) => sql`select * from catalogue_items where index_number = ${indexNumbers[round % indexNumbers.length]!}`.execute(db);
    await timed(5, lookup);
    const base = await timed(ROUNDS * QUERIES.length, lookup);
    // warm each query once, then time them interleaved
    for (const query of QUERIES) await searchCatalogue(db, { agencyId, query, scope: 'public', limit: 20 });
    const perQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    const all: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of QUERIES) {
        const s = performance.now();
        await searchCatalogue(db, { agencyId, query, scope: 'public', limit: 20 });
        const ms = performance.now() - s;
        perQuery.get(query)!.push(ms);
        all.push(ms);
      }
    }
    all.sort((a, b) => a - b);
    const tail = await sql<{ plan: string }>`explain select id from catalogue_items i where i.doc_number_key <> '' and reverse(i.doc_number_key) like ${'号3]4202[%'} and i.agency_id = ${agencyId}`.execute(db);
    const tailPlan = tail.rows.map((r) => Object.values(r)[0]).join(' ');
    const walk = await sql<{ plan: string }>`explain ${newestItems(agencyId, 'public')}`.execute(db);
    const walkPlan = walk.rows.map((r) => Object.values(r)[0]).join(' ');
    const p50 = percentile(all, 0.5);
    const p95 = percentile(all, 0.95);
    const b50 = percentile(base, 0.5);
    const b95 = percentile(base, 0.95);
    const target = engine === 'postgres' ? `   target p95 < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'}` : '';
    console.log(`Catalogue search on ${engine}: ${size.toLocaleString('en')} items in one agency (${seeded === null ? 'seeded earlier' : `seeded in ${seeded.toFixed(0)} s`}), ${QUERIES.length} queries × ${ROUNDS}`);
    console.log(`  item by 索引号 (baseline)     p50 ${b50.toFixed(2).padStart(7)} ms   p95 ${b95.toFixed(2).padStart(7)} ms`);
    console.log(`  search, all queries          p50 ${p50.toFixed(2).padStart(7)} ms   p95 ${p95.toFixed(2).padStart(7)} ms   ratio p95 ${(p95 / b95).toFixed(1)}${target}`);
    for (const [query, times] of perQuery) {
      times.sort((a, b) => a - b);
      const r = await searchCatalogue(db, { agencyId, query, scope: 'public', limit: 20 });
      console.log(`    ${query.padEnd(30)} p50 ${percentile(times, 0.5).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 0.95).toFixed(2).padStart(7)} ms   ${r.capped ? ' 500+' : String(r.total).padStart(5)} matches`);
    }
    console.log(`  文号 tail lookup uses the reversed-key index: ${/catalogue_items_doc_number_tail/.test(tailPlan) ? 'yes' : `NO (${tailPlan})`}`);
    console.log(`  the walk of the newest items uses the public list's index: ${/catalogue_items_public_list/.test(walkPlan) ? 'yes' : `NO (${walkPlan})`}`);
  }
}
