// A review of an entry of the register of 不予公开 decisions (条例第十八条): 仍不予公开 with its reasons, or
// 转为公开 — of an application's entry through 转主动公开's path (proactive.ts: a catalogue draft linked to
// the application), of a catalogue item's by its 公开属性 set to 主动公开 where the catalogue allows it (a
// draft); an item past the draft stage keeps its 公开属性 and the page links to it. One transaction —
// the entry locked, the review, the draft or the 公开属性, the audit entries — and a refusal writes nothing.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { checkReview, reviewInput, REVIEW_OUTCOME_LABELS } from '../../domain/withheld/rules.ts';
import type { ReviewInput } from '../../domain/withheld/rules.ts';
import { record } from '../audit.ts';
import { inTransaction, refuse } from '../catalogue/items.ts';
import type { CatalogueActor } from '../catalogue/items.ts';
import { parseInput } from '../catalogue/workflow.ts';
import { insertProactiveDraft, proactiveFields, sourceApplication } from '../proactive.ts';
import { withheldEntry } from './register.ts';

const ENTRY_NOT_FOUND = { code: 'ENTRY_NOT_FOUND', message: '没有找到这条不予公开的记录（可能已不属于不予公开，或不属于本机关）。' };

export interface ReviewResult {
  id: number;
  outcome: string;
  /** the catalogue draft made (an application's entry released) */
  itemId: number | null;
  /** a catalogue entry released: its 公开属性 was set to 主动公开 (false: the item is past the draft stage) */
  disclosureChanged: boolean;
}

/** Records one review of one entry of the register. */
export async function reviewWithheld(db: Kysely<DB>, agencyId: number, input: ReviewInput, actor: CatalogueActor): Promise<DomainResult<ReviewResult>> {
  const parsed = parseInput(reviewInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(db, async (trx) => {
    // the entry's row locked: two reviews at once are recorded one after the other
    if (v.source === 'application') await trx.selectFrom('applications').select('id').where('id', '=', v.sourceId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    else await trx.selectFrom('catalogueItems').select('id').where('id', '=', v.sourceId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    const entry = await withheldEntry(trx, agencyId, v.source, v.sourceId, actor.today);
    if (entry === undefined) refuse(ENTRY_NOT_FOUND);
    if (entry.lastOutcome === 'released') refuse({ code: 'ALREADY_RELEASED', message: `这条信息已于${entry.lastReviewedOn ?? ''}经审查转为公开，不再审查。` });
    const checked = checkReview(v, entry, actor.today);
    if (!checked.ok) refuse(checked.error);
    let itemId: number | null = null;
    let disclosureChanged = false;
    if (v.outcome === 'released' && v.source === 'application') {
      const app = await sourceApplication(trx, agencyId, v.sourceId);
      if (app === undefined) refuse(ENTRY_NOT_FOUND);
      const fields = await proactiveFields(trx, app, { category: v.category ?? '', title: v.title ?? '' }, actor.today);
      if (!fields.ok) refuse(fields.error);
      itemId = (await insertProactiveDraft(trx, app, fields.value, actor, 'withheld_review')).id;
    }
    if (v.outcome === 'released' && v.source === 'catalogue') {
      itemId = v.sourceId;
      // the catalogue's own rule: 公开属性 is decided on a draft (workflow-rules.ts); past it, the item's page
      if (entry.itemState === 'draft') {
        await trx.updateTable('catalogueItems').set({ disclosure: '主动公开', disclosureReason: null, disclosureArticle: null, disclosureOn: actor.today, updatedAt: actor.now }).where('id', '=', v.sourceId).execute();
        await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.disclosure', target: `catalogue:${v.sourceId}`, detail: { disclosure: '主动公开', before: '不予公开', via: 'withheld_review' }, ip: actor.ip ?? null, at: actor.now });
        disclosureChanged = true;
      }
    }
    const row = await trx
      .insertInto('withheldReviews')
      .values({ agencyId, source: v.source, sourceId: v.sourceId, reviewedOn: v.reviewedOn, outcome: v.outcome, note: v.note, catalogueItemId: v.source === 'application' ? itemId : null, reviewedBy: actor.userId, createdAt: actor.now })
      .returning(['id', 'outcome'])
      .executeTakeFirstOrThrow();
    await record(trx, {
      userId: actor.userId,
      agencyId,
      action: 'withheld.review',
      target: `${v.source === 'application' ? 'application' : 'catalogue'}:${v.sourceId}`,
      detail: { label: entry.label, reviewedOn: v.reviewedOn, outcome: REVIEW_OUTCOME_LABELS[v.outcome], note: v.note, itemId, disclosureChanged },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { id: Number(row.id), outcome: row.outcome, itemId, disclosureChanged };
  });
}
