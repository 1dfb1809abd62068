// The search index of a catalogue item (plan-notes 6): its terms (domain/search/segment.ts) in the
// item's tsvector, weighted — title, 文号 and 索引号 A, 内容概述 B, body and attachments' text C — written
// in the same transaction as the change that made them. Terms go to to_tsvector('simple', …) as one
// space-separated string of letters and digits only, so the parser cannot split them further.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { indexTerms } from '../../domain/search/segment.ts';

/** Bodies longer than this are indexed on their first part only (the whole is kept and shown). */
const INDEXED_BODY_MAX = 400_000;

function termString(text: string): string {
  return indexTerms(text.slice(0, INDEXED_BODY_MAX)).join(' ');
}

/** Rebuilds the item's search vector from its fields and attachments. `db` may be a transaction. */
export async function refreshSearchVector(db: Kysely<DB>, itemId: number): Promise<void> {
  const item = await db
    .selectFrom('catalogueItems')
    .select(['title', 'summary', 'docNumber', 'indexNumber', 'body', 'bodyHtml'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (item === undefined) return;
  const attachments = await db.selectFrom('catalogueAttachments').select(['fileName', 'text']).where('itemId', '=', itemId).execute();
  const a = termString(`${item.title} ${item.docNumber} ${item.indexNumber}`);
  const b = termString(item.summary);
  const c = termString([item.body, stripTags(item.bodyHtml), ...attachments.map((x) => `${x.fileName} ${x.text}`)].join('\n'));
  await sql`update catalogue_items set search_vector =
      setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')
    where id = ${itemId}`.execute(db);
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
}
