// The archive: export → import into an empty database of the other engine → export is byte-identical;
// ids are kept and sequences continue; a non-empty target, another schema and bad bytes are refused in
// Chinese, without throwing.

import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { exportArchive, importArchive } from '../../src/services/archive.ts';
import { engines, withDatabase } from '../support/db.ts';
import type { Engine, TestDatabase } from '../support/db.ts';

const CHINESE = /[\u4e00-\u9fff]/;

/** Something of everything: a parent agency with a larger id than its child, Chinese text, jsonb, gaps in ids. */
async function seed(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('agencies')
    .values([
      { id: 3, code: 'A-03', name: '某市教育局', level: 'department', parentId: null, createdAt: '2024-01-02T03:04:05.678Z' },
      { id: 7, code: 'A-07', name: '某市人民政府', level: 'government', parentId: null, createdAt: '2024-01-01T00:00:00.000Z' },
    ])
    .execute();
  await db.updateTable('agencies').set({ parentId: 7 }).where('id', '=', 3).execute();
  await sql`select setval(pg_get_serial_sequence('agencies', 'id'), 7)`.execute(db);
  const base = {
    applicantType: 'natural_person',
    applicantName: '张三',
    channel: 'online',
    request: '请公开2023年度“三公”经费预算执行情况（含明细）\n第二行',
    state: 'received',
    createdAt: '2024-10-08T00:30:00+08:00',
    updatedAt: '2024-10-08T09:30:00.123456Z',
  };
  await db
    .insertInto('applications')
    .values([
      { ...base, agencyId: 3, number: '2024-001', submittedOn: '2024-10-08', receivedOn: '2024-10-09', idKind: 'resident_id', idNumber: '110101199001011234' },
      { ...base, agencyId: 3, number: '2024-002', submittedOn: '2024-12-31', applicantType: 'commercial', applicantName: '某某科技有限公司', extended: true },
      { ...base, agencyId: 7, number: '2024-001', submittedOn: '2024-02-29', closedOn: '2024-03-20', outcome: 'granted', outcomeRow: '三（一）', state: 'closed' },
    ])
    .execute();
  await db
    .insertInto('applicationEvents')
    .values([
      { applicationId: 1, seq: 1, type: 'submitted', occurredOn: '2024-10-08', recordedAt: '2024-10-08T01:00:00Z', actor: '李四', stateAfter: 'received', data: {} },
      {
        applicationId: 1,
        seq: 2,
        type: 'correction_requested',
        occurredOn: '2024-10-10',
        recordedAt: '2024-10-10T08:00:00.001Z',
        actor: '李四',
        stateBefore: 'received',
        stateAfter: 'awaiting_correction',
        data: { snake_case_key: '补正内容', list: [1, 2.5, null, true, { 嵌套: '值' }], zeta: 1, a: 2 },
      },
    ])
    .execute();
  await db
    .insertInto('counters')
    .values([
      { agencyId: 3, scope: 'application', year: 2024, last: 2 },
      { agencyId: 3, scope: 'Zeta', year: 2024, last: 1 },
      { agencyId: 3, scope: 'correction_notice', year: 2024, last: 1 },
      { agencyId: 7, scope: 'application', year: 2023, last: 9 },
    ])
    .execute();
  await db
    .insertInto('documents')
    .values({
      applicationId: 1,
      agencyId: 3,
      kind: 'correction_notice',
      year: 2024,
      seq: 1,
      number: '某教公开〔2024〕1号',
      issuedOn: '2024-10-10',
      title: '补正申请告知书',
      html: '<p>请于15个工作日内补正。</p>',
      inputs: { fields: ['内容描述'] },
      createdAt: '2024-10-10T08:00:00Z',
    })
    .execute();
  await db
    .insertInto('templates')
    .values([
      { agencyId: 3, kind: 'reply', body: '答复书模板', updatedAt: '2024-05-01T00:00:00Z' },
      { agencyId: 3, kind: 'Extension_notice', body: '延期答复', updatedAt: '2024-05-01T00:00:00Z' },
    ])
    .execute();
  // the platform's tables (0002)
  await db
    .insertInto('users')
    .values([
      { id: 2, username: 'zhang.san', displayName: '张三', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', platformAdmin: true, createdAt: '2024-01-01T00:00:00Z' },
      { id: 5, username: 'li_si', displayName: '李四', passwordHash: '$argon2id$x', disabled: true, failedLogins: 3, lockedUntil: '2024-02-01T08:15:00+08:00', createdAt: '2024-01-02T00:00:00Z' },
    ])
    .execute();
  await sql`select setval(pg_get_serial_sequence('users', 'id'), 5)`.execute(db);
  await db
    .insertInto('memberships')
    .values([
      { userId: 5, agencyId: 3, role: 'supervisor' },
      { userId: 2, agencyId: 3, role: 'admin' },
      { userId: 5, agencyId: 3, role: 'Handler' },
    ])
    .execute();
  await db
    .insertInto('sessions')
    .values([
      { id: 'b'.repeat(64), userId: 2, csrfToken: 'csrf-b', createdAt: '2024-10-08T00:00:00Z', expiresAt: '2024-10-08T12:00:00Z' },
      { id: 'A'.repeat(64), userId: 5, csrfToken: 'csrf-a', createdAt: '2024-10-08T00:00:00Z', expiresAt: '2024-10-08T12:00:00Z' },
    ])
    .execute();
  await db.insertInto('apiTokens').values({ userId: 2, name: '台账同步', tokenHash: 'c'.repeat(64), createdAt: '2024-03-01T00:00:00Z', lastUsedAt: '2024-03-02T00:00:00Z' }).execute();
  await db
    .insertInto('auditLog')
    .values([
      { at: '2024-10-08T00:00:00Z', userId: 2, agencyId: null, action: 'login', target: 'user:zhang.san', detail: {}, ip: '10.0.0.1' },
      { at: '2024-10-08T00:01:00Z', userId: null, agencyId: 3, action: 'application.reply', target: null, detail: { number: '2024-001', 说明: ['甲', 1] }, ip: null },
    ])
    .execute();
  await db.insertInto('publicAccess').values({ applicationId: 2, receiptCode: 'RC-0002', passwordHash: '$argon2id$y', createdAt: '2024-12-31T00:00:00Z' }).execute();
  await db
    .insertInto('uploads')
    .values([
      {
        agencyId: 3,
        applicationId: 2,
        kind: 'identity_proof',
        mediaType: 'image/png',
        fileName: '身份证.png',
        size: 260,
        sha256: 'd'.repeat(64),
        content: new Uint8Array(Array.from({ length: 260 }, (_, i) => (i * 7) % 256)),
        createdAt: '2024-12-31T00:00:00Z',
      },
      { agencyId: 7, applicationId: null, kind: 'identity_proof', mediaType: 'application/pdf', fileName: 'empty.pdf', size: 0, sha256: 'e'.repeat(64), content: new Uint8Array(), createdAt: '2024-12-31T00:00:00Z' },
    ])
    .execute();
  await db
    .insertInto('agencyPages')
    .values([
      { agencyId: 3, page: 'rules', body: '# 政府信息公开制度', updatedAt: '2024-06-01T00:00:00Z', updatedBy: 2 },
      { agencyId: 3, page: 'guide', body: '# 政府信息公开指南', updatedAt: '2024-06-01T00:00:00Z', updatedBy: null },
    ])
    .execute();
  await db.insertInto('publishedReports').values({ agencyId: 7, year: 2023, report: { year: 2023, agency: '某市人民政府' }, publishedAt: '2024-01-31T00:00:00Z', publishedBy: 2 }).execute();
  await db
    .insertInto('settings')
    .values([
      { key: 'trust_proxy', value: { enabled: false } },
      { key: 'csrf_secret', value: { secret: 'f'.repeat(64) } },
    ])
    .execute();
}

function documentOf(bytes: Uint8Array): { format: string; version: number; schema: string[]; tables: Record<string, Record<string, unknown>[]> } {
  return JSON.parse(gunzipSync(bytes).toString('utf8'));
}

const gz = (value: unknown): Uint8Array => gzipSync(typeof value === 'string' ? value : JSON.stringify(value));

/** the other engine when there is one */
const otherEngine: Engine = engines().includes('postgres') ? 'postgres' : 'pglite';

describe(`archive: pglite → ${otherEngine} → pglite`, () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let back: TestDatabase;
  let archive: Uint8Array;
  beforeAll(async () => {
    [source, target, back] = await Promise.all([withDatabase('pglite'), withDatabase(otherEngine), withDatabase('pglite')]);
    await seed(source.db);
    archive = await exportArchive(source.db);
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close(), back?.close()]);
  });

  it('is deterministic gzip (no timestamp) of a JSON document with keys in a fixed order', async () => {
    expect(Buffer.from(await exportArchive(source.db)).equals(Buffer.from(archive))).toBe(true);
    expect([...archive.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // gzip, deflate, no name or comment
    expect([...archive.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // mtime 0
    const doc = documentOf(archive);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'schema', 'tables']);
    expect(doc.format).toBe('gongkai-archive');
    expect(doc.version).toBe(1);
    expect(doc.schema[0]).toBe('0001_create_applications');
    expect(Object.keys(doc.tables)).toEqual([
      'agencies',
      'applications',
      'applicationEvents',
      'counters',
      'documents',
      'templates',
      'users',
      'memberships',
      'sessions',
      'knownAddresses',
      'apiTokens',
      'auditLog',
      'publicAccess',
      'uploads',
      'agencyPages',
      'publishedReports',
      'settings',
    ]);
    // bytea as base64, the same on both engines
    expect(doc.tables['uploads']?.map((r) => r['content'])).toEqual([
      Buffer.from(Array.from({ length: 260 }, (_, i) => (i * 7) % 256)).toString('base64'),
      '',
    ]);
    expect(doc.tables['sessions']?.map((r) => String(r['id']).slice(0, 1))).toEqual(['A', 'b']);
    expect(doc.tables['memberships']?.map((r) => r['role'])).toEqual(['admin', 'Handler', 'supervisor']);
    expect(doc.tables['users']?.[1]?.['lockedUntil']).toBe('2024-02-01T00:15:00.000Z');
    expect(doc.tables['agencies']?.map((r) => r['id'])).toEqual([3, 7]);
    expect(Object.keys(doc.tables['agencies']![0]!)).toEqual(['id', 'code', 'name', 'level', 'parentId', 'createdAt', 'documentPrefix', 'reconsiderationBody', 'court', 'extensionWithinPeriod', 'feeWindowFromReceipt']);
    // text keys in "C" collation, whatever the server's locale
    expect(doc.tables['counters']?.map((r) => `${r['agencyId']}/${r['scope']}/${r['year']}`)).toEqual([
      '3/Zeta/2024',
      '3/application/2024',
      '3/correction_notice/2024',
      '7/application/2023',
    ]);
    expect(doc.tables['templates']?.map((r) => r['kind'])).toEqual(['Extension_notice', 'reply']);
    const app = doc.tables['applications']![0]!;
    expect(app['submittedOn']).toBe('2024-10-08');
    expect(app['createdAt']).toBe('2024-10-07T16:30:00.000Z');
    expect(app['updatedAt']).toBe('2024-10-08T09:30:00.123Z');
    expect(doc.tables['applicationEvents']![1]!['data']).toEqual({ a: 2, list: [1, 2.5, null, true, { 嵌套: '值' }], zeta: 1, snake_case_key: '补正内容' });
  });

  it('imports into an empty database of the other engine and exports the same bytes; and back', async () => {
    const r = await importArchive(target.db, archive);
    expect(r).toEqual({
      ok: true,
      counts: {
        agencies: 2,
        applications: 3,
        applicationEvents: 2,
        counters: 4,
        documents: 1,
        templates: 2,
        users: 2,
        memberships: 3,
        sessions: 2,
        knownAddresses: 0,
        apiTokens: 1,
        auditLog: 2,
        publicAccess: 1,
        uploads: 2,
        agencyPages: 2,
        publishedReports: 1,
        settings: 2,
      },
    });
    const upload = await target.db.selectFrom('uploads').select('content').where('id', '=', 1).executeTakeFirstOrThrow();
    expect([...upload.content]).toEqual(Array.from({ length: 260 }, (_, i) => (i * 7) % 256));
    const again = await exportArchive(target.db);
    expect(Buffer.from(again).equals(Buffer.from(archive))).toBe(true);
    expect(await importArchive(back.db, again)).toMatchObject({ ok: true });
    expect(Buffer.from(await exportArchive(back.db)).equals(Buffer.from(archive))).toBe(true);
  });

  it('keeps ids and continues every sequence after them', async () => {
    const agency = await target.db
      .insertInto('agencies')
      .values({ code: 'A-new', name: '新机构', level: 'other', createdAt: '2024-11-01T00:00:00Z' })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    expect(agency.id).toBe(8);
    const parent = await target.db.selectFrom('agencies').select('parentId').where('id', '=', 3).executeTakeFirstOrThrow();
    expect(parent.parentId).toBe(7);
    const event = await target.db
      .insertInto('applicationEvents')
      .values({ applicationId: 2, seq: 1, type: 'submitted', occurredOn: '2024-12-31', recordedAt: '2024-12-31T00:00:00Z', actor: 'x', stateAfter: 'received', data: {} })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(event.id).toBe(3);
    const app = await target.db
      .insertInto('applications')
      .values({ agencyId: 8, number: '1', applicantType: 'other', applicantName: 'x', channel: 'fax', submittedOn: '2025-01-02', request: 'x', state: 'received', createdAt: '2025-01-02T00:00:00Z', updatedAt: '2025-01-02T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(app.id).toBe(4);
    const user = await target.db
      .insertInto('users')
      .values({ username: 'new', displayName: '新', passwordHash: 'x', createdAt: '2025-01-02T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(user.id).toBe(6);
    const entry = await target.db.insertInto('auditLog').values({ at: '2025-01-02T00:00:00Z', userId: 6, agencyId: null, action: 'login', detail: {} }).returning('id').executeTakeFirstOrThrow();
    expect(entry.id).toBe(3);
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

describe.each(engines())('archive on %s: bad input', (engine) => {
  let empty: TestDatabase;
  let valid: ReturnType<typeof documentOf>;
  beforeAll(async () => {
    empty = await withDatabase(engine);
    valid = documentOf(await exportArchive(empty.db));
  });
  afterAll(async () => {
    await empty?.close();
  });

  const bad: [string, () => Uint8Array, RegExp][] = [
    ['empty bytes', () => new Uint8Array(), /无法按 gzip 解压/],
    ['random bytes', () => new Uint8Array(Array.from({ length: 200 }, (_, i) => (i * 37) % 256)), /无法按 gzip 解压/],
    ['a truncated archive', () => gz(valid).subarray(0, 20), /无法按 gzip 解压/],
    ['gzip of something not JSON', () => gz('{"format": "gongkai-archive", '), /不是有效的 JSON/],
    ['another format', () => gz({ format: 'other' }), /不是 gongkai 归档/],
    ['another version', () => gz({ ...valid, version: 2 }), /版本 2 不受支持/],
    ['a missing table', () => gz({ ...valid, tables: { agencies: [] } }), /归档格式不正确/],
    ['an unknown table', () => gz({ ...valid, tables: { ...valid.tables, secrets: [] } }), /未知的表或字段：secrets/],
    ['rows that are not objects', () => gz({ ...valid, tables: { ...valid.tables, agencies: [1] } }), /tables\.agencies 第 1 条 应为对象/],
    ['another schema', () => gz({ ...valid, schema: ['0001_other'] }), /结构.*不一致/],
    [
      'a row with unknown columns',
      () => gz({ ...valid, tables: { ...valid.tables, templates: [{ agencyId: 1, kind: 'reply', body: 'x', updatedAt: '2024-01-01T00:00:00.000Z', extra: 1 }] } }),
      /多出 extra/,
    ],
    [
      'a child without its parent',
      () => gz({ ...valid, tables: { ...valid.tables, templates: [{ agencyId: 1, kind: 'reply', body: 'x', updatedAt: '2024-01-01T00:00:00.000Z' }] } }),
      /外键/,
    ],
    [
      'a value that is an array',
      () => gz({ ...valid, tables: { ...valid.tables, counters: [{ agencyId: 1, scope: [], year: 2024, last: 1 }] } }),
      /tables\.counters 第 1 条的 scope 的取值类型无效/,
    ],
    [
      'a value of the wrong type',
      () => gz({ ...valid, tables: { ...valid.tables, counters: [{ agencyId: 1, scope: 's', year: 'two thousand', last: 1 }] } }),
      /数据库拒绝写入/,
    ],
  ];

  it.each(bad)('%s: a Chinese error, nothing written', async (_, bytes, message) => {
    const r = await importArchive(empty.db, bytes());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(CHINESE);
      expect(r.error).toMatch(message);
    }
    const n = await empty.db.selectFrom('templates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });

  it('a table the archive does not know makes export fail loudly', async () => {
    await sql`create table unknown_table (id int)`.execute(empty.db);
    await expect(exportArchive(empty.db)).rejects.toThrow(/unknown_table/);
    await sql`drop table unknown_table`.execute(empty.db);
  });
});
