// `gongkai amendments list` in process (the command built from the sources, on a copy of the migrated
// template lent to it): lines or JSON with ISO dates, the overdue marked, the state filter; an unknown
// agency refused in Chinese with exit 2.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amendmentsCommand } from '../../src/cli/amendments.ts';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { decideAmendment, registerAmendment } from '../../src/services/amendments/write.ts';
import { engines, useDatabase } from '../support/db.ts';

const NOW = '2025-11-20T02:00:00.000Z';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

describe.each(engines())('gongkai amendments list on %s', (engine) => {
  const t = useDatabase(engine);
  let dir: string;
  let config: Config;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-amendments-cli-'));
    config = lendDatabase({ dataDir: join(dir, 'data'), databaseUrl: undefined, port: 3000, secureCookies: false }, t.database);
    const a = await createAgency(t.db, { code: 'amend-cli', name: '示范市自然资源和规划局', level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    const who = { actor: 'tester', now: NOW, today: '2025-11-20', calendar };
    const base = { requesterName: '王建国', record: '征收公告附表', inaccuracy: '姓名有误', requested: '更正姓名', evidence: '身份证复印件' };
    const late = await registerAmendment(t.db, a.value.id, { ...base, receivedOn: '2025-09-26' }, who);
    const done = await registerAmendment(t.db, a.value.id, { ...base, requesterName: '赵丽', receivedOn: '2025-11-03' }, who);
    if (!late.ok || !done.ok) throw new Error('setup');
    const d = await decideAmendment(t.db, a.value.id, done.value.id, { decision: 'transferred', decidedOn: '2025-11-10', authority: '示范市不动产登记中心' }, who);
    if (!d.ok) throw new Error(d.error.message);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), tty: false, interactive: false, now: () => NOW };
    const cmd = amendmentsCommand(io, (c) => (code = c), () => ({ ok: true, config }));
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists newest first, the overdue marked', async () => {
    const r = await run('list', '--agency', 'amend-cli');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(['更正2025-0002\t赵丽\t收到 2025-11-03\t期限 2025-12-01\t转送有权机关（2025-11-10） 示范市不动产登记中心', '更正2025-0001\t王建国\t收到 2025-09-26\t期限 2025-10-30\t办理中（已超期）']);
  });

  it('gives JSON with ISO dates, filtered by state', async () => {
    const r = await run('list', '--agency', 'amend-cli', '--state', 'open', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { number: '更正2025-0001', requesterName: '王建国', record: '征收公告附表', receivedOn: '2025-09-26', dueOn: '2025-10-30', overdue: true, state: 'open', decision: null, decidedOn: null, authority: null, noticeNumber: null },
    ]);
  });

  it('refuses an unknown agency in Chinese (exit 2)', async () => {
    const r = await run('list', '--agency', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/机关“nowhere”不存在/);
  });
});
