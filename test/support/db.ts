// Databases for *.db.test.ts: a fresh, migrated, isolated database per test file, on each engine.
//
//   PGlite      a copy of a migrated template. A new PGlite runs initdb (~3 s); so the template is built
//               once, dumped to an image (kept in memory for the process and on disk in the OS temp folder,
//               keyed by the migrations' checksums and PGlite's version), and each database's worker thread
//               (src/db/pglite-thread.ts) loads that image — what PGlite's clone() does (~0.7 s).
//   PostgreSQL  (when DATABASE_URL is set) a schema `t_<time>_<random>` of its own, as every connection's
//               search_path; dropped on close. Schemas left by a killed run are dropped after a day.
//
// Tests of the web layer take one engine (webEngines, below).
//
//   describe.each(engines())('%s', (engine) => {
//     const t = useDatabase(engine);
//     it('…', async () => { await t.db.selectFrom('agencies')… });
//   });

import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { connectPglite, connectPostgres } from '../../src/db/connect.ts';
import type { Database, Engine, PgliteDatabase, PgliteOptions } from '../../src/db/connect.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';

export type { Engine };

/** 'pglite' always; 'postgres' too when DATABASE_URL is set. */
export function engines(): Engine[] {
  return process.env['DATABASE_URL'] ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * For tests of the web layer (pages and the API through app.request, test/web/*.db.test.ts): one engine —
 * PostgreSQL, the production engine, when DATABASE_URL is set, else PGlite. What they test is above the
 * data layer, whose services are tested on both engines; the web layer on the embedded PGlite is what
 * the browser tests drive (test/web/*.e2e.test.ts run the real server on a PGlite of its own). Each of
 * these files on PGlite as well cost the suite minutes (PGlite is 3–4× slower a request).
 */
export function webEngines(): Engine[] {
  return process.env['DATABASE_URL'] ? ['postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** PostgreSQL: the schema of this database (to open more connections to it) */
  schema?: string;
}

/**
 * A fresh database of its own, migrated unless `migrated: false` (an unmigrated PGlite costs a full
 * initdb, ~3 s); close() frees it (and drops the PostgreSQL schema).
 */
export async function withDatabase(engine: Engine, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (engine === 'postgres') return freshPostgres(migrated);
  return migrated ? freshPglite() : connectPglite();
}

/** beforeAll/afterAll around a fresh database for the enclosing describe block (or file). */
export function useDatabase(engine: Engine): { readonly database: TestDatabase; readonly db: Kysely<DB> } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await withDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });
  const get = (): TestDatabase => {
    if (database === undefined) throw new Error('useDatabase: the database is available inside tests only');
    return database;
  };
  return {
    get database() {
      return get();
    },
    get db() {
      return get().db;
    },
  };
}

/** Empties every table of the schema (not gongkai_migrations) and restarts the id sequences. */
export async function truncateAll(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename <> 'gongkai_migrations' order by tablename`.execute(db);
  if (rows.length === 0) return;
  await sql`truncate ${sql.join(rows.map((r) => sql.id(r.name)))} restart identity cascade`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// PGlite

let image: Promise<Uint8Array> | undefined;

async function templateKey(): Promise<string> {
  const manifest = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  const migrations = await readMigrations();
  return createHash('sha256')
    .update(JSON.stringify({ version, migrations: migrations.map((m) => [m.name, m.sha256]) }))
    .digest('hex')
    .slice(0, 16);
}

/** The migrated template's data directory as a tarball: from disk if cached, else built (and cached). */
function templateImage(): Promise<Uint8Array> {
  image ??= (async () => {
    const dir = join(tmpdir(), 'gongkai-test-pglite');
    const file = join(dir, `template-${await templateKey()}.tar.gz`);
    try {
      return new Uint8Array(gunzipSync(await readFile(file)));
    } catch {
      // not cached yet (or unreadable): build it
    }
    const database = await connectPglite();
    try {
      await migrate(database.db);
      const bytes = await database.dump();
      await mkdir(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, gzipSync(bytes, { level: 1 }));
      await rename(temporary, file); // atomic: parallel test processes never read half a file
      await removeStaleTemplates(dir, file);
      return bytes;
    } finally {
      await database.close();
    }
  })();
  image.catch(() => {
    image = undefined;
  });
  return image;
}

/** Templates of other migrations or PGlite versions, unused for an hour. */
async function removeStaleTemplates(dir: string, keep: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (path === keep || !name.startsWith('template-')) continue;
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Infinity }));
    if (mtimeMs < Date.now() - 3_600_000) await rm(path, { force: true });
  }
}

/**
 * Makes `dataDir` a data folder (GONGKAI_DATA_DIR) whose embedded database is a copy of the migrated
 * template: what a spawned `gongkai` then opens there, without initdb and the migrations of its own.
 * The image is the data folder as a tarball: unpacked by tar (~0.5 s; PGlite's loadDataDir takes ~20
 * times as long into a folder).
 */
export async function templateDataDir(dataDir: string): Promise<void> {
  const folder = join(dataDir, 'pglite');
  await mkdir(folder, { recursive: true });
  const bytes = await templateImage();
  const tar = spawnSync('tar', ['-x', '-f', '-', '-C', folder], { input: bytes, encoding: 'utf8' });
  if (tar.error !== undefined || tar.status !== 0) throw new Error(`tar could not unpack the template: ${tar.error?.message ?? tar.stderr}`);
}

/** A fresh PGlite database, a copy of the migrated template; `thread: 'main'` runs it in this thread (connect.ts). */
export async function freshPglite(options: Pick<PgliteOptions, 'thread' | 'heapLimitMb'> = {}): Promise<PgliteDatabase> {
  return connectPglite({ ...options, image: await templateImage() });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const DAY_SECONDS = 86_400;

async function admin<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

async function freshPostgres(migrated: boolean): Promise<TestDatabase> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set');
  const now = Math.floor(Date.now() / 1000);
  const schema = `t_${now}_${randomBytes(5).toString('hex')}`;
  await admin(url, async (client) => {
    // schemas of runs that were killed before their cleanup
    const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname ~ '^t_[0-9]+_[0-9a-f]+$'`);
    for (const { nspname } of rows) {
      const created = Number(nspname.split('_')[1]);
      if (created < now - DAY_SECONDS) await client.query(`drop schema if exists "${nspname}" cascade`);
    }
    await client.query(`create schema "${schema}"`);
  });
  const database = await connectPostgres(url, { searchPath: schema, max: 4 });
  try {
    if (migrated) await migrate(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  return {
    db: database.db,
    engine: 'postgres',
    schema,
    close: () =>
      (closing ??= (async () => {
        await database.close();
        await admin(url, (client) => client.query(`drop schema if exists "${schema}" cascade`));
      })()),
  };
}
