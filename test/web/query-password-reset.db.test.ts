// 重置查询密码 on the staff pages: the button under an online application, a confirmation, then the new
// password shown once (no-store); the old password opens nothing after it, the new one does. Read-only
// roles may not; another agency's application is not found; a paper application has nothing to reset.

import { describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/services/applications.ts';
import { submitOnline } from '../../src/services/public-applications.ts';
import type { OnlineApplicationInput } from '../../src/services/public-applications.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';
import { publicApp, Visitor } from './public-support.ts';
import { appFor, get, NOW, post, TODAY, world } from './staff-support.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const input: OnlineApplicationInput = {
  applicantType: 'natural_person',
  applicantName: '孙七',
  idKind: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: '',
  address: '',
  request: '某小区规划许可证',
  deliveryForm: 'on_site',
  identityProof: { bytes: PNG, type: 'image/png', name: '身份证.png' },
};

describe.each(webEngines())('重置查询密码 on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  it('confirms, then shows the new password once; the old one stops opening the status, the new one opens it', async () => {
    n += 1;
    const w = await world(t.db, `qr${n}`);
    const app = appFor(t.db);
    const r = await submitOnline(t.db, w.a.code, input, NOW, TEST_QUERY_KEY);
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.applicationId;
    const path = `/staff/${w.a.code}/applications/${id}/query-password`;

    const page = await (await get(app, w.handler, `/staff/${w.a.code}/applications/${id}`)).text();
    expect(page).toContain(`action="${path}"`);
    expect(page).toContain('重置查询密码');
    expect(await (await get(app, w.supervisor, `/staff/${w.a.code}/applications/${id}`)).text()).not.toContain(path);

    const confirm = await post(app, w.handler, path, {});
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('原查询密码立即失效');
    expect(confirmHtml).toContain('name="confirm" value="1"');
    // nothing reset yet: the old password still opens
    const citizen = publicApp(t.db);
    const query = (password: string) => new Visitor(citizen).submit(`/${w.a.code}/status`, `/${w.a.code}/status`, { code: r.value.receiptCode, password });
    expect((await query(r.value.password)).status).toBe(303);

    const done = await post(app, w.handler, path, { confirm: '1' });
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toBe('no-store');
    const html = await done.text();
    const password = /<th[^>]*>查询密码<\/th>\s*<td[^>]*>([^<]+)<\/td>/.exec(html)?.[1] ?? '';
    expect(password, html).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(html).toContain(r.value.number);
    expect((await query(r.value.password)).status).toBe(422);
    expect((await query(password)).status).toBe(303);

    // audited, in words, without the password
    const audit = await (await get(app, w.admin, `/staff/${w.a.code}/audit`)).text();
    expect(audit).toContain('查询密码');
    expect(audit).not.toContain(password);
  });

  it('is refused to a read-only role, not found for another agency, and refused for a paper application', async () => {
    n += 1;
    const w = await world(t.db, `qr${n}`);
    const app = appFor(t.db);
    const r = await submitOnline(t.db, w.a.code, input, NOW, TEST_QUERY_KEY);
    if (!r.ok) throw new Error(r.error.message);
    const path = `/staff/${w.a.code}/applications/${r.value.applicationId}/query-password`;
    expect((await post(app, w.supervisor, path, { confirm: '1' })).status).toBe(403);
    expect((await post(app, w.handlerB, `/staff/${w.b.code}/applications/${r.value.applicationId}/query-password`, { confirm: '1' })).status).toBe(404);
    expect((await post(app, w.handler, path, { confirm: '1' }, { csrf: null })).status).toBe(403);
    const paper = await registerApplication(t.db, w.a.id, { applicantType: 'natural_person', applicantName: '周八', channel: 'in_person', submittedOn: TODAY, request: '某文件' }, { actor: 't', now: NOW, today: TODAY });
    if (!paper.ok) throw new Error(paper.error.message);
    const refused = await post(app, w.handler, `/staff/${w.a.code}/applications/${paper.value.id}/query-password`, { confirm: '1' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('没有回执码和查询密码');
    // the original password still opens
    const visitor = new Visitor(publicApp(t.db));
    expect((await visitor.submit(`/${w.a.code}/status`, `/${w.a.code}/status`, { code: r.value.receiptCode, password: r.value.password })).status).toBe(303);
  });
});
