// dbErrorCode maps pg's and PGlite's errors to the same typed values.

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dbErrorCode, sqlStateOf } from '../../src/db/errors.ts';
import { engines, useDatabase } from '../support/db.ts';

const agency = (code: string) => ({ code, name: '某市人民政府办公室', level: 'department', createdAt: '2024-10-08T09:30:00Z' });

describe.each(engines())('%s', (engine) => {
  const t = useDatabase(engine);

  it('unique violation, with the constraint', async () => {
    await t.db.insertInto('agencies').values(agency('dup')).execute();
    const e = await t.db.insertInto('agencies').values(agency('dup')).execute().catch((x: unknown) => x);
    expect(dbErrorCode(e)).toEqual({ code: 'UNIQUE_VIOLATION', constraint: 'agencies_code_key', table: 'agencies' });
    expect(sqlStateOf(e)).toBe('23505');
  });

  it('foreign key violation', async () => {
    const e = await t.db
      .insertInto('counters')
      .values({ agencyId: 999_999, scope: 'application', year: 2024, last: 1 })
      .execute()
      .catch((x: unknown) => x);
    expect(dbErrorCode(e)).toEqual({ code: 'FOREIGN_KEY_VIOLATION', constraint: 'counters_agency_id_fkey', table: 'counters' });
  });

  it('check and not-null violations', async () => {
    await sql`create table checked (x int not null check (x > 0))`.execute(t.db);
    const check = await sql`insert into checked values (0)`.execute(t.db).catch((x: unknown) => x);
    expect(dbErrorCode(check)).toEqual({ code: 'CHECK_VIOLATION', constraint: 'checked_x_check', table: 'checked' });
    const notNull = await sql`insert into checked values (${null})`.execute(t.db).catch((x: unknown) => x);
    expect(dbErrorCode(notNull)).toEqual({ code: 'NOT_NULL_VIOLATION', column: 'x', table: 'checked' });
  });

  it('an error inside a transaction, wrapped by the caller', async () => {
    const e = await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('agencies').values(agency('dup2')).execute();
        await trx.insertInto('agencies').values(agency('dup2')).execute();
      })
      .catch((x: unknown) => new Error('service failed', { cause: x }));
    expect(dbErrorCode(e)?.code).toBe('UNIQUE_VIOLATION');
    expect(await t.db.selectFrom('agencies').select('code').where('code', '=', 'dup2').execute()).toEqual([]);
  });

  it('anything else is not a database error we map', async () => {
    const syntax = await sql`selec 1`.execute(t.db).catch((x: unknown) => x);
    expect(dbErrorCode(syntax)).toBeUndefined();
    expect(sqlStateOf(syntax)).toBe('42601');
  });
});

describe('dbErrorCode without a database', () => {
  it.each([
    [{ code: '40001', severity: 'ERROR' }, { code: 'SERIALIZATION_FAILURE' }],
    [{ code: '40P01', severity: 'ERROR' }, { code: 'DEADLOCK_DETECTED' }],
    [Object.assign(new Error('fs'), { code: 'EPERM' }), undefined],
    [new Error('x'), undefined],
    [Object.assign(new Error('fs'), { code: 'ENOENT' }), undefined],
    [null, undefined],
    ['23505', undefined],
  ])('%o', (error, expected) => {
    expect(dbErrorCode(error)).toEqual(expected);
  });
});
