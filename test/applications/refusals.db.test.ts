// Refusals return a typed error with a Chinese message and leave the database exactly as it was;
// numbers stay consecutive under concurrent registrations.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import type { RegisterInput } from '../../src/services/applications.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import type { EventInput } from '../../src/domain/applications/transitions.ts';
import { engines, useDatabase, withDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const who = { actor: 'tester', now: '2024-10-08T09:00:00.000Z', today: '2024-10-08' };
const base: RegisterInput = { applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: '2024-09-27', request: '某项目的批复文件' };

const LEDGER_HEADER = '编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果';

describe.each(engines())('refusals on %s', (engine) => {
  const ctx = useDatabase(engine);
  let agencyId = 0;
  let repliedId = 0;
  let openId = 0;

  beforeAll(async () => {
    const a = await createAgency(ctx.db, { code: 'refusals', name: '某县某局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    const replied = await registerApplication(ctx.db, agencyId, { ...base, number: 'A-1' }, who);
    const open = await registerApplication(ctx.db, agencyId, { ...base, number: 'A-2' }, who);
    if (!replied.ok || !open.ok) throw new Error('setup');
    repliedId = replied.value.id;
    openId = open.value.id;
    const r = await recordEvent(ctx.db, agencyId, repliedId, { type: 'reply', occurredOn: '2024-10-08', outcome: 'OPEN_PROVIDE' }, who);
    if (!r.ok) throw new Error(r.error.message);
  });

  const cases: [string, string, () => Promise<{ ok: boolean; error?: { code: string; message: string } }>][] = [
    ['an illegal transition', 'ILLEGAL_TRANSITION', () => recordEvent(ctx.db, agencyId, repliedId, { type: 'request_correction', occurredOn: '2024-10-08' }, who)],
    ['a reply dated before receipt', 'DATE_BEFORE_RECEIPT', () => recordEvent(ctx.db, agencyId, openId, { type: 'reply', occurredOn: '2024-09-20', outcome: 'OPEN_PROVIDE' }, who)],
    ['a duplicate 编号', 'DUPLICATE_NUMBER', () => registerApplication(ctx.db, agencyId, { ...base, number: 'A-1' }, who)],
    ['an invalid identity number', 'RESIDENT_ID_CHECK', () => registerApplication(ctx.db, agencyId, { ...base, idNumber: '11010519491231002X'.replace(/X$/, '1') }, who)],
    ['a malformed date', 'INVALID_INPUT', () => registerApplication(ctx.db, agencyId, { ...base, submittedOn: '2024-13-01' }, who)],
    ['a malformed event date', 'INVALID_DATE', () => recordEvent(ctx.db, agencyId, openId, { type: 'reply', occurredOn: '2024/10/08', outcome: 'OPEN_PROVIDE' }, who)],
    ['another agency’s application', 'APPLICATION_NOT_FOUND', () => recordEvent(ctx.db, agencyId + 999, openId, { type: 'reply', occurredOn: '2024-10-08', outcome: 'OPEN_PROVIDE' }, who)],
  ];

  // 逾期未补正 / 逾期未缴费 are facts only once the period has run out (条例第三十条; 国办函〔2020〕109号)
  const withCalendar = () => {
    const c = buildCalendar();
    if (!c.ok) throw new Error(c.error.message);
    return { ...who, calendar: c.value };
  };
  const lapsing = async (number: string, steps: EventInput[], submittedOn = base.submittedOn): Promise<number> => {
    const a = await registerApplication(ctx.db, agencyId, { ...base, number, submittedOn }, who);
    if (!a.ok) throw new Error(a.error.message);
    for (const e of steps) {
      const r = await recordEvent(ctx.db, agencyId, a.value.id, e, withCalendar());
      if (!r.ok) throw new Error(r.error.message);
    }
    return a.value.id;
  };
  const lapses: [string, string, EventInput[], EventInput][] = [
    ['a lapsed correction recorded before the correction period ends', 'LAPSE_BEFORE_DUE', [{ type: 'request_correction', occurredOn: '2024-09-30', workingDays: 15 }], { type: 'lapse_correction', occurredOn: '2024-10-08' }],
    ['an unpaid fee before the applicant is known to have the notice', 'FEE_NOTICE_NOT_RECEIVED', [{ type: 'send_fee_notice', occurredOn: '2024-09-30', delivery: 'post' }], { type: 'lapse_fee', occurredOn: '2024-10-08' }],
    ['an unpaid fee recorded before the payment window ends', 'LAPSE_BEFORE_DUE', [{ type: 'send_fee_notice', occurredOn: '2024-09-30', delivery: 'in_person' }], { type: 'lapse_fee', occurredOn: '2024-10-08' }],
  ];

  it.each(lapses)('%s is refused with %s and changes nothing', async (name, code, steps, lapse) => {
    const id = await lapsing(`LAPSE-${lapses.findIndex((l) => l[0] === name)}`, steps);
    const before = await snapshot(ctx.db);
    const r = await recordEvent(ctx.db, agencyId, id, lapse, withCalendar());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await snapshot(ctx.db)).toBe(before);
  });

  it('a lapse recorded after the period ends is accepted', async () => {
    const id = await lapsing('LAPSE-ok', [{ type: 'request_correction', occurredOn: '2024-09-02', workingDays: 15 }], '2024-08-30');
    const r = await recordEvent(ctx.db, agencyId, id, { type: 'lapse_correction', occurredOn: '2024-10-08' }, withCalendar());
    expect(r.ok).toBe(true);
  });

  it.each(cases)('%s is refused with %s and changes nothing', async (_name, code, act) => {
    const before = await snapshot(ctx.db);
    const r = await act();
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe(code);
    expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot(ctx.db)).toBe(before);
  });

  it('a ledger with a 办理结果 that is not a row label imports nothing and names the row', async () => {
    const csv = [
      LEDGER_HEADER,
      'L-1,自然人,李四,,当面,2024-03-01,某文件,,,,2024-03-20,予以公开',
      'L-2,商业企业,某公司,,在线,2024-03-02,某文件,,,,2024-03-21,同意公开',
    ].join('\n');
    const before = await snapshot(ctx.db);
    const r = await importLedger(ctx.db, agencyId, new TextEncoder().encode(csv), 'ledger.csv', who);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ line: 3, column: '办理结果' });
    }
    expect(await snapshot(ctx.db)).toBe(before);
  });

  it('a valid ledger imports all its rows, with their events', async () => {
    const csv = [
      LEDGER_HEADER,
      'L-1,自然人,李四,,当面,2024-03-01,某文件,2024-03-05,2024-03-12,,2024-04-01,"危及""三安全一稳定"""',
      'L-2,商业企业,某公司,,在线,2024-03-02,某文件,,,2024-03-28,2024-04-20,部分公开',
      'L-3,其他,某协会,,平信,2024-03-03,某文件,2024-03-06,,,2024-04-10,申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请',
      'L-4,自然人,王五,,传真,2024-03-04,某文件,,,,,',
    ].join('\r\n');
    const r = await importLedger(ctx.db, agencyId, new TextEncoder().encode(csv), 'ledger.csv', who);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.imported).toBe(4);
    const rows = await ctx.db.selectFrom('applications').select(['number', 'state', 'outcomeRow', 'closedOn']).where('number', 'like', 'L-%').orderBy('number').execute();
    expect(rows).toEqual([
      { number: 'L-1', state: 'replied', outcomeRow: 'threeSecurityOneStability', closedOn: '2024-04-01' },
      { number: 'L-2', state: 'replied', outcomeRow: 'partlyGranted', closedOn: '2024-04-20' },
      { number: 'L-3', state: 'concluded', outcomeRow: 'noCorrection', closedOn: '2024-04-10' },
      { number: 'L-4', state: 'registered', outcomeRow: null, closedOn: null },
    ]);
  });
});

describe.each(engines())('numbering on %s', (engine) => {
  it('50 concurrent registrations get 50 distinct consecutive numbers, none lost', async () => {
    const database = await withDatabase(engine);
    try {
      const a = await createAgency(database.db, { code: 'busy', name: '某市政务服务中心', level: 'department' }, who.now);
      if (!a.ok) throw new Error(a.error.message);
      const results = await Promise.all(Array.from({ length: 50 }, () => registerApplication(database.db, a.value.id, base, who)));
      const numbers = results.map((r) => (r.ok ? r.value.number : `error: ${r.error.message}`)).sort();
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `2024-${String(i + 1).padStart(5, '0')}`));
      const count = await database.db.selectFrom('applications').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      expect(count.n).toBe(50);
    } finally {
      await database.close();
    }
  }, 120_000);
});
