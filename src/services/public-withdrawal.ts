// 撤回 online: the applicant withdraws the application from the status page, after a page that says what
// it means. Only while the transition table allows it (an open application: domain/applications/
// transitions.ts); dated the day it is sent (Beijing), with the reason if one is given (the step's note);
// the step and an audit entry are one transaction, and a refusal writes nothing. The outcome is the
// table's (OTHER: table 三（六）3, UNCONFIRMED practice, domain.md §1.4).

import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { allowedEvents } from '../domain/applications/transitions.ts';
import type { DomainError, DomainResult, HandlingState } from '../domain/applications/types.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { CONTROL_CHARACTERS, plain } from '../domain/text-rules.ts';
import { recordEvent } from './applications.ts';
import { record } from './audit.ts';
import { ONLINE_ACTOR } from './public-applications.ts';
import { beijingToday } from './public-correction.ts';
import type { PublicAccess } from './public-status.ts';
import { joined, Refused } from './transactions.ts';

export const WITHDRAW_REASON_MAX = 500;
export const WITHDRAW_NOT_ALLOWED = 'WITHDRAW_NOT_ALLOWED';

const reasonSchema = plain(z.string(), '撤回理由', { multiline: true })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(WITHDRAW_REASON_MAX, `撤回理由不能超过${WITHDRAW_REASON_MAX}个字，请删减后重新提交。`));

/** Whether an application in this state may be withdrawn (the transition table's answer). */
export const mayWithdraw = (state: HandlingState): boolean => allowedEvents(state).includes('withdraw');

/** The reason as kept, or the refusal (field 'reason'; CONTROL_CHARACTERS for what no keyboard types). */
export function validateReason(reason: string): DomainResult<string> {
  const parsed = reasonSchema.safeParse(reason);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const control = issue?.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === CONTROL_CHARACTERS;
  return { ok: false, error: { code: control ? CONTROL_CHARACTERS : 'INVALID_INPUT', message: issue?.message ?? '撤回理由无效', field: 'reason' } };
}

/** Records the applicant's withdrawal (the `withdraw` step, today in Beijing) with an audit entry. */
export async function withdrawOnline(db: Kysely<DB>, access: PublicAccess, input: { reason: string }, options: { now: string; ip: string | null; calendar?: WorkingCalendar }): Promise<DomainResult<{ closedOn: string }>> {
  const reason = validateReason(input.reason);
  if (!reason.ok) return reason;
  const { now } = options;
  const today = beijingToday(now);
  const agencyId = access.agency.id;
  try {
    return await db.transaction().execute(async (trx) => {
      const app = await trx.selectFrom('applications').select(['id', 'number', 'state']).where('id', '=', access.applicationId).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
      if (!app) throw new Refused({ code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请。' });
      if (!mayWithdraw(app.state as HandlingState)) {
        throw new Refused({ code: WITHDRAW_NOT_ALLOWED, message: '本申请已经办结，不能再撤回。请查看办理进度和答复文书。' } satisfies DomainError);
      }
      const note = reason.value === '' ? '申请人通过本平台在线撤回申请。' : `申请人通过本平台在线撤回申请。撤回理由：${reason.value}`;
      const recorded = await recordEvent(joined(trx), agencyId, app.id, { type: 'withdraw', occurredOn: today, note }, { actor: ONLINE_ACTOR, now, today, ...(options.calendar ? { calendar: options.calendar } : {}) });
      if (!recorded.ok) throw new Refused(recorded.error);
      await record(trx, {
        userId: null,
        agencyId,
        action: 'application.event',
        target: `application:${app.id}`,
        detail: { number: app.number, type: 'withdraw', occurredOn: today, state: recorded.value.state, via: 'online', reasonGiven: reason.value !== '' },
        ip: options.ip,
        at: now,
      });
      return { ok: true as const, value: { closedOn: today } };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.refusal };
    throw e;
  }
}
