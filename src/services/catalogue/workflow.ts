// Before publication (issue #11 Deliver 2): 公开属性认定, 保密审查 of the current version, submission to
// the review chain and each stage's decision. Every action is one transaction — the item's row locked,
// the change, the review decision, the audit entry — and every refusal leaves the database unchanged
// (inTransaction/refuse of items.ts). The state machine is domain/catalogue/workflow-rules.ts; the chain
// is services/review (generic: the annual report and 政务新媒体 posts use the same rounds).

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { checkDisclosure, checkSecrecy, disclosureInput, secrecyInput } from '../../domain/catalogue/disclosure.ts';
import type { DisclosureInput, SecrecyInput } from '../../domain/catalogue/disclosure.ts';
import { actionsOf, STATE_REFUSALS } from '../../domain/catalogue/workflow-rules.ts';
import type { WorkflowAction } from '../../domain/catalogue/workflow-rules.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import type { z } from 'zod';
import type { SessionUser } from '../accounts/roles.ts';
import { record } from '../audit.ts';
import { decide, openRound, pendingRound, reviewedBy } from '../review/rounds.ts';
import type { Decision, RoundOutcome } from '../review/rounds.ts';
import { inTransaction, refuse } from './items.ts';
import type { CatalogueActor, ItemRow } from './items.ts';

export const ITEM_NOT_FOUND: DomainError = { code: 'ITEM_NOT_FOUND', message: '这条信息不存在或不属于本机关。' };

/** Parses an input schema into a refusal naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): DomainResult<z.output<T>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const r = inputRefusal(parsed.error);
  return { ok: false, error: { code: r.code, message: r.message, field: r.field } };
}

/** The item of the agency, locked for the transaction; refused when missing or when its state does not allow `action`. */
export async function lockItem(trx: Transaction<DB>, agencyId: number, itemId: number, action: WorkflowAction): Promise<ItemRow> {
  const item = await trx.selectFrom('catalogueItems').selectAll().where('id', '=', itemId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
  if (item === undefined) refuse(ITEM_NOT_FOUND);
  if (!actionsOf(item.state, item.disclosure).includes(action)) refuse({ code: 'ITEM_STATE', message: STATE_REFUSALS[action] });
  return item;
}

const audit = (trx: Kysely<DB>, actor: CatalogueActor, item: ItemRow, action: string, detail: Record<string, unknown>) =>
  record(trx, { userId: actor.userId, agencyId: item.agencyId, action, target: `catalogue:${item.id}`, detail: { indexNumber: item.indexNumber, version: item.version, ...detail }, ip: actor.ip ?? null, at: actor.now });

/** 公开属性认定 of a draft: 主动公开, 依申请公开 (reason, no article), 不予公开 (reason and article). */
export async function setDisclosure(db: Kysely<DB>, agencyId: number, itemId: number, input: DisclosureInput, actor: CatalogueActor): Promise<DomainResult<ItemRow>> {
  const parsed = parseInput(disclosureInput, input);
  if (!parsed.ok) return parsed;
  const checked = checkDisclosure(parsed.value);
  if (!checked.ok) return checked;
  const d = checked.value;
  return inTransaction(db, async (trx) => {
    const item = await lockItem(trx, agencyId, itemId, 'disclosure');
    const row = await trx.updateTable('catalogueItems').set({ disclosure: d.disclosure, disclosureReason: d.reason, disclosureArticle: d.article, disclosureOn: actor.today, updatedAt: actor.now }).where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, item, 'catalogue.disclosure', { disclosure: d.disclosure, reason: d.reason, article: d.article, before: item.disclosure });
    return row;
  });
}

/** The latest 保密审查 of the item's current version, or undefined. */
export async function currentSecrecyReview(db: Kysely<DB>, item: Pick<ItemRow, 'id' | 'version'>) {
  return db.selectFrom('secrecyReviews').selectAll().where('itemId', '=', item.id).where('version', '=', item.version).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Refuses a 主动公开 item whose current version has no 不涉密 保密审查 (the latest review counts). */
async function requireSecrecyCleared(trx: Kysely<DB>, item: ItemRow): Promise<void> {
  if (item.disclosure !== '主动公开') return;
  const review = await currentSecrecyReview(trx, item);
  if (review === undefined) refuse({ code: 'SECRECY_REVIEW_REQUIRED', message: `主动公开的信息须先对当前版本（第${item.version}版）进行保密审查，结论为“不涉密”方可送审和发布（条例第十七条：先审查、后公开）。` });
  if (review.conclusion !== '不涉密') refuse({ code: 'SECRECY_NOT_CLEARED', message: `当前版本的保密审查结论为“${review.conclusion}”，不能公开。请处理后重新进行保密审查。` });
}

/** Records a 保密审查 of the current version (who, when, conclusion, note). `version`: the version the reviewer saw. */
export async function recordSecrecyReview(db: Kysely<DB>, agencyId: number, itemId: number, input: SecrecyInput, actor: CatalogueActor) {
  const parsed = parseInput(secrecyInput, input);
  if (!parsed.ok) return parsed;
  const checked = checkSecrecy(parsed.value);
  if (!checked.ok) return checked;
  return inTransaction(db, async (trx) => {
    const item = await lockItem(trx, agencyId, itemId, 'secrecy');
    if (parsed.value.version !== undefined && parsed.value.version !== item.version) {
      refuse({ code: 'VERSION_CONFLICT', message: `这条信息已有新版本（第${item.version}版），请对新版本重新审查。` });
    }
    const row = await trx
      .insertInto('secrecyReviews')
      .values({ itemId: item.id, version: item.version, conclusion: checked.value.conclusion, note: checked.value.note, reviewerId: actor.userId, reviewerName: actor.name, reviewedAt: actor.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, actor, item, 'catalogue.secrecy_review', { conclusion: row.conclusion, note: row.note });
    return row;
  });
}

/** Submits a draft to the agency's review chain: refused without 公开属性, and for 主动公开 without a 不涉密 保密审查 of this version. */
export async function submitItem(db: Kysely<DB>, agencyId: number, itemId: number, actor: CatalogueActor): Promise<DomainResult<ItemRow>> {
  return inTransaction(db, async (trx) => {
    const item = await lockItem(trx, agencyId, itemId, 'submit');
    if (item.disclosure === null) refuse({ code: 'DISCLOSURE_REQUIRED', message: '请先认定公开属性（主动公开、依申请公开或不予公开），再提交审核。', field: 'disclosure' });
    await requireSecrecyCleared(trx, item);
    const round = await openRound(trx, { subject: 'catalogue', subjectId: item.id, agencyId: item.agencyId, version: item.version, title: item.title }, { userId: actor.userId, name: actor.name, now: actor.now });
    if (!round.ok) refuse(round.error);
    const row = await trx.updateTable('catalogueItems').set({ state: 'in_review', updatedAt: actor.now }).where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, item, 'catalogue.submit', { stage: round.value.stages[0]?.name ?? '' });
    return row;
  });
}

/**
 * The item as the viewing agency may see it: its own, or a department's item that a stage of the
 * viewer's reviewers was sent (domain.md §6.1: the parent's office reviews what departments send up).
 */
export async function viewableItem(db: Kysely<DB>, viewerAgencyId: number, itemId: number): Promise<{ item: ItemRow; own: boolean } | null> {
  const item = await db.selectFrom('catalogueItems').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (item === undefined) return null;
  if (item.agencyId === viewerAgencyId) return { item, own: true };
  return (await reviewedBy(db, 'catalogue', item.id, viewerAgencyId)) ? { item, own: false } : null;
}

export interface DecisionInput {
  decision: Decision;
  comment?: string;
  /** the stage the reviewer saw (a decision made meanwhile makes it stale: refused) */
  stage?: number;
}

/**
 * A decision at the waiting stage by a reviewer of the viewing agency: approve (the last approval makes
 * the item 已签发) or return (退回, comments required: the item is a draft again).
 */
export async function decideItem(
  db: Kysely<DB>,
  viewerAgencyId: number,
  itemId: number,
  input: DecisionInput,
  actor: CatalogueActor & { user: SessionUser },
): Promise<DomainResult<{ item: ItemRow; outcome: RoundOutcome; stageName: string; next: string | null }>> {
  const comment = (input.comment ?? '').trim();
  return inTransaction(db, async (trx) => {
    const found = await trx.selectFrom('catalogueItems').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
    if (found === undefined) refuse(ITEM_NOT_FOUND);
    const round = await pendingRound(trx, 'catalogue', found.id, { lock: true });
    const visible = found.agencyId === viewerAgencyId || (round !== null && round.stageAgencyId === viewerAgencyId) || (await reviewedBy(trx, 'catalogue', found.id, viewerAgencyId));
    if (!visible) refuse(ITEM_NOT_FOUND);
    if (found.state !== 'in_review' || round === null) refuse({ code: 'ITEM_STATE', message: STATE_REFUSALS.decide });
    if (round.stageAgencyId !== viewerAgencyId) refuse({ code: 'REVIEW_NOT_ALLOWED', message: '当前审核环节不由本机关审核。' });
    if (input.stage !== undefined && input.stage !== round.stage) refuse({ code: 'REVIEW_STALE', message: '审核进度已变化（他人已作出决定），请刷新页面后再审核。' });
    if (input.decision === 'approve') await requireSecrecyCleared(trx, found);
    const decided = await decide(trx, round, actor.user, input.decision, comment, actor.now);
    if (!decided.ok) refuse(decided.error);
    const state = decided.value.outcome === 'approved' ? 'approved' : decided.value.outcome === 'returned' ? 'draft' : 'in_review';
    const item = await trx.updateTable('catalogueItems').set({ state, updatedAt: actor.now }).where('id', '=', found.id).returningAll().executeTakeFirstOrThrow();
    await record(trx, {
      userId: actor.userId,
      agencyId: viewerAgencyId,
      action: input.decision === 'approve' ? 'catalogue.review.approve' : 'catalogue.review.return',
      target: `catalogue:${found.id}`,
      detail: { indexNumber: found.indexNumber, version: found.version, stage: decided.value.stageName, outcome: decided.value.outcome, comment, itemAgencyId: found.agencyId },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { item, ...decided.value };
  });
}
