// The annual report of an agency for a year, computed from its records: table 三 from the
// applications, table 二 第二十条第（一）项 from the 规章/行政规范性文件 register
// (services/catalogue/register.ts); the cells whose data the platform does not hold yet (the rest of
// 二 — 行政许可, 处罚, 强制, 收费 — and 四) stay null, never 0. The report is
// in the format of its year (formatOfYear): for 2019 and 2020 the trial format, whose single
// （六）其他处理 row holds the lapsed corrections, the lapsed fees and the other conclusions.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { emptyReport, formatOfYear, toTrialFormat } from '../domain/report/model.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { findAgency } from './agencies.ts';
import { computeTableThree } from './table-three.ts';
import { tableTwo } from './catalogue/register.ts';

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
  if (formatOfYear(year) === '2019') {
    // the trial format has no 本年废止件数 (its 本年新公开数量 is not computed: null)
    report.activeDisclosure.regulations.repealed = null;
    report.activeDisclosure.normativeDocuments.repealed = null;
  }
  return { ok: true, value: formatOfYear(year) === '2019' ? toTrialFormat(report) : report };
}
