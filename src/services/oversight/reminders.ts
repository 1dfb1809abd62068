// Reminders (催报, issue #13 item 4): the office reminds the agencies of its subtree that have not published
// their report of a year — all of them at once, or one. Always recorded in the platform (who, when, to which
// agency, the text, the due date it states), and shown on the reminded agency's dashboard until its report
// is published (on the platform, or collected by the office from elsewhere). One transaction for all the
// agencies of one action, with an audit entry for each reminder; a refusal writes nothing. Where the
// platform has an SMTP server (config GONGKAI_SMTP_URL) and the agency a contact e-mail, the reminder is
// also e-mailed — after that transaction commits, never inside it (reminder-mail.ts): a failed e-mail
// never loses the reminder, and its outcome is written on it.

import type { Kysely } from 'kysely';
import type { MailConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { ReminderEmailStatus } from '../../db/schema-oversight.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { dueSentence, reminderLetter } from '../../domain/oversight/reminder-letter.ts';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { record } from '../audit.ts';
import { streamCollected, type CollectedEntry } from './collected.ts';
import { beijingDay, fail, kindOf, overseen, yearProblem, type OversightActor } from './common.ts';
import { mailReminders, type ReminderMail } from './reminder-mail.ts';

export const REMINDER_MAX = 1000;

/** The text offered by default. */
export function defaultReminderText(year: number, officeName: string): string {
  return `${officeName}提醒：贵单位${year}年政府信息公开工作年度报告尚未发布（本办尚未收集到）。请按《中华人民共和国政府信息公开条例》第四十九条的规定尽快发布；已发布的，请告知发布网址。`;
}

export interface ReminderSent {
  id: number;
  agencyId: number;
  name: string;
  /** what became of its e-mail: none (no SMTP server), no_address, sent or failed */
  email: ReminderEmailStatus;
  emailedTo: string | null;
  emailError: string | null;
}

export interface ReminderOptions {
  /** the SMTP server and sender (config.mail); absent: no e-mail, nothing attempted */
  mail?: MailConfig | undefined;
  /** the time an e-mail's outcome is recorded (default: the clock) */
  clock?: () => string;
}

/**
 * Sends a reminder to `agencyIds` (null: every agency of the subtree not published and not excluded).
 * Each must be of the subtree and without a collected report of the year. With `options.mail`, each
 * reminded agency that has a contact e-mail is e-mailed once the reminders are committed.
 */
export async function sendReminders(
  db: Kysely<DB>,
  overseerId: number,
  year: number,
  agencyIds: readonly number[] | null,
  text: string,
  actor: OversightActor,
  options: ReminderOptions = {},
): Promise<DomainResult<{ sent: ReminderSent[] }>> {
  const bad = yearProblem(year, actor.now);
  if (bad) return fail('INVALID_YEAR', bad, 'year');
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (body.length < 2) return fail('TEXT_REQUIRED', '请填写催报内容（至少2个字）。', 'text');
  if (body.length > REMINDER_MAX) return fail('TEXT_TOO_LONG', `催报内容不能超过${REMINDER_MAX}个字，现有${body.length}个字。`, 'text');
  const control = controlCharacterProblem({ text: { label: '催报内容', value: body, multiline: true } });
  if (control) return fail('TEXT_INVALID', control.message, 'text');
  // who has a report of the year: the collected reports streamed, only the agency and its state kept
  // (and the due date of its review, which the reminder states)
  const entries: (Pick<CollectedEntry, 'agency' | 'kind' | 'source' | 'exclusion'> & { assessment: Pick<CollectedEntry['assessment'], 'dueOn'> })[] = [];
  for await (const e of streamCollected(db, overseerId, year)) entries.push({ agency: e.agency, kind: e.kind, source: e.source, exclusion: e.exclusion, assessment: { dueOn: e.assessment.dueOn } });
  const unpublished = entries.filter((e) => e.source === null);
  let targets: typeof unpublished;
  if (agencyIds === null) {
    targets = unpublished.filter((e) => e.exclusion === null);
    if (targets.length === 0) return fail('NOTHING_TO_REMIND', `${year}年度没有需要催报的机关：下级机关的报告都已收集（或已不纳入汇总）。`, 'agency');
  } else {
    const byId = new Map(entries.map((e) => [e.agency.id, e]));
    targets = [];
    for (const id of agencyIds) {
      const e = byId.get(id);
      if (!e) return fail('AGENCY_NOT_FOUND', '该机关不是本机关的下级机关。', 'agency');
      if (e.source !== null) return fail('ALREADY_PUBLISHED', `${e.agency.name}的${year}年度报告已收集，不需要催报。`, 'agency');
      targets.push(e);
    }
    if (targets.length === 0) return fail('NOTHING_TO_REMIND', '请选择要催报的机关。', 'agency');
  }
  const mail = options.mail;
  const sentOn = beijingDay(actor.now);
  const { sent, mails } = await db.transaction().execute(async (trx) => {
    const office = await trx.selectFrom('agencies').select('name').where('id', '=', overseerId).executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('agencies')
      .select(['id', 'contactEmail'])
      .where('id', 'in', targets.map((e) => e.agency.id))
      .execute();
    const contacts = new Map(rows.map((a) => [a.id, a.contactEmail]));
    const sent: ReminderSent[] = [];
    const mails: ReminderMail[] = [];
    for (const e of targets) {
      const address = contacts.get(e.agency.id) ?? null;
      const email: ReminderEmailStatus = !mail ? 'none' : address === null ? 'no_address' : 'pending';
      const emailedTo = email === 'pending' ? address : null;
      const dueOn = e.assessment.dueOn;
      const { id } = await trx
        .insertInto('oversightReminders')
        .values({ overseerId, agencyId: e.agency.id, year, text: body, sentAt: actor.now, sentBy: actor.userId, dueOn, emailStatus: email, emailedTo })
        .returning('id')
        .executeTakeFirstOrThrow();
      await record(trx, {
        userId: actor.userId,
        agencyId: overseerId,
        action: 'oversight.remind',
        target: `agency:${e.agency.code}`,
        detail: { year, agency: e.agency.code, reminder: id, channel: 'platform', email, ...(emailedTo ? { emailTo: emailedTo } : {}) },
        ip: actor.ip ?? null,
        at: actor.now,
      });
      sent.push({ id, agencyId: e.agency.id, name: e.agency.name, email, emailedTo, emailError: null });
      if (emailedTo !== null) {
        const letter = reminderLetter({ office: office.name, agency: e.agency.name, kind: e.kind, year, text: body, dueOn, sentOn });
        mails.push({ reminderId: id, agencyCode: e.agency.code, to: emailedTo, subject: letter.subject, text: letter.text });
      }
    }
    return { sent, mails };
  });
  // committed: the reminders stand whatever happens to their e-mail
  if (mail && mails.length > 0) {
    // a failure here (the database gone while sending) leaves the reminders 'pending': the board says the
    // e-mail was not confirmed; the reminders themselves are committed
    const results = await mailReminders(db, overseerId, mails, mail, actor, options.clock ?? (() => new Date().toISOString())).catch(() => []);
    const byId = new Map(results.map((r) => [r.reminderId, r]));
    for (const s of sent) {
      const r = byId.get(s.id);
      if (r) Object.assign(s, { email: r.status, emailError: r.error });
    }
  }
  return { ok: true, value: { sent } };
}

export interface ReminderShown {
  id: number;
  year: number;
  text: string;
  /** the due date as the reminder stated it (reminder-letter.ts, the e-mail's words); null before 0022 */
  due: string | null;
  sentAt: string;
  office: string;
  sender: string | null;
  /** reminders of this office and year in all */
  count: number;
}

/**
 * The reminders an agency's dashboard shows: the latest of each office and year, while the agency's report
 * of that year is neither published on the platform nor collected by that office.
 */
export async function openReminders(db: Kysely<DB>, agencyId: number): Promise<ReminderShown[]> {
  const rows = await db
    .selectFrom('oversightReminders as r')
    .innerJoin('agencies as o', 'o.id', 'r.overseerId')
    .innerJoin('agencies as a', 'a.id', 'r.agencyId')
    .leftJoin('users as u', 'u.id', 'r.sentBy')
    .select(['r.id', 'r.overseerId', 'r.year', 'r.text', 'r.sentAt', 'r.dueOn', 'a.level', 'o.name as office', 'u.displayName as sender'])
    .where('r.agencyId', '=', agencyId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('publishedReports as p').select('p.id').whereRef('p.agencyId', '=', 'r.agencyId').whereRef('p.year', '=', 'r.year'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('oversightReports as h').select('h.id').whereRef('h.agencyId', '=', 'r.agencyId').whereRef('h.year', '=', 'r.year').whereRef('h.overseerId', '=', 'r.overseerId'),
        ),
      ),
    )
    .orderBy('r.sentAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  const out = new Map<string, ReminderShown>();
  for (const r of rows) {
    const k = `${r.overseerId}/${r.year}`;
    const seen = out.get(k);
    if (seen) seen.count += 1;
    else out.set(k, { id: r.id, year: r.year, text: r.text, due: dueSentence(r.year, r.dueOn, kindOf(r.level), beijingDay(r.sentAt)), sentAt: r.sentAt, office: r.office, sender: r.sender ?? null, count: 1 });
  }
  return [...out.values()];
}

/** The last reminder of the year to each agency the office reminded: agency id → ISO time. */
export async function lastReminders(db: Kysely<DB>, overseerId: number, year: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('oversightReminders')
    .select((eb) => ['agencyId', eb.fn.max('sentAt').as('last')])
    .where('overseerId', '=', overseerId)
    .where('year', '=', year)
    .groupBy('agencyId')
    .execute();
  return new Map(rows.map((r) => [r.agencyId, String(r.last)]));
}

/** An agency's latest reminder of the year, with what became of its e-mail. */
export interface LastReminder {
  sentAt: string;
  email: ReminderEmailStatus;
  emailedTo: string | null;
  emailError: string | null;
}

/**
 * For the board (issue #13: "who will get it"): each agency of the subtree by code — its contact e-mail
 * (null: none) and its latest reminder of the year (null: never reminded).
 */
export async function reminderContacts(db: Kysely<DB>, overseerId: number, year: number): Promise<Map<string, { email: string | null; last: LastReminder | null }>> {
  const agencies = await overseen(db, overseerId);
  const out = new Map<string, { email: string | null; last: LastReminder | null }>();
  if (agencies.length === 0) return out;
  const ids = agencies.map((a) => a.id);
  const [emails, last] = await Promise.all([
    db.selectFrom('agencies').select(['id', 'contactEmail']).where('id', 'in', ids).execute(),
    db
      .selectFrom('oversightReminders')
      .distinctOn('agencyId')
      .select(['agencyId', 'sentAt', 'emailStatus', 'emailedTo', 'emailError'])
      .where('overseerId', '=', overseerId)
      .where('year', '=', year)
      .orderBy('agencyId')
      .orderBy('sentAt', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const emailOf = new Map(emails.map((a) => [a.id, a.contactEmail]));
  const lastOf = new Map(last.map((r) => [r.agencyId, { sentAt: r.sentAt, email: r.emailStatus, emailedTo: r.emailedTo, emailError: r.emailError }]));
  for (const a of agencies) out.set(a.code, { email: emailOf.get(a.id) ?? null, last: lastOf.get(a.id) ?? null });
  return out;
}
