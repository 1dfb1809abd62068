// `gongkai report aggregate <agency> --year <y>` in process, on a copy of the migrated template
// of each engine lent to the command (support/db.ts useDatabase, lendDatabase): the published
// reports of the agencies below one (all levels) summed, an agency without a report listed as
// missing (never counted as 0), a blank cell null in the sum with its agency listed, a stored
// report that is not interchange JSON listed as unreadable (exit 2).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAggregateCommand } from '../../src/cli/report-aggregate.ts';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import type { SourceGaps } from '../../src/domain/report/aggregate.ts';
import { isValidReportJson } from '../../src/domain/report/json.ts';
import { getAt } from '../../src/domain/report/layout.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import type { Db } from '../../src/services/database.ts';
import { engines, useDatabase } from '../support/db.ts';
import { numericCells, validReport } from '../support/report-factory.ts';

const NOW = '2025-02-01T10:00:00.000+08:00';
const [A, B, C, OTHER] = fc.sample(validReport('2021'), { numRuns: 4, seed: 2024 }) as [AnnualReport, AnnualReport, AnnualReport, AnnualReport];
const blankB: AnnualReport = { ...structuredClone(B), year: 2024 };
blankB.activeDisclosure.licensing = null;

interface Output {
  agency: { code: string; name: string };
  agencies: number;
  year: number;
  summed: number;
  sums: { format: string; report: AnnualReport; sources: { source: string; agency: string; year: number }[]; gaps: SourceGaps[] }[];
  missing: { code: string; name: string }[];
  unreadable: { source: string; error: string }[];
}

describe.each(engines())('gongkai report aggregate <agency> on %s', (engine) => {
  const t = useDatabase(engine);
  let dir: string;
  let config: Config;

  async function agency(db: Db, code: string, name: string, level: 'government' | 'department' | 'township', parentCode?: string): Promise<number> {
    const a = await createAgency(db, { code, name, level, ...(parentCode ? { parentCode } : {}) }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    return a.value.id;
  }
  async function publish(db: Db, agencyId: number, year: number, report: unknown): Promise<void> {
    await db.insertInto('publishedReports').values({ agencyId, year, report: JSON.stringify(report), publishedAt: NOW, publishedBy: null }).execute();
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-aggregate-db-'));
    config = lendDatabase({ dataDir: join(dir, 'data'), databaseUrl: undefined, port: 3000, secureCookies: false }, t.database);
    const db = t.db;
    await agency(db, 'city', '某市人民政府', 'government');
    const a = await agency(db, 'dept-a', '某市教育局', 'department', 'city');
    const b = await agency(db, 'dept-b', '某市民政局', 'department', 'city');
    await agency(db, 'dept-c', '某市体育局', 'department', 'city');
    const other = await agency(db, 'other', '另一市人民政府', 'government');
    const otherDept = await agency(db, 'other-dept', '另一市财政局', 'department', 'other');
    await publish(db, a, 2024, { ...A, year: 2024 });
    await publish(db, a, 2023, { ...OTHER, year: 2023 });
    await publish(db, b, 2024, blankB);
    await publish(db, other, 2024, OTHER);
    await publish(db, otherDept, 2024, OTHER);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function aggregate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const cmd = reportAggregateCommand({ out: (s) => out.push(s), err: (s) => err.push(s), tty: false }, (c) => (code = c), () => ({ ok: true, config }));
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('a parent with three departments, two published: their sum, the blank cell null with its agency, the third missing (exit 0)', async () => {
    const r = await aggregate('city', '--year', '2024', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const output = JSON.parse(r.out) as Output;
    expect(output).toMatchObject({ agency: { code: 'city', name: '某市人民政府' }, agencies: 3, year: 2024, summed: 2, unreadable: [], missing: [{ code: 'dept-c', name: '某市体育局' }] });
    expect(output.sums).toHaveLength(1);
    const [sum] = output.sums;
    expect(isValidReportJson(sum?.report)).toBe(true);
    expect(sum?.report.year).toBe(2024);
    expect(sum?.sources).toEqual([
      { source: 'dept-a', agency: '某市教育局', year: 2024, format: '2021' },
      { source: 'dept-b', agency: '某市民政局', year: 2024, format: '2021' },
    ]);
    expect(sum?.gaps).toEqual([{ source: 'dept-b', tables: [], cells: { none: ['activeDisclosure.licensing'] } }]);
    for (const c of numericCells('2021')) {
      const summed = getAt(sum?.report, c.at);
      if (c.path === 'activeDisclosure.licensing') expect(summed).toBeNull();
      else expect(summed, c.path).toBeCloseTo((getAt(A, c.at) as number) + (getAt(B, c.at) as number), 6);
    }
  });

  it('prints a readable summary naming the missing department', async () => {
    const r = await aggregate('city', '--year', '2024');
    expect(r.code).toBe(0);
    expect(r.out).toContain('某市人民政府（city）的下级机关共3个：2个已发布2024年度报告，已汇总2份；1个未发布。');
    expect(r.out).toContain('未发布2024年度报告的下级机关（1个，未计入合计，也未按0计算）：\n  dept-c　某市体育局');
    expect(r.out).toContain('dept-b（某市民政局，2024年）：表二缺1格（无数字）“第二十条第（五）项 行政许可·本年处理决定数量”');
  });

  it('takes every level below, and lists a stored report that is not interchange JSON as unreadable (exit 2)', async () => {
    const town = await agency(t.db, 'town', '某市某镇', 'township', 'dept-c');
    await publish(t.db, town, 2024, { ...C, year: 2024 });
    const broken = await agency(t.db, 'dept-d', '某市文化局', 'department', 'city');
    await publish(t.db, broken, 2024, { format: '2021', year: 2024 });
    const r = await aggregate('city', '--year', '2024', '--json');
    expect(r.code).toBe(2);
    const output = JSON.parse(r.out) as Output;
    expect(output).toMatchObject({ agencies: 5, summed: 3, missing: [{ code: 'dept-c' }] });
    expect(output.sums[0]?.sources.map((s) => s.source)).toEqual(['dept-a', 'dept-b', 'town']);
    expect(output.unreadable).toEqual([{ source: 'dept-d', error: expect.stringContaining('某市文化局2024年度已发布的报告数据不符合交换格式') }]);
    expect(output.sums[0]?.report.applications.rows.newReceived[6]).toBe(
      (A.applications.rows.newReceived[6] ?? 0) + (B.applications.rows.newReceived[6] ?? 0) + (C.applications.rows.newReceived[6] ?? 0),
    );
  });

  it('refuses an agency without subordinates, an unknown code and a missing year, in Chinese (exit 2)', async () => {
    expect(await aggregate('dept-a', '--year', '2024')).toMatchObject({ code: 2, err: expect.stringContaining('没有下级机关') });
    expect(await aggregate('nobody', '--year', '2024')).toMatchObject({ code: 2, err: expect.stringContaining('也没有代码为“nobody”的机关') });
    expect(await aggregate('city')).toMatchObject({ code: 2, err: expect.stringContaining('按机关汇总须指明统计年度') });
  });
});
