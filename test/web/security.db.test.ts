// Issue 5's security checklist, in one file, through createApp(deps).request() on one engine (support/db.ts webEngines):
//
//   1. a form post without its CSRF token is refused (a staff form, the public application form and the status query)
//   2. staff of agency A can neither read nor change agency B's application by its id: the HTML pages
//      (application page, an event) and the API (GET /api/v1/applications/:id?agency=…, POST …/events)
//      with a bearer token of A's user
//   3. a status query with a wrong password reveals nothing (the same page for a wrong code and a wrong
//      password); the 11th query from one address within the window is refused with 429
//   4. markup typed into any field (applicant name, request, address, a note, a document value) shows as
//      text on the staff application page, the public status page and the document HTML (staff and public)
//   5. ten wrong passwords put the account on a back-off (429), never a lock
//   6. an upload that is not what its type claims (PDF bytes named .png, image/png) is refused in Chinese
//
// Several of these are also covered, at more length, by auth.db.test.ts, staff.db.test.ts and
// public.db.test.ts; the compact versions here keep the checklist in one place.

import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { addMembership, createApiToken, createUser, MAX_FAILED_LOGINS, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { CSRF_MESSAGE } from '../../src/web/csrf.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { PDF, validFields, Visitor } from './public-support.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';

const TODAY = '2024-11-20';
const T0 = `${TODAY}T10:00:00.000+08:00`;
const PASSWORD = 'correct horse battery';
const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const EVIL_TEXT = '&lt;script&gt;alert(1)&lt;/script&gt;';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

/** Markup shown as text: no live tag, the escaped form present. */
function expectEscaped(html: string, where: string): void {
  expect(html, where).not.toContain('<script>alert');
  expect(html, where).not.toContain('<img src=x');
  expect(html, where).toContain(EVIL_TEXT);
}

describe.each(webEngines())('issue 5 security checklist on %s', (engine) => {
  const t = useDatabase(engine);
  let clock = T0;
  const who = () => ({ actor: 'tester', now: clock, today: clock.slice(0, 10) });

  /** A fresh app (its own rate limits), today 2024-11-20 unless the clock is moved. */
  function app(): Hono<AppEnv> {
    const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
    const deps: WebDeps = { config, db: t.db, calendar: async () => calendar, now: () => clock, secureCookies: false, queryKey: TEST_QUERY_KEY };
    return createApp(deps);
  }

  interface Staff {
    id: number;
    username: string;
    cookie: string;
    csrf: string;
  }

  let n = 0;
  async function staffOf(agencyId: number, role: 'handler' | 'admin'): Promise<Staff> {
    n += 1;
    const username = `sec${role}${n}`;
    const user = await createUser(t.db, { username, displayName: `${role}${n}`, password: PASSWORD }, T0);
    if (!user.ok) throw new Error(user.error.message);
    const m = await addMembership(t.db, user.value.id, agencyId, role);
    if (!m.ok) throw new Error(m.error.message);
    const s = await startSession(t.db, user.value.id, T0);
    return { id: user.value.id, username, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
  }

  /** Agencies A and B, a handler in each, an application in each. */
  async function world() {
    n += 1;
    const a = await createAgency(t.db, { code: `sec-a${n}`, name: `甲市第${n}局`, level: 'department' }, T0);
    const b = await createAgency(t.db, { code: `sec-b${n}`, name: `乙市第${n}局`, level: 'department' }, T0);
    if (!a.ok || !b.ok) throw new Error('agencies');
    const register = async (agencyId: number, applicantName: string) => {
      const r = await registerApplication(t.db, agencyId, { applicantType: 'natural_person', applicantName, channel: 'in_person', submittedOn: '2024-11-04', request: '某项目的批复文件' }, who());
      if (!r.ok) throw new Error(r.error.message);
      return r.value.id;
    };
    return {
      a: { id: a.value.id, code: a.value.code },
      b: { id: b.value.id, code: b.value.code },
      handlerA: await staffOf(a.value.id, 'handler'),
      handlerB: await staffOf(b.value.id, 'handler'),
      appA: await register(a.value.id, '甲方申请人'),
      appB: await register(b.value.id, '乙方秘密申请人'),
    };
  }

  const get = (h: Hono<AppEnv>, s: Staff, path: string) => h.request(path, { headers: { cookie: s.cookie } });
  const post = (h: Hono<AppEnv>, s: Staff, path: string, fields: Record<string, string>, csrf: string | null = s.csrf) => {
    const body = new URLSearchParams(fields);
    if (csrf !== null) body.set('_csrf', csrf);
    return h.request(path, { method: 'POST', body: body.toString(), headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  };
  const stateOf = async (id: number) => (await t.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  const eventCount = async (id: number) => (await t.db.selectFrom('applicationEvents').select('seq').where('applicationId', '=', id).execute()).length;

  /** Applies online as a fresh visitor: the receipt code and password. */
  async function applyOnline(h: Hono<AppEnv>, code: string, overrides: Record<string, string | File> = {}) {
    const visitor = new Visitor(h);
    const posted = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields(overrides), true);
    expect(posted.status, await posted.clone().text()).toBe(303);
    const html = await (await visitor.get(`/${code}/apply/receipt`)).text();
    const [receiptCode = '', password = ''] = [...html.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
    expect(receiptCode).not.toBe('');
    return { receiptCode, password };
  }

  it('1. refuses a form posted without its CSRF token: a staff form and the public forms', async () => {
    const w = await world();
    const h = app();
    const events = `/staff/${w.a.code}/applications/${w.appA}/events`;
    const step = { type: 'assign', occurredOn: TODAY, handler: '李经办' };
    for (const csrf of [null, '', 'x'.repeat(43), w.handlerB.csrf]) {
      const r = await post(h, w.handlerA, events, step, csrf);
      expect(r.status, `token ${String(csrf)}`).toBe(403);
      expect(await r.text()).toContain(CSRF_MESSAGE);
    }
    const register = await post(h, w.handlerA, `/staff/${w.a.code}/applications/new`, { channel: 'in_person', submittedOn: TODAY, applicantType: 'natural_person', applicantName: '某人', request: '某文件' }, null);
    expect(register.status).toBe(403);
    expect(await eventCount(w.appA)).toBe(1);
    expect((await post(h, w.handlerA, events, step)).status).toBe(303); // with it: accepted

    // the public application form (multipart) and the status query, from a visitor with a CSRF cookie
    const visitor = new Visitor(h);
    await visitor.get(`/${w.a.code}/apply`);
    expect(visitor.cookies.has('gk_csrf')).toBe(true);
    const form = new FormData();
    for (const [k, v] of Object.entries(validFields())) form.set(k, v);
    const apply = await visitor.post(`/${w.a.code}/apply`, form);
    expect(apply.status).toBe(403);
    expect(await apply.text()).toContain(CSRF_MESSAGE);
    expect(await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).where('channel', '=', 'online').execute()).toEqual([]);
    const status = await visitor.post(`/${w.a.code}/status`, new URLSearchParams({ code: 'ABCDEFGHJKMN', password: 'ABCDEFGHJK' }));
    expect(status.status).toBe(403);
  });

  it("2. keeps agency A's staff out of agency B's application: pages and the API (bearer token)", async () => {
    const w = await world();
    const h = app();
    // pages: reading
    for (const path of [`/staff/${w.a.code}/applications/${w.appB}`, `/staff/${w.b.code}/applications/${w.appB}`, `/staff/${w.a.code}/applications/${w.appB}/documents?kind=reply`]) {
      const r = await get(h, w.handlerA, path);
      expect(r.status, path).toBe(404);
      expect(await r.text(), path).not.toContain('乙方秘密申请人');
    }
    expect((await get(h, w.handlerA, `/staff/${w.a.code}/applications/${w.appA}`)).status).toBe(200); // their own
    // pages: changing (with a valid CSRF token)
    for (const path of [`/staff/${w.a.code}/applications/${w.appB}/events`, `/staff/${w.b.code}/applications/${w.appB}/events`]) {
      const r = await post(h, w.handlerA, path, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' });
      expect(r.status, path).toBe(404);
    }
    const doc = await post(h, w.handlerA, `/staff/${w.a.code}/applications/${w.appB}/documents`, { kind: 'correction_notice', issuedOn: TODAY, correctionItems: '身份证明', correctionDeadline: '2024-12-05' });
    expect(doc.status).toBe(404);

    // the API, with a bearer token of A's handler
    const token = await createApiToken(t.db, w.handlerA.id, 'security test', T0);
    if (!token.ok) throw new Error(token.error.message);
    const bearer = { authorization: `Bearer ${token.value.token}` };
    const own = await h.request(`/api/v1/applications/${w.appA}?agency=${w.a.code}`, { headers: bearer });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ application: { id: w.appA, applicantName: '甲方申请人' } });
    for (const query of [`?agency=${w.a.code}`, `?agency=${w.b.code}`, '']) {
      const r = await h.request(`/api/v1/applications/${w.appB}${query}`, { headers: bearer });
      expect(r.status, `GET ${query}`).toBe(404);
      const body = await r.text();
      expect(body).not.toContain('乙方秘密申请人');
      expect(JSON.parse(body)).toMatchObject({ error: { code: expect.stringMatching(/NOT_FOUND$/) } });
      const e = await h.request(`/api/v1/applications/${w.appB}/events${query}`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' }),
      });
      expect(e.status, `POST ${query}`).toBe(404);
    }
    // the API takes no session cookie
    expect((await h.request(`/api/v1/applications/${w.appA}?agency=${w.a.code}`, { headers: { cookie: w.handlerA.cookie } })).status).toBe(401);

    // nothing changed in B
    expect(await stateOf(w.appB)).toBe('registered');
    expect(await eventCount(w.appB)).toBe(1);
    expect(await t.db.selectFrom('documents').select('id').where('applicationId', '=', w.appB).execute()).toEqual([]);
    // B's own staff see it
    expect((await get(h, w.handlerB, `/staff/${w.b.code}/applications/${w.appB}`)).status).toBe(200);
  });

  it('3. a wrong password reveals nothing (same page as a wrong code); the 11th query is refused with 429', async () => {
    const w = await world();
    const h = app();
    const { receiptCode, password } = await applyOnline(h, w.a.code, { applicantName: '查询测试人' });
    const visitor = new Visitor(h);
    const query = (code: string, pass: string) => visitor.submit(`/${w.a.code}/status`, `/${w.a.code}/status`, { code, password: pass });
    const other = (s: string, alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ') => `${alphabet[(alphabet.indexOf(s[0] ?? '2') + 1) % alphabet.length]}${s.slice(1)}`;

    const wrongPassword = await query(receiptCode, other(password));
    const wrongCode = await query(other(receiptCode), password);
    expect(wrongPassword.status).toBe(422);
    expect(wrongCode.status).toBe(422);
    const a = await wrongPassword.text();
    const b = await wrongCode.text();
    expect(a).toContain('回执码或查询密码不正确');
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/, '').replace(/name="code" value="[^"]*"/, '');
    expect(strip(a)).toBe(strip(b));
    for (const html of [a, b]) {
      expect(html).not.toContain('查询测试人');
      expect(html).not.toContain('已登记');
    }
    expect(visitor.cookies.has('gk_status')).toBe(false);
    expect(wrongPassword.headers.get('location')).toBeNull();

    const right = await query(receiptCode, password); // the 3rd query of this address
    expect(right.status).toBe(303);
    const statuses: number[] = [];
    // a different wrong code each time: failures per receipt code have their own limit (5 an hour, below)
    for (let i = 4; i <= 10; i++) statuses.push((await query(`${receiptCode.slice(0, i)}${other(receiptCode.slice(i))}`, password)).status);
    expect(statuses).toEqual(Array(7).fill(422));
    const limited = await query(receiptCode, password); // the 11th, even with the right password
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/查询办理进度过于频繁/);
  });

  it('4. markup typed into any field shows as text: staff application page, public status page, document HTML', async () => {
    const w = await world();
    const h = app();
    const { receiptCode, password } = await applyOnline(h, w.a.code, { applicantName: EVIL, request: EVIL, address: EVIL });
    const id = (await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).where('channel', '=', 'online').executeTakeFirstOrThrow()).id;
    const base = `/staff/${w.a.code}/applications/${id}`;
    expect((await post(h, w.handlerA, `${base}/events`, { type: 'assign', occurredOn: TODAY, handler: EVIL, note: EVIL })).status).toBe(303);
    const issued = await post(h, w.handlerA, `${base}/documents`, { kind: 'correction_notice', mode: 'record', occurredOn: TODAY, workingDays: '15', correctionItems: EVIL, contact: EVIL });
    expect(issued.status, await issued.clone().text()).toBe(303);
    const docId = (await t.db.selectFrom('documents').select('id').where('applicationId', '=', id).executeTakeFirstOrThrow()).id;

    const page = await get(h, w.handlerA, base);
    expect(page.status).toBe(200);
    const staffHtml = await page.text();
    expectEscaped(staffHtml, 'staff application page');
    expect(staffHtml.split(EVIL_TEXT).length - 1, 'name, request, address, handler, note').toBeGreaterThanOrEqual(5);
    const staffDoc = await get(h, w.handlerA, `/staff/${w.a.code}/documents/${docId}`);
    expect(staffDoc.status).toBe(200);
    expectEscaped(await staffDoc.text(), 'staff document HTML');

    const visitor = new Visitor(h);
    expect((await visitor.submit(`/${w.a.code}/status`, `/${w.a.code}/status`, { code: receiptCode, password })).status).toBe(303);
    const status = await visitor.get(`/${w.a.code}/status/result`);
    expect(status.status).toBe(200);
    expectEscaped(await status.text(), 'public status page');
    const publicDoc = await visitor.get(`/${w.a.code}/status/documents/${docId}`);
    expect(publicDoc.status).toBe(200);
    expectEscaped(await publicDoc.text(), 'public document HTML');
    // and the pages forbid inline script anyway
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(publicDoc.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it(`5. ${MAX_FAILED_LOGINS} wrong passwords put the account on a back-off (429, Retry-After), never a lock: it opens again`, async () => {
    const w = await world();
    const user = await staffOf(w.a.id, 'handler');
    const h = app();
    const visitor = new Visitor(h);
    const signIn = (pass: string) => visitor.submit('/staff/login', '/staff/login', { username: user.username, password: pass, next: '/staff' });
    try {
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
        const r = await signIn(`wrong password ${i}`);
        expect(r.status).toBe(401);
        expect(await r.text()).toContain('用户名或密码不正确');
      }
      const tenth = await signIn('wrong password 10');
      expect(tenth.status).toBe(429);
      expect(tenth.headers.get('retry-after')).toBe('30');
      expect(await tenth.text()).toContain('登录失败次数过多，请在 30 秒后再试');
      // a minute later (past the per-address limit of 10 a minute and past the back-off), the right password
      clock = new Date(Date.parse(T0) + 61_000).toISOString();
      const right = await signIn(PASSWORD);
      expect(right.status).toBe(303);
      expect(visitor.cookies.has('gk_session')).toBe(true);
    } finally {
      clock = T0;
    }
  });

  it('6. refuses an upload that is not what its type claims (PDF bytes named .png), in Chinese', async () => {
    const w = await world();
    const visitor = new Visitor(app());
    const forged = new File([PDF], '身份证.png', { type: 'image/png' });
    const r = await visitor.submit(`/${w.a.code}/apply`, `/${w.a.code}/apply`, validFields({ identityProof: forged }), true);
    expect(r.status).toBe(422);
    const html = await r.text();
    expect(html).toContain('身份证明文件只接受 JPG、PNG 图片或 PDF 文件，且文件内容必须与其类型和扩展名一致');
    expect(html).toContain('href="#identityProof"');
    expect(await t.db.selectFrom('applications').select('id').where('agencyId', '=', w.a.id).where('channel', '=', 'online').execute()).toEqual([]);
    expect(await t.db.selectFrom('uploads').select('id').where('agencyId', '=', w.a.id).execute()).toEqual([]);
  });
});
