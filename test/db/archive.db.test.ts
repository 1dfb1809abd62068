// The archive (format 3): export → import into an empty database of the other engine → export is
// byte-identical; every table of the catalog is carried (the seed has rows in each), a table or column
// added later too; ids are kept and sequences continue; a non-empty target, another schema and bad bytes
// are refused in Chinese, without throwing.

import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive, importArchive } from '../../src/services/archive.ts';
import { archivedTables, readCatalog, TABLE_LABELS } from '../../src/services/archive/catalog.ts';
import { seedEveryTable, SEEDED_SECRET } from '../support/archive-seed.ts';
import { engines, withDatabase } from '../support/db.ts';
import type { Engine, TestDatabase } from '../support/db.ts';

const CHINESE = /[\u4e00-\u9fff]/;

/** The archive's lines, parsed. */
const linesOf = (bytes: Uint8Array): unknown[] =>
  gunzipSync(bytes)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

/** table → rows as objects (column → value) */
function tablesOf(bytes: Uint8Array): Record<string, Record<string, unknown>[]> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  let columns: string[] = [];
  let current: Record<string, unknown>[] = [];
  for (const line of linesOf(bytes).slice(1)) {
    if (Array.isArray(line)) current.push(Object.fromEntries(columns.map((c, i) => [c, line[i]])));
    else if (typeof line === 'object' && line !== null && 'table' in line) {
      const t = line as { table: string; columns: string[] };
      columns = t.columns;
      tables[t.table] = current = [];
    }
  }
  return tables;
}

/** the bytes with one byte in the middle of the compressed data inverted */
const flipped = (bytes: Uint8Array): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
};

const gz = (lines: unknown[]): Uint8Array => gzipSync(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');

/** the other engine when there is one */
const otherEngine: Engine = engines().includes('postgres') ? 'postgres' : 'pglite';

describe(`archive: pglite → ${otherEngine} → pglite`, () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let back: TestDatabase;
  let archive: Uint8Array;
  beforeAll(async () => {
    [source, target, back] = await Promise.all([withDatabase('pglite'), withDatabase(otherEngine), withDatabase('pglite')]);
    await seedEveryTable(source.db);
    archive = await exportArchive(source.db);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close(), back?.close()]);
  });

  it('the seed has rows in every table of the catalog (a new table makes the seed grow)', async () => {
    const empty: string[] = [];
    for (const t of await readCatalog(source.db)) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)}`.execute(source.db);
      if ((rows[0]?.n ?? 0) === 0) empty.push(t.name);
    }
    expect(empty).toEqual([]);
  });

  it('names every table in Chinese for its messages (a new table needs its name)', async () => {
    const unnamed = (await readCatalog(source.db)).map((t) => t.name).filter((name) => TABLE_LABELS[name] === undefined);
    expect(unnamed).toEqual([]);
  });

  it('is deterministic gzip (no timestamp) of NDJSON: a header, each table with its columns and rows, an end', async () => {
    expect(Buffer.from(await exportArchive(source.db)).equals(Buffer.from(archive))).toBe(true);
    expect([...archive.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // gzip, deflate, no name or comment
    expect([...archive.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // mtime 0
    const lines = linesOf(archive);
    expect(lines[0]).toEqual({ format: 'gongkai-archive', version: 3, migrations: expect.arrayContaining(['0001_create_applications', '0002_create_platform']) });
    const catalog = archivedTables(await readCatalog(source.db)).map((t) => t.name);
    expect(catalog).not.toContain('sessions');
    expect(catalog).toContain('working_calendar');
    expect(catalog).not.toContain('rate_counters'); // transient (migration 0027)
    const tables = tablesOf(archive);
    expect(Object.keys(tables)).toEqual(catalog);
    // parents before children
    expect(catalog.indexOf('agencies')).toBeLessThan(catalog.indexOf('applications'));
    expect(catalog.indexOf('users')).toBeLessThan(catalog.indexOf('memberships'));
    const end = lines.at(-1) as { end: Record<string, number>; sha256: Record<string, string> };
    expect(end.end['agencies']).toBe(2);
    // each table's rows under a SHA-256 of their lines, as written
    const text = gunzipSync(archive).toString('utf8').split('\n');
    const agencyRows = text.slice(text.findIndex((l) => l.startsWith('{"table":"agencies"')) + 1).filter((_, i, all) => i < all.findIndex((l) => !l.startsWith('[')));
    expect(agencyRows).toHaveLength(2);
    expect(end.sha256['agencies']).toBe(createHash('sha256').update(agencyRows.map((l) => `${l}\n`).join('')).digest('hex'));
    expect(Object.keys(end.sha256)).toEqual(Object.keys(end.end));
    expect(end.end['settings']).toBe(1); // trust_proxy; never the secret
    // bytea as base64, the same on both engines
    expect(tables['uploads']?.map((r) => r['content'])).toEqual([Buffer.from(Array.from({ length: 260 }, (_, i) => (i * 7) % 256)).toString('base64'), '']);
    expect(tables['memberships']?.map((r) => r['role'])).toEqual(['admin', 'Handler', 'supervisor']);
    expect(tables['users']?.[1]?.['locked_until']).toBe('2024-02-01T00:15:00.000Z');
    expect(tables['agencies']?.map((r) => r['id'])).toEqual([3, 7]);
    expect(Object.keys(tables['agencies']![0]!).slice(0, 6)).toEqual(['id', 'code', 'name', 'level', 'parent_id', 'created_at']);
    // text keys in "C" collation, whatever the server's locale
    expect(tables['counters']?.map((r) => `${r['agency_id']}/${r['scope']}/${r['year']}`)).toEqual(['3/Zeta/2024', '3/application/2024', '3/correction_notice/2024', '7/application/2023']);
    expect(tables['templates']?.map((r) => r['kind'])).toEqual(['Extension_notice', 'reply']);
    const app = tables['applications']![0]!;
    expect(app['submitted_on']).toBe('2024-10-08');
    expect(app['created_at']).toBe('2024-10-07T16:30:00.000Z');
    expect(app['updated_at']).toBe('2024-10-08T09:30:00.123Z');
    expect(tables['application_events']![1]!['data']).toEqual({ a: 2, list: [1, 2.5, null, true, { 嵌套: '值' }], zeta: 1, snake_case_key: '补正内容' });
    expect(gunzipSync(archive).toString('utf8')).not.toContain(SEEDED_SECRET);
  });

  it('imports into an empty database of the other engine and exports the same bytes; and back', async () => {
    const r = await importArchive(target.db, archive);
    expect(r).toMatchObject({ ok: true, counts: { agencies: 2, applications: 3, application_events: 2, counters: 4, users: 2, memberships: 3, settings: 1, uploads: 2 } });
    if (r.ok) expect(r.counts).not.toHaveProperty('sessions');
    const upload = await target.db.selectFrom('uploads').select('content').where('id', '=', 1).executeTakeFirstOrThrow();
    expect([...upload.content]).toEqual(Array.from({ length: 260 }, (_, i) => (i * 7) % 256));
    const again = await exportArchive(target.db);
    expect(Buffer.from(again).equals(Buffer.from(archive))).toBe(true);
    expect(await importArchive(back.db, again)).toMatchObject({ ok: true });
    expect(Buffer.from(await exportArchive(back.db)).equals(Buffer.from(archive))).toBe(true);
  });

  it('keeps ids and continues every sequence after them', async () => {
    const agency = await target.db.insertInto('agencies').values({ code: 'A-new', name: '新机构', level: 'other', createdAt: '2024-11-01T00:00:00Z' }).returning(['id']).executeTakeFirstOrThrow();
    expect(agency.id).toBe(8);
    const parent = await target.db.selectFrom('agencies').select('parentId').where('id', '=', 3).executeTakeFirstOrThrow();
    expect(parent.parentId).toBe(7);
    const event = await target.db
      .insertInto('applicationEvents')
      .values({ applicationId: 2, seq: 1, type: 'submitted', occurredOn: '2024-12-31', recordedAt: '2024-12-31T00:00:00Z', actor: 'x', stateAfter: 'received', data: {} })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(event.id).toBe(3);
    const user = await target.db.insertInto('users').values({ username: 'new', displayName: '新', passwordHash: 'x', createdAt: '2025-01-02T00:00:00Z' }).returning('id').executeTakeFirstOrThrow();
    expect(user.id).toBe(6);
    const entry = await target.db.insertInto('auditLog').values({ at: '2025-01-02T00:00:00Z', userId: 6, agencyId: null, action: 'login', detail: {} }).returning('id').executeTakeFirstOrThrow();
    expect(entry.id).toBe(3);
  });

  it('refuses a row altered with its count kept (the table’s SHA-256 differs), naming the table; nothing written', async () => {
    const altered = linesOf(archive);
    const at = altered.findIndex((l) => (l as { table?: string }).table === 'agencies') + 1;
    const row = [...(altered[at] as unknown[])];
    row[2] = '被改动的机关名称';
    altered[at] = row;
    const empty = await withDatabase(otherEngine);
    try {
      const r = await importArchive(empty.db, gz(altered));
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/“机构”的校验值（SHA-256）与记载不符.*未导入任何数据/) });
      expect(await empty.db.selectFrom('agencies').select('id').execute()).toEqual([]);
      // the unaltered lines, written again the same way, are taken: the check is of the rows, not of the bytes of gzip
      expect(await importArchive(empty.db, gz(linesOf(archive)))).toMatchObject({ ok: true });
    } finally {
      await empty.close();
    }
  });

  it('still reads a format-2 archive (no checksums: counts and gzip’s CRC only)', async () => {
    const lines = linesOf(archive).map((l, i, all) => {
      if (i === 0) return { ...(l as object), version: 2 };
      if (i === all.length - 1) return { end: (l as { end: object }).end };
      return l;
    });
    const empty = await withDatabase('pglite');
    try {
      expect(await importArchive(empty.db, gz(lines))).toMatchObject({ ok: true, counts: { agencies: 2 } });
    } finally {
      await empty.close();
    }
  });

  it('refuses to import into a database that has data, and changes nothing', async () => {
    const before = await exportArchive(back.db);
    const r = await importArchive(back.db, archive);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(CHINESE);
      expect(r.error).toMatch(/已有数据/);
    }
    expect(Buffer.from(await exportArchive(back.db)).equals(Buffer.from(before))).toBe(true);
  });
});

describe.each(engines())('archive on %s: a table and a column added later travel without code changes', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeAll(async () => {
    [source, target] = await Promise.all([withDatabase(engine), withDatabase(engine)]);
    for (const d of [source, target]) {
      await sql`alter table public_access add column revoked_at timestamptz`.execute(d.db);
      await sql`create table later_notes (id bigserial primary key, agency_id bigint not null references agencies (id), note text not null, extra jsonb)`.execute(d.db);
    }
    await seedEveryTable(source.db);
    await sql`update public_access set revoked_at = '2025-01-01T00:00:00Z'`.execute(source.db);
    await sql`insert into later_notes (agency_id, note, extra) values (3, '备注', '[1, "二"]')`.execute(source.db);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
  });

  it('round-trips them, after their parents', async () => {
    const archive = await exportArchive(source.db);
    const tables = tablesOf(archive);
    expect(tables['public_access']?.[0]?.['revoked_at']).toBe('2025-01-01T00:00:00.000Z');
    expect(tables['later_notes']).toEqual([{ id: 1, agency_id: 3, note: '备注', extra: [1, '二'] }]);
    expect(Object.keys(tables).indexOf('later_notes')).toBeGreaterThan(Object.keys(tables).indexOf('agencies'));
    expect(await importArchive(target.db, archive)).toMatchObject({ ok: true, counts: { later_notes: 1 } });
    expect(Buffer.from(await exportArchive(target.db)).equals(Buffer.from(archive))).toBe(true);
    const next = await sql<{ id: number }>`insert into later_notes (agency_id, note) values (3, 'x') returning id`.execute(target.db);
    expect(next.rows[0]?.id).toBe(2);
  });
});

describe.each(engines())('archive on %s: bad input', (engine) => {
  let empty: TestDatabase;
  let valid: unknown[];
  beforeAll(async () => {
    empty = await withDatabase(engine);
    valid = linesOf(await exportArchive(empty.db));
  }, 60_000);
  afterAll(async () => {
    await empty?.close();
  });

  const head = () => valid[0] as { migrations: string[] };
  /** the valid lines with the table `table`'s header and rows replaced */
  const withRows = (table: string, rows: unknown[], columns?: string[]) =>
    valid.flatMap((l) => {
      const t = l as { table?: string; columns?: string[]; end?: Record<string, number> };
      if (t.table === table) return [{ table, columns: columns ?? t.columns }, ...rows];
      if (t.end !== undefined) return [{ end: { ...t.end, [table]: rows.length } }];
      return [l];
    });
  const templates = ['agency_id', 'kind', 'body', 'updated_at'];

  const bad: [string, () => Uint8Array, RegExp][] = [
    ['empty bytes', () => new Uint8Array(), /不是 gongkai 归档/],
    ['random bytes', () => new Uint8Array(Array.from({ length: 200 }, (_, i) => (i * 37) % 256)), /无法按 gzip 解压/],
    ['a truncated archive', () => gz(valid).subarray(0, 40), /无法按 gzip 解压/],
    ['gzip of something not JSON', () => gz(['{"format": "gongkai-archive", ']), /第 1 行不是有效的 JSON/],
    ['another format', () => gz([{ format: 'other' }]), /不是 gongkai 归档/],
    ['format 1 (a single document with the secret)', () => gz([{ format: 'gongkai-archive', version: 1, schema: [], tables: {} }]), /第 1 版归档.*重新导出/],
    ['another version', () => gz([{ ...head(), version: 4 }, ...valid.slice(1)]), /版本 4 不受支持/],
    ['a byte changed inside the gzip stream', () => flipped(gz(valid)), /无法按 gzip 解压|损坏/],
    ['format 3 without its checksums', () => gz(valid.map((l) => ((l as { end?: object }).end ? { end: (l as { end: object }).end } : l))), /缺少各表的校验值/],
    ['another schema', () => gz([{ ...head(), migrations: ['0001_other'] }, ...valid.slice(1)]), /结构.*不一致/],
    ['no end line (cut at a line)', () => gz(valid.slice(0, -1)), /缺少结尾/],
    ['a missing table', () => gz([valid[0], valid.at(-1)]), /缺少表|位置不对/],
    ['an unknown table', () => gz([valid[0], { table: 'secrets', columns: ['x'] }, ...valid.slice(1)]), /没有表 secrets/],
    ['the sessions table', () => gz([valid[0], { table: 'sessions', columns: ['id'] }, ...valid.slice(1)]), /没有表 sessions/],
    ['rows that are not arrays', () => gz(withRows('templates', [1])), /既不是表头、记录，也不是结尾/],
    ['a row before any table', () => gz([valid[0], [1], ...valid.slice(1)]), /记录出现在任何表之前/],
    ['a column the database lacks', () => gz(withRows('templates', [], [...templates, 'extra'])), /多出 extra/],
    ['a row of the wrong length', () => gz(withRows('templates', [[1, 'reply', 'x']])), /应有 4 个字段，实有 3 个/],
    ['a child without its parent', () => gz(withRows('templates', [[1, 'reply', 'x', '2024-01-01T00:00:00.000Z']])), /外键/],
    ['a value that is an array', () => gz(withRows('counters', [[1, [], 2024, 1]])), /counters 的 scope 的取值类型无效/],
    ['a value of the wrong type', () => gz(withRows('counters', [[1, 's', 'two thousand', 1]])), /数据库拒绝写入/],
    ['counts that differ from the end line', () => gz(valid.map((l) => ((l as { end?: object }).end ? { end: { ...(l as { end: object }).end, agencies: 5 } } : l))), /条数与实际不符/],
    ['something after the end', () => gz([...valid, { table: 'agencies', columns: [] }]), /结尾之后还有内容/],
  ];

  it.each(bad)('%s: a Chinese error, nothing written', async (_, bytes, message) => {
    const r = await importArchive(empty.db, bytes());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(CHINESE);
      expect(r.error).toMatch(message);
    }
    const n = await empty.db.selectFrom('templates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    const secret = await empty.db.selectFrom('settings').selectAll().execute();
    expect(secret).toEqual([]);
  });

  it('a table without a primary key makes export fail loudly', async () => {
    await sql`create table unordered_table (id int)`.execute(empty.db);
    await expect(exportArchive(empty.db)).rejects.toThrow(/unordered_table/);
    await sql`drop table unordered_table`.execute(empty.db);
  });
});
