// Search of the catalogue (plan-notes 6): the query (domain/search/query.ts) against the items' GIN-indexed
// tsvector, ranked by ts_rank with title, 文号 and 索引号 weighted over body; an exact 索引号 and a 文号
// (or its tail, 〔2024〕3号) looked up on their own indexes and ranked first; filters by category, year
// and type; the public sees published items (and withdrawn ones, which say so), staff see drafts too.
// Snippets are marked in JS (the 'simple' parser cannot find Chinese words inside a text).

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { parseQuery, snippet, type Segment } from '../../domain/search/query.ts';
import { encodeCursor, decodeCursor } from '../keyset.ts';

export interface SearchParams {
  /** the agency searched */
  agencyId: number;
  query: string;
  /** 'public': published items only; 'staff': every state */
  scope: 'public' | 'staff';
  category?: string;
  docType?: string;
  /** the year of 发布日期 (public) or of 成文日期, else 形成日期 (staff) */
  year?: number;
  limit: number;
  /** the cursor of the page after which to continue (from a previous result's `next`) */
  after?: string | null;
}

export interface SearchHit {
  id: number;
  indexNumber: string;
  title: string;
  /** the title with the query's words marked */
  titleMarked: Segment[];
  docNumber: string;
  publisher: string;
  category: string;
  docType: string;
  state: string;
  writtenOn: string | null;
  publishedOn: string | null;
  /** rank: higher is better (an exact 索引号 or 文号 match scores 10 and more) */
  score: number;
  snippet: Segment[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** the cursor of the next page, or null */
  next: string | null;
  /** how many items match, counted up to COUNT_CAP; `capped` when there are more */
  total: number;
  capped: boolean;
  /** the query had nothing to search for (only punctuation, or empty) */
  empty: boolean;
}

export const COUNT_CAP = 1000;
const EXACT_SCORE = 10;

export async function searchCatalogue(db: Kysely<DB>, params: SearchParams): Promise<SearchResult> {
  const q = parseQuery(params.query);
  const limit = Math.max(1, Math.min(params.limit, 100));
  if (q.tsquery === '' && q.docNumberKey === null && q.singles.length === 0 && q.exact === '') return { hits: [], next: null, total: 0, capped: false, empty: true };

  const filters = sql.join(
    [
      sql`i.agency_id = ${params.agencyId}`,
      params.scope === 'public' ? sql`i.state in ('published', 'withdrawn')` : sql`true`,
      params.category !== undefined ? sql`i.category = ${params.category}` : sql`true`,
      params.docType !== undefined ? sql`i.doc_type = ${params.docType}` : sql`true`,
      params.year !== undefined
        ? params.scope === 'public'
          ? sql`i.published_on between ${`${params.year}-01-01`}::date and ${`${params.year}-12-31`}::date`
          : sql`coalesce(i.written_on, i.formed_on) between ${`${params.year}-01-01`}::date and ${`${params.year}-12-31`}::date`
        : sql`true`,
    ],
    sql` and `,
  );

  // the matching ids with their score, from each way of matching
  const parts = [sql`select i.id, ${EXACT_SCORE * 2}::float8 as score from catalogue_items i where i.index_number = ${q.exact} and ${filters}`];
  if (q.docNumberKey !== null) {
    parts.push(sql`select i.id, ${EXACT_SCORE}::float8 as score from catalogue_items i where i.doc_number_key <> '' and (i.doc_number_key = ${q.docNumberKey} or i.doc_number_key like ${`%${escapeLike(q.docNumberKey)}`}) and ${filters}`);
  }
  if (q.tsquery !== '') {
    parts.push(sql`select i.id, ts_rank('{0.1, 0.2, 0.4, 1.0}', i.search_vector, to_tsquery('simple', ${q.tsquery}))::float8 as score from catalogue_items i where i.search_vector @@ to_tsquery('simple', ${q.tsquery}) and ${filters}`);
  } else if (q.singles.length > 0 && q.docNumberKey === null) {
    // one character: no pair to look up; titles only (a sequential scan bounded by the agency)
    parts.push(sql`select i.id, 0.01::float8 as score from catalogue_items i where i.title like ${`%${escapeLike(q.singles[0]!)}%`} and ${filters}`);
  }
  const matches = sql`select id, max(score) as score from (${sql.join(parts, sql` union all `)}) m group by id`;

  const cursor = decodeCursor(params.after);
  const afterCondition = cursor !== null && typeof cursor.key === 'number' ? sql`where (score < ${cursor.key} or (score = ${cursor.key} and id < ${cursor.id}))` : sql``;
  const rows = await sql<{ id: number; score: number }>`select id, score from (${matches}) s ${afterCondition} order by score desc, id desc limit ${limit + 1}`.execute(db);
  const counted = await sql<{ n: number }>`select count(*)::int as n from (select 1 from (${matches}) c limit ${COUNT_CAP + 1}) x`.execute(db);
  const total = Math.min(counted.rows[0]?.n ?? 0, COUNT_CAP);
  const capped = (counted.rows[0]?.n ?? 0) > COUNT_CAP;

  const shown = rows.rows.slice(0, limit);
  const ids = shown.map((r) => Number(r.id));
  const items =
    ids.length === 0
      ? []
      : await db
          .selectFrom('catalogueItems')
          .select(['id', 'indexNumber', 'title', 'docNumber', 'publisher', 'category', 'docType', 'state', 'writtenOn', 'publishedOn', 'summary', 'body', 'bodyHtml'])
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(items.map((i) => [i.id, i]));
  const hits: SearchHit[] = [];
  for (const r of shown) {
    const i = byId.get(Number(r.id));
    if (i === undefined) continue;
    const text = i.summary !== '' ? `${i.summary} ${i.body}` : i.body !== '' ? i.body : i.bodyHtml.replace(/<[^>]*>/g, ' ');
    hits.push({
      id: i.id,
      indexNumber: i.indexNumber,
      title: i.title,
      titleMarked: snippet(i.title, q.highlight, i.title.length + 1),
      docNumber: i.docNumber,
      publisher: i.publisher,
      category: i.category,
      docType: i.docType,
      state: i.state,
      writtenOn: i.writtenOn,
      publishedOn: i.publishedOn,
      score: Number(r.score),
      snippet: snippet(text.replace(/^#+\s*/gm, '').replace(/^-\s+/gm, ''), q.highlight),
    });
  }
  const last = shown[shown.length - 1];
  return { hits, next: rows.rows.length > limit && last !== undefined ? encodeCursor({ key: Number(last.score), id: Number(last.id) }) : null, total, capped, empty: false };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
