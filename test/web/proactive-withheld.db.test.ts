// 转为主动公开 and 不予公开信息评估审查 through HTTP: the application page of a reply 予以公开 offers the action,
// its form makes the draft and leads to it, the item page names its source application with a link back; a
// reply 不予公开 offers no action and a forced post is refused with nothing written. The register is linked
// from the navigation and the dashboard (with the due count), lists the entries, records a review and
// refuses a review dated in the future with the form kept; a supervisor reads it but has no form.

import { describe, expect, it } from 'vitest';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, post, who, world } from './staff-support.ts';

describe.each(webEngines())('转主动公开 and 不予公开审查 pages on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  const replied = async (agencyId: number, outcome: 'OPEN_PROVIDE' | 'DENY_INTERNAL_AFFAIRS', request: string, on: string) => {
    const r = await registerApplication(t.db, agencyId, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: on, receivedOn: on, request }, who);
    if (!r.ok) throw new Error(r.error.message);
    const e = await recordEvent(t.db, agencyId, r.value.id, { type: 'reply', occurredOn: on, outcome }, who);
    if (!e.ok) throw new Error(e.error.message);
    return r.value;
  };

  it('turns a reply 予以公开 into a catalogue draft linked both ways; refuses a reply 不予公开', async () => {
    n += 1;
    const w = await world(t.db, `pro${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}`;
    const open = await replied(w.a.id, 'OPEN_PROVIDE', '2024年城区道路改造工程招标文件', '2024-10-09');
    const denied = await replied(w.a.id, 'DENY_INTERNAL_AFFAIRS', '局内部人事安排', '2023-09-04');

    const page = await (await get(app, w.handler, `${base}/applications/${open.id}`)).text();
    expect(page).toContain(`href="${base}/applications/${open.id}/proactive"`);
    expect(page).toContain('转为主动公开');
    const deniedPage = await (await get(app, w.handler, `${base}/applications/${denied.id}`)).text();
    expect(deniedPage).not.toContain(`/applications/${denied.id}/proactive`);

    const form = await get(app, w.handler, `${base}/applications/${open.id}/proactive`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('value="2024年城区道路改造工程招标文件"');
    expect(formHtml).toContain('第二十条第（一）项');

    // refusals write nothing: no category (the form kept), and a reply 不予公开
    const before = await snapshot(t.db);
    const noCategory = await post(app, w.handler, `${base}/applications/${open.id}/proactive`, { category: '', title: '道路改造招标文件' });
    expect(noCategory.status).toBe(422);
    const noCategoryHtml = await noCategory.text();
    expect(noCategoryHtml).toContain('请填写信息类别');
    expect(noCategoryHtml).toContain('value="道路改造招标文件"');
    const refused = await post(app, w.handler, `${base}/applications/${denied.id}/proactive`, { category: 'a20-15', title: '局内部人事安排' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('只有答复为“予以公开”或“部分公开”的申请可以转为主动公开');
    expect(await snapshot(t.db)).toBe(before);

    const made = await post(app, w.handler, `${base}/applications/${open.id}/proactive`, { category: 'a20-15', title: '道路改造招标文件', summary: '', formedOn: '2024-10-09' });
    expect(made.status).toBe(303);
    const location = made.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${base}/catalogue/\\d+$`));
    const item = await (await get(app, w.handler, location)).text();
    expect(item).toContain('道路改造招标文件');
    expect(item).toContain('依申请公开');
    expect(item).toContain(`href="${base}/applications/${open.id}">${open.number}</a>`);
    const after = await (await get(app, w.handler, `${base}/applications/${open.id}`)).text();
    expect(after).toContain(`href="${location}"`);
    expect(after).toContain('已转为主动公开');
    // the applicant's suggestion (条例第四十四条第二款): a step of the page's other actions, the state unchanged
    expect(after).toContain('id="action-suggest_proactive"');
    const suggested = await post(app, w.handler, `${base}/applications/${open.id}/events`, { type: 'suggest_proactive', occurredOn: '2024-11-20', note: '申请人建议主动公开' });
    expect(suggested.status).toBe(303);
    const withSuggestion = await (await get(app, w.handler, `${base}/applications/${open.id}`)).text();
    expect(withSuggestion).toContain('登记申请人关于纳入主动公开的建议');
    expect(withSuggestion).toContain('申请人建议主动公开');
    expect(withSuggestion).toContain('已答复');
    // another agency's staff find nothing (404)
    expect((await get(app, w.handlerB, `/staff/${w.a.code}/applications/${open.id}/proactive`)).status).toBe(404);
  });

  it('the register: linked from the navigation and the dashboard, a review recorded, a future date refused', async () => {
    n += 1;
    const w = await world(t.db, `wh${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}`;
    const denied = await replied(w.a.id, 'DENY_INTERNAL_AFFAIRS', '局内部人事安排', '2023-09-04');

    const home = await (await get(app, w.handler, base)).text();
    expect(home).toContain(`href="${base}/withheld"`);
    expect(home).toContain('不予公开信息到期待审查（1件）');
    expect(home).toContain(`href="${base}/withheld?due=1"`);

    const register = await get(app, w.handler, `${base}/withheld?due=1`);
    expect(register.status).toBe(200);
    const html = await register.text();
    expect(html).toContain(denied.number);
    expect(html).toContain('不予公开：属于三类内部事务信息');
    // decided 2023-09-04, every 12 months: due since 2024-09-04
    expect(html).toContain('2024-09-04');
    expect(html).toContain('<span class="badge overdue">待审查</span>');

    const before = await snapshot(t.db);
    const future = await post(app, w.handler, `${base}/withheld/review`, { source: 'application', sourceId: String(denied.id), reviewedOn: '2024-11-21', outcome: 'still_withheld', note: '情势未变' });
    expect(future.status).toBe(422);
    const futureHtml = await future.text();
    expect(futureHtml).toContain('不能晚于今天');
    expect(futureHtml).toContain('情势未变');
    expect(await snapshot(t.db)).toBe(before);

    const done = await post(app, w.handler, `${base}/withheld/review`, { source: 'application', sourceId: String(denied.id), reviewedOn: '2024-11-20', outcome: 'still_withheld', note: '人事安排仍属内部事务' });
    expect(done.status).toBe(303);
    const afterHtml = await (await get(app, w.handler, done.headers.get('location') ?? '')).text();
    expect(afterHtml).toContain('已登记审查结论：仍不予公开。');
    expect(afterHtml).toContain('2025-11-20');
    expect(await (await get(app, w.handler, base)).text()).toContain('不予公开信息到期待审查（0件）');

    // a supervisor reads, without the form; another agency's handler finds nothing
    const read = await (await get(app, w.supervisor, `${base}/withheld`)).text();
    expect(read).toContain(denied.number);
    expect(read).not.toContain('登记审查结论');
    expect((await post(app, w.supervisor, `${base}/withheld/review`, { source: 'application', sourceId: String(denied.id), reviewedOn: '2024-11-20', outcome: 'still_withheld', note: 'x' })).status).toBe(403);
    expect((await get(app, w.handlerB, `${base}/withheld`)).status).toBe(404);

    // the period is a setting of the agency: 0 refused, 6 months taken
    const settings = await (await get(app, w.admin, `${base}/settings`)).text();
    expect(settings).toContain('name="withheldReviewMonths"');
    const zero = await post(app, w.admin, `${base}/settings/agency`, { name: `甲市wh${n}局`, withheldReviewMonths: '0' });
    expect(zero.status).toBe(422);
    expect(await zero.text()).toContain('评估审查周期应为1至60之间的整数');
    expect((await post(app, w.admin, `${base}/settings/agency`, { name: `甲市wh${n}局`, withheldReviewMonths: '6' })).status).toBe(303);
    const six = await (await get(app, w.handler, `${base}/withheld`)).text();
    expect(six).toContain('每6个月评估审查一次');
    expect(six).toContain('2025-05-20');
  });
});
