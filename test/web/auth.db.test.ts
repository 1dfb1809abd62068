// Security of the staff workspace over HTTP (createApp(deps).request(), no server): the first-start
// form, sign-in and its cookie, CSRF refusals, the login rate limit, and the guards that keep one
// agency's staff out of another agency's records.

import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { addMembership, createApiToken, createUser, login, sessionUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createApp } from '../../src/web/app.ts';
import { requireAgency, requireStaff, sessionMiddleware } from '../../src/web/auth.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { CSRF_MESSAGE, verifyCsrf } from '../../src/web/csrf.ts';
import { webEngines, useDatabase } from '../support/db.ts';

const T0 = '2024-10-08T09:00:00+08:00';
const PASSWORD = 'correct horse battery';

/** The cookies a browser would keep. */
class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): string[] {
    const set = res.headers.getSetCookie();
    for (const line of set) {
      const pair = line.split(';')[0] ?? '';
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      if (/;\s*max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(i + 1));
    }
    return set;
  }
  get header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }
}

const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

function form(fields: Record<string, string>, jar: Jar, extra: Record<string, string> = {}): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...jar.header, ...extra } };
}

describe.each(webEngines())('web auth on %s', (engine) => {
  const t = useDatabase(engine);
  let clock = T0;
  const deps = (over: Partial<WebDeps> = {}): WebDeps => ({
    config: { dataDir: '/nonexistent', databaseUrl: undefined, port: 0, secureCookies: false } satisfies Config,
    db: t.db,
    calendar: () => Promise.reject(new Error('no calendar in these tests')),
    now: () => clock,
    secureCookies: false,
    ...over,
  });

  /** GET a page with a form: its CSRF token (and the cookies in the jar). */
  async function open(app: Hono<AppEnv>, path: string, jar: Jar): Promise<string> {
    const res = await app.request(path, { headers: jar.header });
    expect(res.status).toBe(200);
    jar.take(res);
    return csrfOf(await res.text());
  }

  describe('first start', () => {
    it('sends / and /staff/login to /setup while there is no user', async () => {
      const app = createApp(deps());
      for (const path of ['/', '/staff/login']) {
        const res = await app.request(path);
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe('/setup');
      }
    });

    it('the form refuses a missing token and bad input, then sets up and signs in', async () => {
      const app = createApp(deps());
      const jar = new Jar();

      const csrf = await open(app, '/setup', jar);
      expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(jar.cookies.has('gk_csrf')).toBe(true);
      const fields = {
        agencyCode: 'zwjgsw',
        agencyName: '某市机关事务服务中心',
        agencyLevel: 'department',
        documentPrefix: '某机关事务公开',
        adminUsername: 'admin',
        adminDisplayName: '王管理',
        adminPassword: PASSWORD,
        adminPassword2: PASSWORD,
      };

      const noToken = await app.request('/setup', form(fields, jar));
      expect(noToken.status).toBe(403);
      expect(await noToken.text()).toContain(CSRF_MESSAGE);
      // a token from another visitor (another cookie) is no good either
      const other = new Jar();
      const foreign = await open(app, '/setup', other);
      expect((await app.request('/setup', form({ ...fields, _csrf: foreign }, jar))).status).toBe(403);

      const mismatch = await app.request('/setup', form({ ...fields, adminPassword2: 'something else!', _csrf: csrf }, jar));
      expect(mismatch.status).toBe(422);
      expect(await mismatch.text()).toContain('两次输入的密码不一致');
      // ten characters of a: refused by the password rule, in Chinese (issue #10)
      const trivial = await app.request('/setup', form({ ...fields, adminPassword: 'aaaaaaaaaa', adminPassword2: 'aaaaaaaaaa', _csrf: csrf }, jar));
      expect(trivial.status).toBe(422);
      expect(await trivial.text()).toContain('密码太容易被猜中。');
      const badCode = await app.request('/setup', form({ ...fields, agencyCode: '机关 代码', _csrf: csrf }, jar));
      expect(badCode.status).toBe(422);
      const page = await badCode.text();
      expect(page).toContain('href="#agency-code"');
      expect(page).toContain('value="某市机关事务服务中心"'); // what was typed is kept
      expect(page).not.toContain(PASSWORD);

      const done = await app.request('/setup', form({ ...fields, _csrf: csrf }, jar));
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe('/staff');
      const cookie = jar.take(done).find((c) => c.startsWith('gk_session='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const user = await sessionUser(t.db, jar.cookies.get('gk_session') ?? '', clock);
      expect(user).toMatchObject({ username: 'admin', platformAdmin: true, memberships: [{ agencyCode: 'zwjgsw', role: 'admin' }] });

      const after = await app.request('/setup');
      expect(after.status).toBe(303);
      expect(after.headers.get('location')).toBe('/');
      // a second visitor's complete form changes nothing
      const late = await app.request('/setup', form({ ...fields, adminUsername: 'late', _csrf: foreign }, other));
      expect(late.headers.get('location')).toBe('/');
      expect(await t.db.selectFrom('users').select('username').execute()).toEqual([{ username: 'admin' }]);
    });
  });

  describe('sign-in', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie and goes to a local next', async () => {
      const app = createApp(deps());
      const jar = new Jar();
      const csrf = await open(app, '/staff/login?next=%2Fstaff%2Fzwjgsw', jar);

      const wrong = await app.request('/staff/login', form({ username: 'admin', password: 'not the password', next: '/staff/zwjgsw', _csrf: csrf }, jar));
      expect(wrong.status).toBe(401);
      const html = await wrong.text();
      expect(html).toContain('用户名或密码不正确。');
      expect(html).toContain('class="error-summary"');
      expect(jar.take(wrong).some((c) => c.startsWith('gk_session='))).toBe(false);

      const ok = await app.request('/staff/login', form({ username: 'admin', password: PASSWORD, next: '/staff/zwjgsw', _csrf: csrf }, jar));
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe('/staff/zwjgsw');
      const cookie = jar.take(ok).find((c) => c.startsWith('gk_session=')) ?? '';
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/; Max-Age=43200/);
      expect(cookie).not.toMatch(/Secure/);

      // signed in: the login page moves on; a foreign next is ignored
      const again = await app.request('/staff/login?next=//evil.example/', { headers: jar.header });
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe('/staff');

      // sign out: with the session's own token
      const token = jar.cookies.get('gk_session') ?? '';
      const session = await sessionUser(t.db, token, clock);
      expect(session?.username).toBe('admin');
      const signedIn = await login(t.db, { username: 'admin', password: PASSWORD }, clock); // another session, to read its CSRF token
      expect(signedIn.ok).toBe(true);
      const staleToken = await app.request('/staff/logout', form({ _csrf: csrf }, jar)); // the anonymous token is not the session's
      expect(staleToken.status).toBe(403);
      const sessionCsrf = await t.db
        .selectFrom('sessions')
        .select('csrfToken')
        .where('id', '=', (await import('node:crypto')).createHash('sha256').update(token).digest('hex'))
        .executeTakeFirstOrThrow();
      const out = await app.request('/staff/logout', form({ _csrf: sessionCsrf.csrfToken }, jar));
      expect(out.status).toBe(303);
      expect(jar.take(out).find((c) => c.startsWith('gk_session='))).toMatch(/Max-Age=0/);
      expect(await sessionUser(t.db, token, clock)).toBeNull();
    });

    it('refuses a login form posted without its CSRF token', async () => {
      const app = createApp(deps());
      const jar = new Jar();
      await open(app, '/staff/login', jar);
      const res = await app.request('/staff/login', form({ username: 'admin', password: PASSWORD }, jar));
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(CSRF_MESSAGE);
      // nor as JSON, nor with a token but no cookie
      const json = await app.request('/staff/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: PASSWORD }), headers: { 'content-type': 'application/json', ...jar.header } });
      expect(json.status).toBe(403);
      const csrf = await open(app, '/staff/login', new Jar());
      expect((await app.request('/staff/login', form({ username: 'admin', password: PASSWORD, _csrf: csrf }, new Jar()))).status).toBe(403);
    });

    it('marks the cookies Secure behind TLS', async () => {
      const app = createApp(deps({ secureCookies: true }));
      const jar = new Jar();
      const csrf = await open(app, '/staff/login', jar);
      const res = await app.request('/staff/login', form({ username: 'admin', password: PASSWORD, _csrf: csrf }, jar));
      expect(res.status).toBe(303);
      const cookies = jar.take(res);
      expect(cookies.find((c) => c.startsWith('gk_session='))).toMatch(/; Secure/);
    });

    it('answers the 11th rapid attempt from one address with 429 and Retry-After', async () => {
      const app = createApp(deps());
      const jar = new Jar();
      const csrf = await open(app, '/staff/login', jar);
      let n = 0; // a new name each time: the names' own back-off is not what is tested here
      const attempt = (extra: Record<string, string> = {}) => app.request('/staff/login', form({ username: `nobody${n++}`, password: 'guess number x', _csrf: csrf }, jar, extra));
      for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.text()).toMatch(/登录尝试过于频繁，请在 \d+ 秒后再试/);
      // X-Forwarded-For is not believed unless the proxy is trusted
      expect((await attempt({ 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
      // the window slides
      clock = new Date(Date.parse(T0) + 61_000).toISOString();
      try {
        expect((await attempt()).status).toBe(401);
      } finally {
        clock = T0;
      }
    });

    it('behind a trusted proxy (GONGKAI_TRUST_PROXY=1), limits each forwarded address on its own', async () => {
      const app = createApp(deps({ config: { dataDir: '/nonexistent', databaseUrl: undefined, port: 0, secureCookies: false, trustProxy: { kind: 'hops', hops: 1 } } }));
      const jar = new Jar();
      const csrf = await open(app, '/staff/login', jar);
      const from = (ip: string) => app.request('/staff/login', form({ username: 'nobody', password: 'guess number x', _csrf: csrf }, jar, { 'x-forwarded-for': `198.51.100.1, ${ip}` }));
      for (let i = 0; i < 9; i++) expect((await from('203.0.113.1')).status).toBe(401);
      expect((await from('203.0.113.1')).status).toBe(429); // the name's back-off: 10 failures from unknown addresses
      expect((await from('203.0.113.1')).status).toBe(429); // and the address's 10 requests a minute
      const other = await app.request('/staff/login', form({ username: 'somebody', password: 'guess number x', _csrf: csrf }, jar, { 'x-forwarded-for': '203.0.113.2' }));
      expect(other.status).toBe(401);
    });
  });

  describe('guards', () => {
    let staffA: string;
    let supervisorA: string;
    let adminToken: string;
    let apiTokenA: string;

    beforeAll(async () => {
      for (const [code, name] of [
        ['jia', '甲市教育局'],
        ['yi', '乙市卫健委'],
      ] as const)
        await createAgency(t.db, { code, name, level: 'department' }, T0);
      const agencies = await t.db.selectFrom('agencies').select(['id', 'code']).execute();
      const id = (code: string) => agencies.find((a) => a.code === code)!.id;
      const make = async (username: string, role: 'handler' | 'supervisor') => {
        const u = await createUser(t.db, { username, displayName: username, password: PASSWORD }, T0);
        if (!u.ok) throw new Error(u.error.message);
        await addMembership(t.db, u.value.id, id('jia'), role);
        const l = await login(t.db, { username, password: PASSWORD }, T0);
        if (!l.ok) throw new Error(l.error.message);
        return { session: l.value.sessionToken, userId: u.value.id };
      };
      const handler = await make('handler.a', 'handler');
      staffA = handler.session;
      supervisorA = (await make('supervisor.a', 'supervisor')).session;
      const a = await login(t.db, { username: 'admin', password: PASSWORD }, T0);
      if (!a.ok) throw new Error(a.error.message);
      adminToken = a.value.sessionToken;
      const token = await createApiToken(t.db, handler.userId, 'test', T0);
      if (!token.ok) throw new Error(token.error.message);
      apiTokenA = token.value.token;
    });

    function guarded(): Hono<AppEnv> {
      const app = new Hono<AppEnv>();
      app.use('*', async (c, next) => {
        c.set('deps', deps());
        await next();
      });
      app.use('*', sessionMiddleware());
      app.use('*', verifyCsrf());
      app.get('/staff/home', requireStaff(), (c) => c.text(`hello ${c.var.user?.username}`));
      app.get('/staff/:agency/applications/1', requireAgency('read'), (c) => c.text(`read ${c.var.agency.code}`));
      app.post('/staff/:agency/applications/1', requireAgency('handle'), (c) => c.text(`changed ${c.var.agency.code}`));
      app.get('/api/v1/agencies/:agency/applications', requireAgency('read'), (c) => c.json({ agency: c.var.agency.code }));
      app.get('/api/v1/me', requireStaff(), (c) => c.json({ username: c.var.user?.username }));
      return app;
    }
    const as = (session: string) => ({ cookie: `gk_session=${session}` });
    async function csrfFor(session: string): Promise<string> {
      const { createHash } = await import('node:crypto');
      const row = await t.db.selectFrom('sessions').select('csrfToken').where('id', '=', createHash('sha256').update(session).digest('hex')).executeTakeFirstOrThrow();
      return row.csrfToken;
    }
    const post = async (session: string, path: string, withToken = true) =>
      guarded().request(path, {
        method: 'POST',
        body: new URLSearchParams(withToken ? { _csrf: await csrfFor(session) } : {}),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...as(session) },
      });

    it('send visitors to the login page (pages) or answer 401 (API)', async () => {
      const page = await guarded().request('/staff/home?tab=2');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/staff/login?next=%2Fstaff%2Fhome%3Ftab%3D2');
      const api = await guarded().request('/api/v1/me');
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      // an unknown or expired session is a visitor too
      expect((await guarded().request('/staff/home', { headers: as('x'.repeat(43)) })).status).toBe(303);
    });

    it("keep agency A's staff out of agency B's applications: 404, as for an agency that does not exist", async () => {
      const own = await guarded().request('/staff/jia/applications/1', { headers: as(staffA) });
      expect(own.status).toBe(200);
      expect(await own.text()).toBe('read jia');
      const other = await guarded().request('/staff/yi/applications/1', { headers: as(staffA) });
      const none = await guarded().request('/staff/nope/applications/1', { headers: as(staffA) });
      expect(other.status).toBe(404);
      expect(none.status).toBe(404);
      expect(await other.text()).toBe(await none.text());
      expect((await post(staffA, '/staff/yi/applications/1')).status).toBe(404);
      expect((await post(staffA, '/staff/jia/applications/1')).status).toBe(200);
    });

    it('refuse a change without the CSRF token, and a supervisor (read-only) any change', async () => {
      const res = await post(staffA, '/staff/jia/applications/1', false);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(CSRF_MESSAGE);
      expect((await guarded().request('/staff/jia/applications/1', { headers: as(supervisorA) })).status).toBe(200);
      expect((await post(supervisorA, '/staff/jia/applications/1')).status).toBe(403);
    });

    it('read the token from a multipart form too (uploads)', async () => {
      const body = new FormData();
      body.set('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])], { type: 'application/pdf' }), 'a.pdf');
      const send = (fd: FormData) => guarded().request('/staff/jia/applications/1', { method: 'POST', body: fd, headers: as(staffA) });
      expect((await send(body)).status).toBe(403);
      body.set('_csrf', await csrfFor(staffA));
      expect((await send(body)).status).toBe(200);
    });

    it('let the platform administrator into every agency', async () => {
      expect((await guarded().request('/staff/yi/applications/1', { headers: as(adminToken) })).status).toBe(200);
      expect((await guarded().request('/staff/nope/applications/1', { headers: as(adminToken) })).status).toBe(404);
    });

    it('take bearer tokens on the API (never the session cookie), with the same agency rule', async () => {
      const bearer = { authorization: `Bearer ${apiTokenA}` };
      expect(await (await guarded().request('/api/v1/me', { headers: bearer })).json()).toEqual({ username: 'handler.a' });
      expect((await guarded().request('/api/v1/agencies/jia/applications', { headers: bearer })).status).toBe(200);
      const other = await guarded().request('/api/v1/agencies/yi/applications', { headers: bearer });
      expect(other.status).toBe(404);
      expect(await other.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect((await guarded().request('/api/v1/me', { headers: as(staffA) })).status).toBe(401);
    });
  });
});
