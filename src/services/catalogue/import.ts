// `gongkai catalogue import` and the staff import page: an old site's catalogue (CSV or XLSX, Chinese
// headers, domain/catalogue/import-file.ts) into an agency as published items (origin 'imported',
// 公开属性 主动公开). All or nothing: every row is checked first with the agency's vocabulary and every
// problem is reported by row and column; only a file without any error is written, in one transaction
// (insertItem per row, one audit entry). An old site's HTML 正文 is
// sanitised to a safe subset (sanitize-html) into body_html. Export writes the same columns.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { CATALOGUE_COLUMNS, type CatalogueColumn, type CatalogueFileRow, type ImportError, writeCatalogueFile } from '../../domain/catalogue/import-file.ts';
import { checkItemFields, itemInput, resolveCategory, type ItemInput } from '../../domain/catalogue/item-input.ts';
import { ARTICLE_20_ITEMS, OWN_CATEGORY_PREFIX } from '../../domain/catalogue/vocab.ts';
import { hasControlCharacters, inputRefusal } from '../../domain/text-rules.ts';
import { record } from '../audit.ts';
import { bumpAgencyColumns, touchColumn } from '../column-version.ts';
import { parsePool } from '../parse-pool/index.ts';
import { insertItemsBulk } from './bulk-insert.ts';
import { catalogueVocab, inTransaction, type CatalogueActor, type ParsedItem } from './items.ts';
import { sanitizeHtml, type SanitizeOptions } from './sanitize.ts';

const FIELD_COLUMN: Record<string, CatalogueColumn> = {
  title: '标题',
  summary: '内容概述',
  docNumber: '文号',
  publisher: '发布机构',
  writtenOn: '成文日期',
  formedOn: '成文日期',
  publishedOn: '发布日期',
  topic: '主题分类',
  category: '信息类别',
  docType: '文件类型',
  validity: '有效性',
  validityOn: '废止日期',
  supersededBy: '替代文件索引号',
  interprets: '所解读文件索引号',
  body: '正文',
  indexNumber: '索引号',
};

/** The tags and attributes an imported body keeps: text structure, tables, links (http/https/mailto only). */
const SANITIZE: SanitizeOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'sub', 'sup', 'blockquote', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a', 'span', 'div'],
  allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
};

/** Whether a 正文 is HTML (an old site's page body) rather than plain text or the guide's markup. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:p|div|br|span|table|h[1-6]|ul|ol|li|strong|b|em|font|a|img|td|tr)\b[^>]*>/i.test(text);
}

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim();
}

interface CheckedRow {
  line: number;
  parsed: ParsedItem;
  indexNumber: string | null;
  bodyHtml: string;
}

export interface ImportSummary {
  imported: number;
  /** the old site's categories added as the agency's own */
  addedCategories: { code: string; name: string }[];
}

export type ImportResult = { ok: true; value: ImportSummary } | { ok: false; errors: ImportError[] };

interface AgencyRow {
  id: number;
  code: string;
  name: string;
  creditCode: string | null;
  indexFormat: string | null;
}

/** Checks every row with the agency's vocabulary (no writes); the rows ready for insertItem, or every error. */
/**
 * The old site's categories (工作动态, 通知公告 …) a file names that are neither 第二十条's items nor the
 * agency's own: with `addCategories` they become the agency's own categories (codes imp1, imp2 …).
 */
function newCategories(rows: readonly CatalogueFileRow[], own: readonly { code: string; name: string }[]): { code: string; name: string }[] {
  const added: { code: string; name: string }[] = [];
  let n = 0;
  for (const row of rows) {
    const name = row.cells['信息类别'].trim();
    if (name === '' || name.length > 50 || hasControlCharacters(name) || resolveCategory(name, [...own, ...added]) !== null) continue;
    if (/^(第二十条|第?[（(][一二三四五六七八九十]+[）)]|a20-|own:)/.test(name)) continue;
    n += 1;
    while (own.some((c) => c.code === `imp${n}`)) n += 1;
    added.push({ code: `imp${n}`, name });
  }
  return added;
}

export async function checkRows(
  db: Kysely<DB>,
  agency: AgencyRow,
  rows: readonly CatalogueFileRow[],
  today: string,
  added: readonly { code: string; name: string }[] = [],
): Promise<{ ok: true; rows: CheckedRow[] } | { ok: false; errors: ImportError[] }> {
  const vocab = await catalogueVocab(db, agency.id);
  const own = [...vocab.own, ...added];
  const ctx = { today, own, ownCategories: own.map((c) => c.code), topics: vocab.topics, defaultPublisher: agency.name };
  const errors: ImportError[] = [];
  const checked: CheckedRow[] = [];
  const given = new Map<string, number>();
  for (const row of rows) {
    const n = row.cells['索引号'];
    if (n === '') continue;
    const first = given.get(n);
    if (first !== undefined) errors.push({ line: row.line, column: '索引号', message: `索引号“${n}”与第${first}行重复；索引号在本机关内不能重复。` });
    else given.set(n, row.line);
  }
  // 索引号 already in the agency's catalogue, read in batches
  const numbers = [...given.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const found = await db.selectFrom('catalogueItems').select('indexNumber').where('agencyId', '=', agency.id).where('indexNumber', 'in', numbers.slice(i, i + 1000)).execute();
    for (const f of found) existing.add(f.indexNumber);
  }
  const referenced = new Set<string>();
  for (const row of rows) for (const c of ['所解读文件索引号', '替代文件索引号'] as const) if (row.cells[c] !== '') referenced.add(row.cells[c]);
  const refs = [...referenced].filter((r) => !given.has(r));
  const inDatabase = new Set<string>();
  for (let i = 0; i < refs.length; i += 1000) {
    const found = await db.selectFrom('catalogueItems').select('indexNumber').where('agencyId', '=', agency.id).where('indexNumber', 'in', refs.slice(i, i + 1000)).execute();
    for (const f of found) inDatabase.add(f.indexNumber);
  }

  for (const row of rows) {
    const c = row.cells;
    const before = errors.length;
    const fail = (column: string, message: string) => errors.push({ line: row.line, column, message });
    const indexNumber = c['索引号'] === '' ? null : c['索引号'];
    if (indexNumber !== null) {
      if (indexNumber.length > 100 || hasControlCharacters(indexNumber)) fail('索引号', '索引号过长（最长100个字符）或含有控制字符。');
      else if (existing.has(indexNumber)) fail('索引号', `索引号“${indexNumber}”已被本机关目录中的另一条信息使用；索引号不能重复。`);
    }
    if (c['发布日期'] === '') fail('发布日期', '发布日期未填写：导入的信息都是已发布的，请按YYYY-MM-DD的格式填写发布日期。');
    for (const column of ['所解读文件索引号', '替代文件索引号'] as const) {
      const ref = c[column];
      if (ref === '') continue;
      const at = given.get(ref);
      if (at === undefined && !inDatabase.has(ref)) fail(column, `${column}“${ref}”在本机关目录和本文件中都不存在，请核对。`);
      else if (at !== undefined && at >= row.line) fail(column, `${column}“${ref}”所指的信息在本文件第${at}行，应排在引用它的这一行之前。`);
    }
    const raw = c['正文'];
    const html = looksLikeHtml(raw);
    const input: ItemInput = {
      title: c['标题'],
      summary: c['内容概述'],
      docNumber: c['文号'],
      publisher: c['发布机构'],
      writtenOn: c['成文日期'],
      formedOn: c['成文日期'] || c['发布日期'],
      publishedOn: c['发布日期'],
      topic: c['主题分类'],
      category: c['信息类别'],
      docType: c['文件类型'],
      validity: c['有效性'],
      validityOn: c['废止日期'],
      supersededBy: c['替代文件索引号'],
      interprets: c['所解读文件索引号'],
      body: html ? '' : raw,
    };
    const parsed = itemInput.safeParse(input);
    if (!parsed.success) {
      const r = inputRefusal(parsed.error);
      fail(FIELD_COLUMN[r.field] ?? '', r.message);
    } else {
      const fields = checkItemFields(parsed.data, ctx);
      if (!fields.ok) {
        const column = FIELD_COLUMN[fields.error.field ?? ''] ?? '';
        const hint = fields.error.code === 'UNKNOWN_CATEGORY' ? '（旧网站的栏目如“工作动态”，请先在“目录设置”中添加为本机关自定类别，或导入时选择把未定义的类别添加为本机关自定类别）' : '';
        fail(column, fields.error.message + hint);
      } else if (errors.length === before) {
        checked.push({ line: row.line, parsed: { fields: fields.value, agency }, indexNumber, bodyHtml: html ? sanitizeBody(raw) : '' });
      }
    }
  }
  if (errors.length > 0) {
    const order = (e: ImportError) => (CATALOGUE_COLUMNS as readonly string[]).indexOf(e.column);
    errors.sort((x, y) => x.line - y.line || order(x) - order(y));
    return { ok: false, errors };
  }
  return { ok: true, rows: checked };
}

/** Imports a file's rows into the agency; nothing is written unless every row is right. */
export async function importCatalogue(
  db: Kysely<DB>,
  agencyId: number,
  bytes: Uint8Array,
  fileName: string,
  actor: CatalogueActor,
  progress?: (done: number, total: number) => void,
  options: { maxBytes?: number; addCategories?: boolean } = {},
): Promise<ImportResult> {
  const agency = await db.selectFrom('agencies').select(['id', 'code', 'name', 'creditCode', 'indexFormat']).where('id', '=', agencyId).executeTakeFirst();
  if (agency === undefined) return { ok: false, errors: [{ line: 0, column: '', message: '机关不存在。' }] };
  if (options.maxBytes !== undefined && bytes.byteLength > options.maxBytes) {
    return { ok: false, errors: [{ line: 0, column: '', message: `文件超过${Math.round(options.maxBytes / 1024 / 1024)}MB的上限；请分成几个文件分别导入。` }] };
  }
  const read = await parsePool().readCatalogueFile(bytes, fileName);
  if (!read.ok) return { ok: false, errors: [{ line: 0, column: '', message: read.error.message }] };
  if (!read.value.ok) return read.value;
  const added = options.addCategories === true ? newCategories(read.value.rows, (await catalogueVocab(db, agency.id)).own) : [];
  const checked = await checkRows(db, agency, read.value.rows, actor.today, added);
  if (!checked.ok) return checked;
  const rows = checked.rows;
  progress?.(0, rows.length);
  const done = await inTransaction(db, async (trx) => {
    if (added.length > 0) {
      const last = await trx.selectFrom('catalogueVocab').select((eb) => eb.fn.max('position').as('p')).where('agencyId', '=', agencyId).where('kind', '=', 'category').executeTakeFirst();
      const start = Number(last?.p ?? 0);
      await trx
        .insertInto('catalogueVocab')
        .values(added.map((c, i) => ({ agencyId, kind: 'category', code: c.code, name: c.name, position: start + i + 1 })))
        .execute();
    }
    // every row checked above: written in bulk (services/catalogue/bulk-insert.ts), the same rows insertItem writes
    await insertItemsBulk(
      trx,
      rows.map((r) => ({
        parsed: r.parsed,
        options: {
          indexNumber: r.indexNumber,
          state: 'published' as const,
          origin: 'imported' as const,
          disclosure: '主动公开' as const,
          publishedAt: new Date(`${r.parsed.fields.publishedOn ?? actor.today}T00:00:00+08:00`).toISOString(),
          bodyHtml: r.bodyHtml,
        },
      })),
      actor,
      '导入',
    );
    await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.import', target: `agency:${agency.code}`, detail: { file: fileName, imported: rows.length, addedCategories: added }, ip: actor.ip ?? null, at: actor.now });
    await bumpAgencyColumns(trx, [agencyId]);
    return rows.length;
  });
  progress?.(rows.length, rows.length);
  if (!done.ok) return { ok: false, errors: [{ line: 0, column: FIELD_COLUMN[done.error.field ?? ''] ?? '', message: done.error.message }] };
  touchColumn(agency.code);
  return { ok: true, value: { imported: done.value, addedCategories: added } };
}

/** The category as a person reads it in the file: 第二十条第（N）项 or the agency's own category name. */
function categoryText(code: string, own: readonly { code: string; name: string }[]): string {
  const a20 = ARTICLE_20_ITEMS.find((c) => c.code === code);
  if (a20) return `第二十条第（${a20.numeral}）项`;
  const o = own.find((c) => `${OWN_CATEGORY_PREFIX}${c.code}` === code);
  return o?.name ?? code;
}

/** The agency's published items in the import format, oldest first (what import reads back). */
export async function exportCatalogue(db: Kysely<DB>, agencyId: number, format: 'csv' | 'xlsx'): Promise<{ bytes: Uint8Array; rows: number }> {
  const vocab = await catalogueVocab(db, agencyId);
  const items = await db
    .selectFrom('catalogueItems as i')
    .leftJoin('catalogueItems as s', 's.id', 'i.supersededBy')
    .leftJoin('catalogueItems as p', 'p.id', 'i.interpretsId')
    .select([
      'i.title',
      'i.indexNumber',
      'i.docNumber',
      'i.publisher',
      'i.writtenOn',
      'i.publishedOn',
      'i.topic',
      'i.category',
      'i.docType',
      'i.validity',
      'i.repealedOn',
      'i.lapsedOn',
      'i.revisedOn',
      'i.summary',
      'i.body',
      'i.bodyHtml',
      's.indexNumber as superseding',
      'p.indexNumber as interpreted',
    ])
    .where('i.agencyId', '=', agencyId)
    .where('i.state', '=', 'published')
    .orderBy('i.id')
    .execute();
  const records = items.map((r) => [
    r.title,
    r.indexNumber,
    r.docNumber,
    r.publisher,
    r.writtenOn ?? '',
    r.publishedOn ?? '',
    r.topic,
    categoryText(r.category, vocab.own),
    r.docType,
    r.validity,
    r.repealedOn ?? r.lapsedOn ?? r.revisedOn ?? '',
    r.summary,
    r.interpreted ?? '',
    r.superseding ?? '',
    r.bodyHtml !== '' ? r.bodyHtml : r.body,
  ]);
  return { bytes: await writeCatalogueFile(records, format), rows: records.length };
}
