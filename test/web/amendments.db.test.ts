// 更正申请 (条例第四十一条) through HTTP: linked from the navigation; a handler registers one, sees its clock
// and decides it, the notice opens as a page and a Word document; a refusal keeps what was typed and
// changes nothing; a second decision is refused (409); a supervisor reads but may not register or decide;
// another agency's staff find nothing; the list marks the overdue; the period is an agency setting.

import { describe, expect, it } from 'vitest';
import { registerAmendment } from '../../src/services/amendments/write.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, post, who, world } from './staff-support.ts';

const FORM = {
  requesterName: '王建国',
  requesterContact: '13900000011',
  idKind: '',
  idNumber: '',
  record: '征收公告附表',
  inaccuracy: '姓名写作“王建囯”',
  requested: '更正为“王建国”',
  evidence: '居民身份证复印件',
  receivedOn: '2024-11-01',
  handler: '',
};

describe.each(webEngines())('更正申请 pages on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  it('a handler registers, sees the clock, decides and downloads the notice; refusals change nothing', async () => {
    n += 1;
    const w = await world(t.db, `amd${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/amendments`;

    const home = await (await get(app, w.handler, `/staff/${w.a.code}`)).text();
    expect(home).toContain(`href="${base}"`);
    const empty = await get(app, w.handler, base);
    expect(empty.status).toBe(200);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('没有更正申请。');
    expect(emptyHtml).toContain(`href="${base}/new"`);
    expect((await get(app, w.handler, `${base}/new`)).status).toBe(200);

    // a refusal: the record missing — the form as typed, nothing written
    const before = await snapshot(t.db);
    const refused = await post(app, w.handler, `${base}/new`, { ...FORM, record: '' });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('请填写需要更正的政府信息记录');
    expect(refusedHtml).toContain('姓名写作“王建囯”');
    expect(await snapshot(t.db)).toBe(before);

    const created = await post(app, w.handler, `${base}/new`, FORM);
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${base}/\\d+\\?done=register$`));
    const page = await (await get(app, w.handler, location)).text();
    expect(page).toContain('更正申请 更正2024-0001');
    expect(page).toContain('已登记更正申请。');
    // 20 working days from 11月1日 (a Friday): 11/4–8, 11–15, 18–22, 25–29 → 11月29日; on 11月20日, 7 left
    expect(page).toContain('更正办理期限：2024-11-29');
    expect(page).toContain('剩余7个工作日');
    expect(page).toContain('办结并出具告知书');

    // a transfer without the competent agency: refused, as typed, nothing written
    const decide = location.replace(/\?.*$/, '/decide');
    const before2 = await snapshot(t.db);
    const noAuthority = await post(app, w.handler, decide, { decision: 'transferred', decidedOn: '2024-11-15', authority: '', note: '' });
    expect(noAuthority.status).toBe(422);
    expect(await noAuthority.text()).toContain('请写明有权更正的行政机关的全称');
    expect(await snapshot(t.db)).toBe(before2);

    const decided = await post(app, w.handler, decide, { decision: 'transferred', decidedOn: '2024-11-15', authority: '乙市不动产登记中心', note: '' });
    expect(decided.status).toBe(303);
    const after = await (await get(app, w.handler, location.replace(/\?.*$/, ''))).text();
    expect(after).toContain('转送有权更正的机关并告知');
    expect(after).toContain('乙市不动产登记中心');
    expect(after).toContain('按期办结');
    const id = location.match(/\/(\d+)\?/)?.[1] ?? '';
    const notice = await get(app, w.handler, `${base}/${id}/notice/html`);
    expect(notice.status).toBe(200);
    const noticeHtml = await notice.text();
    expect(noticeHtml).toContain('政府信息更正申请转送告知书');
    expect(noticeHtml).toContain('2024年11月15日将您的更正申请转送有权更正的乙市不动产登记中心处理');
    const docx = await get(app, w.handler, `${base}/${id}/notice/docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('attachment');

    // 更正 on a closed request: 409, nothing written
    const before3 = await snapshot(t.db);
    const twice = await post(app, w.handler, decide, { decision: 'amended', decidedOn: '2024-11-18', authority: '', note: '' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('不能再次办理');
    expect(await snapshot(t.db)).toBe(before3);

    // the audit log reads it in words
    const audit = await (await get(app, w.admin, `/staff/${w.a.code}/audit`)).text();
    expect(audit).toContain('办结更正申请 更正2024-0001：转送有权更正的机关并告知');
  });

  it('the list marks the overdue; a supervisor reads only; another agency finds nothing', async () => {
    n += 1;
    const w = await world(t.db, `amd${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/amendments`;
    const late = await registerAmendment(t.db, w.a.id, { ...FORM, receivedOn: '2024-09-02' }, who);
    const fresh = await registerAmendment(t.db, w.a.id, { ...FORM, requesterName: '赵丽', receivedOn: '2024-11-19' }, who);
    if (!late.ok || !fresh.ok) throw new Error('setup');
    const list = await (await get(app, w.supervisor, base)).text();
    expect(list).toContain('办理中 <strong>2</strong> 件');
    const rows = list.split('<tr>').slice(2);
    const lateRow = rows.find((r) => r.includes(late.value.number)) ?? '';
    const freshRow = rows.find((r) => r.includes(fresh.value.number)) ?? '';
    expect(lateRow).toContain('已超期');
    expect(freshRow).not.toContain('已超期');
    // read only: no link to register, no decision form, and the forms refused
    expect(list).not.toContain(`href="${base}/new"`);
    const one = await (await get(app, w.supervisor, `${base}/${late.value.id}`)).text();
    expect(one).not.toContain('办结并出具告知书');
    expect((await post(app, w.supervisor, `${base}/new`, FORM)).status).toBe(403);
    expect((await post(app, w.supervisor, `${base}/${late.value.id}/decide`, { decision: 'amended', decidedOn: '2024-11-19' })).status).toBe(403);
    // another agency: not found, even through its own workspace
    expect((await get(app, w.handlerB, `${base}/${late.value.id}`)).status).toBe(404);
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/amendments/${late.value.id}`)).status).toBe(404);
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/amendments/${late.value.id}/notice/html`)).status).toBe(404);
  });

  it('the period is the agency’s setting (栏目与设置), and the open requests follow it', async () => {
    n += 1;
    const w = await world(t.db, `amd${n}`);
    const app = appFor(t.db);
    const r = await registerAmendment(t.db, w.a.id, { ...FORM, receivedOn: '2024-11-01' }, who);
    if (!r.ok) throw new Error('setup');
    const settings = `/staff/${w.a.code}/settings`;
    expect(await (await get(app, w.admin, settings)).text()).toContain('name="amendmentWorkingDays"');
    const bad = await post(app, w.admin, `${settings}/agency`, { name: `甲市amd${n}局`, amendmentWorkingDays: '99' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('更正申请的办理期限应为1至60之间的整数');
    const saved = await post(app, w.admin, `${settings}/agency`, { name: `甲市amd${n}局`, amendmentWorkingDays: '10' });
    expect(saved.status).toBe(303);
    const row = await t.db.selectFrom('recordAmendments').select('dueOn').where('id', '=', r.value.id).executeTakeFirstOrThrow();
    // 10 working days from 11月1日: 11/4–8, 11/11–15 → 11月15日
    expect(row.dueOn).toBe('2024-11-15');
    const page = await (await get(app, w.handler, `/staff/${w.a.code}/amendments/${r.value.id}`)).text();
    expect(page).toContain('更正办理期限：2024-11-15');
    expect(page).toContain('已超期3个工作日');
  });
});
