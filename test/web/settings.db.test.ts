// 栏目与设置 through HTTP: an administrator renames the agency, sets its 文号 prefix and edits the
// 政府信息公开指南 and 制度 — the public column shows each change at once (its pages are cached), a bad
// value is refused with the form kept as typed, every change is in the audit log, and nobody else may
// see or post the page — on one engine (support/db.ts webEngines).

import { describe, expect, it } from 'vitest';
import { agencySettings, createAgency } from '../../src/services/agencies.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, post, world } from './staff-support.ts';

describe.each(webEngines())('agency settings and column pages on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  it('an administrator edits the guide, the rules, the name and the 文号 prefix; the public column follows at once', async () => {
    n += 1;
    const w = await world(t.db, `set${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/settings`;

    const page = await get(app, w.admin, base);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('栏目与设置');
    expect(html).toContain('现在显示平台生成的通用文本。');
    expect(html).toMatch(/还有 \d+ 处“【待填写】”需要补充/);
    expect(html).toContain(`href="/staff/${w.a.code}/settings" aria-current="page"`);

    // the public guide, cached before the change
    const before = await (await app.request(`/${w.a.code}/guide`)).text();
    expect(before).toContain('【待填写');

    const guide = '## 一、主动公开\n本机关主动公开的信息，在本栏目发布。\n## 二、依申请公开\n- 在线申请\n- 信函申请\n<script>alert(1)</script>';
    const saved = await post(app, w.admin, `${base}/pages/guide`, { body: guide });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${base}?done=guide`);
    const after = await (await app.request(`/${w.a.code}/guide`)).text();
    expect(after).toContain('本机关主动公开的信息，在本栏目发布。');
    expect(after).toContain('<li>信函申请</li>');
    expect(after).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(after).not.toContain('【待填写');
    const done = await (await get(app, w.admin, `${base}?done=guide`)).text();
    expect(done).toContain('已保存并发布政府信息公开指南。');
    expect(done).toContain('本机关的文本，最后修改于');

    const rules = await post(app, w.admin, `${base}/pages/rules`, { body: '## 制度\n保密审查制度。' });
    expect(rules.status).toBe(303);
    expect(await (await app.request(`/${w.a.code}/rules`)).text()).toContain('保密审查制度。');
    // cleared: the default text again
    expect((await post(app, w.admin, `${base}/pages/rules`, { body: '' })).status).toBe(303);
    expect(await (await app.request(`/${w.a.code}/rules`)).text()).not.toContain('保密审查制度。');

    // too long: refused, the text kept as typed, nothing changed
    const long = `## 长\n${'字'.repeat(50_001)}`;
    const refused = await post(app, w.admin, `${base}/pages/guide`, { body: long });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('不能超过50000个字符');
    expect(refusedHtml).toContain('href="#page-guide"');
    expect(refusedHtml).toContain('字'.repeat(1000));
    expect(await (await app.request(`/${w.a.code}/guide`)).text()).toContain('本机关主动公开的信息');
    expect((await post(app, w.admin, `${base}/pages/other`, { body: 'x' })).status).toBe(404);

    // name and prefix
    const home = await (await app.request(`/${w.a.code}/`)).text();
    expect(home).toContain(`甲市set${n}局`);
    const badPrefix = await post(app, w.admin, `${base}/agency`, { name: '甲市新名局', documentPrefix: '甲〔' });
    expect(badPrefix.status).toBe(422);
    const badHtml = await badPrefix.text();
    expect(badHtml).toContain('href="#agency-prefix"');
    expect(badHtml).toContain('value="甲市新名局"'); // kept as typed
    const unchanged = await agencySettings(t.db, w.a.code);
    expect(unchanged.ok && unchanged.value.agency.name).toBe(`甲市set${n}局`); // nothing saved
    const renamed = await post(app, w.admin, `${base}/agency`, { name: '甲市新名局', documentPrefix: '甲新公开' });
    expect(renamed.status).toBe(303);
    expect(await (await app.request(`/${w.a.code}/`)).text()).toContain('甲市新名局');
    const settings = await agencySettings(t.db, w.a.code);
    expect(settings.ok && settings.value).toMatchObject({ agency: { name: '甲市新名局' }, documentPrefix: '甲新公开', documentPrefixSet: true });
    expect(await (await get(app, w.admin, base)).text()).toContain(`甲新公开〔`);

    // the audit log has each change
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target']).where('agencyId', '=', w.a.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['column.page', 'column.page', 'column.page', 'agency.update']);
  });

  it('only the agency’s administrator sees or posts the page; the CSRF token is required', async () => {
    n += 1;
    const w = await world(t.db, `set${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/settings`;
    expect((await get(app, w.handler, base)).status).toBe(403);
    expect((await get(app, w.supervisor, base)).status).toBe(403);
    expect((await get(app, w.handlerB, base)).status).toBe(404);
    expect((await post(app, w.handler, `${base}/pages/guide`, { body: '## 改\n改。' })).status).toBe(403);
    expect((await post(app, w.handlerB, `${base}/agency`, { name: '乙改甲' })).status).toBe(404);
    expect((await post(app, w.admin, `${base}/agency`, { name: '甲改名局' }, { csrf: null })).status).toBe(403);
    expect((await post(app, w.admin, `${base}/pages/guide`, { body: '## 改\n改。' }, { csrf: 'x'.repeat(43) })).status).toBe(403);
    const settings = await agencySettings(t.db, w.a.code);
    expect(settings.ok && settings.value.agency.name).toBe(`甲市set${n}局`);
    expect(await (await app.request(`/${w.a.code}/guide`)).text()).not.toContain('改。');
    // the navigation offers the page to the administrator only
    expect(await (await get(app, w.handler, `/staff/${w.a.code}`)).text()).not.toContain('栏目与设置');
    expect(await (await get(app, w.admin, `/staff/${w.a.code}`)).text()).toContain('栏目与设置');
  });
});

describe.each(webEngines())('agency codes on %s', (engine) => {
  const t = useDatabase(engine);
  it('refuses a code that is an address of the platform itself', async () => {
    for (const code of ['staff', 'API', 'setup', 'assets', 'account', 'platform']) {
      const r = await createAgency(t.db, { code, name: '某某局', level: 'department' }, '2024-11-20T10:00:00+08:00');
      expect(r.ok, code).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_INPUT', field: 'code' });
    }
    expect((await createAgency(t.db, { code: 'staffing', name: '某某局', level: 'department' }, '2024-11-20T10:00:00+08:00')).ok).toBe(true);
  });
});
