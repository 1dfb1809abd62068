// Loads a generated corpus (catalogue-corpus.ts) fast: rows inserted in batches through unnest(), with
// their search vectors computed from searchTexts (the same terms refreshSearchVector writes), attachments
// likewise. No audit, no versions: a fixture for searching, not a history.

import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { docNumberKey } from '../../src/domain/catalogue/doc-number.ts';
import { searchTexts, searchVectorSql, titleVectorSql } from '../../src/services/search/catalogue-index.ts';
import type { CorpusItem } from './catalogue-corpus.ts';

const NOW = '2025-06-01T00:00:00.000Z';

/** Inserts the items for the agency; returns each key's item id. */
export async function loadCorpus(db: Kysely<DB>, agencyId: number, items: readonly CorpusItem[], batch = 2000): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < items.length; start += batch) {
    const part = items.slice(start, start + batch);
    const texts = part.map((i) => searchTexts({ ...i, bodyHtml: '' }));
    const col = <T>(f: (i: CorpusItem, k: number) => T): T[] => part.map(f);
    const { rows } = await sql<{ id: number; ix: string }>`
      insert into catalogue_items (agency_id, index_number, title, summary, doc_number, doc_number_key, publisher, written_on, formed_on,
        published_on, category, doc_type, body, state, search_vector, title_vector, created_at, updated_at)
      select ${agencyId}, x.index_number, x.title, x.summary, x.doc_number, x.doc_key, x.publisher, x.written_on::date, x.written_on::date,
        x.published_on::date, x.category, x.doc_type, x.body, x.state, ${searchVectorSql(sql`x.a`, sql`x.b`, sql`x.c`)}, ${titleVectorSql(sql`x.a`)}, ${NOW}, ${NOW}
      from unnest(${col((i) => i.indexNumber)}::text[], ${col((i) => i.title)}::text[], ${col((i) => i.summary)}::text[], ${col((i) => i.docNumber)}::text[],
        ${col((i) => docNumberKey(i.docNumber))}::text[], ${col((i) => i.publisher)}::text[], ${col((i) => i.writtenOn)}::text[], ${col((i) => i.publishedOn)}::text[],
        ${col((i) => i.category)}::text[], ${col((i) => i.docType)}::text[], ${col((i) => i.body)}::text[], ${col((i) => i.state)}::text[],
        ${col((_, k) => texts[k]!.a)}::text[], ${col((_, k) => texts[k]!.b)}::text[], ${col((_, k) => texts[k]!.c)}::text[])
        as x(index_number, title, summary, doc_number, doc_key, publisher, written_on, published_on, category, doc_type, body, state, a, b, c)
      returning id, index_number as ix`.execute(db);
    const byIndex = new Map(part.map((i) => [i.indexNumber, i.key]));
    for (const r of rows) ids.set(byIndex.get(r.ix)!, Number(r.id));
    const attachments = part.flatMap((i) => i.attachments.map((a, position) => ({ itemId: ids.get(i.key)!, position, ...a })));
    if (attachments.length > 0) {
      await sql`insert into catalogue_attachments (item_id, position, file_name, media_type, size, sha256, content, text, created_at)
        select x.item_id, x.position, x.file_name, 'application/octet-stream', octet_length(x.text), x.sha, convert_to(x.text, 'UTF8'), x.text, ${NOW}
        from unnest(${attachments.map((a) => a.itemId)}::bigint[], ${attachments.map((a) => a.position)}::int[], ${attachments.map((a) => a.fileName)}::text[],
          ${attachments.map((a) => createHash('sha256').update(a.text).digest('hex'))}::text[], ${attachments.map((a) => a.text)}::text[])
          as x(item_id, position, file_name, sha, text)`.execute(db);
    }
  }
  return ids;
}
