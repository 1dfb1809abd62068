// Issue #16, "more than one machine": two gongkai servers, each a process of its own with its own data
// folder (as on two machines), on one PostgreSQL database, behave as one:
//   - a calendar import through one is seen by the other's clocks (working_calendar's version);
//   - a column edit through one is on the other's public page at once, though that page was in the
//     other's page cache (column_versions);
//   - a session opened by signing in on one is accepted by the other (sessions);
//   - a rate limit — its number set through one, counted through one — is enforced by the other
//     (settings, rate_counters).
// PostgreSQL only: an embedded PGlite belongs to one process (its data folder is locked), so there is
// nothing to share. Without DATABASE_URL the suite is skipped, saying so.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { addMembership, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { ROOT } from '../support/cli.ts';
import { withDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';
import { freePort } from '../support/web-server.ts';

const DATABASE_URL = process.env['DATABASE_URL'];
/** Beijing, a Monday in December: a reply due 20 working days after today falls in 2027, whose notice is not entered (暂定). */
const NOW = '2026-12-07T10:00:00.000+08:00';
const TODAY = NOW.slice(0, 10);
const PASSWORD = 'correct horse battery staple';
const NOTICE = readFileSync(join(ROOT, 'test/fixtures/calendar/invented-2027-notice.txt'), 'utf8');
const AGENCY = 'twosrv';

/** A browser against one server or the other: cookies kept (by name), redirects not followed. */
class Browser {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, redirect: 'manual', ...(body !== undefined ? { body } : {}) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GET the form's page, then POST the fields with the CSRF token it carries. */
  async submit(base: string, page: string, action: string, fields: Record<string, string>): Promise<Response> {
    const html = await (await this.request(`${base}${page}`)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page}`);
    return this.request(`${base}${action}`, { form: { _csrf: token, ...fields } });
  }
}

interface Server {
  url: string;
  process: ChildProcess;
  dataDir: string;
}

/** A server process (test/support/server-process.ts) on the test's schema, with a data folder of its own; resolves once it listens. */
async function startServerProcess(schema: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-two-servers-'));
  const port = await freePort();
  const url = new URL(DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), GONGKAI_DATA_DIR: dataDir, GONGKAI_TEST_NOW: NOW };
  delete env['GONGKAI_TRUST_PROXY'];
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/server-process.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ready (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
  return { url: (await ready).replace(/\/$/, ''), process: child, dataDir };
}

async function stopServerProcess(server: Server | undefined): Promise<void> {
  if (server === undefined) return;
  if (server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.process.exitCode === null) server.process.kill('SIGKILL');
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

describe.skipIf(DATABASE_URL === undefined)('two servers on one PostgreSQL (skipped without DATABASE_URL: two processes cannot share an embedded PGlite)', () => {
  let database: TestDatabase;
  let a: Server | undefined;
  let b: Server | undefined;
  let applicationId = 0;

  beforeAll(async () => {
    database = await withDatabase('postgres');
    const db = database.db;
    const agency = await createAgency(db, { code: AGENCY, name: '示范市双机测试局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const admin = await createUser(db, { username: 'twoadmin', displayName: '平台管理员', password: PASSWORD, platformAdmin: true }, NOW);
    if (!admin.ok) throw new Error(admin.error.message);
    const member = await addMembership(db, admin.value.id, agency.value.id, 'admin');
    if (!member.ok) throw new Error(member.error.message);
    const calendar = buildCalendar([], [], { provisionalYears: 1 });
    if (!calendar.ok) throw new Error(calendar.error.message);
    const app = await registerApplication(
      db,
      agency.value.id,
      { applicantType: 'natural_person', applicantName: '李四', channel: 'in_person', submittedOn: TODAY, request: '某路段改造工程的批复文件' },
      { actor: 'seed', now: NOW, today: TODAY, calendar: calendar.value },
    );
    if (!app.ok) throw new Error(app.error.message);
    applicationId = app.value.id;
    [a, b] = await Promise.all([startServerProcess(database.schema as string), startServerProcess(database.schema as string)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([stopServerProcess(a), stopServerProcess(b)]);
    await database?.close();
  });

  const A = () => (a as Server).url;
  const B = () => (b as Server).url;
  const staff = new Browser();

  it('a sign-in on one server is a session on the other', async () => {
    const signedIn = await staff.submit(A(), '/staff/login', '/staff/login', { username: 'twoadmin', password: PASSWORD, next: `/staff/${AGENCY}` });
    expect(signedIn.status).toBe(303);
    expect(staff.cookies.has('gk_session')).toBe(true);
    const onB = await staff.request(`${B()}/staff/${AGENCY}`);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('示范市双机测试局');
    expect((await new Browser().request(`${B()}/staff/${AGENCY}`)).status).toBe(303); // without the session: to the login page
  });

  it('a calendar import through one server is seen by the other’s clocks', async () => {
    const page = `/staff/${AGENCY}/applications/${applicationId}`;
    const before = await (await staff.request(`${B()}${page}`)).text();
    expect(before).toContain('（暂定）'); // the reply is due in 2027, whose notice is not entered
    const saved = await staff.submit(A(), '/staff/platform/calendar', '/staff/platform/calendar/notice', { text: NOTICE, confirm: '1' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('已保存节假日安排');
    const after = await (await staff.request(`${B()}${page}`)).text();
    expect(after).not.toContain('（暂定）');
    expect(await (await staff.request(`${B()}/staff/platform/calendar`)).text()).toContain('国务院办公厅关于2027年部分节假日安排的通知');
  });

  it('a column edit through one server is on the other’s public page at once, though the page was in its cache', async () => {
    const visitor = new Browser();
    const guide = `${B()}/${AGENCY}/guide`;
    const first = await visitor.request(guide);
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(await first.text()).not.toContain('双机测试的新指南');
    const cached = await visitor.request(guide);
    expect(cached.headers.get('etag')).toBe(etag);
    const edited = await staff.submit(A(), `/staff/${AGENCY}/settings`, `/staff/${AGENCY}/settings/pages/guide`, { body: '## 双机测试的新指南\n\n由另一台服务器修改。' });
    expect(edited.status).toBe(303);
    const now = await visitor.request(guide);
    expect(now.headers.get('etag')).not.toBe(etag);
    expect(await now.text()).toContain('双机测试的新指南');
  });

  it('a rate limit set and counted through one server is enforced by the other', async () => {
    const limits = {
      'applyPerAddress.count': '10',
      'applyPerAddress.minutes': '60',
      'applyPerApplicant.count': '10',
      'applyPerApplicant.minutes': '60',
      'statusPerAddress.count': '3',
      'statusPerAddress.minutes': '15',
      'statusActionPerAddress.count': '10',
      'statusActionPerAddress.minutes': '15',
    };
    expect((await staff.submit(A(), '/staff/platform/limits', '/staff/platform/limits', limits)).status).toBe(303);
    const visitor = new Browser();
    const query = (base: string, code: string) => visitor.submit(base, `/${AGENCY}/status`, `/${AGENCY}/status`, { code, password: 'ABCDEFGHJK' });
    const statuses: number[] = [];
    for (const code of ['ABCDEFGHJKMN', 'ABCDEFGHJKMP', 'ABCDEFGHJKMQ']) statuses.push((await query(A(), code)).status);
    expect(statuses).toEqual([422, 422, 422]);
    const held = await query(B(), 'ABCDEFGHJKMR');
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await held.text()).toContain('查询办理进度过于频繁');
  });
});
