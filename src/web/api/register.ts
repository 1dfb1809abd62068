// The register's API under /api/v1/register (token-authenticated by apiRoutes): the register as of a
// date, table 二 第二十条第（一）项 for a year with each cell's documents, and the 清理 rounds. Lists are
// keyset-paginated: `limit`, and `after`/`before` cursors from the previous answer's `next`/`prev`.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { REGISTER_ROWS, REGISTER_STATUSES, TABLE_TWO_COLUMNS } from '../../domain/catalogue/register.ts';
import type { RegisterStatus, TableTwoColumn } from '../../domain/catalogue/register.ts';
import type { DocType } from '../../domain/catalogue/vocab.ts';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { concludeInput, conclusionInput, concludeRound, createRound, roundInput, getRound, listRounds, recordConclusion, roundEntries } from '../../services/catalogue/cleanup.ts';
import type { CatalogueActor } from '../../services/catalogue/items.ts';
import { cellFilter, registerCounts, registerList, tableTwo } from '../../services/catalogue/register.ts';
import type { RegisterFilter } from '../../services/catalogue/register.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import type { PageRequest } from '../../services/keyset.ts';
import type { AppEnv } from '../context.ts';
import { clientIp } from '../rate-limit.ts';
import { agencyOf, refuse, refuseInput, refuseQuery } from './index.ts';

type C = Context<AppEnv>;

const date = (label: string) => z.string().refine((s) => parseIsoDate(s) !== null, `${label}不是有效日期（YYYY-MM-DD）`);
const paging = { agency: z.string().optional(), limit: z.string().max(10).optional(), after: z.string().max(400).optional(), before: z.string().max(400).optional() };
const registerQuery = z.object({
  ...paging,
  asOf: date('asOf').optional(),
  type: z.enum(REGISTER_ROWS.map((r) => r.docType) as [DocType, ...DocType[]], { message: 'type 应为 规章 或 行政规范性文件' }).optional(),
  status: z.enum(REGISTER_STATUSES as unknown as [RegisterStatus, ...RegisterStatus[]], { message: `status 应为：${REGISTER_STATUSES.join('、')}` }).optional(),
  year: z.string().regex(/^[0-9]{4}$/, 'year 应为四位数年份').optional(),
});
const pagingQuery = z.object(paging);

const pageOf = (q: { limit?: string | undefined; after?: string | undefined; before?: string | undefined }): PageRequest => ({ limit: pageSize(q.limit, 20), after: decodeCursor(q.after), before: decodeCursor(q.before) });
const yearParam = (text: string): number | null => (/^[0-9]{4}$/.test(text) && Number(text) >= 2008 ? Number(text) : null);
const me = (c: C): SessionUser => c.get('user') as SessionUser;

async function actorOf(c: C): Promise<CatalogueActor> {
  const now = c.get('deps').now();
  return { userId: me(c).id, name: me(c).displayName, now, today: now.slice(0, 10), ip: await clientIp(c) };
}

async function jsonObject(c: C): Promise<Record<string, unknown> | null> {
  const body: unknown = await c.req.json().catch(() => null);
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}
const notJson = { code: 'INVALID_JSON', message: '请求体必须是 JSON 对象。' };

export function registerApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get('/register', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const q = registerQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const asOf = q.data.asOf ?? c.get('deps').now().slice(0, 10);
    const filter: RegisterFilter = { asOf };
    if (q.data.type) filter.docType = q.data.type;
    if (q.data.status) filter.status = q.data.status;
    if (q.data.year) filter.writtenYear = Number(q.data.year);
    const db = c.get('deps').db;
    const [counts, page] = await Promise.all([registerCounts(db, a.agencyId, asOf), registerList(db, a.agencyId, filter, pageOf(q.data))]);
    return c.json({ asOf, counts, items: page.rows, next: page.next, prev: page.prev });
  });

  api.get('/register/table-two/:year', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const year = yearParam(c.req.param('year'));
    if (year === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到该年度（年度应为四位数年份，例如 2024）。' });
    return c.json(await tableTwo(c.get('deps').db, a.agencyId, year));
  });

  api.get('/register/table-two/:year/cells/:row/:column', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const year = yearParam(c.req.param('year'));
    const row = REGISTER_ROWS.find((r) => r.key === c.req.param('row'));
    const column = c.req.param('column') as TableTwoColumn;
    if (year === null || !row || !TABLE_TWO_COLUMNS.includes(column)) return refuse(c, { code: 'NOT_FOUND', message: '没有这个单元格（row: regulations 或 normativeDocuments；column: issued、repealed 或 inForce）。' });
    const q = pagingQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const db = c.get('deps').db;
    const [two, page] = await Promise.all([tableTwo(db, a.agencyId, year), registerList(db, a.agencyId, cellFilter(year, row.docType, column), pageOf(q.data))]);
    return c.json({ count: two[row.key][column], items: page.rows, next: page.next, prev: page.prev });
  });

  api.get('/register/cleanup', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const q = pagingQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const page = await listRounds(c.get('deps').db, a.agencyId, pageOf(q.data));
    return c.json({ rounds: page.rows, next: page.next, prev: page.prev });
  });

  api.post('/register/cleanup', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const body = await jsonObject(c);
    if (body === null) return refuse(c, notJson);
    const input = roundInput.safeParse(body);
    if (!input.success) return refuseInput(c, input.error);
    const r = await createRound(c.get('deps').db, a.agencyId, input.data, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ round: r.value }, 201);
  });

  const roundId = (c: C): number | null => (/^[1-9][0-9]{0,15}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : null);

  api.get('/register/cleanup/:id', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const q = pagingQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const id = roundId(c);
    const round = id === null ? undefined : await getRound(c.get('deps').db, a.agencyId, id);
    if (round === undefined) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这次清理。' });
    const page = await roundEntries(c.get('deps').db, round.id, pageOf(q.data));
    return c.json({ round, entries: page.rows, next: page.next, prev: page.prev });
  });

  api.put('/register/cleanup/:id/entries/:item', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = roundId(c);
    const item = /^[1-9][0-9]{0,15}$/.test(c.req.param('item')) ? Number(c.req.param('item')) : null;
    if (id === null || item === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这次清理或这份文件。' });
    const body = await jsonObject(c);
    if (body === null) return refuse(c, notJson);
    const input = conclusionInput.safeParse(body);
    if (!input.success) return refuseInput(c, input.error);
    const r = await recordConclusion(c.get('deps').db, a.agencyId, id, item, input.data, await actorOf(c));
    if (!r.ok) return refuse(c, r.error.code === 'ENTRY_NOT_FOUND' ? { ...r.error, code: 'NOT_FOUND' } : r.error);
    return c.json({ entry: { itemId: item, ...r.value } });
  });

  api.post('/register/cleanup/:id/conclude', async (c) => {
    const a = agencyOf(c, me(c), 'approve');
    if ('message' in a) return refuse(c, a);
    const id = roundId(c);
    if (id === null) return refuse(c, { code: 'NOT_FOUND', message: '没有找到这次清理。' });
    const body = await jsonObject(c);
    if (body === null) return refuse(c, notJson);
    const input = concludeInput.safeParse(body);
    if (!input.success) return refuseInput(c, input.error);
    const r = await concludeRound(c.get('deps').db, a.agencyId, id, input.data, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json(r.value);
  });

  return api;
}
