// `gongkai report aggregate <dir>` in process (src/cli.ts main, the output captured): over the real
// report fixtures, each summed cell equals the sum computed here from the hand readings
// (*.expected.json), a cell any of them lacks is null and that report is listed with its gap; --year;
// unreadable files (exit 2) and files without a year.

import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/cli.ts';
import { summedCells } from '../../src/domain/report/aggregate.ts';
import type { SourceGaps } from '../../src/domain/report/aggregate.ts';
import { isValidReportJson } from '../../src/domain/report/json.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { renderText } from '../../src/domain/report/render/index.ts';
import { validReport } from '../support/report-factory.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/reports');
const TEMP = mkdtempSync(join(tmpdir(), 'gongkai-aggregate-'));
afterAll(() => rmSync(TEMP, { recursive: true, force: true }));

/**
 * The command line in process: through main (as bin/gongkai.mjs runs it; it ends the parse pool's workers)
 * once, else through the program main builds, so the workers are started once for the file.
 */
async function gongkai(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), tty: false, interactive: false, now: () => '2025-03-01T00:00:00.000Z' };
  let code = 0;
  await (await buildProgram(io, (c) => (code = c))).parseAsync(argv, { from: 'user' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
afterAll(() => closeParsePool());

interface Output {
  year: number | null;
  files: number;
  summed: number;
  sums: { format: string; report: AnnualReport; sources: { source: string; year: number | null; format: string }[]; gaps: SourceGaps[] }[];
  unreadable: { source: string; error: string }[];
  skipped: { source: string; reason: string }[];
  otherYears: number;
}

/** Every number-or-null leaf of the tables (二, 三, 四) of a report, by JSON path. */
function leaves(report: Pick<AnnualReport, 'activeDisclosure' | 'applications' | 'review'>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value === 'number') out.set(path, value);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'columns') walk(v, path ? `${path}.${k}` : k);
  };
  walk({ activeDisclosure: report.activeDisclosure, applications: report.applications, review: report.review }, '');
  return out;
}

/**
 * The hand reading of each report text: its expected JSON; excerpt-030 has none — index.tsv says its
 * tables are not in the text at all (images), so every one of its cells is null.
 */
function handReadings(): { file: string; format: string; year: number; cells: Map<string, number | null> }[] {
  const index = new Map(
    readFileSync(join(FIXTURES, 'index.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .map((c) => [c[0], { year: Number(c[3]), format: c[4] as string }]),
  );
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const json = join(FIXTURES, f.replace(/\.txt$/, '.expected.json'));
      try {
        const expected = JSON.parse(readFileSync(json, 'utf8')) as AnnualReport;
        return { file: join(FIXTURES, f), format: expected.format, year: expected.year as number, cells: leaves(expected) };
      } catch {
        const meta = index.get(f);
        if (meta === undefined || f !== 'excerpt-030.txt') throw new Error(`no hand reading of ${f}`);
        return { file: join(FIXTURES, f), format: meta.format, year: meta.year, cells: new Map() };
      }
    });
}

const TABLE = (path: string) => (path.startsWith('activeDisclosure') ? '二' : path.startsWith('applications') ? '三' : '四');

/** The sum of each format's reports computed from the hand readings, then compared with the command's. */
function expectSumsOfHandReadings(output: Output, readings: ReturnType<typeof handReadings>): void {
  const formats = [...new Set(readings.map((r) => r.format))].sort().reverse();
  expect(output.sums.map((s) => s.format)).toEqual(formats);
  let numbers = 0;
  for (const sum of output.sums) {
    const group = readings.filter((r) => r.format === sum.format);
    expect(sum.sources.map((s) => s.source)).toEqual(group.map((r) => r.file));
    expect(isValidReportJson(sum.report)).toBe(true);
    const leavesOfSum = leaves(sum.report);
    // a row the format does not have (2019: 三（六）1–2) is null as a whole, where a hand reading may give a row of nulls
    const summed = { get: (path: string) => (leavesOfSum.has(path) ? leavesOfSum.get(path) : leavesOfSum.get(path.replace(/\[\d+\]$/, ''))) };
    const paths = new Set(group.flatMap((r) => [...r.cells.keys()]));
    expect(paths.size).toBeGreaterThanOrEqual(200);
    const cellsOfLayout = new Set(summedCells({ active: sum.format as '2021', applications: sum.format as '2021' }).map((c) => c.path));
    for (const path of paths) {
      const values = group.map((r) => r.cells.get(path) ?? null);
      if (values.every((v) => v !== null)) {
        expect(summed.get(path), path).toBeCloseTo(values.reduce((s: number, v) => s + (v ?? 0), 0), 6);
        numbers++;
      } else {
        expect(summed.get(path), path).toBeNull();
        if (!cellsOfLayout.has(path)) continue;
        // each report lacking the cell is listed: the cell itself, or its whole table
        group.forEach((r, i) => {
          if (values[i] !== null) return;
          const gap = sum.gaps.find((g) => g.source === r.file);
          expect(gap, `${r.file} lacks ${path}`).toBeDefined();
          const listed = Object.values(gap?.cells ?? {}).some((p) => p?.includes(path)) || (gap?.tables ?? []).includes(TABLE(path) as '二');
          expect(listed, `${r.file} lacks ${path}`).toBe(true);
        });
      }
    }
    // the sources with every cell are not listed
    for (const g of sum.gaps) expect(group.find((r) => r.file === g.source)?.cells.size === 0 || [...(group.find((r) => r.file === g.source)?.cells.values() ?? [])].includes(null)).toBe(true);
  }
  expect(numbers).toBeGreaterThan(0);
}

describe('gongkai report aggregate <dir>', () => {
  const readings = handReadings();

  it('over the fixtures: each cell the sum of the hand readings, per format; a cell any lacks is null with that report listed', async () => {
    const r = await gongkai('report', 'aggregate', FIXTURES, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const output = JSON.parse(r.out) as Output;
    expect(output).toMatchObject({ year: null, files: readings.length, summed: readings.length, unreadable: [], skipped: [], otherYears: 0 });
    expectSumsOfHandReadings(output, readings);
    const noTables = output.sums.flatMap((s) => s.gaps).find((g) => g.source.endsWith('excerpt-030.txt'));
    expect(noTables).toEqual({ source: join(FIXTURES, 'excerpt-030.txt'), tables: ['二', '三', '四'], cells: {} });
    // the only complete report is listed with no gap
    expect(output.sums.flatMap((s) => s.gaps).map((g) => g.source)).not.toContain(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.txt'));
  });

  it('--year: only the reports of that year', async () => {
    const r = await gongkai('report', 'aggregate', FIXTURES, '--year', '2023', '--json');
    expect(r.code).toBe(0);
    const output = JSON.parse(r.out) as Output;
    const of2023 = readings.filter((x) => x.year === 2023);
    expect(of2023.length).toBeGreaterThan(2);
    expect(output).toMatchObject({ year: 2023, files: readings.length, summed: of2023.length, otherYears: readings.length - of2023.length, skipped: [] });
    expectSumsOfHandReadings(output, of2023);
    expect(output.sums[0]?.report.year).toBe(2023);
  });

  it('prints a readable summary: how many, table 三’s 总计 column, the reports with gaps', async () => {
    const r = await gongkai('report', 'aggregate', FIXTURES);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`共${readings.length}个报告文件，汇总了${readings.length}份报告。`);
    expect(r.out).toContain('这些报告的表格格式不同，不能逐格相加，按格式分别汇总。');
    expect(r.out).toContain('【2021年格式（国办公开办函〔2021〕30号）】9份报告，年度：2022、2023、2024、2025');
    expect(r.out).toContain('表三“总计”列合计：');
    expect(r.out).toMatch(/一、本年新收政府信息公开申请数量\s+—\s+9份中8份有数字，已知部分之和\d+/);
    expect(r.out).toContain('excerpt-030.txt（桂花坪街道，2020年）：没有表二、三、四');
    expect(r.out).toMatch(/excerpt-040\.txt（[^）]*2023年）：没有表四；表三缺\d+格（空白\d+格，文本中没有\d+格）/);
    expect(r.out).toContain('不按0计算');
  });

  it('lists the files it cannot read (exit 2) and, with --year, the reports that state no year', async () => {
    const dir = mkdtempSync(join(TEMP, 'mixed-'));
    copyFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.txt'), join(dir, 'a.txt'));
    writeFileSync(join(dir, 'b.docx'), Buffer.from('PK\x03\x04\x14\x00 a broken DOCX', 'latin1'));
    const [noYear] = fc.sample(validReport('2021'), { numRuns: 1, seed: 31 }) as [AnnualReport];
    writeFileSync(join(dir, 'c.txt'), renderText({ ...noYear, year: null }));
    const r = await gongkai('report', 'aggregate', dir, '--year', '2024', '--json');
    expect(r.code).toBe(2);
    const output = JSON.parse(r.out) as Output;
    expect(output.summed).toBe(1);
    expect(output.unreadable.map((u) => u.source)).toEqual([join(dir, 'b.docx')]);
    expect(output.skipped.map((s) => s.source)).toEqual([join(dir, 'c.txt')]);
    expect(r.err).toContain(`${join(dir, 'b.docx')}：无法读取——`);
    const text = await gongkai('report', 'aggregate', dir, '--year', '2024');
    expect(text.code).toBe(2);
    expect(text.out).toContain('共3个报告文件，汇总了2024年度1份报告；1份没有统计年度，未汇总；1个无法读取。');
    expect(text.out).toContain('无法读取的文件（1个，未汇总）：');
  });

  it('is a command of gongkai: main runs it and returns its exit code', async () => {
    const out: string[] = [];
    const code = await main(['report', 'aggregate', join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.txt'), '--json'], { out: (s) => out.push(s), err: () => undefined, tty: false, interactive: false, now: () => '' });
    expect(code).toBe(0);
    expect((JSON.parse(out.join('\n')) as Output).summed).toBe(1);
  });

  it('refuses, in Chinese with exit 2, an empty folder, a bad year and a path that does not exist', async () => {
    const empty = mkdtempSync(join(TEMP, 'empty-'));
    expect(await gongkai('report', 'aggregate', empty)).toMatchObject({ code: 2, err: expect.stringContaining('中没有年度报告文件') });
    expect(await gongkai('report', 'aggregate', FIXTURES, '--year', '24')).toMatchObject({ code: 2, err: expect.stringContaining('年度“24”无效') });
    expect(await gongkai('report', 'aggregate', join(TEMP, 'no/such'))).toMatchObject({ code: 2, err: expect.stringContaining('找不到目录或文件') });
    expect(await gongkai('report', 'aggregate', 'nosuchcode')).toMatchObject({ code: 2, err: expect.stringContaining('按机关汇总须指明统计年度') });
  });
});
