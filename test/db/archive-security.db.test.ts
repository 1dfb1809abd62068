// The archive holds no platform secret and no session: `settings.csrf_secret` and the sessions table are
// never written; the file is created 0600; an import makes a new secret, so a status cookie sealed before
// the backup opens nothing after the restore (while the receipt code and password still do).

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFile, importFromFile } from '../../src/services/archive/file.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { csrfSecret } from '../../src/services/setup.ts';
import { engines, withDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';
import { NOW, publicApp, validFields, Visitor } from '../web/public-support.ts';

describe.each(engines())('archive security on %s', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;
  let file: string;
  let secret: string;
  let grant: string;
  let receipt: { code: string; password: string };
  const code = 'zr1';
  const sessionId = 'a1'.repeat(32);
  const sessionCsrf = 'session-csrf-token-value-0123456789';

  beforeAll(async () => {
    [source, target] = await Promise.all([withDatabase(engine), withDatabase(engine)]);
    dir = await mkdtemp(join(tmpdir(), 'gongkai-archive-security-'));
    file = join(dir, 'backup.ndjson.gz');
    const agency = await createAgency(source.db, { code, name: '某市自然资源局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    // an online application, its receipt, and a status query whose sealed cookie opens the result
    const visitor = new Visitor(publicApp(source.db));
    expect((await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields(), true)).status).toBe(303);
    const html = await (await visitor.get(`/${code}/apply/receipt`)).text();
    const [receiptCode = '', password = ''] = [...html.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
    receipt = { code: receiptCode, password };
    expect((await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode, password })).status).toBe(303);
    grant = visitor.cookies.get('gk_status') ?? '';
    expect(grant).not.toBe('');
    secret = await csrfSecret(source.db);
    // a signed-in member of staff
    const user = await source.db
      .insertInto('users')
      .values({ username: 'zhang.san', displayName: '张三', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', createdAt: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await source.db.insertInto('sessions').values({ id: sessionId, userId: user.id, csrfToken: sessionCsrf, createdAt: NOW, expiresAt: '2099-01-01T00:00:00Z' }).execute();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('the grant opens the status on the source (the control)', async () => {
    const page = await publicApp(source.db).request(`/${code}/status/result`, { headers: { cookie: `gk_status=${grant}` } });
    expect(page.status).toBe(200);
  });

  it('writes the archive with mode 0600 and without the platform secret or any session', async () => {
    const r = await exportToFile(source.db, file, { force: false });
    expect(r.ok).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = gunzipSync(await readFile(file)).toString('utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('csrf_secret');
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain(sessionCsrf);
    expect(text).not.toMatch(/"sessions"/);
    // what it does hold: the application and its identity data (to be kept like the database)
    expect(text).toContain('11010519491231002X');
    expect(text).toContain('$argon2id$');
  });

  it('an import makes a new platform secret: the old status cookie opens nothing, the receipt still does', async () => {
    // a server started once on the empty target made its own secret: still an empty database
    const startedWith = await csrfSecret(target.db);
    const r = await importFromFile(target.db, file, {});
    expect(r).toMatchObject({ ok: true });
    const renewed = await target.db.selectFrom('settings').select('value').where('key', '=', 'csrf_secret').executeTakeFirstOrThrow();
    expect(typeof renewed.value['secret']).toBe('string');
    expect(String(renewed.value['secret']).length).toBeGreaterThanOrEqual(32);
    expect(renewed.value['secret']).not.toBe(secret);
    expect(renewed.value['secret']).not.toBe(startedWith);
    expect(await target.db.selectFrom('sessions').selectAll().execute()).toEqual([]);

    const app = publicApp(target.db);
    const stale = await app.request(`/${code}/status/result`, { headers: { cookie: `gk_status=${grant}` } });
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe(`/${code}/status`);
    // the citizen's own key survives the restore
    const visitor = new Visitor(app);
    expect((await visitor.submit(`/${code}/status`, `/${code}/status`, receipt)).status).toBe(303);
    expect((await visitor.get(`/${code}/status/result`)).status).toBe(200);
  });
});
