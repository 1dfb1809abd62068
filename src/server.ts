// Composition root of the web platform: `npm start` serves it on embedded PGlite (or PostgreSQL when
// DATABASE_URL is set) at http://localhost:3000 (PORT to change).

import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { openDatabase } from './services/database.ts';
import { adoptCalendarFile, workingCalendarLoader } from './services/calendar-store.ts';
import { SharedColumnVersions } from './services/column-version.ts';
import { DatabaseCounterStore } from './services/limits/db-store.ts';
import { startPublicationRunner } from './services/catalogue/publication-runner.ts';
import { dueDateRefresher } from './services/due-dates.ts';
import { closeParsePool } from './services/parse-pool/index.ts';
import { closePdfBrowser } from './services/pdf/warm-browser.ts';
import { otherQueryKey } from './services/public-grants.ts';
import { loadQueryKey, QueryKeyError } from './services/query-key.ts';
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
  // before the database: a key file that is not a key stops the start (QueryKeyError)
  const queryKey = await loadQueryKey(config);
  // the database opens (PGlite in its own thread, or the pool's first connection) while the web
  // application's modules load: the start takes the longer of the two, not their sum
  const opening = openDatabase(config);
  opening.catch(() => undefined); // awaited below: a failure meanwhile is not an unhandled rejection
  let createApp: typeof import('./web/app.ts').createApp;
  try {
    ({ createApp } = await import('./web/app.ts'));
  } catch (e) {
    await opening.then((d) => d.close()).catch(() => undefined);
    throw e;
  }
  const database = await opening;
  // the calendar of a data folder from before issue #16 moves into the database (once)
  const adopted = await adoptCalendarFile(database.db, config.dataDir, new Date().toISOString());
  if (adopted !== null) console.log(`gongkai：${adopted}`);
  const calendar = workingCalendarLoader(database.db);
  const other = await otherQueryKey(database.db, queryKey);
  if (other !== null) console.error(queryKeyWarning(other, queryKey.id));
  const now = options.now ?? beijingNow;
  // the due dates stored with each application (services/due-dates.ts): computed in the background at
  // start for the rows that need it (the rows a migration added, another calendar's), and again when the
  // calendar changes under the server (saved by the CLI or another process)
  const dueDates = dueDateRefresher(database.db, {
    today: () => now().slice(0, 10),
    onError: (e) => console.error('gongkai：计算申请期限失败，稍后重试：', e instanceof Error ? e.message : e),
  });
  const deps: WebDeps = {
    config,
    db: database.db,
    calendar: async () => {
      const c = await calendar();
      if (!c.ok) throw new Error(c.error);
      dueDates.kick(c.value);
      return c.value;
    },
    now,
    secureCookies: config.secureCookies,
    // what several processes on one database share lives in it (issue #16): every limit counts in
    // rate_counters; on PostgreSQL, where other processes may write, the page cache reads column_versions
    // (PGlite's data folder is one process's: its own touches are all there is)
    counters: new DatabaseCounterStore(database.db),
    ...(database.engine === 'postgres' ? { columnVersions: new SharedColumnVersions(database.db) } : {}),
    queryKey,
  };
  await deps.calendar().catch(() => undefined); // starts the background refresh (a calendar that cannot load is reported by the pages)
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
      await dueDates.stop();
      await closeParsePool();
      await closePdfBrowser();
      await database.close();
    },
  };
}

/**
 * Said once at start on the embedded database: PGlite never syncs its files to disk (its Node file system
 * has no fsync: PGlite issue #1107), so a commit survives a crash of gongkai but not of the machine.
 */
export const PGLITE_DURABILITY_NOTICE =
  'gongkai：正在使用内置数据库 PGlite，适合试用、演示和单个办公室的小规模使用。它写入的数据在本程序崩溃时不会丢失，但在断电或操作系统崩溃时可能丢失最近提交的数据；正式使用请设置 DATABASE_URL 连接 PostgreSQL（见 docs/DEPLOY.md）。';

/** Said at start when the newest query password was made under another key (public-grants.ts otherQueryKey). */
export const queryKeyWarning = (other: string, own: string): string =>
  `gongkai：警告：最近一份在线申请的查询密码是用另一把查询密码密钥（编号 ${other}）保存的，本服务使用的密钥编号为 ${own}。用另一把密钥保存的查询密码在本服务上都无法通过核验。如果刚从备份恢复，请放回原服务器上的 GONGKAI_DATA_DIR/query-key 文件（或设置原来的 GONGKAI_QUERY_KEY）后重新启动；多台服务器共用一个数据库时，须设置相同的 GONGKAI_QUERY_KEY。无法找回原密钥的，可由工作人员在申请页面为申请人“重置查询密码”（见 docs/SECURITY.md）。`;

/** The server process: `npm start` (bin/server.mjs), `npm run dev` (this file through tsx). */
export async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`gongkai：${loaded.errors.join('；')}`);
    process.exit(2);
  }
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(loaded.config);
  } catch (e) {
    if (!(e instanceof QueryKeyError)) throw e;
    console.error(`gongkai：${e.message}`);
    process.exit(2);
  }
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
