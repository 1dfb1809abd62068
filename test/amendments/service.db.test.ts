// 更正 requests (条例第四十一条) on both engines: registered with a 编号 and a stored due date, decided
// once with a notice 文号 and audit entries; refused steps — 更正 on a closed request, a decision before
// the receipt, a transfer without the competent agency, another agency's request — leave the database
// unchanged, with a Chinese message. The year's figures for section 六, and the stored due dates that
// follow the agency's period.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency, updateAgency } from '../../src/services/agencies.ts';
import { recomputeAmendmentDueDates } from '../../src/services/amendments/due.ts';
import { amendmentNoticeFile, amendmentYear, listAmendments, viewAmendment } from '../../src/services/amendments/read.ts';
import { decideAmendment, registerAmendment } from '../../src/services/amendments/write.ts';
import type { Actor } from '../../src/services/applications.ts';
import { createUser } from '../../src/services/accounts.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const request = {
  requesterName: '王建国',
  requesterContact: '13900000011',
  record: '征收公告附表',
  inaccuracy: '姓名写作“王建囯”',
  requested: '更正为“王建国”',
  evidence: '居民身份证复印件',
  receivedOn: '2025-09-26',
};

const CHINESE = /[\u4e00-\u9fff]/;

describe.each(engines())('更正 requests on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let otherId = 0;
  let who: Actor;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'amend', name: '示范市自然资源和规划局', level: 'department', documentPrefix: '示范自然资规公开', reconsiderationBody: '示范市人民政府' }, '2025-01-01T00:00:00Z');
    const b = await createAgency(t.db, { code: 'amend-other', name: '示范市住房和城乡建设局', level: 'department' }, '2025-01-01T00:00:00Z');
    if (!a.ok || !b.ok) throw new Error('setup');
    agencyId = a.value.id;
    otherId = b.value.id;
    const user = await createUser(t.db, { username: 'amender', displayName: '经办人', password: 'correct horse battery staple' }, '2025-01-01T00:00:00Z');
    if (!user.ok) throw new Error(user.error.message);
    who = { actor: 'amender', now: '2025-11-03T02:00:00.000Z', today: '2025-11-03', calendar, audit: { userId: user.value.id, ip: '127.0.0.1', via: 'web' } };
  });

  it('registers with the year’s 编号 and the due date on the calendar, audited', async () => {
    const r = await registerAmendment(t.db, agencyId, request, who);
    expect(r).toMatchObject({ ok: true, value: { number: '更正2025-0001', state: 'open', dueOn: '2025-10-30', decision: null } });
    const second = await registerAmendment(t.db, agencyId, { ...request, receivedOn: '2025-10-09' }, who);
    expect(second).toMatchObject({ ok: true, value: { number: '更正2025-0002' } });
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target']).where('action', '=', 'amendment.register').execute();
    expect(audit.length).toBe(2);
  });

  it('decides once: the decision, the notice’s 文号 from the document counter, the audit entry, the notice text', async () => {
    const r = await registerAmendment(t.db, agencyId, { ...request, receivedOn: '2025-10-13' }, who);
    if (!r.ok) throw new Error(r.error.message);
    const d = await decideAmendment(t.db, agencyId, r.value.id, { decision: 'transferred', decidedOn: '2025-10-20', authority: '示范市不动产登记中心', note: '' }, who);
    expect(d).toMatchObject({ ok: true, value: { state: 'decided', decision: 'transferred', decidedOn: '2025-10-20', authority: '示范市不动产登记中心', noticeNumber: '示范自然资规公开〔2025〕1号' } });
    const audit = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'amendment.decide').where('target', '=', `amendment:${r.value.id}`).execute();
    expect(audit.length).toBe(1);
    const notice = await amendmentNoticeFile(t.db, agencyId, r.value.id, 'html');
    expect(notice.ok && notice.value.html).toContain('转送有权更正的示范市不动产登记中心处理');
    const docx = await amendmentNoticeFile(t.db, agencyId, r.value.id, 'docx');
    expect(docx.ok && Buffer.from(docx.value.bytes.slice(0, 2)).toString('latin1')).toBe('PK');
    const view = await viewAmendment(t.db, agencyId, r.value.id, { calendar, today: '2025-11-03' });
    expect(view).toMatchObject({ ok: true, value: { clock: { state: 'stopped', met: true } } });
  });

  it('refuses, writing nothing: 更正 on a closed request, a decision before receipt, a transfer without the agency, a rejection without reasons, another agency’s request', async () => {
    const open = await registerAmendment(t.db, agencyId, { ...request, receivedOn: '2025-10-14' }, who);
    const closed = await registerAmendment(t.db, agencyId, { ...request, receivedOn: '2025-10-15' }, who);
    if (!open.ok || !closed.ok) throw new Error('setup');
    const done = await decideAmendment(t.db, agencyId, closed.value.id, { decision: 'amended', decidedOn: '2025-10-16' }, who);
    expect(done.ok).toBe(true);
    const cases: [string, () => ReturnType<typeof decideAmendment>][] = [
      ['AMENDMENT_CLOSED', () => decideAmendment(t.db, agencyId, closed.value.id, { decision: 'rejected', decidedOn: '2025-10-20', note: '再次审核' }, who)],
      ['DATE_BEFORE_RECEIPT', () => decideAmendment(t.db, agencyId, open.value.id, { decision: 'amended', decidedOn: '2025-10-13' }, who)],
      ['AUTHORITY_REQUIRED', () => decideAmendment(t.db, agencyId, open.value.id, { decision: 'redirected', decidedOn: '2025-10-20' }, who)],
      ['REASONS_REQUIRED', () => decideAmendment(t.db, agencyId, open.value.id, { decision: 'rejected', decidedOn: '2025-10-20' }, who)],
      ['DATE_IN_FUTURE', () => decideAmendment(t.db, agencyId, open.value.id, { decision: 'amended', decidedOn: '2025-11-04' }, who)],
      ['AMENDMENT_NOT_FOUND', () => decideAmendment(t.db, otherId, open.value.id, { decision: 'amended', decidedOn: '2025-10-20' }, who)],
      ['INVALID_INPUT', () => decideAmendment(t.db, agencyId, open.value.id, { decision: 'maybe' as 'amended', decidedOn: '2025-10-20' }, who)],
    ];
    for (const [code, step] of cases) {
      const before = await snapshot(t.db);
      const r = await step();
      expect(r.ok, code).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(CHINESE);
      }
      expect(await snapshot(t.db), code).toBe(before);
    }
    // the closed request's message says when and how it was decided
    const again = await decideAmendment(t.db, agencyId, closed.value.id, { decision: 'amended', decidedOn: '2025-10-20' }, who);
    expect(!again.ok && again.error.message).toContain('已于2025-10-16办结（予以更正）');
  });

  it('refuses a registration the rules refuse, writing nothing', async () => {
    for (const [code, input] of [
      ['INVALID_INPUT', { ...request, record: '  ' }],
      ['DATE_IN_FUTURE', { ...request, receivedOn: '2025-11-04' }],
      ['RESIDENT_ID_CHECK', { ...request, idNumber: '110105194912310021' }],
    ] as const) {
      const before = await snapshot(t.db);
      const r = await registerAmendment(t.db, agencyId, input, who);
      expect(r.ok, code).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(code);
      expect(await snapshot(t.db), code).toBe(before);
    }
  });

  it('lists newest first within the agency, counts the open ones, and gives the year’s figures', async () => {
    const page = await listAmendments(t.db, agencyId);
    expect(page.rows.length).toBe(5);
    expect(page.rows.map((r) => r.number)).toEqual(['更正2025-0005', '更正2025-0004', '更正2025-0003', '更正2025-0002', '更正2025-0001']);
    expect(page.open).toBe(3);
    expect((await listAmendments(t.db, otherId)).rows).toEqual([]);
    expect((await listAmendments(t.db, agencyId, { state: 'decided' })).rows.map((r) => r.number)).toEqual(['更正2025-0005', '更正2025-0003']);
    expect(await amendmentYear(t.db, agencyId, 2025)).toMatchObject({ received: 5, open: 3, decided: { amended: 1, transferred: 1, redirected: 0, rejected: 0 } });
    expect(await amendmentYear(t.db, agencyId, 2024)).toMatchObject({ received: 0, open: 0 });
  });

  it('moves the open requests’ stored due dates with the agency’s period, never the decided ones', async () => {
    const set = await updateAgency(t.db, 'amend', { amendmentWorkingDays: 15 });
    expect(set).toMatchObject({ ok: true, value: { amendmentWorkingDays: 15 } });
    expect(await recomputeAmendmentDueDates(t.db, calendar, agencyId)).toBe(3);
    const first = await t.db.selectFrom('recordAmendments').select(['number', 'dueOn']).where('number', '=', '更正2025-0001').where('agencyId', '=', agencyId).executeTakeFirstOrThrow();
    // 15 working days from 9月26日 across 国庆: 9/28–9/30 (3), 10/9–10/11 (6), 10/13–17 (11), 10/20–23 (15)
    expect(first.dueOn).toBe('2025-10-23');
    const decided = await t.db.selectFrom('recordAmendments').select('dueOn').where('number', '=', '更正2025-0003').where('agencyId', '=', agencyId).executeTakeFirstOrThrow();
    expect(decided.dueOn).toBe('2025-11-10');
    expect((await updateAgency(t.db, 'amend', { amendmentWorkingDays: 0 })).ok).toBe(false);
  });
});
