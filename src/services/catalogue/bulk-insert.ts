// Many items at once (the import of an old site's thousands of items): the same rows, versions and
// search vectors as insertItem writes one by one, in a handful of statements per thousand items — the
// 索引号 of a year taken from the counter in one step, the rows through unnest(), the references
// (替代文件, 所解读文件) resolved once every row exists (a row may refer to a later one), the version
// snapshots and the search vectors in bulk. Inside the caller's transaction; a refusal rolls it back.

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { docNumberKey } from '../../domain/catalogue/doc-number.ts';
import { DEFAULT_INDEX_FORMAT, formatIndexNumber } from '../../domain/catalogue/index-number.ts';
import { searchTexts, searchVectorSql, titleVectorSql } from '../search/catalogue-index.ts';
import { refuse, snapshot, type CatalogueActor, type InsertOptions, type ItemRow, type ParsedItem } from './items.ts';

export interface BulkEntry {
  parsed: ParsedItem;
  options: InsertOptions;
}

const CHUNK = 1000;

/** Takes `n` numbers of the agency's counter for a year at once: the first of them. */
async function takeNumbers(trx: Kysely<DB>, agencyId: number, year: number, n: number): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ agencyId, scope: 'catalogue', year, last: n })
    .onConflict((oc) => oc.columns(['agencyId', 'scope', 'year']).doUpdateSet({ last: sql<number>`counters.last + ${n}` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last - n + 1;
}

/** The 索引号 of every entry: given ones checked free, the others allocated per year, skipping numbers already held. */
async function indexNumbers(trx: Transaction<DB>, entries: readonly BulkEntry[]): Promise<string[]> {
  const agency = entries[0]!.parsed.agency;
  const format = agency.indexFormat ?? DEFAULT_INDEX_FORMAT;
  const out: (string | null)[] = entries.map((e) => e.options.indexNumber ?? null);
  const given = out.filter((x): x is string => x !== null);
  if (new Set(given).size !== given.length) refuse({ code: 'INDEX_NUMBER_TAKEN', message: '导入的信息中有重复的索引号，索引号不能重复。', field: 'indexNumber' });
  const taken = new Set<string>();
  for (let i = 0; i < given.length; i += CHUNK) {
    const rows = await trx.selectFrom('catalogueItems').select('indexNumber').where('agencyId', '=', agency.id).where('indexNumber', 'in', given.slice(i, i + CHUNK)).execute();
    for (const r of rows) taken.add(r.indexNumber);
  }
  const clash = given.find((g) => taken.has(g));
  if (clash !== undefined) refuse({ code: 'INDEX_NUMBER_TAKEN', message: `索引号“${clash}”已被本机关的另一条信息使用，索引号不能重复。`, field: 'indexNumber' });
  for (const g of given) taken.add(g);
  // the rest, by year: numbers from the counter, skipping any that an imported item already holds
  const byYear = new Map<number, number[]>();
  entries.forEach((e, k) => {
    if (out[k] !== null) return;
    const f = e.parsed.fields;
    const year = Number((f.writtenOn ?? f.formedOn).slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), k]);
  });
  for (const [year, ks] of byYear) {
    let pending = ks;
    while (pending.length > 0) {
      const first = await takeNumbers(trx, agency.id, year, pending.length);
      const candidates = pending.map((k, j) => formatIndexNumber(format, { org: agency.creditCode ?? agency.code, year, category: entries[k]!.parsed.fields.category, seq: first + j }));
      const held = new Set<string>();
      for (let i = 0; i < candidates.length; i += CHUNK) {
        const rows = await trx.selectFrom('catalogueItems').select('indexNumber').where('agencyId', '=', agency.id).where('indexNumber', 'in', candidates.slice(i, i + CHUNK)).execute();
        for (const r of rows) held.add(r.indexNumber);
      }
      const next: number[] = [];
      pending.forEach((k, j) => {
        const c = candidates[j]!;
        if (held.has(c) || taken.has(c)) next.push(k);
        else {
          out[k] = c;
          taken.add(c);
        }
      });
      pending = next;
    }
  }
  return out as string[];
}

/** Inserts the entries (one agency) in the caller's transaction; the rows in the entries' order. */
export async function insertItemsBulk(trx: Transaction<DB>, entries: readonly BulkEntry[], actor: CatalogueActor, reason: string): Promise<ItemRow[]> {
  if (entries.length === 0) return [];
  const agencyId = entries[0]!.parsed.agency.id;
  const numbers = await indexNumbers(trx, entries);
  const ids: number[] = [];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const part = entries.slice(start, start + CHUNK);
    const ixs = numbers.slice(start, start + CHUNK);
    const col = <T>(f: (e: BulkEntry, k: number) => T): T[] => part.map(f);
    const fields = (k: number) => part[k]!.parsed.fields;
    const { rows } = await sql<{ id: number; ix: string }>`
      insert into catalogue_items (agency_id, index_number, title, summary, doc_number, doc_number_key, publisher, written_on, formed_on, published_on,
        topic, category, doc_type, validity, repealed_on, lapsed_on, revised_on, body, body_html, disclosure, disclosure_on, state, origin, published_at,
        created_by, created_at, updated_at)
      select ${agencyId}, x.ix, x.title, x.summary, x.doc_number, x.doc_key, x.publisher, x.written_on::date, x.formed_on::date, x.published_on::date,
        x.topic, x.category, x.doc_type, x.validity, x.repealed_on::date, x.lapsed_on::date, x.revised_on::date, x.body, x.body_html, x.disclosure,
        case when x.disclosure is null then null else ${actor.today}::date end, x.state, x.origin, x.published_at::timestamptz, ${actor.userId}::bigint, ${actor.now}::timestamptz, ${actor.now}::timestamptz
      from unnest(${ixs}::text[], ${col((_, k) => fields(k).title)}::text[], ${col((_, k) => fields(k).summary)}::text[], ${col((_, k) => fields(k).docNumber)}::text[],
        ${col((_, k) => docNumberKey(fields(k).docNumber))}::text[], ${col((_, k) => fields(k).publisher)}::text[], ${col((_, k) => fields(k).writtenOn)}::text[],
        ${col((_, k) => fields(k).formedOn)}::text[], ${col((_, k) => fields(k).publishedOn)}::text[], ${col((_, k) => fields(k).topic)}::text[],
        ${col((_, k) => fields(k).category)}::text[], ${col((_, k) => fields(k).docType)}::text[], ${col((_, k) => fields(k).validity)}::text[],
        ${col((_, k) => fields(k).repealedOn)}::text[], ${col((_, k) => fields(k).lapsedOn)}::text[], ${col((_, k) => fields(k).revisedOn)}::text[],
        ${col((_, k) => fields(k).body)}::text[], ${col((e) => e.options.bodyHtml ?? '')}::text[], ${col((e) => e.options.disclosure ?? null)}::text[],
        ${col((e) => e.options.state ?? 'draft')}::text[], ${col((e) => e.options.origin ?? 'platform')}::text[], ${col((e) => e.options.publishedAt ?? null)}::text[])
        with ordinality as x(ix, title, summary, doc_number, doc_key, publisher, written_on, formed_on, published_on, topic, category, doc_type, validity,
          repealed_on, lapsed_on, revised_on, body, body_html, disclosure, state, origin, published_at, n)
      order by x.n
      returning id, index_number as ix`.execute(trx);
    const byIndex = new Map(rows.map((r) => [r.ix, Number(r.id)]));
    ids.push(...ixs.map((ix) => byIndex.get(ix)!));
  }

  // the references, now that every row exists: by 索引号, in this batch or already in the catalogue
  const refs = new Set<string>();
  for (const e of entries) for (const r of [e.parsed.fields.supersededBy, e.parsed.fields.interprets]) if (r !== null) refs.add(r);
  const idOf = new Map(numbers.map((n, k) => [n, ids[k]!]));
  const missing = [...refs].filter((r) => !idOf.has(r));
  for (let i = 0; i < missing.length; i += CHUNK) {
    const rows = await trx.selectFrom('catalogueItems').select(['id', 'indexNumber']).where('agencyId', '=', agencyId).where('indexNumber', 'in', missing.slice(i, i + CHUNK)).execute();
    for (const r of rows) idOf.set(r.indexNumber, r.id);
  }
  const links: { id: number; supersededBy: number | null; interpretsId: number | null }[] = [];
  entries.forEach((e, k) => {
    const f = e.parsed.fields;
    if (f.supersededBy === null && f.interprets === null) return;
    const resolve = (ix: string | null, field: string, label: string): number | null => {
      if (ix === null) return null;
      const id = idOf.get(ix);
      if (id === undefined) refuse({ code: 'REFERENCE_NOT_FOUND', message: `${label}“${ix}”在本机关的目录中不存在，请核对索引号。`, field });
      if (id === ids[k]) refuse({ code: 'SELF_REFERENCE', message: '一条信息不能引用它自己。', field });
      return id;
    };
    links.push({ id: ids[k]!, supersededBy: resolve(f.supersededBy, 'supersededBy', '替代文件的索引号'), interpretsId: resolve(f.interprets, 'interprets', '所解读文件的索引号') });
  });
  for (let i = 0; i < links.length; i += CHUNK) {
    const part = links.slice(i, i + CHUNK);
    await sql`update catalogue_items c set superseded_by = x.s, interprets_id = x.p
      from unnest(${part.map((l) => l.id)}::bigint[], ${part.map((l) => l.supersededBy)}::bigint[], ${part.map((l) => l.interpretsId)}::bigint[]) as x(id, s, p)
      where c.id = x.id`.execute(trx);
  }

  // search vectors, then the first version of each row as it now stands
  const out: ItemRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const part = entries.slice(start, start + CHUNK);
    const partIds = ids.slice(start, start + CHUNK);
    const texts = part.map((e, k) => {
      const f = e.parsed.fields;
      return searchTexts({ title: f.title, summary: f.summary, docNumber: f.docNumber, indexNumber: numbers[start + k]!, body: f.body, bodyHtml: e.options.bodyHtml ?? '', attachments: [] });
    });
    await sql`update catalogue_items c set search_vector = ${searchVectorSql(sql`x.a`, sql`x.b`, sql`x.c`)}, title_vector = ${titleVectorSql(sql`x.a`)}
      from unnest(${partIds}::bigint[], ${texts.map((t) => t.a)}::text[], ${texts.map((t) => t.b)}::text[], ${texts.map((t) => t.c)}::text[]) as x(id, a, b, c)
      where c.id = x.id`.execute(trx);
    const rows = await trx.selectFrom('catalogueItems').selectAll().where('id', 'in', partIds).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = partIds.map((id) => byId.get(id)!);
    await trx
      .insertInto('catalogueItemVersions')
      .values(ordered.map((r) => ({ itemId: r.id, version: 1, snapshot: JSON.stringify(snapshot(r)), reason, savedBy: actor.userId, savedAt: actor.now })))
      .execute();
    out.push(...ordered);
  }
  return out;
}
