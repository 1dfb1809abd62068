// The input holes of issue #10: bodies refused by size before they are read (a declared 300 MB and a
// streamed body without Content-Length), the API held to the forms' field rules (a 1 MB 承办人), NUL
// refused with a field message in the public form, the staff forms and the API, a garbled query
// parameter answered 400, and PostgreSQL's encoding errors answered 400 should anything reach it.

import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser, startSession } from '../../src/services/accounts.ts';
import { loadWorkingCalendar } from '../../src/services/calendar-store.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { webEngines, useDatabase, withDatabase } from '../support/db.ts';
import { publicApp, validFields, Visitor } from './public-support.ts';
import { appFor, NOW, post, TODAY, who, world } from './staff-support.ts';
import type { World } from './staff-support.ts';

/** A body that would be `total` bytes, streamed in 64 KB chunks without Content-Length; `pulled()` tells how much was read. */
function streamed(total: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => sent };
}

const FORM = 'application/x-www-form-urlencoded';
const MB = 1024 * 1024;

describe.each(webEngines())('input rules on %s', (engine) => {
  const t = useDatabase(engine);
  let w: World;
  let token = '';

  beforeAll(async () => {
    w = await world(t.db, 'rules');
    const made = await createApiToken(t.db, w.handler.id, 'rules', `${TODAY}T10:00:00.000+08:00`);
    if (!made.ok) throw new Error(made.error.message);
    token = made.value.token;
  });

  const api = (method: string, path: string, body?: unknown) =>
    appFor(t.db).request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  describe('bodies over the limit are refused before they are read', () => {
    for (const path of ['/staff/login', '/setup']) {
      it(`${path}: a declared 300 MB body is refused with 413 and a Chinese page`, async () => {
        const res = await appFor(t.db).request(path, { method: 'POST', headers: { 'content-type': FORM, 'content-length': String(300 * MB) }, body: 'username=a' });
        expect(res.status).toBe(413);
        expect(await res.text()).toMatch(/过大|过长/);
      });

      it(`${path}: a streamed body without Content-Length is cut off at the limit, not read in full`, async () => {
        const { body, pulled } = streamed(8 * MB);
        const res = await appFor(t.db).request(path, { method: 'POST', headers: { 'content-type': FORM }, body, duplex: 'half' } as RequestInit);
        expect(res.status).toBe(413);
        expect(pulled()).toBeLessThan(MB);
      });
    }

    it('the API: 100 MB of JSON declared, and streamed, is refused with 413 in JSON', async () => {
      const declared = await appFor(t.db).request('/api/v1/applications', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(100 * MB) },
        body: '{}',
      });
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as { error: { code: string; message: string } }).error.message).toMatch(/[\u4e00-\u9fa5]/);
      const { body, pulled } = streamed(8 * MB);
      const res = await appFor(t.db).request('/api/v1/applications/1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(pulled()).toBeLessThan(MB);
    });
  });

  describe('the API holds to the forms’ field rules', () => {
    const application = { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: TODAY, request: '某文件' } as const;

    it('a 1 MB 承办人 is refused by size (413); one over the form’s 100 characters with 400 and a field message, when registering and when assigning', async () => {
      const huge = await api('POST', '/api/v1/applications', { ...application, handler: '承'.repeat(MB) });
      expect(huge.status).toBe(413);
      const long = '承'.repeat(20_000);
      const registered = await api('POST', '/api/v1/applications', { ...application, handler: long });
      expect(registered.status).toBe(400);
      const e = ((await registered.json()) as { error: { code: string; field: string; message: string } }).error;
      expect(e.field).toBe('handler');
      expect(e.message).toMatch(/承办人.*100/);
      const made = await registerApplication(t.db, w.a.id, application, who);
      if (!made.ok) throw new Error(made.error.message);
      const assigned = await api('POST', `/api/v1/applications/${made.value.id}/events`, { type: 'assign', occurredOn: TODAY, handler: long });
      expect(assigned.status).toBe(400);
      expect(((await assigned.json()) as { error: { field: string } }).error.field).toBe('handler');
      const stored = await t.db.selectFrom('applications').select('handler').where('agencyId', '=', w.a.id).execute();
      expect(stored.every((s) => (s.handler ?? '').length <= 100)).toBe(true);
    });

    it('NUL in a field of the API is refused with 400 naming the field', async () => {
      const res = await api('POST', '/api/v1/applications', { ...application, applicantName: '张\u0000三' });
      expect(res.status).toBe(400);
      const e = ((await res.json()) as { error: { field: string; message: string } }).error;
      expect(e.field).toBe('applicantName');
      expect(e.message).toContain('申请人姓名或名称含有不可见的控制字符');
      const made = await registerApplication(t.db, w.a.id, application, who);
      if (!made.ok) throw new Error(made.error.message);
      const note = await api('POST', `/api/v1/applications/${made.value.id}/events`, { type: 'withdraw', occurredOn: TODAY, note: '撤回\u0000' });
      expect(note.status).toBe(400);
      expect(((await note.json()) as { error: { field: string; message: string } }).error.message).toContain('备注含有不可见的控制字符');
      const doc = await api('POST', `/api/v1/applications/${made.value.id}/documents`, { kind: 'reply', issuedOn: TODAY, values: { x: 'a\u0001b' } });
      expect(doc.status).toBe(400);
    });

    it('a garbled query parameter is 400 INVALID_QUERY with a Chinese message, not 500', async () => {
      for (const query of ['asOf=garbage', 'asOf=2024-02-30', 'asOf=%00']) {
        const res = await api('GET', `/api/v1/reports/2024?${query}`);
        expect(res.status, query).toBe(400);
        const e = ((await res.json()) as { error: { code: string; message: string } }).error;
        expect(e.code).toBe('INVALID_QUERY');
        expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      const q = await api('GET', '/api/v1/applications?q=%00');
      expect(q.status).toBe(400);
    });
  });

  describe('NUL in the forms', () => {
    it('the staff registration form: 400 with the field’s message, nothing stored', async () => {
      const app = appFor(t.db);
      const res = await post(app, w.handler, `/staff/${w.a.code}/applications/new`, {
        applicantType: 'natural_person',
        applicantName: '李\u0000四',
        channel: 'in_person',
        submittedOn: TODAY,
        request: '某文件',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('申请人姓名或名称含有不可见的控制字符，请删除后重新提交');
      expect(await t.db.selectFrom('applications').select('id').where('applicantName', 'like', '李%').execute()).toEqual([]);
    });

    it('the staff list’s search: a Chinese 400, not 500', async () => {
      const res = await appFor(t.db).request(`/staff/${w.a.code}/applications?q=%00`, { headers: { cookie: w.handler.cookie } });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('a page’s garbled query parameter: a Chinese 400 page saying which, not ignored', async () => {
      const app = appFor(t.db);
      const cases: [string, RegExp][] = [
        [`/staff/${w.a.code}/applications?state=bogus`, /办理状态无效/],
        [`/staff/${w.a.code}/applications?page=abc`, /页码/],
        [`/staff/${w.a.code}/applications?applicantType=martian`, /申请人类型无效/],
        [`/staff/${w.a.code}/report?year=garbage`, /年度应为四位数年份/],
        [`/staff/${w.a.code}/audit?before=x`, /before/],
      ];
      for (const [path, message] of cases) {
        const res = await app.request(path, { headers: { cookie: w.admin.cookie } });
        expect(res.status, path).toBe(400);
        expect(await res.text(), path).toMatch(message);
      }
    });

    it('the public application form: 400 with the field’s message', async () => {
      const visitor = new Visitor(publicApp(t.db));
      const res = await visitor.submit(`/${w.a.code}/apply`, `/${w.a.code}/apply`, validFields({ applicantName: '王\u0000五' }), true);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/姓名[^<]*含有不可见的控制字符/);
    });

    it('staff sign-in with NUL in the user name: 400 with a message, not 500', async () => {
      const visitor = new Visitor(appFor(t.db));
      const res = await visitor.submit('/staff/login', '/staff/login', { username: 'ad\u0000min', password: 'correct horse battery' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('用户名含有不可见的控制字符');
    });
  });

  it('NUL in the other staff forms: a field message, and the working calendar is never left unreadable', async () => {
    const app = appFor(t.db);
    const agency = await post(app, w.admin, `/staff/${w.a.code}/settings/agency`, { name: '甲市\u0000局', documentPrefix: '' });
    expect(agency.status).toBe(400);
    expect(await agency.text()).toContain('机关名称含有不可见的控制字符');
    // a pasted page of the column keeps its text: the service removes control characters (services/column.ts)
    expect((await post(app, w.admin, `/staff/${w.a.code}/settings/pages/guide`, { body: '指南\u0000正文' })).status).toBe(303);
    const token = await post(app, w.handler, '/staff/account/tokens', { name: '令牌\u0000' });
    expect(token.status).toBe(400);
    expect(await token.text()).toContain('令牌名称含有不可见的控制字符');
    const member = await post(app, w.admin, `/staff/${w.a.code}/users`, { username: 'nul-user', displayName: '新\u0000人', password: 'correct horse battery staple', role: 'handler' });
    expect(member.status).toBe(400);
    expect(await member.text()).toContain('姓名含有不可见的控制字符');
    // a rest day named with a control character: refused, and the calendar (in the database) stays readable
    const user = await createUser(t.db, { username: 'rules-platform', displayName: '平台管理员', password: 'correct horse battery staple', platformAdmin: true }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    const s = await startSession(t.db, user.value.id, NOW);
    const platform = { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
    const rest = await post(app, platform, '/staff/platform/calendar/rest-day', { date: '2024-12-02', name: '休息\u0000日' });
    expect(rest.status).toBe(422);
    expect(await rest.text()).toContain('休息日的名称含有不可见的控制字符');
    expect((await app.request('/staff/platform/calendar', { headers: { cookie: platform.cookie } })).status).toBe(200);
    expect((await loadWorkingCalendar(t.db)).ok).toBe(true);
    // the trusted addresses: a control character is no address
    const trusted = await post(app, platform, '/staff/platform/limits/trusted', { trusted: '10.0.0.1\u0000' });
    expect(trusted.status).toBe(422);
    expect(await trusted.text()).toContain('不是有效的地址或网段');
  });

  it('first start: NUL in a field of /setup is a 400 form with a field message', async () => {
    const fresh = await withDatabase(engine);
    try {
      const app = appFor(fresh.db);
      const page = await app.request('/setup');
      const cookie = page.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const fields = { agencyCode: 'nul', agencyName: '某\u0000局', agencyLevel: 'department', documentPrefix: '某公开', adminUsername: 'admin', adminDisplayName: '管理员', adminPassword: 'correct horse battery staple', adminPassword2: 'correct horse battery staple', _csrf: csrf };
      const res = await app.request('/setup', { method: 'POST', headers: { 'content-type': FORM, cookie }, body: new URLSearchParams(fields).toString() });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('机关名称含有不可见的控制字符');
      expect(await fresh.db.selectFrom('users').select('id').execute()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('a PostgreSQL encoding error that gets through is answered 400 in Chinese, never 500', async () => {
    const app = appFor(t.db);
    app.get('/probe/nul/a/b/c/d', async (c) => c.json(await sql`select ${'a\u0000b'}::text as x`.execute(t.db)));
    app.get('/api/v1/probe/nul', async (c) => c.json(await sql`select ${'a\u0000b'}::text as x`.execute(t.db)));
    const page = await app.request('/probe/nul/a/b/c/d');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('控制字符');
    const json = await app.request('/api/v1/probe/nul', { headers: { authorization: `Bearer ${token}` } });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('INVALID_CHARACTERS');
  });
});
