// Catalogue items for the public column's tests, made with insertItem (services/catalogue/items.ts)
// and put in the state a test needs directly (the workflow that publishes, withdraws and corrects is
// another module's): published, withdrawn with a reason, corrected with a note, or left a draft.

import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { ItemInput } from '../../src/domain/catalogue/item-input.ts';
import { inTransaction, insertItem, parseItem, type CatalogueActor } from '../../src/services/catalogue/items.ts';

export const ACTOR: CatalogueActor = { userId: null, name: 'tester', now: '2024-11-20T02:00:00.000Z', today: '2024-11-20' };

export interface MadeItem {
  id: number;
  indexNumber: string;
}

export interface ItemOptions {
  state?: 'published' | 'withdrawn' | 'draft' | 'in_review';
  bodyHtml?: string;
  withdrawn?: { at: string; reason: string };
  corrected?: { at: string; note: string };
}

/** An item of the agency in the given state (published by default: publishedOn must be set for that). */
export async function makeItem(db: Kysely<DB>, agencyId: number, input: ItemInput, options: ItemOptions = {}): Promise<MadeItem> {
  const parsed = await parseItem(db, agencyId, { category: 'a20-1', docType: '其他文件', ...input }, ACTOR.today);
  if (!parsed.ok) throw new Error(`${parsed.error.field ?? ''}: ${parsed.error.message}`);
  const state = options.withdrawn ? 'withdrawn' : (options.state ?? 'published');
  const made = await inTransaction(db, (trx) =>
    insertItem(trx, parsed.value, ACTOR, { state, ...(options.bodyHtml !== undefined ? { bodyHtml: options.bodyHtml } : {}), publishedAt: state === 'published' || state === 'withdrawn' ? ACTOR.now : null }),
  );
  if (!made.ok) throw new Error(made.error.message);
  const id = Number(made.value.id);
  if (options.withdrawn) await db.updateTable('catalogueItems').set({ withdrawnAt: options.withdrawn.at, withdrawnReason: options.withdrawn.reason }).where('id', '=', id).execute();
  if (options.corrected) await db.updateTable('catalogueItems').set({ correctedAt: options.corrected.at, correctionNote: options.corrected.note }).where('id', '=', id).execute();
  return { id, indexNumber: made.value.indexNumber };
}

/** An attachment of an item (inserted directly: uploads are the editor's). */
export async function addAttachment(db: Kysely<DB>, itemId: number, fileName: string, mediaType: string, content: Uint8Array): Promise<number> {
  const row = await db
    .insertInto('catalogueAttachments')
    .values({ itemId, position: 1, fileName, mediaType, size: content.length, sha256: 'x'.repeat(64), content, text: '', createdAt: ACTOR.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** One of the agency's own 信息类别 (catalogue_vocab kind 'category'). */
export async function addOwnCategory(db: Kysely<DB>, agencyId: number, code: string, name: string, position = 1): Promise<void> {
  await db.insertInto('catalogueVocab').values({ agencyId, kind: 'category', code, name, position }).execute();
}
