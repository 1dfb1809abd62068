// A catalogue item's attachments (PDF, DOCX, XLSX, PNG, JPEG): recognised by their own bytes
// (domain/catalogue/attachments.ts), their text read for search in the parse pool (within the ZIP,
// time and memory limits of issue #10) BEFORE anything is written, then kept in one transaction with
// the item's search vector and the audit entry. Only a draft's attachments change. A file that cannot
// be read or breaks a limit is refused with a Chinese message and nothing is saved.

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { fitsItem, sniffAttachment } from '../../domain/catalogue/attachments.ts';
import { record } from '../audit.ts';
import { parsePool } from '../parse-pool/index.ts';
import { refreshSearchVector } from '../search/catalogue-index.ts';
import { EDITABLE_STATES, inTransaction, refuse, type CatalogueActor } from './items.ts';

export interface AttachmentInfo {
  id: number;
  itemId: number;
  position: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** characters of text read for search ('' for images) */
  textLength: number;
}

const notEditable = { code: 'ITEM_NOT_EDITABLE', message: '只有草稿可以添加或删除附件；已发布的信息请使用“更正”，审核中的信息请先退回。', field: 'file' };
const notFound = { code: 'ITEM_NOT_FOUND', message: '这条信息不存在或不属于本机关。' };

/** The attachments of an item (without their bytes), in order. */
export async function listAttachments(db: Kysely<DB>, agencyId: number, itemId: number): Promise<AttachmentInfo[]> {
  const rows = await db
    .selectFrom('catalogueAttachments as a')
    .innerJoin('catalogueItems as i', 'i.id', 'a.itemId')
    .select(['a.id', 'a.itemId', 'a.position', 'a.fileName', 'a.mediaType', 'a.size', 'a.sha256', 'a.createdAt', (eb) => eb.fn<number>('length', ['a.text']).as('textLength')])
    .where('i.agencyId', '=', agencyId)
    .where('a.itemId', '=', itemId)
    .orderBy('a.position')
    .execute();
  return rows.map((r) => ({ ...r, textLength: Number(r.textLength) }));
}

/** Attaches a file to a draft: checked, its text read, then kept with the search vector, in one transaction. */
export async function attachFile(db: Kysely<DB>, agencyId: number, itemId: number, file: { bytes: Uint8Array; fileName: string }, actor: CatalogueActor): Promise<DomainResult<AttachmentInfo>> {
  const item = await db.selectFrom('catalogueItems').select(['id', 'state']).where('id', '=', itemId).where('agencyId', '=', agencyId).executeTakeFirst();
  if (item === undefined) return { ok: false, error: notFound };
  if (!EDITABLE_STATES.includes(item.state)) return { ok: false, error: notEditable };
  const sniffed = sniffAttachment(file.bytes, file.fileName);
  if (!sniffed.ok) return sniffed;
  const fits = fitsItem(await db.selectFrom('catalogueAttachments').select('size').where('itemId', '=', itemId).execute(), file.bytes.length);
  if (!fits.ok) return fits;
  // read outside the transaction: a slow parse holds no lock
  const text = await parsePool().attachmentText(file.bytes, sniffed.value.kind);
  if (!text.ok) return { ok: false, error: { ...text.error, field: 'file' } };
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('catalogueItems').select(['id', 'state']).where('id', '=', itemId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (current === undefined) refuse(notFound);
    if (!EDITABLE_STATES.includes(current.state)) refuse(notEditable);
    const existing = await trx.selectFrom('catalogueAttachments').select(['size', 'position']).where('itemId', '=', itemId).execute();
    const again = fitsItem(existing, file.bytes.length);
    if (!again.ok) refuse(again.error);
    const position = existing.reduce((m, a) => Math.max(m, a.position), 0) + 1;
    const row = await trx
      .insertInto('catalogueAttachments')
      .values({ itemId, position, fileName: sniffed.value.fileName, mediaType: sniffed.value.mediaType, size: file.bytes.length, sha256, content: file.bytes, text: text.value, createdAt: actor.now })
      .returning(['id', 'createdAt'])
      .executeTakeFirstOrThrow();
    await refreshSearchVector(trx, itemId);
    await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.attach', target: `catalogue:${itemId}`, detail: { attachmentId: row.id, fileName: sniffed.value.fileName, size: file.bytes.length, sha256 }, ip: actor.ip ?? null, at: actor.now });
    return { id: row.id, itemId, position, fileName: sniffed.value.fileName, mediaType: sniffed.value.mediaType, size: file.bytes.length, sha256, createdAt: row.createdAt, textLength: text.value.length };
  });
}

/** One attachment with its bytes; another agency's (or another item's) is not found. */
export async function readAttachment(db: Kysely<DB>, agencyId: number, itemId: number, attachmentId: number): Promise<DomainResult<{ fileName: string; mediaType: string; bytes: Uint8Array; sha256: string }>> {
  const row = await db
    .selectFrom('catalogueAttachments as a')
    .innerJoin('catalogueItems as i', 'i.id', 'a.itemId')
    .select(['a.fileName', 'a.mediaType', 'a.content', 'a.sha256'])
    .where('i.agencyId', '=', agencyId)
    .where('a.itemId', '=', itemId)
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
  if (row === undefined) return { ok: false, error: { code: 'NOT_FOUND', message: '没有找到该附件。' } };
  return { ok: true, value: { fileName: row.fileName, mediaType: row.mediaType, sha256: row.sha256, bytes: new Uint8Array(row.content) } };
}

/** Removes an attachment of a draft, with the search vector and the audit entry, in one transaction. */
export async function deleteAttachment(db: Kysely<DB>, agencyId: number, itemId: number, attachmentId: number, actor: CatalogueActor): Promise<DomainResult<{ fileName: string }>> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('catalogueItems').select(['id', 'state']).where('id', '=', itemId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (current === undefined) refuse(notFound);
    if (!EDITABLE_STATES.includes(current.state)) refuse(notEditable);
    const gone = await trx.deleteFrom('catalogueAttachments').where('id', '=', attachmentId).where('itemId', '=', itemId).returning(['fileName', 'sha256']).executeTakeFirst();
    if (gone === undefined) refuse({ code: 'NOT_FOUND', message: '没有找到该附件。' });
    await refreshSearchVector(trx, itemId);
    await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.detach', target: `catalogue:${itemId}`, detail: { attachmentId, fileName: gone.fileName, sha256: gone.sha256 }, ip: actor.ip ?? null, at: actor.now });
    return { fileName: gone.fileName };
  });
}
