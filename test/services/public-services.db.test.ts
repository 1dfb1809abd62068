// The services of the public column: online submission in one transaction, the status behind a receipt
// code and password, the column's pages (default guide, 条例第十二条), published reports.

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { getPage, pageBlocks, PLACEHOLDER_MARK, publishedReport, publishedReports, setPage } from '../../src/services/column.ts';
import {
  formatReceiptCode,
  normaliseReceiptCode,
  publicDocument,
  publicStatus,
  submitOnline,
  validateOnlineApplication,
} from '../../src/services/public-applications.ts';
import type { OnlineApplicationInput } from '../../src/services/public-applications.ts';
import type { QueryKey } from '../../src/services/query-key.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY as KEY } from '../support/query-key.ts';

const NOW = '2024-11-20T10:00:00.000+08:00';
const TODAY = '2024-11-20';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const input = (overrides: Partial<OnlineApplicationInput> = {}): OnlineApplicationInput => ({
  applicantType: 'commercial',
  applicantName: '某某科技有限公司',
  idKind: 'uscc',
  idNumber: '91350100M000100Y43',
  phone: '',
  email: 'office@example.com',
  address: '',
  request: '某项目环境影响评价批复',
  deliveryForm: 'email',
  identityProof: { bytes: PNG, type: 'image/png', name: '营业执照.png' },
  ...overrides,
});

describe('validateOnlineApplication', () => {
  it('accepts a company with its 统一社会信用代码 and an e-mail address', () => {
    expect(validateOnlineApplication(input(), TODAY).ok).toBe(true);
  });

  it.each([
    [{ idKind: 'resident_id', idNumber: '11010519491231002X' }, 'idKind', '法人或者其他组织'],
    [{ applicantType: 'natural_person' }, 'idKind', '自然人请选择'],
    [{ idNumber: '91350100M000100Y44' }, 'idNumber', '校验位'],
    [{ email: '', phone: '' }, 'phone', '至少填写'],
    [{ phone: '12345' }, 'phone', '手机号码'],
    [{ email: 'not-an-address' }, 'email', '电子邮箱'],
    [{ deliveryForm: 'paper_post' }, 'address', '通信地址'],
    [{ deliveryForm: 'email', email: '', phone: '13800138000' }, 'email', '电子邮件'],
    [{ deliveryForm: 'carrier pigeon' }, 'deliveryForm', '获取政府信息的方式'],
    [{ request: '   ' }, 'request', '所需政府信息'],
    [{ applicantName: '' }, 'applicantName', '姓名或名称'],
    [{ identityProof: null }, 'identityProof', '请上传'],
  ] as const)('%o → %s', (overrides, field, message) => {
    const r = validateOnlineApplication(input(overrides as Partial<OnlineApplicationInput>), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const e = r.errors.find((x) => x.field === field);
      expect(e?.message).toContain(message);
    }
  });
});

describe('receipt codes', () => {
  it('are typed back in any case, with or without hyphens and full-width characters', () => {
    expect(formatReceiptCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseReceiptCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(normaliseReceiptCode('ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ')).toBe('ABCDEFGHJKMN');
  });
});

describe('pageBlocks', () => {
  it('reads headings, paragraphs and lists, and never HTML', () => {
    expect(pageBlocks('## 一、总则\n第一段\n接续\n\n- 甲\n- 乙\n### （一）小节\n<script>x</script>')).toEqual([
      { kind: 'heading', level: 2, text: '一、总则' },
      { kind: 'paragraph', text: '第一段接续' },
      { kind: 'list', items: ['甲', '乙'] },
      { kind: 'heading', level: 3, text: '（一）小节' },
      { kind: 'paragraph', text: '<script>x</script>' },
    ]);
  });
});

describe.each(engines())('public services on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  async function agency(name = '某市生态环境局') {
    n += 1;
    const a = await createAgency(t.db, { code: `pa${n}`, name, level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    return a.value;
  }

  it('submits online in one transaction and opens the status with the code and password only', async () => {
    const a = await agency();
    const r = await submitOnline(t.db, a.code, input(), NOW, KEY);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ number: '2024-00001', receivedOn: TODAY });
    const events = await t.db.selectFrom('applicationEvents').selectAll().where('applicationId', '=', r.value.applicationId).execute();
    expect(events.map((e) => [e.type, e.actor, e.occurredOn])).toEqual([['register', 'online', TODAY]]);

    const ok = await publicStatus(t.db, a.code, formatReceiptCode(r.value.receiptCode).toLowerCase(), r.value.password, KEY, TODAY, calendar);
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value).toMatchObject({ state: 'registered', stateLabel: '已登记', receivedOn: TODAY, number: '2024-00001', deliveryForm: '电子文本，电子邮件发送' });
    expect(ok.value.deadlines[0]).toMatchObject({ title: '答复期限', due: '2024-12-18', workingDaysLeft: 20, state: 'running' });
    expect(ok.value.timeline).toEqual([{ date: TODAY, text: expect.stringContaining('在线提交') }]);

    // the same refusal for a wrong password, an unknown code, a malformed code, another agency
    const other = await agency('某市水务局');
    const refusals = await Promise.all([
      publicStatus(t.db, a.code, r.value.receiptCode, 'WRONGPASS2', KEY, TODAY, calendar),
      publicStatus(t.db, a.code, 'ABCDEFGHJKMN', r.value.password, KEY, TODAY, calendar),
      publicStatus(t.db, a.code, 'x', '', KEY, TODAY, calendar),
      publicStatus(t.db, other.code, r.value.receiptCode, r.value.password, KEY, TODAY, calendar),
    ]);
    for (const refused of refusals) expect(refused).toEqual({ ok: false, error: { code: 'STATUS_NOT_FOUND', message: '回执码或查询密码不正确' } });
    expect((await publicDocument(t.db, a.code, r.value.receiptCode, 'WRONGPASS2', KEY, 1)).ok).toBe(false);
  });

  it('checks an unknown or malformed code as it checks a wrong password: one HMAC, one comparison (no shortcut)', async () => {
    const a = await agency();
    const r = await submitOnline(t.db, a.code, input(), NOW, KEY);
    if (!r.ok) throw new Error(r.error.message);
    // a key that counts its HMACs: the work of each check, whatever was wrong
    let macs = 0;
    const counting: QueryKey = { id: KEY.id, mac: (message) => ((macs += 1), KEY.mac(message)) };
    const work = async (code: string, password: string) => {
      macs = 0;
      const refused = await publicStatus(t.db, a.code, code, password, counting, TODAY, calendar);
      expect(refused.ok).toBe(false);
      return macs;
    };
    expect(await work(r.value.receiptCode, 'WRONGPASS2')).toBe(1);
    expect(await work('ABCDEFGHJKMN', 'WRONGPASS2')).toBe(1);
    expect(await work('short', 'WRONGPASS2')).toBe(1);
    expect(await work(r.value.receiptCode, '')).toBe(1);
    macs = 0;
    expect((await publicStatus(t.db, a.code, r.value.receiptCode, r.value.password, counting, TODAY, calendar)).ok).toBe(true);
    expect(macs).toBe(1);
  });

  it('writes nothing when any part of the submission fails (one transaction)', async () => {
    const a = await agency();
    const count = async () => ({
      applications: (await t.db.selectFrom('applications').select('id').where('agencyId', '=', a.id).execute()).length,
      counters: await t.db.selectFrom('counters').selectAll().where('agencyId', '=', a.id).execute(),
      access: (await t.db.selectFrom('publicAccess').select('applicationId').execute()).length,
    });
    const before = await count();
    await sql`create function pa_refuse_upload() returns trigger language plpgsql as $$ begin raise exception 'upload refused'; end $$`.execute(t.db);
    await sql`create trigger pa_refuse_upload before insert on uploads for each row execute function pa_refuse_upload()`.execute(t.db);
    try {
      await expect(submitOnline(t.db, a.code, input(), NOW, KEY)).rejects.toThrow(/upload refused/);
    } finally {
      await sql`drop trigger pa_refuse_upload on uploads`.execute(t.db);
      await sql`drop function pa_refuse_upload()`.execute(t.db);
    }
    expect(await count()).toEqual(before);
    // and the next one gets the first number
    const r = await submitOnline(t.db, a.code, input(), NOW, KEY);
    expect(r.ok && r.value.number).toBe('2024-00001');
  });

  it('tries again with a new receipt code when the one drawn is taken, without a gap in the numbers', async () => {
    const a = await agency();
    // the first insert of a grant fails as a taken receipt code would (a trigger raising the same error;
    // a sequence counts the attempts, since the failed statement rolls back everything else)
    await sql`create sequence pa_taken`.execute(t.db);
    await sql`create function pa_taken() returns trigger language plpgsql as $$
      begin
        if nextval('pa_taken') = 1 then
          raise unique_violation using message = 'receipt code taken', constraint = 'public_access_receipt_code_key', table = 'public_access';
        end if;
        return new;
      end $$`.execute(t.db);
    await sql`create trigger pa_taken before insert on public_access for each row execute function pa_taken()`.execute(t.db);
    try {
      const r = await submitOnline(t.db, a.code, input(), NOW, KEY);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.number).toBe('2024-00001'); // the failed statement took no number
      const opened = await publicStatus(t.db, a.code, r.value.receiptCode, r.value.password, KEY, TODAY, calendar);
      expect(opened.ok).toBe(true);
      expect((await t.db.selectFrom('applications').select('id').where('agencyId', '=', a.id).execute()).length).toBe(1);
      expect((await sql<{ n: string }>`select last_value::text as n from pa_taken`.execute(t.db)).rows[0]?.n).toBe('2'); // two attempts
    } finally {
      await sql`drop trigger pa_taken on public_access`.execute(t.db);
      await sql`drop function pa_taken()`.execute(t.db);
      await sql`drop sequence pa_taken`.execute(t.db);
    }
  });

  it('refuses an unknown agency and invalid input without writing', async () => {
    const missing = await submitOnline(t.db, 'no-such', input(), NOW, KEY);
    expect(!missing.ok && missing.error.code).toBe('AGENCY_NOT_FOUND');
    const a = await agency();
    const forged = await submitOnline(t.db, a.code, input({ identityProof: { bytes: new TextEncoder().encode('%PDF-1.4'), type: 'image/png', name: 'x.png' } }), NOW, KEY);
    expect(!forged.ok && forged.error.code).toBe('UPLOAD_TYPE_MISMATCH');
    expect((await t.db.selectFrom('applications').select('id').where('agencyId', '=', a.id).execute()).length).toBe(0);
  });

  it('gives a default guide with the contents of 条例第十二条 until the agency writes its own', async () => {
    const a = await agency('某县交通运输局');
    const guide = await getPage(t.db, a.code, 'guide');
    if (!guide.ok) throw new Error(guide.error.message);
    expect(guide.value.isDefault).toBe(true);
    for (const item of ['信息分类', '编排体系', '获取方式', '名称：', '办公地址', '办公时间', '联系电话', '传真号码', '互联网联系方式']) expect(guide.value.body, item).toContain(item);
    expect(guide.value.placeholders).toBeGreaterThan(5);
    expect(guide.value.blocks[0]?.kind).toBe('paragraph');

    const set = await setPage(t.db, a.code, 'guide', '## 一、说明\r\n本机关的指南。', { userId: null, now: NOW });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.value).toMatchObject({ isDefault: false, body: '## 一、说明\n本机关的指南。', placeholders: 0, updatedAt: expect.stringContaining('2024-11-20') });
    const tooLong = await setPage(t.db, a.code, 'rules', 'x'.repeat(50_001), { userId: null, now: NOW });
    expect(!tooLong.ok && tooLong.error.code).toBe('PAGE_TOO_LONG');
    const reset = await setPage(t.db, a.code, 'guide', '  ', { userId: null, now: NOW });
    expect(reset.ok && reset.value.isDefault).toBe(true);
    const rules = await getPage(t.db, a.code, 'rules');
    expect(rules.ok && rules.value.body).toContain(PLACEHOLDER_MARK);
  });

  it('lists and reads published reports, refusing one that is not valid interchange JSON', async () => {
    const a = await agency('某市审计局');
    await t.db.insertInto('publishedReports').values({ agencyId: a.id, year: 2022, report: JSON.stringify({ nonsense: true }), publishedAt: NOW }).execute();
    const list = await publishedReports(t.db, a.code);
    expect(list.ok && list.value.reports).toEqual([{ year: 2022, title: '某市审计局2022年政府信息公开工作年度报告', publishedAt: expect.any(String), correctedAt: null }]);
    const bad = await publishedReport(t.db, a.code, 2022);
    expect(!bad.ok && bad.error.code).toBe('REPORT_INVALID');
    const none = await publishedReport(t.db, a.code, 2021);
    expect(!none.ok && none.error.code).toBe('NOT_FOUND');
  });
});
