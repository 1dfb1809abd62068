// Complaints and reports (投诉、举报, 条例第五十一条) on both engines: filed against an agency, received by
// the office above it (its parent) with the office's yearly 编号 and a due date on the working calendar;
// assigned; answered with the result and 责任追究; refused steps — an agency without an office above, an
// answer before the receipt or in the future, assigning or answering an answered complaint, another
// office's complaint — leave the database unchanged, with a Chinese message. The year's figures.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency, updateAgency } from '../../src/services/agencies.ts';
import type { Actor } from '../../src/services/applications.ts';
import { createUser } from '../../src/services/accounts.ts';
import { complaintYear, getComplaint, listComplaints, recomputeComplaintDueDates } from '../../src/services/complaints/read.ts';
import { answerComplaint, assignComplaint, fileComplaint } from '../../src/services/complaints/write.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const form = { kind: 'complaint' as const, complainantName: '李明', contact: '13900000022', text: '申请已超过20个工作日没有答复。' };
const CHINESE = /[\u4e00-\u9fff]/;

describe.each(engines())('complaints on %s', (engine) => {
  const t = useDatabase(engine);
  let city = { id: 0, name: '' };
  let bureau = { id: 0, name: '' };
  let other = { id: 0, name: '' };
  let who: Actor;

  beforeAll(async () => {
    const c = await createAgency(t.db, { code: 'cmp-city', name: '示范市人民政府', level: 'government' }, '2025-01-01T00:00:00Z');
    const b = await createAgency(t.db, { code: 'cmp-bureau', name: '示范市自然资源和规划局', level: 'department', parentCode: 'cmp-city' }, '2025-01-01T00:00:00Z');
    const o = await createAgency(t.db, { code: 'cmp-other', name: '另一市人民政府', level: 'government' }, '2025-01-01T00:00:00Z');
    if (!c.ok || !b.ok || !o.ok) throw new Error('setup');
    city = c.value;
    bureau = b.value;
    other = o.value;
    const user = await createUser(t.db, { username: 'office', displayName: '政务公开办', password: 'correct horse battery staple' }, '2025-01-01T00:00:00Z');
    if (!user.ok) throw new Error(user.error.message);
    who = { actor: 'office', now: '2025-11-03T02:00:00.000Z', today: '2025-11-03', calendar, audit: { userId: user.value.id, ip: '127.0.0.1', via: 'web' } };
  });

  it('files against the bureau: received by the city above it, the city’s 编号, the due date across 国庆, audited', async () => {
    // received 2025-09-26 (Fri); 20 working days: the 国庆/中秋 holiday 10-01..10-08, 调休 Sundays 09-28 and 10-11 worked
    const r = await fileComplaint(t.db, bureau, form, { now: '2025-09-26T03:00:00.000Z', calendar, ip: '192.0.2.1' });
    expect(r).toMatchObject({ ok: true, value: { receiver: { id: city.id, name: '示范市人民政府' }, complaint: { number: '投诉2025-0001', receivingAgencyId: city.id, againstAgencyId: bureau.id, state: 'received', receivedOn: '2025-09-26', dueOn: '2025-10-30' } } });
    const report = await fileComplaint(t.db, bureau, { ...form, kind: 'report' }, { now: '2025-10-09T03:00:00.000Z', calendar });
    expect(report).toMatchObject({ ok: true, value: { complaint: { number: '举报2025-0002' } } });
    const audit = await t.db.selectFrom('auditLog').select(['agencyId', 'userId']).where('action', '=', 'complaint.file').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ agencyId: city.id, userId: null });
  });

  it('follows the city’s period (complaint_days) and recomputes the open ones', async () => {
    const r = await fileComplaint(t.db, bureau, form, { now: '2025-11-03T03:00:00.000Z', calendar });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.complaint.dueOn).toBe('2025-12-01');
    const set = await updateAgency(t.db, 'cmp-city', { complaintDays: 10 });
    expect(set).toMatchObject({ ok: true, value: { complaintDays: 10 } });
    expect(await recomputeComplaintDueDates(t.db, calendar, city.id)).toBeGreaterThan(0);
    expect((await getComplaint(t.db, city.id, r.value.complaint.id)).ok && (await getComplaint(t.db, city.id, r.value.complaint.id))).toMatchObject({ value: { dueOn: '2025-11-17' } });
    await updateAgency(t.db, 'cmp-city', { complaintDays: 20 });
    await recomputeComplaintDueDates(t.db, calendar, city.id);
  });

  it('assigns, then answers with the result and 责任追究, each audited', async () => {
    const r = await fileComplaint(t.db, bureau, form, { now: '2025-10-20T03:00:00.000Z', calendar });
    if (!r.ok) throw new Error(r.error.message);
    const id = r.value.complaint.id;
    expect(await assignComplaint(t.db, city.id, id, { assignee: '张科长' }, who)).toMatchObject({ ok: true, value: { state: 'assigned', assignee: '张科长', assignedOn: '2025-11-03' } });
    const a = await answerComplaint(t.db, city.id, id, { answeredOn: '2025-11-03', answer: '经调查，该局逾期答复属实，已责令改正。', result: 'substantiated', accountability: '对经办人进行约谈。' }, who);
    expect(a).toMatchObject({ ok: true, value: { state: 'answered', answeredOn: '2025-11-03', result: 'substantiated', accountability: '对经办人进行约谈。' } });
    const actions = await t.db.selectFrom('auditLog').select('action').where('target', '=', `complaint:${id}`).orderBy('id').execute();
    expect(actions.map((x) => x.action)).toEqual(['complaint.file', 'complaint.assign', 'complaint.answer']);
    // answered without 责任追究: stored as none
    const b = await fileComplaint(t.db, bureau, form, { now: '2025-10-21T03:00:00.000Z', calendar });
    if (!b.ok) throw new Error(b.error.message);
    expect(await answerComplaint(t.db, city.id, b.value.complaint.id, { answeredOn: '2025-10-31', answer: '经调查不属实。', result: 'unsubstantiated', accountability: '  ' }, who)).toMatchObject({ ok: true, value: { accountability: null } });
  });

  it('refuses, writing nothing', async () => {
    const open = await fileComplaint(t.db, bureau, form, { now: '2025-10-22T03:00:00.000Z', calendar });
    const done = await fileComplaint(t.db, bureau, form, { now: '2025-10-22T04:00:00.000Z', calendar });
    if (!open.ok || !done.ok) throw new Error('setup');
    await answerComplaint(t.db, city.id, done.value.complaint.id, { answeredOn: '2025-10-30', answer: '已答复。', result: 'partly' }, who);
    const before = await snapshot(t.db);
    const answer = { answer: '答复。', result: 'partly' as const };
    const refusals = [
      // no office above the city
      [await fileComplaint(t.db, city, form, { now: '2025-10-22T03:00:00.000Z', calendar }), 'NO_OFFICE_ABOVE'],
      [await fileComplaint(t.db, bureau, { ...form, contact: '随便' }, { now: '2025-10-22T03:00:00.000Z', calendar }), 'INVALID_INPUT'],
      [await fileComplaint(t.db, bureau, { ...form, text: '字'.repeat(5001) }, { now: '2025-10-22T03:00:00.000Z', calendar }), 'INVALID_INPUT'],
      [await answerComplaint(t.db, city.id, open.value.complaint.id, { ...answer, answeredOn: '2025-10-21' }, who), 'DATE_BEFORE_RECEIPT'],
      [await answerComplaint(t.db, city.id, open.value.complaint.id, { ...answer, answeredOn: '2025-11-04' }, who), 'DATE_IN_FUTURE'],
      [await answerComplaint(t.db, city.id, done.value.complaint.id, { ...answer, answeredOn: '2025-11-03' }, who), 'COMPLAINT_ANSWERED'],
      [await assignComplaint(t.db, city.id, done.value.complaint.id, { assignee: '王五' }, who), 'COMPLAINT_ANSWERED'],
      [await assignComplaint(t.db, other.id, open.value.complaint.id, { assignee: '王五' }, who), 'COMPLAINT_NOT_FOUND'],
      [await answerComplaint(t.db, bureau.id, open.value.complaint.id, { ...answer, answeredOn: '2025-11-03' }, who), 'COMPLAINT_NOT_FOUND'],
      [await assignComplaint(t.db, city.id, open.value.complaint.id, { assignee: ' ' }, who), 'INVALID_INPUT'],
    ] as const;
    for (const [r, code] of refusals) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(CHINESE);
    }
    expect(await snapshot(t.db)).toBe(before);
    expect((await getComplaint(t.db, other.id, open.value.complaint.id)).ok).toBe(false);
  });

  it('lists the city’s complaints with the agency against and counts the year', async () => {
    const page = await listComplaints(t.db, city.id);
    expect(page.rows.length).toBeGreaterThan(3);
    expect(page.rows[0]).toMatchObject({ againstName: '示范市自然资源和规划局' });
    expect(page.open).toBe(page.rows.filter((r) => r.state !== 'answered').length);
    expect((await listComplaints(t.db, bureau.id)).rows).toHaveLength(0);
    const y = await complaintYear(t.db, city.id, 2025);
    expect(y).toMatchObject({ year: 2025, reports: 1, answered: { substantiated: 1, partly: 1, unsubstantiated: 1 }, accountability: 1 });
    expect(y.complaints + y.reports).toBe(page.rows.length);
    expect(await complaintYear(t.db, city.id, 2024)).toMatchObject({ complaints: 0, reports: 0, ids: [] });
  });
});
