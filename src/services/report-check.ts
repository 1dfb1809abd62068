// `gongkai report check` over files and folders, in bounded memory and on every thread of the parse
// pool: the folders are walked lazily (walkReportPaths); each file is read, parsed and checked in a worker
// (domain/report/check-document.ts), several at once so that every thread is busy; what comes back is
// kept — the file's findings (its diagnostics only when asked) and the few cells of the cross-year
// checks — never the parsed report. When every file is in, each report is checked against the report of
// its agency for the year before (checkPair, 四(N) = 二(N+1)), as the whole models were before. The cells
// the findings name are the layout's, but each arrives from the worker as copies of its own (a report cut
// off mid-table has a MISSING finding naming ~160 cells, ~20 KB a report): they are replaced by one shared
// object per cell, so that a finding kept costs a pointer per cell it names.

import { basename } from 'node:path';
import { checkPair } from '../domain/report/checks.ts';
import type { PairFacts } from '../domain/report/checks.ts';
import type { CellLabel } from '../domain/report/layout.ts';
import type { ReportFormat } from '../domain/report/model.ts';
import type { Diagnostic, Finding } from '../domain/report/types.ts';
import { parsePool } from './parse-pool/index.ts';
import { readReportBytes, walkReportPaths } from './report-files.ts';

export interface FileCheck {
  file: string;
  ok: boolean;
  error?: string;
  /** what the report says of itself (read files only) */
  format?: ReportFormat;
  year?: number | null;
  agency?: string | null;
  findings: Finding[];
  /** what the parser could not read, or read with doubt (kept only with keepDiagnostics) */
  diagnostics: Diagnostic[];
}

export interface CheckOptions {
  /** after each file: how many are done, how many have been found so far, the file just done */
  progress?: (done: number, found: number, file: string) => void;
  /** keep each file's parse diagnostics (the JSON output prints them; the text output does not) */
  keepDiagnostics?: boolean;
  /** files in flight at once (default: four per thread of the pool) */
  lanes?: number;
}

/**
 * Every report file under `paths` checked: the paths that cannot be read first (in the order met), then
 * every file in the order of the walk, each with its own findings followed by those against the report of
 * its agency for the year before (the first file of that agency and year, in walk order).
 */
export async function checkReportPaths(paths: readonly string[], options: CheckOptions = {}): Promise<FileCheck[]> {
  const unreadable: FileCheck[] = [];
  const results: FileCheck[] = [];
  /** the cross-year cells of each readable file with an agency and a year, by its index */
  const facts = new Map<number, { agency: string; year: number; pair: PairFacts }>();
  let found = 0;
  let done = 0;

  // the walk numbered as it goes, so that each result takes its place whatever order the workers answer in
  async function* numbered(): AsyncGenerator<{ index: number; file: string }> {
    for await (const walked of walkReportPaths(paths)) {
      if (walked.error !== undefined) unreadable.push({ file: walked.file, ok: false, error: walked.error, findings: [], diagnostics: [] });
      else yield { index: found++, file: walked.file };
    }
  }
  const files = numbered();
  const pool = parsePool();
  const labels = new CellLabels();
  const lane = async (): Promise<void> => {
    for (let step = await files.next(); !step.done; step = await files.next()) {
      const { index, file } = step.value;
      const checked = await checkOne(file, options.keepDiagnostics === true, (pair) => facts.set(index, pair));
      for (const finding of checked.findings) finding.cells = finding.cells.map((cell) => labels.shared(cell));
      results[index] = checked;
      options.progress?.(++done, found, file);
    }
  };
  const lanes = Math.max(1, options.lanes ?? pool.options.threads * 4);
  await Promise.all(Array.from({ length: lanes }, lane));

  // the first file of each agency and year, in walk order, is the one the next year is checked against
  const first = new Map<string, PairFacts>();
  const key = (agency: string, year: number) => `${year}\u0000${agency}`;
  for (const [, f] of [...facts].sort(([a], [b]) => a - b)) if (!first.has(key(f.agency, f.year))) first.set(key(f.agency, f.year), f.pair);
  for (const [index, f] of facts) {
    const previous = first.get(key(f.agency, f.year - 1));
    if (previous) results[index]?.findings.push(...checkPair(previous, f.pair));
  }
  return [...unreadable, ...results];
}

/** One object for each cell label met (findings name cells of a finite catalogue; their objects are never changed). */
class CellLabels {
  readonly #byPath = new Map<string, CellLabel[]>();
  shared(cell: CellLabel): CellLabel {
    const known = this.#byPath.get(cell.path);
    if (known === undefined) {
      this.#byPath.set(cell.path, [cell]);
      return cell;
    }
    const same = known.find((k) => k.table === cell.table && k.row === cell.row && k.column === cell.column && Object.keys(k).length === Object.keys(cell).length);
    if (same !== undefined) return same;
    known.push(cell);
    return cell;
  }
}

async function checkOne(file: string, keepDiagnostics: boolean, keep: (facts: { agency: string; year: number; pair: PairFacts }) => void): Promise<FileCheck> {
  const unreadable = (error: string): FileCheck => ({ file, ok: false, error, findings: [], diagnostics: [] });
  const read = await readReportBytes(file);
  if (!read.ok) return unreadable(read.error);
  // parsed and checked in the parse pool (time, memory and ZIP limits): a file named on the command line is untrusted too
  const checked = await parsePool().checkReport(read.bytes, basename(file));
  if (!checked.ok) return unreadable(checked.error.message);
  const r = checked.value;
  if (!r.ok) return unreadable(r.error);
  if (r.agency && r.year !== null) keep({ agency: r.agency, year: r.year, pair: r.pair });
  return { file, ok: true, format: r.format, year: r.year, agency: r.agency, findings: r.findings, diagnostics: keepDiagnostics ? r.diagnostics : [] };
}
