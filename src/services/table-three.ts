// Table 三 of the annual report computed from the records, in SQL (one pass per agency-year, indexed):
// new = received in Y; carried in = received before Y and open on Y-01-01; results = concluded in Y
// by outcome row; carried forward = open on Y-12-31; each by applicant column. It reconciles by
// construction (R1: 一 + 二 = 三（七）+ 四). `asOf` recomputes it as the records stood on a past date,
// from the append-only events.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { APPLICANT_TYPES } from '../domain/applications/types.ts';
import type { ApplicantType, OutcomeRow } from '../domain/applications/types.ts';
import { APPLICATION_ROWS, getAt, setAt } from '../domain/report/layout.ts';
import { emptyReport, formatOfYear } from '../domain/report/model.ts';
import type { ApplicationRows } from '../domain/report/model.ts';

interface Counts {
  applicantType: string;
  newReceived: number;
  carriedOver: number;
  carriedForward: number;
}
interface ResultCounts {
  applicantType: string;
  outcomeRow: string;
  n: number;
}

const CLOSING_EVENTS = ['reply', 'lapse_correction', 'lapse_fee', 'withdraw'];

/** Applications of one agency (or all, agencyId null) with receipt date and, as of a date, closing date and row. */
function records(db: Kysely<DB>, agencyId: number | null, asOf: string | undefined) {
  if (asOf === undefined) {
    return db
      .selectFrom('applications')
      .select(['id', 'number', 'applicantName', 'agencyId', 'applicantType', 'receivedOn', 'closedOn', 'outcomeRow'])
      .where('receivedOn', 'is not', null)
      .$if(agencyId !== null, (q) => q.where('agencyId', '=', agencyId as number));
  }
  // the first closing event recorded by the end of `asOf`
  const cutoff = `${asOf}T23:59:59.999Z`;
  return db
    .selectFrom('applications as a')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('applicationEvents')
          .select(['applicationId', sql<string>`min(occurred_on)`.as('closedOn')])
          .where('type', 'in', CLOSING_EVENTS)
          .where('recordedAt', '<=', cutoff)
          .groupBy('applicationId')
          .as('c'),
      (join) => join.onRef('c.applicationId', '=', 'a.id'),
    )
    .select(['a.id', 'a.number', 'a.applicantName', 'a.agencyId', 'a.applicantType', 'a.receivedOn', 'c.closedOn', sql<string | null>`case when c.closed_on is null then null else a.outcome_row end`.as('outcomeRow')])
    .where('a.receivedOn', 'is not', null)
    .where('a.createdAt', '<=', cutoff)
    .$if(agencyId !== null, (q) => q.where('a.agencyId', '=', agencyId as number));
}

/** Table 三 rows per agency for a year: one query for the flows, one for the results. */
export async function computeTableThree(db: Kysely<DB>, year: number, options: { agencyId?: number; asOf?: string } = {}): Promise<Map<number, ApplicationRows>> {
  const y0 = `${year}-01-01`;
  const y1 = `${year}-12-31`;
  const base = records(db, options.agencyId ?? null, options.asOf).as('r');
  const flows = await db
    .selectFrom(base)
    .select([
      'r.agencyId',
      'r.applicantType',
      sql<number>`count(*) filter (where r.received_on >= ${y0})::int`.as('newReceived'),
      sql<number>`count(*) filter (where r.received_on < ${y0})::int`.as('carriedOver'),
      sql<number>`count(*) filter (where r.closed_on is null or r.closed_on > ${y1})::int`.as('carriedForward'),
    ])
    .where('r.receivedOn', '<=', y1)
    .where((eb) => eb.or([eb('r.closedOn', 'is', null), eb('r.closedOn', '>=', y0)]))
    .groupBy(['r.agencyId', 'r.applicantType'])
    .execute();
  const results = await db
    .selectFrom(records(db, options.agencyId ?? null, options.asOf).as('r'))
    .select(['r.agencyId', 'r.applicantType', 'r.outcomeRow', sql<number>`count(*)::int`.as('n')])
    .where('r.closedOn', '>=', y0)
    .where('r.closedOn', '<=', y1)
    .groupBy(['r.agencyId', 'r.applicantType', 'r.outcomeRow'])
    .execute();

  const tables = new Map<number, ApplicationRows>();
  const tableOf = (agencyId: number): ApplicationRows => {
    let rows = tables.get(agencyId);
    if (!rows) {
      rows = zeroRows();
      tables.set(agencyId, rows);
    }
    return rows;
  };
  if (options.agencyId !== undefined) tableOf(options.agencyId);
  for (const f of flows as (Counts & { agencyId: number })[]) {
    const rows = tableOf(f.agencyId);
    const c = column(f.applicantType);
    add(rows.newReceived, c, f.newReceived);
    add(rows.carriedOver, c, f.carriedOver);
    add(rows.carriedForward, c, f.carriedForward);
  }
  for (const r of results as (ResultCounts & { agencyId: number })[]) {
    const rows = tableOf(r.agencyId);
    const spec = APPLICATION_ROWS.find((s) => s.key === (r.outcomeRow as OutcomeRow));
    if (!spec) throw new Error(`application with unknown outcome row ${r.outcomeRow}`);
    add(getAt({ applications: { rows } }, spec.path) as number[], column(r.applicantType), r.n);
    add(rows.totalHandled, column(r.applicantType), r.n);
  }
  return tables;
}

function column(applicantType: string): number {
  const i = APPLICANT_TYPES.indexOf(applicantType as ApplicantType);
  if (i < 0) throw new Error(`application with unknown applicant type ${applicantType}`);
  return i;
}

function add(row: (number | null)[], c: number, n: number): void {
  row[c] = (row[c] ?? 0) + n;
  row[6] = (row[6] ?? 0) + n;
}

/** Every cell of table 三 at 0 (the 2021 format, with the three （六） rows). */
function zeroRows(): ApplicationRows {
  const report = emptyReport('2021');
  for (const spec of APPLICATION_ROWS) setAt(report, spec.path, [0, 0, 0, 0, 0, 0, 0]);
  return report.applications.rows;
}

export interface CellApplication {
  id: number;
  number: string;
  applicantName: string;
  applicantType: string;
  receivedOn: string;
  closedOn: string | null;
  outcomeRow: string | null;
}

/**
 * The applications behind one cell of table 三 (row key of layout.ts APPLICATION_ROWS, column 0–5 an
 * applicant type, 6 the total): the same predicates as computeTableThree, so their number is the cell
 * (for 2019 and 2020, `other` is the trial format's single （六） row, as report-compute.ts folds it).
 */
export async function cellApplications(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  row: string,
  column: number,
  options: { asOf?: string } = {},
): Promise<CellApplication[] | null> {
  const spec = APPLICATION_ROWS.find((s) => s.key === row);
  if (!spec || !Number.isInteger(column) || column < 0 || column > 6) return null;
  const y0 = `${year}-01-01`;
  const y1 = `${year}-12-31`;
  let q = db
    .selectFrom(records(db, agencyId, options.asOf).as('r'))
    .selectAll()
    .where('r.receivedOn', '<=', y1);
  if (column < 6) q = q.where('r.applicantType', '=', APPLICANT_TYPES[column] as string);
  switch (row) {
    case 'newReceived':
      q = q.where('r.receivedOn', '>=', y0);
      break;
    case 'carriedOver':
      q = q.where('r.receivedOn', '<', y0).where((eb) => eb.or([eb('r.closedOn', 'is', null), eb('r.closedOn', '>=', y0)]));
      break;
    case 'carriedForward':
      q = q.where((eb) => eb.or([eb('r.closedOn', 'is', null), eb('r.closedOn', '>', y1)]));
      break;
    default:
      q = q.where('r.closedOn', '>=', y0).where('r.closedOn', '<=', y1);
      // the trial format's single （六）其他处理 row (2019, 2020) holds the 2021 format's （六）1–3
      if (row === 'other' && formatOfYear(year) === '2019') q = q.where('r.outcomeRow', 'in', ['noCorrection', 'unpaidFee', 'other']);
      else if (row !== 'totalHandled') q = q.where('r.outcomeRow', '=', row);
  }
  const rows = await q.orderBy('r.receivedOn').orderBy('r.number').execute();
  return rows.map((r) => ({
    id: r.id as number,
    number: r.number as string,
    applicantName: r.applicantName as string,
    applicantType: r.applicantType,
    receivedOn: r.receivedOn as string,
    closedOn: r.closedOn ?? null,
    outcomeRow: r.outcomeRow ?? null,
  }));
}
