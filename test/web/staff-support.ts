// The staff workspace under test: the app on a test database, today fixed at 2024-11-20 (a Wednesday),
// agencies A and B, a member of each role, their sessions (cookie and CSRF token), and request helpers.

import type { Kysely } from 'kysely';
import type { Hono } from 'hono';
import type { Config } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';

export const TODAY = '2024-11-20';
export const NOW = `${TODAY}T10:00:00.000+08:00`;
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

export const who = { actor: 'tester', now: NOW, today: TODAY, calendar };

export function appFor(db: Kysely<DB>): Hono<AppEnv> {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
  const deps: WebDeps = { config, db, calendar: async () => calendar, now: () => NOW, secureCookies: false, queryKey: TEST_QUERY_KEY };
  return createApp(deps);
}

export interface Staff {
  id: number;
  cookie: string;
  csrf: string;
}

export interface World {
  a: { id: number; code: string };
  b: { id: number; code: string };
  /** members of A by role; handlerB of B */
  handler: Staff;
  supervisor: Staff;
  admin: Staff;
  handlerB: Staff;
}

let counter = 0;

export async function staff(db: Kysely<DB>, agencyId: number, role: Role, name: string): Promise<Staff> {
  counter += 1;
  const user = await createUser(db, { username: `${name}${counter}`, displayName: `${name}显示名`, password: 'correct horse battery' }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  const m = await addMembership(db, user.value.id, agencyId, role);
  if (!m.ok) throw new Error(m.error.message);
  const s = await startSession(db, user.value.id, NOW);
  return { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

/** Agencies A and B (codes unique per call) and their staff. */
export async function world(db: Kysely<DB>, tag: string): Promise<World> {
  const a = await createAgency(db, { code: `a-${tag}`, name: `甲市${tag}局`, level: 'department' }, NOW);
  const b = await createAgency(db, { code: `b-${tag}`, name: `乙市${tag}局`, level: 'department' }, NOW);
  if (!a.ok || !b.ok) throw new Error('agencies');
  return {
    a: { id: a.value.id, code: a.value.code },
    b: { id: b.value.id, code: b.value.code },
    handler: await staff(db, a.value.id, 'handler', 'handler'),
    supervisor: await staff(db, a.value.id, 'supervisor', 'supervisor'),
    admin: await staff(db, a.value.id, 'admin', 'admin'),
    handlerB: await staff(db, b.value.id, 'handler', 'handlerb'),
  };
}

export async function get(app: Hono<AppEnv>, who: Staff, path: string): Promise<Response> {
  return app.request(path, { headers: { cookie: who.cookie } });
}

export async function post(app: Hono<AppEnv>, who: Staff, path: string, fields: Record<string, string>, options: { csrf?: string | null } = {}): Promise<Response> {
  const body = new URLSearchParams(fields);
  const token = options.csrf === undefined ? who.csrf : options.csrf;
  if (token !== null) body.set('_csrf', token);
  return app.request(path, { method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
}
