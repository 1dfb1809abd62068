// PGlite in its worker thread (src/db/pglite-thread.ts): what crosses the thread boundary arrives as it
// would from PGlite in this thread — parameters (bytea, a Buffer sliced from a larger one, jsonb, dates),
// parsed rows, database errors with their SQLSTATE and constraint — transactions keep the single session
// to themselves, the data folder can be dumped and started from, a runaway result ends the worker and not
// the process (the next statement opens the folder again), and the folder stays locked to this process.
// PGlite only: the worker is the embedded engine's (connect.db.test.ts and errors.db.test.ts run on both).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite, DatabaseBusyError } from '../../src/db/connect.ts';
import type { PgliteDatabase } from '../../src/db/connect.ts';
import { dbErrorCode } from '../../src/db/errors.ts';
import { templateDataDir, truncateAll, withDatabase } from '../support/db.ts';

let database: PgliteDatabase;
let dir: string;

beforeAll(async () => {
  database = (await withDatabase('pglite')) as PgliteDatabase;
  dir = await mkdtemp(join(tmpdir(), 'gongkai-pglite-thread-'));
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

const agency = (code: string) => ({ code, name: `机构${code}`, level: 'department', createdAt: '2024-10-08T09:30:00.000Z' });

/** A data folder holding a copy of the migrated template (no initdb), as `${GONGKAI_DATA_DIR}/pglite`. */
async function folderOf(name: string): Promise<string> {
  await templateDataDir(join(dir, name));
  return join(dir, name, 'pglite');
}

describe('values across the thread boundary', () => {
  it('bytea in and out: a Buffer viewing part of a larger buffer sends its own bytes only; rows come back as Uint8Array', async () => {
    await sql`create table blobs (id int primary key, b bytea, j jsonb, t timestamptz)`.execute(database.db);
    const big = Buffer.alloc(1 << 20, 7);
    const part = big.subarray(1000, 1010);
    part.set([0, 1, 2, 255]);
    await sql`insert into blobs values (1, ${part}, ${JSON.stringify({ 键: [1, '二'] })}, ${new Date('2024-10-08T01:30:00.123Z')})`.execute(database.db);
    const { rows } = await sql<{ b: Uint8Array; n: number; j: unknown; t: string }>`select b, octet_length(b) as n, j, t from blobs`.execute(database.db);
    expect(rows).toEqual([{ b: expect.any(Uint8Array), n: 10, j: { 键: [1, '二'] }, t: '2024-10-08T01:30:00.123Z' }]);
    expect([...rows[0]!.b]).toEqual([0, 1, 2, 255, 7, 7, 7, 7, 7, 7]);
  });

  it('a database error keeps its SQLSTATE, constraint, table and detail; the session goes on', async () => {
    await database.db.insertInto('agencies').values(agency('same')).execute();
    const e = (await database.db
      .insertInto('agencies')
      .values(agency('same'))
      .execute()
      .catch((x: unknown) => x)) as Error & Record<string, unknown>;
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toContain('agencies_code_key');
    expect({ code: e['code'], severity: e['severity'], table: e['table'], constraint: e['constraint'] }).toEqual({
      code: '23505',
      severity: 'ERROR',
      table: 'agencies',
      constraint: 'agencies_code_key',
    });
    expect(e['detail']).toContain('(code)=(same)');
    expect(dbErrorCode(e)).toEqual({ code: 'UNIQUE_VIOLATION', constraint: 'agencies_code_key', table: 'agencies' });
    expect(await database.db.selectFrom('agencies').select('code').where('code', '=', 'same').execute()).toEqual([{ code: 'same' }]);
  });

  it('a parameter the structured clone cannot copy is refused, and the connection is released', async () => {
    const e = await sql`select ${Symbol('no') as unknown as string} as x`.execute(database.db).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });
});

describe('transactions through the worker', () => {
  it('a transaction that throws is rolled back', async () => {
    const failed = await database.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('agencies').values(agency('gone')).execute();
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('roll back');
    expect(await database.db.selectFrom('agencies').select('code').where('code', '=', 'gone').execute()).toEqual([]);
  });

  it('concurrent transactions run one after the other: the second begins after the first commits', async () => {
    const events: string[] = [];
    const transaction = (name: string) =>
      database.db.transaction().execute(async (trx) => {
        events.push(`${name} begin`);
        await trx.insertInto('agencies').values(agency(name)).execute();
        await new Promise((r) => setTimeout(r, 50));
        const seen = await trx.selectFrom('agencies').select('code').where('code', 'in', ['t1', 't2']).orderBy('code').execute();
        events.push(`${name} sees ${seen.map((s) => s.code).join(' ')}`);
      });
    await Promise.all([transaction('t1'), transaction('t2')]);
    expect(events).toEqual(['t1 begin', 't1 sees t1', 't2 begin', 't2 sees t1 t2']);
  });
});

describe('the data folder', () => {
  it('is dumped between transactions and another database starts from the image', async () => {
    await truncateAll(database.db);
    await database.db.insertInto('agencies').values(agency('imaged')).execute();
    const image = await database.dump();
    const copy = await connectPglite({ image });
    try {
      expect(await copy.db.selectFrom('agencies').select('code').execute()).toEqual([{ code: 'imaged' }]);
      await copy.db.insertInto('agencies').values(agency('only-in-copy')).execute();
    } finally {
      await copy.close();
    }
    expect(await database.db.selectFrom('agencies').select('code').orderBy('code').execute()).toEqual([{ code: 'imaged' }]);
  });

  it('is locked to one database while open, and free again after close()', async () => {
    const folder = await folderOf('locked');
    const first = await connectPglite({ dataDir: folder });
    try {
      await expect(connectPglite({ dataDir: folder })).rejects.toBeInstanceOf(DatabaseBusyError);
    } finally {
      await first.close();
    }
    const again = await connectPglite({ dataDir: folder });
    await again.close();
  });

  it('a result too large for the worker’s heap fails that statement only: the worker is started again on the folder', async () => {
    const db = await connectPglite({ dataDir: await folderOf('runaway'), heapLimitMb: 64 });
    try {
      await sql`create table kept (x int)`.execute(db.db);
      await sql`insert into kept values (42)`.execute(db.db);
      // ~300 MB of text for a 64 MB heap; PGlite's own (WebAssembly) memory stays as it was
      const e = await sql`select repeat('x', 1000000) || g as s from generate_series(1, 300) g`.execute(db.db).catch((x: unknown) => x);
      expect((e as Error).message).toContain('内置数据库的工作线程内存不足');
      expect(((e as Error).cause as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
      expect((await sql<{ x: number }>`select x from kept`.execute(db.db)).rows).toEqual([{ x: 42 }]);
      const memory = await db.memory();
      expect(memory.wasm).toBeGreaterThanOrEqual(128 * 2 ** 20);
      expect(memory.heapUsed).toBeLessThan(64 * 2 ** 20);
    } finally {
      await db.close();
    }
  });

  it('a worker whose PGlite memory grew past its bound is replaced between transactions, and gives that memory back', async () => {
    const db = await connectPglite({ dataDir: await folderOf('grown'), recycleAboveMb: 192 });
    try {
      await sql`create table kept (x int)`.execute(db.db);
      const before = (await db.memory()).wasm;
      expect(before).toBeLessThan(192 * 2 ** 20);
      // a 100 MB value inside PostgreSQL: WebAssembly memory grows (128 → ~250 MiB) and never shrinks
      await db.db.transaction().execute(async (trx) => {
        await sql`insert into kept values (1)`.execute(trx);
        expect((await sql<{ n: number }>`select length(repeat('x', 100000000)) as n`.execute(trx)).rows).toEqual([{ n: 100_000_000 }]);
        // still the same worker inside the transaction: it sees its own insert
        expect((await sql`select x from kept`.execute(trx)).rows).toEqual([{ x: 1 }]);
      });
      expect((await db.memory()).wasm).toBeGreaterThan(192 * 2 ** 20);
      // the next use of the database: a new worker on the same folder
      expect((await sql`select x from kept`.execute(db.db)).rows).toEqual([{ x: 1 }]);
      expect((await db.memory()).wasm).toBeLessThanOrEqual(before);
    } finally {
      await db.close();
    }
  });

  it('a database without a folder cannot be started again: it stays an error', async () => {
    const db = await connectPglite({ image: await database.dump(), heapLimitMb: 64 });
    try {
      const e = await sql`select repeat('x', 1000000) || g as s from generate_series(1, 300) g`.execute(db.db).catch((x: unknown) => x);
      expect((e as Error).message).toContain('内置数据库的工作线程内存不足');
      await expect(sql`select 1`.execute(db.db)).rejects.toThrow('内置数据库的工作线程内存不足');
    } finally {
      await db.close();
    }
  });
});
