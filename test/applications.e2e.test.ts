// The database commands as a user runs them: in this process (support/cli-inprocess.ts) on a copy of
// the migrated template, then everything moved by a real process (bin/gongkai.mjs) into another data
// folder, on embedded PGlite, and back.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPglite } from '../src/db/connect.ts';
import { isValidReportJson } from '../src/domain/report/json.ts';
import { gongkai as spawnGongkai } from './support/cli.ts';
import { closeInProcess, gongkaiInProcess } from './support/cli-inprocess.ts';
import { templateDataDir, useDatabase } from './support/db.ts';

const WORK = mkdtempSync(join(tmpdir(), 'gongkai-apps-'));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));
afterAll(() => closeInProcess());

const HEADER = '编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果';
const LEDGER = [
  HEADER,
  '2023-001,自然人,张三,,当面,2023-12-20,某文件,,,,2024-01-10,予以公开',
  '2024-001,自然人,李四,,在线,2024-03-01,某文件,2024-03-05,2024-03-12,,2024-04-01,部分公开',
  '2024-002,商业企业,某公司,,平信,2024-09-27,某文件,,,2024-10-24,2024-11-20,本机关不掌握相关政府信息',
  '2024-003,科研机构,某研究所,,传真,2024-12-20,某文件,,,,,',
  '2024-004,其他,某协会,,邮寄,2024-06-03,某文件,2024-06-05,,,2024-07-01,申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
].join('\n');

describe('database commands on embedded PGlite', () => {
  const data = join(WORK, 'data');
  const t = useDatabase('pglite');
  const gongkai = (dataDir: string, ...args: string[]) => gongkaiInProcess(args, { dataDir, database: () => t.database });

  it('creates an agency, refuses its code twice', async () => {
    const created = await gongkai(data, 'agency', 'create', '--code', 'zw', '--name', '中卫市机关事务服务中心', '--level', 'department');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('已创建机关');
    // the 机关代字 not given: the suggestion from the name, never cut, is used and printed
    expect(created.stdout).toContain('文号前缀（机关代字）：中卫机关事务公开（按机关名称建议');
    const again = await gongkai(data, 'agency', 'create', '--code', 'zw', '--name', '另一机关');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已被使用');
  }, 120_000);

  it('shows and changes the agency’s name, 文号 prefix and column pages', async () => {
    const shown = await gongkai(data, 'agency', 'update', 'zw');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('文号前缀：中卫机关事务公开');
    expect(shown.stdout).toContain('延期须在答复期限内决定：on');
    const bad = await gongkai(data, 'agency', 'update', 'zw', '--document-prefix', '中卫〔');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('文号前缀（机关代字）只能由汉字、字母和数字组成');
    const set = await gongkai(data, 'agency', 'update', 'zw', '--document-prefix', '卫机事公开');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('文号前缀：卫机事公开');
    const guide = join(WORK, 'guide.txt');
    writeFileSync(guide, '\uFEFF## 一、主动公开\n本中心主动公开的信息。\n');
    const written = await gongkai(data, 'agency', 'page', 'zw', 'guide', '--file', guide);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('已更新政府信息公开指南');
    expect((await gongkai(data, 'agency', 'page', 'zw', 'guide')).stdout.trim()).toBe('## 一、主动公开\n本中心主动公开的信息。');
    writeFileSync(guide, Buffer.from([0xd6, 0xd0, 0xce, 0xc4])); // GBK
    const gbk = await gongkai(data, 'agency', 'page', 'zw', 'guide', '--file', guide);
    expect(gbk.code).toBe(2);
    expect(gbk.stderr).toContain('不是 UTF-8 编码的文本');
    expect((await gongkai(data, 'agency', 'page', 'zw', 'index')).stderr).toContain('页面应为 guide 或 rules');
    expect((await gongkai(data, 'agency', 'page', 'zw', 'guide', '--file', join(WORK, 'missing.txt'))).stderr).toContain('找不到文件');
  }, 120_000);

  it('imports a ledger all or nothing, naming each bad row', async () => {
    const bad = join(WORK, 'bad.csv');
    writeFileSync(bad, `${LEDGER}\n2024-005,自然人,王五,110105194912310021,当面,2024-13-01,某文件,,,,2024-02-01,同意`);
    const refused = await gongkai(data, 'applications', 'import', bad, '--agency', 'zw');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('未导入任何申请');
    expect(refused.stderr).toContain('第7行「收到日期」');
    expect(refused.stderr).toContain('第7行「办理结果」');
    const good = join(WORK, 'good.csv');
    writeFileSync(good, LEDGER);
    const imported = await gongkai(data, 'applications', 'import', good, '--agency', 'zw');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('已导入5件申请');
  }, 120_000);

  it('computes the report from the records', async () => {
    const { code, stdout } = await gongkai(data, 'report', 'compute', '--agency', 'zw', '--year', '2024', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(isValidReportJson(report)).toBe(true);
    const rows = report.applications.rows;
    expect(rows.newReceived).toEqual([1, 1, 1, 0, 0, 1, 4]);
    expect(rows.carriedOver).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rows.granted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rows.partlyGranted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rows.unableToProvide.notHeld).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(rows.otherHandling.noCorrection).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(rows.totalHandled).toEqual([2, 1, 0, 0, 0, 1, 4]);
    expect(rows.carriedForward).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(report.review.reconsideration).toEqual([0, 0, 0, 0, 0]); // no 复议 case registered
    const check = join(WORK, 'computed.json');
    writeFileSync(check, stdout);
    const checked = await gongkai(data, 'report', 'check', check, '--json');
    const findings = (JSON.parse(checked.stdout) as { findings: { rule: string }[] }).findings;
    expect(findings.filter((f) => /^R\d$/.test(f.rule))).toEqual([]);
  }, 120_000);

  it('exports the ledger in the import format', async () => {
    const out = join(WORK, 'export.csv');
    expect((await gongkai(data, 'applications', 'export', '--agency', 'zw', '--out', out)).code).toBe(0);
    const text = readFileSync(out, 'utf8').replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(HEADER);
    expect(text).toContain('2024-002,商业企业,某公司,,平信,2024-09-27,某文件,,,2024-10-24,2024-11-20,本机关不掌握相关政府信息');
  }, 120_000);

  it('moves everything to another data folder (a real process) and back, identically', async () => {
    const archive = join(WORK, 'backup.json.gz');
    expect((await gongkai(data, 'export', archive)).code).toBe(0);
    const other = join(WORK, 'other');
    await templateDataDir(other);
    const restored = await spawnGongkai(['import', archive], { dataDir: other });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`已从 ${archive} 导入到内置数据库（${other}/pglite）`);
    // the other folder as the next process finds it
    const opened = await connectPglite({ dataDir: join(other, 'pglite') });
    try {
      const inOther = (...args: string[]) => gongkaiInProcess(args, { dataDir: other, database: () => opened });
      const again = join(WORK, 'again.json.gz');
      expect((await inOther('export', again)).code).toBe(0);
      expect(readFileSync(again).equals(readFileSync(archive))).toBe(true);
      const refused = await inOther('import', archive);
      expect(refused.code).toBe(2);
      expect((await inOther('db', 'migrate')).code).toBe(0);
    } finally {
      await opened.close();
    }
  }, 180_000);
});
