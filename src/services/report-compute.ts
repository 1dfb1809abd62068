// The annual report of an agency for a year, computed from its records: table 三 from the
// applications; the cells whose data the platform does not hold yet (二, 四) stay null. The report is
// in the format of its year (formatOfYear): for 2019 and 2020 the trial format, whose single
// （六）其他处理 row holds the lapsed corrections, the lapsed fees and the other conclusions.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { emptyReport, formatOfYear, toTrialFormat } from '../domain/report/model.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { findAgency } from './agencies.ts';
import { computeTableThree } from './table-three.ts';

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
  return { ok: true, value: formatOfYear(year) === '2019' ? toTrialFormat(report) : report };
}
