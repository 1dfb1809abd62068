// 转主动公开 (条例第四十四条) and the review of withheld information (条例第十八条) on both engines: an
// application answered 予以公开 becomes a catalogue draft linked to it, which enters the review chain like any
// draft; refused (nothing written) for an application not answered 公开/部分公开; the applicant's suggestion is
// an event; the report's section 一 states the year's count. The register lists both sources with next review
// dates counted by hand (month-end included); a review round records 仍不予公开 or 转为公开 (refusing a date in
// the future or before the decision); the dashboard counts what is due.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { proactiveItem } from '../../src/domain/report/draft/overview-active.ts';
import { createAgency, updateAgency } from '../../src/services/agencies.ts';
import { agencyDashboard } from '../../src/services/agency-dashboard.ts';
import { recordEvent, registerApplication } from '../../src/services/applications.ts';
import type { Actor } from '../../src/services/applications.ts';
import { createItem } from '../../src/services/catalogue/items.ts';
import type { CatalogueActor } from '../../src/services/catalogue/items.ts';
import { recordSecrecyReview, setDisclosure, submitItem } from '../../src/services/catalogue/workflow.ts';
import { proactiveFromApplication, proactiveYear } from '../../src/services/proactive.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { pendingRound } from '../../src/services/review/rounds.ts';
import { countDue, withheldRegister } from '../../src/services/withheld/register.ts';
import { reviewWithheld } from '../../src/services/withheld/review.ts';
import type { Outcome } from '../../src/domain/applications/types.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const TODAY = '2025-11-03';
const who = (today: string): Actor => ({ actor: 'clerk', now: `${today}T02:00:00.000Z`, today, calendar });
const clerk = (today: string): CatalogueActor => ({ userId: null, name: '经办人', now: `${today}T02:00:00.000Z`, today });

describe.each(engines())('转主动公开 and 不予公开 review on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  const apps: Record<string, number> = {};

  const replied = async (key: string, receivedOn: string, repliedOn: string | null, outcome: Outcome, request: string) => {
    const r = await registerApplication(t.db, agencyId, { applicantType: 'natural_person', applicantName: `申请人${key}`, channel: 'in_person', submittedOn: receivedOn, receivedOn, request }, who(receivedOn));
    if (!r.ok) throw new Error(r.error.message);
    apps[key] = r.value.id;
    if (repliedOn !== null) {
      const e = await recordEvent(t.db, agencyId, r.value.id, { type: 'reply', occurredOn: repliedOn, outcome }, who(repliedOn));
      if (!e.ok) throw new Error(e.error.message);
    }
  };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'withheld', name: '示范市自然资源局', level: 'department' }, '2024-01-01T00:00:00Z');
    if (!a.ok) throw new Error('setup');
    agencyId = a.value.id;
    await replied('open', '2025-03-03', '2025-03-10', 'OPEN_PROVIDE', '2024年度城区道路改造工程的招标文件\n第二行');
    await replied('process', '2025-01-20', '2025-01-31', 'DENY_PROCESS_INFO', '某规划的内部讨论记录');
    await replied('third', '2024-09-23', '2024-10-08', 'DENY_THIRD_PARTY', '某企业的经营数据');
    await replied('partial', '2025-04-28', '2025-05-06', 'PARTIAL', '某项目的审批材料');
    await replied('pending', '2025-10-27', null, 'OPEN_PROVIDE', '尚在办理的申请');
    // a catalogue item found 不予公开 on 2024-06-30
    const item = await createItem(t.db, agencyId, { title: '局务会议纪要（内部）', category: 'a20-2', formedOn: '2024-06-28' }, clerk('2024-06-30'));
    if (!item.ok) throw new Error(item.error.message);
    apps['item'] = item.value.id;
    const d = await setDisclosure(t.db, agencyId, item.value.id, { disclosure: '不予公开', reason: '内部管理信息', article: '16-1' }, clerk('2024-06-30'));
    if (!d.ok) throw new Error(d.error.message);
  });

  it('refuses 转主动公开 of an application not answered 予以公开 or 部分公开, writing nothing', async () => {
    const before = await snapshot(t.db);
    for (const key of ['pending', 'third']) {
      const r = await proactiveFromApplication(t.db, agencyId, apps[key] as number, { category: 'a20-15', title: '某信息' }, clerk(TODAY));
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_DISCLOSED' } });
      if (!r.ok) expect(r.error.message).toContain('只有答复为“予以公开”或“部分公开”的申请可以转为主动公开');
    }
    const noCategory = await proactiveFromApplication(t.db, agencyId, apps['open'] as number, { category: '', title: '某信息' }, clerk(TODAY));
    expect(noCategory).toMatchObject({ ok: false, error: { field: 'category' } });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('makes a catalogue draft linked to the application, which then enters the review chain', async () => {
    const r = await proactiveFromApplication(t.db, agencyId, apps['open'] as number, { category: 'a20-15', title: '2024年度城区道路改造工程的招标文件' }, clerk(TODAY));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ state: 'draft', disclosure: '主动公开', sourceApplicationId: apps['open'], formedOn: '2025-03-10', category: 'a20-15', title: '2024年度城区道路改造工程的招标文件' });
    expect(r.value.summary).toContain('2024年度城区道路改造工程的招标文件');
    const audit = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'catalogue.from_application').where('target', '=', `catalogue:${r.value.id}`).execute();
    expect(audit).toHaveLength(1);
    // the catalogue's own way: 保密审查, then submission into 初审/复审/签发
    const secrecy = await recordSecrecyReview(t.db, agencyId, r.value.id, { conclusion: '不涉密' }, clerk(TODAY));
    expect(secrecy.ok).toBe(true);
    const submitted = await submitItem(t.db, agencyId, r.value.id, clerk(TODAY));
    expect(submitted).toMatchObject({ ok: true, value: { state: 'in_review' } });
    const round = await pendingRound(t.db, 'catalogue', r.value.id);
    expect(round?.stage).toBe(1);
    expect(round?.stages.map((s) => s.name)).toEqual(['初审', '复审', '签发']);
    // once: a second action is refused, nothing written
    const before = await snapshot(t.db);
    const again = await proactiveFromApplication(t.db, agencyId, apps['open'] as number, { category: 'a20-15', title: '再次' }, clerk(TODAY));
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_PROACTIVE' } });
    expect(await snapshot(t.db)).toBe(before);
  });

  it('records the applicant’s suggestion as a step that leaves the state as it was; the report states the year’s count', async () => {
    const s = await recordEvent(t.db, agencyId, apps['partial'] as number, { type: 'suggest_proactive', occurredOn: TODAY, note: '建议纳入主动公开' }, who(TODAY));
    expect(s).toMatchObject({ ok: true, value: { state: 'replied' } });
    const ev = await t.db.selectFrom('applicationEvents').select(['type', 'stateBefore', 'stateAfter', 'data']).where('applicationId', '=', apps['partial'] as number).where('type', '=', 'suggest_proactive').executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ stateBefore: 'replied', stateAfter: 'replied', data: { note: '建议纳入主动公开' } });
    expect(await proactiveYear(t.db, agencyId, 2025)).toMatchObject({ items: 1, suggestions: 1 });
    expect(await proactiveYear(t.db, agencyId, 2024)).toMatchObject({ items: 0, suggestions: 0 });
    const draft = await draftFor(t.db, 'withheld', 2025);
    if (!draft.ok) throw new Error(draft.error.message);
    const text = JSON.stringify(draft.value.draft);
    expect(text).toContain('本年度将1件依申请公开的政府信息转为主动公开，登记申请人关于纳入主动公开范围的建议1件');
    const last = await draftFor(t.db, 'withheld', 2024);
    if (!last.ok) throw new Error(last.error.message);
    expect(JSON.stringify(last.value.draft)).not.toContain('转为主动公开');
    // the pure sentence: none when nothing was made proactive
    expect(proactiveItem({ proactive: { items: 0, itemIds: [], suggestions: 3 } } as never)).toEqual([]);
  });

  it('lists both sources with their grounds and next review dates counted by hand; the period is a setting', async () => {
    const r = await withheldRegister(t.db, agencyId, { today: TODAY });
    const rows = r.entries.map((e) => [e.source, e.label.length > 0, e.decidedOn, e.nextReviewOn, e.due]);
    // due first: the item (2024-06-30 + 12 months), the 第三方 reply (2024-10-08 + 12); then 2026-01-31, 2026-05-06
    expect(rows).toEqual([
      ['catalogue', true, '2024-06-30', '2025-06-30', true],
      ['application', true, '2024-10-08', '2025-10-08', true],
      ['application', true, '2025-01-31', '2026-01-31', false],
      ['application', true, '2025-05-06', '2026-05-06', false],
    ]);
    expect(r.due).toBe(2);
    expect(r.entries[0]?.ground).toContain('第十六条第一款');
    expect(r.entries[1]?.ground).toContain('不予公开：保护第三方合法权益');
    expect(r.entries.some((e) => e.sourceId === apps['open'] && e.source === 'application')).toBe(false);
    // 13 months: 2025-01-31 → 2026-02-28 (no 31 February: the month's last day); 2024-10-08 → 2025-11-08, not yet due
    await updateAgency(t.db, 'withheld', { withheldReviewMonths: 13 });
    const thirteen = await withheldRegister(t.db, agencyId, { today: TODAY });
    expect(thirteen.entries.find((e) => e.decidedOn === '2025-01-31')?.nextReviewOn).toBe('2026-02-28');
    expect(thirteen.entries.find((e) => e.decidedOn === '2024-10-08')?.nextReviewOn).toBe('2025-11-08');
    expect(thirteen.due).toBe(1);
    await updateAgency(t.db, 'withheld', { withheldReviewMonths: 12 });
    expect(await countDue(t.db, agencyId, TODAY)).toBe(2);
    const dashboard = await agencyDashboard(t.db, agencyId, { calendar, today: TODAY });
    expect(dashboard.withheldDue).toBe(2);
  });

  it('a review round: refusals change nothing; 仍不予公开 moves the next date; 转为公开 makes the draft or changes the 公开属性', async () => {
    const third = apps['third'] as number;
    const before = await snapshot(t.db);
    const future = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: third, reviewedOn: '2025-11-04', outcome: 'still_withheld', note: '情势未变' }, clerk(TODAY));
    expect(future).toMatchObject({ ok: false, error: { code: 'DATE_IN_FUTURE', field: 'reviewedOn' } });
    const early = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: third, reviewedOn: '2024-10-07', outcome: 'still_withheld', note: '情势未变' }, clerk(TODAY));
    expect(early).toMatchObject({ ok: false, error: { code: 'DATE_BEFORE_DECISION' } });
    const notWithheld = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: apps['open'] as number, reviewedOn: TODAY, outcome: 'still_withheld', note: '情势未变' }, clerk(TODAY));
    expect(notWithheld).toMatchObject({ ok: false, error: { code: 'ENTRY_NOT_FOUND' } });
    const noCategory = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: apps['process'] as number, reviewedOn: TODAY, outcome: 'released', note: '' }, clerk(TODAY));
    expect(noCategory).toMatchObject({ ok: false, error: { field: 'category' } });
    expect(await snapshot(t.db)).toBe(before);

    const kept = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: third, reviewedOn: '2025-11-01', outcome: 'still_withheld', note: '第三方仍不同意公开' }, clerk(TODAY));
    expect(kept).toMatchObject({ ok: true, value: { outcome: 'still_withheld', itemId: null } });
    const item = apps['item'] as number;
    const released = await reviewWithheld(t.db, agencyId, { source: 'catalogue', sourceId: item, reviewedOn: TODAY, outcome: 'released', note: '会议议定事项已执行完毕' }, clerk(TODAY));
    expect(released).toMatchObject({ ok: true, value: { outcome: 'released', itemId: item, disclosureChanged: true } });
    const row = await t.db.selectFrom('catalogueItems').select(['disclosure', 'disclosureArticle']).where('id', '=', item).executeTakeFirstOrThrow();
    expect(row).toEqual({ disclosure: '主动公开', disclosureArticle: null });
    const fromApp = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: apps['process'] as number, reviewedOn: TODAY, outcome: 'released', note: '规划已批准', category: 'a20-3', title: '某规划的讨论记录' }, clerk(TODAY));
    if (!fromApp.ok) throw new Error(fromApp.error.message);
    const draft = await t.db.selectFrom('catalogueItems').select(['sourceApplicationId', 'state', 'disclosure']).where('id', '=', fromApp.value.itemId as number).executeTakeFirstOrThrow();
    expect(draft).toEqual({ sourceApplicationId: apps['process'], state: 'draft', disclosure: '主动公开' });

    const r = await withheldRegister(t.db, agencyId, { today: TODAY });
    expect(r.entries.map((e) => [e.decidedOn, e.lastReviewedOn, e.lastOutcome, e.nextReviewOn, e.due])).toEqual([
      ['2025-05-06', null, null, '2026-05-06', false],
      ['2024-10-08', '2025-11-01', 'still_withheld', '2026-11-01', false],
      ['2025-01-31', TODAY, 'released', null, false],
    ]);
    expect(r.due).toBe(0);
    const audit = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'withheld.review').execute();
    expect(audit).toHaveLength(3);
    const again = await reviewWithheld(t.db, agencyId, { source: 'application', sourceId: apps['process'] as number, reviewedOn: TODAY, outcome: 'still_withheld', note: '再审' }, clerk(TODAY));
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_RELEASED' } });
    expect((await agencyDashboard(t.db, agencyId, { calendar, today: TODAY })).withheldDue).toBe(0);
  });
});
