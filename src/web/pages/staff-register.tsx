// 规范性文件登记 in the staff workspace, under /staff/:agency/register: the register as of a date with
// its filters, table 二 第二十条第（一）项 for a year with its drill-down, and the 清理 rounds (list, open
// one, a round's conclusion per document, conclude). Every member reads; opening a round and recording
// conclusions is 'handle'; concluding — which ends documents — is a sign-off, 'approve'. Thin routes:
// parse (zod), call one service, present; forms post-redirect-get; refusals re-render with the
// service's Chinese message.

import { Hono } from 'hono';
import { z } from 'zod';
import { REGISTER_ROWS, REGISTER_STATUSES, TABLE_TWO_COLUMNS } from '../../domain/catalogue/register.ts';
import type { RegisterStatus, TableTwoColumn } from '../../domain/catalogue/register.ts';
import type { DocType } from '../../domain/catalogue/vocab.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { concludeRound, createRound, getRound, listRounds, recordConclusion, roundEntries } from '../../services/catalogue/cleanup.ts';
import type { CatalogueActor } from '../../services/catalogue/items.ts';
import { cellFilter, registerCounts, registerList, tableTwo } from '../../services/catalogue/register.ts';
import type { RegisterFilter } from '../../services/catalogue/register.ts';
import { decodeCursor, pageSize } from '../../services/keyset.ts';
import type { PageRequest } from '../../services/keyset.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { registerPage, tableTwoCellPage, tableTwoPage, registerBase } from '../views/staff/catalogue-register.tsx';
import { cleanupBase, roundPage, roundsPage } from '../views/staff/cleanup.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { badQuery, formOf, frameOf, idParam, isDate, notFound, reportYearOf, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const PAGE = 20;

const registerQuery = z.object({
  asOf: z.string().max(20).default(''),
  type: z.string().max(20).default(''),
  status: z.string().max(20).default(''),
  year: z.string().max(10).default(''),
  after: z.string().max(400).optional(),
  before: z.string().max(400).optional(),
});

/** The page a list query asks for (keyset cursors; a cursor that does not decode is the first page). */
export function pageRequest(query: { after?: string | undefined; before?: string | undefined; limit?: string | undefined }, fallback = PAGE): PageRequest {
  return { limit: pageSize(query.limit, fallback), after: decodeCursor(query.after), before: decodeCursor(query.before) };
}

export async function catalogueActor(c: C): Promise<CatalogueActor> {
  const user = c.var.user as SessionUser;
  const now = c.var.deps.now();
  return { userId: user.id, name: user.displayName, now, today: now.slice(0, 10), ip: await clientIp(c) };
}

const yearOf = (text: string): number | null => (/^[0-9]{4}$/.test(text) ? Number(text) : null);

export function registerRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const approve = requireAgency('approve');
  const csrf = verifyCsrf();

  // --- the register as of a date
  routes.get('/:agency/register', read, async (c) => {
    const q = registerQuery.safeParse(c.req.query());
    if (!q.success) return badQuery(c, '筛选条件过长');
    const v = q.data;
    const day = today(c);
    const errors: FieldError[] = [];
    if (v.asOf !== '' && !isDate(v.asOf)) errors.push({ field: 'asOf', message: '登记日期不是有效日期，请写成 YYYY-MM-DD。' });
    if (v.type !== '' && !REGISTER_ROWS.some((r) => r.docType === v.type)) errors.push({ field: 'type', message: '文件类型应为规章或行政规范性文件。' });
    if (v.status !== '' && !(REGISTER_STATUSES as readonly string[]).includes(v.status)) errors.push({ field: 'status', message: '状态无效，请从列表中选择。' });
    if (v.year !== '' && yearOf(v.year) === null) errors.push({ field: 'year', message: '成文年度应为四位数年份，例如 2024。' });
    const asOf = v.asOf !== '' && isDate(v.asOf) ? v.asOf : day;
    const filter: RegisterFilter = { asOf };
    if (errors.length === 0) {
      if (v.type !== '') filter.docType = v.type as DocType;
      if (v.status !== '') filter.status = v.status as RegisterStatus;
      if (v.year !== '') filter.writtenYear = Number(v.year);
    }
    const { db } = c.var.deps;
    const agencyId = c.var.agency.id;
    const [counts, page] = await Promise.all([registerCounts(db, agencyId, asOf), registerList(db, agencyId, filter, pageRequest(v))]);
    return c.html(
      registerPage(frameOf(c, 'register'), { asOf, values: { asOf: v.asOf, type: v.type, status: v.status, year: v.year }, errors, counts, page, reportYear: reportYearOf(day) }),
      errors.length > 0 ? 400 : 200,
    );
  });

  // --- table 二 第二十条第（一）项 and its drill-down
  routes.get('/:agency/register/table', read, (c) => {
    const y = c.req.query('year') ?? '';
    if (y !== '' && yearOf(y) === null) return badQuery(c, '年度应为四位数年份，例如 2024');
    return c.redirect(`${registerBase(c.var.agency.code)}/table/${y === '' ? reportYearOf(today(c)) : y}`, 303);
  });

  const tableYear = (c: C): number | null => {
    const year = yearOf(c.req.param('year') ?? '');
    return year === null || year < 2008 || year > Number(today(c).slice(0, 4)) ? null : year;
  };

  routes.get('/:agency/register/table/:year', read, async (c) => {
    const year = tableYear(c);
    if (year === null) return notFound(c);
    const two = await tableTwo(c.var.deps.db, c.var.agency.id, year);
    return c.html(tableTwoPage(frameOf(c, 'register'), { year, maxYear: Number(today(c).slice(0, 4)), two }));
  });

  routes.get('/:agency/register/table/:year/cell', read, async (c) => {
    const year = tableYear(c);
    const rowKey = c.req.query('row') ?? '';
    const column = (c.req.query('column') ?? '') as TableTwoColumn;
    const row = REGISTER_ROWS.find((r) => r.key === rowKey);
    if (year === null || !row || !TABLE_TWO_COLUMNS.includes(column)) return notFound(c);
    const { db } = c.var.deps;
    const [two, page] = await Promise.all([tableTwo(db, c.var.agency.id, year), registerList(db, c.var.agency.id, cellFilter(year, row.docType, column), pageRequest({ after: c.req.query('after'), before: c.req.query('before') }))]);
    return c.html(tableTwoCellPage(frameOf(c, 'register'), { year, docType: row.docType, row: row.key, column, count: two[row.key][column], page }));
  });

  // --- 清理 rounds
  const showRounds = async (c: C, values: { title: string; asOf: string }, errors: FieldError[], status = 200) => {
    const page = await listRounds(c.var.deps.db, c.var.agency.id, pageRequest({ after: c.req.query('after'), before: c.req.query('before') }));
    const mayHandle = can(c.var.user as SessionUser, c.var.agency.id, 'handle');
    return c.html(roundsPage(frameOf(c, 'register'), { csrf: c.var.csrf, page, mayHandle, values, errors }), status as 200);
  };

  routes.get('/:agency/register/cleanup', read, (c) => showRounds(c, { title: '', asOf: today(c) }, []));

  routes.post('/:agency/register/cleanup', handle, csrf, async (c) => {
    const form = await formOf(c);
    const values = { title: (form['title'] ?? '').slice(0, 400), asOf: (form['asOf'] ?? '').slice(0, 40) };
    const r = await createRound(c.var.deps.db, c.var.agency.id, values, await catalogueActor(c));
    if (!r.ok) return showRounds(c, values, [{ field: r.error.field ?? 'title', message: r.error.message }], statusOf(r.error));
    return c.redirect(`${cleanupBase(c.var.agency.code)}/${r.value.id}`, 303);
  });

  const DONE: Record<string, string> = { saved: '已保存清理结论。', concluded: '清理已结束：结论为废止、宣布失效的文件已相应登记。', created: '已开始清理。' };

  const showRound = async (c: C, errors: FieldError[], status = 200, extra: { failed?: { itemId: number; conclusion: string; note: string }; summary?: string; after?: string } = {}) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const { db } = c.var.deps;
    const round = await getRound(db, c.var.agency.id, id);
    if (round === undefined) return notFound(c);
    const after = extra.after ?? c.req.query('after') ?? '';
    const entries = await roundEntries(db, round.id, pageRequest({ after, before: c.req.query('before') }));
    const user = c.var.user as SessionUser;
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    return c.html(
      roundPage(frameOf(c, 'register'), {
        csrf: c.var.csrf,
        round,
        entries,
        after,
        mayHandle: can(user, c.var.agency.id, 'handle'),
        mayApprove: can(user, c.var.agency.id, 'approve'),
        errors,
        summary: extra.summary ?? '',
        ...(done ? { done } : {}),
        ...(extra.failed ? { failed: extra.failed } : {}),
      }),
      status as 200,
    );
  };

  routes.get('/:agency/register/cleanup/:id', read, (c) => showRound(c, []));

  routes.post('/:agency/register/cleanup/:id/entries/:item', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const item = idParam(c.req.param('item'));
    if (id === null || item === null) return notFound(c);
    const form = await formOf(c);
    const after = (form['after'] ?? '').slice(0, 400);
    const input = { conclusion: (form['conclusion'] ?? '').slice(0, 40), note: (form['note'] ?? '').slice(0, 2000) };
    const r = await recordConclusion(c.var.deps.db, c.var.agency.id, id, item, input, await catalogueActor(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND' || r.error.code === 'ENTRY_NOT_FOUND') return notFound(c);
      return showRound(c, [{ field: `entry-${item}`, message: r.error.message }], statusOf(r.error), { failed: { itemId: item, ...input }, after });
    }
    const cursor = decodeCursor(after) ? `&after=${encodeURIComponent(after)}` : '';
    return c.redirect(`${cleanupBase(c.var.agency.code)}/${id}?done=saved${cursor}#entry-${item}`, 303);
  });

  routes.post('/:agency/register/cleanup/:id/conclude', approve, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const summary = (form['summary'] ?? '').slice(0, 10_000);
    const r = await concludeRound(c.var.deps.db, c.var.agency.id, id, { summary }, await catalogueActor(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND') return notFound(c);
      return showRound(c, [{ field: r.error.field ?? 'summary', message: r.error.message }], statusOf(r.error), { summary });
    }
    return c.redirect(`${cleanupBase(c.var.agency.code)}/${id}?done=concluded`, 303);
  });

  return routes;
}
