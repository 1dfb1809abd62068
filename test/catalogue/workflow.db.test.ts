// The workflow before and at publication (services/catalogue/workflow.ts, publication.ts, services/review)
// on each engine: 公开属性 and 保密审查 gate submission and every refusal leaves the database unchanged;
// the default chain 初审/复审/签发 with who may act; the same-person rule; a stage of the parent agency;
// return then resubmit; scheduled publication by the runner (the time passed in) under its lock;
// withdrawal and correction, audited.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { addMembership, createUser } from '../../src/services/accounts.ts';
import type { Role, SessionUser } from '../../src/services/accounts.ts';
import { loadUser } from '../../src/services/accounts/common.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createItem, getItem, itemVersions } from '../../src/services/catalogue/items.ts';
import type { CatalogueActor } from '../../src/services/catalogue/items.ts';
import { correctItem, publishDue, publishItem, unscheduleItem, withdrawItem } from '../../src/services/catalogue/publication.ts';
import { decideItem, recordSecrecyReview, setDisclosure, submitItem, viewableItem } from '../../src/services/catalogue/workflow.ts';
import { getChain, setChain } from '../../src/services/review/chain.ts';
import { inbox } from '../../src/services/review/inbox.ts';
import { decodeCursor } from '../../src/services/keyset.ts';
import { pendingRound, reviewHistory } from '../../src/services/review/rounds.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const NOW = '2024-11-20T10:00:00.000+08:00';
const TODAY = '2024-11-20';

let counter = 0;
async function person(db: Kysely<DB>, agencyId: number, roles: Role[]): Promise<SessionUser> {
  counter += 1;
  const u = await createUser(db, { username: `wf-${counter}`, displayName: `审核人${counter}`, password: 'correct horse battery' }, NOW);
  if (!u.ok) throw new Error(u.error.message);
  for (const r of roles) await addMembership(db, u.value.id, agencyId, r);
  return (await loadUser(db, u.value.id)) as SessionUser;
}

const actor = (user: SessionUser, now = NOW): CatalogueActor & { user: SessionUser } => ({ userId: user.id, name: user.displayName, now, today: now.slice(0, 10), user });

describe.each(engines())('catalogue workflow on %s', (engine) => {
  const t = useDatabase(engine);
  let gov = 0;
  let dept = 0;
  let people: Record<'handler' | 'head' | 'head2' | 'office' | 'leader' | 'admin' | 'govOffice' | 'supervisor', SessionUser>;

  beforeAll(async () => {
    const g = await createAgency(t.db, { code: 'wf-gov', name: '示范市人民政府', level: 'government' }, NOW);
    if (!g.ok) throw new Error(g.error.message);
    const d = await createAgency(t.db, { code: 'wf-zrzy', name: '示范市自然资源和规划局', level: 'department', parentCode: 'wf-gov' }, NOW);
    if (!d.ok) throw new Error(d.error.message);
    gov = g.value.id;
    dept = d.value.id;
    people = {
      handler: await person(t.db, dept, ['handler']),
      head: await person(t.db, dept, ['section_head']),
      head2: await person(t.db, dept, ['section_head', 'office']),
      office: await person(t.db, dept, ['office']),
      leader: await person(t.db, dept, ['leader']),
      admin: await person(t.db, dept, ['admin']),
      govOffice: await person(t.db, gov, ['office']),
      supervisor: await person(t.db, dept, ['supervisor']),
    };
  });

  const draft = async (title = '关于印发示范市农村宅基地管理办法的通知', formedOn = '2024-11-01') => {
    const r = await createItem(t.db, dept, { title, category: 'a20-1', docType: '行政规范性文件', writtenOn: formedOn, formedOn, docNumber: '示范自然资规〔2024〕3号', body: '## 第一章\n正文。' }, actor(people.handler));
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const ready = async (title?: string) => {
    const item = await draft(title);
    expect((await setDisclosure(t.db, dept, item.id, { disclosure: '主动公开' }, actor(people.handler))).ok).toBe(true);
    expect((await recordSecrecyReview(t.db, dept, item.id, { conclusion: '不涉密', version: item.version }, actor(people.handler))).ok).toBe(true);
    return item;
  };
  const approve = (who: SessionUser, id: number, viewer = dept) => decideItem(t.db, viewer, id, { decision: 'approve' }, actor(who));

  it('the default chain is 初审 (科室负责人), 复审 (办公室), 签发 (分管领导)', async () => {
    const chain = await getChain(t.db, dept, 'catalogue');
    expect(chain.isDefault).toBe(true);
    expect(chain.stages.map((s) => [s.name, s.roles, s.agency])).toEqual([
      ['初审', ['section_head'], 'self'],
      ['复审', ['office'], 'self'],
      ['签发', ['leader'], 'self'],
    ]);
    expect(chain.allowSamePerson).toBe(false);
  });

  it('公开属性 and 保密审查 refusals leave the database unchanged', async () => {
    const item = await draft();
    const before = await snapshot(t.db);
    const refusals = [
      await submitItem(t.db, dept, item.id, actor(people.handler)), // no 公开属性
      await setDisclosure(t.db, dept, item.id, { disclosure: '依申请公开', article: '15', reason: '涉及第三方' }, actor(people.handler)), // no article for 依申请公开
      await setDisclosure(t.db, dept, item.id, { disclosure: '依申请公开' }, actor(people.handler)), // no reason
      await setDisclosure(t.db, dept, item.id, { disclosure: '不予公开', reason: '内部事务' }, actor(people.handler)), // no article
      await setDisclosure(t.db, dept, item.id, { disclosure: '不予公开', reason: '内部事务', article: '第十七条' }, actor(people.handler)), // not a withholding article
      await setDisclosure(t.db, dept, item.id, { disclosure: '半公开' }, actor(people.handler)),
      await recordSecrecyReview(t.db, dept, item.id, { conclusion: '涉密' }, actor(people.handler)), // 涉密 needs a note
      await recordSecrecyReview(t.db, dept, item.id, { conclusion: '不涉密', version: item.version + 1 }, actor(people.handler)), // another version
      await recordSecrecyReview(t.db, dept, item.id, { conclusion: '保密' }, actor(people.handler)),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'DISCLOSURE_REQUIRED',
      'ARTICLE_NOT_APPLICABLE',
      'DISCLOSURE_REASON_REQUIRED',
      'WITHHOLDING_ARTICLE_REQUIRED',
      'WITHHOLDING_ARTICLE_REQUIRED',
      'UNKNOWN_DISCLOSURE',
      'SECRECY_NOTE_REQUIRED',
      'VERSION_CONFLICT',
      'UNKNOWN_SECRECY_CONCLUSION',
    ]);
    expect(await snapshot(t.db)).toEqual(before);

    // 主动公开 without a 保密审查, then with a 涉密 one: refused, unchanged
    expect((await setDisclosure(t.db, dept, item.id, { disclosure: '主动公开' }, actor(people.handler))).ok).toBe(true);
    const noReview = await snapshot(t.db);
    const r1 = await submitItem(t.db, dept, item.id, actor(people.handler));
    expect(r1.ok ? '' : r1.error.code).toBe('SECRECY_REVIEW_REQUIRED');
    expect(await snapshot(t.db)).toEqual(noReview);
    expect((await recordSecrecyReview(t.db, dept, item.id, { conclusion: '需报请审查', note: '涉及测绘成果，报请保密局审查' }, actor(people.handler))).ok).toBe(true);
    const referred = await snapshot(t.db);
    const r2 = await submitItem(t.db, dept, item.id, actor(people.handler));
    expect(r2.ok ? '' : r2.error.code).toBe('SECRECY_NOT_CLEARED');
    expect(await snapshot(t.db)).toEqual(referred);

    // a review of an older version does not count
    await sql`update catalogue_items set version = version + 1 where id = ${item.id}`.execute(t.db);
    const r3 = await submitItem(t.db, dept, item.id, actor(people.handler));
    expect(r3.ok ? '' : r3.error.code).toBe('SECRECY_REVIEW_REQUIRED');

    // 不予公开 with its article, 依申请公开 with a reason: accepted, and they go to review without a 保密审查
    const other = await draft('内部工作流程');
    expect((await setDisclosure(t.db, dept, other.id, { disclosure: '不予公开', reason: '内部工作流程', article: '16-1' }, actor(people.handler))).ok).toBe(true);
    expect((await getItem(t.db, dept, other.id))?.disclosureArticle).toBe('16-1');
    expect((await submitItem(t.db, dept, other.id, actor(people.handler))).ok).toBe(true);
  });

  it('three approvals by the right people; who may act; the same person not twice; refusals unchanged', async () => {
    const item = await ready();
    const s = await submitItem(t.db, dept, item.id, actor(people.handler));
    expect(s.ok && s.value.state).toBe('in_review');
    const before = await snapshot(t.db);
    const wrong = [
      await approve(people.office, item.id), // 初审 is the 科室负责人's
      await approve(people.handler, item.id),
      await approve(people.supervisor, item.id),
      await approve(people.admin, item.id), // an administrator is not a reviewer unless the chain says so
      await approve(people.govOffice, item.id, gov), // the parent's office: not a stage of this chain
      await decideItem(t.db, dept, item.id, { decision: 'return', comment: '  ' }, actor(people.head)), // return needs comments
      await decideItem(t.db, dept, item.id, { decision: 'approve', stage: 2 }, actor(people.head)), // stale page
    ];
    expect(wrong.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['REVIEW_NOT_ALLOWED', 'REVIEW_NOT_ALLOWED', 'REVIEW_NOT_ALLOWED', 'REVIEW_NOT_ALLOWED', 'ITEM_NOT_FOUND', 'RETURN_COMMENT_REQUIRED', 'REVIEW_STALE']);
    expect(await snapshot(t.db)).toEqual(before);

    // head2 holds 科室负责人 and 办公室: 初审 yes, then 复审 of the same version no
    const first = await approve(people.head2, item.id);
    expect(first.ok && [first.value.outcome, first.value.next]).toEqual(['advanced', '复审']);
    const inboxHead2 = await inbox(t.db, people.head2, dept, { limit: 20 });
    expect(inboxHead2.rows.map((r) => r.subjectId)).not.toContain(item.id);
    const inboxOffice = await inbox(t.db, people.office, dept, { limit: 20 });
    expect(inboxOffice.rows.map((r) => [r.subjectId, r.stageName])).toContainEqual([item.id, '复审']);
    const mid = await snapshot(t.db);
    const twice = await approve(people.head2, item.id);
    expect(twice.ok ? '' : twice.error.code).toBe('SAME_PERSON');
    expect(await snapshot(t.db)).toEqual(mid);

    expect((await approve(people.office, item.id)).ok).toBe(true);
    const last = await approve(people.leader, item.id);
    expect(last.ok && [last.value.outcome, last.value.item.state]).toEqual(['approved', 'approved']);
    expect(await pendingRound(t.db, 'catalogue', item.id)).toBeNull();
    const history = await reviewHistory(t.db, 'catalogue', item.id);
    expect(history.map((h) => [h.stageName, h.decision, h.actorName])).toEqual([
      ['提交审核', 'submit', people.handler.displayName],
      ['初审', 'approve', people.head2.displayName],
      ['复审', 'approve', people.office.displayName],
      ['签发', 'approve', people.leader.displayName],
    ]);
    const audits = await t.db.selectFrom('auditLog').select('action').where('target', '=', `catalogue:${item.id}`).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['catalogue.create', 'catalogue.disclosure', 'catalogue.secrecy_review', 'catalogue.submit', 'catalogue.review.approve', 'catalogue.review.approve', 'catalogue.review.approve']);
  });

  it('the inbox pages by cursor, oldest waiting first, both ways', async () => {
    const other = await createAgency(t.db, { code: 'wf-pages', name: '示范市某翻页局', level: 'department' }, NOW);
    if (!other.ok) throw new Error(other.error.message);
    const head = await person(t.db, other.value.id, ['section_head']);
    const clerk = await person(t.db, other.value.id, ['handler']);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = `2024-11-20T0${i}:00:00.000+08:00`;
      const item = await createItem(t.db, other.value.id, { title: `待审信息${i}`, category: 'a20-2', docType: '工作动态' }, actor(clerk, at));
      if (!item.ok) throw new Error(item.error.message);
      await setDisclosure(t.db, other.value.id, item.value.id, { disclosure: '依申请公开', reason: '依申请提供' }, actor(clerk, at));
      await submitItem(t.db, other.value.id, item.value.id, actor(clerk, at));
      ids.push(item.value.id);
    }
    const p1 = await inbox(t.db, head, other.value.id, { limit: 2 });
    expect([p1.rows.map((r) => r.subjectId), p1.total, p1.prev]).toEqual([ids.slice(0, 2), 5, null]);
    const p2 = await inbox(t.db, head, other.value.id, { limit: 2, after: decodeCursor(p1.next) });
    expect(p2.rows.map((r) => r.subjectId)).toEqual(ids.slice(2, 4));
    const p3 = await inbox(t.db, head, other.value.id, { limit: 2, after: decodeCursor(p2.next) });
    expect([p3.rows.map((r) => r.subjectId), p3.next]).toEqual([ids.slice(4), null]);
    const back = await inbox(t.db, head, other.value.id, { limit: 2, before: decodeCursor(p3.prev) });
    expect(back.rows.map((r) => r.subjectId)).toEqual(ids.slice(2, 4));
    // a hand-made cursor whose key is not a moment: the first page, never an error
    for (const after of [{ key: 123, id: 5 }, { key: 'garbage', id: 5 }]) expect((await inbox(t.db, head, other.value.id, { limit: 2, after })).rows.map((r) => r.subjectId)).toEqual(ids.slice(0, 2));
    // someone without the stage's role has nothing waiting
    expect((await inbox(t.db, clerk, other.value.id, { limit: 2 })).total).toBe(0);
  });

  it('the agency may allow one person at two stages', async () => {
    const other = await createAgency(t.db, { code: 'wf-small', name: '示范市某小局', level: 'department' }, NOW);
    if (!other.ok) throw new Error(other.error.message);
    const boss = await person(t.db, other.value.id, ['section_head', 'leader']);
    const clerk = await person(t.db, other.value.id, ['handler']);
    const set = await setChain(t.db, other.value.id, 'catalogue', { stages: [{ name: '初审', roles: ['section_head'], agency: 'self' }, { name: '签发', roles: ['leader'], agency: 'self' }], allowSamePerson: true }, { userId: boss.id, now: NOW });
    expect(set.ok).toBe(true);
    const item = await createItem(t.db, other.value.id, { title: '工作动态', category: 'a20-2', docType: '工作动态' }, actor(clerk));
    if (!item.ok) throw new Error(item.error.message);
    await setDisclosure(t.db, other.value.id, item.value.id, { disclosure: '主动公开' }, actor(clerk));
    await recordSecrecyReview(t.db, other.value.id, item.value.id, { conclusion: '不涉密' }, actor(clerk));
    await submitItem(t.db, other.value.id, item.value.id, actor(clerk));
    expect((await approve(boss, item.value.id, other.value.id)).ok).toBe(true);
    const second = await approve(boss, item.value.id, other.value.id);
    expect(second.ok && second.value.outcome).toBe('approved');
    // a chain that makes no sense is refused, unchanged
    const before = await snapshot(t.db);
    const bad = [
      await setChain(t.db, other.value.id, 'catalogue', { stages: [], allowSamePerson: false }, { userId: boss.id, now: NOW }),
      await setChain(t.db, other.value.id, 'catalogue', { stages: [{ name: '初审', roles: [], agency: 'self' }], allowSamePerson: false }, { userId: boss.id, now: NOW }),
      await setChain(t.db, other.value.id, 'catalogue', { stages: [{ name: '初审', roles: ['supervisor'], agency: 'self' }], allowSamePerson: false }, { userId: boss.id, now: NOW }),
      await setChain(t.db, other.value.id, 'catalogue', { stages: [{ name: '审核', roles: ['office'], agency: 'parent' }], allowSamePerson: false }, { userId: boss.id, now: NOW }),
      await setChain(t.db, other.value.id, 'catalogue', { stages: [{ name: '审核', roles: ['office'], agency: 'self' }, { name: '审核', roles: ['leader'], agency: 'self' }], allowSamePerson: false }, { userId: boss.id, now: NOW }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['CHAIN_EMPTY', 'STAGE_ROLES_REQUIRED', 'UNKNOWN_ROLE', 'NO_PARENT_AGENCY', 'STAGE_NAME_TAKEN']);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a stage of the parent agency: its office sees what the department sends up, and decides it', async () => {
    const set = await setChain(
      t.db,
      dept,
      'catalogue',
      { stages: [{ name: '初审', roles: ['section_head'], agency: 'self' }, { name: '审核发布', roles: ['office'], agency: 'parent' }], allowSamePerson: false },
      { userId: people.admin.id, now: NOW },
    );
    expect(set.ok).toBe(true);
    const item = await ready('示范市自然资源和规划局2024年第三季度工作动态');
    await submitItem(t.db, dept, item.id, actor(people.handler));
    // not yet sent up: the government's office neither sees it nor lists it
    expect(await viewableItem(t.db, gov, item.id)).toBeNull();
    expect((await inbox(t.db, people.govOffice, gov, { limit: 20 })).rows).toEqual([]);
    expect((await approve(people.head, item.id)).ok).toBe(true);
    const box = await inbox(t.db, people.govOffice, gov, { limit: 20 });
    expect(box.rows.map((r) => [r.subjectId, r.stageName, r.agencyCode])).toEqual([[item.id, '审核发布', 'wf-zrzy']]);
    expect((await viewableItem(t.db, gov, item.id))?.own).toBe(false);
    // the department's own office cannot take the parent's stage
    const own = await approve(people.office, item.id);
    expect(own.ok ? '' : own.error.code).toBe('REVIEW_NOT_ALLOWED');
    const done = await approve(people.govOffice, item.id, gov);
    expect(done.ok && done.value.item.state).toBe('approved');
    const history = await reviewHistory(t.db, 'catalogue', item.id);
    expect(history.at(-1)?.stageAgencyId).toBe(gov);
    // the government keeps seeing it (its reviewers decided it)
    expect((await viewableItem(t.db, gov, item.id))?.own).toBe(false);
    // back to the default for the next tests
    await t.db.deleteFrom('reviewChains').where('agencyId', '=', dept).execute();
  });

  it('return with comments, then edit and resubmit: a new round from 初审', async () => {
    const item = await ready('关于开展2024年度规范性文件清理工作的通知');
    await submitItem(t.db, dept, item.id, actor(people.handler));
    await approve(people.head, item.id);
    const returned = await decideItem(t.db, dept, item.id, { decision: 'return', comment: '第三条表述不准确，请修改。' }, actor(people.office));
    expect(returned.ok && [returned.value.outcome, returned.value.item.state]).toEqual(['returned', 'draft']);
    expect(await pendingRound(t.db, 'catalogue', item.id)).toBeNull();
    // resubmitted as it is (same version): a new round, 初审 again; the voided approval does not bar anyone
    const again = await submitItem(t.db, dept, item.id, actor(people.handler));
    expect(again.ok).toBe(true);
    expect((await pendingRound(t.db, 'catalogue', item.id))?.stage).toBe(1);
    const history = await reviewHistory(t.db, 'catalogue', item.id);
    expect(history.map((h) => [h.decision, h.stageName, h.comment])).toEqual([
      ['submit', '提交审核', ''],
      ['approve', '初审', ''],
      ['return', '复审', '第三条表述不准确，请修改。'],
      ['submit', '提交审核', ''],
    ]);
  });

  it('a 涉密 finding during review stops the approval', async () => {
    const item = await ready('某项目审批结果');
    await submitItem(t.db, dept, item.id, actor(people.handler));
    await recordSecrecyReview(t.db, dept, item.id, { conclusion: '涉密', note: '含未公开的坐标' }, actor(people.office));
    const before = await snapshot(t.db);
    const r = await approve(people.head, item.id);
    expect(r.ok ? '' : r.error.code).toBe('SECRECY_NOT_CLEARED');
    expect(await snapshot(t.db)).toEqual(before);
  });

  const signedOff = async (title: string) => {
    const item = await ready(title);
    await submitItem(t.db, dept, item.id, actor(people.handler));
    for (const p of [people.head, people.office, people.leader]) {
      const r = await approve(p, item.id);
      if (!r.ok) throw new Error(r.error.message);
    }
    return item;
  };

  it('publishes now, or at a moment the runner reaches (once, whatever the number of runners)', async () => {
    const now = await signedOff('立即发布的通知');
    const p = await publishItem(t.db, dept, now.id, {}, actor(people.handler));
    expect(p.ok && [p.value.state, p.value.publishedOn]).toEqual(['published', TODAY]);

    const a = await signedOff('定时发布的通知甲');
    const b = await signedOff('定时发布的通知乙');
    const before = await snapshot(t.db);
    const refusals = [
      await publishItem(t.db, dept, a.id, { publishAt: '2024-11-20 09:00' }, actor(people.handler)), // the past
      await publishItem(t.db, dept, a.id, { publishAt: '2024-02-30 09:00' }, actor(people.handler)),
      await publishItem(t.db, dept, a.id, { publishAt: '明天上午' }, actor(people.handler)),
      await withdrawItem(t.db, dept, a.id, { reason: '误发' }, actor(people.leader)), // not published
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['PUBLISH_AT_PAST', 'INVALID_PUBLISH_AT', 'INVALID_PUBLISH_AT', 'ITEM_STATE']);
    expect(await snapshot(t.db)).toEqual(before);

    const sa = await publishItem(t.db, dept, a.id, { publishAt: '2024-11-21 09:00' }, actor(people.handler));
    expect(sa.ok && [sa.value.state, Date.parse(sa.value.publishAt ?? '')]).toEqual(['scheduled', Date.parse('2024-11-21T09:00:00+08:00')]);
    expect((await publishItem(t.db, dept, b.id, { publishAt: '2024-11-22T09:00:00+08:00' }, actor(people.handler))).ok).toBe(true);

    // before the moment: nothing
    expect((await publishDue(t.db, '2024-11-21T08:59:59.000+08:00')).published).toEqual([]);
    // two runners at once: a published once
    const [r1, r2] = await Promise.all([publishDue(t.db, '2024-11-21T09:00:30.000+08:00'), publishDue(t.db, '2024-11-21T09:00:30.000+08:00')]);
    expect([...r1.published, ...r2.published].map((x) => x.id)).toEqual([a.id]);
    const pa = await getItem(t.db, dept, a.id);
    expect([pa?.state, pa?.publishedOn]).toEqual(['published', '2024-11-21']);
    const audits = await t.db.selectFrom('auditLog').select(['action', 'userId']).where('target', '=', `catalogue:${a.id}`).where('action', '=', 'catalogue.publish').execute();
    expect(audits).toEqual([{ action: 'catalogue.publish', userId: null }]);
    expect((await getItem(t.db, dept, b.id))?.state).toBe('scheduled');

    // unscheduled: the runner leaves it
    expect((await unscheduleItem(t.db, dept, b.id, actor(people.handler))).ok).toBe(true);
    expect((await publishDue(t.db, '2024-11-23T09:00:00.000+08:00')).published).toEqual([]);
    expect((await getItem(t.db, dept, b.id))?.state).toBe('approved');
  });

  it('依申请公开 and 不予公开 items are approved but never published', async () => {
    const item = await draft('某项目内部请示');
    await setDisclosure(t.db, dept, item.id, { disclosure: '依申请公开', reason: '涉及个人信息，依申请提供' }, actor(people.handler));
    await submitItem(t.db, dept, item.id, actor(people.handler));
    for (const p of [people.head, people.office, people.leader]) await approve(p, item.id);
    expect((await getItem(t.db, dept, item.id))?.state).toBe('approved');
    const before = await snapshot(t.db);
    const r = await publishItem(t.db, dept, item.id, {}, actor(people.handler));
    expect(r.ok ? '' : r.error.code).toBe('ITEM_STATE');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('withdraws with a reason and corrects with a note (a new version), audited', async () => {
    const item = await signedOff('需要更正的通知');
    await publishItem(t.db, dept, item.id, {}, actor(people.handler));
    const before = await snapshot(t.db);
    const refusals = [
      await withdrawItem(t.db, dept, item.id, { reason: ' ' }, actor(people.leader)),
      await correctItem(t.db, dept, item.id, { fields: { title: '需要更正的通知（更正）', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01' }, note: '' }, actor(people.leader)),
      await correctItem(t.db, dept, item.id, { fields: { title: '', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01' }, note: '改标题' }, actor(people.leader)),
      await correctItem(t.db, dept, item.id, { fields: { title: '新标题', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01' }, note: '改标题', expectedVersion: 99 }, actor(people.leader)),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['WITHDRAW_REASON_REQUIRED', 'CORRECTION_NOTE_REQUIRED', 'TITLE_REQUIRED', 'VERSION_CONFLICT']);
    expect(await snapshot(t.db)).toEqual(before);

    const c = await correctItem(
      t.db,
      dept,
      item.id,
      { fields: { title: '需要更正的通知', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01', formedOn: '2024-11-01', docNumber: '示范自然资规〔2024〕4号', body: '正文（更正）' }, note: '文号有误，更正为〔2024〕4号', expectedVersion: item.version },
      actor(people.leader, '2024-11-25T10:00:00.000+08:00'),
    );
    expect(c.ok && [c.value.state, c.value.version, c.value.docNumber, c.value.correctionNote]).toEqual(['published', item.version + 1, '示范自然资规〔2024〕4号', '文号有误，更正为〔2024〕4号']);
    expect(c.ok && Date.parse(c.value.correctedAt ?? '')).toBe(Date.parse('2024-11-25T10:00:00+08:00'));
    expect((await itemVersions(t.db, item.id))[0]?.reason).toBe('更正：文号有误，更正为〔2024〕4号');

    const w = await withdrawItem(t.db, dept, item.id, { reason: '政策已调整，撤回原文' }, actor(people.leader));
    expect(w.ok && [w.value.state, w.value.withdrawnReason]).toEqual(['withdrawn', '政策已调整，撤回原文']);
    const audits = await t.db.selectFrom('auditLog').select(['action', 'detail']).where('target', '=', `catalogue:${item.id}`).orderBy('id').execute();
    expect(audits.slice(-3).map((a) => a.action)).toEqual(['catalogue.publish', 'catalogue.correct', 'catalogue.withdraw']);
    expect(audits.at(-1)?.detail).toMatchObject({ reason: '政策已调整，撤回原文' });
  });
});
