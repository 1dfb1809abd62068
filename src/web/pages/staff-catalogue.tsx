// The staff's catalogue pages (主动公开): the list, the editor of drafts (new, edit with the version
// check), attachments (upload, download, delete), 目录设置 and import/export. Thin routes: read the
// form, call one service, present; post-redirect-get; a refusal re-renders the form with the message
// next to its field and what was typed. The item's own page (/catalogue/:id), its workflow and the
// search page are elsewhere; mount these routes before /catalogue/:id so "new", "settings", "import"
// and "export" are not taken for an id.

import { Hono } from 'hono';
import { z } from 'zod';
import { contentDisposition } from '../../domain/catalogue/attachments.ts';
import type { ItemInput } from '../../domain/catalogue/item-input.ts';
import { DISCLOSURES, DOC_TYPES, ITEM_STATES, DEFAULT_TOPICS } from '../../domain/catalogue/vocab.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { viewableItem } from '../../services/catalogue/workflow.ts';
import { attachFile, deleteAttachment, listAttachments, readAttachment } from '../../services/catalogue/attachments.ts';
import { exportCatalogue, importCatalogue } from '../../services/catalogue/import.ts';
import { catalogueVocab, createItem, EDITABLE_STATES, getItem, updateItem, type CatalogueActor, type ItemRow } from '../../services/catalogue/items.ts';
import { listCatalogue } from '../../services/catalogue/list.ts';
import { catalogueSettings, saveCatalogueSettings, settingsForm } from '../../services/catalogue/settings.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp } from '../rate-limit.ts';
import { CATALOGUE_IMPORT_WEB_BYTES } from '../limits.ts';
import { catalogueEditorPage, ITEM_FORM_FIELDS, type ItemForm } from '../views/staff/catalogue-editor.tsx';
import { catalogueListPage } from '../views/staff/catalogue-list.tsx';
import { catalogueImportPage, catalogueSettingsPage } from '../views/staff/catalogue-settings.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { messagePage } from '../views/message.tsx';
import { badQuery, formOf, frameOf, idParam, notFound, today, type C } from './staff-common.tsx';

const listQuery = z.object({
  state: z.union([z.enum(ITEM_STATES), z.literal('')]).default(''),
  category: z
    .string()
    .max(60)
    .regex(/^(a20-\d{1,2}|own:[a-z0-9-]{1,20})?$/, '信息类别无效')
    .default(''),
  docType: z.union([z.enum(DOC_TYPES), z.literal('')]).default(''),
  year: z
    .string()
    .regex(/^(\d{4})?$/, '年份应为四位数字，例如 2024')
    .default(''),
  disclosure: z.union([z.enum(DISCLOSURES), z.literal('none'), z.literal('')]).default(''),
  after: z.string().max(400).optional(),
  before: z.string().max(400).optional(),
  limit: z.string().max(4).optional(),
});

const DONE: Record<string, string> = {
  saved: '已保存。',
  attached: '已上传附件，附件中的文字已可检索。',
  detached: '已删除附件。',
  settings: '已保存目录设置。',
};

async function actorOf(c: C): Promise<CatalogueActor> {
  const user = c.var.user as SessionUser;
  const now = c.var.deps.now();
  return { userId: user.id, name: user.displayName, now, today: now.slice(0, 10), ip: await clientIp(c) };
}

const emptyForm = (): ItemForm => Object.fromEntries(ITEM_FORM_FIELDS.map((f) => [f, ''])) as unknown as ItemForm;

function formOfItem(row: ItemRow, interprets: string, superseding: string): ItemForm {
  return {
    title: row.title,
    summary: row.summary,
    docNumber: row.docNumber,
    publisher: row.publisher,
    writtenOn: row.writtenOn ?? '',
    formedOn: row.formedOn,
    topic: row.topic,
    category: row.category,
    docType: row.docType,
    validity: row.validity,
    validityOn: row.repealedOn ?? row.lapsedOn ?? row.revisedOn ?? '',
    supersededBy: superseding,
    interprets,
    body: row.body,
  };
}

function typedForm(form: Record<string, string>): ItemForm {
  return Object.fromEntries(ITEM_FORM_FIELDS.map((f) => [f, form[f] ?? ''])) as unknown as ItemForm;
}

const inputOf = (f: ItemForm): ItemInput => ({ ...f });

async function referenceNumber(c: C, id: number | null): Promise<string> {
  if (id === null) return '';
  const row = await getItem(c.var.deps.db, c.var.agency.id, id);
  return row?.indexNumber ?? '';
}

async function showEditor(c: C, item: ItemRow | null, form: ItemForm, errors: FieldError[], status: 200 | 400 | 409 | 413 | 422 | 503 = 200): Promise<Response> {
  const { db } = c.var.deps;
  const vocab = await catalogueVocab(db, c.var.agency.id);
  const doneKey = c.req.method === 'GET' ? c.req.query('done') : undefined;
  const done = doneKey !== undefined ? DONE[doneKey] : undefined;
  const html = catalogueEditorPage(frameOf(c, 'catalogue'), {
    csrf: c.var.csrf,
    item: item === null ? null : { id: item.id, indexNumber: item.indexNumber, version: item.version },
    form,
    topics: vocab.topics,
    own: vocab.own,
    agencyName: c.var.agency.name,
    errors,
    attachments: item === null ? [] : await listAttachments(db, c.var.agency.id, item.id),
    ...(done ? { done } : {}),
  });
  return c.html(html, status);
}

function notDraft(c: C, item: ItemRow): Response {
  return c.html(
    messagePage({ title: '不能修改', message: '只有草稿可以直接修改；已发布的信息请使用“更正”，审核中的信息请先退回。', home: `${staffBase(c.var.agency.code)}/catalogue/${item.id}`, site: '政府信息公开工作平台' }),
    409,
  );
}

const statusOfRefusal = (code: string): 400 | 409 | 413 | 422 | 503 =>
  code === 'VERSION_CONFLICT' || code === 'ITEM_NOT_EDITABLE' ? 409 : code === 'PARSE_BUSY' ? 503 : code.endsWith('TOO_LARGE') ? 413 : code === 'CONTROL_CHARACTERS' ? 400 : 422;

export function catalogueEditorRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const admin = requireAgency('admin');
  const csrf = verifyCsrf();

  // --- the list
  routes.get('/:agency/catalogue', read, async (c) => {
    const parsed = listQuery.safeParse(c.req.query());
    if (!parsed.success) return badQuery(c, parsed.error.issues[0]?.message ?? '');
    const q = parsed.data;
    const { db } = c.var.deps;
    const page = await listCatalogue(
      db,
      c.var.agency.id,
      { ...(q.state ? { state: q.state } : {}), ...(q.category ? { category: q.category } : {}), ...(q.docType ? { docType: q.docType } : {}), ...(q.year ? { year: Number(q.year) } : {}), ...(q.disclosure ? { disclosure: q.disclosure } : {}) },
      { limit: pageSize(q.limit, 30), after: decodeCursor(q.after), before: decodeCursor(q.before) },
    );
    const vocab = await catalogueVocab(db, c.var.agency.id);
    const doneKey = c.req.query('done');
    return c.html(
      catalogueListPage(frameOf(c, 'catalogue'), {
        query: { state: q.state, category: q.category, docType: q.docType, year: q.year, disclosure: q.disclosure },
        rows: page.rows,
        next: page.next,
        prev: page.prev,
        own: vocab.own,
        errors: [],
        ...(doneKey === 'imported' ? { done: `已导入${Number(c.req.query('n') ?? 0) || ''}条信息。` } : {}),
      }),
    );
  });

  // --- new draft
  routes.get('/:agency/catalogue/new', handle, (c) => showEditor(c, null, emptyForm(), []));
  routes.post('/:agency/catalogue/new', handle, csrf, async (c) => {
    const form = typedForm(await formOf(c));
    const r = await createItem(c.var.deps.db, c.var.agency.id, inputOf(form), await actorOf(c));
    if (!r.ok) return showEditor(c, null, form, [{ field: r.error.field || 'title', message: r.error.message }], statusOfRefusal(r.error.code));
    return c.redirect(`${staffBase(c.var.agency.code)}/catalogue/${r.value.id}`, 303);
  });

  // --- edit a draft
  routes.get('/:agency/catalogue/:id/edit', handle, async (c) => {
    const id = idParam(c.req.param('id'));
    const item = id === null ? undefined : await getItem(c.var.deps.db, c.var.agency.id, id);
    if (item === undefined) return notFound(c);
    if (!EDITABLE_STATES.includes(item.state)) return notDraft(c, item);
    return showEditor(c, item, formOfItem(item, await referenceNumber(c, item.interpretsId), await referenceNumber(c, item.supersededBy)), []);
  });
  routes.post('/:agency/catalogue/:id/edit', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const item = id === null ? undefined : await getItem(c.var.deps.db, c.var.agency.id, id);
    if (item === undefined) return notFound(c);
    const raw = await formOf(c);
    const form = typedForm(raw);
    const version = /^[1-9]\d{0,8}$/.test(raw['version'] ?? '') ? Number(raw['version']) : undefined;
    if (version === undefined) return showEditor(c, item, form, [{ field: 'title', message: '表单缺少版本号，请刷新页面后重新修改。' }], 400);
    const r = await updateItem(c.var.deps.db, c.var.agency.id, item.id, inputOf(form), await actorOf(c), { expectedVersion: version });
    if (!r.ok) {
      if (r.error.code === 'ITEM_NOT_EDITABLE') return notDraft(c, item);
      const current = (await getItem(c.var.deps.db, c.var.agency.id, item.id)) ?? item;
      // on a conflict the page keeps what was typed but carries the stale version: saving again needs a reload
      return showEditor(c, r.error.code === 'VERSION_CONFLICT' ? item : current, form, [{ field: r.error.field || 'title', message: r.error.message }], statusOfRefusal(r.error.code));
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/catalogue/${item.id}`, 303);
  });

  // --- attachments
  routes.post('/:agency/catalogue/:id/attachments', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const item = id === null ? undefined : await getItem(c.var.deps.db, c.var.agency.id, id);
    if (item === undefined) return notFound(c);
    const body = await c.req.parseBody();
    const file = body['file'];
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
    const name = file instanceof File ? file.name : '';
    const r = await attachFile(c.var.deps.db, c.var.agency.id, item.id, { bytes, fileName: name }, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'ITEM_NOT_EDITABLE') return notDraft(c, item);
      return showEditor(c, item, formOfItem(item, await referenceNumber(c, item.interpretsId), await referenceNumber(c, item.supersededBy)), [{ field: 'file', message: r.error.message }], statusOfRefusal(r.error.code));
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/catalogue/${item.id}/edit?done=attached`, 303);
  });
  routes.get('/:agency/catalogue/:id/attachments/:attachmentId', read, async (c) => {
    const id = idParam(c.req.param('id'));
    const attachmentId = idParam(c.req.param('attachmentId'));
    if (id === null || attachmentId === null) return notFound(c);
    // the agency's own item, or a department's item sent up to a stage of this agency's reviewers (domain.md §6.1)
    const seen = await viewableItem(c.var.deps.db, c.var.agency.id, id);
    if (seen === null) return notFound(c);
    const r = await readAttachment(c.var.deps.db, seen.item.agencyId, id, attachmentId);
    if (!r.ok) return notFound(c);
    return c.body(r.value.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': r.value.mediaType,
      'Content-Disposition': contentDisposition(r.value.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  routes.post('/:agency/catalogue/:id/attachments/:attachmentId/delete', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const attachmentId = idParam(c.req.param('attachmentId'));
    const item = id === null ? undefined : await getItem(c.var.deps.db, c.var.agency.id, id);
    if (item === undefined || attachmentId === null) return notFound(c);
    const r = await deleteAttachment(c.var.deps.db, c.var.agency.id, item.id, attachmentId, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'ITEM_NOT_EDITABLE') return notDraft(c, item);
      return notFound(c);
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/catalogue/${item.id}/edit?done=detached`, 303);
  });

  // --- 目录设置
  const showSettings = async (c: C, typed: ReturnType<typeof settingsForm> | null, errors: FieldError[], status: 200 | 400 | 422 = 200): Promise<Response> => {
    const view = await catalogueSettings(c.var.deps.db, c.var.agency.id, Number(today(c).slice(0, 4)));
    if (view === undefined) return notFound(c);
    const done = c.req.method === 'GET' && c.req.query('done') === 'settings' ? DONE['settings'] : undefined;
    return c.html(
      catalogueSettingsPage(frameOf(c, 'catalogue'), { csrf: c.var.csrf, form: typed ?? settingsForm(view), preview: view.preview, defaultTopics: DEFAULT_TOPICS, errors, ...(done ? { done } : {}) }),
      status,
    );
  };
  routes.get('/:agency/catalogue/settings', admin, (c) => showSettings(c, null, []));
  routes.post('/:agency/catalogue/settings', admin, csrf, async (c) => {
    const raw = await formOf(c);
    const form = { creditCode: raw['creditCode'] ?? '', indexFormat: raw['indexFormat'] ?? '', topics: raw['topics'] ?? '', categories: raw['categories'] ?? '' };
    const r = await saveCatalogueSettings(c.var.deps.db, c.var.agency.id, form, await actorOf(c));
    if (!r.ok) return showSettings(c, form, [{ field: r.error.field || 'creditCode', message: r.error.message }], r.error.code === 'INVALID_INPUT' ? 400 : 422);
    return c.redirect(`${staffBase(c.var.agency.code)}/catalogue/settings?done=settings`, 303);
  });

  // --- import and export
  const maxMb = CATALOGUE_IMPORT_WEB_BYTES / 1024 / 1024;
  routes.get('/:agency/catalogue/import', admin, (c) => c.html(catalogueImportPage(frameOf(c, 'catalogue'), { csrf: c.var.csrf, errors: [], maxMb })));
  routes.post('/:agency/catalogue/import', admin, csrf, async (c) => {
    const body = await c.req.parseBody();
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) return c.html(catalogueImportPage(frameOf(c, 'catalogue'), { csrf: c.var.csrf, errors: [], maxMb, fileError: '请选择要导入的目录文件（CSV或XLSX）。' }), 422);
    const r = await importCatalogue(c.var.deps.db, c.var.agency.id, new Uint8Array(await file.arrayBuffer()), file.name, await actorOf(c), undefined, { maxBytes: CATALOGUE_IMPORT_WEB_BYTES, addCategories: body['addCategories'] === '1' });
    if (!r.ok) return c.html(catalogueImportPage(frameOf(c, 'catalogue'), { csrf: c.var.csrf, errors: r.errors, maxMb }), 422);
    return c.redirect(`${staffBase(c.var.agency.code)}/catalogue?done=imported&n=${r.value.imported}`, 303);
  });
  routes.get('/:agency/catalogue/export', read, async (c) => {
    const format = c.req.query('format') === 'xlsx' ? 'xlsx' : 'csv';
    const r = await exportCatalogue(c.var.deps.db, c.var.agency.id, format);
    return c.body(r.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(`${c.var.agency.name}政府信息目录.${format}`),
      'Cache-Control': 'no-store',
    });
  });

  return routes;
}
