// `gongkai report publish` in process, on a copy of the migrated template of each engine lent to the
// command (support/db.ts useDatabase, lendDatabase): the checks of publication on the command line —
// warnings listed until --acknowledge-warnings, a disagreement with last year's published report until
// --explanation or --explanation-file, missing sections refused; exit 1 for each, as `report check`.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import type { Config } from '../../src/config.ts';
import { lendDatabase } from '../../src/db/connect.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { engines, useDatabase } from '../support/db.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json');
const PROSE = { overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', problems: '主动公开的时效性还不够强。', other: '本机关全年未收取信息处理费。' };
const model = (): AnnualReport => ({ ...(JSON.parse(readFileSync(FIXTURE, 'utf8')) as AnnualReport), text: { ...PROSE } });
const NOW = '2025-01-20T10:00:00.000+08:00';

describe.each(engines())('gongkai report publish on %s', (engine) => {
  const t = useDatabase(engine);
  let dir: string;
  let config: Config;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gongkai-publish-cli-'));
    config = lendDatabase({ dataDir: join(dir, 'data'), databaseUrl: undefined, port: 3000, secureCookies: false }, t.database);
    const a = await createAgency(t.db, { code: 'cli', name: '某市某局', level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function publish(report: AnnualReport | null, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    if (report) await writeFile(file, JSON.stringify(report));
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const cmd = reportCommand({ out: (s) => out.push(s), err: (s) => err.push(s), tty: false, now: () => NOW }, (c) => (code = c), () => ({ ok: true, config }));
    cmd.exitOverride();
    await cmd.parseAsync(['publish', file, '--agency', 'cli', ...args], { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists the warnings until --acknowledge-warnings', async () => {
    const report = { ...model(), year: 2022, text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' } };
    const refused = await publish(report);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('年度报告有1个警告，未发布');
    expect(refused.err).toContain('核实后加 --acknowledge-warnings 重新发布。');
    expect(refused.err).toContain('须确认的警告（1）：\n  警告 P1　');
    const published = await publish(report, '--acknowledge-warnings');
    expect(published.code).toBe(0);
    expect(published.out).toContain('已发布：某市某局2022年政府信息公开工作年度报告');
    expect(published.out).toContain('有1个已确认的警告');
  });

  it('refuses a report without its sections 一、五、六 (exit 1), naming each', async () => {
    const { text: _t, ...bare } = model();
    const r = await publish(bare as AnnualReport, '--acknowledge-warnings');
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误（3）：');
    expect(r.err).toContain('SECTION　年度报告的“五、存在的主要问题及改进情况”缺失');
  });

  it('asks for an explanation of a disagreement with last year, from --explanation or --explanation-file', async () => {
    const last = { ...model(), year: 2023 };
    last.applications.rows.newReceived = [1, 0, 0, 0, 0, 0, 1];
    last.applications.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    expect((await publish(last)).code).toBe(0);
    const refused = await publish(model());
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('须附书面说明才能发布');
    expect(refused.err).toContain('--explanation <文字>');
    expect(refused.err).toContain('与相邻年度已发布报告不衔接，须附说明（2）：');
    const file = join(dir, '说明.txt');
    await writeFile(file, '2023年末结转的1件申请于2024年1月撤回，上年报告误计。\n');
    const both = await publish(model(), '--explanation', '说明', '--explanation-file', file);
    expect(both.code).toBe(2);
    const published = await publish(model(), '--explanation-file', file);
    expect(published.code).toBe(0);
    expect(published.out).toContain('已附说明发布');
    expect(published.out).toContain('说明：2023年末结转的1件申请于2024年1月撤回，上年报告误计。');
  });
});
