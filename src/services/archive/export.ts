// Writing an archive (format.ts) from one snapshot of the database, table by table through a cursor: at
// most one batch of rows is in memory, whatever the size of the database.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { appliedMigrations } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { archivedTables, keyOrder, readCatalog, travels } from './catalog.ts';
import type { CatalogTable } from './catalog.ts';
import { endLine, header, tableLine } from './format.ts';
import type { Counts } from './format.ts';

/** Rows fetched at a time (tables with bytea columns: fewer, their rows can be megabytes). */
const BATCH_ROWS = 1000;
/** rows of a table with files (bytea) per fetch: 4 identity proofs of 5 MB are 20 MB (and twice that as PostgreSQL's hex text) */
const BATCH_ROWS_BINARY = 4;

/** snake_case → camelCase, as CamelCasePlugin names the columns of `select *`. */
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface ExportProgress {
  /** called after each batch read from the database: the table and its rows read so far */
  onRows?: (table: string, rows: number) => void;
}

function encode(t: CatalogTable, row: Record<string, unknown>): string {
  const values = t.columns.map((c) => {
    const v = row[camel(c.name)];
    if (v === undefined) throw new Error(`archive: column ${c.name} of ${t.name} is missing from the query result`);
    if (v === null) return null;
    if (c.kind === 'binary') {
      if (!(v instanceof Uint8Array)) throw new Error(`archive: column ${c.name} of ${t.name} is not binary`);
      return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    }
    if (c.kind === 'plain' && typeof v === 'object')
      throw new Error(`archive: column ${c.name} of ${t.name} (${c.type}) gives ${Array.isArray(v) ? 'an array' : 'an object'}: teach catalog.ts its kind`);
    return v;
  });
  return JSON.stringify(values);
}

/**
 * The archive's lines (each ending in '\n'), one batch of rows per yielded string, inside the caller's
 * transaction (repeatable read: one snapshot). Pull-based: nothing is read ahead of the consumer.
 */
export async function* archiveLines(trx: Transaction<DB>, progress: ExportProgress = {}): AsyncGenerator<string> {
  const migrations = (await appliedMigrations(trx)).map((m) => m.name);
  yield `${header(migrations)}\n`;
  const counts: Counts = {};
  const sums: Record<string, string> = {};
  for (const t of archivedTables(await readCatalog(trx))) {
    const hash = createHash('sha256');
    yield `${tableLine(t.name, t.columns.map((c) => c.name))}\n`;
    const batch = t.columns.some((c) => c.kind === 'binary') ? BATCH_ROWS_BINARY : BATCH_ROWS;
    await sql`declare gongkai_archive no scroll cursor for select * from ${sql.table(t.name)} where ${travels(t.name)} order by ${keyOrder(t)}`.execute(trx);
    let n = 0;
    for (;;) {
      const { rows } = await sql<Record<string, unknown>>`fetch forward ${sql.lit(batch)} from gongkai_archive`.execute(trx);
      if (rows.length === 0) break;
      n += rows.length;
      progress.onRows?.(t.name, n);
      if (batch === BATCH_ROWS_BINARY) {
        // a row of files (an identity proof of several MB) at a time: one row's text in memory, not the batch's
        for (const r of rows) {
          const line = `${encode(t, r)}\n`;
          hash.update(line);
          yield line;
        }
      } else {
        const text = rows.map((r) => `${encode(t, r)}\n`).join('');
        hash.update(text);
        yield text;
      }
      if (rows.length < batch) break;
    }
    await sql`close gongkai_archive`.execute(trx);
    progress.onRows?.(t.name, n);
    counts[t.name] = n;
    sums[t.name] = hash.digest('hex');
  }
  yield `${endLine(counts, sums)}\n`;
}

/** Writes the whole archive (gzip'd) to `sink`; the rows of each table. */
export async function writeArchive(db: Kysely<DB>, sink: Writable, progress: ExportProgress = {}): Promise<Counts> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const counts: Counts = {};
      const onRows = (table: string, rows: number) => {
        counts[table] = rows;
        progress.onRows?.(table, rows);
      };
      const lines = archiveLines(trx, { onRows });
      // gzip writes no file name and mtime 0: the same lines give the same bytes
      await pipeline(Readable.from(lines, { objectMode: false }), createGzip({ level: 6 }), sink);
      return counts;
    });
}
