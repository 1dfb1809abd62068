// The search document of applications (migration 0026, services/search/application-index.ts) is written with
// the row on every way in — staff registration (with or without a scan; the API and the pages call it),
// online submission, the ledger import, an archive import (the demo registers and submits online: its
// test checks that every application it makes has one) — and is always the document of the row's current 编号, name and
// request; the handling's steps leave it alone; rows from before the migration are indexed when the
// database is opened, once; the migration itself applies to a table that has rows. On each engine.

import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { listApplications } from '../../src/services/application-list.ts';
import { registerWithScan } from '../../src/services/application-scans.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { exportArchive, importArchive } from '../../src/services/archive.ts';
import { afterMigrations } from '../../src/services/database.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { submitOnline } from '../../src/services/public-applications.ts';
import { applicationDocumentSql, applicationTexts } from '../../src/services/search/application-index.ts';
import { insertApplications } from '../support/application-corpus.ts';
import { TEST_QUERY_KEY as KEY } from '../support/query-key.ts';
import { engines, useDatabase, withDatabase } from '../support/db.ts';

const TODAY = '2024-11-20';
const NOW = `${TODAY}T02:00:00.000Z`;
const who = { actor: 'tester', now: NOW, today: TODAY };
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

afterAll(async () => {
  await closeParsePool();
});

/** Applications (of the agency, or all) whose stored document is not the one of their current fields. */
async function staleDocuments(db: Kysely<DB>, agencyId?: number): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select(['id', 'agencyId', 'number', 'applicantName', 'request', sql<string | null>`search_document::text`.as('doc')])
    .$if(agencyId !== undefined, (q) => q.where('agencyId', '=', agencyId as number))
    .execute();
  const texts = rows.map(applicationTexts);
  const expected = await sql<{ id: number; d: string }>`select x.id, (${applicationDocumentSql(sql`x.a`, sql`x.b`)})::text as d
    from unnest(${rows.map((r) => Number(r.id))}::bigint[], ${texts.map((x) => x.a)}::text[], ${texts.map((x) => x.b)}::text[]) as x (id, a, b)`.execute(db);
  const byId = new Map(expected.rows.map((r) => [Number(r.id), r.d]));
  const stale: string[] = [];
  for (const r of rows) if (r.doc !== byId.get(Number(r.id))) stale.push(`${r.number}: ${r.doc} ≠ ${byId.get(Number(r.id))}`);
  return stale;
}

const agency = async (db: Kysely<DB>, code: string) => {
  const a = await createAgency(db, { code, name: `示范县${code}局`, level: 'department' }, NOW);
  if (!a.ok) throw new Error(a.error.message);
  return a.value;
};

const found = async (db: Kysely<DB>, agencyId: number, q: string) => (await listApplications(db, agencyId, { q }, { calendar, today: TODAY })).items.map((i) => i.id);

describe.each(engines())('application search documents on %s', (engine) => {
  const t = useDatabase(engine);

  it('staff registration, with and without a scan, writes it; the handling leaves it as it is', async () => {
    const a = await agency(t.db, 'reg');
    const input = { applicantType: 'natural_person' as const, applicantName: '欧阳娜娜', channel: 'in_person' as const, submittedOn: '2024-11-04', request: '农村危房改造补助资金的分配情况' };
    const plain = await registerApplication(t.db, a.id, input, who);
    const scanned = await registerWithScan(t.db, a.id, { ...input, applicantName: '司马光', request: '老旧小区改造工程招标文件' }, { bytes: PDF, type: 'application/pdf', name: '申请书.pdf' }, who);
    if (!plain.ok || !scanned.ok) throw new Error('registration refused');
    expect(plain.value).not.toHaveProperty('searchDocument');
    // the terms carry the agency: its posting lists in the GIN index are its own
    const doc = await sql<{ d: string }>`select search_document::text as d from applications where id = ${plain.value.id}`.execute(t.db);
    expect(doc.rows[0]?.d).toContain(`'a${a.id}x欧阳':`);
    expect(doc.rows[0]?.d.split(' ').every((t) => t.startsWith(`'a${a.id}x`))).toBe(true);
    expect(await staleDocuments(t.db, a.id)).toEqual([]);
    expect(await found(t.db, a.id, '欧阳娜娜')).toEqual([plain.value.id]);
    expect(await found(t.db, a.id, '招标')).toEqual([scanned.value.id]);
    const stepped = await recordEvent(t.db, a.id, plain.value.id, { type: 'assign', occurredOn: TODAY, handler: '李四' }, { ...who, calendar });
    expect(stepped.ok).toBe(true);
    expect(await staleDocuments(t.db, a.id)).toEqual([]);
  });

  it('an online submission writes it', async () => {
    const a = await agency(t.db, 'online');
    const r = await submitOnline(
      t.db,
      a.code,
      {
        applicantType: 'commercial',
        applicantName: '绿源环保科技有限公司',
        idKind: 'uscc',
        idNumber: '91350100M000100Y43',
        phone: '',
        email: 'office@example.com',
        address: '',
        request: '某项目环境影响评价批复',
        deliveryForm: 'email',
        identityProof: { bytes: PDF, type: 'application/pdf', name: '营业执照.pdf' },
      },
      `${TODAY}T10:00:00.000+08:00`,
      KEY,
    );
    if (!r.ok) throw new Error(r.error.message);
    // the 编号 comes from the counter inside the statement: its terms too, the same as the document made from the row
    expect(await staleDocuments(t.db, a.id)).toEqual([]);
    expect(await found(t.db, a.id, r.value.number.slice(5))).toEqual([r.value.applicationId]);
    expect(await found(t.db, a.id, '环境影响')).toEqual([r.value.applicationId]);
    expect(await found(t.db, a.id, '91350100M000100Y43')).toEqual([]);
  });

  it('the ledger import writes it', async () => {
    const a = await agency(t.db, 'ledger');
    const ledger = [
      '编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果',
      '依申〔2024〕7号,自然人,诸葛亮,,当面,2024-03-01,桥梁维修工程的批复,,,,2024-03-20,属于国家秘密',
      'TZ-2024-8,商业企业,示范物流有限公司,,当面,2024-04-01,道路运输许可名单,,,,,',
    ];
    const r = await importLedger(t.db, a.id, new TextEncoder().encode(ledger.join('\n')), 'ledger.csv', who);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(await staleDocuments(t.db, a.id)).toEqual([]);
    expect(await found(t.db, a.id, '依申〔2024〕7号')).toHaveLength(1);
    expect(await found(t.db, a.id, '运输许可')).toHaveLength(1);
    expect(await found(t.db, a.id, '诸葛亮 桥梁')).toHaveLength(1);
  });

  it('an archive carries it into another database', async () => {
    const a = await agency(t.db, 'archive');
    const r = await registerApplication(t.db, a.id, { applicantType: 'natural_person', applicantName: '慕容复', channel: 'in_person', submittedOn: '2024-11-04', request: '河道治理工程验收报告' }, who);
    if (!r.ok) throw new Error(r.error.message);
    const bytes = await exportArchive(t.db);
    const other = await withDatabase(engine);
    try {
      const imported = await importArchive(other.db, bytes);
      if (!imported.ok) throw new Error(imported.error);
      expect(await staleDocuments(other.db)).toEqual([]);
      const nulls = await sql<{ n: number }>`select count(*)::int as n from applications where search_document is null`.execute(other.db);
      expect(nulls.rows[0]?.n).toBe(0);
      expect(await found(other.db, a.id, '河道治理')).toEqual([r.value.id]);
    } finally {
      await other.close();
    }
  });

  it('rows written without it (before migration 0026, or loaded in bulk) are indexed when the database is opened, once', async () => {
    const a = await agency(t.db, 'bulk');
    await insertApplications(t.db, a.id, 1, 2500, 'B');
    expect(await found(t.db, a.id, '应急预案')).toEqual([]);
    const heard: number[] = [];
    expect(await afterMigrations(t.db, (n) => heard.push(n))).toEqual({ indexed: 2500 });
    expect(heard).toEqual([2000, 2500]);
    expect(await afterMigrations(t.db)).toEqual({ indexed: 0 });
    expect(await staleDocuments(t.db, a.id)).toEqual([]);
    expect((await found(t.db, a.id, '应急预案')).length).toBeGreaterThan(0);
  });
});

describe.each(engines())('migration 0026 on %s', (engine) => {
  it('applies to a table that has rows, which are then indexed', async () => {
    const database = await withDatabase(engine, { migrated: false });
    const earlier = mkdtempSync(join(tmpdir(), 'gongkai-migrations-'));
    try {
      for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < '0026')) cpSync(join(MIGRATIONS_DIR, f), join(earlier, f));
      await migrate(database.db, earlier);
      const a = await agency(database.db, 'old');
      await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at)
        values (${a.id}, '2023-00001', 'natural_person', '上官婉儿', 'in_person', '2023-05-04', '2023-05-04', '防汛应急预案', 'registered', ${NOW}, ${NOW})`.execute(database.db);
      expect((await migrate(database.db)).applied).toContain('0026_application_search');
      expect(await afterMigrations(database.db)).toEqual({ indexed: 1 });
      expect(await staleDocuments(database.db)).toEqual([]);
      expect(await found(database.db, a.id, '上官')).toHaveLength(1);
    } finally {
      rmSync(earlier, { recursive: true, force: true });
      await database.close();
    }
  });
});
