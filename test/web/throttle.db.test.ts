// Login throttling that cannot be turned against the user (issue #10, hole 3), over HTTP behind a
// trusted proxy (one hop: the last X-Forwarded-For entry is the client):
//   - an attacker's wrong passwords for an account put *unknown* addresses on a back-off (429,
//     Retry-After), never a hard lock: the owner still signs in from an address they signed in from before,
//     and from a new address once the back-off is over;
//   - the answers for an existing and a non-existent username are the same (status, body, Retry-After);
//   - per address: 10 requests a minute, 30 failures an hour;
//   - the change-password form is throttled too, and its wrong current passwords count;
//   - back-off events are written to the agency's audit log (login_backoff).

import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { addMembership, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';

const T0 = Date.parse('2024-10-08T09:00:00+08:00');
const PASSWORD = 'Quiet-Harbour-Lantern-42';
const OWNER_ADDRESS = '198.51.100.7';

class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const i = pair.indexOf('=');
      if (/;\s*max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  get header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }
}

const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe.each(webEngines())('login throttling on %s', (engine) => {
  const t = useDatabase(engine);
  let clock = T0;
  const now = () => new Date(clock).toISOString();
  /** seconds later */
  const wait = (seconds: number) => {
    clock += seconds * 1000;
  };
  let agencyId = 0;

  const newApp = (): Hono<AppEnv> => {
    const config: Config = { dataDir: '/nonexistent', databaseUrl: undefined, port: 0, secureCookies: false, trustProxy: { kind: 'hops', hops: 1 } };
    const deps: WebDeps = { config, db: t.db, calendar: () => Promise.reject(new Error('no calendar')), now, secureCookies: false };
    return createApp(deps);
  };

  /** A browser at one address. */
  function visitor(app: Hono<AppEnv>, address: string) {
    const jar = new Jar();
    const headers = () => ({ ...jar.header, 'x-forwarded-for': `10.9.9.9, ${address}` });
    return {
      jar,
      async get(path: string): Promise<Response> {
        const res = await app.request(path, { headers: headers() });
        jar.take(res);
        return res;
      },
      async post(path: string, fields: Record<string, string>, formPath = path): Promise<Response> {
        const page = await app.request(formPath, { headers: headers() });
        jar.take(page);
        const csrf = csrfOf(await page.text());
        const res = await app.request(path, {
          method: 'POST',
          body: new URLSearchParams({ ...fields, _csrf: csrf }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers() },
        });
        jar.take(res);
        return res;
      },
      signIn(username: string, password: string): Promise<Response> {
        return this.post('/staff/login', { username, password, next: '/staff' });
      },
    };
  }

  async function user(username: string): Promise<number> {
    const u = await createUser(t.db, { username, displayName: `${username}显示名`, password: PASSWORD }, now());
    if (!u.ok) throw new Error(u.error.message);
    await addMembership(t.db, u.value.id, agencyId, 'admin', now());
    return u.value.id;
  }

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'thr', name: '节流测试局', level: 'department', documentPrefix: '节流公开' }, now());
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
  });

  it('an attacker’s 30+ wrong passwords put unknown addresses on a back-off; the owner still signs in from a known address', async () => {
    clock = T0;
    const adminId = await user('thradmin');
    const app = newApp();
    const owner = visitor(app, OWNER_ADDRESS);
    expect((await owner.signIn('thradmin', PASSWORD)).status).toBe(303); // the address becomes known

    // 9 attackers' addresses, 4 tries each, a few seconds apart: 36 wrong passwords
    const statuses: number[] = [];
    let lastRetry = 0;
    for (let i = 0; i < 36; i++) {
      const attacker = visitor(app, `203.0.113.${1 + (i % 9)}`);
      const res = await attacker.signIn('thradmin', `wrong-guess-${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        lastRetry = Number(res.headers.get('retry-after'));
        expect(lastRetry).toBeGreaterThan(0);
        expect(lastRetry).toBeLessThanOrEqual(15 * 60);
        const body = await res.text();
        expect(body).toContain('请在');
        expect(body).not.toContain('thradmin显示名');
      }
      wait(2);
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses.slice(9)).toEqual(Array(27).fill(429)); // the 10th failure starts the back-off

    // the owner, from the address they signed in from before: the right password gets through
    const again = visitor(app, OWNER_ADDRESS);
    expect((await again.signIn('thradmin', PASSWORD)).status).toBe(303);

    // from a new address: back-off (the right password is not even checked) …
    const traveller = visitor(app, '192.0.2.50');
    const held = await traveller.signIn('thradmin', PASSWORD);
    expect(held.status).toBe(429);
    const retry = Number(held.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    // … but never for good: once it is over, the right password signs in
    wait(retry);
    expect((await traveller.signIn('thradmin', PASSWORD)).status).toBe(303);

    const backoffs = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'login_backoff').where('target', '=', 'user:thradmin').execute();
    expect(backoffs.length).toBeGreaterThan(0);
    expect(backoffs.some((e) => e.agencyId === agencyId)).toBe(true);
    expect(backoffs[0]?.detail).toMatchObject({ failures: 10 });
    expect(adminId).toBeGreaterThan(0);
  });

  it('the back-off doubles from 30 s and stops at 15 minutes', async () => {
    clock = T0 + 3600_000;
    await user('thrdouble');
    const app = newApp();
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await visitor(app, `203.0.113.${100 + i}`).signIn('thrdouble', `wrong-guess-${i}`);
      if (res.status === 429) {
        const retry = Number(res.headers.get('retry-after'));
        seen.push(retry);
        wait(retry); // wait it out: the next failure counts
      } else wait(1);
    }
    expect(seen.slice(0, 6)).toEqual([30, 60, 120, 240, 480, 900]);
    expect(Math.max(...seen)).toBe(900);
  });

  it('answers the same for an existing and a non-existent username', async () => {
    clock = T0 + 2 * 3600_000;
    await user('threxists');
    const app = newApp();
    const answers = async (username: string, first: number) => {
      const out: { status: number; retry: string | null; body: string }[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await visitor(app, `192.0.2.${first + i}`).signIn(username, `wrong-guess-${i}`);
        const body = (await res.text()).replaceAll(username, 'NAME').replace(/name="_csrf" value="[^"]*"/, '');
        out.push({ status: res.status, retry: res.headers.get('retry-after'), body });
      }
      return out;
    };
    const start = clock;
    const existing = await answers('threxists', 100);
    clock = start;
    const missing = await answers('thrnobody', 150);
    expect(missing).toEqual(existing);
    expect(existing.map((a) => a.status)).toEqual([...Array(9).fill(401), 429, 429, 429]);
  });

  it('per address: 10 login requests a minute, 30 failures an hour', async () => {
    clock = T0 + 3 * 3600_000;
    const app = newApp();
    const from = visitor(app, '203.0.113.200');
    for (let i = 0; i < 10; i++) expect((await from.signIn(`nobody${i}`, 'wrong-guess')).status).toBe(401);
    const fast = await from.signIn('nobody-else', 'wrong-guess');
    expect(fast.status).toBe(429);
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThan(0);

    const slow = visitor(app, '203.0.113.201');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await slow.signIn(`someone${i}`, 'wrong-guess')).status);
      wait(7); // under 10 a minute
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses[30]).toBe(429);
  });

  it('the change-password form is throttled and its wrong current passwords count', async () => {
    clock = T0 + 4 * 3600_000;
    await user('thrchange');
    const app = newApp();
    const owner = visitor(app, OWNER_ADDRESS);
    expect((await owner.signIn('thrchange', PASSWORD)).status).toBe(303);
    // the session cookie, used from another address (a stolen cookie)
    const thief = visitor(app, '203.0.113.77');
    for (const [k, v] of owner.jar.cookies) thief.jar.cookies.set(k, v);
    const change = (current: string) =>
      thief.post('/staff/account/password', { currentPassword: current, newPassword: 'Another-Long-Secret-77', newPassword2: 'Another-Long-Secret-77' }, '/staff/account');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await change(`wrong-current-${i}`)).status);
      wait(7);
    }
    expect(statuses).toEqual([...Array(9).fill(422), 429]);
    const held = await change(PASSWORD);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    // they counted for the account: a sign-in from another new address is held back too
    expect((await visitor(app, '192.0.2.99').signIn('thrchange', PASSWORD)).status).toBe(429);
    // the owner at the known address is not
    expect((await visitor(app, OWNER_ADDRESS).signIn('thrchange', PASSWORD)).status).toBe(303);
  });

  it('平台管理 shows GONGKAI_TRUST_PROXY read-only, and how to set it (no command)', async () => {
    clock = T0 + 5 * 3600_000;
    const u = await createUser(t.db, { username: 'thrplatform', displayName: '平台', password: PASSWORD, platformAdmin: true }, now());
    if (!u.ok) throw new Error(u.error.message);
    const owner = visitor(newApp(), OWNER_ADDRESS);
    expect((await owner.signIn('thrplatform', PASSWORD)).status).toBe(303);
    const page = await (await owner.get('/staff/platform')).text();
    expect(page).toContain('<h2 id="proxy-title">反向代理</h2>');
    expect(page).toContain('信任 1 层反向代理（GONGKAI_TRUST_PROXY=1）');
    expect(page).not.toMatch(/export |\$ |systemctl|<input[^>]*trust/i);
  });
});
