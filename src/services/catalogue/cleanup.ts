// 清理 rounds of the 规章/行政规范性文件 register: a round takes the documents in force on its date
// (as_of) as its entries; each gets a conclusion — 继续有效 / 修改 / 废止 / 宣布失效 — with a note; the
// round is concluded with a summary ("未发现行政规范性文件" when it found none). Concluding applies
// 废止 and 宣布失效 to the documents — 有效性 废止/失效 with the conclusion day as 废止日期/失效日期, a
// new version of each (items.ts writeFields), audited — all in one transaction, and is refused while
// an entry lacks its conclusion (nothing written). Every write is one transaction with its audit entry.

import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import type { ItemFields } from '../../domain/catalogue/item-input.ts';
import { conclusionEffect, NO_DOCUMENTS_SUMMARY } from '../../domain/catalogue/register.ts';
import { CLEANUP_CONCLUSIONS, REGISTER_DOC_TYPES, type CleanupConclusion, type DocType, type Validity } from '../../domain/catalogue/vocab.ts';
import { inputRefusal, text } from '../../domain/text-rules.ts';
import { record } from '../audit.ts';
import { pageOf, type Page, type PageRequest } from '../keyset.ts';
import { bumpAgencyColumns, touchColumn } from '../column-version.ts';
import { inTransaction, refuse, writeFields, type CatalogueActor, type ItemRow } from './items.ts';
import { inForceAt, REGISTER_STATE } from './register.ts';

export const ROUND_TITLE_MAX = 200;
export const NOTE_MAX = 1000;
export const SUMMARY_MAX = 5000;

export const roundInput = z.object({ title: text('清理名称', ROUND_TITLE_MAX), asOf: text('清理基准日', 40) });
export const conclusionInput = z.object({ conclusion: text('清理结论', 20), note: text('说明', NOTE_MAX, { multiline: true }).optional() });
export const concludeInput = z.object({ summary: text('清理情况总结', SUMMARY_MAX, { multiline: true }).optional() });

export interface RoundRow {
  id: number;
  agencyId: number;
  title: string;
  asOf: string;
  summary: string;
  state: 'open' | 'concluded';
  concludedOn: string | null;
  createdAt: string;
  /** entries, and how many have a conclusion */
  entries: number;
  concluded: number;
  /** entries by conclusion */
  byConclusion: Record<CleanupConclusion, number>;
}

export interface EntryRow {
  itemId: number;
  indexNumber: string;
  title: string;
  docNumber: string;
  docType: string;
  writtenOn: string;
  validity: string;
  conclusion: CleanupConclusion | null;
  note: string;
}

type Fail = { ok: false; error: { code: string; message: string; field?: string } };
const parseFail = (error: z.ZodError): Fail => {
  const r = inputRefusal(error);
  return { ok: false, error: { code: r.code, message: r.message, field: r.field } };
};

const audit = (trx: Kysely<DB>, actor: CatalogueActor, agencyId: number, action: string, target: string, detail: Record<string, unknown>) =>
  record(trx, { userId: actor.userId, agencyId, action, target, detail, ip: actor.ip ?? null, at: actor.now });

/** Opens a round: its entries are the register's documents in force on `asOf`. */
export async function createRound(db: Kysely<DB>, agencyId: number, input: z.input<typeof roundInput>, actor: CatalogueActor): Promise<DomainResult<RoundRow>> {
  const parsed = roundInput.safeParse(input);
  if (!parsed.success) return parseFail(parsed.error);
  const title = parsed.data.title.trim();
  const asOf = parsed.data.asOf.trim();
  if (title === '') return { ok: false, error: { code: 'TITLE_REQUIRED', message: '请填写清理名称，例如“2024年度行政规范性文件清理”。', field: 'title' } };
  if (parseIsoDate(asOf) === null) return { ok: false, error: { code: 'INVALID_DATE', message: '清理基准日不是有效日期，请写成 YYYY-MM-DD（例如 2024-06-30）。', field: 'asOf' } };
  if (asOf > actor.today) return { ok: false, error: { code: 'DATE_IN_FUTURE', message: `清理基准日不能晚于今天（${actor.today}）。`, field: 'asOf' } };
  const created = await inTransaction(db, async (trx) => {
    const round = await trx
      .insertInto('cleanupRounds')
      .values({ agencyId, title, asOf, createdBy: actor.userId, createdAt: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roundId = Number(round.id);
    await trx
      .insertInto('cleanupEntries')
      .columns(['roundId', 'itemId'])
      .expression(
        trx
          .selectFrom('catalogueItems')
          .select([sql<number>`${roundId}::bigint`.as('roundId'), 'id'])
          .where('agencyId', '=', agencyId)
          .where('state', '=', REGISTER_STATE)
          .where('docType', 'in', [...REGISTER_DOC_TYPES])
          .where(inForceAt(asOf)),
      )
      .execute();
    const n = await trx.selectFrom('cleanupEntries').select(sql<number>`count(*)::int`.as('n')).where('roundId', '=', roundId).executeTakeFirstOrThrow();
    await audit(trx, actor, agencyId, 'cleanup.create', `cleanup:${roundId}`, { title, asOf, entries: n.n });
    return roundId;
  });
  if (!created.ok) return created;
  const round = await getRound(db, agencyId, created.value);
  if (round === undefined) throw new Error('cleanup round vanished after creation');
  return { ok: true, value: round };
}

/** One round of the agency with its counts, or undefined. */
export async function getRound(db: Kysely<DB>, agencyId: number, roundId: number): Promise<RoundRow | undefined> {
  const page = await roundsOf(db, agencyId, { limit: 1 }, roundId);
  return page.rows[0];
}

/** The agency's rounds, newest first, one page. */
export async function listRounds(db: Kysely<DB>, agencyId: number, page: PageRequest): Promise<Page<RoundRow>> {
  return roundsOf(db, agencyId, page);
}

async function roundsOf(db: Kysely<DB>, agencyId: number, page: PageRequest, only?: number): Promise<Page<RoundRow>> {
  const backwards = page.before !== undefined && page.before !== null;
  const cursor = backwards ? page.before : page.after;
  let q = db
    .selectFrom('cleanupRounds as r')
    .select([
      'r.id',
      'r.agencyId',
      'r.title',
      'r.asOf',
      'r.summary',
      'r.state',
      'r.concludedOn',
      'r.createdAt',
      (eb) => eb.selectFrom('cleanupEntries as e').select(sql<number>`count(*)::int`.as('n')).whereRef('e.roundId', '=', 'r.id').as('entries'),
    ])
    .where('r.agencyId', '=', agencyId);
  if (only !== undefined) q = q.where('r.id', '=', only);
  if (cursor !== undefined && cursor !== null) q = backwards ? q.where('r.id', '>', cursor.id) : q.where('r.id', '<', cursor.id);
  const direction = backwards ? 'asc' : 'desc';
  const rows = await q.orderBy('r.id', direction).limit(page.limit + 1).execute();
  const ids = rows.map((r) => Number(r.id));
  const tallies =
    ids.length === 0
      ? []
      : await db
          .selectFrom('cleanupEntries')
          .select(['roundId', 'conclusion', sql<number>`count(*)::int`.as('n')])
          .where('roundId', 'in', ids)
          .where('conclusion', 'is not', null)
          .groupBy(['roundId', 'conclusion'])
          .execute();
  const shaped: RoundRow[] = rows.map((r) => {
    const id = Number(r.id);
    const mine = tallies.filter((t) => Number(t.roundId) === id);
    const byConclusion = Object.fromEntries(CLEANUP_CONCLUSIONS.map((c) => [c, mine.find((t) => t.conclusion === c)?.n ?? 0])) as Record<CleanupConclusion, number>;
    return { ...r, id, agencyId: Number(r.agencyId), entries: r.entries ?? 0, state: r.state as RoundRow['state'], concluded: mine.reduce((s, t) => s + t.n, 0), byConclusion };
  });
  return pageOf(shaped, page, (r) => ({ key: r.id, id: r.id }));
}

/** The entries of a round, one page (newest 成文日期 first). */
export async function roundEntries(db: Kysely<DB>, roundId: number, page: PageRequest): Promise<Page<EntryRow>> {
  const backwards = page.before !== undefined && page.before !== null;
  const cursor = backwards ? page.before : page.after;
  let q = db
    .selectFrom('cleanupEntries as e')
    .innerJoin('catalogueItems as i', 'i.id', 'e.itemId')
    .select(['e.itemId', 'i.indexNumber', 'i.title', 'i.docNumber', 'i.docType', 'i.writtenOn', 'i.validity', 'e.conclusion', 'e.note'])
    .where('e.roundId', '=', roundId);
  if (cursor !== undefined && cursor !== null && typeof cursor.key === 'string') {
    const key = cursor.key;
    q = backwards
      ? q.where(sql<boolean>`(i.written_on > ${key} or (i.written_on = ${key} and i.id > ${cursor.id}))`)
      : q.where(sql<boolean>`(i.written_on < ${key} or (i.written_on = ${key} and i.id < ${cursor.id}))`);
  }
  const direction = backwards ? 'asc' : 'desc';
  const rows = await q.orderBy('i.writtenOn', direction).orderBy('i.id', direction).limit(page.limit + 1).execute();
  const shaped = rows.map((r) => ({ ...r, itemId: Number(r.itemId), writtenOn: r.writtenOn as string, conclusion: r.conclusion as CleanupConclusion | null }));
  return pageOf(shaped, page, (r) => ({ key: r.writtenOn, id: r.itemId }));
}

const notFound: Fail = { ok: false, error: { code: 'NOT_FOUND', message: '没有找到这次清理，或它不属于本机关。' } };
const concludedAlready = { code: 'ROUND_CONCLUDED', message: '这次清理已经结束，不能再修改清理结论。' };

/** Records (or changes) the conclusion on one document of an open round. */
export async function recordConclusion(
  db: Kysely<DB>,
  agencyId: number,
  roundId: number,
  itemId: number,
  input: z.input<typeof conclusionInput>,
  actor: CatalogueActor,
): Promise<DomainResult<{ conclusion: CleanupConclusion; note: string }>> {
  const parsed = conclusionInput.safeParse(input);
  if (!parsed.success) return parseFail(parsed.error);
  const conclusion = parsed.data.conclusion.trim();
  if (!(CLEANUP_CONCLUSIONS as readonly string[]).includes(conclusion)) {
    return { ok: false, error: { code: 'UNKNOWN_CONCLUSION', message: `清理结论应为以下之一：${CLEANUP_CONCLUSIONS.join('、')}。`, field: 'conclusion' } };
  }
  const note = (parsed.data.note ?? '').trim();
  return inTransaction(db, async (trx) => {
    const round = await trx.selectFrom('cleanupRounds').select(['id', 'state']).where('id', '=', roundId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (round === undefined) refuse(notFound.error);
    if (round.state !== 'open') refuse(concludedAlready);
    const updated = await trx.updateTable('cleanupEntries').set({ conclusion, note }).where('roundId', '=', roundId).where('itemId', '=', itemId).returning('itemId').executeTakeFirst();
    if (updated === undefined) refuse({ code: 'ENTRY_NOT_FOUND', message: '这份文件不在本次清理的范围内。' });
    await audit(trx, actor, agencyId, 'cleanup.conclusion', `cleanup:${roundId}`, { itemId, conclusion, note });
    return { conclusion: conclusion as CleanupConclusion, note };
  });
}

/** The fields of an item as they stand (for a new version that changes only its 有效性). */
async function fieldsOf(trx: Kysely<DB>, row: ItemRow): Promise<ItemFields> {
  const indexNumberOf = async (id: number | null) =>
    id === null ? null : ((await trx.selectFrom('catalogueItems').select('indexNumber').where('id', '=', id).executeTakeFirst())?.indexNumber ?? null);
  return {
    title: row.title,
    summary: row.summary,
    docNumber: row.docNumber,
    publisher: row.publisher,
    writtenOn: row.writtenOn,
    formedOn: row.formedOn,
    publishedOn: row.publishedOn,
    topic: row.topic,
    category: row.category,
    docType: row.docType as DocType,
    validity: row.validity as Validity | '',
    repealedOn: row.repealedOn,
    lapsedOn: row.lapsedOn,
    revisedOn: row.revisedOn,
    supersededBy: await indexNumberOf(row.supersededBy === null ? null : Number(row.supersededBy)),
    interprets: await indexNumberOf(row.interpretsId === null ? null : Number(row.interpretsId)),
    body: row.body,
  };
}

export interface Concluded {
  round: RoundRow;
  /** the documents ended by the round (废止 or 宣布失效) */
  ended: { itemId: number; indexNumber: string; conclusion: CleanupConclusion }[];
}

/** Concludes an open round: every entry must have its conclusion; 废止/宣布失效 are applied on `actor.today`. */
export async function concludeRound(db: Kysely<DB>, agencyId: number, roundId: number, input: z.input<typeof concludeInput>, actor: CatalogueActor): Promise<DomainResult<Concluded>> {
  const parsed = concludeInput.safeParse(input);
  if (!parsed.success) return parseFail(parsed.error);
  const written = (parsed.data.summary ?? '').trim();
  const done = await inTransaction(db, async (trx) => {
    const round = await trx.selectFrom('cleanupRounds').selectAll().where('id', '=', roundId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (round === undefined) refuse(notFound.error);
    if (round.state !== 'open') refuse({ code: 'ROUND_CONCLUDED', message: '这次清理已经结束。' });
    const entries = await trx.selectFrom('cleanupEntries').select(['itemId', 'conclusion']).where('roundId', '=', roundId).orderBy('itemId').execute();
    const missing = entries.filter((e) => e.conclusion === null).length;
    if (missing > 0) refuse({ code: 'CONCLUSIONS_MISSING', message: `还有${missing}份文件没有清理结论，请逐件填写结论后再结束清理。` });
    const summary = written !== '' ? written : entries.length === 0 ? NO_DOCUMENTS_SUMMARY : '';
    if (summary === '') refuse({ code: 'SUMMARY_REQUIRED', message: '请填写清理情况总结（例如清理了多少件、继续有效、修改、废止、宣布失效各多少件）。', field: 'summary' });
    const ended: Concluded['ended'] = [];
    for (const e of entries) {
      const conclusion = e.conclusion as CleanupConclusion;
      const effect = conclusionEffect(conclusion);
      if (effect === null) continue;
      const item = await trx.selectFrom('catalogueItems').selectAll().where('id', '=', e.itemId).forUpdate().executeTakeFirstOrThrow();
      const label = `“${item.title}”（索引号 ${item.indexNumber}）`;
      if (item.state !== REGISTER_STATE) refuse({ code: 'ITEM_NOT_PUBLISHED', message: `${label}已不是已发布状态（可能已撤回），不能在清理中${conclusion}。请将其结论改为“继续有效”或核实后再结束清理。` });
      if (item.repealedOn !== null || item.lapsedOn !== null || item.revisedOn !== null) {
        refuse({ code: 'ITEM_NO_LONGER_IN_FORCE', message: `${label}在清理期间已登记为${item.validity}，不能再${conclusion}。请核实后修改其清理结论。` });
      }
      const fields = await fieldsOf(trx, item);
      fields.validity = effect.validity;
      fields[effect.field] = actor.today;
      await writeFields(trx, item, fields, actor, `${round.title}：${conclusion}`);
      await audit(trx, actor, agencyId, 'catalogue.cleanup', `catalogue:${item.id}`, { roundId, conclusion, on: actor.today });
      ended.push({ itemId: Number(item.id), indexNumber: item.indexNumber, conclusion });
    }
    await trx.updateTable('cleanupRounds').set({ state: 'concluded', summary, concludedOn: actor.today }).where('id', '=', roundId).execute();
    await audit(trx, actor, agencyId, 'cleanup.conclude', `cleanup:${roundId}`, { summary, entries: entries.length, ended: ended.length });
    if (ended.length > 0) await bumpAgencyColumns(trx, [agencyId]);
    return ended;
  });
  if (!done.ok) return done;
  // the public pages of the documents it ended (有效性), once the change is committed
  if (done.value.length > 0) touchColumn();
  const round = await getRound(db, agencyId, roundId);
  if (round === undefined) throw new Error('cleanup round vanished after concluding');
  return { ok: true, value: { round, ended: done.value } };
}
