// The SQL side of the one search module (plan-notes 6), shared by the catalogue (catalogue-index.ts,
// catalogue-search.ts) and the applications (application-index.ts, application-search.ts): a document is
// the term strings of domain/search/segment.ts (jieba's words plus every pair of adjacent CJK characters)
// in a GIN-indexed tsvector, each part weighted; a query is domain/search/query.ts's tsquery text. The
// 'simple' configuration is used throughout: the terms are made in JS, PostgreSQL only stores and matches
// them (no parser for Chinese exists on either engine: docs/stack-notes).

import { sql, type RawBuilder } from 'kysely';
import './segmenter.ts';

export type Weight = 'A' | 'B' | 'C' | 'D';

/** The tsvector of weighted term strings (SQL values or column references), in the order given. */
export function documentSql(parts: readonly (readonly [Weight, unknown])[]): RawBuilder<unknown> {
  return sql.join(
    parts.map(([weight, terms]) => sql`setweight(to_tsvector('simple', ${terms}), ${sql.lit(weight)})`),
    sql` || `,
  );
}

/** The tsquery of a query text made by domain/search/query.ts (its terms hold letters and digits only). */
export function tsquerySql(text: string): RawBuilder<unknown> {
  return sql`to_tsquery('simple', ${text})`;
}

/** `text` as a LIKE pattern that matches itself literally (backslash is PostgreSQL's default LIKE escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
