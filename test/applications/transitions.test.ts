// The transition table: every (state, step) pair in it is accepted, every pair not in it is refused;
// and applyEvent's checks of dates, outcomes and what each step needs.

import { describe, expect, it } from 'vitest';
import {
  EVENT_LABELS,
  EVENT_TYPES,
  TRANSITIONS,
  allowedEvents,
  applyEvent,
  isOpen,
  nextState,
  type ApplicationSnapshot,
  type EventInput,
} from '../../src/domain/applications/transitions.ts';
import { OPEN_STATES, OUTCOMES, STATE_LABELS, type EventType, type HandlingState, type Outcome } from '../../src/domain/applications/types.ts';

const STATES: (HandlingState | null)[] = [null, ...(Object.keys(STATE_LABELS) as HandlingState[])];
const OPEN = ['registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment'] as const;

/** The table as the brief states it, written out independently: [from states, to ('same' = unchanged)]. */
const EXPECTED: Record<EventType, [readonly (HandlingState | null)[], HandlingState | 'same']> = {
  register: [[null], 'registered'],
  assign: [OPEN, 'same'],
  request_correction: [['registered'], 'awaiting_correction'],
  receive_correction: [['awaiting_correction'], 'in_progress'],
  lapse_correction: [['awaiting_correction'], 'concluded'],
  start_consultation: [['registered', 'in_progress'], 'consulting'],
  end_consultation: [['consulting'], 'in_progress'],
  approve_extension: [['registered', 'in_progress', 'consulting', 'awaiting_payment'], 'same'],
  send_fee_notice: [['registered', 'in_progress'], 'awaiting_payment'],
  receive_fee_notice: [['awaiting_payment'], 'same'],
  record_payment: [['awaiting_payment'], 'in_progress'],
  lapse_fee: [['awaiting_payment'], 'concluded'],
  reply: [['registered', 'in_progress'], 'replied'],
  correct_reply: [['replied', 'delivered'], 'same'],
  withdraw: [OPEN, 'concluded'],
  deliver: [['replied'], 'delivered'],
  archive: [['replied', 'delivered', 'concluded'], 'archived'],
  suggest_proactive: [[...OPEN, 'replied', 'delivered', 'concluded'], 'same'],
};

const TODAY = '2024-04-30';
const snapshot: ApplicationSnapshot = { state: 'in_progress', receivedOn: '2024-03-05', submittedOn: '2024-03-04', extended: false, lastEventOn: '2024-03-06' };

const allPairs = STATES.flatMap((state) => EVENT_TYPES.map((event) => [state, event] as const));
const inTable = allPairs.filter(([s, e]) => EXPECTED[e][0].includes(s));
const notInTable = allPairs.filter(([s, e]) => !EXPECTED[e][0].includes(s));

describe('the transition table', () => {
  it('is the table of the brief, covering every step', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const e of EVENT_TYPES) {
      expect([...TRANSITIONS[e].from].sort()).toEqual([...EXPECTED[e][0]].sort());
      expect(TRANSITIONS[e].to).toBe(EXPECTED[e][1] === 'same' ? 'unchanged' : EXPECTED[e][1]);
      expect(EVENT_LABELS[e]).toMatch(/^[\u4e00-\u9fff]+$/u);
    }
    expect(inTable.length + notInTable.length).toBe(10 * 18);
    expect(OPEN_STATES).toEqual(OPEN);
  });

  it.each(inTable)('accepts %s → %s', (state, event) => {
    const [, to] = EXPECTED[event];
    expect(nextState(state, event)).toEqual({ ok: true, value: to === 'same' ? state : to });
    expect(allowedEvents(state)).toContain(event);
  });

  it.each(notInTable)('refuses %s → %s with ILLEGAL_TRANSITION', (state, event) => {
    const r = nextState(state, event);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ILLEGAL_TRANSITION');
    expect(r.error.message).toContain(`不能“${EVENT_LABELS[event]}”`);
    if (state !== null) expect(r.error.message).toContain(`“${STATE_LABELS[state]}”`);
    expect(allowedEvents(state)).not.toContain(event);
    // applyEvent refuses it the same way, whatever else is right or wrong
    const a = applyEvent({ ...snapshot, state }, { type: event, occurredOn: '2024-03-10', outcome: 'OPEN_PROVIDE', handler: '张三', party: 'third_party' }, { today: TODAY });
    expect(a).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
  });

  it('names state and step in Chinese', () => {
    expect(nextState('replied', 'request_correction')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('申请处于“已答复”状态，不能“发出补正告知”') },
    });
    expect(nextState(null, 'reply')).toMatchObject({ ok: false, error: { message: expect.stringContaining('申请尚未登记，不能“作出答复”') } });
    expect(nextState('archived', 'assign')).toMatchObject({ ok: false, error: { message: expect.stringContaining('申请处于“已归档”状态，不能“分配承办人”；此时不能再进行任何办理步骤') } });
  });

  it('isOpen', () => {
    for (const s of STATES) expect(isOpen(s)).toBe(s !== null && (OPEN as readonly string[]).includes(s));
  });
});

// ---------------------------------------------------------------------------------------------

const apply = (event: Partial<EventInput> & { type: EventType }, app: Partial<ApplicationSnapshot> = {}) =>
  applyEvent({ ...snapshot, ...app }, { occurredOn: '2024-03-10', ...event }, { today: TODAY });
const errorCode = (r: ReturnType<typeof apply>) => (r.ok ? null : r.error.code);

describe('applyEvent: dates', () => {
  it.each(['2024-02-30', '2024/03/10', '', '10 March'])('refuses the malformed date %j', (occurredOn) => {
    expect(apply({ type: 'assign', handler: '张三', occurredOn })).toMatchObject({ ok: false, error: { code: 'INVALID_DATE', field: 'occurredOn' } });
  });

  it('refuses a step before the receipt', () => {
    const r = apply({ type: 'reply', outcome: 'OPEN_PROVIDE', occurredOn: '2024-03-04' }, { state: 'registered', lastEventOn: '2024-03-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'DATE_BEFORE_RECEIPT' } });
    if (!r.ok) expect(r.error.message).toContain('答复日期不能早于收到申请日期');
  });

  it('refuses a step before the submission while the receipt is not confirmed', () => {
    const r = apply({ type: 'withdraw', occurredOn: '2024-03-03' }, { state: 'registered', receivedOn: null, lastEventOn: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'DATE_BEFORE_RECEIPT' } });
    if (!r.ok) expect(r.error.message).toContain('撤回日期不能早于提交申请日期');
    expect(apply({ type: 'withdraw', occurredOn: '2024-03-04' }, { state: 'registered', receivedOn: null, lastEventOn: null }).ok).toBe(true);
  });

  it('registration follows the submission (the receipt may be confirmed later)', () => {
    const base = { state: null, receivedOn: '2024-03-08', lastEventOn: null };
    expect(apply({ type: 'register', occurredOn: '2024-03-04' }, base)).toMatchObject({ ok: true, value: { state: 'registered' } });
    expect(errorCode(apply({ type: 'register', occurredOn: '2024-03-03' }, base))).toBe('DATE_BEFORE_RECEIPT');
  });

  it('accepts a step on the receipt date and on today', () => {
    expect(apply({ type: 'assign', handler: '张三', occurredOn: '2024-03-05' }, { lastEventOn: '2024-03-05' }).ok).toBe(true);
    expect(apply({ type: 'assign', handler: '张三', occurredOn: TODAY }).ok).toBe(true);
  });

  it('refuses a step after today', () => {
    expect(errorCode(apply({ type: 'assign', handler: '张三', occurredOn: '2024-05-01' }))).toBe('DATE_IN_FUTURE');
  });

  it('refuses a step before the previous one, accepts one on the same day', () => {
    expect(errorCode(apply({ type: 'assign', handler: '张三', occurredOn: '2024-03-05' }))).toBe('DATE_OUT_OF_ORDER');
    expect(apply({ type: 'assign', handler: '张三', occurredOn: '2024-03-06' }).ok).toBe(true);
  });

  it('refuses a malformed today', () => {
    expect(applyEvent(snapshot, { type: 'assign', handler: '张三', occurredOn: '2024-03-10' }, { today: '2024-13-01' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_DATE', field: 'today' },
    });
  });
});

describe('applyEvent: outcomes', () => {
  it('a reply needs an outcome reached by a reply', () => {
    expect(errorCode(apply({ type: 'reply' }))).toBe('OUTCOME_REQUIRED');
    expect(errorCode(apply({ type: 'reply', outcome: 'OTHER_NO_CORRECTION' }))).toBe('OUTCOME_NOT_BY_REPLY');
    expect(errorCode(apply({ type: 'reply', outcome: 'OTHER_NO_FEE' }))).toBe('OUTCOME_NOT_BY_REPLY');
  });

  it.each((Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].byReply && OUTCOMES[o].basis !== ''))(
    'a reply with %s concludes with its row and default basis',
    (outcome) => {
      const r = apply({ type: 'reply', outcome });
      expect(r).toEqual({
        ok: true,
        value: {
          state: 'replied',
          changes: { state: 'replied', outcome, outcomeRow: OUTCOMES[outcome].row, legalBasis: OUTCOMES[outcome].basis, closedOn: '2024-03-10' },
          record: {
            type: 'reply',
            occurredOn: '2024-03-10',
            stateBefore: 'in_progress',
            stateAfter: 'replied',
            data: { outcome, outcomeRow: OUTCOMES[outcome].row, legalBasis: OUTCOMES[outcome].basis },
          },
        },
      });
    },
  );

  it('a reply keeps a given legal basis; OTHER has none by default, so one is required', () => {
    const r = apply({ type: 'reply', outcome: 'DENY_LAW_PROHIBITS', legalBasis: ' 《中华人民共和国统计法》第三十九条 ' });
    expect(r).toMatchObject({ ok: true, value: { changes: { legalBasis: '《中华人民共和国统计法》第三十九条' } } });
    expect(errorCode(apply({ type: 'reply', outcome: 'OTHER' }))).toBe('LEGAL_BASIS_REQUIRED');
    expect(apply({ type: 'reply', outcome: 'OTHER', legalBasis: '条例第三十六条' }).ok).toBe(true);
  });

  it.each([
    ['lapse_correction', 'awaiting_correction', 'OTHER_NO_CORRECTION'],
    ['lapse_fee', 'awaiting_payment', 'OTHER_NO_FEE'],
    ['withdraw', 'consulting', 'OTHER'],
  ] as const)('%s implies its outcome', (type, state, outcome) => {
    const r = apply({ type }, { state });
    expect(r).toMatchObject({
      ok: true,
      value: { state: 'concluded', changes: { state: 'concluded', outcome, outcomeRow: OUTCOMES[outcome].row, closedOn: '2024-03-10' } },
    });
    if (r.ok) expect(r.value.changes.legalBasis).toBe(OUTCOMES[outcome].basis || null);
    expect(apply({ type, outcome }, { state }).ok).toBe(true);
    expect(errorCode(apply({ type, outcome: 'OPEN_PROVIDE' }, { state }))).toBe('OUTCOME_IMPLIED');
  });

  it('refuses an outcome on a step that does not conclude', () => {
    expect(errorCode(apply({ type: 'start_consultation', party: 'third_party', outcome: 'OPEN_PROVIDE' }))).toBe('OUTCOME_NOT_ALLOWED');
  });
});

describe('applyEvent: what each step needs', () => {
  it('assign sets the handler', () => {
    expect(apply({ type: 'assign', handler: ' 张三 ' })).toMatchObject({ ok: true, value: { state: 'in_progress', changes: { state: 'in_progress', handler: '张三' } } });
    expect(errorCode(apply({ type: 'assign' }))).toBe('HANDLER_REQUIRED');
    expect(errorCode(apply({ type: 'assign', handler: '  ' }))).toBe('HANDLER_REQUIRED');
  });

  it('an extension is approved once, for at most 20 working days', () => {
    expect(apply({ type: 'approve_extension', workingDays: 15 })).toMatchObject({
      ok: true,
      value: { state: 'in_progress', changes: { state: 'in_progress', extended: true }, record: { data: { workingDays: 15 } } },
    });
    expect(apply({ type: 'approve_extension' })).toMatchObject({ ok: true, value: { record: { data: { workingDays: 20 } } } });
    expect(errorCode(apply({ type: 'approve_extension', workingDays: 20 }, { extended: true }))).toBe('DEADLINE_ALREADY_EXTENDED');
    expect(errorCode(apply({ type: 'approve_extension', workingDays: 21 }))).toBe('EXTENSION_TOO_LONG');
    expect(errorCode(apply({ type: 'approve_extension', workingDays: 0 }))).toBe('EXTENSION_DAYS_INVALID');
    expect(errorCode(apply({ type: 'approve_extension', workingDays: 2.5 }))).toBe('EXTENSION_DAYS_INVALID');
  });

  it('a consultation names its party', () => {
    expect(apply({ type: 'start_consultation', party: 'other_agency' })).toMatchObject({ ok: true, value: { state: 'consulting', record: { data: { party: 'other_agency' } } } });
    expect(errorCode(apply({ type: 'start_consultation' }))).toBe('CONSULTATION_PARTY_REQUIRED');
  });

  it('records the note and the states before and after; changes only columns of the application', () => {
    const r = apply({ type: 'send_fee_notice', note: ' 超出合理范围 ' }, { state: 'registered' });
    expect(r).toEqual({
      ok: true,
      value: {
        state: 'awaiting_payment',
        changes: { state: 'awaiting_payment' },
        record: { type: 'send_fee_notice', occurredOn: '2024-03-10', stateBefore: 'registered', stateAfter: 'awaiting_payment', data: { note: '超出合理范围' } },
      },
    });
  });

  it('a whole handling, step by step', () => {
    const steps: EventInput[] = [
      { type: 'register', occurredOn: '2024-03-04' },
      { type: 'assign', occurredOn: '2024-03-05', handler: '李四' },
      { type: 'request_correction', occurredOn: '2024-03-08' },
      { type: 'receive_correction', occurredOn: '2024-03-15' },
      { type: 'start_consultation', occurredOn: '2024-03-18', party: 'third_party' },
      { type: 'approve_extension', occurredOn: '2024-03-20', workingDays: 20 },
      { type: 'end_consultation', occurredOn: '2024-04-02' },
      { type: 'reply', occurredOn: '2024-04-10', outcome: 'PARTIAL' },
      { type: 'deliver', occurredOn: '2024-04-12' },
      { type: 'archive', occurredOn: '2024-04-20' },
    ];
    let app: ApplicationSnapshot = { state: null, receivedOn: '2024-03-04', submittedOn: '2024-03-04', extended: false, lastEventOn: null };
    const states: (HandlingState | null)[] = [];
    for (const step of steps) {
      const r = applyEvent(app, step, { today: TODAY });
      if (!r.ok) throw new Error(`${step.type}: ${r.error.message}`);
      app = { ...app, ...r.value.changes, lastEventOn: step.occurredOn };
      states.push(app.state);
    }
    expect(states).toEqual(['registered', 'registered', 'awaiting_correction', 'in_progress', 'consulting', 'consulting', 'in_progress', 'replied', 'delivered', 'archived']);
    expect(app).toMatchObject({ extended: true, handler: '李四', outcome: 'PARTIAL', outcomeRow: 'partlyGranted', closedOn: '2024-04-10' });
  });
});

describe('issue #9: extensions and corrections of a reply', () => {
  const open: ApplicationSnapshot = { ...snapshot, state: 'in_progress' };

  it('an extension decided after the reply period ran out is refused, citing 第三十三条 and the reading', () => {
    const r = applyEvent(open, { type: 'approve_extension', occurredOn: '2024-04-03', workingDays: 20 }, { today: TODAY, replyDue: '2024-04-02' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('EXTENSION_AFTER_DUE');
      expect(r.error.message).toContain('第三十三条');
      expect(r.error.message).toContain('理解');
    }
    // on the due date itself it is in time
    expect(applyEvent(open, { type: 'approve_extension', occurredOn: '2024-04-02' }, { today: TODAY, replyDue: '2024-04-02' }).ok).toBe(true);
  });

  it('a ledger keeps such a historical extension, flagged 超期', () => {
    const r = applyEvent(open, { type: 'approve_extension', occurredOn: '2024-04-03' }, { today: TODAY, replyDue: '2024-04-02', lateExtension: 'flag' });
    expect(r.ok && r.value.record.data.afterDue).toBe(true);
  });

  it('a correction of a reply replaces the outcome, keeps the date of conclusion, and needs a reason', () => {
    const replied: ApplicationSnapshot = { ...snapshot, state: 'replied', outcome: 'NOT_HELD', outcomeRow: 'notHeld', closedOn: '2024-03-20' };
    const bare = applyEvent(replied, { type: 'correct_reply', occurredOn: '2024-04-01', outcome: 'OPEN_PROVIDE' }, { today: TODAY });
    expect(bare.ok ? null : bare.error.code).toBe('CORRECTION_REASON_REQUIRED');
    const r = applyEvent(replied, { type: 'correct_reply', occurredOn: '2024-04-01', outcome: 'OPEN_PROVIDE', note: '经复查，该信息由本机关保存' }, { today: TODAY });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.changes).toMatchObject({ state: 'replied', outcome: 'OPEN_PROVIDE', outcomeRow: 'granted' });
    expect(r.value.changes.closedOn).toBeUndefined();
    expect(r.value.record.data.previousOutcome).toBe('NOT_HELD');
  });

  it('第三十六条第（五）项 is its own outcome, counted in row (四)1 with 第（四）项', () => {
    expect(OUTCOMES.NOT_RESPONSIBLE).toMatchObject({ row: 'notHeld', basis: '条例第三十六条第（五）项', byReply: true });
    expect(OUTCOMES.NOT_HELD).toMatchObject({ row: 'notHeld', basis: '条例第三十六条第（四）项' });
  });

  it('a consultation records the party named, and when the letter reached them', () => {
    const r = applyEvent(open, { type: 'start_consultation', occurredOn: '2024-04-01', party: 'third_party', partyName: '某房地产开发有限公司', letterReceivedOn: '2024-04-03' }, { today: TODAY });
    expect(r.ok && r.value.record.data).toMatchObject({ party: 'third_party', partyName: '某房地产开发有限公司', letterReceivedOn: '2024-04-03' });
    const early = applyEvent(open, { type: 'start_consultation', occurredOn: '2024-04-01', party: 'third_party', letterReceivedOn: '2024-03-30' }, { today: TODAY });
    expect(early.ok ? null : early.error.field).toBe('letterReceivedOn');
  });

  it('a fee notice handed over in person is received that day; by post the 签收 date is recorded', () => {
    const inPerson = applyEvent(open, { type: 'send_fee_notice', occurredOn: '2024-04-01', delivery: 'in_person' }, { today: TODAY });
    expect(inPerson.ok && inPerson.value.record.data.noticeReceivedOn).toBe('2024-04-01');
    const post = applyEvent(open, { type: 'send_fee_notice', occurredOn: '2024-04-01', delivery: 'post' }, { today: TODAY });
    expect(post.ok && post.value.record.data.noticeReceivedOn).toBeUndefined();
    const twice = applyEvent({ ...open, state: 'awaiting_payment' }, { type: 'receive_fee_notice', occurredOn: '2024-04-03' }, { today: TODAY, feeNoticeReceivedOn: '2024-04-02' });
    expect(twice.ok ? null : twice.error.code).toBe('FEE_NOTICE_ALREADY_RECEIVED');
  });
});
