// Oversight (issue #13), `npm run bench -- oversight [--size N]` (or BENCH_OVERSIGHT_SIZE=N; default
// 10,000): the annual reports of N agencies below an office, collected from files, checked, scored and
// summed, each next to a baseline measured in the same run — parsing alone of the same files, through the
// same parse pool — as a ratio, with the memory read through each stage to show that nothing holds all
// the reports at once. Two stages:
//
// A. Files (this file): `gongkai report aggregate <dir>` over the folder.
// 1. Corpus (oversight-support.ts): random valid reports (fast-check, fixed seeds), 90% in the 2021 format
//    and 10% in the 2019 trial format, one in 20 with blank cells, report i under the name of agency i
//    and of one year, rendered as text and HTML (alternately), written to a temporary folder.
// 2. Baseline: every file read and parsed in the parse pool (services/report-files.ts readReportFile,
//    the same lanes as the aggregate), the result dropped.
// 3. Measured: aggregateReportFiles over the folder (walk, read, parse, fold).
// The two are timed twice, alternately; the faster of each counts (a shared machine adds noise, never
// speed). RSS is sampled every 20 ms through the aggregate and read at each tenth of the files.
// 4. Memory, untimed: the aggregate once more with the main thread's live heap read after a full GC at
//    each tenth (flat: the sum holds sources and gaps only), then the counterfactual — the same files
//    parsed and every report kept.
//
// B. The platform (oversight-platform.ts): the same files uploaded by the office (uploadReports), the
//    board (boardRows: every report checked and scored) and the 汇总 (aggregateYear), on PGlite and, when
//    DATABASE_URL is set, PostgreSQL — reports/s of each next to the parse-alone rate of stage A.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnnualReport } from '../src/domain/report/model.ts';
import { closeParsePool, parsePool } from '../src/services/parse-pool/index.ts';
import { aggregateReportFiles } from '../src/services/report-aggregate.ts';
import { expandReportPaths, readReportFile } from '../src/services/report-files.ts';
import { benchOversightPlatform } from './oversight-platform.ts';
import { benchAgencies, buildCorpus, liveHeap, MB, sampled } from './oversight-support.ts';

const ROUNDS = 2;

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

export async function benchOversight(size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-oversight-'));
  try {
    const built = performance.now();
    const agencies = benchAgencies(size);
    const bytes = buildCorpus(dir, agencies);
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
    kept.length = 0;
    await benchOversightPlatform(dir, agencies, rate(times.parse));
  } finally {
    await closeParsePool();
    rmSync(dir, { recursive: true, force: true });
  }
}
