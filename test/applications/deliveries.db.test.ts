// The delivery (送达) of notices (services/deliveries.ts) and the applicant's remedy deadlines that run from
// the reply's delivery — every date counted by hand in the comments on the loaded calendars: a 60-day
// 复议 period ending on a weekend, one ending inside 国庆, 6-month 诉讼 periods from 8月31日; the refused
// steps leave the database unchanged; a corrected reply's delivery; the dashboard's 已答复未登记送达; the
// applicant's own status page.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { agencyDashboard } from '../../src/services/agency-dashboard.ts';
import { viewApplication } from '../../src/services/application-view.ts';
import { registerApplication } from '../../src/services/applications.ts';
import type { Outcome } from '../../src/domain/applications/types.ts';
import { recordDelivery } from '../../src/services/deliveries.ts';
import type { DeliveryInput } from '../../src/services/deliveries.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { publicStatusOf } from '../../src/services/public-status.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const TODAY = '2026-03-02';
const who = { actor: 'tester', now: `${TODAY}T02:00:00.000Z`, today: TODAY, calendar };
const REPLY_VALUES = { reason: '经审查', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '示范市人民政府' };

describe.each(engines())('delivery of notices and remedy deadlines on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  const agency = { id: 0, code: 'deliver', name: '示范市某局' };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: agency.code, name: agency.name, level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    agency.id = agencyId;
  });

  /** an application registered on `receivedOn` and answered on `repliedOn` with its reply notice */
  const replied = async (number: string, receivedOn: string, repliedOn: string, outcome: Outcome = 'OPEN_PROVIDE') => {
    const r = await registerApplication(t.db, agencyId, { number, applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: receivedOn, request: '某项目的批复文件' }, who);
    if (!r.ok) throw new Error(r.error.message);
    const doc = await issueDocument(t.db, agencyId, r.value.id, { kind: 'reply', issuedOn: repliedOn, values: REPLY_VALUES, step: { type: 'reply', occurredOn: repliedOn, outcome } }, who);
    if (!doc.ok) throw new Error(doc.error.message);
    return { id: r.value.id, documentId: doc.value.id };
  };
  const deliver = (id: number, input: DeliveryInput) => recordDelivery(t.db, agencyId, id, input, who);
  const view = async (id: number, today = TODAY) => {
    const v = await viewApplication(t.db, agencyId, { id }, { calendar, today });
    if (!v.ok) throw new Error(v.error.message);
    return v.value;
  };
  const dues = async (id: number) => (await view(id)).remedies?.windows.map((w) => [w.kind, w.from, w.clock.due]);

  it('a 60-day 复议 period ending on a Sunday ends on the Monday; the reply moves to 已送达 with its step', async () => {
    const a = await replied('D-1', '2024-06-24', '2024-07-01');
    const r = await deliver(a.id, { method: 'post', trackingNumber: 'XA123456789CN', deliveredOn: '2024-07-03', evidence: '邮政签收记录' });
    expect(r.ok && [r.value.documentId, r.value.method, r.value.trackingNumber, r.value.deliveredOn]).toEqual([a.documentId, 'post', 'XA123456789CN', '2024-07-03']);
    const v = await view(a.id);
    expect(v.application.state).toBe('delivered');
    const step = v.events.at(-1);
    expect([step?.type, step?.occurredOn, step?.seq]).toEqual(['deliver', '2024-07-03', r.ok ? r.value.eventSeq : -1]);
    expect(v.documents[0]?.delivery?.evidence).toBe('邮政签收记录');
    // 复议: delivered Wednesday 2024-07-03, counted from 07-04: July has 28 more days (to 07-31), August 31
    // (to 08-31), one more → Sunday 2024-09-01, a rest day → Monday 2024-09-02.
    // 诉讼: 6 months from 2024-07-03 → the corresponding day 2025-01-03, a Friday (a working day).
    expect(v.remedies?.delivered).toBe(true);
    expect(await dues(a.id)).toEqual([
      ['reconsideration', '2024-07-03', '2024-09-02'],
      ['litigation_direct', '2024-07-03', '2025-01-03'],
    ]);
  });

  it('a 60-day period ending inside 国庆 ends on the first working day after it; 复议前置 gives no direct-suit date', async () => {
    const b = await replied('D-2', '2024-07-25', '2024-08-05', 'DENY_STATE_SECRET');
    expect((await deliver(b.id, { method: 'in_person', deliveredOn: '2024-08-06', evidence: '申请人签收' })).ok).toBe(true);
    // delivered Tuesday 2024-08-06: August 25 more days (to 08-31), September 30 (to 09-30), five more →
    // Saturday 2024-10-05, inside 国庆 (2024-10-01 to 10-07, 国办发明电〔2023〕7号) → Tuesday 2024-10-08.
    expect(await dues(b.id)).toEqual([['reconsideration', '2024-08-06', '2024-10-08']]);
    const v = await view(b.id);
    expect(v.remedies?.note).toContain('行政复议法第二十三条');
  });

  it('6 months from 8月31日 end on the last day of February, moved past a rest day but not past a 调休 working Saturday', async () => {
    const c = await replied('D-3', '2020-08-20', '2020-08-28');
    expect((await deliver(c.id, { method: 'email', deliveredOn: '2020-08-31', evidence: '已读回执' })).ok).toBe(true);
    // 诉讼: 2020-08-31 + 6 months → February 2021 has no 31st: its last day, Sunday 2021-02-28, a rest day →
    // Monday 2021-03-01. 复议: September 30 days (to 09-30), October 30 more → Friday 2020-10-30.
    expect(await dues(c.id)).toEqual([
      ['reconsideration', '2020-08-31', '2020-10-30'],
      ['litigation_direct', '2020-08-31', '2021-03-01'],
    ]);
    const d = await replied('D-4', '2025-08-20', '2025-08-29');
    expect((await deliver(d.id, { method: 'online', deliveredOn: '2025-08-31' })).ok).toBe(true);
    // 诉讼: 2025-08-31 + 6 months → Saturday 2026-02-28, the last day of February; a working day in 2026
    // (调休: 春节 2026-02-15 to 02-23, 02-28 上班, 国办发明电〔2025〕7号) → it stays 2026-02-28.
    // 复议: September 30 (to 09-30), October 30 → Thursday 2025-10-30.
    expect(await dues(d.id)).toEqual([
      ['reconsideration', '2025-08-31', '2025-10-30'],
      ['litigation_direct', '2025-08-31', '2026-02-28'],
    ]);
  });

  it('refuses, writing nothing: before the issue date, post without a tracking number, a second delivery, an unknown or another application’s document, a future date', async () => {
    const e = await replied('D-5', '2024-09-02', '2024-09-10');
    const other = await replied('D-6', '2024-09-02', '2024-09-10');
    expect((await deliver(other.id, { method: 'in_person', deliveredOn: '2024-09-11' })).ok).toBe(true);
    const before = await snapshot(t.db);
    const refusals: [DeliveryInput & { on?: number }, string, string][] = [
      [{ method: 'in_person', deliveredOn: '2024-09-09' }, 'DELIVERED_BEFORE_ISSUE', '早于'],
      [{ method: 'post', deliveredOn: '2024-09-12' }, 'TRACKING_REQUIRED', '邮件号码'],
      [{ method: 'post', trackingNumber: '  ', deliveredOn: '2024-09-12' }, 'TRACKING_REQUIRED', '邮件号码'],
      [{ documentId: other.documentId, method: 'in_person', deliveredOn: '2024-09-12' }, 'DOCUMENT_NOT_FOUND', '没有找到该文书'],
      [{ documentId: 999_999, method: 'in_person', deliveredOn: '2024-09-12' }, 'DOCUMENT_NOT_FOUND', '没有找到该文书'],
      [{ documentKind: 'fee_notice', method: 'in_person', deliveredOn: '2024-09-12' }, 'DOCUMENT_NOT_FOUND', '尚未出具收费通知书'],
      [{ method: 'in_person', deliveredOn: '2026-03-03' }, 'DATE_IN_FUTURE', '晚于今天'],
      [{ method: 'fax' as never, deliveredOn: '2024-09-12' }, 'INVALID_INPUT', '送达方式'],
      [{ method: 'in_person', deliveredOn: '2024-02-30' }, 'INVALID_INPUT', '不是有效日期'],
    ];
    for (const [input, code, words] of refusals) {
      const r = await deliver(e.id, input);
      expect(r.ok ? 'written' : [r.error.code, /[\u4e00-\u9fff]/.test(r.error.message) && r.error.message.includes(words)], code).toEqual([code, true]);
    }
    const second = await deliver(other.id, { method: 'email', deliveredOn: '2024-09-12' });
    expect(second.ok ? 'written' : [second.error.code, second.error.message]).toEqual(['ALREADY_DELIVERED', expect.stringContaining('已于2024-09-11登记送达（当面），每份文书只登记一次送达')]);
    // another agency's application is not found
    const elsewhere = await recordDelivery(t.db, agencyId + 999, e.id, { method: 'in_person', deliveredOn: '2024-09-12' }, who);
    expect(elsewhere.ok ? 'written' : elsewhere.error.code).toBe('APPLICATION_NOT_FOUND');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('a corrected reply: its delivery, recorded alone (the handling is already 已送达), is where the deadlines run from', async () => {
    const f = await replied('D-7', '2024-03-01', '2024-03-11');
    expect((await deliver(f.id, { method: 'in_person', deliveredOn: '2024-03-12' })).ok).toBe(true);
    const corrected = await issueDocument(
      t.db,
      agencyId,
      f.id,
      { kind: 'reply', issuedOn: '2024-03-20', values: REPLY_VALUES, step: { type: 'correct_reply', occurredOn: '2024-03-20', outcome: 'NOT_HELD', note: '原答复结果有误' } },
      who,
    );
    if (!corrected.ok) throw new Error(corrected.error.message);
    // until the corrected reply is delivered: presumed from its date
    expect((await view(f.id)).remedies?.delivered).toBe(false);
    expect((await dues(f.id))?.[0]).toEqual(['reconsideration', '2024-03-20', '2024-05-20']);
    const r = await deliver(f.id, { method: 'email', deliveredOn: '2024-03-22' });
    expect(r.ok && [r.value.documentId, r.value.eventSeq]).toEqual([corrected.value.id, null]);
    // 2024-03-22 + 60 days: March 9 more (to 03-31), April 30, May 21 → Tuesday 2024-05-21; 6 months → Sunday
    // 2024-09-22 → Monday 2024-09-23
    expect(await dues(f.id)).toEqual([
      ['reconsideration', '2024-03-22', '2024-05-21'],
      ['litigation_direct', '2024-03-22', '2024-09-23'],
    ]);
  });

  it('the dashboard counts the replies not recorded as delivered and lists them oldest first', async () => {
    const u = (await agencyDashboard(t.db, agencyId, { calendar, today: TODAY })).undelivered;
    // D-5 (refused above) is the one reply left undelivered
    expect([u?.count, u?.items.map((i) => [i.number, i.repliedOn])]).toEqual([1, [['D-5', '2024-09-10']]]);
    const e = await t.db.selectFrom('applications').select('id').where('number', '=', 'D-5').executeTakeFirstOrThrow();
    expect((await deliver(e.id, { method: 'in_person', deliveredOn: '2024-09-12' })).ok).toBe(true);
    expect((await agencyDashboard(t.db, agencyId, { calendar, today: TODAY })).undelivered?.count).toBe(0);
  });

  it('the applicant’s status page gives the deadlines once the reply is delivered, with the 复议前置 note instead of a suit date', async () => {
    const g = await replied('D-8', '2024-08-01', '2024-08-05', 'DENY_STATE_SECRET');
    const status = async () => {
      const s = await publicStatusOf(t.db, { agency, applicationId: g.id }, TODAY, calendar);
      if (!s.ok) throw new Error(s.error.message);
      return s.value;
    };
    expect((await status()).remedies).toBeNull(); // not yet delivered: no deadline is promised
    expect((await deliver(g.id, { method: 'in_person', deliveredOn: '2024-08-06' })).ok).toBe(true);
    const s = await status();
    expect(s.remedies?.deliveredOn).toBe('2024-08-06');
    expect(s.remedies?.deadlines.map((d) => [d.kind, d.due])).toEqual([['reconsideration', '2024-10-08']]);
    expect(s.remedies?.note).toContain('不能直接提起行政诉讼');
  });
});
