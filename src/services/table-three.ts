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
import { decodeCursor, pageOf, PAGE_SIZE_MAX } from './keyset.ts';

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

/** One page of a cell's applications (the list contract, plan-notes 3: keyset.ts). */
export interface CellPage {
  applications: CellApplication[];
  /** how many applications the cell has (its figure in table 三) */
  total: number;
  /** the cursors of 下一页 and 上一页 (null: none) */
  next: string | null;
  prev: string | null;
}

/** Rows per page of a cell's drill-down. */
export const CELL_PAGE_SIZE = 50;

/** A page's cursor key: the receipt date and the 编号 (the order of the drill-down, with the id). */
const cellKey = (a: { receivedOn: string; number: string }): string => `${a.receivedOn}/${a.number}`;
const CELL_KEY = /^(\d{4}-\d{2}-\d{2})\/(.+)$/s;

/**
 * The applications behind one cell of table 三 (row key of layout.ts APPLICATION_ROWS, column 0–5 an
 * applicant type, 6 the total): the same predicates as computeTableThree, so their number is the cell
 * (for 2019 and 2020, `other` is the trial format's single （六） row, as report-compute.ts folds it).
 * A page at a time, by receipt date then 编号, read after (下一页) or before (上一页) a cursor.
 */
export async function cellApplications(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  row: string,
  column: number,
  options: { asOf?: string; limit?: number; after?: string | null; before?: string | null } = {},
): Promise<CellPage | null> {
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
  const limit = Math.max(1, Math.min(PAGE_SIZE_MAX, Math.trunc(options.limit ?? CELL_PAGE_SIZE)));
  const cursorOf = (text: string | null | undefined): { on: string; number: string; id: number } | null => {
    const c = decodeCursor(text);
    const m = typeof c?.key === 'string' ? CELL_KEY.exec(c.key) : null;
    return c && m ? { on: m[1] as string, number: m[2] as string, id: c.id } : null;
  };
  const after = cursorOf(options.after);
  const before = after === null ? cursorOf(options.before) : null;
  const at = after ?? before;
  const order = before !== null ? 'desc' : 'asc';
  const page = await q
    .$if(at !== null, (qb) =>
      qb.where(
        before !== null
          ? sql<boolean>`(r.received_on, r.number, r.id) < (${at?.on}::date, ${at?.number}, ${at?.id})`
          : sql<boolean>`(r.received_on, r.number, r.id) > (${at?.on}::date, ${at?.number}, ${at?.id})`,
      ),
    )
    .orderBy('r.receivedOn', order)
    .orderBy('r.number', order)
    .orderBy('r.id', order)
    .limit(limit + 1)
    .execute();
  const counted = await db
    .selectFrom(q.as('c'))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const rows = page.map((r) => ({
    id: r.id as number,
    number: r.number as string,
    applicantName: r.applicantName as string,
    applicantType: r.applicantType,
    receivedOn: r.receivedOn as string,
    closedOn: r.closedOn ?? null,
    outcomeRow: r.outcomeRow ?? null,
  }));
  const paged = pageOf(rows, { limit, after: after && { key: cellKey({ receivedOn: after.on, number: after.number }), id: after.id }, before: before && { key: '', id: before.id } }, (a) => ({
    key: cellKey(a),
    id: a.id,
  }));
  return { applications: paged.rows, total: counted.n, next: paged.next, prev: paged.prev };
}
