// Review rounds, the same for every subject: a subject is submitted (a 'submit' decision opens a round with
// the chain as it stands, waiting at stage 1), each stage is approved or returned (退回, with comments) by
// a member of the stage's agency holding one of its roles; the last approval ends the round approved, a
// return ends it returned. Decisions are appended to review_decisions (never changed); review_pending is
// the open round (what the inbox lists). The same person may not approve two stages of one round (one
// version: a subject under review is not edited) unless the chain allows it. These functions run inside
// the subject's own transaction (its row locked by the caller) and return refusals for it to raise.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { parseStages } from '../../domain/review/chain.ts';
import type { ChainStage, ReviewSubject } from '../../domain/review/chain.ts';
import { ROLE_LABELS } from '../accounts/roles.ts';
import type { SessionUser } from '../accounts/roles.ts';
import { getChain, parentOf } from './chain.ts';

export interface ReviewTarget {
  subject: ReviewSubject;
  subjectId: number;
  /** the subject's agency */
  agencyId: number;
  version: number;
  title: string;
}

export interface PendingRound {
  id: number;
  subject: ReviewSubject;
  subjectId: number;
  agencyId: number;
  version: number;
  stages: ChainStage[];
  allowSamePerson: boolean;
  /** the stage waiting, 1-based */
  stage: number;
  stageAgencyId: number;
  roundStart: number;
  submittedByName: string;
  waitingSince: string;
}

export type Decision = 'approve' | 'return';
export const DECISION_LABELS: Record<string, string> = { submit: '提交审核', approve: '同意', return: '退回', withdraw: '撤回' };

const fail = (code: string, message: string, field?: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, ...(field ? { field } : {}) } });

/** The agency whose members act at a stage, or a refusal when a 'parent' stage has no parent agency. */
async function stageAgency(db: Kysely<DB>, agencyId: number, stage: ChainStage): Promise<DomainResult<number>> {
  if (stage.agency === 'self') return { ok: true, value: agencyId };
  const parent = await parentOf(db, agencyId);
  if (parent === null) return fail('CHAIN_PARENT_MISSING', `审核环节“${stage.name}”应由上级机关审核，但本机关没有上级机关：请管理员修改审核流程。`);
  return { ok: true, value: parent.id };
}

const rolesText = (roles: readonly string[]): string => `,${roles.join(',')},`;

/** Opens a round for the target (inside the subject's transaction): the 'submit' decision and the waiting row. */
export async function openRound(trx: Kysely<DB>, target: ReviewTarget, by: { userId: number | null; name: string; now: string }): Promise<DomainResult<PendingRound>> {
  const open = await trx.selectFrom('reviewPending').select('id').where('subject', '=', target.subject).where('subjectId', '=', target.subjectId).executeTakeFirst();
  if (open !== undefined) return fail('ALREADY_IN_REVIEW', '已在审核中。');
  const chain = await getChain(trx, target.agencyId, target.subject);
  const first = chain.stages[0] as ChainStage;
  const where = await stageAgency(trx, target.agencyId, first);
  if (!where.ok) return where;
  const submit = await trx
    .insertInto('reviewDecisions')
    .values({
      subject: target.subject,
      subjectId: target.subjectId,
      agencyId: target.agencyId,
      version: target.version,
      stage: 0,
      stageName: '提交审核',
      decision: 'submit',
      comment: '',
      actorId: by.userId,
      actorName: by.name,
      decidedAt: by.now,
      stageAgencyId: target.agencyId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('reviewPending')
    .values({
      subject: target.subject,
      subjectId: target.subjectId,
      agencyId: target.agencyId,
      version: target.version,
      title: target.title,
      stages: JSON.stringify(chain.stages),
      allowSamePerson: chain.allowSamePerson,
      stage: 1,
      stageAgencyId: where.value,
      stageRoles: rolesText(first.roles),
      roundStart: submit.id,
      submittedBy: by.userId,
      submittedByName: by.name,
      waitingSince: by.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    ok: true,
    value: { id: row.id, subject: target.subject, subjectId: target.subjectId, agencyId: target.agencyId, version: target.version, stages: chain.stages, allowSamePerson: chain.allowSamePerson, stage: 1, stageAgencyId: where.value, roundStart: submit.id, submittedByName: by.name, waitingSince: by.now },
  };
}

/** The open round of a subject, or null. `lock`: for update (inside the deciding transaction). */
export async function pendingRound(db: Kysely<DB>, subject: ReviewSubject, subjectId: number, options: { lock?: boolean } = {}): Promise<PendingRound | null> {
  const row = await db
    .selectFrom('reviewPending')
    .selectAll()
    .where('subject', '=', subject)
    .where('subjectId', '=', subjectId)
    .$if(options.lock === true, (q) => q.forUpdate())
    .executeTakeFirst();
  if (row === undefined) return null;
  const stages = parseStages(row.stages) ?? [];
  return {
    id: row.id,
    subject: row.subject as ReviewSubject,
    subjectId: row.subjectId,
    agencyId: row.agencyId,
    version: row.version,
    stages,
    allowSamePerson: row.allowSamePerson,
    stage: row.stage,
    stageAgencyId: row.stageAgencyId,
    roundStart: row.roundStart,
    submittedByName: row.submittedByName,
    waitingSince: row.waitingSince,
  };
}

/** Whether the user may decide the round's waiting stage now: the stage's role in its agency, and the same-person rule. */
export async function mayDecide(db: Kysely<DB>, round: PendingRound, user: SessionUser): Promise<DomainResult<true>> {
  const stage = round.stages[round.stage - 1];
  if (stage === undefined) return fail('REVIEW_STAGE_UNKNOWN', '审核环节已不存在。');
  const roles = user.memberships.filter((m) => m.agencyId === round.stageAgencyId).map((m) => m.role as string);
  if (!stage.roles.some((r) => roles.includes(r))) {
    return fail('REVIEW_NOT_ALLOWED', `“${stage.name}”环节由${stage.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join('或')}审核${stage.agency === 'parent' ? '（上级机关）' : ''}，您没有这个角色。`);
  }
  if (!round.allowSamePerson) {
    const earlier = await db
      .selectFrom('reviewDecisions')
      .select(['stageName'])
      .where('subject', '=', round.subject)
      .where('subjectId', '=', round.subjectId)
      .where('id', '>=', round.roundStart)
      .where('decision', '=', 'approve')
      .where('actorId', '=', user.id)
      .where('stage', '<>', round.stage)
      .executeTakeFirst();
    if (earlier !== undefined) {
      return fail('SAME_PERSON', `您已在“${earlier.stageName}”环节审核同意了这一版本，同一人不能审核同一版本的两个环节（本机关未允许）。请由其他人员审核“${stage.name}”。`);
    }
  }
  return { ok: true, value: true };
}

export type RoundOutcome = 'advanced' | 'approved' | 'returned';

/** Records a decision on the waiting stage (inside the subject's transaction, the round read with lock). */
export async function decide(
  trx: Kysely<DB>,
  round: PendingRound,
  user: SessionUser,
  decision: Decision,
  comment: string,
  now: string,
): Promise<DomainResult<{ outcome: RoundOutcome; stageName: string; next: string | null }>> {
  const allowed = await mayDecide(trx, round, user);
  if (!allowed.ok) return allowed;
  const stage = round.stages[round.stage - 1] as ChainStage;
  if (decision === 'return' && comment.trim() === '') return fail('RETURN_COMMENT_REQUIRED', '退回须写明意见，说明需要修改之处。', 'comment');
  await trx
    .insertInto('reviewDecisions')
    .values({
      subject: round.subject,
      subjectId: round.subjectId,
      agencyId: round.agencyId,
      version: round.version,
      stage: round.stage,
      stageName: stage.name,
      decision,
      comment: comment.trim(),
      actorId: user.id,
      actorName: user.displayName,
      decidedAt: now,
      stageAgencyId: round.stageAgencyId,
    })
    .execute();
  const next = round.stages[round.stage];
  if (decision === 'approve' && next !== undefined) {
    const where = await stageAgency(trx, round.agencyId, next);
    if (!where.ok) return where;
    await trx.updateTable('reviewPending').set({ stage: round.stage + 1, stageAgencyId: where.value, stageRoles: rolesText(next.roles), waitingSince: now }).where('id', '=', round.id).execute();
    return { ok: true, value: { outcome: 'advanced', stageName: stage.name, next: next.name } };
  }
  await trx.deleteFrom('reviewPending').where('id', '=', round.id).execute();
  return { ok: true, value: { outcome: decision === 'approve' ? 'approved' : 'returned', stageName: stage.name, next: null } };
}

/**
 * The subject's submitter takes it back (inside the subject's transaction): the open round, if any, ends
 * and a 'withdraw' decision records who and why — also for a subject already approved whose sign-off is
 * given up (no round open then). The next submission opens a new round.
 */
export async function withdrawRound(trx: Kysely<DB>, target: ReviewTarget, round: PendingRound | null, by: { userId: number | null; name: string; now: string }, reason: string): Promise<void> {
  await trx
    .insertInto('reviewDecisions')
    .values({
      subject: target.subject,
      subjectId: target.subjectId,
      agencyId: target.agencyId,
      version: target.version,
      stage: 0,
      stageName: round === null ? '撤回签发' : '撤回送审',
      decision: 'withdraw',
      comment: reason.trim(),
      actorId: by.userId,
      actorName: by.name,
      decidedAt: by.now,
      stageAgencyId: target.agencyId,
    })
    .execute();
  if (round !== null) await trx.deleteFrom('reviewPending').where('id', '=', round.id).execute();
}

export interface DecisionEntry {
  id: number;
  version: number;
  stage: number;
  stageName: string;
  decision: string;
  comment: string;
  actorName: string;
  decidedAt: string;
  stageAgencyId: number | null;
}

/** Every decision on a subject, oldest first (the review history). */
export async function reviewHistory(db: Kysely<DB>, subject: ReviewSubject, subjectId: number): Promise<DecisionEntry[]> {
  return db
    .selectFrom('reviewDecisions')
    .select(['id', 'version', 'stage', 'stageName', 'decision', 'comment', 'actorName', 'decidedAt', 'stageAgencyId'])
    .where('subject', '=', subject)
    .where('subjectId', '=', subjectId)
    .orderBy('id')
    .execute();
}

/** Whether an agency's reviewers were ever sent the subject (a 'parent' stage waiting or decided there). */
export async function reviewedBy(db: Kysely<DB>, subject: ReviewSubject, subjectId: number, agencyId: number): Promise<boolean> {
  const waiting = await db.selectFrom('reviewPending').select('id').where('subject', '=', subject).where('subjectId', '=', subjectId).where('stageAgencyId', '=', agencyId).executeTakeFirst();
  if (waiting !== undefined) return true;
  const decided = await db.selectFrom('reviewDecisions').select('id').where('subject', '=', subject).where('subjectId', '=', subjectId).where('stageAgencyId', '=', agencyId).where('decision', '<>', 'submit').executeTakeFirst();
  return decided !== undefined;
}
