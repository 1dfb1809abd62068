// What the staff list's search box asks (#16; the catalogue's query module, plan-notes 6): a query that
// may be an application's 编号 (it holds a digit: 2024-00012, 依申〔2024〕12号) is first looked up exactly on
// the unique b-tree index of (agency_id, number) — as typed and NFKC-folded (full-width digits) — and when
// the agency has that 编号 the list is that application. Otherwise the words are matched in the GIN-indexed
// search document (application-index.ts): each CJK word as contiguous text through its character pairs (so
// two-character words use the index), Latin words and numbers as prefixes (0001 finds 2024-00012), and a
// single character among the applicants' names (王 finds 王五, not every request with 王 in it).

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { exactKey, filterQuery, filterTerms, parseQuery, QUERY_MAX } from '../../domain/search/query.ts';
import { applicationScope } from './application-index.ts';
import { tsquerySql } from './text-search.ts';

/** How the list was searched: by an exact 编号, by words, or not at all (nothing searchable was typed). */
export type ApplicationSearchKind = 'number' | 'text' | 'nothing';

export type ApplicationMatch =
  | { kind: 'number'; numbers: string[] }
  | {
      kind: 'text';
      /** the condition on the applications table (it reads search_document only) */
      condition: RawBuilder<boolean>;
      /** one condition per single term the match requires: the rarest bounds the number of matches */
      terms: RawBuilder<boolean>[];
    }
  | { kind: 'nothing' };

/** The search condition of a query typed in the list (q), for the agency; null when q is empty. */
export async function applicationMatch(db: Kysely<DB>, agencyId: number, text: string | undefined): Promise<ApplicationMatch | null> {
  const typed = (text ?? '').trim().slice(0, QUERY_MAX);
  if (typed === '') return null;
  // full-width digits (２０２４－０００１２) are digits too: the query is NFKC-folded first
  const q = parseQuery(typed.normalize('NFKC'), { docNumbers: false });
  const key = exactKey(q);
  if (key !== null) {
    const numbers = [...new Set([typed, key])];
    const found = await db.selectFrom('applications').select('number').where('agencyId', '=', agencyId).where('number', 'in', numbers).execute();
    if (found.length > 0) return { kind: 'number', numbers: found.map((r) => r.number) };
  }
  const scope = applicationScope(agencyId);
  const filter = filterQuery(q, 'A', scope);
  if (filter === '') return { kind: 'nothing' };
  const matches = (query: string) => sql<boolean>`search_document @@ ${tsquerySql(query)}`;
  return { kind: 'text', condition: matches(filter), terms: filterTerms(q, 'A', scope).map(matches) };
}
