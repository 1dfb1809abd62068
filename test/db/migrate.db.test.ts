// Migrations: applied once each, recorded with their checksum, refused when an applied file changed,
// atomic per file, and safe when two processes migrate at once (PostgreSQL advisory lock).

import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/db/connect.ts';
import { appliedMigrations, migrate, MIGRATIONS_DIR, MigrationError, readMigrations } from '../../src/db/migrate.ts';
import { engines, useDatabase, withDatabase } from '../support/db.ts';

let dirs: string[] = [];
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-migrations-'));
  dirs.push(dir);
  // the project's migrations, then the test's own (named 9xxx so they come after every real one)
  for (const f of await readMigrations()) await copyFile(join(MIGRATIONS_DIR, `${f.name}.sql`), join(dir, `${f.name}.sql`));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function tableExists(db: Parameters<typeof appliedMigrations>[0], name: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db);
  return rows[0]?.t != null;
}

describe('readMigrations', () => {
  it('lists the project’s SQL files in name order with their sha256', async () => {
    const files = await readMigrations();
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
    const first = files[0]!;
    expect(first.name).toBe('0001_create_applications');
    const bytes = await readFile(join(MIGRATIONS_DIR, '0001_create_applications.sql'));
    expect(first.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe.each(engines())('%s', (engine) => {
  const t = useDatabase(engine);

  it('is idempotent and records each migration with its checksum', async () => {
    // useDatabase migrated already
    expect(await migrate(t.db)).toEqual({ applied: [] });
    const applied = await appliedMigrations(t.db);
    const files = await readMigrations();
    expect(applied.map((a) => [a.name, a.sha256])).toEqual(files.map((f) => [f.name, f.sha256]));
    expect(applied[0]?.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await tableExists(t.db, 'applications')).toBe(true);
  });

  it('applies a new file once, in order, and only that one', async () => {
    const dir = await migrationsDir({ '9001_add_notes.sql': 'create table notes (id bigserial primary key, body text not null);\ncreate index notes_body on notes (body);' });
    expect(await migrate(t.db, dir)).toEqual({ applied: ['9001_add_notes'] });
    expect(await migrate(t.db, dir)).toEqual({ applied: [] });
    expect(await tableExists(t.db, 'notes')).toBe(true);
  });

  it('refuses when an applied file has changed', async () => {
    const dir = await migrationsDir({ '9001_add_notes.sql': 'create table notes (id bigserial primary key, body text);' });
    const error = await migrate(t.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('MIGRATION_CHECKSUM_MISMATCH');
    expect((error as MigrationError).migration).toBe('9001_add_notes');
    expect((error as MigrationError).message).toMatch(/校验和不符/);
  });

  it('refuses a database with a migration this program does not know', async () => {
    const dir = await migrationsDir({});
    const error = await migrate(t.db, dir).catch((e: unknown) => e);
    expect((error as MigrationError).code).toBe('MIGRATION_UNKNOWN');
  });

  it('a failing file leaves nothing behind (its own transaction) and is not recorded', async () => {
    const dir = await migrationsDir({
      '9001_add_notes.sql': 'create table notes (id bigserial primary key, body text not null);\ncreate index notes_body on notes (body);',
      '9002_broken.sql': 'create table half_done (id int);\nselect no_such_function();',
    });
    const error = await migrate(t.db, dir).catch((e: unknown) => e);
    expect((error as MigrationError).code).toBe('MIGRATION_FAILED');
    expect((error as MigrationError).migration).toBe('9002_broken');
    expect(await tableExists(t.db, 'half_done')).toBe(false);
    const project = (await readMigrations()).map((f) => f.name);
    expect((await appliedMigrations(t.db)).map((a) => a.name)).toEqual([...project, '9001_add_notes']);
  });
});

describe.each(engines())('%s, from an empty database', (engine) => {
  let database: Awaited<ReturnType<typeof withDatabase>>;
  beforeAll(async () => {
    database = await withDatabase(engine, { migrated: false });
  });
  afterAll(async () => {
    await database.close();
  });

  it('two migrations at once apply each file exactly once', async () => {
    const other = engine === 'postgres' ? await connectPostgres(process.env['DATABASE_URL']!, { searchPath: database.schema! }) : database;
    try {
      expect(await appliedMigrations(database.db)).toEqual([]);
      const [a, b] = await Promise.all([migrate(database.db), migrate(other.db)]);
      const project = (await readMigrations()).map((f) => f.name);
      expect([...a.applied, ...b.applied].sort()).toEqual(project);
      expect((await appliedMigrations(database.db)).map((m) => m.name)).toEqual(project);
    } finally {
      if (other !== database) await other.close();
    }
  });
});
