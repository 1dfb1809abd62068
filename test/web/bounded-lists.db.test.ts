// Staff queries bounded whatever the size (issue #16): 70,000 overdue applications (more than the 65,535
// parameters an `IN` list of ids could carry) are counted and listed by the dashboard and the list's
// overdue filter, page by page in every order, on the page and through the API with its `next` cursor;
// and table 三's drill-down of a large cell comes a page at a time (上一页/下一页), the page and the API
// alike — on one engine (support/db.ts webEngines). The rows are made in SQL (generate_series), their stored due dates by
// due-dates.ts dueFactsOf, as a registration stores them.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import { agencyDashboard } from '../../src/services/agency-dashboard.ts';
import { listApplications } from '../../src/services/application-list.ts';
import type { ApplicationList } from '../../src/services/application-list.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { dueFactsOf, refreshDueDates } from '../../src/services/due-dates.ts';
import { cellApplications } from '../../src/services/table-three.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, NOW, TODAY, who, world } from './staff-support.ts';
import type { World } from './staff-support.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const opts = { calendar, today: TODAY };
const OVERDUE = 70_000;
const ids = (l: ApplicationList) => l.items.map((i) => i.id);

describe.each(webEngines())('bounded staff queries on %s', (engine) => {
  const t = useDatabase(engine);
  let w: World;
  let token = '';
  let first = 0;

  const api = (path: string) => appFor(t.db).request(path, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    w = await world(t.db, 'bounded');
    const user = await createUser(t.db, { username: 'bounded-api', displayName: '接口', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, w.a.id, 'handler');
    const created = await createApiToken(t.db, user.value.id, 'test', NOW);
    if (!created.ok) throw new Error(created.error.message);
    token = created.value.token;
    // two through the services: one overdue (received 2024-09-02), one running (received today)
    for (const receivedOn of ['2024-09-02', TODAY]) {
      const r = await registerApplication(t.db, w.a.id, { applicantType: 'natural_person', applicantName: '登记', channel: 'in_person', submittedOn: receivedOn, request: '某文件' }, who);
      if (!r.ok) throw new Error(r.error.message);
    }
    // 70,000 received 2024-01-02, overdue since their reply was due, stored as a registration stores them
    const facts = dueFactsOf({ id: 0, state: 'in_progress', channel: 'in_person', submittedOn: '2024-01-02', receivedOn: '2024-01-02', feeWindowFromReceipt: true }, [], calendar, TODAY);
    expect(facts.dueOn).toBe('2024-01-30');
    await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at,
        due_on, due_clock, due_provisional, due_paused, reply_due_on, due_list_on, due_computed_on, due_recheck_on, due_calendar_version)
      select ${w.a.id}, 'B-' || lpad(g::text, 6, '0'), 'natural_person', '批量' || g, 'in_person', date '2024-01-02', date '2024-01-02', '某文件', 'in_progress', now(), now(),
        ${facts.dueOn}::date, ${facts.dueClock}, false, false, ${facts.replyDueOn}::date, ${facts.dueListOn}::date, ${facts.dueComputedOn}::date, ${facts.dueRecheckOn}::date, ${facts.dueCalendarVersion}
      from generate_series(1, ${OVERDUE}) g`.execute(t.db);
    await sql`analyze applications`.execute(t.db);
    first = (await t.db.selectFrom('applications').select('id').where('number', '=', 'B-000001').executeTakeFirstOrThrow()).id;
  }, 300_000);

  it('the dashboard counts 70,000 overdue and lists the most urgent, reading no events of the rest', async () => {
    expect(await refreshDueDates(t.db, calendar, TODAY, { agencyId: w.a.id })).toBe(0);
    const d = await agencyDashboard(t.db, w.a.id, opts);
    expect(d.open).toBe(OVERDUE + 2);
    expect(d.counts).toEqual({ overdue: OVERDUE + 1, due_soon: 0, paused: 0, running: 1 });
    expect(d.lists.overdue).toHaveLength(20);
    // the earliest due date first, then 编号
    expect(d.lists.overdue.map((i) => i.number).slice(0, 3)).toEqual(['B-000001', 'B-000002', 'B-000003']);
    expect(d.lists.overdue.every((i) => i.summary.bucket === 'overdue' && i.summary.clock?.due === '2024-01-30')).toBe(true);
    // the page: the counts, 20 rows, and the way to all of them
    const html = await (await get(appFor(t.db), w.handler, `/staff/${w.a.code}`)).text();
    expect(html).toContain(`已超期的申请（${OVERDUE + 1}件，显示最紧急的20件）`);
    expect(html).toContain(`/staff/${w.a.code}/applications?clock=overdue&amp;sort=due&amp;dir=asc#results`);
  });

  it('the overdue filter pages through 70,000 in every order, by cursor', async () => {
    const page1 = await listApplications(t.db, w.a.id, { overdueOnly: true }, opts);
    expect(page1.exact).toBe(false);
    expect(page1.total).toBeGreaterThan(1000);
    expect(page1.items).toHaveLength(50);
    // newest receipt first: the one received in September, then the batch, newest id first
    expect(page1.items[0]?.applicantName).toBe('登记');
    expect(page1.items[1]?.number).toBe(`B-${String(OVERDUE).padStart(6, '0')}`);
    const page2 = await listApplications(t.db, w.a.id, { overdueOnly: true, after: page1.next }, opts);
    expect(page2.items).toHaveLength(50);
    expect(ids(page2)[0]).toBe((ids(page1).at(-1) as number) - 1);
    expect(ids(await listApplications(t.db, w.a.id, { overdueOnly: true, before: page2.prev }, opts))).toEqual(ids(page1));
    // by 到期日, the earliest first: the batch in id order, the September one last
    const due = await listApplications(t.db, w.a.id, { clock: 'overdue', sort: 'due', direction: 'asc', limit: 100 }, opts);
    expect(ids(due)).toEqual(Array.from({ length: 100 }, (_, i) => first + i));
    const back = await listApplications(t.db, w.a.id, { clock: 'overdue', sort: 'due', direction: 'desc', limit: 3 }, opts);
    expect(back.items[0]?.applicantName).toBe('登记');
    expect(ids(back).slice(1)).toEqual([first + OVERDUE - 1, first + OVERDUE - 2]);
    // 编号 and 状态 orders, and a search within the filter
    expect((await listApplications(t.db, w.a.id, { overdueOnly: true, sort: 'number', direction: 'asc', limit: 2 }, opts)).items.map((i) => i.number)).toEqual([
      expect.stringMatching(/^2024-/),
      'B-000001',
    ]);
    expect((await listApplications(t.db, w.a.id, { overdueOnly: true, q: 'B-069999' }, opts)).items.map((i) => i.number)).toEqual(['B-069999']);
    // the page
    const html = await (await get(appFor(t.db), w.handler, `/staff/${w.a.code}/applications?overdue=1`)).text();
    expect(html).toContain('共约');
    expect(html).toContain('rel="next"');
    expect(html).toContain('<option value="overdue" selected="">已超期</option>');
  });

  it('the API pages the overdue list with its next cursor', async () => {
    const one = (await (await api('/api/v1/applications?clock=overdue&limit=100&sort=due&direction=asc')).json()) as { items: { id: number }[]; next: string | null; exact: boolean };
    expect(one.items.map((i) => i.id)).toEqual(Array.from({ length: 100 }, (_, i) => first + i));
    expect(one.exact).toBe(false);
    expect(one.next).not.toBeNull();
    const two = (await (await api(`/api/v1/applications?clock=overdue&limit=100&sort=due&direction=asc&after=${one.next}`)).json()) as { items: { id: number }[]; prev: string | null };
    expect(two.items.map((i) => i.id)).toEqual(Array.from({ length: 100 }, (_, i) => first + 100 + i));
    expect(((await (await api('/api/v1/applications?overdue=1')).json()) as { items: unknown[] }).items).toHaveLength(50);
    expect((await api('/api/v1/applications?clock=late')).status).toBe(400);
    expect((await api('/api/v1/applications?limit=101')).status).toBe(400);
  });

  it("table 三's drill-down comes a page at a time, forward and back, on the page and through the API", async () => {
    // 130 granted in 2024 (received over a month, several a day), in a cell of their own
    await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, outcome, outcome_row, legal_basis, closed_on, created_at, updated_at)
      select ${w.a.id}, 'C-' || (1000 - g), 'research', '研究' || g, 'in_person', date '2024-03-01' + (g % 30), date '2024-03-01' + (g % 30), '某文件', 'replied', 'OPEN_PROVIDE', 'granted', '条例第三十六条', date '2024-05-06', now(), now()
      from generate_series(1, 130) g`.execute(t.db);
    const rows = await t.db.selectFrom('applications').select(['id', 'number', 'receivedOn']).where('agencyId', '=', w.a.id).where('applicantType', '=', 'research').execute();
    const order = rows.sort((x, y) => (x.receivedOn! < y.receivedOn! ? -1 : x.receivedOn! > y.receivedOn! ? 1 : x.number < y.number ? -1 : x.number > y.number ? 1 : x.id - y.id)).map((r) => r.id);
    const column = 2; // 科研机构
    const pages = [await cellApplications(t.db, w.a.id, 2024, 'granted', column)];
    while (pages.at(-1)?.next) pages.push(await cellApplications(t.db, w.a.id, 2024, 'granted', column, { after: pages.at(-1)?.next ?? null }));
    expect(pages.map((p) => p?.applications.length)).toEqual([50, 50, 30]);
    expect(pages.every((p) => p?.total === 130)).toBe(true);
    expect(pages.flatMap((p) => p?.applications.map((a) => a.id) ?? [])).toEqual(order);
    expect(pages[0]?.prev).toBeNull();
    const back = await cellApplications(t.db, w.a.id, 2024, 'granted', column, { before: pages[2]?.prev ?? null });
    expect(back?.applications.map((a) => a.id)).toEqual(order.slice(50, 100));
    // the page: 50 rows and 下一页; following it gives the next 50 and 上一页
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/report/2024/cell?row=granted&column=${column}`;
    const html = await (await get(app, w.handler, base)).text();
    expect(html).toContain('计入该格的申请共 <strong>130</strong> 件');
    expect((html.match(/\/applications\/\d+"/g) ?? []).length).toBe(50);
    const next = /<a rel="next" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const second = await (await get(app, w.handler, next)).text();
    expect(second).toContain(`/applications/${order[50]}"`);
    expect(second).not.toContain(`/applications/${order[49]}"`);
    expect(second).toContain('rel="prev"');
    expect((await get(app, w.handler, `${base}&after=${encodeURIComponent('<x>')}`)).status).toBe(400);
    // the API: next and prev, documented
    const one = (await (await api(`/api/v1/reports/2024/cells/granted/${column}?limit=60`)).json()) as { applications: { id: number }[]; total: number; next: string | null; prev: string | null };
    expect([one.applications.length, one.total, one.prev]).toEqual([60, 130, null]);
    const two = (await (await api(`/api/v1/reports/2024/cells/granted/${column}?limit=60&after=${one.next}`)).json()) as { applications: { id: number }[]; next: string | null };
    expect(two.applications.map((a) => a.id)).toEqual(order.slice(60, 120));
    const doc = (await (await appFor(t.db).request('/api/v1/openapi.json')).json()) as { paths: Record<string, { get: { parameters: { name: string }[] } }> };
    expect(doc.paths['/reports/{year}/cells/{row}/{column}']?.get.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['limit', 'after', 'before']));
    expect(doc.paths['/applications']?.get.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['clock', 'limit', 'after', 'before']));
  });
});
