// The 规章/行政规范性文件 register of an agency, read from the catalogue: its published items of
// 文件类型 规章 or 行政规范性文件 (drafts, items in review or scheduled and withdrawn items are not on
// it — a document is on the public register once it is published). Status on a date and the table 二
// rules are domain/catalogue/register.ts; here they are SQL predicates, shared by the counts and the
// lists behind them so that a cell and its drill-down cannot disagree. Every list is keyset-paginated
// (services/keyset.ts), newest 成文日期 first.

import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { REGISTER_ROWS, REGISTER_STATUSES, statusAt, derivedWarning, type DocumentCountsRow, type RegisterStatus, type TableTwoColumn } from '../../domain/catalogue/register.ts';
import { REGISTER_DOC_TYPES, type DocType } from '../../domain/catalogue/vocab.ts';
import { pageOf, type Page, type PageRequest } from '../keyset.ts';

/** The state of a catalogue item that puts it on the register. */
export const REGISTER_STATE = 'published';

/** In force on `d` (SQL over catalogue_items' own columns). */
export function inForceAt(d: string): Expression<SqlBool> {
  return sql<SqlBool>`(written_on <= ${d} and (repealed_on is null or repealed_on > ${d}) and (lapsed_on is null or lapsed_on > ${d}) and (revised_on is null or revised_on > ${d}))`;
}

/** The status `s` on `d`: the earliest end date on or before `d` names it (ties: 废止, then 失效, then 已修订, as statusAt). */
function statusIs(s: RegisterStatus, d: string): Expression<SqlBool> {
  switch (s) {
    case 'in_force':
      return inForceAt(d);
    case 'repealed':
      return sql<SqlBool>`(written_on <= ${d} and repealed_on <= ${d} and (lapsed_on is null or lapsed_on >= repealed_on) and (revised_on is null or revised_on >= repealed_on))`;
    case 'lapsed':
      return sql<SqlBool>`(written_on <= ${d} and lapsed_on <= ${d} and (repealed_on is null or repealed_on > lapsed_on) and (revised_on is null or revised_on >= lapsed_on))`;
    case 'revised':
      return sql<SqlBool>`(written_on <= ${d} and revised_on <= ${d} and (repealed_on is null or repealed_on > revised_on) and (lapsed_on is null or lapsed_on > revised_on))`;
  }
}

const between = (column: 'written_on' | 'repealed_on', year: number): Expression<SqlBool> => sql<SqlBool>`(${sql.ref(column)} between ${`${year}-01-01`} and ${`${year}-12-31`})`;

/** What a register list shows: the documents on the register on `asOf`, optionally narrowed. */
export interface RegisterFilter {
  /** YYYY-MM-DD: the register as it stood that day (documents written by then, with their status then) */
  asOf: string;
  docType?: DocType;
  status?: RegisterStatus;
  /** 成文日期 in this year */
  writtenYear?: number;
  /** 废止日期 in this year */
  repealedYear?: number;
}

export interface RegisterRow {
  id: number;
  indexNumber: string;
  title: string;
  docNumber: string;
  docType: string;
  publisher: string;
  writtenOn: string;
  publishedOn: string | null;
  validity: string;
  repealedOn: string | null;
  lapsedOn: string | null;
  revisedOn: string | null;
  /** the status on the filter's asOf */
  status: RegisterStatus;
}

function registerBase(db: Kysely<DB>, agencyId: number) {
  return db
    .selectFrom('catalogueItems')
    .where('agencyId', '=', agencyId)
    .where('state', '=', REGISTER_STATE)
    .where('docType', 'in', [...REGISTER_DOC_TYPES]);
}

/** The register on a date, filtered, one page (newest 成文日期 first). */
export async function registerList(db: Kysely<DB>, agencyId: number, filter: RegisterFilter, page: PageRequest): Promise<Page<RegisterRow>> {
  const backwards = page.before !== undefined && page.before !== null;
  const cursor = backwards ? page.before : page.after;
  let q = registerBase(db, agencyId)
    .select(['id', 'indexNumber', 'title', 'docNumber', 'docType', 'publisher', 'writtenOn', 'publishedOn', 'validity', 'repealedOn', 'lapsedOn', 'revisedOn'])
    .where(sql<SqlBool>`written_on <= ${filter.asOf}`);
  if (filter.docType !== undefined) q = q.where('docType', '=', filter.docType);
  if (filter.status !== undefined) q = q.where(statusIs(filter.status, filter.asOf));
  if (filter.writtenYear !== undefined) q = q.where(between('written_on', filter.writtenYear));
  if (filter.repealedYear !== undefined) q = q.where(between('repealed_on', filter.repealedYear));
  if (cursor !== undefined && cursor !== null && typeof cursor.key === 'string') {
    const key = cursor.key;
    q = backwards
      ? q.where(sql<SqlBool>`(written_on > ${key} or (written_on = ${key} and id > ${cursor.id}))`)
      : q.where(sql<SqlBool>`(written_on < ${key} or (written_on = ${key} and id < ${cursor.id}))`);
  }
  const direction = backwards ? 'asc' : 'desc';
  const rows = await q.orderBy('writtenOn', direction).orderBy('id', direction).limit(page.limit + 1).execute();
  const shaped = rows.map((r) => {
    const row = { ...r, id: Number(r.id), writtenOn: r.writtenOn as string };
    return { ...row, status: statusAt(row, filter.asOf) ?? 'in_force' };
  });
  return pageOf(shaped, page, (r) => ({ key: r.writtenOn, id: r.id }));
}

export interface RegisterCounts {
  docType: DocType;
  /** documents written on or before the date */
  total: number;
  byStatus: Record<RegisterStatus, number>;
}

/** How many documents of each type, by status, the register holds on a date. */
export async function registerCounts(db: Kysely<DB>, agencyId: number, asOf: string): Promise<RegisterCounts[]> {
  const rows = await registerBase(db, agencyId)
    .select([
      'docType',
      sql<number>`count(*)::int`.as('total'),
      // aliases without underscores (the CamelCasePlugin renames result columns)
      ...REGISTER_STATUSES.map((s, i) => sql<number>`count(*) filter (where ${statusIs(s, asOf)})::int`.as(`status${i}`)),
    ])
    .where(sql<SqlBool>`written_on <= ${asOf}`)
    .groupBy('docType')
    .execute();
  return REGISTER_ROWS.map(({ docType }) => {
    const r = rows.find((x) => x.docType === docType) as (Record<string, number> & { total: number }) | undefined;
    const byStatus = Object.fromEntries(REGISTER_STATUSES.map((s, i) => [s, r?.[`status${i}`] ?? 0])) as Record<RegisterStatus, number>;
    return { docType, total: r?.total ?? 0, byStatus };
  });
}

export interface TableTwoRows {
  year: number;
  regulations: DocumentCountsRow;
  normativeDocuments: DocumentCountsRow;
  /** 现行有效 at the end of the year before */
  previousInForce: { regulations: number; normativeDocuments: number };
  /** DERIVED (domain.md §2.3): warnings, never errors */
  warnings: string[];
}

/** Table 二 第二十条第（一）项 for a year, from the register (one query). */
export async function tableTwo(db: Kysely<DB>, agencyId: number, year: number): Promise<TableTwoRows> {
  const y1 = `${year}-12-31`;
  const p1 = `${year - 1}-12-31`;
  const rows = await registerBase(db, agencyId)
    .select([
      'docType',
      sql<number>`count(*) filter (where ${between('written_on', year)})::int`.as('issued'),
      sql<number>`count(*) filter (where ${between('repealed_on', year)} and written_on <= ${y1})::int`.as('repealed'),
      sql<number>`count(*) filter (where ${inForceAt(y1)})::int`.as('inForce'),
      sql<number>`count(*) filter (where ${inForceAt(p1)})::int`.as('previousInForce'),
      sql<number>`count(*) filter (where lapsed_on between ${`${year}-01-01`} and ${y1} or revised_on between ${`${year}-01-01`} and ${y1})::int`.as('ended'),
    ])
    .groupBy('docType')
    .execute();
  const result: TableTwoRows = {
    year,
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
    previousInForce: { regulations: 0, normativeDocuments: 0 },
    warnings: [],
  };
  for (const { docType, key } of REGISTER_ROWS) {
    const r = rows.find((x) => x.docType === docType);
    if (!r) continue;
    result[key] = { issued: r.issued, repealed: r.repealed, inForce: r.inForce };
    result.previousInForce[key] = r.previousInForce;
    const warning = derivedWarning(docType, year, r.previousInForce, result[key], r.ended);
    if (warning !== null) result.warnings.push(warning);
  }
  return result;
}

/** The register filter behind a cell of table 二 (一): the same predicates as tableTwo. */
export function cellFilter(year: number, docType: DocType, column: TableTwoColumn): RegisterFilter {
  const asOf = `${year}-12-31`;
  switch (column) {
    case 'issued':
      return { asOf, docType, writtenYear: year };
    case 'repealed':
      return { asOf, docType, repealedYear: year };
    case 'inForce':
      return { asOf, docType, status: 'in_force' };
  }
}
