// Issue #9 on the staff pages and the API: notices are offered only with the step they belong to (or for
// a step recorded without one), the forms are filled from the step, the 征询函 goes to the party named
// (not "third_party："), an extension after the reply period is refused in the workspace and the API, and
// every refusal leaves the database unchanged.

import { describe, expect, it } from 'vitest';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import { updateSite } from '../../src/services/agency-site.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, NOW, post, TODAY, world } from './staff-support.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: NOW, today: TODAY, calendar };
const text = (r: Response) => r.text();

describe.each(webEngines())('notices in the workspace and the API on %s', (engine) => {
  const t = useDatabase(engine);
  const register = async (agencyId: number, receivedOn: string) => {
    const r = await registerApplication(t.db, agencyId, { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: receivedOn, request: '某地块的征收批复' }, { ...who, today: TODAY });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };

  it('the 征询函 from the staff page is addressed to the party named; the party type is its own field', async () => {
    const w = await world(t.db, 'consult');
    const id = await register(w.a.id, '2024-11-18');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications/${id}`;
    const form = await text(await get(app, w.handler, `${base}/documents?kind=consultation_letter`));
    expect(form).toContain('name="party"');
    expect(form).toContain('name="partyName"');
    expect(form).not.toContain('name="consultee"');
    const before = await snapshot(t.db);
    const nameless = await post(app, w.handler, `${base}/documents`, { kind: 'consultation_letter', mode: 'record', occurredOn: TODAY, party: 'third_party', partyName: '', reason: '涉及商业秘密' });
    expect(nameless.status).toBe(422);
    expect(await text(nameless)).toContain('请填写被征求意见方的名称');
    expect(await snapshot(t.db)).toBe(before);
    const ok = await post(app, w.handler, `${base}/documents`, {
      kind: 'consultation_letter',
      mode: 'record',
      occurredOn: TODAY,
      party: 'third_party',
      partyName: '示范市某某房地产开发有限公司',
      letterReceivedOn: TODAY,
      reason: '申请人申请公开贵公司提交的用地申请材料',
    });
    expect(ok.status).toBe(303);
    const doc = await t.db.selectFrom('documents').select(['html', 'eventSeq']).where('applicationId', '=', id).executeTakeFirstOrThrow();
    expect(doc.html).toContain('<p class="gk-addressee">示范市某某房地产开发有限公司：</p>');
    expect(doc.html).not.toContain('third_party');
    const state = await t.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    expect(state.state).toBe('consulting');
    // the step has its notice: the page offers no second one, and shows the third party's period
    const page = await text(await get(app, w.handler, base));
    expect(page).not.toContain('documents?kind=consultation_letter');
    expect(page).toContain('第三方答复期限');
  });

  it('offers only what the state allows; the form of a step recorded without its notice is filled from it', async () => {
    const w = await world(t.db, 'offer');
    const id = await register(w.a.id, '2024-11-18');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications/${id}`;
    const step = await recordEvent(t.db, w.a.id, id, { type: 'start_consultation', occurredOn: '2024-11-19', party: 'other_agency', partyName: '示范市住房和城乡建设局' }, who);
    if (!step.ok) throw new Error(step.error.message);
    // 征求意见中: no reply, no 补正; the letter of the recorded step is offered
    const choice = await text(await get(app, w.handler, `${base}/documents`));
    expect(choice).not.toContain('value="reply"');
    expect(choice).not.toContain('value="correction_notice"');
    expect(choice).toContain('value="consultation_letter"');
    const refused = await text(await get(app, w.handler, `${base}/documents?kind=reply`));
    expect(refused).toContain('此时不能出具该文书');
    const form = await text(await get(app, w.handler, `${base}/documents?kind=consultation_letter`));
    expect(form).toContain('value="2024-11-19"');
    expect(form).toContain('示范市住房和城乡建设局');
    expect(form).toContain('反馈期限');
    const before = await snapshot(t.db);
    const wrong = await post(app, w.handler, `${base}/documents`, { kind: 'reply', mode: 'record', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' });
    expect(wrong.status).toBe(409);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('an extension after the reply period is refused in the workspace, citing 第三十三条, and changes nothing', async () => {
    const w = await world(t.db, 'late');
    // received 2024-10-08: reply due 2024-11-04, passed on 2024-11-20
    const id = await register(w.a.id, '2024-10-08');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/applications/${id}`;
    const before = await snapshot(t.db);
    const r = await post(app, w.admin, `${base}/events`, { type: 'approve_extension', occurredOn: TODAY, workingDays: '20' });
    expect(r.status).toBe(409);
    expect(await text(r)).toContain('第三十三条');
    const notice = await post(app, w.admin, `${base}/documents`, { kind: 'extension_notice', mode: 'record', occurredOn: TODAY, workingDays: '20', reason: '需要调取档案' });
    expect(notice.status).toBe(409);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('the API refuses an extension after the period and a second reply, unchanged; issues a reply with its step', async () => {
    const w = await world(t.db, 'api');
    const user = await createUser(t.db, { username: 'apilead', displayName: '科长', password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    await addMembership(t.db, user.value.id, w.a.id, 'section_head');
    const token = await createApiToken(t.db, user.value.id, 'test', NOW);
    if (!token.ok) throw new Error(token.error.message);
    const call = (path: string, body: unknown) =>
      appFor(t.db).request(`/api/v1${path}?agency=${w.a.code}`, { method: 'POST', headers: { authorization: `Bearer ${token.value.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const late = await register(w.a.id, '2024-10-08');
    const before = await snapshot(t.db);
    const ext = await call(`/applications/${late}/events`, { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 });
    expect(ext.status).toBe(409);
    const body = (await ext.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('EXTENSION_AFTER_DUE');
    expect(body.error.message).toContain('第三十三条');
    expect(await snapshot(t.db)).toBe(before);

    const id = await register(w.a.id, '2024-11-18');
    const values = { reason: '经检索，本机关未制作该信息', reviewBody: '甲市人民政府' };
    const first = await call(`/applications/${id}/documents`, { kind: 'reply', values, step: { type: 'reply', occurredOn: TODAY, outcome: 'NOT_HELD' } });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { document: { eventSeq: number } }).document.eventSeq).toBe(2);
    const after = await snapshot(t.db);
    const second = await call(`/applications/${id}/documents`, { kind: 'reply', issuedOn: TODAY, values, outcome: 'OPEN_PROVIDE' });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('NOTICE_ALREADY_ISSUED');
    expect(await snapshot(t.db)).toBe(after);
  });

  it('the notice form says when the contact line is missing and where to set it; once set, shows the line', async () => {
    const w = await world(t.db, 'contact');
    const id = await register(w.a.id, '2024-11-18');
    const app = appFor(t.db);
    const url = `/staff/${w.a.code}/applications/${id}/documents?kind=correction_notice`;
    const missing = await text(await get(app, w.handler, url));
    expect(missing).toContain('本机关尚未设置告知书中的联系方式');
    expect(missing).toContain(`href="/staff/${w.a.code}/settings/site"`);
    const set = await updateSite(t.db, w.a.code, { officeName: '甲市政府信息公开办公室', phone: '0955-7012345' }, { userId: null }, NOW);
    if (!set.ok) throw new Error(set.error.message);
    const shown = await text(await get(app, w.handler, url));
    expect(shown).not.toContain('本机关尚未设置告知书中的联系方式');
    expect(shown).toContain('告知书载明的联系方式：联系机构：甲市政府信息公开办公室；联系电话：0955-7012345');
  });
});
