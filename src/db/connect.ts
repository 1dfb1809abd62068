// One query layer, two engines: PostgreSQL (DATABASE_URL, through pg.Pool) or embedded PGlite in
// `${dataDir}/pglite`. Both return the same shapes (types.ts) and see snake_case columns as camelCase.

import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type pgTypes from 'pg';
import type { Config } from '../config.ts';
import { migrate } from './migrate.ts';
import { PgliteDialect, PromiseQueue } from './pglite-dialect.ts';
import type { PgliteHandle, PgliteMemory } from './pglite-session.ts';
import { PgliteThread } from './pglite-thread.ts';
import type { DB } from './schema.ts';
import { PARSERS, SESSION_SETTINGS } from './types.ts';

export type Engine = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Ends the pool or closes PGlite (a process with an open PGlite never exits). Idempotent. */
  close(): Promise<void>;
}

/** Configurations lent an open database (lendDatabase): what connect() returns for them. */
const LENT = new WeakMap<Config, Database>();

/**
 * A copy of `config` whose connect() (and so openDatabase(), which still migrates) gives `database`
 * instead of opening its own: for running commands in this process on a database already open (the
 * tests of the command line, on a copy of a migrated template). Its close() leaves the database open;
 * whoever opened it closes it.
 */
export function lendDatabase(config: Config, database: Database): Config {
  const lent = { ...config };
  LENT.set(lent, { db: database.db, engine: database.engine, close: async () => undefined });
  return lent;
}

/** Whether `config` was made by lendDatabase (its database belongs to someone else: a test). */
export const isLent = (config: Config): boolean => LENT.has(config);

/** Connects without migrating (see openDatabase). */
export async function connect(config: Config): Promise<Database> {
  const lent = LENT.get(config);
  if (lent !== undefined) return lent;
  if (config.databaseUrl !== undefined) return connectPostgres(config.databaseUrl);
  const dataDir = join(config.dataDir, 'pglite');
  await mkdir(dataDir, { recursive: true });
  return connectPglite({ dataDir });
}

/** Connects and applies pending migrations: what the server and the CLI use. */
export async function openDatabase(config: Config): Promise<Database> {
  const database = await connect(config);
  try {
    await migrate(database.db);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** jsonb keys stay as stored: CamelCasePlugin maps column names only. */
const plugins = () => [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

function onceClose(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

export interface PostgresOptions {
  /** `search_path` of every connection (tests: a schema per test file) */
  searchPath?: string;
  /** pool size (default 10) */
  max?: number;
}

/** PostgreSQL through a pg.Pool whose type parsers are its own (pg's global parsers stay untouched). */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const settings: Record<string, string> = { ...SESSION_SETTINGS };
  if (options.searchPath !== undefined) settings['search_path'] = options.searchPath;
  const { connectionString, extraOptions } = splitOptions(url);
  const startup = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v.replace(/[\\ ]/g, (c) => `\\${c}`)}`)
    .join(' ');
  // each engine's driver loads when it is opened (a process on PGlite never loads pg, and the reverse)
  const { default: pg } = (await import('pg')) as { default: typeof pgTypes };
  const pool = new pg.Pool({
    connectionString,
    options: extraOptions === undefined ? startup : `${startup} ${extraOptions}`,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        (format ?? 'text') === 'text' && PARSERS[oid] !== undefined ? PARSERS[oid] : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // an idle client losing its server must not crash the process; the next query gets a new client
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: plugins() });
  return { db, engine: 'postgres', close: onceClose(() => db.destroy()) };
}

/** pg lets the URL's parameters override the config: move a URL's own `options` into ours. */
function splitOptions(url: string): { connectionString: string; extraOptions: string | undefined } {
  try {
    const u = new URL(url);
    const extra = u.searchParams.get('options');
    if (extra === null) return { connectionString: url, extraOptions: undefined };
    u.searchParams.delete('options');
    return { connectionString: u.toString(), extraOptions: extra };
  } catch {
    return { connectionString: url, extraOptions: undefined };
  }
}

export interface PgliteOptions {
  /** a folder to persist to; in memory when absent */
  dataDir?: string;
  /** a data folder dumped by dump() to start from (uncompressed tarball): a copy of a migrated template */
  image?: Uint8Array;
  /**
   * 'worker' (the default): PGlite in a worker thread of its own (pglite-thread.ts), so that a heavy
   * statement does not hold the event loop; 'main': in this thread, as before — for the bench's comparison.
   */
  thread?: 'worker' | 'main';
  /** the worker's V8 heap limit in MB (pglite-thread.ts PGLITE_HEAP_LIMIT_MB) */
  heapLimitMb?: number;
  /** PGlite's memory in MB past which its worker is replaced between transactions (pglite-thread.ts PGLITE_RECYCLE_ABOVE_MB) */
  recycleAboveMb?: number;
}

export interface PgliteDatabase extends Database {
  engine: 'pglite';
  /** The data folder as an uncompressed tarball, taken between transactions: what `image` starts from. */
  dump(): Promise<Uint8Array>;
  /** PGlite's WebAssembly memory and the V8 heap of its thread, in bytes. */
  memory(): Promise<PgliteMemory>;
}

/** Embedded PGlite behind a driver that serialises access to its single connection (pglite-dialect.ts). */
export async function connectPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  // PGlite has no lock of its own: two processes on one folder would corrupt it
  const unlock = options.dataDir === undefined ? async () => undefined : await lockDataDir(options.dataDir);
  let session: PgliteHandle;
  try {
    const open = { ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}), ...(options.image !== undefined ? { image: options.image } : {}) };
    const limits = {
      ...(options.heapLimitMb !== undefined ? { heapLimitMb: options.heapLimitMb } : {}),
      ...(options.recycleAboveMb !== undefined ? { recycleAboveMb: options.recycleAboveMb } : {}),
    };
    session = options.thread === 'main' ? await (await import('./pglite-session.ts')).openInProcess(open) : await PgliteThread.start({ ...open, ...limits });
  } catch (e) {
    await unlock();
    throw e;
  }
  const queue = new PromiseQueue();
  const db = new Kysely<DB>({ dialect: new PgliteDialect({ session, queue }), plugins: plugins() });
  return {
    db,
    engine: 'pglite',
    dump: async () => {
      const release = await queue.lock();
      try {
        return await session.dump();
      } finally {
        release();
      }
    },
    memory: () => session.memory(),
    close: onceClose(async () => {
      try {
        await db.destroy();
        // destroy() closes through the driver, which Kysely creates only on first use
        await session.close();
      } finally {
        await unlock();
      }
    }),
  };
}

/** The embedded database's folder is in use by another process (or already open in this one). */
export class DatabaseBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`内置数据库 ${dataDir} 正被另一个 gongkai 进程${pid > 0 ? `（进程号 ${pid}）` : ''}使用。请先停止该进程（例如正在运行的服务），再重试。`);
    this.name = 'DatabaseBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** `${dataDir}.lock` holds the owner's pid; a lock whose process is gone is taken over. Returns the release. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return onceClose(() => rm(file, { force: true }));
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST' || attempt > 2) throw e;
    }
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DatabaseBusyError(dataDir, pid);
    // no pid yet: another process may be writing it this instant
    const young = await stat(file).then(
      (s) => Date.now() - s.mtimeMs < 5_000,
      () => false,
    );
    if (!(Number.isInteger(pid) && pid > 0) && young) throw new DatabaseBusyError(dataDir, 0);
    await rm(file, { force: true }); // stale: its process has ended
  }
}
