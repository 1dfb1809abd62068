// Oversight (issue #13): `gongkai report aggregate <dir>` over 10,000 report files, next to a baseline
// measured in the same run — parsing alone of the same files, through the same parse pool, as many at
// once — as a ratio; and the process's memory (RSS, worker threads included) sampled through the run, to
// show the sum streams: it holds each source and its gaps, never the parsed reports.
//
// 1. Corpus: random valid reports (fast-check, fixed seeds), 90% in the 2021 format and 10% in the 2019
//    trial format, one in 20 with blank cells, rendered as text and HTML (alternately), written to a
//    temporary folder a batch at a time.
// 2. Baseline: every file read and parsed in the parse pool (services/report-files.ts readReportFile,
//    the same lanes as the aggregate), the result dropped.
// 3. Measured: aggregateReportFiles over the folder (walk, read, parse, fold).
// The two are timed twice, alternately; the faster of each counts (a shared machine adds noise, never
// speed). RSS is sampled every 20 ms through the aggregate and read at each tenth of the files.
// 4. Memory, untimed: the aggregate once more with the main thread's live heap read after a full GC at
//    each tenth (flat: the sum holds sources and gaps only), then the counterfactual — the same files
//    parsed and every report kept.
//
//   npm run bench -- oversight [--size N]       (or BENCH_OVERSIGHT_SIZE=N; default 10,000)

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import fc from 'fast-check';
import { numericCells, validReport } from '../test/support/report-factory.ts';
import { setAt } from '../src/domain/report/layout.ts';
import type { AnnualReport } from '../src/domain/report/model.ts';
import { renderHtml, renderText } from '../src/domain/report/render/index.ts';
import { closeParsePool, parsePool } from '../src/services/parse-pool/index.ts';
import { aggregateReportFiles } from '../src/services/report-aggregate.ts';
import { expandReportPaths, readReportFile } from '../src/services/report-files.ts';

const BATCH = 500;
const ROUNDS = 2;
const MB = 1024 * 1024;

function buildCorpus(dir: string, size: number): number {
  let bytes = 0;
  const reports = fc.oneof({ arbitrary: validReport('2021'), weight: 9 }, { arbitrary: validReport('2019'), weight: 1 });
  for (let start = 0; start < size; start += BATCH) {
    const batch = fc.sample(reports, { numRuns: Math.min(BATCH, size - start), seed: 1300 + start });
    batch.forEach((report, k) => {
      const i = start + k;
      if (i % 20 === 7) {
        const cells = numericCells(report.format === '2019' ? '2019' : '2021');
        for (const step of [3, 57, 131]) setAt(report, cells[(i + step) % cells.length]?.at ?? [], null);
      }
      const html = i % 2 === 1;
      const content = html ? (renderHtml(report) as string) : renderText(report);
      writeFileSync(join(dir, `${String(i).padStart(5, '0')}.${html ? 'html' : 'txt'}`), content);
      bytes += Buffer.byteLength(content);
    });
  }
  return bytes;
}

/** RSS sampled every 20 ms while `body` runs: its peak, and its value at each tenth of the progress. */
async function sampled<T>(body: (mark: (done: number, total: number) => void) => Promise<T>): Promise<{ value: T; peak: number; byTenth: number[] }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const byTenth: number[] = [];
  try {
    const value = await body((done, total) => {
      const tenth = Math.floor((done * 10) / total);
      if (tenth > byTenth.length) byTenth.push(process.memoryUsage.rss());
    });
    return { value, peak: Math.max(peak, process.memoryUsage.rss()), byTenth };
  } finally {
    clearInterval(timer);
  }
}

/** Every file read and parsed in the pool; `keep` receives each parsed report (the counterfactual of memory). */
async function parseAlone(dir: string, lanes: number, keep?: (report: AnnualReport) => void): Promise<number> {
  const { files } = await expandReportPaths([dir]);
  let next = 0;
  let failed = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const r = await readReportFile(files[next++] as string);
      if (!r.ok) failed++;
      else keep?.(r.report);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return failed;
}

/** The live heap after a full collection (the gc of V8, exposed at run time: no flag on npm run bench). */
function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

export async function benchOversight(size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-oversight-'));
  try {
    const built = performance.now();
    const bytes = buildCorpus(dir, size);
    console.log(`Oversight: report aggregate over ${size} files (${(bytes / MB).toFixed(1)} MB: text and HTML, 10% in the 2019 format, 5% with blank cells), made in ${((performance.now() - built) / 1000).toFixed(1)} s`);
    const pool = parsePool();
    const lanes = pool.options.threads * 2;
    // the workers start and load the parsers once per process
    await Promise.all(Array.from({ length: lanes }, () => readReportFile(join(dir, '00000.txt'))));
    const rss0 = process.memoryUsage.rss();

    const times = { parse: Infinity, aggregate: Infinity };
    const rounds: string[] = [];
    let memory = { peak: 0, byTenth: [] as number[] };
    let summary = '';
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      const failed = await parseAlone(dir, lanes);
      const parsed = performance.now() - start;
      times.parse = Math.min(times.parse, parsed);
      if (failed > 0) console.log(`  (${failed} files failed to parse)`);
      start = performance.now();
      const run = await sampled((mark) => aggregateReportFiles([dir], { progress: { step: (done) => mark(done, size) } }));
      const aggregated = performance.now() - start;
      times.aggregate = Math.min(times.aggregate, aggregated);
      rounds.push(`parse ${(parsed / 1000).toFixed(2)} s, aggregate ${(aggregated / 1000).toFixed(2)} s`);
      if (run.peak > memory.peak) memory = { peak: run.peak, byTenth: run.byTenth };
      const groups = run.value.groups.map((g) => `${g.format}: ${g.sources.length} reports, ${g.gaps.length} with gaps, ${g.cells.filter((c) => c.value !== null).length}/${g.cells.length} cells summed`);
      summary = `summed ${run.value.summed} (${groups.join('; ')}), unreadable ${run.value.unreadable.length}`;
    }
    const rate = (ms: number) => size / (ms / 1000);
    console.log(`Throughput (${pool.options.threads} parse workers, ${lanes} files in flight; faster of ${ROUNDS} rounds)`);
    console.log(`  parse alone (baseline)             ${rate(times.parse).toFixed(0).padStart(6)} reports/s   (${(times.parse / 1000).toFixed(2)} s)`);
    console.log(`  report aggregate                   ${rate(times.aggregate).toFixed(0).padStart(6)} reports/s   (${(times.aggregate / 1000).toFixed(2)} s)`);
    console.log(`  ratio aggregate / parse alone:     ${(rate(times.aggregate) / rate(times.parse)).toFixed(3)}`);
    console.log(`  rounds: ${rounds.join('; ')}`);
    console.log(`  ${summary}`);
    console.log('Memory');
    console.log(`  RSS (process, parse workers included): ${(rss0 / MB).toFixed(0)} MB before; during the aggregate, at each tenth of the files:`);
    console.log(`    ${memory.byTenth.map((b) => (b / MB).toFixed(0)).join(' → ')} MB (peak ${(memory.peak / MB).toFixed(0)} MB)`);
    // live heap after a full collection at each tenth (an untimed pass): what the sum really holds
    const live: number[] = [];
    await aggregateReportFiles([dir], {
      progress: {
        step: (done) => {
          if (Math.floor((done * 10) / size) > live.length) live.push(liveHeap());
        },
      },
    });
    const held = ((live[live.length - 1] ?? 0) - (live[0] ?? 0)) / MB;
    console.log(`  live heap (main thread, after a full GC) at each tenth: ${live.map((b) => (b / MB).toFixed(1)).join(' → ')} MB (first to last tenth: ${held >= 0 ? '+' : ''}${held.toFixed(1)} MB)`);
    // the counterfactual: the same files parsed and every report kept
    const base = liveHeap();
    const kept: AnnualReport[] = [];
    const keeping = await sampled(() => parseAlone(dir, lanes, (r) => kept.push(r)));
    console.log(`  the same ${kept.length} reports parsed and kept instead of summed as they come: live heap +${((liveHeap() - base) / MB).toFixed(1)} MB, RSS peak ${(keeping.peak / MB).toFixed(0)} MB`);
  } finally {
    await closeParsePool();
    rmSync(dir, { recursive: true, force: true });
  }
}
