// Everything the staff page of one catalogue item shows, read for the viewing agency (its own item, or a
// department's item its reviewers were sent): the item, its labels, attachments, versions, 保密审查
// records, the review history and open round, the chain it would go to, the 第二十六条 clock, and what
// the user may do now (the state's actions, narrowed by the user's rights and the stage's roles).

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../domain/calendar/clock-base.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { publicationClock } from '../../domain/catalogue/publication-clock.ts';
import { ARTICLE_20_ITEMS, OWN_CATEGORY_PREFIX } from '../../domain/catalogue/vocab.ts';
import { actionsOf } from '../../domain/catalogue/workflow-rules.ts';
import type { WorkflowAction } from '../../domain/catalogue/workflow-rules.ts';
import { can } from '../accounts/roles.ts';
import type { SessionUser } from '../accounts/roles.ts';
import { getChain } from '../review/chain.ts';
import type { ReviewChain } from '../review/chain.ts';
import { mayDecide, pendingRound, reviewHistory } from '../review/rounds.ts';
import type { DecisionEntry, PendingRound } from '../review/rounds.ts';
import { catalogueVocab, itemVersions } from './items.ts';
import type { ItemRow } from './items.ts';
import { viewableItem } from './workflow.ts';

export interface ItemReference {
  id: number;
  indexNumber: string;
  title: string;
}

export interface ItemView {
  item: ItemRow;
  /** the viewing agency's own item (false: a department's, sent up for review) */
  own: boolean;
  agency: { code: string; name: string };
  categoryLabel: string;
  attachments: { id: number; fileName: string; mediaType: string; size: number }[];
  versions: { version: number; reason: string; savedBy: string | null; savedAt: string }[];
  secrecy: { id: number; version: number; conclusion: string; note: string; reviewerName: string; reviewedAt: string }[];
  history: DecisionEntry[];
  round: PendingRound | null;
  /** the chain a submission goes to now */
  chain: ReviewChain;
  /** the agencies named in the history and the round (id → name) */
  agencyNames: Record<number, string>;
  clock: Clock | null;
  clockError: string | null;
  interprets: ItemReference | null;
  supersededBy: ItemReference | null;
  /** 转主动公开 (条例第四十四条): the application the item was made from */
  sourceApplication: { id: number; number: string } | null;
  /** what the user may do now */
  actions: WorkflowAction[];
  /** why the user may not decide the waiting stage (null: may, or nothing waits here) */
  decideBlocked: string | null;
}

/** The 信息类别's label: 第二十条第（一）项 行政法规… or the agency's own category. */
export function categoryLabel(code: string, own: readonly { code: string; name: string }[]): string {
  const a20 = ARTICLE_20_ITEMS.find((c) => c.code === code);
  if (a20) return `第二十条第（${a20.numeral}）项 ${a20.name}`;
  if (code.startsWith(OWN_CATEGORY_PREFIX)) return own.find((c) => `${OWN_CATEGORY_PREFIX}${c.code}` === code)?.name ?? code;
  return code;
}

async function reference(db: Kysely<DB>, id: number | null): Promise<ItemReference | null> {
  if (id === null) return null;
  return (await db.selectFrom('catalogueItems').select(['id', 'indexNumber', 'title']).where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function viewItem(
  db: Kysely<DB>,
  viewerAgencyId: number,
  itemId: number,
  user: SessionUser,
  options: { calendar: WorkingCalendar; today: string },
): Promise<ItemView | null> {
  const found = await viewableItem(db, viewerAgencyId, itemId);
  if (found === null) return null;
  const { item, own } = found;
  const agency = await db.selectFrom('agencies').select(['code', 'name']).where('id', '=', item.agencyId).executeTakeFirstOrThrow();
  const vocab = await catalogueVocab(db, item.agencyId);
  const attachments = await db.selectFrom('catalogueAttachments').select(['id', 'fileName', 'mediaType', 'size']).where('itemId', '=', item.id).orderBy('position').orderBy('id').execute();
  const versions = (await itemVersions(db, item.id)).map(({ snapshot: _s, ...v }) => v);
  const secrecy = await db.selectFrom('secrecyReviews').select(['id', 'version', 'conclusion', 'note', 'reviewerName', 'reviewedAt']).where('itemId', '=', item.id).orderBy('id', 'desc').execute();
  const history = await reviewHistory(db, 'catalogue', item.id);
  const round = await pendingRound(db, 'catalogue', item.id);
  const chain = await getChain(db, item.agencyId, 'catalogue');
  const ids = [...new Set([...history.map((h) => h.stageAgencyId), round?.stageAgencyId ?? null].filter((x): x is number => x !== null))];
  const names = ids.length === 0 ? [] : await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute();
  const clock = publicationClock(item, options);

  // what the user may do: the state's actions, by the user's rights in the item's agency
  const handle = own && can(user, item.agencyId, 'handle');
  const approve = own && can(user, item.agencyId, 'approve');
  const actions: WorkflowAction[] = [];
  let decideBlocked: string | null = null;
  for (const a of actionsOf(item.state, item.disclosure)) {
    if (a === 'decide') {
      if (round === null || round.stageAgencyId !== viewerAgencyId) continue;
      const may = await mayDecide(db, round, user);
      if (may.ok) actions.push(a);
      else decideBlocked = may.error.message;
    } else if (a === 'withdraw' || a === 'correct') {
      if (approve) actions.push(a);
    } else if (handle) actions.push(a);
  }
  return {
    item,
    own,
    agency,
    categoryLabel: categoryLabel(item.category, vocab.own),
    attachments,
    versions,
    secrecy,
    history,
    round,
    chain,
    agencyNames: Object.fromEntries(names.map((n) => [n.id, n.name])),
    clock: clock?.ok ? clock.value : null,
    clockError: clock !== null && !clock.ok ? clock.error.message : null,
    interprets: await reference(db, item.interpretsId),
    supersededBy: await reference(db, item.supersededBy),
    sourceApplication: item.sourceApplicationId === null ? null : ((await db.selectFrom('applications').select(['id', 'number']).where('id', '=', item.sourceApplicationId).executeTakeFirst()) ?? null),
    actions,
    decideBlocked,
  };
}
