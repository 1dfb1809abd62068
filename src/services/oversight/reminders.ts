// Reminders (催报, issue #13 item 4): the office reminds the agencies of its subtree that have not published
// their report of a year — all of them at once, or one. Recorded in the platform only: e-mail is not
// configured on this platform, so a reminder is a record (who, when, to which agency, the text) that the
// reminded agency's staff workspace shows on its dashboard until its report is published (on the
// platform, or collected by the office from elsewhere). One transaction for all the agencies of one action,
// with an audit entry for each reminder; a refusal writes nothing.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { record } from '../audit.ts';
import { streamCollectedItems, type CollectedItem } from './collected.ts';
import { fail, yearProblem, type OversightActor } from './common.ts';

export const REMINDER_MAX = 1000;

/** The text offered by default. */
export function defaultReminderText(year: number, officeName: string): string {
  return `${officeName}提醒：贵单位${year}年政府信息公开工作年度报告尚未发布（本办尚未收集到）。请按《中华人民共和国政府信息公开条例》第四十九条的规定尽快发布；已发布的，请告知发布网址。`;
}

/**
 * Sends a reminder to `agencyIds` (null: every agency of the subtree not published and not excluded).
 * Each must be of the subtree and without a collected report of the year.
 */
export async function sendReminders(db: Kysely<DB>, overseerId: number, year: number, agencyIds: readonly number[] | null, text: string, actor: OversightActor): Promise<DomainResult<{ sent: { id: number; agencyId: number; name: string }[] }>> {
  const bad = yearProblem(year, actor.now);
  if (bad) return fail('INVALID_YEAR', bad, 'year');
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (body.length < 2) return fail('TEXT_REQUIRED', '请填写催报内容（至少2个字）。', 'text');
  if (body.length > REMINDER_MAX) return fail('TEXT_TOO_LONG', `催报内容不能超过${REMINDER_MAX}个字，现有${body.length}个字。`, 'text');
  const control = controlCharacterProblem({ text: { label: '催报内容', value: body, multiline: true } });
  if (control) return fail('TEXT_INVALID', control.message, 'text');
  // who has a report of the year: the collected reports streamed, only the agency and its state kept
  const entries: Pick<CollectedItem, 'agency' | 'source' | 'exclusion'>[] = [];
  for await (const e of streamCollectedItems(db, overseerId, year)) entries.push({ agency: e.agency, source: e.source, exclusion: e.exclusion });
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
  return db.transaction().execute(async (trx) => {
    const sent: { id: number; agencyId: number; name: string }[] = [];
    for (const e of targets) {
      const { id } = await trx.insertInto('oversightReminders').values({ overseerId, agencyId: e.agency.id, year, text: body, sentAt: actor.now, sentBy: actor.userId }).returning('id').executeTakeFirstOrThrow();
      await record(trx, {
        userId: actor.userId,
        agencyId: overseerId,
        action: 'oversight.remind',
        target: `agency:${e.agency.code}`,
        detail: { year, agency: e.agency.code, reminder: id, channel: 'platform' },
        ip: actor.ip ?? null,
        at: actor.now,
      });
      sent.push({ id, agencyId: e.agency.id, name: e.agency.name });
    }
    return { ok: true, value: { sent } };
  });
}

export interface ReminderShown {
  id: number;
  year: number;
  text: string;
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
    .leftJoin('users as u', 'u.id', 'r.sentBy')
    .select(['r.id', 'r.overseerId', 'r.year', 'r.text', 'r.sentAt', 'o.name as office', 'u.displayName as sender'])
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
    else out.set(k, { id: r.id, year: r.year, text: r.text, sentAt: r.sentAt, office: r.office, sender: r.sender ?? null, count: 1 });
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
