// The catalogue settings of an agency (目录设置, its 管理员): 统一社会信用代码, 索引号 format with a preview
// of the next number, the 主题分类 list and the agency's own 信息类别 (catalogue_vocab). One transaction
// with the audit entry; a category still used by an item, or a topic in use, is not removed.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { DEFAULT_INDEX_FORMAT, formatIndexNumber } from '../../domain/catalogue/index-number.ts';
import { parseCatalogueSettings, type CatalogueSettings, type CatalogueSettingsForm } from '../../domain/catalogue/settings-input.ts';
import { DEFAULT_TOPICS, OWN_CATEGORY_PREFIX } from '../../domain/catalogue/vocab.ts';
import { record } from '../audit.ts';
import { inTransaction, refuse, type CatalogueActor } from './items.ts';

export interface CatalogueSettingsView extends CatalogueSettings {
  agencyCode: string;
  /** topics in force (the default list when the agency has none) */
  topicsInForce: string[];
  topicsAreDefault: boolean;
  /** the next 索引号 a draft of 第二十条第（一）项 would get this year */
  preview: string;
}

/** The next 索引号 under a format, without taking it (the counter is only read). */
export async function previewIndexNumber(db: Kysely<DB>, agency: { id: number; code: string; creditCode: string | null; indexFormat: string | null }, year: number): Promise<string> {
  const counter = await db.selectFrom('counters').select('last').where('agencyId', '=', agency.id).where('scope', '=', 'catalogue').where('year', '=', year).executeTakeFirst();
  return formatIndexNumber(agency.indexFormat ?? DEFAULT_INDEX_FORMAT, { org: agency.creditCode ?? agency.code, year, category: 'a20-1', seq: (counter?.last ?? 0) + 1 });
}

export async function catalogueSettings(db: Kysely<DB>, agencyId: number, year: number): Promise<CatalogueSettingsView | undefined> {
  const agency = await db.selectFrom('agencies').select(['id', 'code', 'creditCode', 'indexFormat']).where('id', '=', agencyId).executeTakeFirst();
  if (agency === undefined) return undefined;
  const rows = await db.selectFrom('catalogueVocab').select(['kind', 'code', 'name']).where('agencyId', '=', agencyId).orderBy('position').execute();
  const topics = rows.filter((r) => r.kind === 'topic').map((r) => r.name);
  return {
    agencyCode: agency.code,
    creditCode: agency.creditCode,
    indexFormat: agency.indexFormat,
    topics,
    topicsInForce: topics.length > 0 ? topics : [...DEFAULT_TOPICS],
    topicsAreDefault: topics.length === 0,
    categories: rows.filter((r) => r.kind === 'category').map((r) => ({ code: r.code, name: r.name })),
    preview: await previewIndexNumber(db, agency, year),
  };
}

/** The settings as the form shows them (lists one a line). */
export function settingsForm(view: CatalogueSettingsView): CatalogueSettingsForm {
  return {
    creditCode: view.creditCode ?? '',
    indexFormat: view.indexFormat ?? '',
    topics: view.topicsAreDefault ? '' : view.topics.join('\n'),
    categories: view.categories.map((c) => `${c.code} ${c.name}`).join('\n'),
  };
}

export async function saveCatalogueSettings(db: Kysely<DB>, agencyId: number, form: CatalogueSettingsForm, actor: CatalogueActor): Promise<DomainResult<CatalogueSettings>> {
  const parsed = parseCatalogueSettings(form);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('catalogueVocab').select(['kind', 'code', 'name']).where('agencyId', '=', agencyId).execute();
    const kept = new Set(s.categories.map((c) => c.code));
    for (const old of current.filter((r) => r.kind === 'category' && !kept.has(r.code))) {
      const used = await trx.selectFrom('catalogueItems').select(sql<number>`count(*)`.as('n')).where('agencyId', '=', agencyId).where('category', '=', `${OWN_CATEGORY_PREFIX}${old.code}`).executeTakeFirstOrThrow();
      if (Number(used.n) > 0) refuse({ code: 'CATEGORY_IN_USE', message: `自定信息类别“${old.name}”（${old.code}）仍有${Number(used.n)}条信息在使用，不能删除；请先把这些信息改为其他类别。`, field: 'categories' });
    }
    const topicsInForce = new Set(s.topics.length > 0 ? s.topics : DEFAULT_TOPICS);
    const usedTopics = await trx.selectFrom('catalogueItems').select('topic').distinct().where('agencyId', '=', agencyId).where('topic', '<>', '').execute();
    const orphan = usedTopics.find((t) => !topicsInForce.has(t.topic));
    if (orphan !== undefined) refuse({ code: 'TOPIC_IN_USE', message: `主题分类“${orphan.topic}”仍有信息在使用，不能从列表中去掉；请先修改这些信息的主题分类。`, field: 'topics' });

    await trx.updateTable('agencies').set({ creditCode: s.creditCode, indexFormat: s.indexFormat }).where('id', '=', agencyId).execute();
    await trx.deleteFrom('catalogueVocab').where('agencyId', '=', agencyId).execute();
    const values = [
      ...s.topics.map((name, i) => ({ agencyId, kind: 'topic', code: `t${i + 1}`, name, position: i + 1 })),
      ...s.categories.map((c, i) => ({ agencyId, kind: 'category', code: c.code, name: c.name, position: i + 1 })),
    ];
    if (values.length > 0) await trx.insertInto('catalogueVocab').values(values).execute();
    await record(trx, { userId: actor.userId, agencyId, action: 'catalogue.settings', target: `agency:${agencyId}`, detail: { creditCode: s.creditCode, indexFormat: s.indexFormat, topics: s.topics.length, categories: s.categories }, ip: actor.ip ?? null, at: actor.now });
    return s;
  });
}
