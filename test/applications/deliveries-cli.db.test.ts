// `gongkai applications deliver` and `applications show --json` in process (support/cli-inprocess.ts) on
// each engine: the reply's delivery by its Chinese method, its refusals in Chinese (exit 2, nothing
// written), and the JSON carrying each document's delivery and the remedy deadlines as ISO dates.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const NOW = '2024-11-20T02:00:00.000Z';
const who = { actor: 'tester', now: NOW, today: '2024-11-20', calendar };
const REPLY_VALUES = { reason: '经审查', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '示范市人民政府' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-deliver-cli-'));
});
afterAll(async () => {
  await closeInProcess();
  await rm(dir, { recursive: true, force: true });
});

describe.each(engines())('gongkai applications deliver on %s', (engine) => {
  const t = useDatabase(engine);
  const run = async (...args: string[]) => {
    const r = await gongkaiInProcess(args, { dataDir: join(dir, engine), database: () => t.database, now: () => NOW });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'cli-d', name: '示范市某局', level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    const r = await registerApplication(t.db, a.value.id, { number: '2024-7', applicantType: 'natural_person', applicantName: '李四', channel: 'in_person', submittedOn: '2024-06-24', request: '某文件' }, who);
    if (!r.ok) throw new Error(r.error.message);
    const doc = await issueDocument(t.db, a.value.id, r.value.id, { kind: 'reply', issuedOn: '2024-07-01', values: { ...REPLY_VALUES, disclosedPart: '批复正文', withheldPart: '附件中的个人信息', withheldBasis: '条例第十五条' }, step: { type: 'reply', occurredOn: '2024-07-01', outcome: 'PARTIAL' } }, who);
    if (!doc.ok) throw new Error(doc.error.message);
  });

  it('refuses in Chinese and writes nothing: a delivery before the issue date, post without a number, an unknown method', async () => {
    const before = await snapshot(t.db);
    const early = await run('applications', 'deliver', '2024-7', '--agency', 'cli-d', '--on', '2024-06-30', '--method', '当面');
    expect([early.code, early.err]).toEqual([2, expect.stringContaining('早于')]);
    const untracked = await run('applications', 'deliver', '2024-7', '--agency', 'cli-d', '--on', '2024-07-03', '--method', '邮寄');
    expect([untracked.code, untracked.err]).toEqual([2, expect.stringContaining('邮寄送达须填写邮件号码')]);
    const method = await run('applications', 'deliver', '2024-7', '--agency', 'cli-d', '--on', '2024-07-03', '--method', '传真');
    expect([method.code, method.err]).toEqual([2, expect.stringContaining('送达方式应为当面、邮寄、电子邮件或在线')]);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('records the reply’s delivery and show --json carries it with the deadlines as ISO dates', async () => {
    const r = await run('applications', 'deliver', '2024-7', '--agency', 'cli-d', '--on', '2024-07-03', '--method', '邮寄', '--tracking', 'XA123456789CN', '--evidence', '邮政签收记录');
    expect(r.code).toBe(0);
    // 复议: 2024-07-03 + 60 days → Sunday 2024-09-01 → Monday 2024-09-02; 部分公开: 复议前置, no direct suit
    expect(r.out).toContain('已登记送达：');
    expect(r.out).toContain('申请行政复议期限：2024-09-02');
    expect(r.out).not.toContain('直接起诉期限');
    const again = await run('applications', 'deliver', '2024-7', '--agency', 'cli-d', '--on', '2024-07-04', '--method', 'email', '--document', '答复告知书');
    expect([again.code, again.err]).toEqual([2, expect.stringContaining('每份文书只登记一次送达')]);
    const shown = await run('applications', 'show', '2024-7', '--agency', 'cli-d', '--json');
    expect(shown.code).toBe(0);
    const json = JSON.parse(shown.out) as {
      application: { state: string };
      documents: { kind: string; delivery: { method: string; deliveredOn: string; trackingNumber: string } | null }[];
      remedyDeadlines: { from: string; delivered: boolean; reconsideration: string; litigation: string | null; reconsiderationFirst: boolean };
    };
    expect(json.application.state).toBe('delivered');
    expect(json.documents.map((d) => [d.kind, d.delivery?.method, d.delivery?.deliveredOn, d.delivery?.trackingNumber])).toEqual([['reply', 'post', '2024-07-03', 'XA123456789CN']]);
    expect(json.remedyDeadlines).toEqual({ from: '2024-07-03', delivered: true, reconsideration: '2024-09-02', litigation: null, reconsiderationFirst: true });
    const text = await run('applications', 'show', '2024-7', '--agency', 'cli-d');
    expect(text.out).toContain('送达 2024-07-03（邮寄 XA123456789CN）');
  });
});
