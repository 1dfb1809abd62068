// At and after publication (issue #11 Deliver 2): publish a signed-off 主动公开 item now or at a set
// moment (定时发布), the scheduled runner's step (publishDue: one transaction holding a database advisory
// lock, so several processes never publish an item twice), 撤回 (withdrawal, reason required) and 更正
// (a correction: a new version through writeFields, a note required, corrected_at set). Each is one
// transaction with its audit entry and the bump of the columns' versions (column-version.ts); the public
// column's cache in this process is touched after it commits.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import type { ItemInput } from '../../domain/catalogue/item-input.ts';
import { text } from '../../domain/text-rules.ts';
import { z } from 'zod';
import { record } from '../audit.ts';
import { bumpAgencyColumns, touchColumn } from '../column-version.ts';
import { inTransaction, parseItem, refuse, writeFields } from './items.ts';
import type { CatalogueActor, ItemRow } from './items.ts';
import { lockItem, parseInput } from './workflow.ts';

/** pg_try_advisory_xact_lock key of the publication runner ('gk-pub' in ASCII). */
export const PUBLISH_LOCK_KEY = 0x676b2d707562;

/** A moment to publish at: ISO with an offset, or a form's local 'YYYY-MM-DDTHH:MM' read as Beijing time. */
export function parsePublishAt(value: string): string | null {
  const v = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(v);
  const iso = local ? `${local[1]}T${local[2]}${local[3] ?? ':00'}+08:00` : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : null;
  if (iso === null || Number.isNaN(Date.parse(iso))) return null;
  // a date that rolls over (02-30) is not a date
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? iso : null;
}

export const publishInput = z.object({
  /** empty: now */
  publishAt: text('定时发布时间', 40).optional(),
});

async function touch(db: Kysely<DB>, agencyId: number): Promise<void> {
  // the item shows in its agency's column, and in its parent's when a department publishes there (domain.md §6.1)
  const rows = await db.selectFrom('agencies as a').leftJoin('agencies as p', 'p.id', 'a.parentId').select(['a.code', 'p.code as parentCode']).where('a.id', '=', agencyId).execute();
  for (const r of rows) {
    touchColumn(r.code);
    if (r.parentCode) touchColumn(r.parentCode);
  }
}

const audit = (trx: Kysely<DB>, actor: CatalogueActor, item: ItemRow, action: string, detail: Record<string, unknown>) =>
  record(trx, { userId: actor.userId, agencyId: item.agencyId, action, target: `catalogue:${item.id}`, detail: { indexNumber: item.indexNumber, version: item.version, ...detail }, ip: actor.ip ?? null, at: actor.now });

/**
 * Publishes a signed-off 主动公开 item now, or schedules it (`publishAt` later than now). A scheduled item
 * may be published at once. 依申请公开 and 不予公开 items are never put in the column.
 */
export async function publishItem(db: Kysely<DB>, agencyId: number, itemId: number, input: { publishAt?: string }, actor: CatalogueActor): Promise<DomainResult<ItemRow>> {
  const parsed = parseInput(publishInput, input);
  if (!parsed.ok) return parsed;
  const atText = (parsed.value.publishAt ?? '').trim();
  const at = atText === '' ? null : parsePublishAt(atText);
  if (atText !== '' && at === null) return { ok: false, error: { code: 'INVALID_PUBLISH_AT', message: '定时发布时间无效，请写成 2024-11-21 09:00 的格式（北京时间）。', field: 'publishAt' } };
  if (at !== null && Date.parse(at) <= Date.parse(actor.now)) return { ok: false, error: { code: 'PUBLISH_AT_PAST', message: '定时发布时间须晚于现在；立即发布请留空。', field: 'publishAt' } };
  const r = await inTransaction(db, async (trx) => {
    const item = await lockItem(trx, agencyId, itemId, at === null ? 'publish' : 'schedule');
    if (at !== null) {
      const row = await trx.updateTable('catalogueItems').set({ state: 'scheduled', publishAt: at, updatedAt: actor.now }).where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
      await audit(trx, actor, item, 'catalogue.schedule', { publishAt: at });
      return row;
    }
    const row = await trx.updateTable('catalogueItems').set({ state: 'published', publishedAt: actor.now, publishedOn: actor.today, publishAt: null, updatedAt: actor.now }).where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, item, 'catalogue.publish', { publishedOn: actor.today, wasScheduled: item.state === 'scheduled' });
    await bumpAgencyColumns(trx, [row.agencyId]);
    return row;
  });
  if (r.ok && r.value.state === 'published') await touch(db, r.value.agencyId);
  return r;
}

/** Cancels a scheduled publication: the item is 已签发 again. */
export async function unscheduleItem(db: Kysely<DB>, agencyId: number, itemId: number, actor: CatalogueActor): Promise<DomainResult<ItemRow>> {
  return inTransaction(db, async (trx) => {
    const item = await lockItem(trx, agencyId, itemId, 'unschedule');
    const row = await trx.updateTable('catalogueItems').set({ state: 'approved', publishAt: null, updatedAt: actor.now }).where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, item, 'catalogue.unschedule', { publishAt: item.publishAt });
    return row;
  });
}

export interface PublishDueResult {
  /** false: another process holds the runner's lock (it publishes them) */
  ran: boolean;
  published: { id: number; agencyId: number; indexNumber: string; publishAt: string | null }[];
}

/**
 * The scheduled runner's step at `now` (ISO; today is its date): every scheduled item whose moment has
 * come is published, in one transaction holding the runner's advisory lock — a second process finds the
 * lock taken and does nothing, so no item is published twice.
 */
export async function publishDue(db: Kysely<DB>, now: string, options: { limit?: number } = {}): Promise<PublishDueResult> {
  const today = now.slice(0, 10);
  const result = await db.transaction().execute(async (trx) => {
    const lock = await sql<{ taken: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(PUBLISH_LOCK_KEY)}::bigint) as taken`.execute(trx);
    if (lock.rows[0]?.taken !== true) return { ran: false, published: [] };
    const due = await trx
      .selectFrom('catalogueItems')
      .selectAll()
      .where('state', '=', 'scheduled')
      .where('publishAt', '<=', now)
      .orderBy('publishAt')
      .orderBy('id')
      .limit(options.limit ?? 500)
      .forUpdate()
      .execute();
    const published: PublishDueResult['published'] = [];
    for (const item of due) {
      await trx.updateTable('catalogueItems').set({ state: 'published', publishedAt: now, publishedOn: today, publishAt: null, updatedAt: now }).where('id', '=', item.id).execute();
      await record(trx, { userId: null, agencyId: item.agencyId, action: 'catalogue.publish', target: `catalogue:${item.id}`, detail: { indexNumber: item.indexNumber, version: item.version, publishedOn: today, scheduledFor: item.publishAt, by: 'scheduler' }, ip: null, at: now });
      published.push({ id: item.id, agencyId: item.agencyId, indexNumber: item.indexNumber, publishAt: item.publishAt });
    }
    await bumpAgencyColumns(trx, published.map((p) => p.agencyId));
    return { ran: true, published };
  });
  for (const agencyId of new Set(result.published.map((p) => p.agencyId))) await touch(db, agencyId);
  return result;
}

export const withdrawInput = z.object({ reason: text('撤回理由', 1000, { multiline: true }) });

/** 撤回 a published item (the public page says 已撤回 with the date); the reason is required and audited. */
export async function withdrawItem(db: Kysely<DB>, agencyId: number, itemId: number, input: { reason: string }, actor: CatalogueActor): Promise<DomainResult<ItemRow>> {
  const parsed = parseInput(withdrawInput, input);
  if (!parsed.ok) return parsed;
  const reason = parsed.value.reason.trim();
  if (reason === '') return { ok: false, error: { code: 'WITHDRAW_REASON_REQUIRED', message: '请写明撤回理由。', field: 'reason' } };
  const r = await inTransaction(db, async (trx) => {
    const item = await lockItem(trx, agencyId, itemId, 'withdraw');
    const row = await trx.updateTable('catalogueItems').set({ state: 'withdrawn', withdrawnReason: reason, withdrawnAt: actor.now, updatedAt: actor.now }).where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, item, 'catalogue.withdraw', { reason });
    await bumpAgencyColumns(trx, [row.agencyId]);
    return row;
  });
  if (r.ok) await touch(db, r.value.agencyId);
  return r;
}

export const correctionNote = text('更正说明', 1000, { multiline: true });

/**
 * 更正 a published item: its fields as a new version (writeFields), the note shown on the public page
 * with the time (已更正), audited. `expectedVersion` guards against two people correcting at once.
 */
export async function correctItem(
  db: Kysely<DB>,
  agencyId: number,
  itemId: number,
  input: { fields: ItemInput; note: string; expectedVersion?: number },
  actor: CatalogueActor,
): Promise<DomainResult<ItemRow>> {
  const note = correctionNote.safeParse(input.note);
  if (!note.success) return { ok: false, error: { code: 'INVALID_INPUT', message: note.error.issues[0]?.message ?? '更正说明无效', field: 'note' } };
  if (note.data.trim() === '') return { ok: false, error: { code: 'CORRECTION_NOTE_REQUIRED', message: '请写明更正说明（更正了什么、为什么），公开页面将显示“已更正”及此说明。', field: 'note' } };
  const parsed = await parseItem(db, agencyId, input.fields, actor.today);
  if (!parsed.ok) return parsed;
  const r = await inTransaction(db, async (trx) => {
    const current = await lockItem(trx, agencyId, itemId, 'correct');
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      refuse({ code: 'VERSION_CONFLICT', message: `这条信息已被他人修改（当前为第${current.version}版），请刷新后重新更正。` });
    }
    const written = await writeFields(trx, current, parsed.value.fields, actor, `更正：${note.data.trim()}`);
    const row = await trx.updateTable('catalogueItems').set({ correctionNote: note.data.trim(), correctedAt: actor.now }).where('id', '=', written.id).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, row, 'catalogue.correct', { note: note.data.trim(), from: current.version });
    await bumpAgencyColumns(trx, [row.agencyId]);
    return row;
  });
  if (r.ok) await touch(db, r.value.agencyId);
  return r;
}
