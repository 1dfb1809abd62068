// 更正 requests (条例第四十一条), the pure parts: the due date counted by the working calendar across 国庆
// (hand-counted), the clock's states, the rules between a decision's fields, the notice's text and the
// report's sentence.

import { describe, expect, it } from 'vitest';
import { amendmentClock, amendmentDue } from '../../src/domain/amendments/clock.ts';
import { checkDecision, decisionInput } from '../../src/domain/amendments/inputs.ts';
import { amendmentNotice } from '../../src/domain/amendments/notice.ts';
import { amendmentSentence } from '../../src/domain/amendments/summary.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { renderPrepared } from '../../src/domain/documents/render.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

describe('the due date', () => {
  it('counts 20 working days from the day after receipt across 国庆 2025 (hand-counted: 9月28日 and 10月11日 worked, 10月1–8日 not)', () => {
    // 9/28 (1) 9/29 (2) 9/30 (3) | 10/9 (4) 10/10 (5) 10/11 (6) 10/13–17 (7–11) 10/20–24 (12–16) 10/27–30 (17–20)
    expect(amendmentDue(calendar, '2025-09-26', 20)).toEqual({ ok: true, value: '2025-10-30' });
  });

  it('follows the agency’s period (15 working days from a Monday: three weeks later, a Monday)', () => {
    expect(amendmentDue(calendar, '2025-03-03', 15)).toEqual({ ok: true, value: '2025-03-24' });
  });

  it('refuses a year the calendar does not hold, without a date', () => {
    expect(amendmentDue(calendar, '2090-03-03', 20).ok).toBe(false);
  });
});

describe('the clock', () => {
  const options = { calendar, workingDays: 20 };
  it('runs, is due soon, is overdue', () => {
    const open = { receivedOn: '2025-09-26', decidedOn: null };
    expect(amendmentClock(open, { ...options, today: '2025-10-09' })).toMatchObject({ ok: true, value: { id: 'amendment', due: '2025-10-30', state: 'running', workingDaysLeft: 16 } });
    expect(amendmentClock(open, { ...options, today: '2025-10-28' })).toMatchObject({ ok: true, value: { state: 'due_soon', workingDaysLeft: 2 } });
    expect(amendmentClock(open, { ...options, today: '2025-10-31' })).toMatchObject({ ok: true, value: { state: 'overdue', workingDaysLeft: -1 } });
  });

  it('stops when decided, saying whether in time; its explanation names the holiday and the reading', () => {
    const late = amendmentClock({ receivedOn: '2025-09-26', decidedOn: '2025-10-31' }, { ...options, today: '2025-11-05' });
    expect(late).toMatchObject({ ok: true, value: { state: 'stopped', met: false } });
    const inTime = amendmentClock({ receivedOn: '2025-09-26', decidedOn: '2025-10-30' }, { ...options, today: '2025-11-05' });
    expect(inTime).toMatchObject({ ok: true, value: { state: 'stopped', met: true } });
    if (!inTime.ok) return;
    const text = inTime.value.explain.join('\n');
    expect(text).toContain('国庆');
    expect(text).toContain('条例第四十一条未规定更正的办理期限');
  });
});

describe('a decision', () => {
  const request = { receivedOn: '2025-09-26' };
  const parse = (v: Record<string, unknown>) => {
    const p = decisionInput.safeParse(v);
    if (!p.success) throw new Error(p.error.message);
    return p.data;
  };
  it('is dated on or after the receipt and not after today', () => {
    expect(checkDecision(parse({ decision: 'amended', decidedOn: '2025-09-25' }), request, '2025-10-10')).toMatchObject({ ok: false, error: { code: 'DATE_BEFORE_RECEIPT', field: 'decidedOn' } });
    expect(checkDecision(parse({ decision: 'amended', decidedOn: '2025-10-11' }), request, '2025-10-10')).toMatchObject({ ok: false, error: { code: 'DATE_IN_FUTURE' } });
    expect(checkDecision(parse({ decision: 'amended', decidedOn: '2025-09-26' }), request, '2025-10-10')).toMatchObject({ ok: true, value: { authority: null } });
  });

  it('names the competent agency when transferred or redirected, and states its reasons when not corrected', () => {
    for (const decision of ['transferred', 'redirected']) {
      const r = checkDecision(parse({ decision, decidedOn: '2025-10-09', authority: ' ' }), request, '2025-10-10');
      expect(r).toMatchObject({ ok: false, error: { code: 'AUTHORITY_REQUIRED', field: 'authority' } });
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(checkDecision(parse({ decision: 'transferred', decidedOn: '2025-10-09', authority: '示范市不动产登记中心' }), request, '2025-10-10')).toMatchObject({ ok: true, value: { authority: '示范市不动产登记中心' } });
    expect(checkDecision(parse({ decision: 'rejected', decidedOn: '2025-10-09' }), request, '2025-10-10')).toMatchObject({ ok: false, error: { code: 'REASONS_REQUIRED' } });
  });
});

describe('the notice', () => {
  const base = {
    number: '更正2025-0003',
    requesterName: '王建国',
    record: '征收公告附表',
    inaccuracy: '姓名写作“王建囯”',
    requested: '“王建国”',
    receivedOn: '2025-09-26',
    decidedOn: '2025-10-20',
    note: '',
    noticeNumber: '示范自然资规公开〔2025〕7号',
    agencyName: '示范市自然资源和规划局',
    reconsiderationBody: '示范市人民政府',
    court: null,
  };
  it('states the dates, the decision, the competent agency and 第四十一条, escaped', () => {
    const transferred = renderPrepared(amendmentNotice({ ...base, decision: 'transferred', authority: '示范市<不动产>登记中心' }));
    expect(transferred.title).toBe('政府信息更正申请转送告知书');
    expect(transferred.text).toContain('本机关于2025年9月26日收到您提出的政府信息更正申请（编号：更正2025-0003）');
    expect(transferred.text).toContain('本机关已于2025年10月20日将您的更正申请转送有权更正的示范市<不动产>登记中心处理');
    expect(transferred.text).toContain('《中华人民共和国政府信息公开条例》第四十一条');
    expect(transferred.text).toContain('示范自然资规公开〔2025〕7号');
    expect(transferred.html).toContain('示范市&lt;不动产&gt;登记中心');
    expect(transferred.html).not.toContain('<不动产>');
  });

  it('tells the remedy only when not corrected', () => {
    const rejected = renderPrepared(amendmentNotice({ ...base, decision: 'rejected', authority: null, note: '经核对原始档案，记录与档案一致' })).text;
    expect(rejected).toContain('本机关不予更正');
    expect(rejected).toContain('审核情况和理由：经核对原始档案，记录与档案一致。');
    expect(rejected).toContain('六十日内向示范市人民政府申请行政复议');
    const amended = renderPrepared(amendmentNotice({ ...base, decision: 'amended', authority: null })).text;
    expect(amended).toContain('本机关已于2025年10月20日对该政府信息记录予以更正');
    expect(amended).not.toContain('行政复议');
  });
});

describe('the report’s sentence (section 六)', () => {
  it('states the year’s requests and outcomes, and says they are not in table 三', () => {
    const s = amendmentSentence({ year: 2025, received: 3, decided: { amended: 1, transferred: 1, redirected: 0, rejected: 0 }, open: 1, ids: [1, 2, 3] }, '本机关');
    expect(s).toBe(
      '2025年，本机关收到公民、法人或者其他组织依据《中华人民共和国政府信息公开条例》第四十一条提出的政府信息更正申请3件（不属于政府信息公开申请，未计入本报告第三部分），其中予以更正1件、转送有权机关1件，截至年底尚在办理1件',
    );
  });
  it('says nothing in a year without any', () => {
    expect(amendmentSentence({ year: 2025, received: 0, decided: { amended: 0, transferred: 0, redirected: 0, rejected: 0 }, open: 0, ids: [] }, '本机关')).toBeNull();
  });
});
