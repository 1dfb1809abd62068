// The demo's annual report on its last full year, complete as a real one must be to be published: the
// report drafted from the demo's records (report-records.ts: tables 二、三、四 computed, the prose of
// 一、五、六 drafted from the facts). What the platform holds no record of is only the 2019 trial
// format's own cells of table 二 (item counts: 上一年项目数量, 本年增/减, 政府集中采购), filled here with
// plausible figures when the demo's report year is 2019 or 2020.

import type { AnnualReport } from '../../domain/report/model.ts';

/** The trial format's cells of table 二 the platform does not hold (a 2021-format report is returned as it is). */
export function withTrialItemCounts(report: AnnualReport): AnnualReport {
  if (!report.trial2019) return report;
  return {
    ...report,
    trial2019: {
      regulationsPublished: 0,
      normativeDocumentsPublished: 4,
      licensing: { previousYear: 86, change: -3 },
      otherServices: { previousYear: 12, change: 1, decisions: 240 },
      punishment: { previousYear: 35, change: 0 },
      enforcement: { previousYear: 8, change: 0 },
      fees: { previousYear: 3, change: 0 },
      procurement: { projects: 6, amount: '186.4万元' },
    },
  };
}
