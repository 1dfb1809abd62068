// Reading the annual report's sign-off (report-signoff.ts writes it): the agency-year row of
// report_drafts, what a submission would be checked against (the draft as it stands and publishReport's
// checks with the neighbouring published years), the view of the workspace (state, the open round, the
// review history, the chain, whether the records changed since the snapshot), and the row locked for a write.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { readReportJson } from '../domain/report/json.ts';
import type { AnnualReport } from '../domain/report/model.ts';
import { reviewForPublication } from '../domain/report/publication.ts';
import type { PublicationReview } from '../domain/report/publication.ts';
import { isSignoffState } from '../domain/report/signoff.ts';
import type { SignoffState } from '../domain/report/signoff.ts';
import { draftFor } from './report-draft.ts';
import type { DraftResult } from './report-draft.ts';
import { neighboursOf, reportTitle } from './report-publish.ts';
import { getChain } from './review/chain.ts';
import type { ReviewChain } from './review/chain.ts';
import { pendingRound, reviewedBy, reviewHistory } from './review/rounds.ts';
import type { DecisionEntry, PendingRound } from './review/rounds.ts';

export interface SignoffRow {
  id: number;
  agencyId: number;
  year: number;
  state: SignoffState;
  /** the review version (0 before the first submission) */
  version: number;
  /** the report as submitted; null before the first submission */
  snapshot: AnnualReport | null;
  explanation: string | null;
  changeNote: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedVersion: number | null;
  updatedAt: string;
}

type Stored = {
  id: number;
  agencyId: number;
  year: number;
  state: string;
  version: number;
  snapshot: Record<string, unknown> | null;
  explanation: string | null;
  changeNote: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishedVersion: number | null;
  updatedAt: string;
};

export function toRow(r: Stored): SignoffRow {
  const read = r.snapshot === null ? null : readReportJson(r.snapshot);
  return {
    id: Number(r.id),
    agencyId: Number(r.agencyId),
    year: r.year,
    state: isSignoffState(r.state) ? r.state : 'drafting',
    version: r.version,
    snapshot: read?.ok ? { ...read.report, year: read.report.year ?? r.year } : null,
    explanation: r.explanation,
    changeNote: r.changeNote,
    submittedAt: r.submittedAt,
    approvedAt: r.approvedAt,
    publishedAt: r.publishedAt,
    publishedVersion: r.publishedVersion,
    updatedAt: r.updatedAt,
  };
}

/** What the inbox and the history call the report under review. */
export const signoffTitle = (agencyName: string, year: number, correction: boolean): string => `${reportTitle(agencyName, year)}${correction ? '（更正）' : ''}`;

/** The agency-year row, created (drafting) when there is none, locked until the caller's transaction ends. */
export async function lockSignoff(trx: Kysely<DB>, agencyId: number, year: number, now: string): Promise<SignoffRow> {
  await trx
    .insertInto('reportDrafts')
    .values({ agencyId, year, state: 'drafting', version: 0, updatedAt: now })
    .onConflict((oc) => oc.columns(['agencyId', 'year']).doNothing())
    .execute();
  const row = await trx.selectFrom('reportDrafts').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).forUpdate().executeTakeFirstOrThrow();
  return toRow(row);
}

/** The agency's sign-off row on a year, or null (never submitted). */
export async function signoffOf(db: Kysely<DB>, agencyId: number, year: number): Promise<SignoffRow | null> {
  const row = await db.selectFrom('reportDrafts').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  return row ? toRow(row) : null;
}

export interface SubmissionCheck {
  agency: { id: number; code: string; name: string };
  draft: DraftResult;
  /** the draft as it would be submitted */
  report: AnnualReport;
  /** publishReport's checks on it, against the neighbouring published years as they are now */
  review: PublicationReview;
  /** the year's published report (the submission is then a correction), or null */
  published: { publishedAt: string } | null;
}

/** The draft as it stands, with the checks its publication would run. */
export async function submissionCheck(db: Kysely<DB>, agencyCode: string, year: number): Promise<DomainResult<SubmissionCheck>> {
  const drafted = await draftFor(db, agencyCode, year);
  if (!drafted.ok) return drafted;
  const { agency } = drafted.value;
  const report: AnnualReport = { ...drafted.value.report, year, agency: drafted.value.report.agency ?? agency.name };
  const [neighbours, published] = await Promise.all([
    neighboursOf(db, agency.id, year, false),
    db.selectFrom('publishedReports').select('publishedAt').where('agencyId', '=', agency.id).where('year', '=', year).executeTakeFirst(),
  ]);
  return { ok: true, value: { agency, draft: drafted.value, report, review: reviewForPublication(report, neighbours), published: published ?? null } };
}

/** A value with its object keys sorted (jsonb does not keep key order), for comparing two reports. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Whether two reports say the same (tables and text). */
export function sameReport(a: AnnualReport, b: AnnualReport): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export interface SignoffView {
  row: SignoffRow;
  agency: { id: number; code: string; name: string };
  /** the viewing agency's own report (else: a department's, sent up to the viewer's reviewers) */
  own: boolean;
  round: PendingRound | null;
  history: DecisionEntry[];
  chain: ReviewChain;
  /** the year's published report: when, its current version */
  published: { publishedAt: string; version: number } | null;
  /** the checks of publication on the snapshot, against the neighbouring years as they are now */
  review: PublicationReview | null;
}

/** A sign-off row as the viewing agency may see it (its own, or a department's its reviewers were sent), or null. */
export async function signoffView(db: Kysely<DB>, viewerAgencyId: number, signoffId: number): Promise<SignoffView | null> {
  const found = await db.selectFrom('reportDrafts').selectAll().where('id', '=', signoffId).executeTakeFirst();
  if (found === undefined) return null;
  const row = toRow(found);
  const own = row.agencyId === viewerAgencyId;
  if (!own && !(await reviewedBy(db, 'annual_report', row.id, viewerAgencyId))) return null;
  const agency = await db.selectFrom('agencies').select(['id', 'code', 'name']).where('id', '=', row.agencyId).executeTakeFirstOrThrow();
  const [round, history, chain, published, neighbours] = await Promise.all([
    pendingRound(db, 'annual_report', row.id),
    reviewHistory(db, 'annual_report', row.id),
    getChain(db, row.agencyId, 'annual_report'),
    db
      .selectFrom('publishedReports as r')
      .innerJoin('publishedReportVersions as v', 'v.reportId', 'r.id')
      .select(['r.publishedAt', (eb) => eb.fn.max('v.version').as('version')])
      .where('r.agencyId', '=', row.agencyId)
      .where('r.year', '=', row.year)
      .groupBy('r.publishedAt')
      .executeTakeFirst(),
    neighboursOf(db, row.agencyId, row.year, false),
  ]);
  return {
    row,
    agency: { id: Number(agency.id), code: agency.code, name: agency.name },
    own,
    round,
    history,
    chain,
    published: published ? { publishedAt: published.publishedAt, version: Number(published.version) } : null,
    review: row.snapshot ? reviewForPublication(row.snapshot, neighbours) : null,
  };
}

/** Whether the records or edits changed the draft since its snapshot was submitted (null: nothing submitted). */
export async function changedSinceSubmission(db: Kysely<DB>, agencyCode: string, row: SignoffRow): Promise<boolean | null> {
  if (row.snapshot === null) return null;
  const drafted = await draftFor(db, agencyCode, row.year);
  if (!drafted.ok) return null;
  const now: AnnualReport = { ...drafted.value.report, year: row.year, agency: drafted.value.report.agency ?? drafted.value.agency.name };
  return !sameReport(now, row.snapshot);
}
