// Forward-only migrations: plain SQL files in migrations/ (sorted by name), each applied once in its own
// transaction and recorded with its sha256 in gongkai_migrations. An applied file that has changed, or an
// applied migration this program does not know, is an error. Two processes migrating at once queue on a
// transaction-level advisory lock (per schema), so each file is applied exactly once.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationFile {
  name: string;
  sql: string;
  sha256: string;
}

export type MigrationErrorCode = 'MIGRATION_CHECKSUM_MISMATCH' | 'MIGRATION_UNKNOWN' | 'MIGRATION_FAILED';

/** A migration problem; `message` is Chinese, for the user. */
export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  readonly migration: string;

  constructor(code: MigrationErrorCode, migration: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
    this.code = code;
    this.migration = migration;
  }
}

/** The `*.sql` files of a folder, sorted by name (code point order), with their sha256. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (file) => {
      const bytes = await readFile(join(dir, file));
      return { name: file.slice(0, -'.sql'.length), sql: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

/** Arbitrary first key of pg_advisory_xact_lock(int, int); the second is the schema's hash. */
const LOCK_KEY = 0x676b6d; // 'gkm'

async function lock(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(LOCK_KEY)}, hashtext(current_schema()))`.execute(trx);
}

async function ensureTable(trx: Transaction<DB>): Promise<void> {
  await sql`create table if not exists gongkai_migrations (
    name text primary key,
    applied_at timestamptz not null,
    sha256 text not null
  )`.execute(trx);
}

/** Applied migrations, by name. Empty when the table does not exist yet. */
export async function appliedMigrations(db: Kysely<DB>): Promise<{ name: string; sha256: string; appliedAt: string }[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('gongkai_migrations')::text as t`.execute(db);
  if (exists.rows[0]?.t == null) return [];
  const rows = await db.selectFrom('gongkaiMigrations').select(['name', 'sha256', 'appliedAt']).execute();
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function check(applied: { name: string; sha256: string }[], files: MigrationFile[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const a of applied) {
    const file = byName.get(a.name);
    if (file === undefined)
      throw new MigrationError('MIGRATION_UNKNOWN', a.name, `数据库已应用迁移 ${a.name}，但本程序没有这个迁移文件：数据库可能由更新版本的 gongkai 建立，请升级本程序。`);
    if (file.sha256 !== a.sha256)
      throw new MigrationError(
        'MIGRATION_CHECKSUM_MISMATCH',
        a.name,
        `迁移文件 ${a.name}.sql 在应用到数据库之后被修改过（校验和不符）。已应用的迁移不得修改，请恢复原文件，把改动写成新的迁移文件。`,
      );
  }
}

/** Applies pending migrations; returns the names applied now (empty when up to date). */
export async function migrate(db: Kysely<DB>, migrationsDir: string = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const files = await readMigrations(migrationsDir);
  const pending = await db.transaction().execute(async (trx) => {
    await lock(trx);
    await ensureTable(trx);
    const applied = await trx.selectFrom('gongkaiMigrations').select(['name', 'sha256']).execute();
    check(applied, files);
    const done = new Set(applied.map((a) => a.name));
    return files.filter((f) => !done.has(f.name));
  });
  const appliedNow: string[] = [];
  for (const file of pending) {
    const ran = await db.transaction().execute(async (trx) => {
      await lock(trx);
      // another process may have applied it while we waited for the lock
      const row = await trx.selectFrom('gongkaiMigrations').select('sha256').where('name', '=', file.name).executeTakeFirst();
      if (row !== undefined) {
        check([{ name: file.name, sha256: row.sha256 }], files);
        return false;
      }
      try {
        await sql.raw(file.sql).execute(trx);
      } catch (e) {
        throw new MigrationError('MIGRATION_FAILED', file.name, `迁移 ${file.name} 执行失败：${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      await trx
        .insertInto('gongkaiMigrations')
        .values({ name: file.name, appliedAt: sql<string>`now()`, sha256: file.sha256 })
        .execute();
      return true;
    });
    if (ran) appliedNow.push(file.name);
  }
  return { applied: appliedNow };
}
