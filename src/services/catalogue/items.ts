// Catalogue items (政府信息): create and edit drafts, read one, list with keyset pagination. Every write
// is one transaction: the row, its version snapshot (catalogue_item_versions), its search vector and
// the audit entry commit together or not at all. The review chain, 保密审查, publication, 撤回 and 更正
// are in workflow services; the register and its 清理 in register services.

import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CatalogueItemsTable, DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { docNumberKey } from '../../domain/catalogue/doc-number.ts';
import { DEFAULT_INDEX_FORMAT, formatIndexNumber } from '../../domain/catalogue/index-number.ts';
import { checkItemFields, itemInput, type ItemFields, type ItemInput } from '../../domain/catalogue/item-input.ts';
import { DEFAULT_TOPICS, type Disclosure, type ItemState } from '../../domain/catalogue/vocab.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import { nextNumber } from '../applications.ts';
import { record } from '../audit.ts';
import { refreshSearchVector } from '../search/catalogue-index.ts';

export type ItemRow = Selectable<CatalogueItemsTable>;

/** Who acts on the catalogue, and when. */
export interface CatalogueActor {
  /** the signed-in user; null for the command line ('import') and the scheduler ('system') */
  userId: number | null;
  /** the name recorded (the user's display name, 'import', 'system') */
  name: string;
  /** ISO timestamp */
  now: string;
  /** YYYY-MM-DD */
  today: string;
  ip?: string | null;
}

const fail = <T>(error: DomainError): DomainResult<T> => ({ ok: false, error });

/** A refusal that rolls a transaction back; caught and returned by the service that threw it. */
class Refusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

/** Runs `body` in a transaction; a Refusal thrown inside rolls back and comes back as the result. */
export async function inTransaction<T>(db: Kysely<DB>, body: (trx: Transaction<DB>) => Promise<T>): Promise<DomainResult<T>> {
  try {
    return { ok: true, value: await db.transaction().execute(body) };
  } catch (e) {
    if (e instanceof Refusal) return fail(e.error);
    throw e;
  }
}

/** Refuses inside `inTransaction` (everything written so far is rolled back). */
export function refuse(error: DomainError): never {
  throw new Refusal(error);
}

export interface Vocab {
  /** 主题分类: the agency's list, or the default 国务院公文主题分类 */
  topics: string[];
  /** the agency's own 信息类别 */
  own: { code: string; name: string }[];
}

export async function catalogueVocab(db: Kysely<DB>, agencyId: number): Promise<Vocab> {
  const rows = await db.selectFrom('catalogueVocab').select(['kind', 'code', 'name']).where('agencyId', '=', agencyId).orderBy('position').execute();
  const topics = rows.filter((r) => r.kind === 'topic').map((r) => r.name);
  return { topics: topics.length > 0 ? topics : [...DEFAULT_TOPICS], own: rows.filter((r) => r.kind === 'category').map((r) => ({ code: r.code, name: r.name })) };
}

interface AgencyRow {
  id: number;
  code: string;
  name: string;
  creditCode: string | null;
  indexFormat: string | null;
}

async function agencyRow(db: Kysely<DB>, agencyId: number): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').select(['id', 'code', 'name', 'creditCode', 'indexFormat']).where('id', '=', agencyId).executeTakeFirst();
}

/** Takes the next 索引号 of the agency for a year and category (the counter only grows: never reused). */
export async function allocateIndexNumber(trx: Kysely<DB>, agency: AgencyRow, year: number, category: string): Promise<string> {
  const format = agency.indexFormat ?? DEFAULT_INDEX_FORMAT;
  for (;;) {
    const seq = await nextNumber(trx, agency.id, 'catalogue', year);
    const candidate = formatIndexNumber(format, { org: agency.creditCode ?? agency.code, year, category, seq });
    // an imported item may already hold the number the counter reaches: skip it
    const taken = await trx.selectFrom('catalogueItems').select('id').where('agencyId', '=', agency.id).where('indexNumber', '=', candidate).executeTakeFirst();
    if (taken === undefined) return candidate;
  }
}

/** The fields a version snapshot keeps: the row without its search vectors. */
export function snapshot(row: ItemRow): Record<string, unknown> {
  const { searchVector: _s, titleVector: _t, ...rest } = row;
  return rest;
}

async function resolveReference(trx: Kysely<DB>, agencyId: number, indexNumber: string | null, field: string, label: string): Promise<number | null> {
  if (indexNumber === null) return null;
  const row = await trx.selectFrom('catalogueItems').select('id').where('agencyId', '=', agencyId).where('indexNumber', '=', indexNumber).executeTakeFirst();
  if (row === undefined) refuse({ code: 'REFERENCE_NOT_FOUND', message: `${label}“${indexNumber}”在本机关的目录中不存在，请核对索引号。`, field });
  return row.id;
}

/** The columns of an item's fields as a person gives them (the references, resolved to ids, apart). */
function fieldColumns(f: ItemFields) {
  return {
    title: f.title,
    summary: f.summary,
    docNumber: f.docNumber,
    docNumberKey: docNumberKey(f.docNumber),
    publisher: f.publisher,
    writtenOn: f.writtenOn,
    formedOn: f.formedOn,
    publishedOn: f.publishedOn,
    topic: f.topic,
    category: f.category,
    docType: f.docType,
    validity: f.validity,
    repealedOn: f.repealedOn,
    lapsedOn: f.lapsedOn,
    revisedOn: f.revisedOn,
    body: f.body,
  };
}

export interface ParsedItem {
  fields: ItemFields;
  agency: AgencyRow;
}

/** Parses and checks an item's input for an agency (the schema, then the meaning). */
export async function parseItem(db: Kysely<DB>, agencyId: number, input: ItemInput, today: string): Promise<DomainResult<ParsedItem>> {
  const agency = await agencyRow(db, agencyId);
  if (agency === undefined) return fail({ code: 'AGENCY_NOT_FOUND', message: '机关不存在。' });
  const parsed = itemInput.safeParse(input);
  if (!parsed.success) {
    const r = inputRefusal(parsed.error);
    return fail({ code: r.code, message: r.message, field: r.field });
  }
  const vocab = await catalogueVocab(db, agencyId);
  const checked = checkItemFields(parsed.data, { today, own: vocab.own, ownCategories: vocab.own.map((c) => c.code), topics: vocab.topics, defaultPublisher: agency.name });
  if (!checked.ok) return checked;
  return { ok: true, value: { fields: checked.value, agency } };
}

export interface InsertOptions {
  /** a given 索引号 (import); null: allocated */
  indexNumber?: string | null;
  state?: ItemState;
  origin?: 'platform' | 'imported';
  /** imported items arrive published: the publication moment */
  publishedAt?: string | null;
  /** HTML body (imported, already sanitised by the caller) */
  bodyHtml?: string;
  /** 公开属性 known at insertion (imported items: 主动公开) */
  disclosure?: Disclosure | null;
  /** 转主动公开 (条例第四十四条): the application the item is made from */
  sourceApplicationId?: number | null;
}

/** Inserts an item inside a transaction (no audit): the building block of create and import. */
export async function insertItem(trx: Transaction<DB>, parsed: ParsedItem, actor: CatalogueActor, options: InsertOptions = {}): Promise<ItemRow> {
  const f = parsed.fields;
  const agencyId = parsed.agency.id;
  const supersededBy = await resolveReference(trx, agencyId, f.supersededBy, 'supersededBy', '替代文件的索引号');
  const interpretsId = await resolveReference(trx, agencyId, f.interprets, 'interprets', '所解读文件的索引号');
  let indexNumber = options.indexNumber ?? null;
  if (indexNumber !== null) {
    const taken = await trx.selectFrom('catalogueItems').select('id').where('agencyId', '=', agencyId).where('indexNumber', '=', indexNumber).executeTakeFirst();
    if (taken !== undefined) refuse({ code: 'INDEX_NUMBER_TAKEN', message: `索引号“${indexNumber}”已被本机关的另一条信息使用，索引号不能重复。`, field: 'indexNumber' });
  } else {
    const year = Number((f.writtenOn ?? f.formedOn).slice(0, 4));
    indexNumber = await allocateIndexNumber(trx, parsed.agency, year, f.category);
  }
  const row = await trx
    .insertInto('catalogueItems')
    .values({
      agencyId,
      indexNumber,
      ...fieldColumns(f),
      supersededBy,
      interpretsId,
      bodyHtml: options.bodyHtml ?? '',
      state: options.state ?? 'draft',
      disclosure: options.disclosure ?? null,
      disclosureOn: options.disclosure ? actor.today : null,
      sourceApplicationId: options.sourceApplicationId ?? null,
      origin: options.origin ?? 'platform',
      publishedAt: options.publishedAt ?? null,
      createdBy: actor.userId,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('catalogueItemVersions').values({ itemId: row.id, version: 1, snapshot: JSON.stringify(snapshot(row)), reason: options.origin === 'imported' ? '导入' : '新建', savedBy: actor.userId, savedAt: actor.now }).execute();
  await refreshSearchVector(trx, row.id);
  return row;
}

/** Creates a draft (草稿) with its 索引号. */
export async function createItem(db: Kysely<DB>, agencyId: number, input: ItemInput, actor: CatalogueActor): Promise<DomainResult<ItemRow>> {
  const parsed = await parseItem(db, agencyId, input, actor.today);
  if (!parsed.ok) return parsed;
  return inTransaction(db, async (trx) => {
    const row = await insertItem(trx, parsed.value, actor);
    await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.create', target: `catalogue:${row.id}`, detail: { indexNumber: row.indexNumber, title: row.title }, ip: actor.ip ?? null, at: actor.now });
    return row;
  });
}

/** The states in which an item's fields may be edited in place (a published item is changed by 更正). */
export const EDITABLE_STATES: readonly string[] = ['draft'];

/** Saves a new version of a draft's fields. `expectedVersion` guards against two people editing at once. */
export async function updateItem(
  db: Kysely<DB>,
  agencyId: number,
  itemId: number,
  input: ItemInput,
  actor: CatalogueActor,
  options: { expectedVersion?: number; reason?: string; allowStates?: readonly string[] } = {},
): Promise<DomainResult<ItemRow>> {
  const parsed = await parseItem(db, agencyId, input, actor.today);
  if (!parsed.ok) return parsed;
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('catalogueItems').selectAll().where('id', '=', itemId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (current === undefined) refuse({ code: 'ITEM_NOT_FOUND', message: '这条信息不存在或不属于本机关。' });
    if (!(options.allowStates ?? EDITABLE_STATES).includes(current.state)) refuse({ code: 'ITEM_NOT_EDITABLE', message: '只有草稿可以直接修改；已发布的信息请使用“更正”，审核中的信息请先退回。' });
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      refuse({ code: 'VERSION_CONFLICT', message: `这条信息已被他人修改（当前为第${current.version}版），请刷新后重新修改。` });
    }
    const row = await writeFields(trx, current, parsed.value.fields, actor, options.reason ?? '修改');
    await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.update', target: `catalogue:${row.id}`, detail: { version: row.version }, ip: actor.ip ?? null, at: actor.now });
    return row;
  });
}

/**
 * Writes new fields as the next version (inside a transaction): the building block of edit, 更正 and 清理.
 * A caller that changes a published item touches the column's cache after its transaction commits.
 */
export async function writeFields(trx: Transaction<DB>, current: ItemRow, f: ItemFields, actor: CatalogueActor, reason: string): Promise<ItemRow> {
  const supersededBy = await resolveReference(trx, current.agencyId, f.supersededBy, 'supersededBy', '替代文件的索引号');
  const interpretsId = await resolveReference(trx, current.agencyId, f.interprets, 'interprets', '所解读文件的索引号');
  if (supersededBy === current.id || interpretsId === current.id) refuse({ code: 'SELF_REFERENCE', message: '一条信息不能引用它自己。', field: supersededBy === current.id ? 'supersededBy' : 'interprets' });
  const row = await trx
    .updateTable('catalogueItems')
    .set({
      ...fieldColumns(f),
      publishedOn: f.publishedOn ?? current.publishedOn,
      supersededBy,
      interpretsId,
      version: sql<number>`version + 1`,
      updatedAt: actor.now,
    })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('catalogueItemVersions').values({ itemId: row.id, version: row.version, snapshot: JSON.stringify(snapshot(row)), reason, savedBy: actor.userId, savedAt: actor.now }).execute();
  await refreshSearchVector(trx, row.id);
  return row;
}

/** One item of the agency, or undefined. */
export async function getItem(db: Kysely<DB>, agencyId: number, itemId: number): Promise<ItemRow | undefined> {
  return db.selectFrom('catalogueItems').selectAll().where('id', '=', itemId).where('agencyId', '=', agencyId).executeTakeFirst();
}

/** An item of the agency by its 索引号. */
export async function getItemByIndexNumber(db: Kysely<DB>, agencyId: number, indexNumber: string): Promise<ItemRow | undefined> {
  return db.selectFrom('catalogueItems').selectAll().where('indexNumber', '=', indexNumber).where('agencyId', '=', agencyId).executeTakeFirst();
}

export interface VersionEntry {
  version: number;
  reason: string;
  savedBy: string | null;
  savedAt: string;
  snapshot: Record<string, unknown>;
}

/** The saved versions of an item, newest first. */
export async function itemVersions(db: Kysely<DB>, itemId: number): Promise<VersionEntry[]> {
  const rows = await db
    .selectFrom('catalogueItemVersions as v')
    .leftJoin('users as u', 'u.id', 'v.savedBy')
    .select(['v.version', 'v.reason', 'u.displayName', 'v.savedAt', 'v.snapshot'])
    .where('v.itemId', '=', itemId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, reason: r.reason, savedBy: r.displayName, savedAt: r.savedAt, snapshot: r.snapshot }));
}
