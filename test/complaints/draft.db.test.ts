// Complaints in the receiving government's annual report: one sentence in 一（五）监督保障情况 with the
// year's complaints and reports, the answered by result and the 责任追究 count (only when there is one),
// computed from the records; the sentence raises no P1 finding; the 责任追究 recorded on a complaint
// answers the gap a government's report otherwise names; a year without any says nothing about them.

import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { complaintSentence } from '../../src/domain/complaints/summary.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { answerComplaint, fileComplaint } from '../../src/services/complaints/write.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { engines, useDatabase } from '../support/db.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: '2026-01-10T02:00:00.000Z', today: '2026-01-10', calendar };
const form = { kind: 'complaint' as const, complainantName: '李明', contact: 'li@example.com', text: '逾期未答复。' };

describe('the sentence', () => {
  const zero = { substantiated: 0, partly: 0, unsubstantiated: 0 };
  it('states received, answered by result, open, and 责任追究 only when there is some', () => {
    expect(complaintSentence({ year: 2025, complaints: 2, reports: 1, answered: { ...zero, substantiated: 1, unsubstantiated: 1 }, accountability: 1, ids: [1, 2, 3] }, '我府')).toBe(
      '2025年，我府收到公民、法人或者其他组织对政府信息公开工作的投诉、举报3件（投诉2件、举报1件），已调查答复2件，其中属实1件、不属实1件，截至年底尚在办理1件，依法依规追究责任1件',
    );
    expect(complaintSentence({ year: 2025, complaints: 1, reports: 0, answered: { ...zero, partly: 1 }, accountability: 0, ids: [1] }, '我府')).toBe('2025年，我府收到公民、法人或者其他组织对政府信息公开工作的投诉、举报1件（投诉1件），已调查答复1件，其中部分属实1件');
    expect(complaintSentence({ year: 2025, complaints: 0, reports: 0, answered: zero, accountability: 0, ids: [] }, '我府')).toBeNull();
  });
});

describe.each(engines())('complaints in the draft on %s', (engine) => {
  const t = useDatabase(engine);

  it('section 五 of the receiving government states them; a year without any does not', async () => {
    const city = await createAgency(t.db, { code: 'cmp-draft-city', name: '示范市人民政府', level: 'government' }, who.now);
    const bureau = await createAgency(t.db, { code: 'cmp-draft-bureau', name: '示范市自然资源和规划局', level: 'department', parentCode: 'cmp-draft-city' }, who.now);
    if (!city.ok || !bureau.ok) throw new Error('setup');
    const ids: number[] = [];
    for (const [day, kind] of [['2025-03-03', 'complaint'], ['2025-06-02', 'report'], ['2025-12-22', 'complaint'], ['2024-12-30', 'complaint']] as const) {
      const r = await fileComplaint(t.db, bureau.value, { ...form, kind }, { now: `${day}T02:00:00.000Z`, calendar });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.complaint.id);
    }
    const [first, second, third] = ids as [number, number, number];
    expect((await answerComplaint(t.db, city.value.id, first, { answeredOn: '2025-03-20', answer: '属实，已责令改正。', result: 'substantiated', accountability: '约谈经办人。' }, who)).ok).toBe(true);
    expect((await answerComplaint(t.db, city.value.id, second, { answeredOn: '2025-06-20', answer: '经调查不属实。', result: 'unsubstantiated' }, who)).ok).toBe(true);
    // answered in the next year: open at the year's end
    expect((await answerComplaint(t.db, city.value.id, third, { answeredOn: '2026-01-05', answer: '部分属实。', result: 'partly' }, who)).ok).toBe(true);

    const d = await draftFor(t.db, 'cmp-draft-city', 2025);
    if (!d.ok) throw new Error(d.error.message);
    const sentences = d.value.draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
    const sentence = sentences.find((s) => s.id === 'overview.supervision.complaints');
    expect(sentence?.text).toMatch(/^2025年，.+收到公民、法人或者其他组织对政府信息公开工作的投诉、举报3件（投诉2件、举报1件），已调查答复2件，其中属实1件、不属实1件，截至年底尚在办理1件，依法依规追究责任1件。$/);
    expect(sentence?.sources).toEqual([{ kind: 'complaints', label: '2025年收到的投诉、举报', ids: [first, second, third] }]);
    // the 责任追究 recorded answers the government's gap; the prose contradicts no table
    expect(d.value.draft.gaps.some((g) => g.message.includes('应当写明责任追究结果'))).toBe(false);
    expect(d.value.findings).toEqual([]);
    // the agency complained about states nothing of them
    const own = await draftFor(t.db, 'cmp-draft-bureau', 2025);
    if (!own.ok) throw new Error(own.error.message);
    expect(own.value.draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).some((s) => s.id === 'overview.supervision.complaints')).toBe(false);

    const none = await draftFor(t.db, 'cmp-draft-city', 2023);
    if (!none.ok) throw new Error(none.error.message);
    expect(none.value.draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).some((s) => s.id === 'overview.supervision.complaints')).toBe(false);
    expect(none.value.draft.gaps.some((g) => g.message.includes('应当写明责任追究结果'))).toBe(true);
  });
});
