// Both engines return the same shapes (dates as strings, timestamps as UTC ISO strings, int8 as numbers),
// whatever the process's time zone; PGlite's single connection is held by a transaction exclusively.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { engines, useDatabase } from '../support/db.ts';

const savedTz = process.env['TZ'];
beforeAll(() => {
  // China: a JS Date made from '2024-10-08' would be 2024-10-07T16:00Z here; nothing may depend on that
  process.env['TZ'] = 'Asia/Shanghai';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

async function agency(db: Kysely<DB>, code: string): Promise<number> {
  const row = await db
    .insertInto('agencies')
    .values({ code, name: `机构${code}`, level: 'department', createdAt: '2024-10-08T09:30:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(engines())('%s', (engine) => {
  const t = useDatabase(engine);

  it('runs in the time zone of China here (the test is meaningful)', () => {
    expect(new Date(2024, 9, 8).getTimezoneOffset()).toBe(-480);
  });

  it('dates near midnight round-trip as the same string; timestamps come back in UTC with milliseconds', async () => {
    const agencyId = await agency(t.db, 'tz');
    const app = await t.db
      .insertInto('applications')
      .values({
        agencyId,
        number: 'TZ-1',
        applicantType: 'natural_person',
        applicantName: '张三',
        channel: 'online',
        submittedOn: '2024-10-08',
        receivedOn: '2024-12-31',
        request: '请公开某文件',
        state: 'received',
        searchDocument: '',
        // 00:30 on 8 October in Beijing
        createdAt: '2024-10-08T00:30:00+08:00',
        updatedAt: '2024-10-07T16:30:00.123456Z',
      })
      .returning(['id', 'submittedOn', 'receivedOn', 'createdAt', 'updatedAt'])
      .executeTakeFirstOrThrow();
    expect(app).toEqual({
      id: expect.any(Number),
      submittedOn: '2024-10-08',
      receivedOn: '2024-12-31',
      createdAt: '2024-10-07T16:30:00.000Z',
      updatedAt: '2024-10-07T16:30:00.123Z',
    });
    const read = await t.db.selectFrom('applications').select(['submittedOn', 'createdAt']).where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(read).toEqual({ submittedOn: '2024-10-08', createdAt: '2024-10-07T16:30:00.000Z' });
    // the session is in UTC on both engines: SQL-side date arithmetic does not depend on the server
    const { rows } = await sql<{ d: string; tz: string }>`select ${'2024-10-07T16:30:00Z'}::timestamptz::date as d, current_setting('TimeZone') as tz`.execute(t.db);
    expect(rows[0]).toEqual({ d: '2024-10-07', tz: 'UTC' });
  });

  it('int8, count(*) and numeric are numbers; jsonb keeps its keys; arrays are parsed', async () => {
    await agency(t.db, 'n1');
    const { rows } = await sql<Record<string, unknown>>`
      select count(*) as n, sum(id) as s, 1.25::numeric as num, 9007199254740991::int8 as big,
             '{"snake_key": {"inner_key": [1, "二"]}}'::jsonb as j,
             array_agg(id order by id) as ids,
             array['2024-10-08'::date, null] as dates,
             array['2024-10-08 17:30:00+08'::timestamptz] as stamps
      from agencies`.execute(t.db);
    const row = rows[0]!;
    expect(typeof row['n']).toBe('number');
    expect(typeof row['s']).toBe('number');
    expect(row['num']).toBe(1.25);
    expect(row['big']).toBe(Number.MAX_SAFE_INTEGER);
    expect(row['j']).toEqual({ snake_key: { inner_key: [1, '二'] } });
    expect((row['ids'] as unknown[]).every((x) => typeof x === 'number')).toBe(true);
    expect(row['dates']).toEqual(['2024-10-08', null]);
    expect(row['stamps']).toEqual(['2024-10-08T09:30:00.000Z']);
    const ids = await t.db.selectFrom('agencies').select('id').execute();
    expect(ids.every((r) => typeof r.id === 'number')).toBe(true);
  });

  it('a query issued while another caller’s transaction is open is not rolled back with it', async () => {
    let outside: Promise<unknown> | undefined;
    let seenInside: number | undefined;
    const failed = await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('agencies').values({ code: 'inside', name: '事务内', level: 'other', createdAt: '2024-10-08T09:30:00Z' }).execute();
        // another caller, not in this transaction (never await it in here: on PGlite it waits for us)
        outside = t.db.insertInto('agencies').values({ code: 'outside', name: '事务外', level: 'other', createdAt: '2024-10-08T09:30:00Z' }).execute();
        await new Promise((r) => setTimeout(r, 100));
        const r = await trx.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).where('code', '=', 'outside').executeTakeFirstOrThrow();
        seenInside = r.n;
        throw new Error('roll back');
      })
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    await outside;
    if (engine === 'pglite') expect(seenInside).toBe(0); // it waited for the transaction to end
    const codes = await t.db.selectFrom('agencies').select('code').where('code', 'in', ['inside', 'outside']).execute();
    expect(codes.map((c) => c.code)).toEqual(['outside']);
  });

  it('many concurrent transactions and queries all complete, each transaction atomic', async () => {
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? t.db.transaction().execute(async (trx) => {
            await trx.insertInto('agencies').values({ code: `c${i}`, name: 'x', level: 'other', createdAt: '2024-10-08T09:30:00Z' }).execute();
            await trx.insertInto('agencies').values({ code: `d${i}`, name: 'x', level: 'other', createdAt: '2024-10-08T09:30:00Z' }).execute();
          })
        : t.db.selectFrom('agencies').selectAll().execute(),
    );
    await Promise.all(work);
    const n = await t.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).where('code', 'like', 'c%').executeTakeFirstOrThrow();
    expect(n.n).toBe(10);
  });
});
