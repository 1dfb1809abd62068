// An application's view (src/services/application-view.ts) shows the cases recorded about it and the
// applicant's remedy windows from the reply date — the dates counted by hand here on the 2024 calendar.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { viewApplication } from '../../src/services/application-view.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { saveCase } from '../../src/services/records/cases.ts';
import { recordEvent } from '../../src/services/applications.ts';
import { engines, useDatabase } from '../support/db.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const now = '2024-10-01T02:00:00.000Z';
const actor = { userId: null, name: '测试员', now, today: '2024-10-01', source: 'page' as const };
const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

describe.each(engines())('remedy windows on an application on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'remedies', name: '示范市某局', level: 'department' }, now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    const ledger = [
      '编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果',
      '2024-1,自然人,李四,,当面,2024-03-01,某文件,,,,2024-03-20,予以公开',
      '2024-2,自然人,王五,,当面,2024-05-10,某文件,,,,2024-06-03,属于国家秘密',
      '2024-3,自然人,赵六,,当面,2024-09-20,某文件,,,,,',
    ];
    const r = await importLedger(t.db, agencyId, csv(ledger), 'ledger.csv', { actor: 'tester', now, today: '2024-10-01' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  });

  const view = async (number: string, today = '2024-10-01') => {
    const v = await viewApplication(t.db, agencyId, { number }, { calendar, today });
    if (!v.ok) throw new Error(v.error.message);
    return v.value;
  };

  it('gives 60 days for 行政复议 and 6 months for 行政诉讼 from the reply date', async () => {
    const v = await view('2024-1', '2024-04-01');
    expect(v.remedies?.note).toBeNull();
    // 2024-03-20 + 60 days = Sunday 2024-05-19 → Monday 2024-05-20; + 6 months = Friday 2024-09-20
    expect(v.remedies?.windows.map((w) => [w.kind, w.clock.due, w.clock.basis, w.from, w.clock.state])).toEqual([
      ['reconsideration', '2024-05-20', '行政复议法第二十条', '2024-03-20', 'running'],
      ['litigation_direct', '2024-09-20', '行政诉讼法第四十六条', '2024-03-20', 'running'],
    ]);
    expect((await view('2024-1')).remedies?.windows.map((w) => w.clock.state)).toEqual(['overdue', 'overdue']);
  });

  it('runs from the delivery of the reply once it is recorded', async () => {
    const app = await t.db.selectFrom('applications').select('id').where('agencyId', '=', agencyId).where('number', '=', '2024-1').executeTakeFirstOrThrow();
    const r = await recordEvent(t.db, agencyId, app.id, { type: 'deliver', occurredOn: '2024-03-25' }, { actor: 'tester', now, today: '2024-10-01', calendar });
    expect(r.ok).toBe(true);
    const v = await view('2024-1', '2024-04-01');
    // 2024-03-25 + 60 days = Friday 2024-05-24; + 6 months = Wednesday 2024-09-25
    expect(v.remedies?.windows.map((w) => [w.kind, w.from, w.fromLabel, w.clock.due])).toEqual([
      ['reconsideration', '2024-03-25', '答复送达申请人之日', '2024-05-24'],
      ['litigation_direct', '2024-03-25', '答复送达申请人之日', '2024-09-25'],
    ]);
  });

  it('gives only 行政复议 after 不予公开 (复议前置), then 15 days after the 复议 decision; cases shown', async () => {
    const v = await view('2024-2', '2024-06-04');
    // 2024-06-03 + 60 days = Friday 2024-08-02; no direct lawsuit
    expect(v.remedies?.windows.map((w) => [w.kind, w.clock.due])).toEqual([['reconsideration', '2024-08-02']]);
    expect(v.remedies?.note).toContain('行政复议法第二十三条');
    const review = await saveCase(t.db, agencyId, { caseNumber: '某复〔2024〕9号', type: '行政复议', applicationNumber: '2024-2', receivedOn: '2024-07-01', concludedOn: '2024-09-10', result: '维持' }, { mode: 'create' }, actor);
    expect(review.ok).toBe(true);
    const after = await view('2024-2', '2024-09-11');
    expect(after.cases.map((c) => c.caseNumber)).toEqual(['某复〔2024〕9号']);
    // the reconsideration window is used; 2024-09-10 + 15 days = Wednesday 2024-09-25
    expect(after.remedies?.windows.map((w) => [w.kind, w.clock.due, w.clock.state, w.usedBy?.caseNumber ?? null])).toEqual([
      ['reconsideration', '2024-08-02', 'stopped', '某复〔2024〕9号'],
      ['litigation_after_reconsideration', '2024-09-25', 'running', null],
    ]);
    expect(after.remedies?.windows[1]?.clock.basis).toBe('行政诉讼法第四十五条');
  });

  it('has no window before the reply', async () => {
    const v = await view('2024-3');
    expect(v.remedies).toBeNull();
    expect(v.cases).toEqual([]);
  });
});
