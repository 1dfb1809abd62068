// The staff workspace through HTTP: the dashboard's clocks, the list's filters and search, a reply
// recorded through its form, what a supervisor may not do, agency isolation, escaping, and table 三's
// drill-down — on one engine (support/db.ts webEngines).

import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import type { RegisterInput } from '../../src/services/applications.ts';
import { agencyDashboard } from '../../src/services/agency-dashboard.ts';
import { listApplications } from '../../src/services/application-list.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, post, TODAY, who, world } from './staff-support.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

async function register(db: Kysely<DB>, agencyId: number, input: Partial<RegisterInput> & { receivedOn: string }): Promise<number> {
  const r = await registerApplication(
    db,
    agencyId,
    { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: input.receivedOn, request: '某项目的批复文件', ...input },
    who,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

async function step(db: Kysely<DB>, agencyId: number, id: number, event: Parameters<typeof recordEvent>[3]): Promise<void> {
  const r = await recordEvent(db, agencyId, id, event, who);
  if (!r.ok) throw new Error(r.error.message);
}

/** One application in each clock state on 2024-11-20, and one replied. */
async function clockSet(db: Kysely<DB>, agencyId: number) {
  // reply due about 2024-10-09: overdue
  const overdue = await register(db, agencyId, { receivedOn: '2024-09-02', applicantName: '逾期甲' });
  // reply due 2024-11-21 (20 working days after 2024-10-24): 1 working day left
  const dueSoon = await register(db, agencyId, { receivedOn: '2024-10-24', applicantName: '临期乙' });
  // consultation started: the reply clock stands still
  const paused = await register(db, agencyId, { receivedOn: '2024-11-01', applicantName: '中止丙' });
  await step(db, agencyId, paused, { type: 'start_consultation', occurredOn: '2024-11-05', party: 'third_party' });
  // received two days ago: everything running
  const running = await register(db, agencyId, { receivedOn: '2024-11-18', applicantName: '正常丁' });
  const replied = await register(db, agencyId, { receivedOn: '2024-10-08', applicantName: '已答复戊', applicantType: 'commercial' });
  await step(db, agencyId, replied, { type: 'reply', occurredOn: '2024-10-20', outcome: 'OPEN_PROVIDE' });
  return { overdue, dueSoon, paused, running, replied };
}

const text = (r: Response) => r.text();

describe.each(webEngines())('staff workspace on %s', (engine) => {
  const t = useDatabase(engine);

  it('dashboard: counts and lists open applications by clock', async () => {
    const w = await world(t.db, 'dash');
    const ids = await clockSet(t.db, w.a.id);
    const d = await agencyDashboard(t.db, w.a.id, { calendar, today: TODAY });
    expect(d.open).toBe(4);
    expect(d.counts).toEqual({ overdue: 1, due_soon: 1, paused: 1, running: 1 });
    expect(d.lists.overdue.map((i) => i.id)).toEqual([ids.overdue]);
    expect(d.lists.due_soon.map((i) => i.id)).toEqual([ids.dueSoon]);
    expect(d.lists.due_soon[0]?.summary.clock).toMatchObject({ id: 'reply', due: '2024-11-21', workingDaysLeft: 1 });
    expect(d.lists.paused.map((i) => i.id)).toEqual([ids.paused]);
    expect(d.lists.running.map((i) => i.id)).toEqual([ids.running]);

    const app = appFor(t.db);
    const res = await get(app, w.handler, `/staff/${w.a.code}`);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('<h1>工作台</h1>');
    expect(html).toMatch(/aria-label="已超期：1件"/);
    expect(html).toMatch(/aria-label="3个工作日内到期：1件"/);
    expect(html).toContain('逾期甲');
    expect(html).toContain('2024-11-21');
    // a replied application is on no clock: only in 已答复未登记送达 (its reply has no recorded delivery)
    const undelivered = /<section aria-labelledby="undelivered">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(undelivered).toContain('已答复戊');
    expect(html.replace(undelivered, '')).not.toContain('已答复戊');
    // B's staff see none of it
    const other = await get(app, w.handlerB, `/staff/${w.b.code}`);
    expect(await text(other)).not.toContain('逾期甲');
  });

  it('list: filters, search (wildcards are not wildcards), overdue only', async () => {
    const w = await world(t.db, 'list');
    const ids = await clockSet(t.db, w.a.id);
    const pct = await register(t.db, w.a.id, { receivedOn: '2024-11-19', applicantName: '百分号%公司', applicantType: 'commercial', request: '关于100%完成的通报' });
    const under = await register(t.db, w.a.id, { receivedOn: '2024-11-19', applicantName: '下划线_研究所', applicantType: 'research' });
    await register(t.db, w.b.id, { receivedOn: '2024-11-19', applicantName: '百分号%乙方' });
    const opts = { calendar, today: TODAY };

    const all = await listApplications(t.db, w.a.id, {}, opts);
    expect(all.total).toBe(7);
    // newest receipt first
    expect(all.items.map((i) => i.receivedOn)).toEqual([...all.items.map((i) => i.receivedOn)].sort().reverse());
    // % and _ match nothing (they are not words), rather than everything
    for (const q of ['%', '_']) expect(await listApplications(t.db, w.a.id, { q }, opts)).toMatchObject({ items: [], total: 0, search: 'nothing' });
    expect((await listApplications(t.db, w.a.id, { q: '下划线' }, opts)).items.map((i) => i.id)).toEqual([under]);
    expect((await listApplications(t.db, w.a.id, { q: '100%完成' }, opts)).items.map((i) => i.id)).toEqual([pct]);
    expect((await listApplications(t.db, w.a.id, { state: 'replied' }, opts)).items.map((i) => i.id)).toEqual([ids.replied]);
    expect((await listApplications(t.db, w.a.id, { applicantType: 'commercial' }, opts)).total).toBe(2);
    expect((await listApplications(t.db, w.a.id, { receivedFrom: '2024-10-01', receivedTo: '2024-10-31' }, opts)).items.map((i) => i.id).sort()).toEqual([ids.dueSoon, ids.replied].sort());
    expect((await listApplications(t.db, w.a.id, { overdueOnly: true }, opts)).items.map((i) => i.id)).toEqual([ids.overdue]);
    const number = all.items.find((i) => i.id === ids.running)?.number ?? '';
    expect((await listApplications(t.db, w.a.id, { q: number }, opts)).items.map((i) => i.id)).toEqual([ids.running]);

    const app = appFor(t.db);
    const res = await get(app, w.handler, `/staff/${w.a.code}/applications?q=${encodeURIComponent('百分号')}&state=`);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('百分号%公司');
    expect(html).not.toContain('临期乙');
    expect(html).not.toContain('百分号%乙方');
    expect(html).toMatch(/<caption>共1件/);
    expect(html).toMatch(/<th scope="col"><a href="[^"]*sort=number[^"]*">编号<\/a><\/th>/);
    const overdue = await text(await get(app, w.handler, `/staff/${w.a.code}/applications?overdue=1`));
    expect(overdue).toContain('逾期甲');
    expect(overdue).not.toContain('正常丁');
    const bad = await get(app, w.handler, `/staff/${w.a.code}/applications?receivedFrom=2024-13-01`);
    expect(bad.status).toBe(422);
    expect(await text(bad)).toContain('收到日期（起）不是有效日期');
  });

  it('a reply recorded through its form (with the CSRF token) changes the state and appends an event', async () => {
    const w = await world(t.db, 'reply');
    const id = await register(t.db, w.a.id, { receivedOn: '2024-11-04' });
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications/${id}`;
    const page = await text(await get(app, w.handler, base));
    // the reply is made with its 答复告知书 (制作文书); other steps have their form here
    expect(page).toContain('documents?kind=reply');
    expect(page).not.toContain('name="type" value="reply"');
    expect(page).toContain(`value="${TODAY}"`);

    const missing = await post(app, w.handler, `${base}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' }, { csrf: null });
    expect(missing.status).toBe(403);

    const noOutcome = await post(app, w.handler, `${base}/events`, { type: 'reply', occurredOn: TODAY, outcome: '' });
    expect(noOutcome.status).toBe(422);
    expect(await text(noOutcome)).toContain('作出答复须选择答复结果');

    const future = await post(app, w.handler, `${base}/events`, { type: 'reply', occurredOn: '2024-11-21', outcome: 'OPEN_PROVIDE' });
    expect(future.status).toBe(422);
    expect(await text(future)).toContain('晚于今天');

    const ok = await post(app, w.handler, `${base}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE', note: '<b>当面送达</b>' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${base}?done=reply#timeline`);
    const row = await t.db.selectFrom('applications').select(['state', 'outcome', 'closedOn']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'replied', outcome: 'OPEN_PROVIDE', closedOn: TODAY });
    const events = await t.db.selectFrom('applicationEvents').select(['seq', 'type', 'actor']).where('applicationId', '=', id).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['register', 'reply']);
    expect(events[1]?.actor).toMatch(/^handler/);
    const after = await text(await get(app, w.handler, `${base}?done=reply`));
    expect(after).toContain('已记录“作出答复”');
    expect(after).toContain('&lt;b&gt;当面送达&lt;/b&gt;');
    expect(after).toContain('name="type" value="deliver"');
    // the reply recorded without its notice: the notice is offered for it, once
    expect(after).toContain('的“作出答复”制作政府信息公开申请答复告知书');
    // a second reply is refused with the transition's Chinese message
    const again = await post(app, w.handler, `${base}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' });
    expect(again.status).toBe(409);
    expect(await text(again)).toContain('不能“作出答复”');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target']).where('agencyId', '=', w.a.id).where('action', '=', 'application.event').execute();
    expect(audit).toEqual([{ action: 'application.event', target: `application:${id}` }]);
  });

  it('逾期未补正 is offered only once the correction period has run out; before, the page says when', async () => {
    const w = await world(t.db, 'lapse');
    const app = appFor(t.db);
    // correction asked 2024-11-12: 15 working days → 2024-12-03, after TODAY (2024-11-20)
    const running = await register(t.db, w.a.id, { receivedOn: '2024-11-11' });
    await step(t.db, w.a.id, running, { type: 'request_correction', occurredOn: '2024-11-12', workingDays: 15 });
    const before = await text(await get(app, w.handler, `/staff/${w.a.code}/applications/${running}`));
    expect(before).not.toContain('name="type" value="lapse_correction"');
    expect(before).toContain('补正期限至2024-12-03届满，届满后方可登记“逾期未补正”');
    const early = await post(app, w.handler, `/staff/${w.a.code}/applications/${running}/events`, { type: 'lapse_correction', occurredOn: TODAY });
    expect(early.status).toBe(422);
    expect(await text(early)).toContain('不能认定逾期');
    // asked 2024-10-14: 15 working days → 2024-11-04, passed
    const lapsed = await register(t.db, w.a.id, { receivedOn: '2024-10-11' });
    await step(t.db, w.a.id, lapsed, { type: 'request_correction', occurredOn: '2024-10-14', workingDays: 15 });
    const after = await text(await get(app, w.handler, `/staff/${w.a.code}/applications/${lapsed}`));
    expect(after).toContain('name="type" value="lapse_correction"');
  });

  it('a handler may not approve an extension; a section head may, at most 20 working days', async () => {
    const w = await world(t.db, 'ext');
    const id = await register(t.db, w.a.id, { receivedOn: '2024-11-04' });
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications/${id}`;
    expect(await text(await get(app, w.handler, base))).not.toContain('documents?kind=extension_notice');
    expect((await post(app, w.handler, `${base}/events`, { type: 'approve_extension', occurredOn: TODAY, workingDays: '10' })).status).toBe(403);
    expect(await text(await get(app, w.admin, base))).toContain('documents?kind=extension_notice');
    const tooLong = await post(app, w.admin, `${base}/events`, { type: 'approve_extension', occurredOn: TODAY, workingDays: '21' });
    expect(tooLong.status).toBe(422);
    expect(await text(tooLong)).toContain('最长不得超过20个工作日');
    expect((await post(app, w.admin, `${base}/events`, { type: 'approve_extension', occurredOn: TODAY, workingDays: '15' })).status).toBe(303);
  });

  it('a supervisor reads but cannot post, and sees no action forms', async () => {
    const w = await world(t.db, 'sup');
    const id = await register(t.db, w.a.id, { receivedOn: '2024-11-04' });
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications/${id}`;
    const page = await get(app, w.supervisor, base);
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).not.toContain(`action="${base}/events"`);
    expect(html).toContain('只能查看');
    for (const [path, fields] of [
      [`${base}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' }],
      [`${base}/documents`, { kind: 'correction_notice', issuedOn: TODAY }],
      [`/staff/${w.a.code}/applications/new`, { channel: 'in_person', submittedOn: TODAY, applicantType: 'natural_person', applicantName: '某人', request: '某文件' }],
      [`/staff/${w.a.code}/users`, { username: 'x1', displayName: 'x', password: 'correct horse battery', role: 'admin' }],
    ] as const) {
      const r = await post(app, w.supervisor, path, fields);
      expect(r.status, path).toBe(403);
    }
    expect((await get(app, w.supervisor, `/staff/${w.a.code}/applications/new`)).status).toBe(403);
    const row = await t.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.state).toBe('registered');
    expect((await get(app, w.supervisor, `/staff/${w.a.code}/audit`)).status).toBe(200);
  });

  it("agency A's staff get 404 for agency B's application, its documents and its agency", async () => {
    const w = await world(t.db, 'iso');
    const bId = await register(t.db, w.b.id, { receivedOn: '2024-11-04', applicantName: '乙方秘密申请人' });
    const app = appFor(t.db);
    for (const path of [
      `/staff/${w.a.code}/applications/${bId}`,
      `/staff/${w.a.code}/applications/${bId}/documents?kind=reply`,
      `/staff/${w.b.code}/applications/${bId}`,
      `/staff/${w.b.code}`,
      `/staff/${w.a.code}/applications/99999999999999999999`,
    ]) {
      const r = await get(app, w.handler, path);
      expect(r.status, path).toBe(404);
      const html = await text(r);
      expect(html).toContain('没有找到');
      expect(html).not.toContain('乙方秘密申请人');
    }
    const r = await post(app, w.handler, `/staff/${w.a.code}/applications/${bId}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' });
    expect(r.status).toBe(404);
    const d = await post(app, w.handler, `/staff/${w.a.code}/applications/${bId}/documents`, { kind: 'correction_notice', issuedOn: TODAY, correctionItems: '请补充' });
    expect(d.status).toBe(404);
    const row = await t.db.selectFrom('applications').select('state').where('id', '=', bId).executeTakeFirstOrThrow();
    expect(row.state).toBe('registered');
    expect(await t.db.selectFrom('documents').select('id').where('applicationId', '=', bId).execute()).toEqual([]);
    // B's own staff see it
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/applications/${bId}`)).status).toBe(200);
    // not signed in: to the login form
    const anon = await app.request(`/staff/${w.a.code}`);
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/staff\/login\?next=/);
  });

  it('markup typed into the applicant name shows as text on every page', async () => {
    const w = await world(t.db, 'xss');
    const app = appFor(t.db);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await post(app, w.handler, `/staff/${w.a.code}/applications/new`, {
      channel: 'post_signed',
      submittedOn: '2024-11-15',
      receivedOn: '2024-11-18',
      applicantType: 'natural_person',
      applicantName: evil,
      request: '"><script>alert(3)</script>',
      contact: "' onmouseover='alert(4)",
    });
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    const id = Number(/applications\/(\d+)/.exec(location)?.[1]);
    expect(id).toBeGreaterThan(0);
    const doc = await post(app, w.handler, `/staff/${w.a.code}/applications/${id}/documents`, { kind: 'correction_notice', mode: 'record', occurredOn: TODAY, workingDays: '15', correctionItems: '<i>身份证明</i>' });
    expect(doc.status).toBe(303);
    const docId = (await t.db.selectFrom('documents').select('id').where('applicationId', '=', id).executeTakeFirstOrThrow()).id;
    const pages = [
      `/staff/${w.a.code}`,
      `/staff/${w.a.code}/applications`,
      `/staff/${w.a.code}/applications?q=${encodeURIComponent('<script>')}`,
      location,
      `/staff/${w.a.code}/applications/${id}/documents?kind=reply`,
      `/staff/${w.a.code}/documents/${docId}`,
      `/staff/${w.a.code}/report/2024/cell?row=newReceived&column=6`,
      `/staff/${w.a.code}/audit`,
    ];
    for (const path of pages) {
      const r = await get(app, w.admin, path);
      expect(r.status, path).toBe(200);
      const html = await text(r);
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('<i>身份证明');
      if (path !== `/staff/${w.a.code}/audit`) expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    const docx = await get(app, w.admin, `/staff/${w.a.code}/documents/${docId}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    // a refused form shows the typed markup as text too
    const refused = await post(app, w.handler, `/staff/${w.a.code}/applications/new`, { channel: 'in_person', submittedOn: 'x', applicantType: 'natural_person', applicantName: evil, request: '' });
    expect(refused.status).toBe(422);
    const html = await text(refused);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the report page shows table 三 and each cell links to exactly its applications', async () => {
    const w = await world(t.db, 'rep');
    await clockSet(t.db, w.a.id);
    const lapsed = await register(t.db, w.a.id, { receivedOn: '2024-06-03', applicantType: 'research' });
    await step(t.db, w.a.id, lapsed, { type: 'request_correction', occurredOn: '2024-06-05' });
    await step(t.db, w.a.id, lapsed, { type: 'lapse_correction', occurredOn: '2024-07-20' });
    await register(t.db, w.a.id, { receivedOn: '2023-12-01', applicantName: '上年结转' });
    const app = appFor(t.db);
    const res = await get(app, w.handler, `/staff/${w.a.code}/report/2024`);
    expect(res.status).toBe(200);
    const html = await text(res);
    expect(html).toContain('三、收到和处理政府信息公开申请情况');
    expect(html).toContain('<th scope="row">一、本年新收政府信息公开申请数量</th>');
    expect(html).toContain('勾稽关系检查');
    expect(html).toContain('表三通过全部勾稽关系检查');
    const links = [...html.matchAll(/<a href="([^"]*\/report\/2024\/cell\?row=([a-zA-Z]+)&amp;column=(\d))"[^>]*>(\d+)<\/a>/g)];
    expect(links.length).toBe(25 * 7);
    const cell = (row: string, column: number) => links.find((l) => l[2] === row && l[3] === String(column));
    expect(cell('newReceived', 6)?.[4]).toBe('6');
    expect(cell('carriedOver', 6)?.[4]).toBe('1');
    expect(cell('granted', 1)?.[4]).toBe('1');
    expect(cell('noCorrection', 2)?.[4]).toBe('1');
    expect(cell('carriedForward', 6)?.[4]).toBe('5');
    for (const [row, column] of [
      ['newReceived', 6],
      ['carriedOver', 6],
      ['granted', 1],
      ['noCorrection', 2],
      ['carriedForward', 6],
      ['stateSecret', 0],
    ] as const) {
      const link = cell(row, column);
      expect(link, `${row}/${column}`).toBeDefined();
      const page = await text(await get(app, w.handler, (link?.[1] ?? '').replace(/&amp;/g, '&')));
      const n = Number(link?.[4]);
      expect(page).toContain(`计入该格的申请共 <strong>${n}</strong> 件`);
      const rows = page.split('<tbody>')[1]?.split('</tbody>')[0]?.match(/<tr>/g)?.length ?? 0;
      expect(rows, `${row}/${column}`).toBe(n);
    }
    expect((await get(app, w.handler, `/staff/${w.a.code}/report/2024/cell?row=nonsense&column=1`)).status).toBe(404);
    expect((await get(app, w.handler, `/staff/${w.a.code}/report/2099`)).status).toBe(404);
    // 2020: the trial format, one （六）其他处理 row
    const trial = await text(await get(app, w.handler, `/staff/${w.a.code}/report/2020`));
    expect(trial).toContain('<th scope="row">（六）其他处理</th>');
    expect(trial).not.toContain('逾期不补正');
    expect([...trial.matchAll(/\/report\/2020\/cell\?row=/g)].length).toBe(23 * 7);
  });

  it('users: an administrator adds a member with a role; others may not see the page', async () => {
    const w = await world(t.db, 'users');
    const app = appFor(t.db);
    const page = await get(app, w.admin, `/staff/${w.a.code}/users`);
    expect(page.status).toBe(200);
    expect(await text(page)).toContain('监督');
    expect((await get(app, w.handler, `/staff/${w.a.code}/users`)).status).toBe(403);
    const added = await post(app, w.admin, `/staff/${w.a.code}/users`, { username: 'newclerk', displayName: '新经办人', password: 'long enough pass', role: 'handler' });
    expect(added.status).toBe(303);
    const listed = await text(await get(app, w.admin, `/staff/${w.a.code}/users?done=added`));
    expect(listed).toContain('新经办人');
    const short = await post(app, w.admin, `/staff/${w.a.code}/users`, { username: 'other', displayName: '某人', password: 'short', role: 'handler' });
    expect(short.status).toBe(422);
    expect(await text(short)).toContain('密码至少10个字符');
    // B's user cannot be given a role in A through A's page
    const foreign = await post(app, w.admin, `/staff/${w.a.code}/users/role`, { userId: String(w.handlerB.id), role: 'admin' });
    expect(foreign.status).toBe(404);
    const audit = await text(await get(app, w.admin, `/staff/${w.a.code}/audit`));
    expect(audit).toContain('增加角色');
  });

  it('/staff sends a member of one agency to it', async () => {
    const w = await world(t.db, 'home');
    const app = appFor(t.db);
    const r = await get(app, w.handler, '/staff');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/staff/${w.a.code}`);
    const login = await app.request('/staff/login');
    expect(login.status).toBe(200);
  });
});
