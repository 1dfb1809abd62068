// `npm run bench -- report-check [N]` (issue #16, defect 7; default 40,000): `gongkai report check` over a
// folder of N report files, in reports/s next to a baseline measured in the same run — the same files read
// and checked in the process on one core, one after the other (what `report check` did before it used the
// parse pool; run after the measured check, so that its heap is not in the check's RSS) — with the
// process's RSS sampled every 100 ms (parse workers included) and the main thread's live heap after a full
// GC, before and after (the results held). Goals: N = 40,000 checked under 500 MB, parse + check ≥ 5,000
// reports/s on 2 cores.
//
// The files are made from test/fixtures/reports: every other one the complete report of 中卫市机关事务服务中心
// (7 KB) under the name of an agency of its own (so that 40,000 agencies' cross-year cells are kept), the
// others the ~2 KB excerpts of real reports (cut off mid-table, blank cells, the 2019 format) in turn, in
// folders of 1,000. The baseline checks the first BASELINE_FILES of them (the same mix).

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { checkReportDocument } from '../src/domain/report/check-document.ts';
import { closeParsePool, parsePool } from '../src/services/parse-pool/index.ts';
import { checkReportPaths } from '../src/services/report-check.ts';
import { expandReportPaths } from '../src/services/report-files.ts';
import { liveHeap, MB, peakRss, verdict } from './rss.ts';

const FIXTURES = 'test/fixtures/reports';
const FULL = 'zhongwei-jiguan-shiwu-2024.txt';
const FULL_AGENCY = '中卫市机关事务服务中心';
const BASELINE_FILES = 5000;
const GOAL_RSS_MB = 500;
const GOAL_RATE = 5000;

const A = ['东', '西', '南', '北', '中', '安', '平', '宁', '和', '康'];
const B = ['山', '水', '河', '林', '川', '阳', '江', '源', '泉', '城'];
/** A name without digits for agency i (up to 100,000). */
const agencyName = (i: number): string =>
  `${A[i % 10]}${B[Math.floor(i / 10) % 10]}${A[Math.floor(i / 100) % 10]}${B[Math.floor(i / 1000) % 10]}${A[Math.floor(i / 10_000) % 10]}县机关事务服务中心`;

/** The N files under `dir`; their bytes. */
function buildFolder(dir: string, n: number): number {
  const full = readFileSync(join(FIXTURES, FULL), 'utf8');
  const excerpts = readdirSync(FIXTURES)
    .filter((f) => f.startsWith('excerpt-') && f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(FIXTURES, f)));
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const folder = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(folder);
    const content = i % 2 === 0 ? Buffer.from(full.replaceAll(FULL_AGENCY, agencyName(i / 2))) : (excerpts[((i - 1) / 2) % excerpts.length] as Buffer);
    writeFileSync(join(folder, `${String(i).padStart(6, '0')}.txt`), content);
    bytes += content.length;
  }
  return bytes;
}

export async function benchReportCheck(n = 40_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-report-check-'));
  try {
    const made = performance.now();
    const bytes = buildFolder(dir, n);
    console.log(`report check over ${n.toLocaleString('en')} files (${(bytes / MB).toFixed(1)} MB: half the complete 中卫 report under ${Math.ceil(n / 2).toLocaleString('en')} agency names, half the 11 excerpts), made in ${((performance.now() - made) / 1000).toFixed(1)} s`);

    // measured: checkReportPaths (lazy walk, parse pool, findings and cross-year cells kept)
    const pool = parsePool();
    await checkReportPaths([join(dir, '000')]); // the workers start and load the parsers once
    const heapBefore = liveHeap();
    let start = performance.now();
    const run = await peakRss(() => checkReportPaths([dir]));
    const rate = n / ((performance.now() - start) / 1000);
    const heapAfter = liveHeap();
    const results = run.value;
    const ok = results.filter((r) => r.ok).length;
    const findings = results.reduce((sum, r) => sum + r.findings.length, 0);

    // baseline, after (its parsers' heap would be in the RSS of the measured run): read and checked in the
    // process, one file after the other, on one core
    const { files } = await expandReportPaths([dir]);
    const sample = files.slice(0, Math.min(BASELINE_FILES, n));
    for (const f of sample.slice(0, 200)) await checkReportDocument(await readFile(f), basename(f)); // warm up
    start = performance.now();
    for (const f of sample) await checkReportDocument(await readFile(f), basename(f));
    const baseRate = sample.length / ((performance.now() - start) / 1000);

    console.log(`  in process, one core (baseline, first ${sample.length.toLocaleString('en')} files)   ${baseRate.toFixed(0).padStart(6)} reports/s`);
    console.log(`  checkReportPaths (${pool.options.threads} parse workers, ${pool.options.threads * 4} files in flight)   ${rate.toFixed(0).padStart(6)} reports/s   ratio ${(rate / baseRate).toFixed(2)}   (${run.seconds.toFixed(1)} s)`);
    console.log(`  ${ok.toLocaleString('en')} read, ${(results.length - ok).toLocaleString('en')} unreadable, ${findings.toLocaleString('en')} findings`);
    console.log(`  RSS (process, workers included): ${(run.before / MB).toFixed(0)} MB before, peak ${(run.peak / MB).toFixed(0)} MB (sampled every 100 ms)`);
    console.log(`  live heap (main thread, after a full GC): ${(heapBefore / MB).toFixed(1)} MB before, ${(heapAfter / MB).toFixed(1)} MB with the ${results.length.toLocaleString('en')} results held (+${((heapAfter - heapBefore) / MB).toFixed(1)} MB)`);
    const rssMet = run.peak / MB < GOAL_RSS_MB;
    const rateMet = rate >= GOAL_RATE;
    console.log(`  goal: ${n === 40_000 ? '40,000' : `${n.toLocaleString('en')} (goal is for 40,000)`} reports under ${GOAL_RSS_MB} MB — ${verdict(rssMet)}; ≥ ${GOAL_RATE.toLocaleString('en')} reports/s on 2 cores — ${verdict(rateMet)}`);
    results.length = 0;
  } finally {
    await closeParsePool();
    rmSync(dir, { recursive: true, force: true });
  }
}
