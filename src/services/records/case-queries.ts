// Reading the agency's register of 行政复议 and 行政诉讼 cases (review_cases): one case, a page of them,
// those of an application, a case's versions, and what table 四 needs — as the cases stand or, with
// `asOf`, as they stood at the end of that day (review_case_versions). Writes are in cases.ts.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CaseResult, CaseType, RecordSource } from '../../domain/records/vocab.ts';
import type { CaseFacts } from '../../domain/report/table-four.ts';
import { pageOf } from '../keyset.ts';
import type { Page, PageRequest } from '../keyset.ts';
import { endOfDay } from './counts.ts';

export interface ReviewCase {
  id: number;
  caseNumber: string;
  type: CaseType;
  body: string;
  applicationId: number | null;
  applicationNumber: string | null;
  reconsiderationId: number | null;
  reconsiderationCaseNumber: string | null;
  receivedOn: string;
  concludedOn: string | null;
  result: CaseResult | null;
  notes: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseVersion {
  version: number;
  snapshot: Record<string, unknown>;
  recordedAt: string;
  recordedByName: string;
  source: RecordSource;
}

export function caseQuery(db: Kysely<DB>, agencyId: number) {
  return db
    .selectFrom('reviewCases as c')
    .leftJoin('applications as a', 'a.id', 'c.applicationId')
    .leftJoin('reviewCases as r', 'r.id', 'c.reconsiderationId')
    .select([
      'c.id',
      'c.caseNumber',
      'c.type',
      'c.body',
      'c.applicationId',
      'a.number as applicationNumber',
      'c.reconsiderationId',
      'r.caseNumber as reconsiderationCaseNumber',
      'c.receivedOn',
      'c.concludedOn',
      'c.result',
      'c.notes',
      'c.version',
      'c.createdAt',
      'c.updatedAt',
    ])
    .where('c.agencyId', '=', agencyId);
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>;
const caseOf = (r: CaseRow): ReviewCase => ({
  ...r,
  id: Number(r.id),
  type: r.type as CaseType,
  applicationId: r.applicationId === null ? null : Number(r.applicationId),
  reconsiderationId: r.reconsiderationId === null ? null : Number(r.reconsiderationId),
  result: r.result as CaseResult | null,
});

export async function getCase(db: Kysely<DB>, agencyId: number, id: number): Promise<ReviewCase | undefined> {
  const r = await caseQuery(db, agencyId).where('c.id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : caseOf(r);
}

export async function caseByNumber(db: Kysely<DB>, agencyId: number, caseNumber: string): Promise<ReviewCase | undefined> {
  const r = await caseQuery(db, agencyId).where('c.caseNumber', '=', caseNumber).executeTakeFirst();
  return r === undefined ? undefined : caseOf(r);
}

export interface CaseFilter {
  /** the cases of a report year: received by its end and not concluded before it began */
  year?: number;
  type?: CaseType;
  /** only those not concluded */
  pending?: boolean;
}

/** The agency's cases, newest received first, one page (keyset: received_on, id). */
export async function listCases(db: Kysely<DB>, agencyId: number, filter: CaseFilter, page: PageRequest): Promise<Page<ReviewCase>> {
  const backwards = page.before !== undefined && page.before !== null;
  const cursor = backwards ? page.before : page.after;
  let q = caseQuery(db, agencyId);
  if (filter.year !== undefined) {
    q = q.where('c.receivedOn', '<=', `${filter.year}-12-31`).where((eb) => eb.or([eb('c.concludedOn', 'is', null), eb('c.concludedOn', '>=', `${filter.year}-01-01`)]));
  }
  if (filter.type !== undefined) q = q.where('c.type', '=', filter.type);
  if (filter.pending === true) q = q.where('c.concludedOn', 'is', null);
  if (cursor !== undefined && cursor !== null && typeof cursor.key === 'string') {
    const key = cursor.key;
    q = backwards
      ? q.where(sql<boolean>`(c.received_on > ${key} or (c.received_on = ${key} and c.id > ${cursor.id}))`)
      : q.where(sql<boolean>`(c.received_on < ${key} or (c.received_on = ${key} and c.id < ${cursor.id}))`);
  }
  const direction = backwards ? 'asc' : 'desc';
  const rows = await q.orderBy('c.receivedOn', direction).orderBy('c.id', direction).limit(page.limit + 1).execute();
  return pageOf(rows.map(caseOf), page, (r) => ({ key: r.receivedOn, id: r.id }));
}

/** Every case of the agency, oldest first (the export; a register of cases is small). */
export async function allCases(db: Kysely<DB>, agencyId: number): Promise<ReviewCase[]> {
  return (await caseQuery(db, agencyId).orderBy('c.receivedOn').orderBy('c.id').execute()).map(caseOf);
}

/** The cases about one application (its view shows them). */
export async function casesOfApplication(db: Kysely<DB>, agencyId: number, applicationId: number): Promise<ReviewCase[]> {
  return (await caseQuery(db, agencyId).where('c.applicationId', '=', applicationId).orderBy('c.receivedOn').orderBy('c.id').execute()).map(caseOf);
}

/** A case's versions, newest first. */
export async function caseVersions(db: Kysely<DB>, agencyId: number, caseId: number): Promise<CaseVersion[]> {
  const rows = await db
    .selectFrom('reviewCaseVersions')
    .select(['version', 'snapshot', 'recordedAt', 'recordedByName', 'source'])
    .where('agencyId', '=', agencyId)
    .where('caseId', '=', caseId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, source: r.source as RecordSource }));
}

/**
 * What table 四 needs of the agency's cases received by the end of `year`: as they stand, or — with
 * `asOf` — as they stood at the end of that day (their versions recorded by then; removed cases left out).
 */
export async function caseFacts(db: Kysely<DB>, agencyId: number, year: number, options: { asOf?: string } = {}): Promise<CaseFacts[]> {
  const end = `${year}-12-31`;
  if (options.asOf === undefined) {
    const rows = await db.selectFrom('reviewCases').select(['type', 'receivedOn', 'concludedOn', 'result']).where('agencyId', '=', agencyId).where('receivedOn', '<=', end).execute();
    return rows.map((r) => ({ type: r.type as CaseType, receivedOn: r.receivedOn, concludedOn: r.concludedOn, result: r.result as CaseResult | null }));
  }
  const rows = await db
    .selectFrom('reviewCaseVersions')
    .select(['caseId', 'snapshot'])
    .distinctOn('caseId')
    .where('agencyId', '=', agencyId)
    .where('recordedAt', '<=', endOfDay(options.asOf))
    .orderBy('caseId')
    .orderBy('version', 'desc')
    .execute();
  const out: CaseFacts[] = [];
  for (const { snapshot: s } of rows) {
    if (s['deleted'] === true || typeof s['receivedOn'] !== 'string' || s['receivedOn'] > end) continue;
    out.push({ type: s['type'] as CaseType, receivedOn: s['receivedOn'], concludedOn: (s['concludedOn'] as string | null) ?? null, result: (s['result'] as CaseResult | null) ?? null });
  }
  return out;
}
