// The whole database as one file (a backup, and the way between engines: PGlite ⇄ PostgreSQL): the format
// and its parts are in archive/ (format.ts says what a file holds; no secret travels). Here: the archive in
// memory (small databases, tests), and the CLI's use cases — each opens the database, does one thing,
// closes it.

import { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { connect } from '../db/connect.ts';
import type { Database, Engine } from '../db/connect.ts';
import { migrate, MigrationError } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { labelOf } from './archive/catalog.ts';
import { writeArchive } from './archive/export.ts';
import { exportToFile, importFromFile } from './archive/file.ts';
import type { Counts } from './archive/format.ts';
import { loadArchive } from './archive/import.ts';
import type { ImportResult } from './archive/import.ts';
import { describeDbFailure } from './archive/refusals.ts';
import { loadWorkingCalendar } from './calendar-store.ts';
import { refreshDueDates } from './due-dates.ts';
import { afterMigrations, openDatabase } from './database.ts';

export { ARCHIVE_FORMAT, ARCHIVE_VERSION, DEFAULT_MAX_GB } from './archive/format.ts';
export type { ImportResult } from './archive/import.ts';
export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The archive of the whole database, in memory. */
export async function exportArchive(db: Kysely<DB>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeArchive(db, sink);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Loads an archive held in memory into an empty database. */
export function importArchive(db: Kysely<DB>, bytes: Uint8Array, options: { maxLineBytes?: number } = {}): Promise<ImportResult> {
  return loadArchive(
    db,
    (async function* () {
      yield bytes;
    })(),
    options,
  );
}

/** "机构 2 条，申请 10 条，…" */
export function describeCounts(counts: Counts): string {
  return Object.entries(counts)
    .map(([table, n]) => `${labelOf(table)} ${n} 条`)
    .join('，');
}

// ---------------------------------------------------------------------------------------------
// Use cases by configuration (the CLI's)

function connectionFailure(e: unknown): string {
  if (e instanceof MigrationError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `无法打开数据库：${message}`;
}

async function using<T>(open: () => Promise<Database>, body: (d: Database) => Promise<ServiceResult<T>>): Promise<ServiceResult<T>> {
  let database: Database;
  try {
    database = await open();
  } catch (e) {
    return { ok: false, error: connectionFailure(e) };
  }
  try {
    return await body(database);
  } catch (e) {
    return { ok: false, error: connectionFailure(e) };
  } finally {
    await database.close();
  }
}

/**
 * `gongkai db migrate`: applies pending migrations and the data steps after them (the search documents of
 * older rows), then computes the due dates stored with each open application where they are missing or
 * stale (a migration cannot count working days: due-dates.ts). `dueDates`: how many were computed (null:
 * the calendar could not be read; the server computes them); `indexed`: how many rows were indexed.
 */
export function migrateDatabase(config: Config, options: { today: string }): Promise<ServiceResult<{ applied: string[]; indexed: number; engine: Engine; dueDates: number | null }>> {
  return using(
    () => connect(config),
    async (d) => {
      const applied = (await migrate(d.db)).applied;
      const { indexed } = await afterMigrations(d.db);
      const calendar = await loadWorkingCalendar(d.db);
      const dueDates = calendar.ok ? await refreshDueDates(d.db, calendar.value, options.today) : null;
      return { ok: true, value: { applied, indexed, engine: d.engine, dueDates } };
    },
  );
}

/** `gongkai export <file>`: the archive of the configured database, written 0600; an existing file only with `force`. */
export function exportDatabase(config: Config, file: string, options: { force?: boolean } = {}): Promise<ServiceResult<{ counts: Counts }>> {
  return using(
    () => openDatabase(config),
    async (d) => {
      try {
        const r = await exportToFile(d.db, file, options);
        return r.ok ? { ok: true, value: { counts: r.counts } } : r;
      } catch (e) {
        return { ok: false, error: `导出失败，未写入任何文件：${describeDbFailure(e)}。` };
      }
    },
  );
}

/** `gongkai import <file>`: loads an archive into the configured (empty) database. */
export function importDatabase(config: Config, file: string, options: { maxGb?: number } = {}): Promise<ServiceResult<{ counts: Counts }>> {
  return using(
    () => openDatabase(config),
    async (d) => {
      const r = await importFromFile(d.db, file, options);
      return r.ok ? { ok: true, value: { counts: r.counts } } : r;
    },
  );
}
