// `gongkai report publish|withdraw` as a user runs them, on embedded PGlite in a data folder of their
// own: a published report's text, a DOCX and interchange JSON; refusals with Chinese messages and exit
// codes; a correction; withdrawal. The folder's database is open in this process and the commands run
// here (support/cli-inprocess.ts), printing the same; the last publication is a real process through
// bin/gongkai.mjs on the folder.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { openDatabase } from '../src/services/database.ts';
import type { Database } from '../src/services/database.ts';
import { ROOT, gongkai as spawnGongkai } from './support/cli.ts';
import { closeInProcess, gongkaiInProcess } from './support/cli-inprocess.ts';
import { templateDataDir } from './support/db.ts';

const WORK = mkdtempSync(join(tmpdir(), 'gongkai-publish-'));

const TEXT = join(ROOT, 'test/fixtures/reports/zhongwei-jiguan-shiwu-2024.txt');
const EXPECTED = join(ROOT, 'test/fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json');
/** The hand reading of the report with the prose sections 一、五、六 a published report must have. */
const JSON_FILE = join(WORK, 'zhongwei-2024.json');
writeFileSync(
  JSON_FILE,
  JSON.stringify({
    ...(JSON.parse(readFileSync(EXPECTED, 'utf8')) as object),
    text: { overview: '2024年以来，中心认真贯彻落实条例。', problems: '公开途径比较单一。', other: '中心2024年未产生信息处理费。' },
  }),
);

const data = join(WORK, 'data');
const CONFIG: Config = { dataDir: data, databaseUrl: undefined, port: 0, secureCookies: false };
/** The data folder's database, open in this process until the real process runs. */
let database: Database | undefined;
const opened = (): Database => {
  if (database === undefined) throw new Error('the data folder is not open in this process');
  return database;
};
beforeAll(async () => {
  await templateDataDir(data);
  database = await openDatabase(CONFIG);
});
afterAll(async () => {
  await database?.close();
  await closeInProcess();
  rmSync(WORK, { recursive: true, force: true });
});

const gongkai = (dataDir: string, ...args: string[]) => gongkaiInProcess(args, { dataDir, database: opened });

describe('gongkai report publish and withdraw on embedded PGlite', () => {

  it('publishes the text of a report, refuses it a second time, corrects it from JSON', async () => {
    expect((await gongkai(data, 'agency', 'create', '--code', 'zw', '--name', '中卫市机关事务服务中心')).code).toBe(0);
    const published = await gongkai(data, 'report', 'publish', TEXT, '--agency', 'zw');
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('已发布：中卫市机关事务服务中心2024年政府信息公开工作年度报告');
    expect(published.stdout).toContain('公开网址：/zw/reports/2024');
    expect(published.stdout).toContain('北京时间');

    const again = await gongkai(data, 'report', 'publish', TEXT, '--agency', 'zw', '--year', '2024');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('2024年度的年度报告已经发布');
    expect(again.stderr).toContain('--replace');

    const unnoted = await gongkai(data, 'report', 'publish', JSON_FILE, '--agency', 'zw', '--replace');
    expect(unnoted.code).toBe(2);
    expect(unnoted.stderr).toContain('--change-note');
    const corrected = await gongkai(data, 'report', 'publish', JSON_FILE, '--agency', 'zw', '--replace', '--change-note', '更正了总体情况。');
    expect(corrected.code).toBe(0);
    expect(corrected.stdout).toContain('已更正（第2版）：');
  }, 180_000);

  it('refuses a report with errors (exit 1), an unreadable file, the wrong year, an unknown agency (exit 2)', async () => {
    const report = JSON.parse(readFileSync(JSON_FILE, 'utf8')) as { year: number; applications: { rows: { newReceived: number[] } } };
    report.applications.rows.newReceived[0] = 5;
    const wrong = join(WORK, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...report, year: 2023 }));
    const refused = await gongkai(data, 'report', 'publish', wrong, '--agency', 'zw');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/年度报告有\d+个错误，未发布：（1）R[13]：表三/);
    expect(refused.stdout).toBe('');

    const picture = join(WORK, 'scan.png');
    writeFileSync(picture, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const unreadable = await gongkai(data, 'report', 'publish', picture, '--agency', 'zw');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('无法读取文件“scan.png”');

    const missing = await gongkai(data, 'report', 'publish', join(WORK, 'nowhere.txt'), '--agency', 'zw');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取文件');

    const year = await gongkai(data, 'report', 'publish', TEXT, '--agency', 'zw', '--year', '2023');
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('报告的统计年度是2024年');
    const badYear = await gongkai(data, 'report', 'publish', TEXT, '--agency', 'zw', '--year', 'last');
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('四位数年份');

    const nowhere = await gongkai(data, 'report', 'publish', TEXT, '--agency', 'nowhere');
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('机关“nowhere”不存在');
  }, 180_000);

  it('withdraws, then publishes a DOCX of the report', async () => {
    const withdrawn = await gongkai(data, 'report', 'withdraw', '--agency', 'zw', '--year', '2024');
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.stdout).toContain('已撤回：中卫市机关事务服务中心2024年度的年度报告');
    const again = await gongkai(data, 'report', 'withdraw', '--agency', 'zw', '--year', '2024');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('2024年度的年度报告没有发布');

    const docx = join(WORK, '2024.docx');
    expect((await gongkai(data, 'report', 'render', TEXT, '--to', 'docx', '--out', docx)).code).toBe(0);
    // the data folder closed here, as a real process finds it
    await opened().close();
    database = undefined;
    const published = await spawnGongkai(['report', 'publish', docx, '--agency', 'zw', '--year', '2024'], { dataDir: data });
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('已发布：');
  }, 180_000);
});
