// What the application page offers, and in what order: the steps the transition table allows from the
// state (transitions.ts allowedEvents) for the user's permissions, split into the one or two *next*
// steps of the state (shown prominently) and the others (behind a menu). A step the table does not
// allow is never offered; a lapse whose period still runs, a second extension or a second receipt of
// the fee notice are not offered either (the service would refuse them). Pure.

import { allowedEvents } from './transitions.ts';
import type { EventType, HandlingState } from './types.ts';

/** The next steps of each state, most likely first (at most two are shown). */
export const PRIMARY_ACTIONS: Readonly<Record<HandlingState, readonly EventType[]>> = {
  // 条例第三十条、第三十六条: reply, or ask once for a correction
  registered: ['reply', 'request_correction'],
  // 条例第三十条: the correction arrives, or the period runs out
  awaiting_correction: ['receive_correction', 'lapse_correction'],
  // 条例第三十三条: reply, or extend once
  in_progress: ['reply', 'approve_extension'],
  // 条例第三十二条、第三十四条: the answer of the party consulted
  consulting: ['end_consultation', 'approve_extension'],
  // 国办函〔2020〕109号: the notice's receipt starts the payment window; then payment or its lapse
  awaiting_payment: ['receive_fee_notice', 'record_payment', 'lapse_fee'],
  replied: ['deliver', 'archive'],
  delivered: ['archive'],
  concluded: ['archive'],
  archived: [],
};

export const MAX_PRIMARY = 2;

export interface ActionContext {
  state: HandlingState;
  may: { handle: boolean; approve: boolean };
  /** lapse steps whose period has not run out yet (or not started): not offered */
  notYetDue?: readonly EventType[];
  /** the reply period was extended already (条例第三十三条第二款: once) */
  extended?: boolean;
  /** the applicant's receipt of the fee notice is recorded already */
  feeNoticeReceived?: boolean;
  /** steps the caller cannot offer now for a reason of its own (e.g. a notice still to be issued for the step) */
  unavailable?: readonly EventType[];
}

export interface ActionPlan {
  /** the next one or two steps, shown first */
  primary: EventType[];
  /** every other step the state allows, in the table's order */
  other: EventType[];
}

/** The steps a user may take in the state: the transition table's, less registration; extensions need `approve`. */
export function actionsFor(state: HandlingState, may: { handle: boolean; approve: boolean }): EventType[] {
  if (!may.handle) return [];
  return allowedEvents(state).filter((e) => e !== 'register' && (e !== 'approve_extension' || may.approve));
}

export function planActions(ctx: ActionContext): ActionPlan {
  const excluded = new Set<EventType>([...(ctx.notYetDue ?? []), ...(ctx.unavailable ?? [])]);
  if (ctx.extended) excluded.add('approve_extension');
  if (ctx.feeNoticeReceived) excluded.add('receive_fee_notice');
  const allowed = actionsFor(ctx.state, ctx.may).filter((e) => !excluded.has(e));
  const primary = PRIMARY_ACTIONS[ctx.state].filter((e) => allowed.includes(e)).slice(0, MAX_PRIMARY);
  return { primary, other: allowed.filter((e) => !primary.includes(e)) };
}
