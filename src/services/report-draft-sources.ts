// What the platform already holds that the draft of the annual report states, read for an agency and a
// year: the catalogue's items published in the year (by 信息类别 and 主题分类; the finance items), the
// 公开属性 decided and the 保密审查 made, the register's 清理 rounds, and the review chains with who acts
// at each stage in words. Read only.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ARTICLE_20_ITEMS, OWN_CATEGORY_PREFIX } from '../domain/catalogue/vocab.ts';
import type { CatalogueFacts, ChainFacts, CleanupFacts } from '../domain/report/draft/types.ts';
import { REVIEW_SUBJECTS } from '../domain/review/chain.ts';
import { ROLE_LABELS } from './accounts/roles.ts';
import { getRound } from './catalogue/cleanup.ts';
import { FINANCE_CATEGORIES } from '../domain/report/draft/overview-active.ts';
import { catalogueVocab } from './catalogue/items.ts';
import { getChain, parentOf } from './review/chain.ts';

/** How many item ids a source lists (the page links them); the count says how many there are. */
const SOURCE_IDS = 50;
const FINANCE_MAX = 200;

/** 北京时间 bounds of a year, for timestamps. */
const yearBounds = (year: number) => ({ from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` });

export async function catalogueFacts(db: Kysely<DB>, agencyId: number, year: number): Promise<CatalogueFacts> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const published = db
    .selectFrom('catalogueItems')
    .where('agencyId', '=', agencyId)
    .where('state', '=', 'published')
    .where(sql<string>`coalesce(published_on, ((published_at at time zone 'UTC') + interval '8 hours')::date)`, '>=', from)
    .where(sql<string>`coalesce(published_on, ((published_at at time zone 'UTC') + interval '8 hours')::date)`, '<=', to);
  const [groups, ids, finance, disclosure, secrecy, vocab] = await Promise.all([
    published.select(['category', 'topic', sql<number>`count(*)::int`.as('n')]).groupBy(['category', 'topic']).execute(),
    published.select('id').orderBy('publishedOn').orderBy('id').limit(SOURCE_IDS).execute(),
    published.select(['id', 'category', 'title']).where('category', 'in', FINANCE_CATEGORIES).orderBy('id').limit(FINANCE_MAX).execute(),
    db
      .selectFrom('catalogueItems')
      .select(['disclosure', sql<number>`count(*)::int`.as('n')])
      .where('agencyId', '=', agencyId)
      .where('formedOn', '>=', from)
      .where('formedOn', '<=', to)
      .groupBy('disclosure')
      .execute(),
    db
      .selectFrom('secrecyReviews as s')
      .innerJoin('catalogueItems as i', 'i.id', 's.itemId')
      .select([sql<number>`count(*)::int`.as('reviews'), sql<number>`count(distinct s.item_id)::int`.as('items')])
      .where('i.agencyId', '=', agencyId)
      .where('s.reviewedAt', '>=', yearBounds(year).from)
      .where('s.reviewedAt', '<', yearBounds(year).to)
      .executeTakeFirstOrThrow(),
    catalogueVocab(db, agencyId),
  ]);
  const labelOf = (code: string): string => {
    if (code.startsWith(OWN_CATEGORY_PREFIX)) return vocab.own.find((c) => `${OWN_CATEGORY_PREFIX}${c.code}` === code)?.name ?? code.slice(OWN_CATEGORY_PREFIX.length);
    return ARTICLE_20_ITEMS.find((c) => c.code === code)?.name ?? code;
  };
  return {
    published: groups.reduce((s, g) => s + g.n, 0),
    itemIds: ids.map((r) => Number(r.id)),
    groups: groups.map((g) => ({ category: g.category, categoryLabel: labelOf(g.category), topic: g.topic, count: g.n })),
    finance: finance.map((f) => ({ id: Number(f.id), category: f.category, title: f.title })),
    disclosure: disclosure.map((d) => ({ disclosure: d.disclosure, count: d.n })),
    secrecy: { reviews: secrecy.reviews, items: secrecy.items },
  };
}

/** The 清理 rounds of the year: based on a day of it, or concluded in it. */
export async function cleanupFacts(db: Kysely<DB>, agencyId: number, year: number): Promise<CleanupFacts[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await db
    .selectFrom('cleanupRounds')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where((eb) => eb.or([eb.and([eb('asOf', '>=', from), eb('asOf', '<=', to)]), eb.and([eb('concludedOn', '>=', from), eb('concludedOn', '<=', to)])]))
    .orderBy('id')
    .execute();
  const out: CleanupFacts[] = [];
  for (const r of rows) {
    const round = await getRound(db, agencyId, Number(r.id));
    if (!round) continue;
    out.push({ id: round.id, title: round.title, asOf: round.asOf, state: round.state, concludedOn: round.concludedOn, summary: round.summary, entries: round.entries, byConclusion: { ...round.byConclusion } });
  }
  return out;
}

/** The agency's review chains, who acts at each stage in words (the chain as it stands now). */
export async function chainFacts(db: Kysely<DB>, agencyId: number): Promise<ChainFacts[]> {
  const parent = await parentOf(db, agencyId);
  const out: ChainFacts[] = [];
  for (const subject of REVIEW_SUBJECTS) {
    const chain = await getChain(db, agencyId, subject);
    out.push({
      subject,
      isDefault: chain.isDefault,
      stages: chain.stages.map((s) => ({
        name: s.name,
        agency: s.agency,
        who: s.agency === 'parent' ? [parent?.name ?? '上级机关'] : s.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r),
      })),
    });
  }
  return out;
}
