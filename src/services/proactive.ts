// 转主动公开 (条例第四十四条): from an application answered 予以公开 or 部分公开, one action makes a catalogue
// draft (#11) with the reply's information — the title given from the requested information, the reply's
// date as the date formed, the category the clerk chooses among the agency's, 公开属性 主动公开 — linked to
// the application. The draft then goes through the catalogue's own way: 保密审查 and submission into the
// review chain (初审/复审/签发) from its page, like any draft. One transaction, audited; a refusal writes nothing.
// The review of withheld information (withheld/review.ts) releases an application's entry through the same path.

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult, Outcome } from '../domain/applications/types.ts';
import { OUTCOMES } from '../domain/applications/types.ts';
import { PROACTIVE_OUTCOMES, proactiveInput } from '../domain/withheld/rules.ts';
import type { ProactiveInput } from '../domain/withheld/rules.ts';
import { record } from './audit.ts';
import { inTransaction, insertItem, parseItem, refuse } from './catalogue/items.ts';
import type { CatalogueActor, ItemRow, ParsedItem } from './catalogue/items.ts';
import { parseInput } from './catalogue/workflow.ts';

/** The states of an answered application. */
const ANSWERED = ['replied', 'delivered', 'archived'];

export interface SourceApplication {
  id: number;
  agencyId: number;
  number: string;
  request: string;
  state: string;
  outcome: string | null;
  closedOn: string | null;
}

export const APPLICATION_NOT_FOUND = { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' };

/** The application of the agency, or undefined. */
export async function sourceApplication(db: Kysely<DB>, agencyId: number, applicationId: number): Promise<SourceApplication | undefined> {
  return db.selectFrom('applications').select(['id', 'agencyId', 'number', 'request', 'state', 'outcome', 'closedOn']).where('id', '=', applicationId).where('agencyId', '=', agencyId).executeTakeFirst();
}

/** Whether the application's reply allows 转主动公开 (予以公开 or 部分公开, answered). */
export function mayBecomeProactive(app: Pick<SourceApplication, 'state' | 'outcome'>): boolean {
  return ANSWERED.includes(app.state) && app.outcome !== null && PROACTIVE_OUTCOMES.includes(app.outcome as Outcome);
}

/** The title a clerk starts from: the requested information's first line, shortened. */
export function suggestedTitle(request: string): string {
  const line = request.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}

/** The draft's fields from the form and the application, checked as the catalogue editor checks them. */
export async function proactiveFields(db: Kysely<DB>, app: SourceApplication, input: ProactiveInput, today: string): Promise<DomainResult<ParsedItem>> {
  const parsed = parseInput(proactiveInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const summary = v.summary !== '' ? v.summary : `依申请公开（编号${app.number}）答复的政府信息。申请内容：${app.request}`.slice(0, 2000);
  return parseItem(db, app.agencyId, { title: v.title, summary, category: v.category, formedOn: v.formedOn || app.closedOn || today, docType: '其他文件' }, today);
}

/** Inserts the draft linked to the application (inside the caller's transaction), audited; refused when one exists already. */
export async function insertProactiveDraft(trx: Transaction<DB>, app: SourceApplication, fields: ParsedItem, actor: CatalogueActor, via: 'application' | 'withheld_review'): Promise<ItemRow> {
  const existing = await trx.selectFrom('catalogueItems').select(['id', 'indexNumber']).where('sourceApplicationId', '=', app.id).orderBy('id').executeTakeFirst();
  if (existing !== undefined) refuse({ code: 'ALREADY_PROACTIVE', message: `该申请的信息已转为主动公开（目录索引号${existing.indexNumber}），请在主动公开目录中继续办理。` });
  const row = await insertItem(trx, fields, actor, { disclosure: '主动公开', sourceApplicationId: app.id });
  await record(trx, {
    userId: actor.userId,
    agencyId: app.agencyId,
    action: 'catalogue.from_application',
    target: `catalogue:${row.id}`,
    detail: { indexNumber: row.indexNumber, title: row.title, category: row.category, applicationId: app.id, applicationNumber: app.number, outcome: app.outcome, via },
    ip: actor.ip ?? null,
    at: actor.now,
  });
  return row;
}

/**
 * 转为主动公开: a catalogue draft (公开属性 主动公开) from an application answered 予以公开 or 部分公开,
 * linked to it; refused otherwise, nothing written.
 */
export async function proactiveFromApplication(db: Kysely<DB>, agencyId: number, applicationId: number, input: ProactiveInput, who: CatalogueActor): Promise<DomainResult<ItemRow>> {
  const app = await sourceApplication(db, agencyId, applicationId);
  if (app === undefined) return { ok: false, error: APPLICATION_NOT_FOUND };
  if (!mayBecomeProactive(app)) {
    const how = app.outcome !== null && app.outcome in OUTCOMES ? `本申请的办理结果为“${OUTCOMES[app.outcome as Outcome].label}”` : '本申请尚未作出答复';
    return { ok: false, error: { code: 'NOT_DISCLOSED', message: `只有答复为“予以公开”或“部分公开”的申请可以转为主动公开（条例第四十四条），${how}。` } };
  }
  const fields = await proactiveFields(db, app, input, who.today);
  if (!fields.ok) return fields;
  return inTransaction(db, async (trx) => {
    // the application locked: two clerks at once make one draft
    await trx.selectFrom('applications').select('id').where('id', '=', app.id).forUpdate().executeTakeFirst();
    return insertProactiveDraft(trx, app, fields.value, who, 'application');
  });
}

/** The catalogue items made from an application (the application page's link). */
export async function proactiveItemsOf(db: Kysely<DB>, applicationId: number): Promise<{ id: number; indexNumber: string; title: string; state: string }[]> {
  return db.selectFrom('catalogueItems').select(['id', 'indexNumber', 'title', 'state']).where('sourceApplicationId', '=', applicationId).orderBy('id').execute();
}

/** The year's figures for the report's section 一: items made from applications (created in the year) and suggestions recorded. */
export async function proactiveYear(db: Kysely<DB>, agencyId: number, year: number): Promise<{ items: number; itemIds: number[]; suggestions: number }> {
  const from = `${year}-01-01T00:00:00+08:00`;
  const to = `${year + 1}-01-01T00:00:00+08:00`;
  const [items, suggestions] = await Promise.all([
    db.selectFrom('catalogueItems').select('id').where('agencyId', '=', agencyId).where('sourceApplicationId', 'is not', null).where('createdAt', '>=', from).where('createdAt', '<', to).orderBy('id').execute(),
    db
      .selectFrom('applicationEvents as e')
      .innerJoin('applications as a', 'a.id', 'e.applicationId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.agencyId', '=', agencyId)
      .where('e.type', '=', 'suggest_proactive')
      .where('e.occurredOn', '>=', `${year}-01-01`)
      .where('e.occurredOn', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.length, itemIds: items.map((r) => Number(r.id)).slice(0, 50), suggestions: Number(suggestions.n) };
}
