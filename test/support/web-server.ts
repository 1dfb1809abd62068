// The real server (startServer from src/server.ts) on a fresh embedded PGlite in a temp folder and a
// free loopback port, for end-to-end web tests and the web bench:
//
//   const server = await startTestServer({ seed: async ({ db, now }) => { await createAgency(db, {…}, now) } });
//   await fetch(`${server.url}/…`);
//   await server.close();   // stops the server, closes PGlite, removes the folder
//
// startServer listens on config.port and builds its url from it, so port 0 would give a wrong url:
// a free port is found with node:net first (and we wait until it accepts connections).

import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/schema.ts';
import { beijingNow, startServer } from '../../src/server.ts';
import { loadQueryKey } from '../../src/services/query-key.ts';
import { templateDataDir } from './db.ts';
import type { QueryKey } from '../../src/services/query-key.ts';

export interface SeedContext {
  /** the migrated database the server will serve (closed again before the server opens it) */
  db: Kysely<DB>;
  config: Config;
  /** now as the server sees it (Beijing time, ISO) */
  now: string;
  /** the query key the server will load (its data folder's key file): what query passwords made in the seed are kept under */
  queryKey: QueryKey;
}

export interface TestServerOptions {
  /** runs on the migrated database before the server starts */
  seed?: (context: SeedContext) => Promise<void>;
  /** overrides of the test config (dataDir and port are chosen here unless given) */
  config?: Partial<Config>;
  /** the server's clock (Beijing time, ISO), for a test that must run on a given day; the real one by default */
  now?: () => string;
  /** how often the scheduled-publication runner ticks (the server's 30 s by default) */
  publicationIntervalMs?: number;
}

export interface TestServer {
  /** e.g. http://localhost:41234 (no trailing slash) */
  url: string;
  config: Config;
  /** stops the server, closes the database and removes the temp folder; idempotent */
  close: () => Promise<void>;
}

/** A TCP port nobody listens on right now (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('freePort: no port from the OS'))));
    });
  });
}

/** Resolves once something accepts TCP connections on the port (the server listens asynchronously). */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: 'localhost' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`startTestServer: nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = options.config?.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'gongkai-web-')) : undefined;
  const removeDir = async () => {
    if (ownDir !== undefined) await rm(ownDir, { recursive: true, force: true });
  };
  try {
    const config: Config = {
      dataDir: ownDir ?? '',
      databaseUrl: undefined, // PGlite in dataDir, whatever DATABASE_URL says
      secureCookies: false,
      ...options.config,
      port: options.config?.port ?? (await freePort()),
    };
    // a new data folder starts as a copy of the migrated template (support/db.ts): no initdb, no migrations
    if (ownDir !== undefined && config.databaseUrl === undefined) await templateDataDir(ownDir);
    if (options.seed) {
      const database = await openDatabase(config);
      try {
        await options.seed({ db: database.db, config, now: (options.now ?? beijingNow)(), queryKey: await loadQueryKey(config) });
      } finally {
        await database.close();
      }
    }
    const running = await startServer(config, { ...(options.now ? { now: options.now } : {}), ...(options.publicationIntervalMs !== undefined ? { publicationIntervalMs: options.publicationIntervalMs } : {}) });
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        try {
          await running.close();
        } finally {
          await removeDir();
        }
      })());
    try {
      await waitForPort(config.port);
    } catch (e) {
      await close();
      throw e;
    }
    return { url: running.url.replace(/\/$/, ''), config, close };
  } catch (e) {
    await removeDir();
    throw e;
  }
}
