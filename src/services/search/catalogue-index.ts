// The search index of a catalogue item (plan-notes 6): its terms (domain/search/segment.ts) in the
// item's tsvector, weighted — title, 文号 and 索引号 A, 内容概述 B, body and attachments' text C — and the
// A part alone in title_vector (migration 0010; with the title's single characters, for one-character
// queries), written in the same transaction as the change that made them. The document's SQL is the
// shared one (text-search.ts). searchTexts is pure, for bulk loads (tests, bench) that compute it in bulk.

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { cjkChars, termString } from '../../domain/search/segment.ts';
import { documentSql } from './text-search.ts';

export interface IndexedItem {
  title: string;
  summary: string;
  docNumber: string;
  indexNumber: string;
  body: string;
  bodyHtml: string;
  attachments: readonly { fileName: string; text: string }[];
}

/** The term strings of each weight: a (title, 文号, 索引号, the title's characters), b (summary), c (body, attachments). */
export function searchTexts(item: IndexedItem): { a: string; b: string; c: string } {
  return {
    a: `${termString(`${item.title} ${item.docNumber} ${item.indexNumber}`)} ${cjkChars(item.title).join(' ')}`,
    b: termString(item.summary),
    c: termString([item.body, stripTags(item.bodyHtml), ...item.attachments.map((x) => `${x.fileName} ${x.text}`)].join('\n')),
  };
}

/** The search_vector expression of term strings (SQL values or column references). */
export function searchVectorSql(a: unknown, b: unknown, c: unknown): RawBuilder<unknown> {
  return documentSql([
    ['A', a],
    ['B', b],
    ['C', c],
  ]);
}

/** The title_vector expression of the A term string. */
export function titleVectorSql(a: unknown): RawBuilder<unknown> {
  return documentSql([['A', a]]);
}

/** Rebuilds the item's search vectors from its fields and attachments. `db` may be a transaction. */
export async function refreshSearchVector(db: Kysely<DB>, itemId: number): Promise<void> {
  const item = await db
    .selectFrom('catalogueItems')
    .select(['title', 'summary', 'docNumber', 'indexNumber', 'body', 'bodyHtml'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (item === undefined) return;
  const attachments = await db.selectFrom('catalogueAttachments').select(['fileName', 'text']).where('itemId', '=', itemId).execute();
  const { a, b, c } = searchTexts({ ...item, attachments });
  await sql`update catalogue_items set search_vector = ${searchVectorSql(a, b, c)}, title_vector = ${titleVectorSql(a)} where id = ${itemId}`.execute(db);
}

export function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
}
