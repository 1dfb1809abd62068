// Issue #16, item 6, on the real server (startServer on a socket): while a statement holds embedded PGlite
// for seconds, a static file (/assets/public.css) and a light page (an agency's column home, served from
// the page cache without the database) are answered before the statement ends — PGlite works in a thread
// of its own (src/db/pglite-thread.ts). With PGlite in the server's thread, as before, the same requests
// wait for the statement: the second case shows what the first one guards against. Order of events, not
// milliseconds: the timings are the bench's (bench/pglite-thread.ts).
//
// The held statement is pg_sleep, which holds PGlite's thread as a long query does (PGlite runs it in its
// WebAssembly code: no timer of that thread fires meanwhile), without taking a core of the shared machine.
// PGlite only: the worker is the embedded engine's.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import type { PgliteDatabase } from '../../src/db/connect.ts';
import { beijingNow, startServer } from '../../src/server.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { freshPglite } from '../support/db.ts';
import { freePort, waitForPort } from '../support/web-server.ts';

const AGENCY = { code: 'rfb', name: '某市人民防空办公室', level: 'department' } as const;

describe.each([
  { thread: 'worker', held: 4 },
  { thread: 'main', held: 1 },
] as const)('PGlite in the $thread thread', ({ thread, held }) => {
  let database: PgliteDatabase;
  let dir: string;
  let server: { url: string; close: () => Promise<void> } | undefined;

  beforeAll(async () => {
    database = await freshPglite({ thread });
    const created = await createAgency(database.db, AGENCY, beijingNow());
    if (!created.ok) throw new Error(created.error.message);
    dir = await mkdtemp(join(tmpdir(), 'gongkai-off-thread-'));
    const config: Config = { dataDir: dir, databaseUrl: undefined, secureCookies: false, port: await freePort() };
    server = await startServer(lendDatabase(config, database));
    await waitForPort(config.port);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(thread === 'worker' ? 'answers a static file and a cached page while a statement holds PGlite' : 'holds every request until the statement ends', async () => {
    const home = `${server!.url}/${AGENCY.code}/`;
    // the column home rendered once: from now on it is served from the page cache, without the database
    expect((await fetch(home)).status).toBe(200);

    const events: string[] = [];
    const statement = sql`select pg_sleep(${held})`.execute(database.db).then(() => events.push('statement'));
    // a moment for the statement to start (with PGlite in this thread, this timer fires only after it)
    await new Promise((r) => setTimeout(r, 100));
    const get = (url: string, name: string) =>
      fetch(url).then(async (r) => {
        const text = await r.text();
        events.push(name);
        return { status: r.status, text };
      });
    const [css, page] = await Promise.all([get(`${server!.url}/assets/public.css`, 'css'), get(home, 'page'), statement]);

    expect(css.status).toBe(200);
    expect(css.text.length).toBeGreaterThan(100);
    expect(page.status).toBe(200);
    expect(page.text).toContain(AGENCY.name);
    if (thread === 'worker') expect(events.indexOf('statement')).toBe(2);
    else expect(events[0]).toBe('statement');
  });
});
