// The annual report's sign-off in the report workspace (issue #12): the draft drafted from the records
// (report-draft.ts) is submitted as a frozen snapshot to the agency's review chain for the subject
// 'annual_report' (services/review: the catalogue's rounds, the one inbox), each stage approves or returns
// it, the last approval is the 签发, and publication publishes the snapshot signed — with every check of
// publishReport — printed to PDF and kept with the version. A published report is corrected by the same
// path: 更正 reopens the draft, the corrected snapshot goes round again with its 更正说明, and publishing it
// adds the next version. State in report_drafts (migration 0017); domain/report/signoff.ts says which
// action each state allows. Every write is one transaction (the agency-year row locked) with its audit
// entry and review decision; a refusal writes nothing.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { MAX_CHANGE_NOTE_CHARS, MAX_EXPLANATION_CHARS, reviewForPublication } from '../domain/report/publication.ts';
import { signoffActions, stateRefusal } from '../domain/report/signoff.ts';
import type { SignoffAction, SignoffState } from '../domain/report/signoff.ts';
import type { SessionUser } from './accounts/roles.ts';
import { findAgency } from './agencies.ts';
import { record } from './audit.ts';
import { touchColumn } from './column-version.ts';
import type { BrowserSettings } from './pdf/index.ts';
import { printReport } from './report-pdf.ts';
import { describeProblems, neighboursOf, publishReport, REPORT_CHANGE_NOTE_MISSING, REPORT_CHECK_FAILED, REPORT_CROSS_YEAR_UNEXPLAINED, REPORT_WARNINGS_NOT_ACKNOWLEDGED } from './report-publish.ts';
import type { Publication, PublishRefusal } from './report-publish.ts';
import { lockSignoff, signoffTitle, submissionCheck, toRow } from './report-signoff-read.ts';
import type { SignoffRow } from './report-signoff-read.ts';
import { decide, openRound, pendingRound, reviewedBy, withdrawRound } from './review/rounds.ts';
import type { Decision, RoundOutcome } from './review/rounds.ts';
import { joined } from './transactions.ts';

export interface SignoffActor {
  /** null: the command line */
  userId: number | null;
  /** the name the review history shows */
  name: string;
  /** ISO timestamp */
  now: string;
  ip?: string | null;
}

/** A refusal inside the writing transaction (rolls it back), carrying the findings a page lists. */
class Refusal extends Error {
  constructor(readonly error: PublishRefusal) {
    super(error.message);
  }
}

const refuse = (error: PublishRefusal): never => {
  throw new Refusal(error);
};

async function inTransaction<T>(db: Kysely<DB>, body: (trx: Transaction<DB>) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: PublishRefusal }> {
  try {
    return { ok: true, value: await db.transaction().execute((trx) => body(trx)) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

function requireState(row: SignoffRow | null, action: SignoffAction): void {
  const state: SignoffState | null = row?.state ?? null;
  if (!signoffActions(state).includes(action)) refuse({ code: 'REPORT_SIGNOFF_STATE', message: stateRefusal(state, action) });
}

/** The calendar year in Beijing of an ISO timestamp. */
const beijingYear = (iso: string): number => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear();

export interface SubmitInput {
  /** the 说明 of a disagreement with a neighbouring year's published report (required when there is one) */
  explanation?: string;
  /** the 更正说明 (required when the year's report is published: the submission is its correction) */
  changeNote?: string;
}

/**
 * Submits the year's draft to the review chain: the draft as it stands now is frozen (the snapshot the
 * reviewers approve and publication publishes). Refused while the year is not over, with an error the
 * publication would refuse (arithmetic, blank cells, a missing section), without the 说明 of a
 * disagreement with a neighbouring year, a correction without its 更正说明, and in a state that does not allow it.
 */
export async function submitReport(db: Kysely<DB>, agencyCode: string, year: number, input: SubmitInput, actor: SignoffActor): Promise<DomainResult<SignoffRow>> {
  if (!Number.isInteger(year) || year < 2008) return { ok: false, error: { code: 'INVALID_INPUT', message: '年度应为2008年以后的四位数年份。', field: 'year' } };
  if (year >= beijingYear(actor.now)) {
    return { ok: false, error: { code: 'REPORT_YEAR_NOT_OVER', message: `${year}年度尚未结束，年度报告应在次年1月1日以后提交审核（统计整个自然年度的数据）。`, field: 'year' } };
  }
  const explanation = (input.explanation ?? '').trim();
  const changeNote = (input.changeNote ?? '').trim();
  if (explanation.length > MAX_EXPLANATION_CHARS) return { ok: false, error: { code: 'INVALID_INPUT', message: `说明不能超过${MAX_EXPLANATION_CHARS}字，请精简。`, field: 'explanation' } };
  if (changeNote.length > MAX_CHANGE_NOTE_CHARS) return { ok: false, error: { code: 'INVALID_INPUT', message: `更正说明不能超过${MAX_CHANGE_NOTE_CHARS}字，请精简。`, field: 'changeNote' } };
  const checked = await submissionCheck(db, agencyCode, year);
  if (!checked.ok) return checked;
  const { agency, report, review, published } = checked.value;
  if (review.errors.length > 0) {
    return { ok: false, error: { code: REPORT_CHECK_FAILED, message: `年度报告草稿有${review.errors.length}个错误，不能提交审核：${describeProblems(review.errors)}。请改正后再提交。`, field: 'report', errors: review.errors } as PublishRefusal };
  }
  if (review.crossYear.length > 0 && explanation === '') {
    return {
      ok: false,
      error: {
        code: REPORT_CROSS_YEAR_UNEXPLAINED,
        message: `年度报告与本机关已发布的相邻年度报告不衔接（${review.crossYear.length}处）：${describeProblems(review.crossYear)}。请核对：如草稿有误，改正后再提交；如数字无误，请写明不一致的原因，说明将随报告一并审核和公布。`,
        field: 'explanation',
        crossYear: review.crossYear,
      } as PublishRefusal,
    };
  }
  if (published !== null && changeNote === '') {
    return { ok: false, error: { code: REPORT_CHANGE_NOTE_MISSING, message: `${year}年度报告已经发布，这次提交是更正：请写明更正说明（更正了什么、为什么更正），说明与更正日期将在公开专栏的报告页上一并公布。`, field: 'changeNote' } };
  }
  return inTransaction(db, async (trx) => {
    const row = await lockSignoff(trx, agency.id, year, actor.now);
    requireState(row, 'submit');
    const version = row.version + 1;
    const updated = await trx
      .updateTable('reportDrafts')
      .set({
        state: 'in_review',
        version,
        snapshot: JSON.stringify(report),
        explanation: review.crossYear.length > 0 ? explanation : null,
        changeNote: published !== null ? changeNote : null,
        submittedAt: actor.now,
        submittedBy: actor.userId,
        approvedAt: null,
        updatedAt: actor.now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const title = signoffTitle(agency.name, year, published !== null);
    const round = await openRound(trx, { subject: 'annual_report', subjectId: row.id, agencyId: agency.id, version, title }, actor);
    if (!round.ok) refuse(round.error);
    await record(trx, {
      userId: actor.userId,
      agencyId: agency.id,
      action: 'report.submit',
      target: `report:${year}`,
      detail: { year, version, correction: published !== null, warnings: review.warnings.length, ...(changeNote ? { changeNote } : {}), ...(explanation && review.crossYear.length > 0 ? { explanation } : {}) },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return toRow(updated);
  });
}

export interface ReportDecisionInput {
  decision: Decision;
  comment?: string;
  /** the stage the reviewer saw (a decision made meanwhile makes it stale: refused) */
  stage?: number;
}

/**
 * A reviewer's decision on the snapshot waiting at a stage, by a reviewer of the viewing agency (the
 * report's own, or its parent's for a 'parent' stage): approve (the last approval is the 签发: the report
 * may be published) or return (退回, with comments: the draft is open again).
 */
export async function decideReport(
  db: Kysely<DB>,
  viewerAgencyId: number,
  signoffId: number,
  input: ReportDecisionInput,
  actor: SignoffActor & { user: SessionUser },
): Promise<DomainResult<{ row: SignoffRow; outcome: RoundOutcome; stageName: string; next: string | null }>> {
  const comment = (input.comment ?? '').trim();
  if (comment.length > 2000) return { ok: false, error: { code: 'INVALID_INPUT', message: '审核意见不能超过2000字。', field: 'comment' } };
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('reportDrafts').selectAll().where('id', '=', signoffId).forUpdate().executeTakeFirst();
    const notFound: DomainError = { code: 'NOT_FOUND', message: '没有找到这份年度报告。' };
    if (found === undefined) return refuse(notFound);
    const round = await pendingRound(trx, 'annual_report', found.id, { lock: true });
    const visible = found.agencyId === viewerAgencyId || (round !== null && round.stageAgencyId === viewerAgencyId) || (await reviewedBy(trx, 'annual_report', found.id, viewerAgencyId));
    if (!visible) refuse(notFound);
    const row = toRow(found);
    if (row.state !== 'in_review' || round === null) refuse({ code: 'REPORT_SIGNOFF_STATE', message: stateRefusal(row.state, 'decide') });
    if (round!.stageAgencyId !== viewerAgencyId) refuse({ code: 'REVIEW_NOT_ALLOWED', message: '当前审核环节不由本机关审核。' });
    if (input.stage !== undefined && input.stage !== round!.stage) refuse({ code: 'REVIEW_STALE', message: '审核进度已变化（他人已作出决定），请刷新页面后再审核。' });
    const decided = await decide(trx, round!, actor.user, input.decision, comment, actor.now);
    if (!decided.ok) return refuse(decided.error);
    const state: SignoffState = decided.value.outcome === 'approved' ? 'approved' : decided.value.outcome === 'returned' ? 'drafting' : 'in_review';
    const updated = await trx
      .updateTable('reportDrafts')
      .set({ state, approvedAt: state === 'approved' ? actor.now : null, updatedAt: actor.now })
      .where('id', '=', found.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await record(trx, {
      userId: actor.userId,
      agencyId: viewerAgencyId,
      action: input.decision === 'approve' ? 'report.review.approve' : 'report.review.return',
      target: `report:${found.year}`,
      detail: { year: found.year, version: found.version, stage: decided.value.stageName, outcome: decided.value.outcome, comment, reportAgencyId: found.agencyId },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { row: toRow(updated), ...decided.value };
  });
}

/** Takes the submission back (撤回送审), or gives up a sign-off not yet published (撤回签发): the draft is open again. */
export async function recallReport(db: Kysely<DB>, agencyId: number, year: number, reason: string, actor: SignoffActor): Promise<DomainResult<SignoffRow>> {
  const why = reason.trim();
  if (why.length > 500) return { ok: false, error: { code: 'INVALID_INPUT', message: '撤回原因不能超过500字。', field: 'reason' } };
  return inTransaction(db, async (trx) => {
    const row = await lockSignoff(trx, agencyId, year, actor.now);
    requireState(row, 'withdraw');
    if (row.state === 'approved' && why === '') refuse({ code: 'REASON_REQUIRED', message: '撤回已签发的报告须写明原因（例如签发后发现数据有误）。', field: 'reason' });
    const round = await pendingRound(trx, 'annual_report', row.id, { lock: true });
    await withdrawRound(trx, { subject: 'annual_report', subjectId: row.id, agencyId, version: row.version, title: '' }, round, actor, why);
    const updated = await trx.updateTable('reportDrafts').set({ state: 'drafting', approvedAt: null, updatedAt: actor.now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await record(trx, { userId: actor.userId, agencyId, action: 'report.recall', target: `report:${year}`, detail: { year, version: row.version, from: row.state, reason: why }, ip: actor.ip ?? null, at: actor.now });
    return toRow(updated);
  });
}

/** Opens the published report's draft again for a correction (更正): it goes round the chain again with its 更正说明. */
export async function startCorrection(db: Kysely<DB>, agencyId: number, year: number, actor: SignoffActor): Promise<DomainResult<SignoffRow>> {
  return inTransaction(db, async (trx) => {
    const row = await lockSignoff(trx, agencyId, year, actor.now);
    requireState(row, 'correct');
    const updated = await trx.updateTable('reportDrafts').set({ state: 'drafting', updatedAt: actor.now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await record(trx, { userId: actor.userId, agencyId, action: 'report.correct_start', target: `report:${year}`, detail: { year, publishedVersion: row.publishedVersion }, ip: actor.ip ?? null, at: actor.now });
    return toRow(updated);
  });
}

export interface SignedPublication {
  publication: Publication;
  row: SignoffRow;
  /** why no PDF was kept (no browser on the server …): it is printed on its first request instead */
  pdfProblem: string | null;
}

/**
 * Publishes the signed-off snapshot (a correction when the year's report is published) with every check of
 * publishReport, the 说明 and 更正说明 it was signed with, and its PDF printed first (outside the
 * transaction: a print takes seconds). Warnings must be acknowledged by the person publishing.
 */
export async function publishSigned(
  db: Kysely<DB>,
  agencyCode: string,
  year: number,
  input: { acknowledgeWarnings?: boolean },
  actor: SignoffActor,
  browser: BrowserSettings,
): Promise<DomainResult<SignedPublication>> {
  const agency = await findAgency(db, agencyCode);
  if (!agency.ok) return agency;
  const before = await db.selectFrom('reportDrafts').selectAll().where('agencyId', '=', agency.value.id).where('year', '=', year).executeTakeFirst();
  const signed = before ? toRow(before) : null;
  if (signed === null || signed.state !== 'approved' || signed.snapshot === null) return { ok: false, error: { code: 'REPORT_SIGNOFF_STATE', message: stateRefusal(signed?.state ?? null, 'publish') } };
  // warnings not acknowledged refuse before the print (seconds) is spent; publishReport checks again inside
  const warnings = reviewForPublication(signed.snapshot, await neighboursOf(db, agency.value.id, year, false)).warnings;
  if (warnings.length > 0 && input.acknowledgeWarnings !== true) {
    return {
      ok: false,
      error: {
        code: REPORT_WARNINGS_NOT_ACKNOWLEDGED,
        message: `年度报告有${warnings.length}个警告：${describeProblems(warnings)}。请逐项核实；核实无误的，确认这些警告后再发布，需要改正的请撤回签发、改正后重新提交审核。`,
        field: 'acknowledgeWarnings',
        warnings,
      } as PublishRefusal,
    };
  }
  const printed = await printReport({ ...signed.snapshot, agency: signed.snapshot.agency ?? agency.value.name, year }, actor.now, browser);
  const written = await inTransaction(db, async (trx) => {
    const row = await lockSignoff(trx, agency.value.id, year, actor.now);
    if (row.state !== 'approved' || row.version !== signed.version) refuse({ code: 'REVIEW_STALE', message: '年度报告的状态已变化（他人已撤回或发布），请刷新页面后再操作。' });
    const already = await trx.selectFrom('publishedReports').select('id').where('agencyId', '=', agency.value.id).where('year', '=', year).executeTakeFirst();
    const published = await publishReport(
      joined(trx),
      agencyCode,
      {
        year,
        report: signed.snapshot!,
        replace: already !== undefined,
        acknowledgeWarnings: input.acknowledgeWarnings === true,
        source: `年度报告工作台（第${row.version}稿，已签发）`,
        ...(row.explanation ? { explanation: row.explanation } : {}),
        ...(row.changeNote ? { changeNote: row.changeNote } : {}),
        pdf: printed.ok ? printed.value : null,
      },
      { userId: actor.userId, now: actor.now, ip: actor.ip ?? null },
    );
    if (!published.ok) return refuse(published.error);
    const updated = await trx
      .updateTable('reportDrafts')
      .set({ state: 'published', publishedAt: actor.now, publishedVersion: published.value.version, updatedAt: actor.now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { publication: published.value, row: toRow(updated) };
  });
  if (!written.ok) return written;
  touchColumn(agencyCode); // committed now (publishReport's touch ran inside the transaction)
  return { ok: true, value: { ...written.value, pdfProblem: printed.ok ? null : printed.error.message } };
}
