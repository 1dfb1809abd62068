// The e-mail of reminders (催报, issue #13: "e-mail where configured"), sent after the reminders'
// transaction has committed (reminders.ts): the reminder is in the platform whatever becomes of its
// e-mail. Each outcome — sent, or failed with why in Chinese — is written on the reminder in a small
// transaction of its own with an audit entry (oversight.remind.email). Two messages at a time; once the
// server itself cannot be used (not found, refused, timed out, login refused), the rest of the batch is
// not tried and fails with the same reason, so a dead server costs one timeout, not one per agency.

import type { Kysely } from 'kysely';
import type { MailConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { record } from '../audit.ts';
import { openMailer, type MailMessage, type MailOutcome } from '../mail.ts';

export interface ReminderMail extends MailMessage {
  reminderId: number;
  agencyCode: string;
}

export interface MailResult {
  reminderId: number;
  status: 'sent' | 'failed';
  error: string | null;
}

const PARALLEL = 2;
const ERROR_MAX = 500;

/** Sends each reminder's e-mail and records its outcome; returns the outcomes in the order given. */
export async function mailReminders(
  db: Kysely<DB>,
  overseerId: number,
  mails: readonly ReminderMail[],
  config: MailConfig,
  actor: { userId: number | null; ip?: string | null | undefined },
  clock: () => string,
): Promise<MailResult[]> {
  if (mails.length === 0) return [];
  const results: MailResult[] = new Array(mails.length);
  let down: string | null = null;
  let next = 0;
  const mailer = await openMailer(config);
  const worker = async (upTo: number) => {
    while (next < upTo) {
      const i = next++;
      const m = mails[i] as ReminderMail;
      const outcome: MailOutcome = down !== null ? { ok: false, error: `未发送：${down}`, serverDown: true } : await mailer.send(m);
      if (!outcome.ok && outcome.serverDown && down === null) down = outcome.error;
      const result: MailResult = { reminderId: m.reminderId, status: outcome.ok ? 'sent' : 'failed', error: outcome.ok ? null : outcome.error.slice(0, ERROR_MAX) };
      await recordOutcome(db, overseerId, m, result, actor, clock());
      results[i] = result;
    }
  };
  try {
    // the first message alone: if the server cannot be used, nothing else is tried
    await worker(1);
    await Promise.all(Array.from({ length: Math.min(PARALLEL, mails.length - 1) }, () => worker(mails.length)));
  } finally {
    mailer.close();
  }
  return results;
}

async function recordOutcome(db: Kysely<DB>, overseerId: number, m: ReminderMail, r: MailResult, actor: { userId: number | null; ip?: string | null | undefined }, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('oversightReminders')
      .set({ emailStatus: r.status, emailError: r.error, emailedAt: at })
      .where('id', '=', r.reminderId)
      .where('emailStatus', '=', 'pending')
      .execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.remind.email',
      target: `agency:${m.agencyCode}`,
      detail: { reminder: r.reminderId, to: m.to, status: r.status, ...(r.error ? { error: r.error } : {}) },
      ip: actor.ip ?? null,
      at,
    });
  });
}
