// The records behind table 二 and table 四 under /api/v1/records (token-authenticated by apiRoutes), for
// the agency's licensing, enforcement and finance systems and for its case register: push the counts of
// a year (one or many; a figure equal to the one in force writes nothing), read them with their history
// (as of a date); create or update a 行政复议/行政诉讼 case by its 案号 (a push equal to the record writes
// nothing), change or remove one by id, list them (keyset pages); a case's documents (records-documents.ts).
// Reading is 'read'; writing is 'handle'.

import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import { caseInput, countInput } from '../../domain/records/inputs.ts';
import { CASE_TYPES } from '../../domain/records/vocab.ts';
import type { CaseType } from '../../domain/records/vocab.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import { listCaseDocuments } from '../../services/records/case-documents.ts';
import { caseVersions, deleteCase, getCase, listCases, saveCase } from '../../services/records/cases.ts';
import type { CaseFilter } from '../../services/records/cases.ts';
import { countHistory, enterCounts, yearFigures } from '../../services/records/counts.ts';
import type { RecordsActor } from '../../services/records/counts.ts';
import type { AppEnv } from '../context.ts';
import { clientIp } from '../rate-limit.ts';
import { agencyOf, refuse, refuseInput, refuseQuery } from './index.ts';
import { caseDocumentsApi } from './records-documents.ts';

type C = Context<AppEnv>;

const me = (c: C): SessionUser => c.get('user') as SessionUser;
const date = (label: string) => z.string().refine((s) => parseIsoDate(s) !== null, `${label}不是有效日期（YYYY-MM-DD）`);
const year = z.string().regex(/^[0-9]{4}$/, 'year 应为四位数年份，例如 2024');
const countsQuery = z.object({ agency: z.string().optional(), year, asOf: date('asOf').optional() });
const casesQuery = z.object({
  agency: z.string().optional(),
  year: year.optional(),
  type: z.enum(CASE_TYPES, { message: `type 应为：${CASE_TYPES.join('、')}` }).optional(),
  pending: z.enum(['1', '0', 'true', 'false'], { message: 'pending 应为 1 或 0' }).optional(),
  limit: z.string().max(10).optional(),
  after: z.string().max(400).optional(),
  before: z.string().max(400).optional(),
});
const manyCounts = z.object({ counts: z.array(countInput) });
const deleteQuery = z.object({ agency: z.string().optional(), reason: z.string().max(2000, 'reason 最长500个字').optional() });

async function actorOf(c: C): Promise<RecordsActor> {
  const now = c.get('deps').now();
  return { userId: me(c).id, name: me(c).displayName, now, today: now.slice(0, 10), ip: await clientIp(c), source: 'api' };
}

async function jsonBody(c: C): Promise<Record<string, unknown> | null> {
  const body: unknown = await c.req.json().catch(() => null);
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}
const notJson = { code: 'INVALID_JSON', message: '请求体必须是 JSON 对象。' };
const idOf = (c: C): number | null => (/^[1-9][0-9]{0,15}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : null);
const caseNotFound = { code: 'NOT_FOUND', message: '没有找到该案件（可能已被删除，或不属于本机关）。' };

export function recordsApi(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  api.get('/records/counts', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const q = countsQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const db = c.get('deps').db;
    const y = Number(q.data.year);
    const asOf = q.data.asOf;
    const [figures, history] = await Promise.all([yearFigures(db, a.agencyId, y, asOf ? { asOf } : {}), countHistory(db, a.agencyId, y)]);
    return c.json({ year: y, ...(asOf ? { asOf } : {}), figures, history });
  });

  // one count ({ year, kind, value, note }) or many ({ counts: [ … ] }), all or nothing
  api.post('/records/counts', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const body = await jsonBody(c);
    if (body === null) return refuse(c, notJson);
    const inputs = Object.hasOwn(body, 'counts') ? body['counts'] : [body];
    if (!Array.isArray(inputs)) return refuse(c, { code: 'INVALID_INPUT', message: 'counts 应为数组：[{ "year": 2024, "kind": "licensing", "value": 12 }, …]。', field: 'counts' });
    // what no system should send (wrong types, too long, control characters): 400, naming the field
    const shape = Object.hasOwn(body, 'counts') ? manyCounts.safeParse({ counts: inputs.slice(0, 400) }) : countInput.safeParse(body);
    if (!shape.success) return refuseInput(c, shape.error);
    const r = await enterCounts(c.get('deps').db, a.agencyId, inputs, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json({ entries: r.value }, r.value.some((e) => e.status === 'created') ? 201 : 200);
  });

  api.get('/records/cases', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const q = casesQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const filter: CaseFilter = {};
    if (q.data.year) filter.year = Number(q.data.year);
    if (q.data.type) filter.type = q.data.type as CaseType;
    if (q.data.pending === '1' || q.data.pending === 'true') filter.pending = true;
    const page = await listCases(c.get('deps').db, a.agencyId, filter, { limit: pageSize(q.data.limit, 20), after: decodeCursor(q.data.after), before: decodeCursor(q.data.before) });
    return c.json({ cases: page.rows, next: page.next, prev: page.prev });
  });

  // create or update by 案号: systems push their cases repeatedly; an unchanged push writes nothing
  api.post('/records/cases', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const body = await jsonBody(c);
    if (body === null) return refuse(c, notJson);
    const shape = caseInput.safeParse(body);
    if (!shape.success) return refuseInput(c, shape.error);
    const r = await saveCase(c.get('deps').db, a.agencyId, body, { mode: 'upsert' }, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json(r.value, r.value.status === 'created' ? 201 : 200);
  });

  api.get('/records/cases/:id', async (c) => {
    const a = agencyOf(c, me(c), 'read');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c);
    const db = c.get('deps').db;
    const found = id === null ? undefined : await getCase(db, a.agencyId, id);
    if (found === undefined) return refuse(c, caseNotFound);
    const [versions, documents] = await Promise.all([caseVersions(db, a.agencyId, found.id), listCaseDocuments(db, a.agencyId, found.id)]);
    return c.json({ case: found, versions, documents });
  });

  // a known case changed, its 案号 included (the whole case is sent)
  api.put('/records/cases/:id', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c);
    if (id === null) return refuse(c, caseNotFound);
    const body = await jsonBody(c);
    if (body === null) return refuse(c, notJson);
    const shape = caseInput.safeParse(body);
    if (!shape.success) return refuseInput(c, shape.error);
    const r = await saveCase(c.get('deps').db, a.agencyId, body, { mode: 'update', id }, await actorOf(c));
    if (!r.ok) return refuse(c, r.error);
    return c.json(r.value);
  });

  api.delete('/records/cases/:id', async (c) => {
    const a = agencyOf(c, me(c), 'handle');
    if ('message' in a) return refuse(c, a);
    const id = idOf(c);
    if (id === null) return refuse(c, caseNotFound);
    const q = deleteQuery.safeParse(c.req.query());
    if (!q.success) return refuseQuery(c, q.error);
    const r = await deleteCase(c.get('deps').db, a.agencyId, id, q.data.reason ?? '', await actorOf(c));
    if (!r.ok) return refuse(c, r.error.code === 'REASON_REQUIRED' ? { ...r.error, message: `${r.error.message}（查询参数 reason）` } : r.error);
    return c.json({ deleted: { id, caseNumber: r.value.caseNumber } });
  });

  api.route('/', caseDocumentsApi());

  return api;
}
