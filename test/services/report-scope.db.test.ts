// The government's own report drafted from the sum of its subtree plus its own records (issue #13), on
// each engine: 示范市人民政府 over two departments, a township and 示范县人民政府 (with a department of its
// own whose figures the county's report already holds). The draft's tables are the city's records plus
// the reports collected below — the county's department not summed twice — checked cell by cell against a
// sum written plainly here; a township that has not published leaves every summed cell blank (the checks
// of publication refuse) and a gap naming it, until the office excludes it, which section 六 then states;
// the setting 'own' gives the city's records alone. The office's 汇总 and `report aggregate` by agency list
// the covered department instead of summing it.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { getAt } from '../../src/domain/report/layout.ts';
import { agencySettings, createAgency, updateAgency } from '../../src/services/agencies.ts';
import { aggregateYear } from '../../src/services/oversight/aggregate.ts';
import { excludeAgency, includeAgency } from '../../src/services/oversight/entry.ts';
import { enterCounts } from '../../src/services/records/counts.ts';
import { aggregateAgencyReports } from '../../src/services/report-aggregate.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { publishReport } from '../../src/services/report-publish.ts';
import { engines, useDatabase } from '../support/db.ts';
import { numericCells, validReport } from '../support/report-factory.ts';

const YEAR = 2024;
const NOW = '2025-01-20T02:00:00.000Z';
const actor = { userId: null, ip: '127.0.0.1', now: NOW };

/** code → [name, level, parent] */
const TREE = [
  ['city', '示范市人民政府', 'government', null],
  ['fgw', '示范市发展和改革委员会', 'department', 'city'],
  ['sjj', '示范市审计局', 'department', 'city'],
  ['town', '示范市大营镇人民政府', 'township', 'city'],
  ['county', '示范县人民政府', 'government', 'city'],
  ['cjj', '示范县财政局', 'department', 'county'],
] as const;

/** Valid reports (every rule of publication holding), one per publishing agency, reproducible. */
function reportsFor(tag: string): Record<'fgw' | 'sjj' | 'county' | 'cjj', AnnualReport> {
  const [a, b, c, d] = fc.sample(validReport('2021'), { numRuns: 4, seed: 20250120 });
  const named = (r: AnnualReport | undefined, name: string): AnnualReport => ({ ...(r as AnnualReport), year: YEAR, agency: `${name}${tag}` });
  return { fgw: named(a, '示范市发展和改革委员会'), sjj: named(b, '示范市审计局'), county: named(c, '示范县人民政府'), cjj: named(d, '示范县财政局') };
}

const cells = numericCells('2021');
const value = (r: AnnualReport, at: (typeof cells)[number]['at']) => getAt(r, at) as number | null;

describe.each(engines())('the report of a government summing its area (%s)', (engine) => {
  const t = useDatabase(engine);
  const code = (k: string) => `${k}-scope-${engine}`;
  const ids: Record<string, number> = {};
  let reports: ReturnType<typeof reportsFor>;

  beforeAll(async () => {
    for (const [k, name, level, parent] of TREE) {
      const r = await createAgency(t.db, { code: code(k), name, level, ...(parent ? { parentCode: code(parent) } : {}) }, NOW);
      if (!r.ok) throw new Error(r.error.message);
      ids[k] = r.value.id;
    }
    reports = reportsFor('');
    for (const [k, report] of Object.entries(reports)) {
      const p = await publishReport(t.db, code(k), { year: YEAR, report, source: 'test' }, { userId: null, now: NOW });
      if (!p.ok) throw new Error(`${k}: ${p.error.message}`);
    }
    // the city's own figures of table 二 (licensing …), so its own report has every cell
    const counts = await enterCounts(t.db, ids['city'] as number, [
      { year: String(YEAR), kind: 'licensing', value: '7' },
      { year: String(YEAR), kind: 'punishment', value: '3' },
      { year: String(YEAR), kind: 'enforcement', value: '0' },
      { year: String(YEAR), kind: 'fees', value: '0' },
    ], { userId: null, name: '导入', now: NOW, today: '2025-01-20', source: 'page' });
    if (!counts.ok) throw new Error(counts.error.message);
  });

  it('a 人民政府 sums its area by default; the setting says so and can be changed', async () => {
    const city = await agencySettings(t.db, code('city'));
    expect(city.ok && [city.value.reportScope, city.value.reportScopeSet]).toEqual(['subtree', false]);
    const dept = await agencySettings(t.db, code('fgw'));
    expect(dept.ok && dept.value.reportScope).toBe('own');
    const bad = await updateAgency(t.db, code('city'), { reportScope: 'all' as never });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('年度报告的数据范围');
  });

  it('with a township missing: every summed cell blank, the township named as a gap, the county department not listed as missing', async () => {
    const drafted = await draftFor(t.db, code('city'), YEAR);
    if (!drafted.ok) throw new Error(drafted.error.message);
    const r = drafted.value;
    for (const c of cells) expect(value(r.report, c.at), c.path).toBeNull();
    const gaps = r.draft.gaps.map((g) => g.message).join('\n');
    expect(gaps).toContain('示范市大营镇人民政府（未收集到报告（未发布））');
    expect(gaps).not.toContain('示范县财政局');
    expect(r.input.scope?.covered).toEqual([{ code: code('cjj'), name: '示范县财政局', by: '示范县人民政府' }]);
  });

  it('the township excluded: own records + 发改委 + 审计局 + the county, cell for cell; 六 states the sum and the exclusion', async () => {
    const ex = await excludeAgency(t.db, ids['city'] as number, ids['town'] as number, YEAR, '该镇2024年度报告尚未报送，已另行督办', actor);
    expect(ex.ok).toBe(true);
    const own = await updateAgency(t.db, code('city'), { reportScope: 'own' });
    expect(own.ok).toBe(true);
    const alone = await draftFor(t.db, code('city'), YEAR);
    if (!alone.ok) throw new Error(alone.error.message);
    expect(alone.value.input.scope).toBeNull();
    const ownReport = alone.value.report;
    await updateAgency(t.db, code('city'), { reportScope: null });

    const drafted = await draftFor(t.db, code('city'), YEAR);
    if (!drafted.ok) throw new Error(drafted.error.message);
    const r = drafted.value;
    let compared = 0;
    for (const c of cells) {
      const parts = [ownReport, reports.fgw, reports.sjj, reports.county].map((x) => value(x, c.at));
      if (parts.some((p) => p === null)) continue;
      const expected = Math.round(parts.reduce<number>((s, p) => s + (p as number), 0) * 1e6) / 1e6;
      expect(value(r.report, c.at), c.path).toBeCloseTo(expected, 6);
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
    // 示范县财政局 is in the county's report: summed again, the total would be larger by its own
    const total = ['applications', 'rows', 'newReceived', 6];
    expect(value(reports.cjj, total)).toBeGreaterThan(0);
    expect(value(r.report, total)).toBe([ownReport, reports.fgw, reports.sjj, reports.county].reduce((s, x) => s + (value(x, total) ?? 0), 0));
    const six = r.draft.sections.find((s) => s.key === 'other')?.paragraphs.flatMap((p) => p.sentences) ?? [];
    const scope = six.find((s) => s.id === 'other.scope');
    expect(scope?.text).toContain('本级和所属3个机关（单位）2024年度政府信息公开工作年度报告数据的汇总');
    expect(scope?.text).toContain('示范县人民政府的年度报告已包含其所属1个机关（单位）的数据，不重复计算');
    expect(scope?.text).toContain('示范市大营镇人民政府（该镇2024年度报告尚未报送，已另行督办）的年度报告未纳入汇总');
    expect(r.draft.gaps.map((g) => g.message).join('\n')).not.toContain('示范市大营镇人民政府');
    expect(r.report.text?.other).toContain('本级和所属3个机关（单位）');
    await includeAgency(t.db, ids['city'] as number, ids['town'] as number, YEAR, actor);
  });

  it('the office’s 汇总 and `report aggregate` by agency list the covered department instead of summing it', async () => {
    const aggregate = await aggregateYear(t.db, ids['city'] as number, YEAR, '2025-01-20');
    expect(aggregate.covered).toEqual([{ code: code('cjj'), name: '示范县财政局', by: { code: code('county'), name: '示范县人民政府' } }]);
    expect(aggregate.included.map((i) => i.code).sort()).toEqual([code('county'), code('fgw'), code('sjj')].sort());
    expect(aggregate.missing.map((m) => m.code)).toEqual([code('town')]);
    const cli = await aggregateAgencyReports(t.db, code('city'), YEAR);
    if (!cli.ok) throw new Error(cli.error.message);
    expect(cli.value.summed).toBe(3);
    expect(cli.value.covered.map((c) => [c.code, c.by.code])).toEqual([[code('cjj'), code('county')]]);
    // the county set to report its own records only: its department is summed on its own again
    await updateAgency(t.db, code('county'), { reportScope: 'own' });
    const again = await aggregateAgencyReports(t.db, code('city'), YEAR);
    expect(again.ok && [again.value.summed, again.value.covered.length]).toEqual([4, 0]);
    await updateAgency(t.db, code('county'), { reportScope: null });
  });
});
