// The annual reports of the demo's other agencies (demo/oversight.ts): consistent reports in the format
// of their year (2021, or the 2019 trial format before 2021) made from a seeded generator (xorshift32) — table 三's results by applicant column with their
// totals, 一 = 三（七）+ 四 − 二, last year's 四 carried into this year's 二 (so neighbouring years agree, X1),
// table 二's figures and table 四's cases — and prose that states no figure (so P1 has nothing to
// contradict). Pure.

import { applicationRows, cellCatalogue, setAt } from '../../domain/report/layout.ts';
import { emptyReport, emptyTrial2019 } from '../../domain/report/model.ts';
import type { AnnualReport } from '../../domain/report/model.ts';

/** xorshift32: the same reports on every load. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const withTotal = (six: readonly number[]): number[] => [...six, six.reduce((a, b) => a + b, 0)];

/** How busy an agency is: a township receives a few applications a year, a large bureau dozens. */
export interface ReportScale {
  /** the largest count of one result row in one applicant column */
  applications: number;
  /** the largest table 二 figure */
  decisions: number;
}

/**
 * A report of `agency` on `year`, following `previous` (its report on the year before, or null): last
 * year's 四 (结转下年度继续办理) is this year's 二 (上年结转), and the 规章 and 行政规范性文件 in force
 * continue from last year's (in force + made − repealed), so the cross-year checks (X1, X2) agree.
 */
export function demoAgencyReport(agency: string, year: number, seed: number, scale: ReportScale, previous: AnnualReport | null): AnnualReport {
  const next = prng(seed);
  const int = (max: number) => Math.floor(next() * (max + 1));
  // the format of the year: the 2019 trial format for reports on 2019 and 2020 (a demo loaded in 2021)
  const format = year < 2021 ? '2019' : '2021';
  const report = emptyReport(format);
  report.agency = agency;
  report.year = year;
  if (format === '2019') report.trial2019 = emptyTrial2019();
  // 二: whole figures, the fees in 万元 with two decimals
  for (const c of cellCatalogue(format).filter((c) => c.table.startsWith('二'))) {
    if (c.text) setAt(report, c.at, '0');
    else if (c.signed) setAt(report, c.at, int(4) - 2);
    else if (c.path === 'activeDisclosure.feesWanYuan') setAt(report, c.at, Math.round(next() * scale.decisions * 100) / 100);
    else setAt(report, c.at, int(scale.decisions));
  }
  // 第二十条第（一）项: in force = last year's + made − repealed
  for (const key of ['regulations', 'normativeDocuments'] as const) {
    const counts = report.activeDisclosure[key];
    const before = previous?.activeDisclosure[key].inForce ?? int(key === 'regulations' ? 3 : 30);
    const issued = key === 'regulations' ? int(1) : int(6);
    const repealed = format === '2021' ? Math.min(int(key === 'regulations' ? 1 : 4), before + issued) : null;
    counts.issued = issued;
    if (format === '2021') counts.repealed = repealed;
    counts.inForce = before + issued - (repealed ?? 0);
  }
  // 三: most applications are granted or partly granted; a few of each other result
  const results = applicationRows(format).filter((r) => r.result);
  const before = ((previous?.applications.rows.carriedForward as number[] | undefined) ?? [0, 0, 0, 0, 0, 0, 0]).slice(0, 6);
  const rows = results.map((r, i) => {
    const max = i < 2 ? scale.applications : Math.max(1, Math.floor(scale.applications / 6));
    // every application carried over is answered this year: added to 予以公开 so 一 never goes below zero
    return [0, 1, 2, 3, 4, 5].map((c) => (next() < (i < 2 ? 0.8 : 0.15) ? int(max) : 0) + (i === 0 ? (before[c] ?? 0) : 0));
  });
  results.forEach((spec, i) => setAt(report, spec.path, withTotal(rows[i] ?? [])));
  const total = [0, 1, 2, 3, 4, 5].map((c) => rows.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  const forward = [0, 1, 2, 3, 4, 5].map(() => (next() < 0.25 ? int(2) : 0));
  setAt(report, ['applications', 'rows', 'totalHandled'], withTotal(total));
  setAt(report, ['applications', 'rows', 'carriedOver'], withTotal(before));
  setAt(report, ['applications', 'rows', 'carriedForward'], withTotal(forward));
  setAt(report, ['applications', 'rows', 'newReceived'], withTotal(total.map((t, c) => t + (forward[c] ?? 0) - (before[c] ?? 0))));
  // 四: a case now and then
  (['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const).forEach((key, i) => {
    const four = [0, 1, 2, 3].map(() => (next() < (i === 0 ? 0.2 : 0.08) ? 1 : 0));
    report.review[key] = withTotal(four);
  });
  const self = agency.replace(/^示范市/, '');
  report.text = {
    overview: `${year}年，${self}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。\n依托政府信息公开专栏主动公开各类政府信息，依法依规办理政府信息公开申请。`,
    problems: '政府信息公开工作还存在主动公开的时效性不够强、政策解读形式较为单一等问题。下一步，将加强统筹协调，提高公开质量和时效。',
    other: '本年度未收取政府信息公开信息处理费。无其他需要报告的事项。',
  };
  return report;
}
