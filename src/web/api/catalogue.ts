// The catalogue under /api/v1 (mounted by api/index.ts after its token check): list (keyset, the same
// filters as the staff list), get, create a draft, update a draft (with the version read: a stale one
// is 409), attachments (list, upload as multipart `file`, download, delete). The same services as the
// pages; errors are `{ error: { code, message, field? } }`.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { DomainError } from '../../domain/applications/types.ts';
import { contentDisposition } from '../../domain/catalogue/attachments.ts';
import { itemInput } from '../../domain/catalogue/item-input.ts';
import { DISCLOSURES, DOC_TYPES, ITEM_STATES } from '../../domain/catalogue/vocab.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { attachFile, deleteAttachment, listAttachments, readAttachment } from '../../services/catalogue/attachments.ts';
import { createItem, getItem, updateItem, type CatalogueActor, type ItemRow } from '../../services/catalogue/items.ts';
import { listCatalogue } from '../../services/catalogue/list.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import type { AppEnv } from '../context.ts';
import { agencyOf as agencyOfRequest } from './agency-of.ts';
import { apiError, statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';

type Action = 'read' | 'handle';
type C = Context<AppEnv>;

const STATUS: Record<string, number> = {
  VERSION_CONFLICT: 409,
  ITEM_NOT_EDITABLE: 409,
  ITEM_NOT_FOUND: 404,
  NOT_FOUND: 404,
  AGENCY_REQUIRED: 400,
  FORBIDDEN: 403,
  PARSE_BUSY: 503,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_ITEM_TOO_LARGE: 413,
};
const refuse = (c: C, error: DomainError) => c.json(apiError(error), (STATUS[error.code] ?? statusOf(error)) as 400);
const agencyOf = (c: C, action: Action) => agencyOfRequest(c, c.get('user') as SessionUser, action);


const idParam = (text: string): number | null => (/^[1-9][0-9]{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null);

const listQuery = z.object({
  agency: z.string().optional(),
  state: z.enum(ITEM_STATES, { message: `state 应为：${ITEM_STATES.join('、')}` }).optional(),
  category: z
    .string()
    .regex(/^(a20-\d{1,2}|own:[a-z0-9-]{1,20})$/, 'category 应为 a20-1 … a20-15 或 own:<代码>')
    .optional(),
  docType: z.enum(DOC_TYPES, { message: `docType 应为：${DOC_TYPES.join('、')}` }).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, 'year 应为四位数字')
    .optional(),
  disclosure: z.union([z.enum(DISCLOSURES), z.literal('none')], { message: `disclosure 应为：${DISCLOSURES.join('、')} 或 none` }).optional(),
  after: z.string().max(400).optional(),
  before: z.string().max(400).optional(),
  limit: z.string().max(4).optional(),
});

const updateBody = itemInput.extend({ version: z.number({ message: 'version 应为当前版本号（整数），取自读取时的 item.version' }).int().min(1) });

/** An item as the API shows it (the search vector is internal). */
function itemJson(row: ItemRow): Omit<ItemRow, 'searchVector'> {
  const { searchVector: _v, ...rest } = row;
  return rest;
}

async function actorOf(c: C): Promise<CatalogueActor> {
  const user = c.get('user') as SessionUser;
  const now = c.get('deps').now();
  return { userId: user.id, name: user.displayName, now: new Date(now).toISOString(), today: now.slice(0, 10), ip: await clientIp(c) };
}

async function jsonBody(c: C): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

export function catalogueApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get('/catalogue/items', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) return c.json(apiError({ code: 'INVALID_QUERY', message: `查询参数无效：${q.error.issues[0]?.message ?? ''}`, field: q.error.issues[0]?.path.join('.') ?? '' }), 400);
    const p = q.data;
    const page = await listCatalogue(
      c.get('deps').db,
      a.agencyId,
      { ...(p.state ? { state: p.state } : {}), ...(p.category ? { category: p.category } : {}), ...(p.docType ? { docType: p.docType } : {}), ...(p.year ? { year: Number(p.year) } : {}), ...(p.disclosure ? { disclosure: p.disclosure } : {}) },
      { limit: pageSize(p.limit, 50), after: decodeCursor(p.after), before: decodeCursor(p.before) },
    );
    return c.json({ items: page.rows, next: page.next, prev: page.prev });
  });

  api.post('/catalogue/items', async (c) => {
    const a = agencyOf(c, 'handle');
    if ('message' in a) return refuse(c, a);
    const parsed = itemInput.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const r = inputRefusal(parsed.error);
      return c.json(apiError({ code: r.code, message: r.message, field: r.field }), r.status);
    }
    const r = await createItem(c.get('deps').db, a.agencyId, parsed.data, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ item: itemJson(r.value) }, 201);
  });

  api.get('/catalogue/items/:id', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    const row = id === null ? undefined : await getItem(c.get('deps').db, a.agencyId, id);
    if (row === undefined) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这条信息。' });
    return c.json({ item: itemJson(row), attachments: await listAttachments(c.get('deps').db, a.agencyId, row.id) });
  });

  api.patch('/catalogue/items/:id', async (c) => {
    const a = agencyOf(c, 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这条信息。' });
    const parsed = updateBody.safeParse(await jsonBody(c));
    if (!parsed.success) {
      const r = inputRefusal(parsed.error);
      return c.json(apiError({ code: r.code, message: r.message, field: r.field }), r.status);
    }
    const { version, ...input } = parsed.data;
    const r = await updateItem(c.get('deps').db, a.agencyId, id, input, await actorOf(c), { expectedVersion: version });
    if (!r.ok) return refuse(c, r.error.code === 'ITEM_NOT_FOUND' ? { ...r.error, code: 'NOT_FOUND' } : r.error);
    return c.json({ item: itemJson(r.value) });
  });

  api.get('/catalogue/items/:id/attachments', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    const row = id === null ? undefined : await getItem(c.get('deps').db, a.agencyId, id);
    if (row === undefined) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这条信息。' });
    return c.json({ attachments: await listAttachments(c.get('deps').db, a.agencyId, row.id) });
  });

  api.post('/catalogue/items/:id/attachments', async (c) => {
    const a = agencyOf(c, 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这条信息。' });
    let file: unknown;
    try {
      file = (await c.req.parseBody())['file'];
    } catch {
      file = undefined;
    }
    if (!(file instanceof File)) return refuse(c, { code: 'INVALID_INPUT', message: '请以 multipart/form-data 上传，文件字段名为 file。', field: 'file' });
    const r = await attachFile(c.get('deps').db, a.agencyId, id, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name }, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ attachment: r.value }, 201);
  });

  api.get('/catalogue/items/:id/attachments/:attachmentId', async (c) => {
    const a = agencyOf(c, 'read');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    const attachmentId = idParam(c.req.param('attachmentId'));
    const r = id === null || attachmentId === null ? null : await readAttachment(c.get('deps').db, a.agencyId, id, attachmentId);
    if (r === null || !r.ok) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该附件。' });
    return c.body(r.value.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': r.value.mediaType,
      'Content-Disposition': contentDisposition(r.value.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  api.delete('/catalogue/items/:id/attachments/:attachmentId', async (c) => {
    const a = agencyOf(c, 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idParam(c.req.param('id'));
    const attachmentId = idParam(c.req.param('attachmentId'));
    if (id === null || attachmentId === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该附件。' });
    const r = await deleteAttachment(c.get('deps').db, a.agencyId, id, attachmentId, await actorOf(c));
    if (!r.ok) return refuse(c, r.error.code === 'ITEM_NOT_FOUND' ? { ...r.error, code: 'NOT_FOUND' } : r.error);
    return c.json({ deleted: { id: attachmentId, fileName: r.value.fileName } });
  });

  return api;
}
