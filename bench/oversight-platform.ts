// Oversight on the platform (issue #13), the second stage of `npm run bench -- oversight`: the path an
// office actually uses, over the files of the first stage (oversight.ts), on PGlite (and on PostgreSQL
// too when DATABASE_URL is set; a fresh database each).
//
// Set up, untimed: the office and the agencies below it, inserted directly (oversight-support.ts: county
// governments of 100 agencies each, their report_scope 'own' so that every report is summed), and last
// year's report of every agency as the office's hand entry (oversight_reports 'manual') for the
// cross-year checks: three in four agree with this year's file, one in four does not (X1/X2 findings).
// Then, each as reports/s next to parsing alone of the same files in the same run:
// 1. Ingest: services/oversight/upload.ts uploadReports, the files in uploads within its limits (300
//    files, 100 MB), each read in the parse pool, matched to its agency by name, kept with its bytes and
//    filed. Once (a second pass would find every file already there); each upload's time is printed too
//    (first, median, last: does it grow with the tables?).
// 2. Check + score: the board (services/oversight/board.ts boardRows: every collected report reviewed
//    and scored by domain/oversight `assess`, with last year's report).
// 3. 汇总: services/oversight/aggregate.ts aggregateYear (every report folded into one ReportSum).
// Board and 汇总 are timed twice, the faster counting. RSS is sampled through each stage; the main
// thread's live heap is read after a full GC at each tenth of the agencies (ingest: in its one pass, the
// collections' time taken out of its timing; board and 汇总: in one more, untimed pass), and against it
// the same entries collected all at once (collectedReports) and kept.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { REPORT_FILE_LIMITS } from '../src/domain/zip/report-limits.ts';
import { aggregateYear } from '../src/services/oversight/aggregate.ts';
import { boardRows } from '../src/services/oversight/board.ts';
import { collectedReports } from '../src/services/oversight/collected.ts';
import { uploadReports } from '../src/services/oversight/upload.ts';
import { engines, withDatabase, type Engine } from '../test/support/db.ts';
import type { AnnualReport } from '../src/domain/report/model.ts';
import { benchReports, CORPUS_SEED, fileOf, lastYearOf, liveHeap, MB, megabytes, sampled, Tenths, YEAR, type BenchAgency } from './oversight-support.ts';

const ROUNDS = 2;
const NOW = `${YEAR + 1}-03-31T02:00:00.000Z`;
const AS_OF = NOW.slice(0, 10);
const actor = { userId: null, ip: null, now: NOW };
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The office and its agencies, inserted directly; last year's reports as hand entries. Returns the office's id. */
async function setUp(db: Kysely<DB>, agencies: readonly BenchAgency[]): Promise<number> {
  const createdAt = NOW;
  const office = await db.insertInto('agencies').values({ code: 'bench-office', name: '示范市人民政府', level: 'government', parentId: null, createdAt }).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  // parents first: a county's government is inserted before its agencies (every chunk starts at a county)
  for (let start = 0; start < agencies.length; start += 1000) {
    const chunk = agencies.slice(start, start + 1000);
    for (const level of ['government', 'other'] as const) {
      const rows = chunk.flatMap((a, k) => ((a.level === 'government') === (level === 'government') ? [{ a, i: start + k }] : []));
      if (rows.length === 0) continue;
      const inserted = await db
        .insertInto('agencies')
        .values(rows.map(({ a }) => ({ code: a.code, name: a.name, level: a.level, parentId: a.parent === null ? office.id : (ids[a.parent] as number), createdAt, reportScope: a.level === 'government' ? 'own' : null })))
        .returning(['id', 'code'])
        .execute();
      const byCode = new Map(inserted.map((r) => [r.code, r.id]));
      for (const { a, i } of rows) ids[i] = byCode.get(a.code) as number;
    }
  }
  let rows: { overseerId: number; agencyId: number; year: number; source: string; report: string; publishedOn: string; publishedOnHow: string; updatedAt: string }[] = [];
  let i = 0;
  const others = benchReports(agencies, YEAR - 1, 7700);
  for (const report of benchReports(agencies, YEAR, CORPUS_SEED)) {
    const last = lastYearOf(report, others.next().value as AnnualReport, i);
    rows.push({ overseerId: office.id, agencyId: ids[i++] as number, year: YEAR - 1, source: 'manual', report: JSON.stringify(last), publishedOn: `${YEAR}-01-20`, publishedOnHow: 'entered', updatedAt: createdAt });
    if (rows.length === 200 || i === agencies.length) {
      await db.insertInto('oversightReports').values(rows).execute();
      rows = [];
    }
  }
  return office.id;
}

/** The files in uploads within the upload's limits. */
function uploads(size: number, sizes: readonly number[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (let i = 0; i < size; i++) {
    const b = sizes[i] ?? 0;
    if (current.length === REPORT_FILE_LIMITS.maxFiles || bytes + b > REPORT_FILE_LIMITS.maxUploadBytes) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += b;
  }
  if (current.length > 0) out.push(current);
  return out;
}

interface Measured {
  ms: number;
  rss: { peak: number; byTenth: number[] };
}

/** `run` timed ROUNDS times (the faster counts) with RSS sampled, then once more untimed with the live heap at each tenth. */
async function measure<T>(run: (progress: (done: number, total: number) => void) => Promise<T>): Promise<Measured & { value: T; heap: Tenths; rounds: number[] }> {
  let best: Measured & { value: T } = { ms: Infinity, rss: { peak: 0, byTenth: [] }, value: undefined as T };
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const r = await sampled((mark) => run(mark));
    const ms = performance.now() - start;
    rounds.push(ms);
    if (ms < best.ms) best = { ms, rss: { peak: r.peak, byTenth: r.byTenth }, value: r.value };
  }
  const heap = new Tenths(liveHeap);
  liveHeap();
  await run(heap.mark);
  return { ...best, heap, rounds };
}

async function stage(db: Kysely<DB>, engine: Engine, dir: string, agencies: readonly BenchAgency[], parseRate: number): Promise<void> {
  const size = agencies.length;
  let t = performance.now();
  const office = await setUp(db, agencies);
  console.log(`Oversight on the platform (${engine}): an office over ${size} agencies (${Math.ceil(size / 100)} counties), with last year's reports entered; set up in ${seconds(performance.now() - t)}`);
  const rate = (ms: number) => size / (ms / 1000);
  const line = (label: string, ms: number, extra = '') =>
    console.log(`  ${label.padEnd(38)} ${rate(ms).toFixed(0).padStart(6)} reports/s   (${seconds(ms)})   ratio to parse alone ${(rate(ms) / parseRate).toFixed(3)}${extra}`);

  // 1. ingest: one pass, the live heap read at each tenth with the collection's time taken out
  const sizes = await Promise.all(agencies.map(async (_, i) => (await stat(join(dir, fileOf(i)))).size));
  const batches = uploads(size, sizes);
  const outcomes = { filed: 0, review: 0, duplicate: 0, unreadable: 0 };
  let paused = 0;
  const perUpload: number[] = [];
  const ingestHeap = new Tenths(() => {
    const s = performance.now();
    const live = liveHeap();
    paused += performance.now() - s;
    return live;
  });
  liveHeap();
  t = performance.now();
  const ingest = await sampled(async (mark) => {
    let done = 0;
    for (const batch of batches) {
      const files = await Promise.all(batch.map(async (i) => ({ name: fileOf(i), bytes: new Uint8Array(await readFile(join(dir, fileOf(i)))) })));
      const began = performance.now();
      const r = await uploadReports(db, office, YEAR, files, actor);
      perUpload.push(performance.now() - began);
      if (!r.ok) throw new Error(`upload refused: ${r.error.message}`);
      for (const f of r.value.files) {
        outcomes[f.outcome]++;
        if (f.error !== null) outcomes.unreadable++;
      }
      done += batch.length;
      mark(done, size);
      ingestHeap.mark(done, size);
    }
  });
  const ingestMs = performance.now() - t - paused;

  // 2. check + score: the board
  const board = await measure((progress) => boardRows(db, office, YEAR, AS_OF, { progress }));
  const statuses = new Map<string, number>();
  for (const r of board.value) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const scores = board.value.map((r) => r.score);

  // 3. the 汇总
  const sum = await measure((progress) => aggregateYear(db, office, YEAR, AS_OF, undefined, { progress }));
  const a = sum.value;

  console.log(`Throughput, next to parse alone of the same files in this run (${parseRate.toFixed(0)} reports/s)`);
  line(`ingest (uploadReports, ${batches.length} uploads)`, ingestMs, `   filed ${outcomes.filed}, review ${outcomes.review}, duplicate ${outcomes.duplicate}, unreadable ${outcomes.unreadable}`);
  const sorted = [...perUpload].sort((x, y) => x - y);
  console.log(`    one upload (≤${REPORT_FILE_LIMITS.maxFiles} files): first ${seconds(perUpload[0] ?? 0)}, median ${seconds(sorted[Math.floor(sorted.length / 2)] ?? 0)}, last full one ${seconds(perUpload[perUpload.length - (size % REPORT_FILE_LIMITS.maxFiles === 0 ? 1 : 2)] ?? 0)}`);
  line('check + score (boardRows)', board.ms, `   rounds ${board.rounds.map(seconds).join(', ')}`);
  line('汇总 (aggregateYear)', sum.ms, `   rounds ${sum.rounds.map(seconds).join(', ')}`);
  console.log(`  board: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}; score ${Math.min(...scores)}–${Math.max(...scores)}, mean ${(scores.reduce((x, y) => x + y, 0) / size).toFixed(1)}`);
  const groups = a.groups.map((g) => `${g.format}: ${g.sources.length} reports, ${g.gaps.length} with gaps, ${g.cells.filter((c) => c.value !== null).length}/${g.cells.length} cells summed`);
  console.log(`  汇总: included ${a.included.length}, missing ${a.missing.length}, excluded ${a.excluded.length}, covered ${a.covered.length} (${groups.join('; ')})`);

  console.log(`Memory (${engine}; RSS includes the parse workers${engine === 'pglite' ? ' and PGlite' : ''})`);
  console.log(`  ingest   RSS ${megabytes(ingest.byTenth)} (peak ${(ingest.peak / MB).toFixed(0)} MB); live heap ${ingestHeap}`);
  console.log(`  board    RSS ${megabytes(board.rss.byTenth)} (peak ${(board.rss.peak / MB).toFixed(0)} MB); live heap ${board.heap}`);
  console.log(`  汇总     RSS ${megabytes(sum.rss.byTenth)} (peak ${(sum.rss.peak / MB).toFixed(0)} MB); live heap ${sum.heap}`);
  // the counterfactual: every entry collected at once and kept, as the board and the 汇总 did before they streamed
  const base = liveHeap();
  const all = await collectedReports(db, office, YEAR, { asOf: AS_OF });
  console.log(`  the same ${all.length} entries collected at once and kept (collectedReports): live heap +${((liveHeap() - base) / MB).toFixed(1)} MB`);
  const codes = new Map<string, number>();
  for (const e of all) for (const f of e.assessment.findings) if (f.severity !== 'info') codes.set(`${f.code} (${f.severity})`, (codes.get(`${f.code} (${f.severity})`) ?? 0) + 1);
  console.log(`  findings (what the checks found in the random reports): ${[...codes].sort((x, y) => y[1] - x[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
}

/** The platform stage over the files of `dir` (report i in fileOf(i), of agency i), on each engine. */
export async function benchOversightPlatform(dir: string, agencies: readonly BenchAgency[], parseRate: number): Promise<void> {
  for (const engine of engines()) {
    const database = await withDatabase(engine);
    try {
      await stage(database.db, engine, dir, agencies, parseRate);
    } finally {
      await database.close();
    }
  }
}
