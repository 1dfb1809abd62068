// The search document of an application (#16, plan-notes 6: the catalogue's search module reused): its
// 编号 and the applicant's name weighted A, with the name's single characters (a one-character query looks
// for a surname: 王), and the request weighted B — in applications.search_document (migration 0026, GIN).
// Every term carries its agency (a12x危房): one GIN index serves a province, and a word in a tenth of its
// million applications costs a search in a small agency only that agency's few matches.
// The ID number (证件号码), contact and address are personal data that nobody searches by: never in it.
//
// Written with the row by every way in (registration, online submission, the ledger import; the column is
// required on insert in src/db/schema.ts, so a new way in cannot forget it); an archive carries it with the
// row. Rows written before migration 0026 have none: indexPendingApplications fills them in batches when
// the database is opened (services/database.ts), before the server serves or a command runs.

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { cjkChars, scopeTerms, termString } from '../../domain/search/segment.ts';
import { documentSql } from './text-search.ts';

export interface IndexedApplication {
  agencyId: number;
  number: string;
  applicantName: string;
  request: string;
}

/** The prefix of an agency's terms (a12x): its applications' posting lists are its own (scopeTerms). */
export function applicationScope(agencyId: number): string {
  return `a${agencyId}x`;
}

/** The term strings of each weight: a (编号, the applicant's name and its characters), b (the request), in the agency's scope. Pure. */
export function applicationTexts(app: IndexedApplication): { a: string; b: string } {
  const scope = applicationScope(Number(app.agencyId));
  return {
    a: scopeTerms(`${termString(`${app.number} ${app.applicantName}`)} ${cjkChars(app.applicantName).join(' ')}`, scope),
    b: scopeTerms(termString(app.request), scope),
  };
}

/** The search_document expression of term strings (SQL values or column references). */
export function applicationDocumentSql(a: unknown, b: unknown): RawBuilder<string> {
  return documentSql([
    ['A', a],
    ['B', b],
  ]) as RawBuilder<string>;
}

/** The search document of an application's fields, for an insert or an update of them. */
export function applicationDocument(app: IndexedApplication): RawBuilder<string> {
  const { a, b } = applicationTexts(app);
  return applicationDocumentSql(a, b);
}

/** Rows indexed per transaction by indexPendingApplications. */
export const INDEX_BATCH = 2000;

/**
 * Fills the search document of every application that has none (written before migration 0026, or loaded
 * in bulk without it), a span of INDEX_BATCH ids per transaction: the next such row is found by min(id) on
 * the partial index of them (applications_search_pending: nothing to read once all are indexed), and the
 * batch is the rows without a document among the INDEX_BATCH ids from it — a bounded read whatever plan the
 * planner picks (with no statistics yet, an `order by id limit` over the pending rows was planned as a sort
 * of all of them, every batch). Rows another process is indexing at the same moment are skipped (for update
 * skip locked): that process finishes them. Returns how many were indexed; `progress` hears the running
 * total after each batch.
 */
export async function indexPendingApplications(db: Kysely<DB>, progress?: (indexed: number) => void): Promise<number> {
  let indexed = 0;
  let after = 0;
  for (;;) {
    const next = await sql<{ id: string | number | null }>`select min(id) as id from applications where search_document is null and id > ${after}`.execute(db);
    const from = next.rows[0]?.id;
    if (from === null || from === undefined) return indexed;
    const first = Number(from);
    after = first + INDEX_BATCH - 1;
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('applications')
        .select(['id', 'agencyId', 'number', 'applicantName', 'request'])
        .where('searchDocument', 'is', null)
        .where('id', '>=', first)
        .where('id', '<=', after)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const texts = rows.map(applicationTexts);
      await sql`update applications set search_document = ${applicationDocumentSql(sql`x.a`, sql`x.b`)}
        from unnest(${rows.map((r) => Number(r.id))}::bigint[], ${texts.map((t) => t.a)}::text[], ${texts.map((t) => t.b)}::text[]) as x (id, a, b)
        where applications.id = x.id`.execute(trx);
      return rows.length;
    });
    if (n > 0) {
      indexed += n;
      progress?.(indexed);
    }
  }
}
