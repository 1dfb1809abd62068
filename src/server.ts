// Composition root of the web platform: `npm start` serves it on embedded PGlite (or PostgreSQL when
// DATABASE_URL is set) at http://localhost:3000 (PORT to change).

import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import type { Database } from './db/connect.ts';
import { workingCalendarLoader } from './services/calendar-store.ts';
import { closeParsePool } from './services/parse-pool/index.ts';
import type { WebDeps } from './web/context.ts';

/** Now in China (UTC+8, no daylight saving): the platform's dates are Beijing dates. */
export function beijingNow(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/**
 * `now` replaces the clock (Beijing time, ISO) — for tests that must run on a given day; `publicationIntervalMs`
 * how often the scheduled-publication runner looks for due items (30 s by default).
 */
export async function startServer(config: Config, options: { now?: () => string; publicationIntervalMs?: number } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const { database, createApp, startPublicationRunner } = await openWhileLoading(config);
  const calendar = workingCalendarLoader(config);
  const deps: WebDeps = {
    config,
    db: database.db,
    calendar: async () => {
      const c = await calendar();
      if (!c.ok) throw new Error(c.error);
      return c.value;
    },
    now: options.now ?? beijingNow,
    secureCookies: config.secureCookies,
  };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port });
  // scheduled publication of catalogue items (定时发布), one runner per process under a database lock
  const runner = startPublicationRunner(database.db, { now: deps.now, ...(options.publicationIntervalMs !== undefined ? { intervalMs: options.publicationIntervalMs } : {}), onError: (e) => console.error('gongkai：定时发布失败，稍后重试：', e instanceof Error ? e.message : e) });
  const url = `http://localhost:${config.port}`;
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.stop();
      await closeParsePool();
      await database.close();
    },
  };
}

/**
 * The database opens (embedded PGlite: in its worker thread, ~1.5 s on an existing folder) while this thread
 * loads the web application (~1 s of modules), instead of one after the other; a failure of either leaves
 * nothing open.
 */
async function openWhileLoading(config: Config) {
  const [database, app, runner] = await Promise.allSettled([openDatabase(config), import('./web/app.ts'), import('./services/catalogue/publication-runner.ts')]);
  if (database.status === 'fulfilled' && app.status === 'fulfilled' && runner.status === 'fulfilled') {
    return { database: database.value, createApp: app.value.createApp, startPublicationRunner: runner.value.startPublicationRunner };
  }
  if (database.status === 'fulfilled') await database.value.close();
  throw [database, app, runner].map((r) => (r.status === 'rejected' ? (r.reason as unknown) : undefined)).find((e) => e !== undefined);
}

/**
 * Said once at start on the embedded database: PGlite never syncs its files to disk (its Node file system
 * has no fsync: PGlite issue #1107), so a commit survives a crash of gongkai but not of the machine.
 */
export const PGLITE_DURABILITY_NOTICE =
  'gongkai：正在使用内置数据库 PGlite，适合试用、演示和单个办公室的小规模使用。它写入的数据在本程序崩溃时不会丢失，但在断电或操作系统崩溃时可能丢失最近提交的数据；正式使用请设置 DATABASE_URL 连接 PostgreSQL（见 docs/DEPLOY.md）。';

/** The server process: `npm start` (bin/server.mjs), `npm run dev` (this file through tsx). */
export async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`gongkai：${loaded.errors.join('；')}`);
    process.exit(2);
  }
  const running = await startServer(loaded.config);
  console.log(`gongkai 已启动：${running.url}（数据：${loaded.config.databaseUrl ? 'PostgreSQL' : `PGlite ${loaded.config.dataDir}`}）`);
  if (!loaded.config.databaseUrl) console.log(PGLITE_DURABILITY_NOTICE);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
