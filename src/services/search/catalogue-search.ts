// Search of the catalogue (plan-notes 6): the query (domain/search/query.ts) against the items' GIN-indexed
// tsvectors. An exact 索引号 (20) and a 文号 by its tail (〔2024〕3号: 10, the whole 文号: 15) are looked up
// on b-tree indexes and ranked first; then text matches: in the title (2), as a contiguous phrase in the
// title (1) or anywhere (0.5), plus ts_rank (title, 文号 and 索引号 weighted over summary over body, < 1).
// Only COUNT_CAP + 1 title matches (the newest, when the newest PROBE items hold that many) and the other
// matches among the first 2 × CANDIDATES are ranked (title vectors are small; whole-text vectors are not),
// so a query matching most of a million items costs what a thousand do (docs/ARCHITECTURE.md, search). Filters by
// category, year and type; the public sees published items (and withdrawn ones, which say so), staff see
// drafts too. Snippets are marked in JS (the 'simple' parser cannot find Chinese words inside a text).

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { exactKey, nothingToSearch, parseQuery, snippet, type Segment } from '../../domain/search/query.ts';
import { encodeCursor, decodeCursor } from '../keyset.ts';
import { escapeLike, tsquerySql } from './text-search.ts';

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

export const COUNT_CAP = 500;
/**
 * A match set of 300,000 is not ranked whole (ts_rank reads every vector): the title tier ranks its first
 * COUNT_CAP + 1 matches, the whole-text tier its first 2 × CANDIDATES matches less the title matches
 * among them (the same set on every page, so the cursor runs through it); pages end there. A 文号 tail finds at most CANDIDATES items.
 */
export const CANDIDATES = 100;
/**
 * The newest items of the agency (the public: by 发布日期, then id; staff: newest created) in which a query is first looked for: when more than COUNT_CAP of
 * them match its title tier, those are the tier's candidates (the newest matches), and no index of all
 * matches is read; else the tier takes its first COUNT_CAP + 1 matches from the title index.
 */
export const PROBE = 10_000;
/**
 * The agency's newest PROBE items with the columns the filters read, walked on an index: the public's by
 * 发布日期 (naming the predicate of the partial index catalogue_items_public_list), the staff's by id
 * (catalogue_items_agency_recent). Exported for the bench, which checks the plan.
 */
export function newestItems(agencyId: number, scope: SearchParams['scope']): RawBuilder<unknown> {
  const order =
    scope === 'public'
      ? sql`i.state in ('published', 'withdrawn') order by (coalesce(i.published_on, date '0001-01-01')) desc, i.id desc`
      : sql`true order by i.id desc`;
  return sql`select i.id, i.agency_id, i.state, i.category, i.doc_type, i.published_on, i.written_on, i.formed_on, i.title_vector
    from catalogue_items i where i.agency_id = ${agencyId} and ${order} limit ${PROBE}`;
}
const INDEX_NUMBER_SCORE = 20;
const DOC_TAIL_SCORE = 10;
const DOC_EXACT_SCORE = 5;
const TITLE_SCORE = 2;
const TITLE_PHRASE_SCORE = 1;
const PHRASE_SCORE = 0.5;

export async function searchCatalogue(db: Kysely<DB>, params: SearchParams): Promise<SearchResult> {
  const q = parseQuery(params.query);
  const limit = Math.max(1, Math.min(params.limit, 100));
  if (nothingToSearch(q)) return { hits: [], next: null, total: 0, capped: false, empty: true };

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

  // exact lookups on b-tree indexes: 索引号, and 文号 by its tail (the reversed key's prefix, migration 0010)
  const exactIds = new Set<number>();
  // a 索引号 holds digits (its sequence): a query without one is not looked up
  const key = exactKey(q);
  const indexIds =
    key !== null ? (await sql<{ id: number }>`select i.id from catalogue_items i where i.index_number = ${key} and ${filters}`.execute(db)).rows.map((r) => Number(r.id)) : [];
  indexIds.forEach((id) => exactIds.add(id));
  let docIds: number[] = [];
  if (q.docTailKey !== null) {
    const tail = reverse(q.docTailKey);
    docIds = (
      await sql<{ id: number }>`select i.id from catalogue_items i
        where i.doc_number_key <> '' and reverse(i.doc_number_key) like ${`${escapeLike(tail)}%`} and ${filters} limit ${CANDIDATES}`.execute(db)
    ).rows.map((r) => Number(r.id));
    docIds.forEach((id) => exactIds.add(id));
  }

  // Three tiers, each ranked only within itself and only when the page reaches it (their scores do not
  // overlap, so one (score, id) cursor runs through them): the exact items (索引号, 文号: ≥ 10); items
  // whose title (or 文号, 索引号) matches (2 to 4); items matching elsewhere (< 2). When the query holds
  // a 文号 that exists, its items are the result and the words only rank them (〔2024〕3号 补助资金).
  const ts = tsquerySql(q.tsquery);
  const rankQuery = tsquerySql(q.rank);
  const textMatch = q.tsquery !== '' && docIds.length === 0;
  const exact = [...exactIds];
  const cursor = decodeCursor(params.after);
  const after = cursor !== null && typeof cursor.key === 'number' ? { score: cursor.key, id: cursor.id } : null;
  const afterCondition = after === null ? sql`true` : sql`(score < ${after.score} or (score = ${after.score} and id < ${after.id}))`;
  const phraseIn = (vector: RawBuilder<unknown>, points: number) => (q.phrase !== '' ? sql`(case when ${vector} @@ ${tsquerySql(q.phrase)} then ${sql.lit(points)} else 0 end)` : sql`0`);
  const rankIn = (vector: RawBuilder<unknown>) => (q.rank !== '' ? sql`least(ts_rank('{0.1, 0.2, 0.4, 1.0}', ${vector}, ${rankQuery}, 1), 0.99)` : sql`0`);
  // a withdrawn item (已撤回) is found by its title, 文号 or 索引号 only: the public no longer reads its body
  const bodyFilter = params.scope === 'public' ? sql`i.state = 'published'` : sql`true`;
  const titleVector = sql`i.title_vector`;
  const searchVector = sql`i.search_vector`;

  /** how many title matches the title tier found (when it ran) */
  let titleMatches: number | null = null;
  const tiers: { bottom: number; run: (need: number) => Promise<{ rows: { id: number; score: number }[]; candidates: number | null }> }[] = [];
  if (exact.length > 0) {
    const exactScore = sql`(case when i.id = any(${indexIds}::bigint[]) then ${sql.lit(INDEX_NUMBER_SCORE)} else 0 end)
      + (case when i.id = any(${docIds}::bigint[]) then ${sql.lit(DOC_TAIL_SCORE)} + (case when i.doc_number_key = ${q.docNumberKey ?? ''} then ${sql.lit(DOC_EXACT_SCORE)} else 0 end) else 0 end)
      + ${q.tsquery !== '' ? sql`(case when i.title_vector @@ ${ts} then ${sql.lit(TITLE_SCORE)} else 0 end)` : sql`0`} + ${phraseIn(titleVector, TITLE_PHRASE_SCORE)} + ${rankIn(searchVector)}`;
    tiers.push({ bottom: DOC_TAIL_SCORE, run: (need) => scoredPage(db, sql`select i.id, (${exactScore})::float8 as score from catalogue_items i where i.id = any(${exact}::bigint[])`, afterCondition, need) });
  }
  if (textMatch) {
    const notExact = sql`not (i.id = any(${exact}::bigint[]))`;
    const titleScore = sql`${sql.lit(TITLE_SCORE)} + ${phraseIn(titleVector, TITLE_PHRASE_SCORE)} + ${rankIn(titleVector)}`;
    tiers.push({
      bottom: TITLE_SCORE,
      run: async (need) => {
        // a common query (行政处罚决定书 in a tenth of all titles) is found among the newest items: walking
        // PROBE of them costs a few milliseconds, while the GIN bitmap of 100,000 matches costs 60
        // (the walk is bounded by PROBE rows of the agency whatever the filters: they apply after it)
        const recent = (
          await sql<{ id: number }>`select i.id from (${newestItems(params.agencyId, params.scope)}) i
            where i.title_vector @@ ${ts} and ${filters} and ${notExact} limit ${COUNT_CAP + 1}`.execute(db)
        ).rows.map((r) => Number(r.id));
        const candidates =
          recent.length > COUNT_CAP
            ? sql`select i.id, i.title_vector from catalogue_items i where i.id = any(${recent}::bigint[])`
            : sql`select i.id, i.title_vector from catalogue_items i where i.title_vector @@ ${ts} and ${filters} and ${notExact} limit ${COUNT_CAP + 1}`;
        return scoredPage(db, sql`select i.id, (${titleScore})::float8 as score from (${candidates}) i`, afterCondition, need, true);
      },
    });
    if (!q.titleOnly) {
      // the first matches of the whole text, title matches among them set aside after the scan (a filter
      // in the scan would read every title match first)
      const bodyScore = sql`${phraseIn(searchVector, PHRASE_SCORE)} + ${rankIn(searchVector)}`;
      tiers.push({
        bottom: 0,
        run: (need) =>
          scoredPage(
            db,
            sql`select i.id, (${bodyScore})::float8 as score from (select i.id, i.search_vector, i.title_vector from catalogue_items i
              where i.search_vector @@ ${ts} and ${filters} and ${bodyFilter} and ${notExact} limit ${2 * CANDIDATES}) i where not coalesce(i.title_vector @@ ${ts}, false)`,
            afterCondition,
            need,
          ),
      });
    }
  }
  if (tiers.length === 0) return { hits: [], next: null, total: 0, capped: false, empty: false };

  const rows: { id: number; score: number }[] = [];
  for (const tier of tiers) {
    if (rows.length > limit) break;
    // a tier wholly shown before the cursor is skipped (its scores are `bottom` or more)
    if (after !== null && after.score < tier.bottom) continue;
    const page = await tier.run(limit + 1 - rows.length);
    rows.push(...page.rows);
    if (page.candidates !== null) titleMatches = page.candidates;
  }
  // the count, capped: more title matches than the cap say it all; else the whole-text matches (not
  // ranked, so cheap) and the exact ones
  let n = exact.length + (titleMatches ?? 0);
  if (textMatch && (titleMatches === null || titleMatches <= COUNT_CAP)) {
    const counted = await sql<{ n: number }>`select count(*)::int as n from (
        select i.id from catalogue_items i where ${q.titleOnly ? sql`${titleVector} @@ ${ts}` : sql`(${titleVector} @@ ${ts} or (${searchVector} @@ ${ts} and ${bodyFilter}))`} and ${filters} limit ${COUNT_CAP + 1}) c`.execute(db);
    n = Math.max(n, counted.rows[0]?.n ?? 0);
  }
  const total = Math.min(n, COUNT_CAP);
  const capped = n > COUNT_CAP;

  const shown = rows.slice(0, limit);
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
  // a hit found only in an attachment: its snippet from the attachment, named
  const unmarked = hits.filter((h) => !h.snippet.some((x) => x.mark) && !h.titleMarked.some((x) => x.mark));
  if (unmarked.length > 0 && q.highlight.length > 0) {
    const attachments = await db
      .selectFrom('catalogueAttachments')
      .select(['itemId', 'fileName', 'text'])
      .where('itemId', 'in', unmarked.map((h) => h.id))
      .orderBy('itemId')
      .orderBy('position')
      .execute();
    for (const h of unmarked) {
      for (const a of attachments.filter((x) => Number(x.itemId) === h.id)) {
        const marked = snippet(a.text, q.highlight);
        if (!marked.some((x) => x.mark)) continue;
        h.snippet = [{ text: `附件《${a.fileName}》：`, mark: false }, ...marked];
        break;
      }
    }
  }
  const last = shown[shown.length - 1];
  return { hits, next: rows.length > limit && last !== undefined ? encodeCursor({ key: Number(last.score), id: Number(last.id) }) : null, total, capped, empty: false };
}

/** A page of a scored candidate set: after the cursor, best first; with `count`, how many candidates there were. */
async function scoredPage(db: Kysely<DB>, scored: RawBuilder<unknown>, afterCondition: RawBuilder<unknown>, need: number, count = false): Promise<{ rows: { id: number; score: number }[]; candidates: number | null }> {
  const { rows } = count
    ? await sql<{ id: number | null; score: number | null; n: number }>`with s as materialized (${scored})
        select p.id, p.score, (select count(*) from s)::int as n from (select 1) one
        left join (select id, score from s where ${afterCondition} order by score desc, id desc limit ${need}) p on true`.execute(db)
    : await sql<{ id: number | null; score: number | null; n: number }>`select id, score, null::int as n from (${scored}) s where ${afterCondition} order by score desc, id desc limit ${need}`.execute(db);
  return {
    rows: rows.filter((r) => r.id !== null).map((r) => ({ id: Number(r.id), score: Number(r.score) })),
    candidates: count ? Number(rows[0]?.n ?? 0) : null,
  };
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}
