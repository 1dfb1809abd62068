// The workflow's staff pages on one engine (support/db.ts webEngines): the item page offers only the actions the state and the
// user's rights allow; forms need the CSRF token and are audited; draft → 公开属性 → 保密审查 → 提交 →
// three stages through the inbox → scheduled → published by the runner → 更正 → 撤回; a refusal
// re-renders the page with its message and changes nothing; a department's item sent up is seen by the
// parent's office; the dashboard lists the items whose 第二十六条 period is over or ending; the chain
// settings are the administrator's.

import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createItem, getItem } from '../../src/services/catalogue/items.ts';
import { publishDue } from '../../src/services/catalogue/publication.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const NOW = '2024-11-20T10:00:00.000+08:00';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

function appFor(db: Kysely<DB>, now = NOW): Hono<AppEnv> {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
  const deps: WebDeps = { config, db, calendar: async () => calendar, now: () => now, secureCookies: false };
  return createApp(deps);
}

interface Staff {
  id: number;
  name: string;
  cookie: string;
  csrf: string;
}

let counter = 0;
async function member(db: Kysely<DB>, agencyId: number, roles: Role[]): Promise<Staff> {
  counter += 1;
  const name = `网页审核${counter}`;
  const user = await createUser(db, { username: `cw-${counter}`, displayName: name, password: 'correct horse battery' }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  for (const r of roles) await addMembership(db, user.value.id, agencyId, r);
  const s = await startSession(db, user.value.id, NOW);
  return { id: user.value.id, name, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

const get = (app: Hono<AppEnv>, who: Staff, path: string) => app.request(path, { headers: { cookie: who.cookie } });
const post = (app: Hono<AppEnv>, who: Staff, path: string, fields: Record<string, string>, csrf: string | null = who.csrf) => {
  const body = new URLSearchParams(fields);
  if (csrf !== null) body.set('_csrf', csrf);
  return app.request(path, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
};
/** The actions of the page's forms under /catalogue/:id/… */
const actionsOn = (html: string): string[] => [...html.matchAll(/<form method="post" action="[^"]*\/catalogue\/\d+\/([a-z]+)"/g)].map((m) => m[1] ?? '').sort();

describe.each(webEngines())('catalogue workflow pages on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  let gov = { id: 0, code: 'cw-gov' };
  let dept = { id: 0, code: 'cw-dept' };
  let p: Record<'handler' | 'head' | 'office' | 'leader' | 'admin' | 'supervisor' | 'govOffice' | 'other', Staff>;

  beforeAll(async () => {
    app = appFor(t.db);
    const g = await createAgency(t.db, { code: 'cw-gov', name: '示范市人民政府', level: 'government' }, NOW);
    const d = await createAgency(t.db, { code: 'cw-dept', name: '示范市自然资源和规划局', level: 'department', parentCode: 'cw-gov' }, NOW);
    const o = await createAgency(t.db, { code: 'cw-other', name: '示范市教育局', level: 'department' }, NOW);
    if (!g.ok || !d.ok || !o.ok) throw new Error('agencies');
    gov = { id: g.value.id, code: g.value.code };
    dept = { id: d.value.id, code: d.value.code };
    p = {
      handler: await member(t.db, dept.id, ['handler']),
      head: await member(t.db, dept.id, ['section_head']),
      office: await member(t.db, dept.id, ['office']),
      leader: await member(t.db, dept.id, ['leader']),
      admin: await member(t.db, dept.id, ['admin']),
      supervisor: await member(t.db, dept.id, ['supervisor']),
      govOffice: await member(t.db, gov.id, ['office']),
      other: await member(t.db, o.value.id, ['admin']),
    };
  });

  const base = () => `/staff/${dept.code}/catalogue`;
  const draft = async (title: string, formedOn = '2024-11-01') => {
    const r = await createItem(t.db, dept.id, { title, category: 'a20-1', docType: '行政规范性文件', writtenOn: formedOn, formedOn, docNumber: '示范自然资规〔2024〕9号', body: '## 总则\n第一条 为了规范管理。\n- 一项\n- 二项' }, { userId: p.handler.id, name: p.handler.name, now: NOW, today: NOW.slice(0, 10) });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };

  it('the page shows the metadata and body, and only the forms the state and the role allow', async () => {
    const id = await draft('关于加强农村宅基地管理的通知');
    const res = await get(app, p.handler, `${base()}/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const label of ['索引号', '文号', '发布机构', '成文日期', '发布日期', '主题分类', '信息类别', '文件类型', '有效性', '公开属性']) expect(html).toContain(`>${label}</th>`);
    expect(html).toContain('第二十条第（一）项 行政法规、规章和规范性文件');
    expect(html).toContain('<h3>总则</h3>');
    expect(html).toContain('<li>二项</li>');
    expect(html).toContain(`${base()}/${id}/edit`);
    expect(actionsOn(html)).toEqual(['disclosure', 'secrecy', 'submit']);
    // a supervisor reads, with no form; another agency finds nothing
    expect(actionsOn(await (await get(app, p.supervisor, `${base()}/${id}`)).text())).toEqual([]);
    expect((await get(app, p.other, `${base()}/${id}`)).status).toBe(404);
    expect((await get(app, p.other, `/staff/cw-other/catalogue/${id}`)).status).toBe(404);
    // forbidden and CSRF-less posts change nothing
    const before = await snapshot(t.db);
    expect((await post(app, p.supervisor, `${base()}/${id}/disclosure`, { disclosure: '主动公开' })).status).toBe(403);
    expect((await post(app, p.handler, `${base()}/${id}/disclosure`, { disclosure: '主动公开' }, null)).status).toBe(403);
    expect((await post(app, p.handler, `${base()}/${id}/disclosure`, { disclosure: '主动公开' }, 'wrong')).status).toBe(403);
    // a refusal re-renders the page with its message
    const refused = await post(app, p.handler, `${base()}/${id}/disclosure`, { disclosure: '不予公开', reason: '内部事务' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('认定为“不予公开”须选择依据');
    const noDisclosure = await post(app, p.handler, `${base()}/${id}/submit`, {});
    expect(noDisclosure.status).toBe(409);
    expect(await noDisclosure.text()).toContain('请先认定公开属性');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('draft → 公开属性 → 保密审查 → 三审 through the inbox → scheduled → runner → 更正 → 撤回, audited', async () => {
    const id = await draft('示范市国土空间规划管理办法');
    const page = () => `${base()}/${id}`;
    let r = await post(app, p.handler, `${page()}/disclosure`, { disclosure: '主动公开', reason: '', article: '' });
    expect([r.status, r.headers.get('location')]).toEqual([303, `${page()}?done=disclosure`]);
    r = await post(app, p.handler, `${page()}/secrecy`, { conclusion: '不涉密', note: '', version: '1' });
    expect(r.status).toBe(303);
    r = await post(app, p.handler, `${page()}/submit`, {});
    expect(r.status).toBe(303);
    expect(await (await get(app, p.handler, `${page()}?done=submit`)).text()).toContain('已提交审核。');

    // each reviewer finds it in the inbox at their stage, and only then has the decision form
    for (const [who, stage] of [
      [p.head, '初审'],
      [p.office, '复审'],
      [p.leader, '签发'],
    ] as const) {
      const box = await (await get(app, who, `/staff/${dept.code}/inbox`)).text();
      expect(box).toContain(`href="${page()}"`);
      expect(box).toContain(`${stage}（第`);
      const html = await (await get(app, who, page())).text();
      // the reviewer decides (and, handling the agency's work, may record a 保密审查 during review)
      expect(actionsOn(html)).toEqual(['review', 'secrecy']);
      expect(actionsOn(await (await get(app, p.handler, page())).text())).toEqual(['secrecy']);
      const d = await post(app, who, `${page()}/review`, { decision: 'approve', comment: `${stage}同意`, stage: String(['初审', '复审', '签发'].indexOf(stage) + 1) });
      expect(d.status).toBe(303);
    }
    expect((await get(app, p.head, `/staff/${dept.code}/inbox`)).status).toBe(200);
    expect(await (await get(app, p.head, `/staff/${dept.code}/inbox`)).text()).toContain('目前没有等待您审核的事项');
    const approved = await (await get(app, p.handler, page())).text();
    expect(actionsOn(approved)).toEqual(['publish', 'publish']); // now, or at a moment
    expect(approved).toContain('签发同意');

    r = await post(app, p.handler, `${page()}/publish`, { publishAt: '2024-11-21T09:00' });
    expect([r.status, r.headers.get('location')]).toEqual([303, `${page()}?done=schedule`]);
    expect(actionsOn(await (await get(app, p.handler, page())).text())).toEqual(['publish', 'unschedule']);
    await publishDue(t.db, '2024-11-21T09:00:05.000+08:00');
    const LATER = '2024-11-25T10:00:00.000+08:00';
    const later = appFor(t.db, LATER);
    // sessions of that day
    for (const k of ['leader', 'handler'] as const) {
      const s = await startSession(t.db, p[k].id, LATER);
      p[k] = { ...p[k], cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
    }
    const published = await (await get(later, p.leader, page())).text();
    expect(published).toContain('已发布');
    expect(actionsOn(published)).toEqual(['withdraw']);
    expect(published).toContain(`${page()}/correct`);
    expect(actionsOn(await (await get(later, p.handler, page())).text())).toEqual([]); // 经办人: neither 撤回 nor 更正

    // 更正: the form filled in, a note required
    const form = await (await get(later, p.leader, `${page()}/correct`)).text();
    expect(form).toContain('value="示范市国土空间规划管理办法"');
    const fields = { title: '示范市国土空间规划管理办法', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01', formedOn: '2024-11-01', docNumber: '示范自然资规〔2024〕10号', body: '## 总则\n第一条（更正）', expectedVersion: '1' };
    const noNote = await post(later, p.leader, `${page()}/correct`, { ...fields, note: '' });
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain('请写明更正说明');
    r = await post(later, p.leader, `${page()}/correct`, { ...fields, note: '文号有误' });
    expect(r.status).toBe(303);
    const corrected = await (await get(later, p.leader, page())).text();
    expect(corrected).toContain('已更正');
    expect(corrected).toContain('示范自然资规〔2024〕10号');

    r = await post(later, p.leader, `${page()}/withdraw`, { reason: '' });
    expect(r.status).toBe(422);
    r = await post(later, p.leader, `${page()}/withdraw`, { reason: '已被新规定替代' });
    expect(r.status).toBe(303);
    expect(await (await get(later, p.leader, page())).text()).toContain('已撤回');
    expect((await getItem(t.db, dept.id, id))?.state).toBe('withdrawn');

    const audit = await t.db.selectFrom('auditLog').select(['action', 'userId']).where('target', '=', `catalogue:${id}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'catalogue.create',
      'catalogue.disclosure',
      'catalogue.secrecy_review',
      'catalogue.submit',
      'catalogue.review.approve',
      'catalogue.review.approve',
      'catalogue.review.approve',
      'catalogue.schedule',
      'catalogue.publish',
      'catalogue.correct',
      'catalogue.withdraw',
    ]);
    expect(audit[4]?.userId).toBe(p.head.id);
  });

  it('returned with comments; the parent office sees what is sent up; the chain is the administrator’s', async () => {
    // the administrator sets 初审 here, 审核发布 by the government's office
    expect((await get(app, p.handler, `${base()}/chain`)).status).toBe(403);
    const chainPage = await (await get(app, p.admin, `${base()}/chain`)).text();
    expect(chainPage).toContain('示范市人民政府');
    const bad = await post(app, p.admin, `${base()}/chain`, { stage1_name: '初审' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('选择至少一个可以审核的角色');
    const set = await post(app, p.admin, `${base()}/chain`, { stage1_name: '初审', stage1_role_section_head: '1', stage1_agency: 'self', stage2_name: '审核发布', stage2_role_office: '1', stage2_agency: 'parent' });
    expect([set.status, set.headers.get('location')]).toEqual([303, `${base()}/chain?done=saved`]);

    const id = await draft('示范市自然资源和规划局2024年工作动态');
    const page = `${base()}/${id}`;
    const attachment = await t.db
      .insertInto('catalogueAttachments')
      .values({ itemId: id, position: 1, fileName: '附件1.png', mediaType: 'image/png', size: 4, sha256: 'a'.repeat(64), content: new Uint8Array([137, 80, 78, 71]), createdAt: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    // before it is sent up, the government sees neither the item nor its attachment
    expect((await get(app, p.govOffice, `/staff/${gov.code}/catalogue/${id}/attachments/${attachment.id}`)).status).toBe(404);
    await post(app, p.handler, `${page}/disclosure`, { disclosure: '主动公开' });
    await post(app, p.handler, `${page}/secrecy`, { conclusion: '不涉密', version: '1' });
    await post(app, p.handler, `${page}/submit`, {});
    const noComment = await post(app, p.head, `${page}/review`, { decision: 'return', comment: '', stage: '1' });
    expect(noComment.status).toBe(422);
    expect(await noComment.text()).toContain('退回须写明意见');
    expect((await post(app, p.head, `${page}/review`, { decision: 'return', comment: '标题请写全称', stage: '1' })).status).toBe(303);
    const returned = await (await get(app, p.handler, page)).text();
    expect(returned).toContain('标题请写全称');
    expect(actionsOn(returned)).toEqual(['disclosure', 'secrecy', 'submit']);

    await post(app, p.handler, `${page}/submit`, {});
    await post(app, p.head, `${page}/review`, { decision: 'approve', comment: '', stage: '1' });
    // the government's office: in its inbox, the item under its own agency's path
    const govPage = `/staff/${gov.code}/catalogue/${id}`;
    const box = await (await get(app, p.govOffice, `/staff/${gov.code}/inbox`)).text();
    expect(box).toContain(`href="${govPage}"`);
    expect(box).toContain('示范市自然资源和规划局');
    const seen = await (await get(app, p.govOffice, govPage)).text();
    expect(seen).toContain('送本机关审核');
    expect(actionsOn(seen)).toEqual(['review']);
    // its attachment opens under the government's own path; an agency with no part in it gets nothing
    expect(seen).toContain(`href="${govPage}/attachments/${attachment.id}"`);
    const file = await get(app, p.govOffice, `${govPage}/attachments/${attachment.id}`);
    expect([file.status, [...new Uint8Array(await file.arrayBuffer())]]).toEqual([200, [137, 80, 78, 71]]);
    expect((await get(app, p.other, `/staff/cw-other/catalogue/${id}/attachments/${attachment.id}`)).status).toBe(404);
    expect((await post(app, p.govOffice, `${govPage}/review`, { decision: 'approve', comment: '同意发布', stage: '2' })).status).toBe(303);
    expect((await getItem(t.db, dept.id, id))?.state).toBe('approved');
    // the department's own office had no part in it
    expect((await post(app, p.office, `${page}/review`, { decision: 'approve', stage: '2' })).status).toBe(409);
    await t.db.deleteFrom('reviewChains').where('agencyId', '=', dept.id).execute();
  });

  it('the dashboard lists the items past or near their 20-working-day period, linked', async () => {
    // today 2024-11-20: formed 2024-10-21 → due 2024-11-18 (overdue); formed 2024-10-25 → due 2024-11-22 (2 left)
    const late = await draft('超期未公开的通知', '2024-10-21');
    const soon = await draft('即将到期的通知', '2024-10-25');
    const fresh = await draft('刚形成的通知', '2024-11-19');
    const html = await (await get(app, p.handler, `/staff/${dept.code}`)).text();
    expect(html).toContain('主动公开期限');
    const overdue = html.slice(html.indexOf('已超期的主动公开信息'), html.indexOf('3个工作日内到期的主动公开信息'));
    expect(overdue).toContain(`${base()}/${late}`);
    expect(overdue).toContain('2024-11-18');
    const dueSoon = html.slice(html.indexOf('3个工作日内到期的主动公开信息'));
    expect(dueSoon).toContain(`${base()}/${soon}`);
    expect(dueSoon).toContain('2024-11-22');
    expect(html).not.toContain(`${base()}/${fresh}"`);
  });
});
