// `gongkai records import|export|list`, `agency update`'s table-四 settings and `report compute` in
// process (support/cli-inprocess.ts), on a copy of the migrated template of each engine lent to the
// commands: all or nothing with each bad row named by row and column (exit 1), the imported records in
// `records list` and in the computed report, export → import unchanged.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';

let dir: string;
afterAll(async () => {
  await closeInProcess();
  await rm(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-records-cli-'));
});

describe.each(engines())('gongkai records on %s', (engine) => {
  const t = useDatabase(engine);

  const run = async (...args: string[]) => {
    const r = await gongkaiInProcess(args, { dataDir: join(dir, engine), database: () => t.database, now: () => '2025-02-01T02:00:00.000Z' });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };
  const file = async (name: string, lines: string[]) => {
    const path = join(dir, `${engine}-${name}`);
    await writeFile(path, lines.join('\n'));
    return path;
  };

  it('imports all or nothing, lists, computes and exports', async () => {
    expect((await run('agency', 'create', '--code', 'cli', '--name', '示范市某局')).code).toBe(0);
    // written to the database lent to the commands, not to an embedded one in the data folder
    expect(await t.db.selectFrom('agencies').select('name').where('code', '=', 'cli').executeTakeFirst()).toEqual({ name: '示范市某局' });
    const bad = await file('bad.csv', ['年度,类别,数量,金额（万元）', '2024,行政许可,12,', '2024,行政处罚,-1,', '2024,行政事业性收费,3,']);
    const refused = await run('records', 'import', 'counts', bad, '--agency', 'cli');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('未导入任何数字：文件有2处问题');
    expect(refused.err).toContain('第3行「数量」：行政处罚的数量不能为负数。');
    expect(refused.err).toContain('第4行「数量」：行政事业性收费填在“金额（万元）”列');
    const counts = await file('counts.csv', ['年度,类别,数量,金额（万元）', '2024,行政许可,12,', '2024,行政事业性收费,,0.35']);
    const imported = await run('records', 'import', 'counts', counts, '--agency', 'cli');
    expect([imported.code, imported.out]).toEqual([0, '已导入示范市某局的2项数字：新录入2项，0项与现有数字相同、未重复录入。\n']);
    const cases = await file('cases.csv', ['案号,类型,关联申请编号,收到日期,结案日期,结果,结果说明,受理机关,关联复议案号', '复1,行政复议,,2024-03-01,2024-05-01,纠正,撤销,某市政府,', '诉1,复议后起诉,,2024-06-01,,尚未审结,,某法院,复1']);
    expect((await run('records', 'import', 'cases', cases, '--agency', 'cli')).code).toBe(0);

    const list = await run('records', 'list', '--agency', 'cli', '--year', '2024');
    expect(list.code).toBe(0);
    expect(list.out).toContain('行政许可：12件（2025-02-01 10:00 import 文件导入）');
    expect(list.out).toContain('行政处罚：未录入（报告中该格为空）');
    expect(list.out).toContain('行政复议：0、1、0、0、1');
    expect(list.out).toContain('复议后起诉：0、0、0、1、1');

    const computed = await run('report', 'compute', '--agency', 'cli', '--year', '2024', '--json');
    const report = JSON.parse(computed.out) as { activeDisclosure: Record<string, unknown>; review: Record<string, number[]> };
    expect([report.activeDisclosure['licensing'], report.activeDisclosure['punishment'], report.activeDisclosure['feesWanYuan']]).toEqual([12, null, 0.35]);
    expect(report.review).toEqual({ reconsideration: [0, 1, 0, 0, 1], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 1, 1] });

    // the settings of table 四: counted where concluded (the 复议 of 2024 in 2024 either way; the lawsuit pending in 2025 too)
    const set = await run('agency', 'update', 'cli', '--review-count-year', 'concluded', '--review-rejection-upheld', 'off');
    expect(set.out).toContain('表四统计年度：concluded');
    expect(set.out).toContain('表四驳回请求计入维持：off');
    const later = JSON.parse((await run('report', 'compute', '--agency', 'cli', '--year', '2025', '--json')).out) as { review: Record<string, number[]> };
    expect(later.review['litigationAfterReconsideration']).toEqual([0, 0, 0, 1, 1]);
    expect((await run('agency', 'update', 'cli', '--review-count-year', 'sometimes')).code).toBe(2);

    for (const kind of ['cases']) {
      const out = join(dir, `${engine}-${kind}-out.xlsx`);
      expect((await run('records', 'export', kind, '--agency', 'cli', '--out', out)).code).toBe(0);
      expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
      const again = await run('records', 'import', kind, out, '--agency', 'cli');
      expect(again.code).toBe(0);
      expect(again.out).toContain('新登记0件，修改0件，2件与登记相同');
    }
    expect((await run('records', 'import', 'stuff', cases, '--agency', 'cli')).code).toBe(2);
  });
});
