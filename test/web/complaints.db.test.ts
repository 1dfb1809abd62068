// 投诉、举报 (条例第五十一条) through HTTP on one engine (support/db.ts webEngines): a visitor finds the form from the column's home
// and the application form, files a complaint without signing in (CSRF, Chinese messages, nothing written
// on a refusal), and sees the receipt naming the office above and the due date once; an agency without an
// office above shows no form. The receiving office (政务公开监督, or its administrator) finds it from the
// navigation, assigns and answers it; refusals change nothing; another office's staff find nothing.

import { describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { fileComplaint } from '../../src/services/complaints/write.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { calendar, expectAccessiblePage, publicApp, Visitor } from './public-support.ts';
import { appFor, get, NOW, post, staff } from './staff-support.ts';

const FIELDS = { kind: 'complaint', complainantName: '李明', contact: '13900000022', text: '我于10月提交的申请至今没有答复。' };

describe.each(webEngines())('投诉、举报 pages on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  const setup = async () => {
    n += 1;
    const city = await createAgency(t.db, { code: `city${n}`, name: `示范${n}市人民政府`, level: 'government' }, NOW);
    const bureau = await createAgency(t.db, { code: `bureau${n}`, name: `示范${n}市自然资源局`, level: 'department', parentCode: `city${n}` }, NOW);
    const other = await createAgency(t.db, { code: `other${n}`, name: `另${n}市人民政府`, level: 'government' }, NOW);
    if (!city.ok || !bureau.ok || !other.ok) throw new Error('setup');
    return { city: city.value, bureau: bureau.value, other: other.value };
  };

  it('a visitor files a complaint from the column; the receipt names the office above and the due date', async () => {
    const { city, bureau } = await setup();
    const visitor = new Visitor(publicApp(t.db));
    const home = await (await visitor.get(`/${bureau.code}/`)).text();
    expect(home).toContain(`href="/${bureau.code}/complaint"`);
    expect(await (await visitor.get(`/${bureau.code}/apply`)).text()).toContain(`href="/${bureau.code}/complaint"`);
    const page = await visitor.get(`/${bureau.code}/complaint`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expectAccessiblePage(html);
    expect(html).toContain(`本页提交的投诉、举报由<strong>${city.name}</strong>受理`);

    // refusals: the form again with what was typed and the Chinese message; nothing written
    const before = await snapshot(t.db);
    const bad = await visitor.submit(`/${bureau.code}/complaint`, `/${bureau.code}/complaint`, { ...FIELDS, contact: '找我', kind: '' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('请选择投诉或者举报');
    expect(badHtml).toContain('联系方式请填写电话号码或电子邮箱');
    expect(badHtml).toContain('我于10月提交的申请至今没有答复。');
    const long = await visitor.submit(`/${bureau.code}/complaint`, `/${bureau.code}/complaint`, { ...FIELDS, text: '字'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('最长5000个字');
    const forged = await visitor.post(`/${bureau.code}/complaint`, new URLSearchParams({ ...FIELDS, _csrf: 'forged' }));
    expect(forged.status).toBe(403);
    expect(await snapshot(t.db)).toBe(before);

    const sent = await visitor.submit(`/${bureau.code}/complaint`, `/${bureau.code}/complaint`, FIELDS);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/${bureau.code}/complaint/receipt`);
    const receipt = await (await visitor.get(`/${bureau.code}/complaint/receipt`)).text();
    expectAccessiblePage(receipt);
    expect(receipt).toContain('投诉2024-0001');
    expect(receipt).toContain(`由<strong>${city.name}</strong>受理`);
    // received 2024-11-20 (Wed): 20 working days → 2024-12-18
    expect(receipt).toContain('2024年12月18日');
    // shown once
    expect(await (await visitor.get(`/${bureau.code}/complaint/receipt`)).text()).toContain('回执已显示过');
    const row = await t.db.selectFrom('complaints').selectAll().where('againstAgencyId', '=', bureau.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ receivingAgencyId: city.id, complainantName: '李明', dueOn: '2024-12-18', state: 'received' });
  });

  it('an agency without an office above shows no form, and a post is refused', async () => {
    const { city } = await setup();
    const visitor = new Visitor(publicApp(t.db));
    const html = await (await visitor.get(`/${city.code}/complaint`)).text();
    expect(html).toContain('暂不能在线投诉、举报');
    expect(html).not.toContain(`action="/${city.code}/complaint"`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await visitor.get(`/${city.code}/apply`)).text())?.[1] ?? '';
    const before = await snapshot(t.db);
    const refused = await visitor.post(`/${city.code}/complaint`, new URLSearchParams({ ...FIELDS, _csrf: token }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('平台上没有登记');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('the office above lists, assigns and answers; refusals change nothing; others find nothing', async () => {
    const { city, bureau, other } = await setup();
    const oversight = await staff(t.db, city.id, 'oversight', 'office');
    const admin = await staff(t.db, city.id, 'admin', 'cityadmin');
    const handler = await staff(t.db, city.id, 'handler', 'cityhandler');
    const bureauAdmin = await staff(t.db, bureau.id, 'admin', 'bureauadmin');
    const otherOffice = await staff(t.db, other.id, 'oversight', 'otheroffice');
    const filed = await fileComplaint(t.db, bureau, { ...FIELDS, kind: 'complaint' }, { now: '2024-10-08T02:00:00.000Z', calendar });
    if (!filed.ok) throw new Error(filed.error.message);
    const id = filed.value.complaint.id;
    const app = appFor(t.db);
    const base = `/staff/${city.code}/complaints`;

    // the navigation of the office (oversight alone) links the list; the list marks the overdue (due 2024-11-05)
    const oversightHome = await (await get(app, oversight, `/staff/${city.code}/oversight/2024`)).text();
    expect(oversightHome).toContain(`href="${base}"`);
    expect(oversightHome).toContain('未答复的投诉、举报1件，其中已超期1件');
    const list = await (await get(app, oversight, base)).text();
    expect(list).toContain(bureau.name);
    expect(list).toContain('已超期');
    expect(list).toContain(`href="${base}/${id}"`);
    expect((await get(app, admin, base)).status).toBe(200);
    expect((await get(app, handler, base)).status).toBe(403);
    expect((await get(app, otherOffice, `/staff/${city.code}/complaints/${id}`)).status).toBe(404);
    expect((await get(app, otherOffice, `/staff/${other.code}/complaints/${id}`)).status).toBe(404);
    expect((await post(app, otherOffice, `/staff/${other.code}/complaints/${id}/assign`, { assignee: '王五' })).status).toBe(404);
    expect((await get(app, bureauAdmin, `/staff/${bureau.code}/complaints/${id}`)).status).toBe(404);

    const assigned = await post(app, oversight, `${base}/${id}/assign`, { assignee: '张科长' });
    expect(assigned.status).toBe(303);
    expect(await (await get(app, oversight, assigned.headers.get('location') ?? '')).text()).toContain('已交办。');

    const before = await snapshot(t.db);
    const early = await post(app, oversight, `${base}/${id}/answer`, { answeredOn: '2024-10-07', answer: '经调查属实。', result: 'substantiated', accountability: '' });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('答复日期不能早于收到投诉、举报的日期');
    const future = await post(app, oversight, `${base}/${id}/answer`, { answeredOn: '2024-11-21', answer: '经调查属实。', result: 'substantiated', accountability: '' });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('答复日期不能晚于今天');
    const noResult = await post(app, oversight, `${base}/${id}/answer`, { answeredOn: '2024-11-20', answer: '经调查属实。', result: '', accountability: '' });
    expect(noResult.status).toBe(422);
    expect(await snapshot(t.db)).toBe(before);

    const answered = await post(app, oversight, `${base}/${id}/answer`, { answeredOn: '2024-11-20', answer: '经调查属实，已责令限期答复。', result: 'substantiated', accountability: '对经办人批评教育。' });
    expect(answered.status).toBe(303);
    const page = await (await get(app, oversight, `${base}/${id}`)).text();
    expect(page).toContain('对经办人批评教育。');
    expect(page).not.toContain(`action="${base}/${id}/answer"`);
    const snap = await snapshot(t.db);
    const again = await post(app, oversight, `${base}/${id}/assign`, { assignee: '李四' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('不能再交办');
    expect(await snapshot(t.db)).toBe(snap);

    // the period: a setting of the office
    expect((await post(app, admin, `${base}/settings`, { complaintDays: '0' })).status).toBe(422);
    expect((await post(app, admin, `${base}/settings`, { complaintDays: '15' })).status).toBe(303);
    expect(await (await get(app, admin, base)).text()).toContain('value="15"');
    const audit = await t.db.selectFrom('auditLog').select('action').where('agencyId', '=', city.id).where('action', 'like', 'complaint.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['complaint.file', 'complaint.assign', 'complaint.answer', 'complaint.period']);
  });
});
