// The annual report of an agency for a year, computed from its records: table 三 from the
// applications, table 二 第二十条第（一）项 from the 规章/行政规范性文件 register
// (services/catalogue/register.ts), 第（五）（六）（八）项 — 行政许可, 处罚, 强制 and 收费 — from the figures
// entered for the year (services/records/counts.ts: a kind without any entry stays null, never 0), and
// table 四 from the register of 行政复议 and 行政诉讼 cases (services/records/cases.ts, domain/report/
// table-four.ts, with the agency's two settings): all zeros when there is no case, since the platform is
// the agency's register of cases, as for table 三. `asOf` recomputes 三, the figures and 四 as the records
// stood at the end of that day. The report is in the format of its year (formatOfYear): for 2019 and
// 2020 the trial format, whose single （六）其他处理 row holds the lapsed corrections, the lapsed fees and
// the other conclusions, and whose 第（八）项 counts fee items, not money (feesWanYuan stays null).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { emptyReport, formatOfYear, toTrialFormat } from '../domain/report/model.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { findAgency } from './agencies.ts';
import { computeTableThree } from './table-three.ts';
import { tableTwo } from './catalogue/register.ts';
import { computeTableFour } from '../domain/report/table-four.ts';
import { caseFacts } from './records/cases.ts';
import { yearFigures } from './records/counts.ts';
import { tableFourSettings } from './records/settings.ts';

export async function computeAnnualReport(db: Kysely<DB>, agencyCode: string, year: number, options: { asOf?: string } = {}): Promise<DomainResult<AnnualReport>> {
  if (!Number.isInteger(year) || year < 2008 || year > 2200) return { ok: false, error: { code: 'INVALID_YEAR', message: `年度“${year}”无效。`, field: 'year' } };
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const tables = await computeTableThree(db, year, { agencyId: agency.value.id, ...options });
  const report = emptyReport('2021');
  report.year = year;
  report.agency = agency.value.name;
  const rows = tables.get(agency.value.id);
  if (rows) report.applications.rows = rows;
  // 第二十条第（一）项 from the register (the records as they stand: the register keeps no history, so `asOf` does not apply)
  const two = await tableTwo(db, agency.value.id, year);
  report.activeDisclosure.regulations = { ...two.regulations };
  report.activeDisclosure.normativeDocuments = { ...two.normativeDocuments };
  // 第二十条第（五）（六）（八）项 from the figures entered (the latest entry, as of `asOf`)
  const figures = await yearFigures(db, agency.value.id, year, options);
  const figure = (kind: keyof typeof figures) => (figures[kind] === null ? null : Number(figures[kind].value));
  report.activeDisclosure.licensing = figure('licensing');
  report.activeDisclosure.punishment = figure('punishment');
  report.activeDisclosure.enforcement = figure('enforcement');
  report.activeDisclosure.feesWanYuan = figure('fees');
  // 四 from the register of cases
  report.review = computeTableFour(await caseFacts(db, agency.value.id, year, options), year, await tableFourSettings(db, agency.value.id));
  if (formatOfYear(year) === '2019') {
    // the trial format has no 本年废止件数 (its 本年新公开数量 is not computed: null), and its 第（八）项
    // counts fee items (上一年项目数量, 本年增/减), not money: no cell takes the amount
    report.activeDisclosure.regulations.repealed = null;
    report.activeDisclosure.normativeDocuments.repealed = null;
    report.activeDisclosure.feesWanYuan = null;
  }
  return { ok: true, value: formatOfYear(year) === '2019' ? toTrialFormat(report) : report };
}
