// `gongkai catalogue import|export` as a user runs them, on embedded PGlite in a data folder of their
// own: all or nothing with each bad row named (exit 1), and export → import into an empty agency →
// export gives the same file. The folder's database is open in this process and the commands run here
// (support/cli-inprocess.ts), printing the same; the last export is a real process through
// bin/gongkai.mjs on the folder, the file on its standard output.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { openDatabase } from '../src/services/database.ts';
import type { Database } from '../src/services/database.ts';
import { gongkai as spawnGongkai } from './support/cli.ts';
import { closeInProcess, gongkaiInProcess } from './support/cli-inprocess.ts';
import { templateDataDir } from './support/db.ts';

const WORK = mkdtempSync(join(tmpdir(), 'gongkai-catalogue-'));
const DATA = join(WORK, 'data');
const CONFIG: Config = { dataDir: DATA, databaseUrl: undefined, port: 0, secureCookies: false };
/** The data folder's database, open in this process until the real process runs. */
let database: Database | undefined;
const opened = (): Database => {
  if (database === undefined) throw new Error('the data folder is not open in this process');
  return database;
};
beforeAll(async () => {
  await templateDataDir(DATA);
  database = await openDatabase(CONFIG);
});
afterAll(async () => {
  await database?.close();
  await closeInProcess();
  rmSync(WORK, { recursive: true, force: true });
});

const gongkai = (dataDir: string, ...args: string[]) => gongkaiInProcess(args, { dataDir, database: opened });

const GOOD = [
  '标题,索引号,文号,发布机构,成文日期,发布日期,主题分类,信息类别,文件类型,有效性,废止日期,正文',
  '关于印发土地管理办法的通知,OLD/2019-001,示范自然资规〔2019〕1号,,2019-03-01,2019-03-05,国土资源、能源,第二十条第（一）项,行政规范性文件,废止,2023-01-01,"<p>第一条 为了规范管理。</p><script>x</script>"',
  '2020年预算公开,,,,2020/1/20,2020年2月1日,"财政、金融、审计",（七）,财政信息,,,"## 一、收入\n- 一般公共预算"',
].join('\n');

describe('gongkai catalogue on embedded PGlite', () => {
  const data = DATA;

  it('imports all or nothing, exports, and round-trips into an empty agency', async () => {
    expect((await gongkai(data, 'agency', 'create', '--code', 'old', '--name', '示范市自然资源局')).code).toBe(0);
    expect((await gongkai(data, 'agency', 'create', '--code', 'new', '--name', '示范市新局')).code).toBe(0);

    const bad = join(WORK, 'bad.csv');
    writeFileSync(bad, `${GOOD}\n无日期的信息,,,,,,,第二十条第（二）项,其他文件,,,`);
    const refused = await gongkai(data, 'catalogue', 'import', bad, '--agency', 'old');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('未导入任何信息');
    expect(refused.stderr).toContain('第4行「发布日期」');

    const good = join(WORK, 'good.csv');
    writeFileSync(good, GOOD);
    const imported = await gongkai(data, 'catalogue', 'import', good, '--agency', 'old');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('已导入2条政府信息');

    const xlsx = join(WORK, 'out.xlsx');
    const exported = await gongkai(data, 'catalogue', 'export', '--agency', 'old', '--out', xlsx);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('已导出2条');
    const again = await gongkai(data, 'catalogue', 'import', xlsx, '--agency', 'new');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);

    const first = (await gongkai(data, 'catalogue', 'export', '--agency', 'old')).stdout;
    // the data folder closed here, as a real process finds it
    await opened().close();
    database = undefined;
    const exportedByProcess = await spawnGongkai(['catalogue', 'export', '--agency', 'new'], { dataDir: data });
    expect(exportedByProcess.stderr).toBe('');
    expect(exportedByProcess.code).toBe(0);
    const second = exportedByProcess.stdout;
    expect(first).toContain('<p>第一条 为了规范管理。</p>');
    expect(first).not.toContain('script');
    // the same items; the generated 索引号 differ by agency (its code), every other column is equal
    const strip = (csv: string) => csv.replace(/(old|new)\/2020-00001/g, 'X');
    expect(strip(second)).toBe(strip(first));

    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 300_000);
});
