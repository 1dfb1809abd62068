// 访问限制 (/staff/platform/limits) and the limits it sets, on one engine (support/db.ts webEngines):
//   - the page is the platform administrator's (404 for an agency's administrator); the numbers are
//     validated (zod, Chinese, nothing written on a refusal), saved with an audit entry, and hold at
//     once on the public form;
//   - a trusted address (a service hall's NAT, CIDR) is exempt from the limit per address, never from
//     the limit per applicant, which counts by a keyed hash of the 证件号码 (never the number in clear);
//   - two apps with separate in-process state on one database (as two servers): a limit hit through
//     one holds on the other, because both count in rate_counters.

import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { applicantKey } from '../../src/services/limits/applicant.ts';
import { DatabaseCounterStore } from '../../src/services/limits/db-store.ts';
import { secretOf } from '../../src/web/auth.ts';
import { isTrusted, parseTrustedList, publicLimits } from '../../src/services/limits/settings.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv, WebDeps } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { calendar, NOW, validFields, Visitor } from './public-support.ts';
import { get, post, world } from './staff-support.ts';
import type { Staff } from './staff-support.ts';

/** An app as the server builds it: limits counted in the database, one proxy in front (the test says who the client is). */
function serverApp(db: Kysely<DB>): Hono<AppEnv> {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false, trustProxy: { kind: 'hops', hops: 1 } };
  const deps: WebDeps = { config, db, calendar: async () => calendar, now: () => NOW, secureCookies: false, counters: new DatabaseCounterStore(db) };
  return createApp(deps);
}

/** The app as seen from `address` (the proxy's X-Forwarded-For). */
const from = (app: Hono<AppEnv>, address: string): Hono<AppEnv> =>
  ({ request: (path: string, init: RequestInit = {}) => app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': address } }) }) as unknown as Hono<AppEnv>;

/** A valid 居民身份证号码 (GB 11643: the check character of the 17 digits), born 1990-01-01, sequence `n`. */
function residentId(n: number): string {
  const body = `11010119900101${String(n).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return body + ('10X98765432'[sum % 11] ?? '');
}

const apply = (app: Hono<AppEnv>, code: string, fields: Record<string, string | File> = validFields()) => new Visitor(app).submit(`/${code}/apply`, `/${code}/apply`, fields, true);

describe('trusted addresses (pure)', () => {
  it('reads addresses and networks, one a line or separated, and names each bad one', () => {
    expect(parseTrustedList('203.0.113.10\n198.51.100.0/24, 2001:db8::/32、10.0.0.1；10.0.0.1')).toEqual({ ok: true, value: ['203.0.113.10', '198.51.100.0/24', '2001:db8::/32', '10.0.0.1'] });
    expect(parseTrustedList('')).toEqual({ ok: true, value: [] });
    const bad = parseTrustedList('203.0.113.10\n大厅\n10.0.0.0/33');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('大厅、10.0.0.0/33');
    const wide = parseTrustedList('0.0.0.0/0\n::/0\n10.0.0.0/8');
    expect(wide.ok).toBe(false);
    if (!wide.ok) expect(wide.message).toBe('网段过大：0.0.0.0/0、::/0。这会使大量访问者不受地址限制；IPv4 网段至少写到 /8，IPv6 至少 /16，通常只需列出服务场所的出口地址。');
    expect(isTrusted('198.51.100.77', ['198.51.100.0/24'])).toBe(true);
    expect(isTrusted('::ffff:198.51.100.77', ['198.51.100.0/24'])).toBe(true);
    expect(isTrusted('198.51.101.1', ['198.51.100.0/24'])).toBe(false);
    expect(isTrusted('local', ['198.51.100.0/24'])).toBe(false);
  });
});

describe.each(webEngines())('访问限制 on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  async function platformAdmin(): Promise<Staff> {
    n += 1;
    const user = await createUser(t.db, { username: `limits${n}`, displayName: '平台管理员', password: 'correct horse battery', platformAdmin: true }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    const s = await startSession(t.db, user.value.id, NOW);
    return { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
  }

  const limitsForm = (over: Record<string, string> = {}) => ({
    'applyPerAddress.count': '10',
    'applyPerAddress.minutes': '60',
    'applyPerApplicant.count': '10',
    'applyPerApplicant.minutes': '60',
    'statusPerAddress.count': '10',
    'statusPerAddress.minutes': '15',
    'statusActionPerAddress.count': '10',
    'statusActionPerAddress.minutes': '15',
    ...over,
  });

  it('is the platform administrator’s page: numbers checked, saved, audited, in force at once', async () => {
    const w = await world(t.db, `lim${engine}`);
    const app = serverApp(t.db);
    const admin = await platformAdmin();
    expect((await get(app, w.admin, '/staff/platform/limits')).status).toBe(404);
    expect((await post(app, w.admin, '/staff/platform/limits', limitsForm({ 'applyPerAddress.count': '1' }))).status).toBe(404);
    const page = await (await get(app, admin, '/staff/platform/limits')).text();
    expect(page).toContain('<h1>访问限制</h1>');
    expect(page).toContain('name="applyPerAddress.count"');
    expect(page).toContain('value="10"');
    expect(await (await get(app, admin, '/staff/platform')).text()).toContain('href="/staff/platform/limits"');

    // refused: nothing written, the field named, in Chinese
    for (const [over, words] of [
      [{ 'applyPerAddress.count': '0' }, '不能小于1'],
      [{ 'applyPerApplicant.minutes': '三十' }, '应为整数'],
      [{ 'statusPerAddress.minutes': '20000' }, '不能大于10080'],
    ] as const) {
      const refused = await post(app, admin, '/staff/platform/limits', limitsForm(over));
      expect(refused.status).toBe(422);
      const html = await refused.text();
      expect(html).toContain(words);
      expect(html).toMatch(/aria-invalid="true"/);
    }
    expect(await t.db.selectFrom('settings').select('key').where('key', '=', 'rate_limits').execute()).toEqual([]);

    // saved: the form's second application from one address is the last
    const saved = await post(app, admin, '/staff/platform/limits', limitsForm({ 'applyPerAddress.count': '2', 'applyPerAddress.minutes': '30' }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/staff/platform/limits?done=limits');
    expect((await publicLimits(t.db)).limits.applyPerAddress).toEqual({ count: 2, minutes: 30 });
    const entry = await t.db.selectFrom('auditLog').select(['userId', 'agencyId', 'detail']).where('action', '=', 'limits.update').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ userId: admin.id, agencyId: null, detail: { changed: [{ limit: 'applyPerAddress', from: { count: 10, minutes: 60 }, to: { count: 2, minutes: 30 } }] } });
    const visitor = from(app, '203.0.113.5');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await apply(visitor, w.a.code, { applicantName: '' })).status);
    expect(statuses).toEqual([422, 422, 429]);
    expect((await apply(from(app, '203.0.113.6'), w.a.code, { applicantName: '' })).status).toBe(422); // another address
  });

  it('a trusted address is exempt from the limit per address, not from the limit per applicant (a keyed hash)', async () => {
    const agency = await createAgency(t.db, { code: `hall-${engine}`, name: '某市政务服务局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const code = agency.value.code;
    const app = serverApp(t.db);
    const admin = await platformAdmin();
    await post(app, admin, '/staff/platform/limits', limitsForm({ 'applyPerAddress.count': '2', 'applyPerApplicant.count': '3' }));

    const refused = await post(app, admin, '/staff/platform/limits/trusted', { trusted: '198.51.100.0/28\n服务大厅' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('以下不是有效的地址或网段：服务大厅');
    expect((await publicLimits(t.db)).trusted).toEqual([]);
    expect((await post(app, admin, '/staff/platform/limits/trusted', { trusted: '198.51.100.0/28' })).status).toBe(303);
    expect(await (await get(app, admin, '/staff/platform/limits?done=trusted')).text()).toContain('<li>198.51.100.0/28</li>');
    const audit = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'limits.trusted').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ added: ['198.51.100.0/28'], count: 1 });

    // the hall: ten citizens through one address, far past the limit of 2 per address
    const hall = from(app, '198.51.100.9');
    const ids = [1, 2, 3, 4, 5, 6].map(residentId);
    for (const idNumber of ids) expect((await apply(hall, code, validFields({ idNumber }))).status).toBe(303);
    // one applicant: 3 an hour, whatever the address; another applicant goes on
    const first = ids[0] as string;
    expect((await apply(hall, code, validFields({ idNumber: first }))).status).toBe(303);
    expect((await apply(from(app, '198.51.100.10'), code, validFields({ idNumber: first.toLowerCase() }))).status).toBe(303);
    const held = await apply(hall, code, validFields({ idNumber: ` ${first} ` }));
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await held.text()).toContain('同一身份证明文件号码在1小时内最多提交3件申请');
    expect((await apply(hall, code, validFields({ idNumber: ids[1] as string }))).status).toBe(303);
    // an address outside the hall's network still has its limit of 2
    const home = from(app, '198.51.100.99');
    expect([(await apply(home, code, { applicantName: '' })).status, (await apply(home, code, { applicantName: '' })).status, (await apply(home, code, { applicantName: '' })).status]).toEqual([422, 422, 429]);
    // the counters never hold the number
    const keys = (await t.db.selectFrom('rateCounters').select('key').execute()).map((r) => r.key);
    expect(keys.some((k) => k.startsWith('applicant:'))).toBe(true);
    for (const id of ids) expect(keys.join('\n')).not.toContain(id.slice(0, 12));
  });

  it("an applicant's last place: two submissions at once, one registered and one held back; a refused form takes none", async () => {
    const agency = await createAgency(t.db, { code: `race-${engine}`, name: '某区住房和城乡建设局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const code = agency.value.code;
    const app = serverApp(t.db);
    await post(app, await platformAdmin(), '/staff/platform/limits', limitsForm({ 'applyPerApplicant.count': '1' }));
    const idNumber = residentId(40);
    const key = applicantKey(await secretOf(t.db), idNumber);
    const counter = async () => (await t.db.selectFrom('rateCounters').select('count').where('key', '=', key).executeTakeFirst())?.count;
    // a refused form is not an application: no place taken
    expect((await apply(from(app, '192.0.2.60'), code, validFields({ idNumber, request: '' }))).status).toBe(422);
    expect(await counter()).toBeUndefined();
    // the one place, asked for twice at the same moment from two addresses
    const both = await Promise.all(['192.0.2.61', '192.0.2.62'].map((address) => apply(from(app, address), code, validFields({ idNumber }))));
    expect(both.map((r) => r.status).sort()).toEqual([303, 429]);
    expect(await counter()).toBe(1);
    const registered = await t.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('agencyId', '=', agency.value.id).executeTakeFirstOrThrow();
    expect(Number(registered.n)).toBe(1);
  });

  it('two apps on one database count together: a limit hit through one holds on the other', async () => {
    const agency = await createAgency(t.db, { code: `two-${engine}`, name: '某县自然资源局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const [one, other] = [serverApp(t.db), serverApp(t.db)];
    const code = agency.value.code;
    const query = (app: Hono<AppEnv>) => new Visitor(from(app, '192.0.2.44')).submit(`/${code}/status`, `/${code}/status`, { code: 'ABCDEFGHJKMN', password: 'ABCDEFGHJK' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await query(one)).status);
    expect(statuses).toEqual(Array(5).fill(422));
    // the 6th failure of that receipt code, through the other app: held back there
    expect((await query(other)).status).toBe(429);
  });
});
