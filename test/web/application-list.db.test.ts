// The staff application list (services/application-list.ts, application-sequences.ts, application-export.ts):
// every sort in both directions read page by page — forward by 下一页, back by 上一页, and by page number —
// gives exactly the order computed here independently, ties broken by id; the total counted exactly
// while small and estimated beyond; the page's sortable headers and pager; and the export of the
// filtered list read back with exceljs, the 证件号码 masked or whole by role, audited — on one engine (support/db.ts webEngines).

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { STATE_LABELS } from '../../src/domain/applications/types.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { LIST_COLUMNS, displayWidth } from '../../src/domain/applications/list-xlsx.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import type { RegisterInput } from '../../src/services/applications.ts';
import { dueOf, listApplications, SORT_KEYS } from '../../src/services/application-list.ts';
import type { ApplicationList, Direction, SortKey } from '../../src/services/application-list.ts';
import { countOrEstimate } from '../../src/services/application-sequences.ts';
import { clockSummaries } from '../../src/services/dashboard.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, TODAY, who, world } from './staff-support.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const opts = { calendar, today: TODAY };
const ID = '11010519491231002X';

async function register(db: Kysely<DB>, agencyId: number, input: Partial<RegisterInput> & { receivedOn: string }): Promise<number> {
  const r = await registerApplication(db, agencyId, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: input.receivedOn, request: '某项目的批复文件', ...input }, who);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

async function step(db: Kysely<DB>, agencyId: number, id: number, event: Parameters<typeof recordEvent>[3]): Promise<void> {
  const r = await recordEvent(db, agencyId, id, event, who);
  if (!r.ok) throw new Error(r.error.message);
}

/** Nine applications: shared receipt dates, every kind of state, one without a receipt date. */
async function sample(db: Kysely<DB>, agencyId: number): Promise<void> {
  const a = await register(db, agencyId, { receivedOn: '2024-11-04', number: 'T-2024-0005', idKind: 'resident_id', idNumber: ID, applicantName: '甲' });
  await register(db, agencyId, { receivedOn: '2024-11-04', number: 'T-2024-0002', applicantName: '乙' });
  const c = await register(db, agencyId, { receivedOn: '2024-10-08', number: 'T-2024-0009', applicantName: '丙' });
  await step(db, agencyId, c, { type: 'reply', occurredOn: '2024-10-20', outcome: 'OPEN_PROVIDE' });
  const d = await register(db, agencyId, { receivedOn: '2024-09-02', number: 'T-2024-0001', applicantName: '丁' });
  await step(db, agencyId, d, { type: 'start_consultation', occurredOn: '2024-09-05', party: 'third_party' });
  const e = await register(db, agencyId, { receivedOn: '2024-11-12', number: 'T-2024-0007', applicantName: '戊' });
  await step(db, agencyId, e, { type: 'request_correction', occurredOn: '2024-11-13', workingDays: 15 });
  const f = await register(db, agencyId, { receivedOn: '2024-08-01', number: 'T-2024-0003', applicantName: '己' });
  await step(db, agencyId, f, { type: 'reply', occurredOn: '2024-08-10', outcome: 'NOT_HELD' });
  await step(db, agencyId, f, { type: 'archive', occurredOn: '2024-08-20' });
  await register(db, agencyId, { receivedOn: '2024-11-18', number: 'T-2024-0004', applicantName: '庚' });
  const h = await register(db, agencyId, { receivedOn: '2024-10-08', number: 'T-2024-0008', applicantName: '辛' });
  // a ledger's row without a receipt date (written by hand: its stored due dates marked stale, as a write path would)
  await db.updateTable('applications').set({ receivedOn: null, dueCalendarVersion: null }).where('id', '=', h).execute();
  await register(db, agencyId, { receivedOn: '2024-11-18', number: 'T-2024-0006', applicantName: '壬' });
  void a;
}

/** The order of the agency's applications, computed here from the rows and their clocks. */
async function expectedOrder(db: Kysely<DB>, agencyId: number, sort: SortKey, direction: Direction): Promise<number[]> {
  const rows = await db.selectFrom('applications').select(['id', 'number', 'receivedOn', 'state']).where('agencyId', '=', agencyId).execute();
  const sign = direction === 'asc' ? 1 : -1;
  const by = (key: (r: (typeof rows)[number]) => string | number) => [...rows].sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    return sign * (kx < ky ? -1 : kx > ky ? 1 : x.id - y.id);
  });
  const states = Object.keys(STATE_LABELS);
  if (sort === 'received') return by((r) => r.receivedOn ?? '0001-01-01').map((r) => r.id);
  if (sort === 'number') return by((r) => r.number).map((r) => r.id);
  if (sort === 'state') return by((r) => states.indexOf(r.state)).map((r) => r.id);
  const summaries = await clockSummaries(db, agencyId, opts);
  const open = rows.filter((r) => summaries.has(r.id));
  const closed = rows.filter((r) => !summaries.has(r.id)).sort((x, y) => y.id - x.id);
  const due = (id: number) => dueOf(summaries.get(id)?.summary) ?? '9999-12-31';
  open.sort((x, y) => sign * (due(x.id) < due(y.id) ? -1 : due(x.id) > due(y.id) ? 1 : x.id - y.id));
  return [...open, ...closed].map((r) => r.id);
}

const ids = (l: ApplicationList) => l.items.map((i) => i.id);

describe.each(webEngines())('application list on %s', (engine) => {
  const t = useDatabase(engine);

  it('reads every sort in both directions by 下一页, 上一页 and page number in the same order', async () => {
    const w = await world(t.db, 'sorts');
    await sample(t.db, w.a.id);
    // 3 a page: the last page starts in the open part of 到期日; 4 a page: in its closed part
    for (const limit of [3, 4]) {
      for (const sort of SORT_KEYS) {
        for (const direction of ['asc', 'desc'] as const) {
          const label = `${sort} ${direction} by ${limit}`;
          const n = Math.ceil(9 / limit);
          const numbers = Array.from({ length: n }, (_, i) => i + 1);
          const want = await expectedOrder(t.db, w.a.id, sort, direction);
          expect(want, label).toHaveLength(9);
          // forward
          const pages: ApplicationList[] = [await listApplications(t.db, w.a.id, { sort, direction, limit }, opts)];
          for (let last = pages[0]; last?.next; last = pages.at(-1)) pages.push(await listApplications(t.db, w.a.id, { sort, direction, limit, after: last.next }, opts));
          expect(pages.flatMap(ids), label).toEqual(want);
          expect(pages.map((p) => p.page), label).toEqual(numbers);
          expect(pages.map((p) => p.offset), label).toEqual(numbers.map((i) => (i - 1) * limit));
          expect(pages[0]?.prev, label).toBeNull();
          expect(pages.at(-1)?.next, label).toBeNull();
          expect(pages.every((p) => p.total === 9 && p.exact && p.pages === n), label).toBe(true);
          // back from the last page
          const back: ApplicationList[] = [];
          for (let cursor = pages.at(-1)?.prev ?? null; cursor !== null; cursor = back[0]?.prev ?? null) back.unshift(await listApplications(t.db, w.a.id, { sort, direction, limit, before: cursor }, opts));
          expect(back.flatMap(ids), label).toEqual(want.slice(0, (n - 1) * limit));
          expect(back.map((p) => p.page), label).toEqual(numbers.slice(0, -1));
          expect(back[0]?.prev, label).toBeNull();
          // by page number
          for (const page of numbers) expect(ids(await listApplications(t.db, w.a.id, { sort, direction, limit, page }, opts)), `${label} p${page}`).toEqual(want.slice((page - 1) * limit, page * limit));
        }
      }
    }
    // filtered: the same order within the filter
    const open = await listApplications(t.db, w.a.id, { state: 'registered', sort: 'number', direction: 'asc' }, opts);
    expect(open.items.map((i) => i.number)).toEqual(['T-2024-0002', 'T-2024-0004', 'T-2024-0005', 'T-2024-0006', 'T-2024-0008']);
    // a cursor that does not decode reads the first page
    expect(ids(await listApplications(t.db, w.a.id, { limit: 3, after: 'not-a-cursor' }, opts))).toEqual((await expectedOrder(t.db, w.a.id, 'received', 'desc')).slice(0, 3));
  });

  it('counts exactly while small, and estimates beyond', async () => {
    const w = await world(t.db, 'count');
    await sample(t.db, w.a.id);
    const base = t.db.selectFrom('applications').where('agencyId', '=', w.a.id);
    expect(await countOrEstimate(t.db, base, 100)).toEqual({ total: 9, exact: true });
    const estimated = await countOrEstimate(t.db, base, 4);
    expect(estimated.exact).toBe(false);
    expect(estimated.total).toBeGreaterThanOrEqual(5);
  });

  it('the page: sortable headers with aria-sort, the pager with page numbers, the filters folded unless used', async () => {
    const w = await world(t.db, 'page');
    await sample(t.db, w.a.id);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications`;
    const html = await (await get(app, w.handler, base)).text();
    expect(html).toContain('<details id="filters">');
    expect(html).toMatch(/<th scope="col" aria-sort="descending"><a href="[^"]*\/applications\?dir=asc#results">收到日期/);
    expect(html).toContain('共9件，按收到日期降序排列');
    const due = await (await get(app, w.handler, `${base}?sort=due`)).text();
    expect(due).toMatch(/<th scope="col" aria-sort="ascending"><a [^>]*>到期日/);
    expect(due).toContain('按到期日升序排列');
    // the state filter in use: the panel open, the sort kept in the form
    const filtered = await (await get(app, w.handler, `${base}?state=registered&sort=number&dir=asc`)).text();
    expect(filtered).toContain('<details id="filters" open="">');
    expect(filtered).toContain('<input type="hidden" name="sort" value="number"/>');
    expect(filtered).toContain('<input type="hidden" name="dir" value="asc"/>');
    expect(filtered).toContain('href="/staff/' + w.a.code + '/applications.xlsx?state=registered&amp;sort=number&amp;dir=asc"');
    // 60 applications: two pages, numbered, 下一页 by cursor
    for (let i = 0; i < 51; i++) await register(t.db, w.a.id, { receivedOn: '2024-06-03', applicantName: `批量${i}` });
    const first = await (await get(app, w.handler, base)).text();
    expect(first).toContain('共60件，第1–50件（第1页／共2页）');
    expect(first).toContain('<strong aria-current="page" style="margin:0 .3rem">1</strong>');
    expect(first).toMatch(/href="[^"]*\/applications\?page=2#results"/);
    const next = /<a rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(next).toContain('after=');
    const second = await (await get(app, w.handler, next)).text();
    expect(second).toContain('第51–60件（第2页／共2页）');
    expect(second).toContain('rel="prev"');
    expect(second).not.toContain('rel="next"');
    expect((await get(app, w.handler, `${base}?sort=nonsense`)).status).toBe(400);
    expect((await get(app, w.handler, `${base}?after=${encodeURIComponent('<x>')}`)).status).toBe(400);
  });

  it('exports the filtered list in its order, the ID number masked or whole by role, audited', async () => {
    const w = await world(t.db, 'export');
    await sample(t.db, w.a.id);
    const app = appFor(t.db);
    const path = `/staff/${w.a.code}/applications.xlsx?state=registered&sort=number&dir=asc`;
    const read = async (res: Response) => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.arrayBuffer()) as unknown as Parameters<typeof book.xlsx.load>[0]);
      const sheet = book.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map((v) => String(v ?? ''));
      return { sheet, header: values(1), rows: Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => values(i + 2)) };
    };
    const masked = await read(await get(app, w.handler, path));
    expect(masked.header).toEqual(LIST_COLUMNS.map((c) => c.label));
    expect(masked.rows.map((r) => r[0])).toEqual(['T-2024-0002', 'T-2024-0004', 'T-2024-0005', 'T-2024-0006', 'T-2024-0008']);
    const idCol = masked.header.indexOf('证件号码');
    const row5 = masked.rows[2] ?? [];
    expect(row5[idCol]).not.toBe(ID);
    expect(row5[idCol]).toMatch(/^1101\*+002X$/);
    expect(row5[masked.header.indexOf('办理状态')]).toBe('已登记');
    // the layout: a frozen header row, widths that fit the labels, long text wrapped
    expect(masked.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(masked.sheet.getRow(1).font?.bold).toBe(true);
    for (const [i, c] of LIST_COLUMNS.entries()) expect(masked.sheet.getColumn(i + 1).width ?? 0, c.label).toBeGreaterThanOrEqual(displayWidth(c.label));
    expect(masked.sheet.getRow(2).alignment?.wrapText).toBe(true);
    // whole: for the administrator on asking; refused to a handler
    expect((await get(app, w.handler, `${path}&full=1`)).status).toBe(403);
    const whole = await read(await get(app, w.admin, `${path}&full=1`));
    expect(whole.rows[2]?.[idCol]).toBe(ID);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'userId', 'detail']).where('agencyId', '=', w.a.id).where('action', '=', 'applications.export').orderBy('id').execute();
    expect(audit.map((a) => [a.userId, (a.detail as Record<string, unknown>)['full'], (a.detail as Record<string, unknown>)['rows']])).toEqual([
      [w.handler.id, false, 5],
      [w.admin.id, true, 5],
    ]);
    // the audit page says it in words
    expect(await (await get(app, w.admin, `/staff/${w.a.code}/audit`)).text()).toContain('导出申请列表（XLSX，含完整证件号码，5件）');
    // B's staff cannot export A's list
    expect((await get(app, w.handlerB, path)).status).toBe(404);
  });
});

