// The demo agency's 转主动公开 (条例第四十四条) and review of withheld information (条例第十八条), through the
// services a user works with: one application answered 予以公开 made into a catalogue draft, one applicant's
// suggestion recorded, a catalogue item found 不予公开 over a year ago (due for review), and one review of a
// 不予公开 reply recorded (仍不予公开).

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { recordEvent } from '../applications.ts';
import { createItem } from '../catalogue/items.ts';
import type { CatalogueActor } from '../catalogue/items.ts';
import { setDisclosure } from '../catalogue/workflow.ts';
import { proactiveFromApplication, suggestedTitle } from '../proactive.ts';
import { Refused } from '../transactions.ts';
import { reviewWithheld } from '../withheld/review.ts';

const daysBefore = (today: string, n: number): string => toIsoDate((parseIsoDate(today) as number) - n);

export async function loadDemoProactive(db: Kysely<DB>, agencyId: number, options: { today: string; calendar: WorkingCalendar; stamp: (date: string, k: number) => string; userId: number | null }): Promise<void> {
  const { today, stamp } = options;
  const actor = (on: string, k: number): CatalogueActor => ({ userId: options.userId, name: '演示办公室', now: stamp(on, k), today: on });
  const answered = await db.selectFrom('applications').select(['id', 'number', 'request', 'outcome', 'closedOn']).where('agencyId', '=', agencyId).where('state', 'in', ['replied', 'delivered']).orderBy('closedOn').orderBy('id').execute();
  const granted = answered.find((a) => a.outcome === 'OPEN_PROVIDE');
  if (granted) {
    const made = await proactiveFromApplication(db, agencyId, granted.id, { category: 'a20-15', title: suggestedTitle(granted.request), summary: '' }, actor(today, 30));
    if (!made.ok) throw new Refused(made.error);
  }
  const suggested = answered.find((a) => a.id !== granted?.id && a.outcome !== null && a.outcome.startsWith('OPEN_'));
  if (suggested) {
    const r = await recordEvent(db, agencyId, suggested.id, { type: 'suggest_proactive', occurredOn: today, note: '申请人来电建议将该信息在政府信息公开专栏主动公开，便于其他村民查阅' }, { actor: 'demo-handler', now: stamp(today, 31), today, calendar: options.calendar });
    if (!r.ok) throw new Refused(r.error);
  }
  // a 过程性信息 kept 不予公开, decided 400 days ago: due for its yearly review
  const decidedOn = daysBefore(today, 400);
  const item = await createItem(db, agencyId, { title: '示范县国土空间总体规划（征求意见稿）内部审议意见汇总', category: 'a20-3', formedOn: decidedOn, summary: '规划编制过程中各部门的内部审议意见' }, actor(decidedOn, 1));
  if (!item.ok) throw new Refused(item.error);
  const withheld = await setDisclosure(db, agencyId, item.value.id, { disclosure: '不予公开', reason: '属于规划编制过程中的内部审议意见，规划批准前公开可能影响决策', article: '16-2' }, actor(decidedOn, 2));
  if (!withheld.ok) throw new Refused(withheld.error);
  // a 不予公开 reply reviewed: the circumstances unchanged
  const denied = answered.find((a) => a.outcome !== null && a.outcome.startsWith('DENY_') && a.closedOn !== null);
  if (denied) {
    const reviewed = await reviewWithheld(db, agencyId, { source: 'application', sourceId: denied.id, reviewedOn: today, outcome: 'still_withheld', note: '经评估，不予公开的情形未发生变化，继续不予公开' }, actor(today, 32));
    if (!reviewed.ok) throw new Refused(reviewed.error);
  }
}
