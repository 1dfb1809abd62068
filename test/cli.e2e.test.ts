// The `gongkai` command as a user runs it: once a real process through bin/gongkai.mjs (its exit code,
// its JSON on standard output), the other runs in this process (support/cli-inprocess.ts), printing
// the same.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { isValidReportJson } from '../src/domain/report/json.ts';
import { ROOT, gongkai as spawnGongkai } from './support/cli.ts';
import { closeInProcess, gongkaiInProcess } from './support/cli-inprocess.ts';

const FIXTURES = join(ROOT, 'test/fixtures/reports');
const OUT = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));
afterAll(() => closeInProcess());

const gongkai = (...args: string[]) => gongkaiInProcess(args);

const fixture = (name: string) => join(FIXTURES, name);
const expected = (stem: string) => {
  const { inconsistencies: _i, ambiguous: _a, ...report } = JSON.parse(readFileSync(fixture(`${stem}.expected.json`), 'utf8'));
  return report;
};

describe('gongkai, a real process', () => {
  it('report check: exit 1 on a report with blank cells, its findings as JSON on standard output', async () => {
    const { code, stdout } = await spawnGongkai(['report', 'check', fixture('excerpt-040.txt'), '--json']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { findings: { rule: string; cells: { path: string }[] }[] };
    expect(result.findings.filter((f) => f.rule === 'BLANK').flatMap((f) => f.cells.map((c) => c.path))).toContain('applications.rows.granted[6]');
  });
});

describe('gongkai', () => {
  it('--help lists the commands', async () => {
    const { code, stdout } = await gongkai('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('report');
    const report = await gongkai('report', '--help');
    for (const command of ['parse', 'check', 'render']) expect(report.stdout).toContain(command);
  });

  it('refuses an unknown option in Chinese, exit 2', async () => {
    const { code, stderr } = await gongkai('report', 'parse', '--nope', fixture('excerpt-001.txt'));
    expect(code).toBe(2);
    expect(stderr).toContain('未知选项');
  });
});

describe('gongkai report parse', () => {
  it('prints the interchange JSON of the 中卫市 report, equal to its hand reading', async () => {
    const { code, stdout } = await gongkai('report', 'parse', fixture('zhongwei-jiguan-shiwu-2024.txt'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(isValidReportJson(report)).toBe(true);
    const { text: _text, ...tables } = report;
    expect(tables).toEqual(expected('zhongwei-jiguan-shiwu-2024'));
  });

  it('prints an array for several files, each valid', async () => {
    const { code, stdout } = await gongkai('report', 'parse', fixture('excerpt-040.txt'), fixture('excerpt-041.txt'), '--json');
    expect(code).toBe(0);
    const reports = JSON.parse(stdout) as unknown[];
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(isValidReportJson(r)).toBe(true);
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await gongkai('report', 'parse', fixture('excerpt-030.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('未找到表二');
  });

  it('exit 2 and a Chinese message for a file that does not exist', async () => {
    const { code, stderr } = await gongkai('report', 'parse', join(OUT, 'no-such-file.txt'), '--json');
    expect(code).toBe(2);
    expect(stderr).toContain('不存在');
  });
});

describe('gongkai report check', () => {
  it('exit 0 on the 中卫市 report', async () => {
    const { code, stdout } = await gongkai('report', 'check', fixture('zhongwei-jiguan-shiwu-2024.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('勾稽关系全部成立');
  });

  it('exit 1 on a report with blank cells, naming them', async () => {
    const { code, stdout } = await gongkai('report', 'check', fixture('excerpt-040.txt'), '--json');
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { findings: { rule: string; severity: string; cells: { path: string }[] }[] };
    const blank = result.findings.filter((f) => f.rule === 'BLANK').flatMap((f) => f.cells.map((c) => c.path));
    expect(blank).toContain('applications.rows.granted[6]');
  });

  it('exit 1 on an interchange JSON whose numbers do not add up', async () => {
    const report = expected('zhongwei-jiguan-shiwu-2024');
    report.applications.rows.newReceived = [1, 0, 0, 0, 0, 0, 1];
    const file = join(OUT, 'broken.json');
    writeFileSync(file, JSON.stringify(report));
    const { code, stdout } = await gongkai('report', 'check', file, '--json');
    expect(code).toBe(1);
    const rules = (JSON.parse(stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules).toContain('R1');
  });

  it('exit 2 when a file cannot be read; walks folders with a summary table', async () => {
    const missing = await gongkai('report', 'check', join(OUT, 'missing.txt'));
    expect(missing.code).toBe(2);
    const { code, stdout } = await gongkai('report', 'check', FIXTURES);
    expect(code).toBe(1); // excerpt-040 has blank cells
    expect(stdout).toContain('共12个文件');
    expect(stdout).toMatch(/文件\s+年度\s+机关\s+错误\s+警告\s+结果/);
  });

  it('checks two consecutive years of one agency against each other', async () => {
    const previous = expected('zhongwei-jiguan-shiwu-2024');
    previous.year = 2023;
    previous.applications.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    previous.applications.rows.newReceived = [1, 0, 0, 0, 0, 0, 1];
    const a = join(OUT, 'y2023.json');
    writeFileSync(a, JSON.stringify(previous));
    const { stdout } = await gongkai('report', 'check', a, fixture('zhongwei-jiguan-shiwu-2024.txt'), '--json');
    const results = JSON.parse(stdout) as { file: string; findings: { rule: string }[] }[];
    expect(results[1]?.findings.map((f) => f.rule)).toContain('X1');
  });
});

describe('gongkai report render', () => {
  it.each(['html', 'md', 'docx', 'xlsx'])('renders %s from a published text', async (to) => {
    const out = join(OUT, `zhongwei.${to}`);
    const { code } = await gongkai('report', 'render', fixture('zhongwei-jiguan-shiwu-2024.txt'), '--to', to, '--out', out);
    expect(code).toBe(0);
    const bytes = readFileSync(out);
    if (to === 'docx' || to === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
    else expect(bytes.toString('utf8')).toContain('行政规范性文件');
    if (to === 'xlsx') {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(book.worksheets.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('renders from interchange JSON and the result parses back to the same tables', async () => {
    const json = join(OUT, 'zhongwei.json');
    writeFileSync(json, JSON.stringify(expected('zhongwei-jiguan-shiwu-2024')));
    const html = join(OUT, 'from-json.html');
    expect((await gongkai('report', 'render', json, '--to', 'html', '--out', html)).code).toBe(0);
    const { stdout } = await gongkai('report', 'parse', html, '--json');
    const { text: _t, ...tables } = JSON.parse(stdout);
    expect(tables).toEqual(expected('zhongwei-jiguan-shiwu-2024'));
  });

  it('refuses an unknown target', async () => {
    const { code, stderr } = await gongkai('report', 'render', fixture('excerpt-001.txt'), '--to', 'rtf', '--out', join(OUT, 'x.rtf'));
    expect(code).toBe(2);
    expect(stderr).toContain('选项取值无效');
  });
});
