// The staff's list of an agency's catalogue items: filters (状态, 信息类别, 文件类型, 年份, 公开属性) and
// keyset pagination (services/keyset.ts), newest first by id — the key is the id itself, so a page is
// one index range read whatever the catalogue's size.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pageOf, type Page, type PageRequest } from '../keyset.ts';

export interface CatalogueFilters {
  state?: string;
  category?: string;
  docType?: string;
  year?: number;
  /** 主动公开 | 依申请公开 | 不予公开 | 'none' (not yet decided) */
  disclosure?: string;
}

export interface CatalogueListRow {
  id: number;
  indexNumber: string;
  title: string;
  docNumber: string;
  category: string;
  docType: string;
  state: string;
  disclosure: string | null;
  writtenOn: string | null;
  publishedOn: string | null;
  version: number;
  origin: string;
}

export async function listCatalogue(db: Kysely<DB>, agencyId: number, filters: CatalogueFilters, request: PageRequest): Promise<Page<CatalogueListRow>> {
  let q = db
    .selectFrom('catalogueItems')
    .select(['id', 'indexNumber', 'title', 'docNumber', 'category', 'docType', 'state', 'disclosure', 'writtenOn', 'publishedOn', 'version', 'origin'])
    .where('agencyId', '=', agencyId);
  if (filters.state) q = q.where('state', '=', filters.state);
  if (filters.category) q = q.where('category', '=', filters.category);
  if (filters.docType) q = q.where('docType', '=', filters.docType);
  if (filters.disclosure === 'none') q = q.where('disclosure', 'is', null);
  else if (filters.disclosure) q = q.where('disclosure', '=', filters.disclosure);
  if (filters.year !== undefined) {
    const day = sql<string>`coalesce(published_on, written_on, formed_on)`;
    q = q.where(day, '>=', `${filters.year}-01-01`).where(day, '<=', `${filters.year}-12-31`);
  }
  const before = request.before ?? null;
  const after = request.after ?? null;
  if (before !== null) q = q.where('id', '>', before.id).orderBy('id', 'asc');
  else {
    if (after !== null) q = q.where('id', '<', after.id);
    q = q.orderBy('id', 'desc');
  }
  const rows = await q.limit(request.limit + 1).execute();
  return pageOf(rows, request, (r) => ({ key: r.id, id: r.id }));
}
