// `gongkai report check` in bounded memory (issue #16, defect 7): over a generated folder of a few hundred
// report files, the walk is read no further ahead than the files being checked, no more than `lanes` files
// are read or in the parse pool at once, and what comes back from the workers and what the results hold is
// findings and the few cross-year cells — never a parsed report; the cells the findings name are one shared
// object each, not a copy per report (40,000 cut-off reports held 920 MB of copies). Structural, no
// timings: each count is observed by wrapping the walk, the read and the pool's checkReport.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeParsePool, parsePool } from '../../src/services/parse-pool/index.ts';
import { checkReportPaths } from '../../src/services/report-check.ts';

/** What the wrapped walk, read and pool saw; reset before each run. */
const probe = vi.hoisted(() => ({ walked: 0, read: 0, done: 0, largestWalkLead: 0, largestReadLead: 0 }));

vi.mock('../../src/services/report-files.ts', async (importOriginal) => {
  const files = await importOriginal<typeof import('../../src/services/report-files.ts')>();
  return {
    ...files,
    // every file the walk gives, against the files already checked (progress)
    async *walkReportPaths(paths: readonly string[]) {
      for await (const walked of files.walkReportPaths(paths)) {
        probe.walked++;
        probe.largestWalkLead = Math.max(probe.largestWalkLead, probe.walked - probe.done);
        yield walked;
      }
    },
    // every file read into memory, against the files already checked
    async readReportBytes(file: string) {
      probe.read++;
      probe.largestReadLead = Math.max(probe.largestReadLead, probe.read - probe.done);
      return files.readReportBytes(file);
    },
  };
});

const FIXTURES = 'test/fixtures/reports';
const FILES = 360;
const FOLDERS = 3;
/** what a file's result may hold */
const RESULT_KEYS = ['file', 'ok', 'error', 'format', 'year', 'agency', 'findings', 'diagnostics'];
/** what a worker's answer may hold: the report's identity, its findings and diagnostics, the cross-year cells */
const ANSWER_KEYS = ['ok', 'error', 'format', 'year', 'agency', 'findings', 'diagnostics', 'pair'];

let dir: string;
beforeAll(() => {
  // the fixtures' reports copied round-robin into a few folders (one nested) under names of their own
  dir = mkdtempSync(join(tmpdir(), 'gongkai-check-stream-'));
  const sources = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(FIXTURES, f)));
  const folders = Array.from({ length: FOLDERS }, (_, k) => join(dir, k === 2 ? 'b/nested' : `f${k}`));
  for (const f of folders) mkdirSync(f, { recursive: true });
  for (let i = 0; i < FILES; i++) writeFileSync(join(folders[i % FOLDERS] as string, `${String(i).padStart(4, '0')}.txt`), sources[i % sources.length] as Buffer);
});
afterAll(async () => {
  await closeParsePool();
  rmSync(dir, { recursive: true, force: true });
});

/** checkReportPaths over the folder with the pool's checkReport watched: files in the pool at once, and each answer. */
async function watchedCheck(lanes: number | undefined) {
  Object.assign(probe, { walked: 0, read: 0, done: 0, largestWalkLead: 0, largestReadLead: 0 });
  const pool = parsePool();
  const checkReport = pool.checkReport.bind(pool);
  let inPool = 0;
  let largestInPool = 0;
  const answers: Record<string, unknown>[] = [];
  const spy = vi.spyOn(pool, 'checkReport').mockImplementation(async (bytes, fileName) => {
    largestInPool = Math.max(largestInPool, ++inPool);
    try {
      const answer = await checkReport(bytes, fileName);
      if (answer.ok) answers.push(answer.value as Record<string, unknown>);
      return answer;
    } finally {
      inPool--;
    }
  });
  try {
    const results = await checkReportPaths([dir], { ...(lanes !== undefined ? { lanes } : {}), progress: (done) => (probe.done = done) });
    return { results, answers, largestInPool };
  } finally {
    spy.mockRestore();
  }
}

describe('report check streams a folder of reports', () => {
  it('reads the walk no further ahead than its lanes, and has no more than `lanes` files read or in the pool at once', async () => {
    const lanes = 3;
    const { results, largestInPool } = await watchedCheck(lanes);
    expect(results).toHaveLength(FILES);
    expect(probe.walked).toBe(FILES);
    expect(probe.done).toBe(FILES);
    // lazily walked: a file is taken from the walk only when a lane is free for it
    expect(probe.largestWalkLead).toBeLessThanOrEqual(lanes);
    expect(probe.largestReadLead).toBeLessThanOrEqual(lanes);
    expect(largestInPool).toBeLessThanOrEqual(lanes);
    // … and the lanes do run side by side (the workers are kept busy)
    expect(largestInPool).toBeGreaterThan(1);
  });

  it('by default keeps four files per thread of the pool in flight, however many files there are', async () => {
    const lanes = parsePool().options.threads * 4;
    const { results, largestInPool } = await watchedCheck(undefined);
    expect(results).toHaveLength(FILES);
    expect(probe.largestWalkLead).toBeLessThanOrEqual(lanes);
    expect(probe.largestReadLead).toBeLessThanOrEqual(lanes);
    expect(largestInPool).toBeLessThanOrEqual(lanes);
    expect(FILES).toBeGreaterThan(10 * lanes);
  });

  it('holds findings and the cross-year cells of each report, never the parsed report', async () => {
    const { results, answers } = await watchedCheck(4);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(FILES / 2);
    for (const r of results) {
      for (const key of Object.keys(r)) expect(RESULT_KEYS).toContain(key);
      // diagnostics only when asked for (keepDiagnostics)
      expect(r.diagnostics).toEqual([]);
    }
    expect(answers.length).toBe(results.filter((r) => r.ok).length);
    for (const a of answers) {
      for (const key of Object.keys(a)) expect(ANSWER_KEYS).toContain(key);
      // the cross-year cells: table 二's 规章 and 规范性文件 and table 三's 结转 rows, nothing else of the report
      const pair = a['pair'] as Record<string, unknown>;
      expect(Object.keys(pair).sort()).toEqual(['activeDisclosure', 'applications', 'format', 'year']);
      expect(Object.keys(pair['activeDisclosure'] as object).sort()).toEqual(['normativeDocuments', 'regulations']);
      expect(Object.keys((pair['applications'] as { rows: object }).rows).sort()).toEqual(['carriedForward', 'carriedOver']);
      expect(JSON.stringify(pair).length).toBeLessThan(1500);
    }
  });

  it('keeps one object per cell the findings name, shared by every report that names it', async () => {
    const { results } = await watchedCheck(4);
    const named = results.flatMap((r) => r.findings.flatMap((f) => f.cells));
    const objects = new Set(named);
    const labels = new Set(named.map((c) => JSON.stringify(c)));
    // the copies of the fixtures name the same cells again and again: a pointer each, not a copy each
    expect(named.length).toBeGreaterThan(20 * labels.size);
    expect(objects.size).toBe(labels.size);
  });
});
