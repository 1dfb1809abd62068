// 更正 requests in the annual report (the reading of docs/ARCHITECTURE.md): not counted in table 三, stated
// in section 六 with the year's count and outcomes, computed from the records; the sentence raises no P1
// finding (its figures are not read as applications); a year without any says nothing about them.

import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { decideAmendment, registerAmendment } from '../../src/services/amendments/write.ts';
import { draftFor } from '../../src/services/report-draft.ts';
import { engines, useDatabase } from '../support/db.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: '2026-01-10T02:00:00.000Z', today: '2026-01-10', calendar };
const request = { requesterName: '王建国', record: '征收公告附表', inaccuracy: '姓名有误', requested: '更正姓名', evidence: '身份证复印件' };

describe.each(engines())('更正 requests in the draft on %s', (engine) => {
  const t = useDatabase(engine);

  it('section 六 states the year’s requests and what became of them; table 三 does not count them', async () => {
    const a = await createAgency(t.db, { code: 'amend-draft', name: '示范市自然资源和规划局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    const ids: number[] = [];
    for (const receivedOn of ['2025-03-03', '2025-06-02', '2025-12-22', '2024-12-30']) {
      const r = await registerAmendment(t.db, a.value.id, { ...request, receivedOn }, who);
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
    }
    const [first, second, third] = ids as [number, number, number];
    expect((await decideAmendment(t.db, a.value.id, first, { decision: 'amended', decidedOn: '2025-03-10' }, who)).ok).toBe(true);
    expect((await decideAmendment(t.db, a.value.id, second, { decision: 'redirected', decidedOn: '2025-06-05', authority: '示范市不动产登记中心' }, who)).ok).toBe(true);
    // decided in the next year: open at the year's end
    expect((await decideAmendment(t.db, a.value.id, third, { decision: 'amended', decidedOn: '2026-01-05' }, who)).ok).toBe(true);

    const d = await draftFor(t.db, 'amend-draft', 2025);
    if (!d.ok) throw new Error(d.error.message);
    const other = d.value.draft.sections.find((s) => s.key === 'other');
    const sentence = other?.paragraphs.flatMap((p) => p.sentences).find((s) => s.id === 'other.amendments');
    expect(sentence?.text).toBe(
      '2025年，我局收到公民、法人或者其他组织依据《中华人民共和国政府信息公开条例》第四十一条提出的政府信息更正申请3件（不属于政府信息公开申请，未计入本报告第三部分），其中予以更正1件、告知向有权机关提出1件，截至年底尚在办理1件。',
    );
    expect(sentence?.sources).toEqual([{ kind: 'amendments', label: '2025年收到的更正申请', ids: [first, second, third] }]);
    expect(d.value.report.text?.other).toContain('政府信息更正申请3件');
    // not applications: table 三's new applications stay 0, and the prose contradicts no table
    expect(d.value.report.applications.rows.newReceived[6]).toBe(0);
    expect(d.value.findings).toEqual([]);

    const none = await draftFor(t.db, 'amend-draft', 2023);
    if (!none.ok) throw new Error(none.error.message);
    expect(none.value.draft.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).some((s) => s.id === 'other.amendments')).toBe(false);
  });
});
