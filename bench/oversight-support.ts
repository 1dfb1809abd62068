// What the two stages of the oversight bench (oversight.ts: files; oversight-platform.ts: the platform)
// share: the agencies below the office, the corpus of their reports, and memory readings.
//
// The agencies: an office (a 市人民政府) over county governments (100 agencies each: the 人民政府, 30
// departments and 69 towns), named without digits (a year-like number is stripped from names when they
// are matched); report i is the report of agency i, under its name, for YEAR.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { numericCells, validReport } from '../test/support/report-factory.ts';
import { setAt } from '../src/domain/report/layout.ts';
import type { AnnualReport } from '../src/domain/report/model.ts';
import { renderHtml, renderText } from '../src/domain/report/render/index.ts';

export const MB = 1024 * 1024;
/** The year the reports are of, and collected for. */
export const YEAR = 2025;
const BATCH = 500;
/** The seed of the corpus's reports (this year's). */
export const CORPUS_SEED = 1300;

const A = ['东', '西', '南', '北', '中', '安', '平', '宁', '和', '康'];
const B = ['山', '水', '河', '林', '川', '阳', '江', '源', '泉', '城'];
const C = ['丰', '兴', '华', '庆', '昌', '盛', '泰', '富', '隆', '嘉'];
const DEPARTMENTS = [
  '发展和改革局', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局',
  '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会', '退役军人事务局', '应急管理局',
  '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '体育局', '信访局', '城市管理局', '政务服务管理局', '民族宗教事务局',
];
const T1 = ['青', '白', '红', '金', '石', '柳', '桃', '梅', '松', '竹'];
const T2 = ['桥', '湾', '坪', '岗', '塘', '溪', '坝'];

export interface BenchAgency {
  code: string;
  name: string;
  level: 'government' | 'department' | 'township';
  /** the index of its county government; null: directly below the office */
  parent: number | null;
}

/** The `size` agencies below the office (at most 100,000), parents before their own. */
export function benchAgencies(size: number): BenchAgency[] {
  const out: BenchAgency[] = [];
  for (let county = 0; out.length < size; county++) {
    const place = `${A[county % 10]}${B[Math.floor(county / 10) % 10]}${county >= 100 ? C[Math.floor(county / 100) % 10] : ''}县`;
    const head = out.length;
    out.push({ code: `bench-${head}`, name: `${place}人民政府`, level: 'government', parent: null });
    for (let j = 0; j < 99 && out.length < size; j++) {
      const k = j - DEPARTMENTS.length;
      const name = k < 0 ? `${place}${DEPARTMENTS[j]}` : `${place}${T1[k % 10]}${T2[Math.floor(k / 10)]}镇人民政府`;
      out.push({ code: `bench-${out.length}`, name, level: k < 0 ? 'department' : 'township', parent: head });
    }
  }
  return out;
}

/** Random valid reports (fixed seeds), 90% in the 2021 format, one in 20 with blank cells, named and dated. */
export function* benchReports(agencies: readonly BenchAgency[], year: number, seed: number): Generator<AnnualReport> {
  const reports = fc.oneof({ arbitrary: validReport('2021'), weight: 9 }, { arbitrary: validReport('2019'), weight: 1 });
  for (let start = 0; start < agencies.length; start += BATCH) {
    const batch = fc.sample(reports, { numRuns: Math.min(BATCH, agencies.length - start), seed: seed + start });
    for (const [k, report] of batch.entries()) {
      const i = start + k;
      report.agency = agencies[i]?.name ?? null;
      report.year = year;
      if (i % 20 === 7) {
        const cells = numericCells(report.format === '2019' ? '2019' : '2021');
        for (const step of [3, 57, 131]) setAt(report, cells[(i + step) % cells.length]?.at ?? [], null);
      }
      yield report;
    }
  }
}

/**
 * Last year's report of agency i beside this year's `report`: three in four carry over what this year's
 * states (上年结转 = last year's 结转下年度, 现行有效件数 less this year's 制发, plus its 废止: the cross-year
 * checks X1 and X2 hold); the fourth is `other`, unrelated (they fail).
 */
export function lastYearOf(report: AnnualReport, other: AnnualReport, i: number): AnnualReport {
  if (i % 4 === 3) return { ...other, agency: report.agency, year: (report.year ?? YEAR) - 1 };
  const last = structuredClone(report);
  last.year = (report.year ?? YEAR) - 1;
  last.applications.rows.carriedForward = structuredClone(report.applications.rows.carriedOver);
  for (const doc of ['regulations', 'normativeDocuments'] as const) {
    const { inForce, issued, repealed } = report.activeDisclosure[doc];
    if (typeof inForce === 'number' && typeof issued === 'number' && typeof repealed === 'number') last.activeDisclosure[doc].inForce = inForce - issued + repealed;
  }
  return last;
}

/** The file name of report i. */
export const fileOf = (i: number): string => `${String(i).padStart(5, '0')}.${i % 2 === 1 ? 'html' : 'txt'}`;

/** The reports of YEAR rendered as text and HTML (alternately) into `dir`; their bytes. */
export function buildCorpus(dir: string, agencies: readonly BenchAgency[]): number {
  let bytes = 0;
  let i = 0;
  for (const report of benchReports(agencies, YEAR, CORPUS_SEED)) {
    const content = i % 2 === 1 ? (renderHtml(report) as string) : renderText(report);
    writeFileSync(join(dir, fileOf(i)), content);
    bytes += Buffer.byteLength(content);
    i++;
  }
  return bytes;
}

/** RSS sampled every 20 ms while `body` runs: its peak, and its value at each tenth of the progress. */
export async function sampled<T>(body: (mark: (done: number, total: number) => void) => Promise<T>): Promise<{ value: T; peak: number; byTenth: number[] }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const byTenth: number[] = [];
  try {
    const value = await body((done, total) => {
      const tenth = Math.floor((done * 10) / total);
      if (tenth <= byTenth.length) return;
      const rss = process.memoryUsage.rss();
      byTenth.push(rss);
      peak = Math.max(peak, rss);
    });
    return { value, peak: Math.max(peak, process.memoryUsage.rss()), byTenth };
  } finally {
    clearInterval(timer);
  }
}

/** The live heap after a full collection (the gc of V8, exposed at run time: no flag on npm run bench). */
export function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** `readings` (bytes) as "a → b → c MB". */
export const megabytes = (readings: readonly number[], digits = 0): string => `${readings.map((b) => (b / MB).toFixed(digits)).join(' → ')} MB`;

/** Readings taken when the progress crosses a tenth (once per crossing: a batch may cross more than one). */
export class Tenths {
  readonly readings: number[] = [];
  readonly at: number[] = [];
  #tenth = 0;
  constructor(readonly read: () => number) {}

  mark = (done: number, total: number): void => {
    const tenth = Math.floor((done * 10) / total);
    if (tenth <= this.#tenth) return;
    this.#tenth = tenth;
    this.readings.push(this.read());
    this.at.push(Math.round((done * 100) / total));
  };

  /** "at 10% … 100%: a → b … MB" */
  toString(digits = 1): string {
    const at = this.at.length === 10 ? `${this.at[0]}% … ${this.at[9]}%` : this.at.map((p) => `${p}%`).join(', ');
    return `at ${at}: ${megabytes(this.readings, digits)}`;
  }
}
