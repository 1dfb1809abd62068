// Summing annual reports cell by cell (domain/report/aggregate.ts): properties over random reports — the
// sum of one report is itself, the sum does not depend on the order, a null in any source makes the cell
// null and lists the source — and the rules around them (formats, whole tables missing, text cells).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportSum, summedCells, sumReports, tableLayout } from '../../src/domain/report/aggregate.ts';
import type { AggregateGroup } from '../../src/domain/report/aggregate.ts';
import { trend } from '../../src/domain/report/aggregate-trend.ts';
import { isValidReportJson } from '../../src/domain/report/json.ts';
import { getAt, setAt } from '../../src/domain/report/layout.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { numericCells, validReport } from '../support/report-factory.ts';

const format = (r: AnnualReport): '2021' | '2019' => (r.format === '2019' ? '2019' : '2021');

/** A valid report with some cells made null. */
const withNulls = (base: fc.Arbitrary<AnnualReport>) =>
  fc.tuple(base, fc.array(fc.nat(), { maxLength: 5 })).map(([report, picks]) => {
    const cells = numericCells(format(report));
    for (const p of picks) {
      const cell = cells[p % cells.length];
      if (cell) setAt(report, cell.at, null);
    }
    return report;
  });

const anyReport = withNulls(fc.oneof({ arbitrary: validReport('2021'), weight: 3 }, { arbitrary: validReport('2019'), weight: 1 }));
const sourced = (reports: AnnualReport[]) => reports.map((report, i) => ({ source: { source: `r${String(i).padStart(3, '0')}`, agency: report.agency, year: report.year }, report }));

function only(groups: AggregateGroup[]): AggregateGroup {
  expect(groups).toHaveLength(1);
  return groups[0] as AggregateGroup;
}

describe('sum of annual reports', () => {
  it('the sum of one report is itself, cell by cell, and valid interchange JSON', () => {
    fc.assert(
      fc.property(anyReport, (report) => {
        const group = only(sumReports(sourced([report])));
        expect(group.format).toBe(report.format);
        expect(isValidReportJson(group.report)).toBe(true);
        for (const c of summedCells(tableLayout(report))) expect(getAt(group.report, c.at), c.path).toBe(getAt(report, c.at));
        expect(group.report.year).toBe(report.year);
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of the reports', () => {
    fc.assert(
      fc.property(
        fc.array(anyReport, { minLength: 1, maxLength: 6 }).chain((reports) => fc.tuple(fc.constant(sourced(reports)), fc.shuffledSubarray(sourced(reports), { minLength: reports.length }))),
        ([items, shuffled]) => {
          expect(sumReports(shuffled)).toEqual(sumReports(items));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('adds every cell the reports all have; a null in any report makes the cell null and lists that report', () => {
    fc.assert(
      fc.property(fc.array(validReport('2021'), { minLength: 2, maxLength: 5 }), fc.nat(), fc.nat(), (reports, who, which) => {
        const cells = numericCells('2021');
        const cell = cells[which % cells.length]!;
        const lacking = who % reports.length;
        const expected = cells.map((c) => reports.reduce((s, r) => s + (getAt(r, c.at) as number), 0));
        const original = getAt(reports[lacking]!, cell.at) as number;
        setAt(reports[lacking]!, cell.at, null);
        const group = only(sumReports(sourced(reports)));
        cells.forEach((c, i) => {
          const summed = getAt(group.report, c.at);
          if (c.path === cell.path) expect(summed).toBeNull();
          else expect(summed).toBeCloseTo(expected[i]!, 6);
        });
        expect(group.gaps).toEqual([{ source: sourced(reports)[lacking]!.source.source, tables: [], cells: { none: [cell.path] } }]);
        const summed = group.cells.find((c) => c.path === cell.path)!;
        expect(summed.known).toBe(reports.length - 1);
        expect(summed.partial).toBeCloseTo(expected[cells.indexOf(cell)]! - original, 6);
      }),
      { numRuns: 60 },
    );
  });

  it('sums decimals of 收费金额 exactly, whatever the order', () => {
    const [a, b, c] = fc.sample(validReport('2021'), { numRuns: 3, seed: 5 }) as [AnnualReport, AnnualReport, AnnualReport];
    a.activeDisclosure.feesWanYuan = 0.1;
    b.activeDisclosure.feesWanYuan = 0.2;
    c.activeDisclosure.feesWanYuan = 1234.5678;
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) expect(only(sumReports(sourced(order))).report.activeDisclosure.feesWanYuan).toBe(1234.8678);
  });

  it('sums the 2019 trial format and the 2021 format apart, the 2021 format first', () => {
    const [r2021] = fc.sample(validReport('2021'), { numRuns: 1, seed: 1 }) as [AnnualReport];
    const [r2019] = fc.sample(validReport('2019'), { numRuns: 1, seed: 2 }) as [AnnualReport];
    const groups = sumReports(sourced([r2019, r2021]));
    expect(groups.map((g) => g.format)).toEqual(['2021', '2019']);
    expect(groups.map((g) => g.sources.map((s) => s.source))).toEqual([['r001'], ['r000']]);
    expect(groups[1]?.report.trial2019?.licensing.change).toBe(r2019.trial2019?.licensing.change);
    expect(groups[1]?.report.applications.rows.otherHandling.noCorrection).toBeNull();
  });

  it('a mixed report (table 二 of 2019, 三 of 2021) is a layout of its own', () => {
    const [r2021] = fc.sample(validReport('2021'), { numRuns: 1, seed: 3 }) as [AnnualReport];
    const [r2019] = fc.sample(validReport('2019'), { numRuns: 1, seed: 4 }) as [AnnualReport];
    const mixed: AnnualReport = { ...structuredClone(r2021), format: 'mixed', trial2019: structuredClone(r2019.trial2019), activeDisclosure: structuredClone(r2019.activeDisclosure) };
    const groups = sumReports(sourced([r2021, mixed]));
    expect(groups.map((g) => [g.format, g.layout])).toEqual([
      ['2021', { active: '2021', applications: '2021' }],
      ['mixed', { active: '2019', applications: '2021' }],
    ]);
    const group = groups[1]!;
    expect(isValidReportJson(group.report)).toBe(true);
    expect(group.gaps).toEqual([]);
    expect(group.report.trial2019?.fees.previousYear).toBe(r2019.trial2019?.fees.previousYear);
    expect(group.report.applications.rows.otherHandling.noCorrection).toEqual(r2021.applications.rows.otherHandling.noCorrection);
  });

  it('lists a table a source lacks altogether instead of its cells, and the parser’s reason for each cell', () => {
    const [a, b] = fc.sample(validReport('2021'), { numRuns: 2, seed: 9 }) as [AnnualReport, AnnualReport];
    for (const key of ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const) b.review[key] = [null, null, null, null, null];
    b.activeDisclosure.licensing = null;
    b.applications.rows.granted[2] = null;
    const sum = new ReportSum();
    expect(sum.add({ source: 'a', agency: null, year: 2024 }, a)).toBeNull();
    const gaps = sum.add({ source: 'b', agency: null, year: 2024 }, b, { 'activeDisclosure.licensing': 'blank', 'applications.rows.granted[2]': 'missing' });
    expect(gaps).toEqual({ source: 'b', tables: ['四'], cells: { blank: ['activeDisclosure.licensing'], missing: ['applications.rows.granted[2]'] } });
    const [group] = sum.result();
    expect(group?.gaps).toEqual([gaps]);
    expect(group?.report.review.reconsideration).toEqual([null, null, null, null, null]);
    expect(group?.report.applications.rows.granted[3]).toBe((a.applications.rows.granted[3] ?? 0) + (b.applications.rows.granted[3] ?? 0));
    expect(sum.size).toBe(2);
  });

  it('a report without any table makes every cell null and is listed with the three tables', () => {
    const [a] = fc.sample(validReport('2019'), { numRuns: 1, seed: 12 }) as [AnnualReport];
    const empty = structuredClone(a);
    for (const c of numericCells('2019')) setAt(empty, c.at, null);
    const group = only(sumReports(sourced([a, empty])));
    expect(group.cells.every((c) => c.value === null)).toBe(true);
    expect(group.gaps).toEqual([{ source: 'r001', tables: ['二', '三', '四'], cells: {} }]);
  });

  it('does not sum the free-text 采购总金额 and does not count it as a gap', () => {
    const [a, b] = fc.sample(validReport('2019'), { numRuns: 2, seed: 13 }) as [AnnualReport, AnnualReport];
    const group = only(sumReports(sourced([a, b])));
    expect(group.report.trial2019?.procurement.amount).toBeNull();
    expect(group.gaps).toEqual([]);
  });

  it('states the year only when every source shares it', () => {
    const [a, b] = fc.sample(validReport('2021'), { numRuns: 2, seed: 14 }) as [AnnualReport, AnnualReport];
    const sum = (ya: number | null, yb: number | null) => only(sumReports([{ source: { source: 'a', agency: null, year: ya }, report: a }, { source: { source: 'b', agency: null, year: yb }, report: b }])).report.year;
    expect(sum(2024, 2024)).toBe(2024);
    expect(sum(2023, 2024)).toBeNull();
    expect(sum(2024, null)).toBeNull();
  });
});

describe('trend of a cell across years', () => {
  const NEW = ['applications', 'rows', 'newReceived', 6] as const;
  const reports = fc.sample(validReport('2021'), { numRuns: 5, seed: 21 }) as AnnualReport[];
  const at = (r: AnnualReport) => getAt(r, NEW) as number;

  it('one agency: its figure year by year, oldest first', () => {
    const series = reports.slice(0, 3).map((report, i) => ({ report, year: 2023 - i }));
    expect(trend(series, NEW)).toEqual([
      { year: 2021, value: at(reports[2]!), reports: 1, known: 1, format: '2021' },
      { year: 2022, value: at(reports[1]!), reports: 1, known: 1, format: '2021' },
      { year: 2023, value: at(reports[0]!), reports: 1, known: 1, format: '2021' },
    ]);
  });

  it('the whole: each year summed, null where a report of the year lacks the cell', () => {
    const lacking = structuredClone(reports[4]!);
    setAt(lacking, NEW, null);
    const series = [
      { report: reports[0]!, year: 2023 },
      { report: reports[1]!, year: 2023 },
      { report: reports[2]!, year: 2024 },
      { report: lacking, year: 2024 },
    ];
    expect(trend(series, NEW)).toEqual([
      { year: 2023, value: at(reports[0]!) + at(reports[1]!), reports: 2, known: 2, format: '2021' },
      { year: 2024, value: null, reports: 2, known: 1, format: '2021' },
    ]);
  });

  it('marks the change of format and leaves a year of two formats without a value', () => {
    const [old] = fc.sample(validReport('2019'), { numRuns: 1, seed: 22 }) as [AnnualReport];
    const points = trend(
      [
        { report: old, year: 2020 },
        { report: reports[0]!, year: 2021 },
        { report: reports[1]!, year: 2022 },
        { report: old, year: 2022 },
      ],
      NEW,
    );
    expect(points.map((p) => [p.year, p.format, p.value])).toEqual([
      [2020, '2019', at(old)],
      [2021, '2021', at(reports[0]!)],
      [2022, 'mixed', null],
    ]);
  });
});
