// 年报素材 through HTTP on one engine (support/db.ts webEngines): the navigation link near 年度报告; the facts of a year listed for
// every member, added, changed and deleted (with a confirmation) by those who handle — forms without
// JavaScript, CSRF, refusals next to their field with what was typed kept and the database unchanged, a
// stale form refused; the draft with each sentence's sources, a sentence reworded (a contradicting
// figure shown as a P1 warning) and reverted; the draft downloaded as DOCX; another agency's page 404.

import { describe, expect, it } from 'vitest';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, post, world } from './staff-support.ts';

const openDay = { name: '政府开放日', theme: '勤俭节约作表率', date: '2024-05-15', participants: '25', invitees: '群众代表', forms: '座谈交流', effect: '' };

describe.each(webEngines())('年报素材 pages on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  it('lists the facts of a year for every member, linked from the navigation; adds them for those who handle', async () => {
    n += 1;
    const w = await world(t.db, `rf${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/report-facts/2024`;
    const home = await (await get(app, w.supervisor, `/staff/${w.a.code}`)).text();
    expect(home).toContain(`href="${base}">年报素材</a>`);
    expect((await get(app, w.supervisor, `/staff/${w.a.code}/report-facts`)).headers.get('location')).toBe(base);
    const empty = await (await get(app, w.supervisor, base)).text();
    expect(empty).toContain('<h1>2024年度 年报素材</h1>');
    expect(empty).toContain('<h2 id="kind-event">公众参与活动</h2>');
    expect(empty).not.toContain('登记公众参与活动'); // a supervisor reads only
    expect((await get(app, w.handlerB, base)).status).toBe(404);
    expect((await get(app, w.handler, `/staff/${w.a.code}/report-facts/2099`)).status).toBe(404);

    const added = await post(app, w.handler, `${base}/facts/event`, openDay);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toMatch(new RegExp(`^${base}\\?done=added#fact-\\d+$`));
    const page = await (await get(app, w.handler, `${base}?done=added`)).text();
    expect(page).toContain('已登记。');
    expect(page).toContain('勤俭节约作表率');
    expect(page).toContain('handler显示名');
    const eventId = Number(/id="fact-(\d+)"/.exec(page)?.[1]);
    const suggestion = await post(app, w.handler, `${base}/facts/suggestion`, { parentId: String(eventId), text: '公务用车使用情况应定期公开', rectification: '已公开', state: '已整改' });
    expect(suggestion.status).toBe(303);
    expect(await (await get(app, w.supervisor, base)).text()).toContain('收集的意见建议（1条）');
  });

  it('refuses next to the field, keeping what was typed, and changes nothing; without CSRF or the role, 403', async () => {
    n += 1;
    const w = await world(t.db, `rf${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/report-facts/2024`;
    const before = await snapshot(t.db);
    const bad = await post(app, w.handler, `${base}/facts/event`, { ...openDay, date: '2023-05-15' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="add-event-date-error"');
    expect(html).toContain('日期（2023-05-15）不在2024年内');
    expect(html).toContain('value="勤俭节约作表率"');
    expect(html).toMatch(/<details open="">\s*<summary>登记公众参与活动<\/summary>/);
    expect((await post(app, w.handler, `${base}/facts/event`, openDay, { csrf: null })).status).toBe(403);
    expect((await post(app, w.supervisor, `${base}/facts/event`, openDay)).status).toBe(403);
    expect((await post(app, w.handler, `${base}/facts/meeting`, openDay)).status).toBe(404);
    const carry = await post(app, w.handler, `${base}/carry`, {});
    expect(carry.status).toBe(422);
    expect(await carry.text()).toContain('本机关没有在平台上发布2023年度的年度报告，无法导入');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('changes a fact from its edit page (a stale form refused), and deletes it after a confirmation', async () => {
    n += 1;
    const w = await world(t.db, `rf${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/report-facts/2024`;
    const id = /#fact-(\d+)$/.exec((await post(app, w.handler, `${base}/facts/training`, { topic: '条例解读', date: '2024-04-02', participants: '30' })).headers.get('location') ?? '')?.[1];
    const form = await (await get(app, w.handler, `${base}/facts/${id}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    expect(form).toContain('value="条例解读"');
    expect((await post(app, w.handler, `${base}/facts/${id}/edit`, { topic: '条例解读', date: '2024-04-02', participants: '32', version: '1' })).status).toBe(303);
    const stale = await post(app, w.handler, `${base}/facts/${id}/edit`, { topic: '旧的', date: '2024-04-02', participants: '30', version: '1' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('已被他人修改');
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/report-facts/2024/facts/${id}/edit`)).status).toBe(404);
    const ask = await post(app, w.handler, `${base}/facts/${id}/delete`, {});
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('确认删除');
    expect(await (await get(app, w.handler, base)).text()).toContain('32');
    expect((await post(app, w.handler, `${base}/facts/${id}/delete`, { confirm: '1' })).headers.get('location')).toBe(`${base}?done=deleted`);
    expect(await (await get(app, w.handler, base)).text()).not.toContain('条例解读');
  });

  it('shows the draft with each sentence’s sources; a reworded sentence with a contradicting figure is a P1 warning; reverted; downloaded', async () => {
    n += 1;
    const w = await world(t.db, `rf${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/report-facts/2024`;
    const event = await post(app, w.handler, `${base}/facts/event`, openDay);
    const eventId = /#fact-(\d+)$/.exec(event.headers.get('location') ?? '')?.[1];
    const draft = await (await get(app, w.supervisor, `${base}/draft`)).text();
    expect(draft).toContain('<h2 id="section-overview">一、总体情况</h2>');
    expect(draft).toContain('开展了以“勤俭节约作表率”为主题的“政府开放日”活动');
    expect(draft).toContain(`href="${base}#fact-${eventId}">公众参与活动：政府开放日（2024-05-15）</a>`);
    expect(draft).toContain(`/staff/${w.a.code}/report/2024/cell?row=newReceived&amp;column=6`);
    expect(draft).toContain('需要补充的内容');
    expect(draft).not.toContain('修改这句话'); // a supervisor reads only
    const edit = await get(app, w.handler, `${base}/draft/edit?sentence=overview.applications.received`);
    expect(await edit.text()).toContain('平台的写法：“');
    expect((await get(app, w.handler, `${base}/draft/edit?sentence=overview.nothing`)).status).toBe(404);
    const saved = await post(app, w.handler, `${base}/draft/edit`, { sentence: 'overview.applications.received', text: '本局全年共受理政府信息公开申请3件。' });
    expect(saved.headers.get('location')).toBe(`${base}/draft?done=edited#s-overview-applications-received`);
    const warned = await (await get(app, w.handler, `${base}/draft`)).text();
    expect(warned).toContain('本局全年共受理政府信息公开申请3件。');
    expect(warned).toContain('警告：“一、总体情况”中写道“本局全年共受理政府信息公开申请3件”');
    expect(warned).toContain('恢复平台的写法');
    expect((await post(app, w.handler, `${base}/draft/revert`, { sentence: 'overview.applications.received' })).status).toBe(303);
    expect(await (await get(app, w.handler, `${base}/draft`)).text()).not.toContain('本局全年共受理');
    const docx = await get(app, w.supervisor, `${base}/draft.docx`);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const entries = await t.db.selectFrom('auditLog').select('action').where('agencyId', '=', w.a.id).where('action', 'like', 'report_%').execute();
    expect(entries.map((e) => e.action).sort()).toEqual(['report_draft.edit', 'report_draft.revert', 'report_fact.create']);
  });
});
