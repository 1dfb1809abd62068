// What the public sees of the catalogue (政府信息公开目录, 法定主动公开内容): items in state 'published',
// and 'withdrawn' ones, which stay listed and whose page says 已撤回 (with the date and reason, without
// the body) — the trace the law asks for. Drafts and items under review do not exist for the public.
// Every list is keyset-paginated (services/keyset.ts) on (发布日期, id), newest first. Attachments are
// downloadable only while their item is published. The body: the guide's markup as blocks (pageBlocks),
// or imported HTML, sanitised at import and sanitised again here on the way out.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { docNumberKey } from '../../domain/catalogue/doc-number.ts';
import { ARTICLE_20_ITEMS, OWN_CATEGORY_PREFIX } from '../../domain/catalogue/vocab.ts';
import { pageBlocks, type PageBlock } from '../column.ts';
import { decodeCursor, pageOf, type Cursor, type Page } from '../keyset.ts';
import { escapeLike } from '../search/text-search.ts';
import { sanitizeHtml, type SanitizeOptions } from './sanitize.ts';

/** States the public sees. */
export const PUBLIC_STATES = ['published', 'withdrawn'] as const;

/** The sort key of a row whose 发布日期 is missing (sorts after every real date). */
const NO_DATE = '0001-01-01';

export interface PublicCategory {
  /** 'a20-1' … 'a20-15' or 'own:<code>' */
  code: string;
  /** '第二十条第（一）项' or '本机关类别' */
  label: string;
  name: string;
  /** public items in it (published and withdrawn) */
  items: number;
}

/**
 * The 第二十条 categories and the agency's own, each with its number of public items (counted only when
 * asked: the overview page, cached; a filter's list of names needs none).
 */
export async function publicCategories(db: Kysely<DB>, agencyId: number, options: { counts?: boolean } = {}): Promise<PublicCategory[]> {
  const [own, counts] = await Promise.all([
    db.selectFrom('catalogueVocab').select(['code', 'name']).where('agencyId', '=', agencyId).where('kind', '=', 'category').orderBy('position').execute(),
    options.counts === false
      ? Promise.resolve([])
      : db
          .selectFrom('catalogueItems')
          .select(['category', sql<number>`count(*)::int`.as('n')])
          .where('agencyId', '=', agencyId)
          .where(sql<boolean>`state in ('published', 'withdrawn')`)
          .groupBy('category')
          .execute(),
  ]);
  const count = new Map(counts.map((c) => [c.category, Number(c.n)]));
  return [
    ...ARTICLE_20_ITEMS.map((c) => ({ code: c.code, label: `第二十条第（${c.numeral}）项`, name: c.name, items: count.get(c.code) ?? 0 })),
    ...own.map((c) => ({ code: `${OWN_CATEGORY_PREFIX}${c.code}`, label: '本机关类别', name: c.name, items: count.get(`${OWN_CATEGORY_PREFIX}${c.code}`) ?? 0 })),
  ];
}

/** One category of the agency (a 第二十条 item or its own), or null. */
export async function publicCategory(db: Kysely<DB>, agencyId: number, code: string): Promise<Omit<PublicCategory, 'items'> | null> {
  const a20 = ARTICLE_20_ITEMS.find((c) => c.code === code);
  if (a20) return { code, label: `第二十条第（${a20.numeral}）项`, name: a20.name };
  if (!code.startsWith(OWN_CATEGORY_PREFIX)) return null;
  const row = await db
    .selectFrom('catalogueVocab')
    .select('name')
    .where('agencyId', '=', agencyId)
    .where('kind', '=', 'category')
    .where('code', '=', code.slice(OWN_CATEGORY_PREFIX.length))
    .executeTakeFirst();
  return row ? { code, label: '本机关类别', name: row.name } : null;
}

/** A line of a list (the 目录's columns). */
export interface PublicListItem {
  id: number;
  indexNumber: string;
  title: string;
  summary: string;
  docNumber: string;
  publisher: string;
  writtenOn: string | null;
  publishedOn: string | null;
  category: string;
  docType: string;
  validity: string;
  withdrawn: boolean;
  corrected: boolean;
  /** for feeds and the API: the last change the public saw (published, corrected, withdrawn) */
  updatedAt: string;
}

export interface PublicListFilter {
  category?: string | undefined;
  /** the year of 发布日期 */
  year?: number | undefined;
  /** a 文号 or its tail (〔2024〕3号): matched on the folded key */
  docNumber?: string | undefined;
}

export interface PublicListRequest extends PublicListFilter {
  limit: number;
  /** cursors as they come in the query (after: 下一页, before: 上一页) */
  after?: string | null | undefined;
  before?: string | null | undefined;
}


const LIST_COLUMNS = [
  'id',
  'indexNumber',
  'title',
  'summary',
  'docNumber',
  'publisher',
  'writtenOn',
  'publishedOn',
  'category',
  'docType',
  'validity',
  'state',
  'correctedAt',
  'publishedAt',
  'withdrawnAt',
  'updatedAt',
] as const;

type ListRow = { id: number; indexNumber: string; title: string; summary: string; docNumber: string; publisher: string; writtenOn: string | null; publishedOn: string | null; category: string; docType: string; validity: string; state: string; correctedAt: string | null; publishedAt: string | null; withdrawnAt: string | null; updatedAt: string };

const latest = (...moments: (string | null)[]): string => moments.filter((m): m is string => m !== null).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

function listItem(r: ListRow): PublicListItem {
  return {
    id: Number(r.id),
    indexNumber: r.indexNumber,
    title: r.title,
    summary: r.summary,
    docNumber: r.docNumber,
    publisher: r.publisher,
    writtenOn: r.writtenOn,
    publishedOn: r.publishedOn,
    category: r.category,
    docType: r.docType,
    validity: r.validity,
    withdrawn: r.state === 'withdrawn',
    corrected: r.correctedAt !== null,
    updatedAt: latest(r.publishedAt ?? r.updatedAt, r.correctedAt, r.withdrawnAt),
  };
}

/** The agency's public items, newest 发布日期 first, filtered, one keyset page. */
export async function listPublicItems(db: Kysely<DB>, agencyId: number, request: PublicListRequest): Promise<Page<PublicListItem>> {
  const limit = Math.max(1, Math.min(request.limit, 100));
  const after = decodeCursor(request.after);
  const before = after === null ? decodeCursor(request.before) : null;
  // the sort key as the indexes of migration 0011_column_public_lists.sql have it
  const key = sql<string>`coalesce(published_on, date '0001-01-01')`;
  let q = db
    .selectFrom('catalogueItems')
    .select(LIST_COLUMNS)
    .where('agencyId', '=', agencyId)
    // literal, so that the planner sees the partial indexes' predicate
    .where(sql<boolean>`state in ('published', 'withdrawn')`);
  if (request.category !== undefined && request.category !== '') q = q.where('category', '=', request.category);
  // the year on the sort key: a range of the index (migration 0011_column_public_lists.sql)
  if (request.year !== undefined) q = q.where(sql<boolean>`${key} between ${`${request.year}-01-01`}::date and ${`${request.year}-12-31`}::date`);
  // a 文号 or its tail: the reversed key starts with the reversed query (a prefix an index can answer)
  const dn = request.docNumber === undefined ? '' : docNumberKey(request.docNumber);
  if (dn !== '') q = q.where('docNumberKey', '<>', '').where(sql<boolean>`reverse(doc_number_key) like ${`${escapeLike([...dn].reverse().join(''))}%`}`);
  const at = (c: Cursor) => (typeof c.key === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.key) ? c.key : NO_DATE);
  if (after !== null) q = q.where(sql<boolean>`(${key}, id) < (${at(after)}::date, ${after.id})`);
  if (before !== null) q = q.where(sql<boolean>`(${key}, id) > (${at(before)}::date, ${before.id})`);
  const direction = before !== null ? 'asc' : 'desc';
  const rows = await q.orderBy(key, direction).orderBy('id', direction).limit(limit + 1).execute();
  const page = pageOf(rows as ListRow[], { limit, after, before }, (r) => ({ key: r.publishedOn ?? NO_DATE, id: Number(r.id) }));
  return { ...page, rows: page.rows.map(listItem) };
}

/** The years from the first to the last 发布日期 of a public item, newest first: the year filter (two index probes). */
export async function publicYears(db: Kysely<DB>, agencyId: number): Promise<number[]> {
  const key = sql<string>`coalesce(published_on, date '0001-01-01')`;
  const end = (direction: 'asc' | 'desc') =>
    db
      .selectFrom('catalogueItems')
      .select(key.as('on'))
      .where('agencyId', '=', agencyId)
      .where(sql<boolean>`state in ('published', 'withdrawn')`)
      .where(sql<boolean>`${key} > date '0001-01-01'`)
      .orderBy(key, direction)
      .limit(1)
      .executeTakeFirst();
  const [firstRow, lastRow] = await Promise.all([end('asc'), end('desc')]);
  const first = Number(String(firstRow?.on ?? '').slice(0, 4));
  const last = Number(String(lastRow?.on ?? '').slice(0, 4));
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1900 || last < first) return [];
  return Array.from({ length: Math.min(last - first + 1, 200) }, (_, i) => last - i);
}

// ---------------------------------------------------------------------------------------------
// One item

export interface PublicLink {
  id: number;
  indexNumber: string;
  title: string;
  withdrawn: boolean;
}

export interface PublicAttachment {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
}

export interface PublicItem extends PublicListItem {
  topic: string;
  repealedOn: string | null;
  lapsedOn: string | null;
  revisedOn: string | null;
  correctedAt: string | null;
  correctionNote: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  /** the body as blocks (the guide's markup); empty when withdrawn */
  blocks: PageBlock[];
  /** the imported body, sanitised; '' when withdrawn or when the item has markup */
  html: string;
  /** attachments (none listed once withdrawn) */
  attachments: PublicAttachment[];
  /** the document this 政策解读 explains */
  interprets: PublicLink | null;
  /** the 政策解读 of this document */
  interpretations: PublicLink[];
  /** the item that replaces this one */
  supersededBy: PublicLink | null;
  /** the items this one replaces */
  supersedes: PublicLink[];
}

/** Tags and attributes the body's HTML may keep on the way out (a subset of what the import keeps). */
const OUTPUT_HTML: SanitizeOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'blockquote', 'pre', 'code', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a', 'span', 'div'],
  allowedAttributes: { a: ['href', 'title'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { h1: 'h2' },
};

/** The imported HTML as it may be shown (sanitised again: defence in depth). */
export function publicHtml(html: string): string {
  return html === '' ? '' : sanitizeHtml(html, OUTPUT_HTML);
}

const linkOf = (r: { id: number; indexNumber: string; title: string; state: string }): PublicLink => ({ id: Number(r.id), indexNumber: r.indexNumber, title: r.title, withdrawn: r.state === 'withdrawn' });

/** A public item of the agency with its links and attachments, or null (no such item, or not public). */
export async function getPublicItem(db: Kysely<DB>, agencyId: number, itemId: number): Promise<PublicItem | null> {
  if (!Number.isSafeInteger(itemId) || itemId < 1) return null;
  const row = await db
    .selectFrom('catalogueItems')
    .select([...LIST_COLUMNS, 'topic', 'repealedOn', 'lapsedOn', 'revisedOn', 'correctionNote', 'withdrawnReason', 'body', 'bodyHtml', 'supersededBy', 'interpretsId'])
    .where('id', '=', itemId)
    .where('agencyId', '=', agencyId)
    .where('state', 'in', PUBLIC_STATES)
    .executeTakeFirst();
  if (row === undefined) return null;
  const withdrawn = row.state === 'withdrawn';
  const linkColumns = ['id', 'indexNumber', 'title', 'state'] as const;
  const linked = (ids: (number | null)[]) => {
    const wanted = ids.filter((id): id is number => id !== null);
    return wanted.length === 0
      ? Promise.resolve([])
      : db.selectFrom('catalogueItems').select(linkColumns).where('id', 'in', wanted).where('agencyId', '=', agencyId).where('state', 'in', PUBLIC_STATES).execute();
  };
  const [refs, interpretations, supersedes, attachments] = await Promise.all([
    linked([row.interpretsId, row.supersededBy]),
    db.selectFrom('catalogueItems').select(linkColumns).where('agencyId', '=', agencyId).where('interpretsId', '=', itemId).where('state', 'in', PUBLIC_STATES).orderBy('id').execute(),
    db.selectFrom('catalogueItems').select(linkColumns).where('agencyId', '=', agencyId).where('supersededBy', '=', itemId).where('state', 'in', PUBLIC_STATES).orderBy('id').execute(),
    withdrawn
      ? Promise.resolve([])
      : db.selectFrom('catalogueAttachments').select(['id', 'fileName', 'mediaType', 'size']).where('itemId', '=', itemId).orderBy('position').orderBy('id').execute(),
  ]);
  const ref = (id: number | null) => {
    const r = id === null ? undefined : refs.find((x) => Number(x.id) === Number(id));
    return r ? linkOf(r) : null;
  };
  return {
    ...listItem(row as ListRow),
    topic: row.topic,
    repealedOn: row.repealedOn,
    lapsedOn: row.lapsedOn,
    revisedOn: row.revisedOn,
    correctedAt: row.correctedAt,
    correctionNote: row.correctionNote,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
    blocks: withdrawn || row.body === '' ? [] : pageBlocks(row.body),
    html: withdrawn || row.body !== '' ? '' : publicHtml(row.bodyHtml),
    attachments: attachments.map((a) => ({ id: Number(a.id), fileName: a.fileName, mediaType: a.mediaType, size: a.size })),
    interprets: ref(row.interpretsId),
    interpretations: interpretations.map(linkOf),
    supersededBy: ref(row.supersededBy),
    supersedes: supersedes.map(linkOf),
  };
}

export interface AttachmentFile {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

/** An attachment of a published item (not of a withdrawn one, nor of anything not public), or null. */
export async function publicAttachment(db: Kysely<DB>, agencyId: number, itemId: number, attachmentId: number): Promise<AttachmentFile | null> {
  if (!Number.isSafeInteger(itemId) || !Number.isSafeInteger(attachmentId)) return null;
  const row = await db
    .selectFrom('catalogueAttachments as a')
    .innerJoin('catalogueItems as i', 'i.id', 'a.itemId')
    .select(['a.fileName', 'a.mediaType', 'a.content'])
    .where('a.id', '=', attachmentId)
    .where('a.itemId', '=', itemId)
    .where('i.agencyId', '=', agencyId)
    .where('i.state', '=', 'published')
    .executeTakeFirst();
  return row ? { fileName: row.fileName, mediaType: row.mediaType, content: row.content } : null;
}
