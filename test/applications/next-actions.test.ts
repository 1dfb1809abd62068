// The application page's next steps (domain/applications/next-actions.ts): for every state and every
// permission, only steps the transition table allows; one or two of them first, the rest behind the menu;
// and the mapping of each state to its next steps as the handling reads it.

import { describe, expect, it } from 'vitest';
import { actionsFor, MAX_PRIMARY, planActions, PRIMARY_ACTIONS } from '../../src/domain/applications/next-actions.ts';
import { allowedEvents, TRANSITIONS } from '../../src/domain/applications/transitions.ts';
import { STATE_LABELS } from '../../src/domain/applications/types.ts';
import type { HandlingState } from '../../src/domain/applications/types.ts';

const STATES = Object.keys(STATE_LABELS) as HandlingState[];
const ALL = { handle: true, approve: true };

describe('next actions', () => {
  it('offers only what the transition table allows, never registration, each step once', () => {
    for (const state of STATES) {
      for (const may of [ALL, { handle: true, approve: false }, { handle: false, approve: false }]) {
        const plan = planActions({ state, may });
        const offered = [...plan.primary, ...plan.other];
        expect(new Set(offered).size, state).toBe(offered.length);
        for (const e of offered) expect(TRANSITIONS[e].from.includes(state), `${state} ${e}`).toBe(true);
        expect(offered).not.toContain('register');
        expect(plan.primary.length).toBeLessThanOrEqual(MAX_PRIMARY);
        if (!may.handle) expect(offered).toEqual([]);
        if (!may.approve) expect(offered).not.toContain('approve_extension');
        // everything allowed is offered somewhere
        if (may.handle) expect([...offered].sort()).toEqual(actionsFor(state, may).sort());
      }
    }
  });

  it('every primary step of a state is one the table allows from it', () => {
    for (const state of STATES) for (const e of PRIMARY_ACTIONS[state]) expect(allowedEvents(state), `${state} ${e}`).toContain(e);
  });

  it('names the next steps of each state', () => {
    const primary = (state: HandlingState, extra: Partial<Parameters<typeof planActions>[0]> = {}) => planActions({ state, may: ALL, ...extra }).primary;
    expect(primary('registered')).toEqual(['reply', 'request_correction']);
    expect(primary('awaiting_correction')).toEqual(['receive_correction', 'lapse_correction']);
    // the correction period still runs: only the receipt of the correction
    expect(primary('awaiting_correction', { notYetDue: ['lapse_correction'] })).toEqual(['receive_correction']);
    expect(planActions({ state: 'awaiting_correction', may: ALL, notYetDue: ['lapse_correction'] }).other).not.toContain('lapse_correction');
    expect(primary('in_progress')).toEqual(['reply', 'approve_extension']);
    // extended once already (条例第三十三条第二款): no second extension anywhere
    const extended = planActions({ state: 'in_progress', may: ALL, extended: true });
    expect(extended.primary).toEqual(['reply']);
    expect(extended.other).not.toContain('approve_extension');
    // without the right to approve, the reply alone
    expect(planActions({ state: 'in_progress', may: { handle: true, approve: false } }).primary).toEqual(['reply']);
    expect(primary('consulting')).toEqual(['end_consultation', 'approve_extension']);
    expect(primary('awaiting_payment', { notYetDue: ['lapse_fee'] })).toEqual(['receive_fee_notice', 'record_payment']);
    expect(primary('awaiting_payment', { feeNoticeReceived: true })).toEqual(['record_payment', 'lapse_fee']);
    expect(primary('replied')).toEqual(['deliver', 'archive']);
    expect(planActions({ state: 'replied', may: ALL }).other).toEqual(['correct_reply', 'suggest_proactive']);
    expect(primary('delivered')).toEqual(['archive']);
    expect(primary('concluded')).toEqual(['archive']);
    expect(planActions({ state: 'archived', may: ALL })).toEqual({ primary: [], other: [] });
    // a step the caller cannot offer (its notice pending) is left out, and the next one moves up
    expect(primary('registered', { unavailable: ['reply'] })).toEqual(['request_correction']);
  });
});
