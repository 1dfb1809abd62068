// Factories and fast-check arbitraries for annual reports: valid by default (every rule of the
// checks holds), so a test changes only what it is about.

import fc from 'fast-check';
import { applicationRows, cellCatalogue, getAt, setAt } from '../../src/domain/report/layout.ts';
import type { Path } from '../../src/domain/report/layout.ts';
import { emptyReport, emptyTrial2019 } from '../../src/domain/report/model.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';

const AGENCIES = ['中卫市机关事务服务中心', '湛江市人民政府地方志办公室', '大冶市自然资源和规划局', '兴化市大营镇人民政府', '北京市东城区教育委员会'];
const SENTENCES = [
  '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，不断提升政务公开质效。',
  '严格执行信息公开“三审三校”制度，确保发布的信息客观、公正、无差错。',
  '依托政府网站主动公开部门预算、决算和“三公”经费等情况，主动接受社会监督。',
  '个别事项主动公开的时效性还不够强，公开途径比较单一。',
  '本机关全年未收取信息处理费。',
  '下一步将加强统筹协调，继续完善政府信息公开工作机制。',
];

const paragraphs = fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 3 }).map((s) => s.join('\n'));

/** A valid report of the 2021 format (or of the 2019 trial format): every cell a number, every rule holding. */
export function validReport(format: '2021' | '2019' = '2021'): fc.Arbitrary<AnnualReport> {
  const results = applicationRows(format).filter((r) => r.result);
  const small = fc.integer({ min: 0, max: 30 });
  return fc
    .record({
      agency: fc.constantFrom(...AGENCIES),
      year: format === '2019' ? fc.integer({ min: 2019, max: 2020 }) : fc.integer({ min: 2021, max: 2030 }),
      t2: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 20, maxLength: 20 }),
      signed: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 6, maxLength: 6 }),
      fee: fc.integer({ min: 0, max: 99999 }).map((n) => n / 100),
      results: fc.array(fc.array(small, { minLength: 6, maxLength: 6 }), { minLength: results.length, maxLength: results.length }),
      carriedOver: fc.array(small, { minLength: 6, maxLength: 6 }),
      carriedForward: fc.array(small, { minLength: 6, maxLength: 6 }),
      review: fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
      text: fc.record({ overview: paragraphs, problems: paragraphs, other: paragraphs }),
      procurement: fc.constantFrom('184719元', '160.5964万元', '0'),
    })
    .map((g) => {
      const report = emptyReport(format);
      report.agency = g.agency;
      report.year = g.year;
      report.text = g.text;
      if (format === '2019') report.trial2019 = emptyTrial2019();
      // 二
      let n = 0;
      let s = 0;
      for (const c of cellCatalogue(format).filter((c) => c.table.startsWith('二'))) {
        if (c.text) setAt(report, c.at, g.procurement);
        else if (c.signed) setAt(report, c.at, g.signed[s++] ?? 0);
        else if (c.path === 'activeDisclosure.feesWanYuan') setAt(report, c.at, g.fee);
        else setAt(report, c.at, g.t2[n++] ?? 0);
      }
      // 三: results by column, totals by row and column, then 一 = 三（七）+ 四 − 二
      results.forEach((spec, i) => setAt(report, spec.path, withTotal(g.results[i] ?? [])));
      const total = [0, 1, 2, 3, 4, 5].map((c) => results.reduce((sum, spec) => sum + ((getAt(report, [...spec.path, c]) as number) ?? 0), 0));
      setAt(report, ['applications', 'rows', 'totalHandled'], withTotal(total));
      const carriedOver = g.carriedOver.map((v, c) => Math.min(v, (total[c] ?? 0) + (g.carriedForward[c] ?? 0)));
      setAt(report, ['applications', 'rows', 'carriedOver'], withTotal(carriedOver));
      setAt(report, ['applications', 'rows', 'carriedForward'], withTotal(g.carriedForward));
      setAt(report, ['applications', 'rows', 'newReceived'], withTotal(total.map((t, c) => t + (g.carriedForward[c] ?? 0) - (carriedOver[c] ?? 0))));
      // 四
      (['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const).forEach((key, i) => {
        const four = g.review[i] ?? [0, 0, 0, 0];
        report.review[key] = [...four, four.reduce((a, b) => a + b, 0)];
      });
      return report;
    });
}

function withTotal(six: number[]): number[] {
  return [...six, six.reduce((a, b) => a + b, 0)];
}

/** The numeric cells of a report's format, for picking one to change. */
export function numericCells(format: '2021' | '2019'): { path: string; at: Path; table: string }[] {
  return cellCatalogue(format)
    .filter((c) => !c.text)
    .map((c) => ({ path: c.path, at: c.at, table: c.table }));
}
