// The facts behind the annual report's prose (services/report-facts.ts) on each engine: added, changed
// and deleted with their audit entries in the same transaction; every refusal (a field missing or out of
// the year, a second profile, a suggestion without its event, a stale form, another agency's fact)
// leaves the database as it was; deleting an event deletes its suggestions; last year's problems are
// carried from the published report once; a clerk's wording of a sentence is kept and reverted.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { carryProblems, createFact, deleteFact, listEdits, listFacts, revertEdit, saveEdit, updateFact } from '../../src/services/report-facts.ts';
import type { FactsActor } from '../../src/services/report-facts.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const actor: FactsActor = { userId: null, now: '2025-01-10T02:00:00.000Z', ip: '203.0.113.9' };
const SEED = join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json');
const SEED_TEXT = join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.txt');

const openDay = { name: '政府开放日', theme: '勤俭节约作表率、高效保障树形象', date: '2024-05-15', participants: '25', invitees: '社区工作人员、群众代表及合作单位代表', forms: '实地参观、座谈交流', effect: '' };

describe.each(engines())('report facts on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let otherId = 0;

  const audits = async (action: string) => (await t.db.selectFrom('auditLog').selectAll().where('action', '=', action).execute()).length;

  /** The refusal changes nothing at all. */
  async function refusedUnchanged<T>(run: () => Promise<{ ok: boolean; error?: { code: string; message: string } } & T>, code: string): Promise<string> {
    const before = await snapshot(t.db);
    const r = await run();
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe(code);
    expect(await snapshot(t.db)).toBe(before);
    return r.error?.message ?? '';
  }

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'zwjg', name: '中卫市机关事务服务中心', level: 'department' }, actor.now);
    const b = await createAgency(t.db, { code: 'other', name: '某市某局', level: 'department' }, actor.now);
    if (!a.ok || !b.ok) throw new Error('agency');
    agencyId = a.value.id;
    otherId = b.value.id;
  });

  it('adds a fact with its audit entry, as checked (numbers as numbers), with who and when', async () => {
    const r = await createFact(t.db, agencyId, 2024, 'event', openDay, null, actor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.data).toEqual({ ...openDay, participants: 25 });
    expect(r.value.version).toBe(1);
    expect(r.value.createdAt).toBe(actor.now);
    const entry = await t.db.selectFrom('auditLog').selectAll().where('target', '=', `report_fact:${r.value.id}`).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'report_fact.create', agencyId, ip: '203.0.113.9', at: actor.now });
    expect(entry.detail).toMatchObject({ year: 2024, kind: 'event', data: { participants: 25 } });
  });

  it('refuses, changing nothing: a required field, a date outside the year, an unknown kind or choice, a count that is not one', async () => {
    expect(await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'event', { ...openDay, name: ' ' }, null, actor), 'FIELD_REQUIRED')).toContain('活动名称');
    expect(await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'event', { ...openDay, date: '2023-12-31' }, null, actor), 'DATE_OUTSIDE_YEAR')).toContain('不在2024年内');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'event', { ...openDay, participants: '二十五' }, null, actor), 'INVALID_COUNT');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'meeting', {}, null, actor), 'UNKNOWN_KIND');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'supervision', { type: '表扬', what: '检查' }, null, actor), 'UNKNOWN_CHOICE');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'proposal', { type: '政协提案', handled: '2', disclosed: '3' }, null, actor), 'DISCLOSED_ABOVE_HANDLED');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2026, 'measure', { text: '加强学习' }, null, actor), 'INVALID_YEAR');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'measure', { text: '加强\u0000学习' }, null, actor), 'CONTROL_CHARACTERS');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'measure', { text: '长'.repeat(1001) }, null, actor), 'INVALID_INPUT');
  });

  it('keeps one profile a year, and a suggestion only under an event of the same agency and year', async () => {
    expect((await createFact(t.db, agencyId, 2024, 'profile', { selfName: '中心', shortName: '', officeName: '综合科' }, null, actor)).ok).toBe(true);
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'profile', { selfName: '本中心' }, null, actor), 'FACT_EXISTS');
    const event = (await listFacts(t.db, agencyId, 2024)).find((f) => f.kind === 'event');
    if (!event) throw new Error('event');
    const suggestion = { text: '公务用车使用情况应定期公开', rectification: '已在网站公开', state: '已整改' };
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'suggestion', suggestion, null, actor), 'PARENT_REQUIRED');
    await refusedUnchanged(() => createFact(t.db, otherId, 2024, 'suggestion', suggestion, event.id, actor), 'PARENT_NOT_FOUND');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2023, 'suggestion', suggestion, event.id, actor), 'PARENT_NOT_FOUND');
    await refusedUnchanged(() => createFact(t.db, agencyId, 2024, 'measure', { text: '加强学习' }, event.id, actor), 'PARENT_NOT_ALLOWED');
    const added = await createFact(t.db, agencyId, 2024, 'suggestion', suggestion, event.id, actor);
    expect(added.ok && added.value.parentId).toBe(event.id);
  });

  it('changes a fact from the version it was read at, audited with before and after; a stale form or another agency changes nothing', async () => {
    const event = (await listFacts(t.db, agencyId, 2024)).find((f) => f.kind === 'event');
    if (!event) throw new Error('event');
    const r = await updateFact(t.db, agencyId, event.id, { ...openDay, participants: '26' }, event.version, { ...actor, now: '2025-01-11T02:00:00.000Z' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ version: 2, updatedAt: '2025-01-11T02:00:00.000Z', data: { participants: 26 } });
    const entry = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'report_fact.update').executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ before: { participants: 25 }, after: { participants: 26 } });
    expect(await refusedUnchanged(() => updateFact(t.db, agencyId, event.id, openDay, 1, actor), 'VERSION_CONFLICT')).toContain('已被他人修改');
    await refusedUnchanged(() => updateFact(t.db, otherId, event.id, openDay, 2, actor), 'NOT_FOUND');
    await refusedUnchanged(() => updateFact(t.db, agencyId, event.id, { ...openDay, date: '' }, 2, actor), 'FIELD_REQUIRED');
  });

  it('deletes an event with its suggestions, in one audited step', async () => {
    const event = (await listFacts(t.db, agencyId, 2024)).find((f) => f.kind === 'event');
    if (!event) throw new Error('event');
    await refusedUnchanged(() => deleteFact(t.db, otherId, event.id, actor), 'NOT_FOUND');
    const r = await deleteFact(t.db, agencyId, event.id, actor);
    expect(r).toEqual({ ok: true, value: { deleted: 2 } });
    const left = await listFacts(t.db, agencyId, 2024);
    expect(left.some((f) => f.kind === 'event' || f.kind === 'suggestion')).toBe(false);
    const entry = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'report_fact.delete').executeTakeFirstOrThrow();
    expect((entry.detail['children'] as unknown[]).length).toBe(1);
  });

  it('carries the problems of last year’s published report once; refuses without one', async () => {
    await refusedUnchanged(() => carryProblems(t.db, agencyId, 2025, actor), 'NO_PREVIOUS_REPORT');
    const text = readFileSync(SEED_TEXT, 'utf8');
    const problems = text.slice(text.indexOf('五、存在的主要问题及改进情况') + 15, text.indexOf('六、其他需要报告的事项')).trim();
    const report: AnnualReport = { ...(JSON.parse(readFileSync(SEED, 'utf8')) as AnnualReport), text: { overview: '总体情况', problems, other: '无' } };
    await t.db.insertInto('publishedReports').values({ agencyId, year: 2024, report: JSON.stringify(report), publishedAt: '2025-01-20T00:00:00Z', publishedBy: null }).execute();
    const r = await carryProblems(t.db, agencyId, 2025, { ...actor, now: '2025-03-01T00:00:00.000Z' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => f.data)).toEqual([
      { origin: 'previous', text: '个别干部职工对政府信息公开工作的重要性认识还不够到位，个别事项主动公开的时效性还不够强', followUp: '', state: '' },
      { origin: 'previous', text: '单位没有门户网站，政府信息公开大多借助市政府网站，公开途径比较单一', followUp: '', state: '' },
    ]);
    expect(await audits('report_fact.carry')).toBe(1);
    await refusedUnchanged(() => carryProblems(t.db, agencyId, 2025, { ...actor, now: '2025-03-01T00:00:00.000Z' }), 'ALREADY_CARRIED');
  });

  it('keeps a clerk’s wording of a sentence (one per sentence), and reverts it, each audited', async () => {
    const first = await saveEdit(t.db, agencyId, 2024, 'overview.applications.received', '中心全年未收到\n政府信息公开申请。', '中心未收到任何形式的政府信息公开申请。', actor);
    expect(first.ok && first.value.text).toBe('中心全年未收到政府信息公开申请。');
    const second = await saveEdit(t.db, agencyId, 2024, 'overview.applications.received', '中心全年未收到申请。', '中心未收到任何形式的政府信息公开申请。', actor);
    expect(second.ok).toBe(true);
    expect(await listEdits(t.db, agencyId, 2024)).toMatchObject([{ sentenceId: 'overview.applications.received', text: '中心全年未收到申请。' }]);
    await refusedUnchanged(() => saveEdit(t.db, agencyId, 2024, '../x', '文字', '', actor), 'NOT_FOUND');
    await refusedUnchanged(() => saveEdit(t.db, agencyId, 2024, 'overview.opening', '长'.repeat(4001), '', actor), 'INVALID_INPUT');
    expect((await revertEdit(t.db, agencyId, 2024, 'overview.applications.received', actor)).ok).toBe(true);
    expect(await listEdits(t.db, agencyId, 2024)).toEqual([]);
    await refusedUnchanged(() => revertEdit(t.db, agencyId, 2024, 'overview.applications.received', actor), 'NOT_FOUND');
    expect(await audits('report_draft.edit')).toBe(2);
    expect(await audits('report_draft.revert')).toBe(1);
  });
});
