// Issue #14, pure parts of the citizen's journey: the progress view's steps and deadline
// (domain/applications/progress.ts), the 补正 window (correction-window.ts), and the receipt's printable page
// (domain/documents/receipt.ts), which has no place for the query password.

import { describe, expect, it } from 'vitest';
import { correctionWindow } from '../../src/domain/applications/correction-window.ts';
import { progressOf } from '../../src/domain/applications/progress.ts';
import type { HandlingState } from '../../src/domain/applications/types.ts';
import { applicationClocks } from '../../src/domain/calendar/clocks.ts';
import type { ApplicationEvent, Clock } from '../../src/domain/calendar/clocks.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { RECEIPT_REQUEST_CHARS, renderReceiptHtml, requestSummary } from '../../src/domain/documents/receipt.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

function clocksOf(events: ApplicationEvent[], today: string): Clock[] {
  const r = applicationClocks([{ type: 'submitted', date: '2024-11-20', channel: 'online' }, { type: 'receipt_confirmed', date: '2024-11-20' }, ...events], { calendar, today });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const register = { type: 'register', occurredOn: '2024-11-20' };
const summary = (p: ReturnType<typeof progressOf>) => p.steps.map((s) => `${s.label}:${s.status}`).join(' → ');

describe('the progress view', () => {
  it('is 收到 → 办理 → 答复 without a 补正, 办理 current, the reply due as its deadline', () => {
    const p = progressOf({ state: 'registered', receivedOn: '2024-11-20', events: [register], clocks: clocksOf([], '2024-11-22') });
    expect(summary(p)).toBe('收到申请:done → 办理:current → 答复:upcoming');
    expect(p.deadline).toMatchObject({ kind: 'reply', title: '答复期限', due: '2024-12-18', provisional: false, paused: false, overdue: false });
    expect(p.steps[1]?.dates).toEqual([{ label: '答复期限起算', date: '2024-11-20' }]);
  });

  it('shows 补正 only when asked; while awaited it is current and the 补正期限 is the deadline, not the reply', () => {
    const events = [register, { type: 'request_correction', occurredOn: '2024-11-21' }];
    const p = progressOf({ state: 'awaiting_correction', receivedOn: '2024-11-20', events, clocks: clocksOf([{ type: 'correction_requested', date: '2024-11-21', workingDays: 15 }], '2024-11-25') });
    expect(summary(p)).toBe('收到申请:done → 补正:current → 办理:upcoming → 答复:upcoming');
    expect(p.deadline?.kind).toBe('correction');
    expect(p.deadline?.due).toBe('2024-12-12');
    expect(p.deadline?.text).toContain('补正期间不计算答复期限');
    expect(p.steps.filter((s) => s.status === 'current')).toHaveLength(1);
  });

  it('after the 补正 the reply period runs from the day it arrived', () => {
    const events = [register, { type: 'request_correction', occurredOn: '2024-11-21' }, { type: 'receive_correction', occurredOn: '2024-11-27' }];
    const clocks = clocksOf([{ type: 'correction_requested', date: '2024-11-21' }, { type: 'correction_received', date: '2024-11-27' }], '2024-11-28');
    const p = progressOf({ state: 'in_progress', receivedOn: '2024-11-20', events, clocks });
    expect(summary(p)).toBe('收到申请:done → 补正:done → 办理:current → 答复:upcoming');
    expect(p.steps[1]?.dates.at(-1)).toEqual({ label: '收到补正后的申请', date: '2024-11-27' });
    expect(p.steps[2]?.dates[0]).toEqual({ label: '答复期限自收到补正之日起重新计算', date: '2024-11-27' });
    expect(p.deadline?.due).toBe('2024-12-25');
  });

  it('ends with 答复 (and its delivery), or 办结 when withdrawn or lapsed; 办理 skipped when never reached', () => {
    const replied = progressOf({
      state: 'delivered',
      receivedOn: '2024-11-20',
      events: [register, { type: 'reply', occurredOn: '2024-12-02' }, { type: 'deliver', occurredOn: '2024-12-04' }],
      clocks: null,
    });
    expect(summary(replied)).toBe('收到申请:done → 办理:done → 答复:current');
    expect(replied.closed).toBe(true);
    expect(replied.deadline).toBeNull();
    expect(replied.steps[2]?.dates).toEqual([
      { label: '作出答复', date: '2024-12-02' },
      { label: '答复送达', date: '2024-12-04' },
    ]);
    const lapsed = progressOf({
      state: 'concluded',
      receivedOn: '2024-11-20',
      events: [register, { type: 'request_correction', occurredOn: '2024-11-21' }, { type: 'lapse_correction', occurredOn: '2024-12-13' }],
      clocks: null,
    });
    expect(summary(lapsed)).toBe('收到申请:done → 补正:done → 办理:skipped → 办结:current');
    expect(lapsed.steps[3]?.note).toContain('视为放弃申请');
    const withdrawn = progressOf({ state: 'concluded', receivedOn: '2024-11-20', events: [register, { type: 'withdraw', occurredOn: '2024-11-22' }], clocks: null });
    expect(summary(withdrawn)).toBe('收到申请:done → 办理:done → 办结:current');
    expect(withdrawn.steps[2]?.dates).toEqual([{ label: '撤回申请', date: '2024-11-22' }]);
  });

  it('marks a consultation as a pause of the reply period', () => {
    const events = [register, { type: 'start_consultation', occurredOn: '2024-11-22' }];
    const clocks = clocksOf([{ type: 'consultation_started', date: '2024-11-22', party: 'third_party' }], '2024-11-26');
    const p = progressOf({ state: 'consulting', receivedOn: '2024-11-20', events, clocks });
    expect(p.deadline).toMatchObject({ kind: 'reply', paused: true });
    expect(p.steps[1]?.dates).toContainEqual({ label: '征求意见', date: '2024-11-22' });
  });
});

describe('the 补正 window', () => {
  const clocks = clocksOf([{ type: 'correction_requested', date: '2024-11-21', workingDays: 15 }], '2024-11-25');
  it('is open through the last day of the period, closed the day after, and only while a 补正 is awaited', () => {
    expect(correctionWindow('awaiting_correction', clocks, '2024-12-12')).toMatchObject({ open: true, due: '2024-12-12' });
    expect(correctionWindow('awaiting_correction', clocks, '2024-12-13')).toMatchObject({ open: false, reason: 'ended', due: '2024-12-12' });
    for (const state of ['registered', 'in_progress', 'concluded'] as HandlingState[]) expect(correctionWindow(state, clocks, '2024-11-25')).toMatchObject({ open: false, reason: 'not_awaiting' });
  });
  it('stays open when the period cannot be computed (the office cannot record the lapse either)', () => {
    expect(correctionWindow('awaiting_correction', null, '2030-01-01')).toMatchObject({ open: true, due: null });
  });
});

describe('the receipt page printed to PDF', () => {
  const receipt = {
    agencyName: '某市<自然资源局>',
    number: '2024-00001',
    receiptCode: 'ABCD-EFGH-JKMN',
    applicantName: '张三',
    submittedOn: '2024-11-20',
    receivedOn: '2024-11-20',
    deliveryForm: '纸质文本，邮寄',
    request: '某地块征收补偿方案',
    replyDue: '2024-12-18',
    replyDueProvisional: false,
  };

  it('carries the code, agency, dates and request, escaped, and says the password is not on it', () => {
    const html = renderReceiptHtml(receipt);
    expect(html).toContain('ABCD-EFGH-JKMN');
    expect(html).toContain('某市&lt;自然资源局&gt;');
    expect(html).toContain('2024年12月18日前');
    expect(html).toContain('本回执不含查询密码');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|src=/i);
    // no place for a password: a field of that name given anyway is not printed
    expect(renderReceiptHtml({ ...receipt, password: 'SECRET1234' } as typeof receipt)).not.toContain('SECRET1234');
  });

  it('marks a 暂定 due date and cuts a long request', () => {
    expect(renderReceiptHtml({ ...receipt, replyDue: '2027-01-20', replyDueProvisional: true })).toContain('2027年1月20日前（暂定）');
    const long = '甲'.repeat(RECEIPT_REQUEST_CHARS + 5);
    expect(requestSummary(long)).toBe(`${'甲'.repeat(RECEIPT_REQUEST_CHARS)}……（共${RECEIPT_REQUEST_CHARS + 5}字，全文以申请记录为准）`);
    expect(requestSummary('一\n\n二  三')).toBe('一 二 三');
  });
});
