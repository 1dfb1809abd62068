// Durability as far as a test can reach it: the server (bin/server.mjs, a process of its own) is killed
// with SIGKILL while clients register applications through the API, on each engine; opened again, the
// database holds every application the server acknowledged (201), with the number it answered. This
// shows that gongkai answers only after the commit; a power cut is another matter — PostgreSQL syncs its
// WAL, PGlite does not (docs/DEPLOY.md), and on PGlite the server says so once at start.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPglite, connectPostgres } from '../src/db/connect.ts';
import type { Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { PGLITE_DURABILITY_NOTICE } from '../src/server.ts';
import { addMembership, createApiToken, createUser } from '../src/services/accounts.ts';
import { createAgency } from '../src/services/agencies.ts';
import { ROOT } from './support/cli.ts';
import { engines, templateDataDir, withDatabase } from './support/db.ts';
import type { TestDatabase } from './support/db.ts';

const WORK = mkdtempSync(join(tmpdir(), 'gongkai-durability-'));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

const NOW = '2025-03-03T09:00:00+08:00';
/** concurrent clients */
const CLIENTS = 8;
/** acknowledged applications before the kill */
const BEFORE_KILL = 120;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** An agency, a clerk and the clerk's API token. */
async function seed(database: Database): Promise<string> {
  const db = database.db;
  const agency = await createAgency(db, { code: 'dur', name: '示范市某局', level: 'department' }, NOW);
  if (!agency.ok) throw new Error(agency.error.message);
  const user = await createUser(db, { username: 'clerk', displayName: '王办事', password: 'Durable-Pass-2025!', platformAdmin: false }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  await addMembership(db, user.value.id, agency.value.id, 'handler');
  const token = await createApiToken(db, user.value.id, 'load', NOW);
  if (!token.ok) throw new Error(token.error.message);
  return token.value.token;
}

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
}

/** Starts bin/server.mjs and waits for its start line. */
async function startServer(env: Record<string, string | undefined>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'server.mjs')], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('gongkai 已启动')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the server ended (${child.exitCode}): ${err}`));
      }
    }, 50);
  });
  return { child, url: `http://127.0.0.1:${port}`, stdout: () => out };
}

/** Clients registering applications until the server stops answering; every 201 is kept. */
function load(url: string, token: string, acknowledged: Map<number, string>): Promise<void>[] {
  const body = (n: number, i: number) =>
    JSON.stringify({ applicantType: 'natural_person', applicantName: `申请人${n}-${i}`, channel: 'in_person', submittedOn: '2025-03-03', request: `某文件（第 ${n}-${i} 号客户端）` });
  return Array.from({ length: CLIENTS }, async (_, n) => {
    for (let i = 0; ; i++) {
      let res: Response;
      try {
        res = await fetch(`${url}/api/v1/applications`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body(n, i) });
      } catch {
        return; // the server is gone
      }
      if (res.status !== 201) throw new Error(`registering answered ${res.status}: ${await res.text()}`);
      const { application } = (await res.json()) as { application: { id: number; number: string } };
      acknowledged.set(application.id, application.number);
    }
  });
}

async function killDuringWrites(env: Record<string, string | undefined>, token: string): Promise<{ acknowledged: Map<number, string>; stdout: string }> {
  const server = await startServer(env);
  const acknowledged = new Map<number, string>();
  const clients = load(server.url, token, acknowledged);
  let problem: unknown;
  const failed = Promise.all(clients).then(
    () => undefined,
    (e: unknown) => (problem = e),
  );
  while (acknowledged.size < BEFORE_KILL) {
    if (problem !== undefined) {
      server.child.kill('SIGKILL');
      throw problem;
    }
    if (server.child.exitCode !== null) throw new Error('the server ended before the kill');
    await new Promise((r) => setTimeout(r, 20));
  }
  const exited = new Promise<string | null>((resolve) => server.child.once('exit', (_code, signal) => resolve(signal)));
  server.child.kill('SIGKILL'); // requests are in flight: some committed and not yet answered, some not yet committed
  expect(await exited).toBe('SIGKILL');
  await failed;
  if (problem !== undefined) throw problem;
  return { acknowledged, stdout: server.stdout() };
}

/** Every acknowledged application is there, with the number it was given. */
async function expectAllThere(database: Database, acknowledged: Map<number, string>): Promise<void> {
  const rows = await database.db.selectFrom('applications').select(['id', 'number']).execute();
  const stored = new Map(rows.map((r) => [r.id, r.number]));
  const missing = [...acknowledged].filter(([id, number]) => stored.get(id) !== number);
  expect(missing, 'acknowledged but not stored').toEqual([]);
  expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
}

describe.each(engines())('killed with SIGKILL while registering (%s)', (engine) => {
  it('keeps every application it acknowledged; opened again, it goes on', async () => {
    if (engine === 'pglite') {
      const dataDir = join(WORK, 'pglite-data');
      await templateDataDir(dataDir);
      const seeding = await connectPglite({ dataDir: join(dataDir, 'pglite') });
      const token = await seed(seeding);
      await seeding.close();
      const env = { GONGKAI_DATA_DIR: dataDir, DATABASE_URL: undefined };
      const { acknowledged, stdout } = await killDuringWrites(env, token);
      // the embedded database says once at start where its durability ends
      expect(stdout.split(PGLITE_DURABILITY_NOTICE).length - 1).toBe(1);
      const reopened = await connectPglite({ dataDir: join(dataDir, 'pglite') }); // a stale lock of the killed process is taken over
      try {
        await migrate(reopened.db);
        await expectAllThere(reopened, acknowledged);
      } finally {
        await reopened.close();
      }
      // and the server starts again on it and registers more
      const again = await startServer(env);
      try {
        const res = await fetch(`${again.url}/api/v1/applications`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ applicantType: 'natural_person', applicantName: '重启后', channel: 'in_person', submittedOn: '2025-03-03', request: '某文件' }),
        });
        expect(res.status).toBe(201);
      } finally {
        again.child.kill('SIGTERM');
        await new Promise((r) => again.child.once('exit', r));
      }
    } else {
      const database: TestDatabase = await withDatabase('postgres');
      try {
        const token = await seed(database);
        const url = new URL(process.env['DATABASE_URL'] ?? '');
        url.searchParams.set('options', `-c search_path=${database.schema ?? ''}`);
        const { acknowledged, stdout } = await killDuringWrites({ DATABASE_URL: url.toString(), GONGKAI_DATA_DIR: join(WORK, 'pg-data') }, token);
        expect(stdout).not.toContain(PGLITE_DURABILITY_NOTICE);
        const fresh = await connectPostgres(url.toString());
        try {
          await expectAllThere(fresh, acknowledged);
        } finally {
          await fresh.close();
        }
      } finally {
        await database.close();
      }
    }
  }, 180_000);
});
