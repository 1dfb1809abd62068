// Annual reports: parse+check throughput, each figure next to a baseline measured
// in the same run.
//
// 1. Corpus: 10,000+ files made from the real reports in test/fixtures/reports (copies, random
//    mutations of them, and random valid reports rendered as text and HTML), written to a temporary
//    folder.
// 2. Baseline: read each file and decode its bytes to text (what any reader of the files must do).
// 3. Measured: read each file, parse it (decode, detect HTML, convert Traditional Chinese, read the
//    tables) and run every check — on one core, one file after another.
// 4. Robustness: the slowest single parse among 10,000 mutated texts, against the one-second bound.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkAll } from '../src/domain/report/checks.ts';
import { parseReportDocument } from '../src/domain/report/document.ts';
import { decodeBytes } from '../src/domain/report/input/decode.ts';
import { renderHtml, renderText } from '../src/domain/report/render/index.ts';
import { applyMutation, mutation } from '../test/support/mutations.ts';
import { validReport } from '../test/support/report-factory.ts';

const ROUNDS = 3;
const FIXTURES = join(import.meta.dirname, '../test/fixtures/reports');

function buildCorpus(dir: string, CORPUS_SIZE: number): { files: string[]; bytes: number } {
  const sources = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(FIXTURES, f)));
  const mutations = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { numRuns: CORPUS_SIZE, seed: 7 });
  const reports = fc.sample(fc.oneof(validReport('2021'), validReport('2019')), { numRuns: Math.ceil(CORPUS_SIZE / 3), seed: 11 });
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < CORPUS_SIZE; i++) {
    const source = sources[i % sources.length] ?? new Uint8Array();
    const report = reports[i % reports.length];
    let content: Uint8Array | string;
    let ext = 'txt';
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        content = source;
        break;
      case 4:
      case 5:
      case 6:
        content = applyMutation(source, mutations[i] ?? []);
        break;
      case 7:
      case 8:
        content = report ? renderText(report) : source;
        break;
      default:
        content = report ? renderHtml(report) : source;
        ext = 'html';
    }
    const file = join(dir, `${String(i).padStart(5, '0')}.${ext}`);
    writeFileSync(file, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    files.push(file);
  }
  return { files, bytes };
}

async function timeRounds(label: string, files: string[], each: (bytes: Uint8Array, file: string) => Promise<void> | void): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const file of files) await each(readFileSync(file), file);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const rate = files.length / (median / 1000);
  console.log(`  ${label.padEnd(34)} ${rate.toFixed(0).padStart(7)} files/s   (median of ${ROUNDS}: ${(median / 1000).toFixed(2)} s)`);
  return rate;
}

export async function benchReports(corpusSize = 10_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  try {
    const { files, bytes } = buildCorpus(dir, corpusSize);
    console.log(`Annual reports: ${files.length} files, ${(bytes / 1048576).toFixed(1)} MB, made from ${FIXTURES}`);
    console.log('Throughput on one core (read each file, then:)');
    let sink = 0;
    const baseline = await timeRounds('decode only (baseline)', files, (b) => {
      sink += decodeBytes(b).text.length;
    });
    let errors = 0;
    let findings = 0;
    const measured = await timeRounds('parse + check', files, async (b, file) => {
      const parsed = await parseReportDocument(b, file);
      if (parsed.ok) findings += checkAll(parsed.report, { status: parsed.status }).length;
      else errors++;
    });
    console.log(`  ratio parse+check / decode only:   ${(measured / baseline).toFixed(3)}  (${(baseline / measured).toFixed(1)}× the time of decoding alone)`);
    console.log(`  target ≥ 1000 reports/s:           ${measured >= 1000 ? 'met' : 'NOT met'} (${measured.toFixed(0)} reports/s)`);
    console.log(`  (per round: ${findings / ROUNDS} findings, ${errors / ROUNDS} unreadable files; checksum ${sink % 997})`);

    // The slowest single parse among 10,000 mutated real texts, against the bound of one second.
    const sources = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(FIXTURES, f)));
    const steps = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { numRuns: 10_000, seed: 20261125 });
    const durations: number[] = [];
    for (const [i, s] of steps.entries()) {
      const input = applyMutation(sources[i % sources.length] ?? new Uint8Array(), s);
      const start = performance.now();
      await parseReportDocument(input, 'mutated.txt');
      durations.push(performance.now() - start);
    }
    durations.sort((a, b) => a - b);
    const median = durations[Math.floor(durations.length / 2)] ?? 0;
    const slowest = durations[durations.length - 1] ?? 0;
    console.log('Robustness: 10,000 mutated texts, one parse each');
    console.log(`  median ${median.toFixed(3)} ms, slowest ${slowest.toFixed(1)} ms (${(slowest / median).toFixed(0)}× the median; bound 1000 ms: ${slowest < 1000 ? 'held' : 'EXCEEDED'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

