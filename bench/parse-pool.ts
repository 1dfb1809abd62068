// The parse pool (src/services/parse-pool): parsing the real report fixtures (test/fixtures/reports, as
// text, plus one DOCX and one HTML rendered from a fixture) in a worker thread against parsing them in
// the process, in the same run. The pool pays a copy of the bytes each way and a message round trip;
// with two workers it can also parse two files at once. The pool is warmed first (its threads start
// once per process: tsx and the parsers load in each).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReportDocument } from '../src/domain/report/document.ts';
import type { AnnualReport } from '../src/domain/report/model.ts';
import { render } from '../src/domain/report/render/index.ts';
import { ParsePool } from '../src/services/parse-pool/index.ts';

const FIXTURES = join(import.meta.dirname, '../test/fixtures/reports');
const ROUNDS = 5;
/** each round parses every file this many times */
const REPEAT = 10;

async function timeRounds(label: string, count: number, round: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await round();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const rate = count / (median / 1000);
  console.log(`  ${label.padEnd(40)} ${rate.toFixed(0).padStart(7)} files/s   (median of ${ROUNDS}: ${(median / 1000).toFixed(2)} s)`);
  return rate;
}

export async function benchParsePool(): Promise<void> {
  const files: { name: string; bytes: Uint8Array }[] = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, bytes: readFileSync(join(FIXTURES, f)) }));
  const model = JSON.parse(readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.expected.json'), 'utf8')) as AnnualReport;
  files.push({ name: 'rendered.docx', bytes: (await render(model, 'docx')) as Uint8Array });
  files.push({ name: 'rendered.html', bytes: new TextEncoder().encode((await render(model, 'html')) as string) });
  const work = Array.from({ length: REPEAT }, () => files).flat();
  console.log(`Parse pool: ${files.length} real report files (${files.length - 2} texts, a DOCX, an HTML page) × ${REPEAT} per round`);

  const pool = new ParsePool();
  try {
    const warm = performance.now();
    await Promise.all(files.map((f) => pool.parseReport(f.bytes, f.name)));
    console.log(`  first parses (threads start, parsers load): ${((performance.now() - warm) / 1000).toFixed(2)} s`);
    let failed = 0;
    const inProcess = await timeRounds('in process, one after another (baseline)', work.length, async () => {
      for (const f of work) if (!(await parseReportDocument(f.bytes, f.name)).ok) failed++;
    });
    const serial = await timeRounds('pool, one after another', work.length, async () => {
      for (const f of work) {
        const r = await pool.parseReport(f.bytes, f.name);
        if (!r.ok || !r.value.ok) failed++;
      }
    });
    // as many at once as the pool takes (its threads and its queue); more would be refused (PARSE_BUSY)
    const capacity = pool.options.threads + pool.options.maxQueue;
    const parallel = await timeRounds(`pool, ${capacity} at a time (2 threads)`, work.length, async () => {
      for (let i = 0; i < work.length; i += capacity) {
        const results = await Promise.all(work.slice(i, i + capacity).map((f) => pool.parseReport(f.bytes, f.name)));
        failed += results.filter((r) => !r.ok || !r.value.ok).length;
      }
    });
    console.log(`  ratio pool / in process, one at a time: ${(serial / inProcess).toFixed(3)}  (${((inProcess / serial - 1) * 100).toFixed(0)}% more time per file)`);
    console.log(`  ratio pool / in process, ${capacity} at a time: ${(parallel / inProcess).toFixed(3)}`);
    if (failed > 0) console.log(`  (${failed} parses failed)`);
  } finally {
    await pool.close();
  }
}
