// 信息处理费 of a year from the records (services/report-fees.ts) on each engine: the 发出收费通知 steps of
// the year with the amounts of their 收费通知书; the 登记缴费 steps of the year paying the amount of the
// notice before them (even one of last year); a notice recorded without a 收费通知书 counted with its
// amount unknown; another agency's fees not counted.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { quote } from '../../src/domain/fees/fees.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { feeFacts } from '../../src/services/report-fees.ts';
import { engines, useDatabase } from '../support/db.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: '2025-01-10T09:00:00.000Z', today: '2025-01-10', calendar };

describe.each(engines())('fees of a year on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let otherId = 0;
  const apps: Record<string, number> = {};
  const pages = (n: number) => {
    const q = quote('page', n);
    if (!q.ok) throw new Error(q.error.message);
    return q.value;
  };

  async function application(agency: number, key: string, submittedOn: string): Promise<number> {
    const r = await registerApplication(t.db, agency, { applicantType: 'natural_person', applicantName: `申请人${key}`, channel: 'in_person', submittedOn, request: '某批复及附件' }, who);
    if (!r.ok) throw new Error(r.error.message);
    apps[key] = r.value.id;
    return r.value.id;
  }

  async function feeNotice(agency: number, id: number, on: string, n: number): Promise<void> {
    const r = await issueDocument(t.db, agency, id, { kind: 'fee_notice', issuedOn: on, values: { paymentMethod: '银行转账' }, fee: pages(n), step: { type: 'send_fee_notice', occurredOn: on, delivery: 'in_person' } }, who);
    if (!r.ok) throw new Error(r.error.message);
  }

  async function step(agency: number, id: number, type: 'record_payment' | 'send_fee_notice', on: string): Promise<void> {
    const r = await recordEvent(t.db, agency, id, { type, occurredOn: on, ...(type === 'send_fee_notice' ? { delivery: 'in_person' as const } : {}) }, who);
    if (!r.ok) throw new Error(r.error.message);
  }

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'fees', name: '某市自然资源局', level: 'department' }, who.now);
    const b = await createAgency(t.db, { code: 'other', name: '某市财政局', level: 'department' }, who.now);
    if (!a.ok || !b.ok) throw new Error('agency');
    agencyId = a.value.id;
    otherId = b.value.id;
    // last year's notice (1,100 元: 60 pages), paid this year
    await feeNotice(agencyId, await application(agencyId, 'C', '2023-12-11'), '2023-12-18', 60);
    await step(agencyId, apps['C'] as number, 'record_payment', '2024-01-08');
    // this year's notice (310 元: 31+ pages … 40 pages), paid
    await feeNotice(agencyId, await application(agencyId, 'A', '2024-03-01'), '2024-03-05', 40);
    await step(agencyId, apps['A'] as number, 'record_payment', '2024-03-12');
    // a notice recorded without its 收费通知书 (a ledger, a notice made elsewhere): amount unknown, never paid
    await step(agencyId, await application(agencyId, 'B', '2024-11-18'), 'send_fee_notice', '2024-11-20');
    // another agency's notice in the year
    await feeNotice(otherId, await application(otherId, 'X', '2024-05-06'), '2024-05-08', 35);
  }, 120_000);

  it('counts the notices of the year with their amounts, and what was paid in it', async () => {
    expect(pages(40).yuan).toBe(100);
    expect(pages(60).yuan).toBe(300);
    const f = await feeFacts(t.db, agencyId, 2024);
    expect({ ...f, applicationIds: [...f.applicationIds].sort((x, y) => x - y) }).toEqual({
      notices: 2,
      noticedYuan: 100,
      noticesWithoutAmount: 1,
      payments: 2,
      collectedYuan: 100 + 300,
      paymentsWithoutAmount: 0,
      applicationIds: [apps['C'], apps['A'], apps['B']].sort((x, y) => (x as number) - (y as number)),
    });
  });

  it('counts last year’s notice in last year; nothing for a year without fees', async () => {
    expect(await feeFacts(t.db, agencyId, 2023)).toMatchObject({ notices: 1, noticedYuan: 300, payments: 0, collectedYuan: 0 });
    expect(await feeFacts(t.db, agencyId, 2022)).toEqual({ notices: 0, noticedYuan: 0, noticesWithoutAmount: 0, payments: 0, collectedYuan: 0, paymentsWithoutAmount: 0, applicationIds: [] });
    expect(await feeFacts(t.db, otherId, 2024)).toMatchObject({ notices: 1, noticedYuan: pages(35).yuan });
  });
});
