// `gongkai complaints list` in process (the command built from the sources, on a copy of the migrated
// template lent to it): lines or JSON with ISO dates, the overdue marked, the open filter; an unknown
// agency refused in Chinese with exit 2. `gongkai agency update --complaint-days` sets the office's
// period and the open complaints' due dates follow it.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintsCommand } from '../../src/cli/complaints.ts';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { answerComplaint, fileComplaint } from '../../src/services/complaints/write.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';

const NOW = '2025-11-20T02:00:00.000Z';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

describe.each(engines())('gongkai complaints list on %s', (engine) => {
  const t = useDatabase(engine);
  let dir: string;
  let config: Config;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-complaints-cli-'));
    config = lendDatabase({ dataDir: join(dir, 'data'), databaseUrl: undefined, port: 3000, secureCookies: false }, t.database);
    const city = await createAgency(t.db, { code: 'cmp-cli-city', name: '示范市人民政府', level: 'government' }, NOW);
    const bureau = await createAgency(t.db, { code: 'cmp-cli-bureau', name: '示范市自然资源和规划局', level: 'department', parentCode: 'cmp-cli-city' }, NOW);
    if (!city.ok || !bureau.ok) throw new Error('setup');
    const form = { kind: 'complaint' as const, complainantName: '李明', contact: '13900000022', text: '逾期未答复。' };
    const late = await fileComplaint(t.db, bureau.value, form, { now: '2025-09-26T02:00:00.000Z', calendar });
    const done = await fileComplaint(t.db, bureau.value, { ...form, kind: 'report' }, { now: '2025-11-03T02:00:00.000Z', calendar });
    if (!late.ok || !done.ok) throw new Error('setup');
    const a = await answerComplaint(t.db, city.value.id, done.value.complaint.id, { answeredOn: '2025-11-10', answer: '属实。', result: 'substantiated', accountability: '约谈。' }, { actor: 'tester', now: NOW, today: '2025-11-20', calendar });
    if (!a.ok) throw new Error(a.error.message);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await closeInProcess();
  });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), tty: false, interactive: false, now: () => NOW };
    const cmd = complaintsCommand(io, (c) => (code = c), () => ({ ok: true, config }));
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists newest first, the overdue marked', async () => {
    const r = await run('list', '--agency', 'cmp-cli-city');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(['举报2025-0002\t示范市自然资源和规划局\t收到 2025-11-03\t期限 2025-12-01\t已答复（2025-11-10）属实，有责任追究', '投诉2025-0001\t示范市自然资源和规划局\t收到 2025-09-26\t期限 2025-10-30\t已登记（已超期）']);
  });

  it('gives JSON with ISO dates, the open ones only', async () => {
    const r = await run('list', '--agency', 'cmp-cli-city', '--open', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { number: '投诉2025-0001', kind: 'complaint', against: { code: 'cmp-cli-bureau', name: '示范市自然资源和规划局' }, receivedOn: '2025-09-26', dueOn: '2025-10-30', overdue: true, state: 'received', assignee: null, answeredOn: null, result: null, accountability: null },
    ]);
  });

  it('says so when the agency received none, and refuses an unknown agency in Chinese (exit 2)', async () => {
    expect((await run('list', '--agency', 'cmp-cli-bureau')).out).toBe('示范市自然资源和规划局没有投诉、举报。');
    const r = await run('list', '--agency', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/机关“nowhere”不存在/);
  });

  it('takes the period from `agency update --complaint-days`: the open complaint’s due date follows, a bad number is refused', async () => {
    const agency = (...args: string[]) => gongkaiInProcess(['agency', 'update', 'cmp-cli-city', ...args], { dataDir: join(dir, 'data'), database: () => t.database });
    const bad = await agency('--complaint-days', '0');
    expect([bad.code, bad.stderr]).toEqual([2, 'gongkai：投诉、举报的答复期限至少1个工作日\n']);
    const set = await agency('--complaint-days', '10');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('投诉、举报答复期限：10个工作日');
    // received 2025-09-26 (Fri): 9/28 (a Sunday worked before 国庆), 9/29, 9/30, 10/9, 10/10, 10/11 (a Saturday worked), 10/13–16
    const r = await run('list', '--agency', 'cmp-cli-city', '--open', '--json');
    expect(JSON.parse(r.out)[0].dueOn).toBe('2025-10-16');
    const months = await agency('--withheld-review-months', '6');
    expect(months.stdout).toContain('不予公开信息评估审查周期：6个月');
  });
});
