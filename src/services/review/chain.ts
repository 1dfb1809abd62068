// The review chain of an agency for a subject (table review_chains): read — the default 初审/复审/签发
// when the agency has set none — and written by its administrator (audited, one transaction). A round
// keeps the chain it began with (review_pending.stages), so a change applies to later rounds only.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { chainInput, checkChain, DEFAULT_CHAIN, parseStages } from '../../domain/review/chain.ts';
import type { ChainDefinition, ChainInput, ReviewSubject } from '../../domain/review/chain.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import { ROLE_LABELS, ROLES } from '../accounts/roles.ts';
import { record } from '../audit.ts';

export interface ReviewChain extends ChainDefinition {
  subject: ReviewSubject;
  /** no row: the default chain */
  isDefault: boolean;
  updatedAt: string | null;
}

/** The roles a stage may name: every role but 监督 (who only reads). */
export const REVIEW_ROLES: readonly string[] = ROLES.filter((r) => r !== 'supervisor' && r !== 'oversight');

export async function getChain(db: Kysely<DB>, agencyId: number, subject: ReviewSubject): Promise<ReviewChain> {
  const row = await db.selectFrom('reviewChains').selectAll().where('agencyId', '=', agencyId).where('subject', '=', subject).executeTakeFirst();
  const stages = row ? parseStages(row.stages) : null;
  if (!row || stages === null) return { subject, ...structuredClone(DEFAULT_CHAIN), isDefault: true, updatedAt: null };
  return { subject, stages, allowSamePerson: row.allowSamePerson, isDefault: false, updatedAt: row.updatedAt };
}

export async function parentOf(db: Kysely<DB>, agencyId: number): Promise<{ id: number; code: string; name: string } | null> {
  const row = await db.selectFrom('agencies as a').innerJoin('agencies as p', 'p.id', 'a.parentId').select(['p.id', 'p.code', 'p.name']).where('a.id', '=', agencyId).executeTakeFirst();
  return row ?? null;
}

/** Sets the agency's chain for a subject (the administrator's; audited in the same transaction). */
export async function setChain(
  db: Kysely<DB>,
  agencyId: number,
  subject: ReviewSubject,
  input: ChainInput,
  actor: { userId: number | null; now: string; ip?: string | null },
): Promise<DomainResult<ReviewChain>> {
  const parsed = chainInput.safeParse(input);
  if (!parsed.success) {
    const r = inputRefusal(parsed.error);
    return { ok: false, error: { code: r.code, message: r.message, field: r.field } };
  }
  const parent = await parentOf(db, agencyId);
  const checked = checkChain(parsed.data, { roles: REVIEW_ROLES, roleLabels: ROLE_LABELS, hasParent: parent !== null });
  if (!checked.ok) return checked;
  const chain = checked.value;
  await db.transaction().execute(async (trx) => {
    const values = { stages: JSON.stringify(chain.stages), allowSamePerson: chain.allowSamePerson, updatedAt: actor.now };
    await trx
      .insertInto('reviewChains')
      .values({ agencyId, subject, ...values })
      .onConflict((oc) => oc.columns(['agencyId', 'subject']).doUpdateSet(values))
      .execute();
    await record(trx, { userId: actor.userId, agencyId, action: 'review_chain.update', target: `review_chain:${subject}`, detail: { stages: chain.stages, allowSamePerson: chain.allowSamePerson }, ip: actor.ip ?? null, at: actor.now });
  });
  return { ok: true, value: { subject, ...chain, isDefault: false, updatedAt: actor.now } };
}
