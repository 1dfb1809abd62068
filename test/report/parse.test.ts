// The parser against real published reports (test/fixtures/reports) and against the layouts they come in.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/domain/report/checks.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import { cellCatalogue, getAt } from '../../src/domain/report/layout.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { parseReportText } from '../../src/domain/report/parse/index.ts';

const DIR = join(import.meta.dirname, '../fixtures/reports');
const read = (name: string) => readFileSync(join(DIR, name));
const expectedOf = (stem: string) => JSON.parse(read(`${stem}.expected.json`).toString('utf8')) as AnnualReport & { inconsistencies: string[] };
const STEMS = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''))
  .sort();

/** The table cells of a report, by JSON path; a null row or group stands for all its cells null. */
function tableCells(report: AnnualReport): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const format = report.format === '2019' ? '2019' : '2021';
  for (const c of cellCatalogue(format)) if (!c.path.startsWith('trial2019')) out.set(c.path, getAt(report, c.at) ?? null);
  return out;
}

describe('every fixture parses cell for cell to its hand reading', () => {
  it.each(STEMS)('%s', async (stem) => {
    const expected = expectedOf(stem);
    const parsed = await parseReportDocument(read(`${stem}.txt`), `${stem}.txt`);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.report.format).toBe(expected.format);
    expect(parsed.report.year).toBe(expected.year);
    expect(Object.fromEntries(tableCells(parsed.report))).toEqual(Object.fromEntries(tableCells(expected)));
  });

  it('reads format, year and agency of the complete 中卫市 report, and check finds nothing', async () => {
    const parsed = await parseReportDocument(read('zhongwei-jiguan-shiwu-2024.txt'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.report.agency).toBe('中卫市机关事务服务中心');
    expect(parsed.report.year).toBe(2024);
    expect(parsed.report.format).toBe('2021');
    expect(parsed.report.text?.overview).toContain('中心未收到任何形式的政府信息公开申请');
    expect(parsed.report.text?.problems).toContain('公开途径比较单一');
    expect(parsed.report.text?.other).toContain('未产生信息处理费');
    expect(checkAll(parsed.report, { status: parsed.status })).toEqual([]);
  });
});

describe('check on the fixtures', () => {
  const findingsOf = async (stem: string) => {
    const parsed = await parseReportDocument(read(`${stem}.txt`));
    if (!parsed.ok) throw new Error(parsed.error);
    return checkAll(parsed.report, { status: parsed.status });
  };

  it.each(STEMS)('%s: no arithmetic finding where the numbers hold', async (stem) => {
    const arithmetic = (await findingsOf(stem)).filter((f) => /^R\d$/.test(f.rule));
    expect(arithmetic).toEqual([]);
  });

  it('excerpt-040: the blank totals of 予以公开 and 过程性信息 are errors', async () => {
    const findings = await findingsOf('excerpt-040');
    const blank = findings.filter((f) => f.rule === 'BLANK').flatMap((f) => f.cells.map((c) => c.path));
    expect(blank).toContain('applications.rows.granted[6]');
    expect(blank).toContain('applications.rows.denied.processInformation[6]');
    expect(findings.find((f) => f.rule === 'BLANK')?.severity).toBe('error');
  });

  it('excerpt-001: the narrative 受理2件 against 本年新收 3 is a prose warning', async () => {
    const prose = (await findingsOf('excerpt-001')).filter((f) => f.rule === 'P1');
    expect(prose).toHaveLength(1);
    expect(prose[0]?.severity).toBe('warning');
    expect(prose[0]?.cells[0]?.path).toBe('applications.rows.newReceived[6]');
  });

  it('excerpt-003: blank cells of 本年新收 are blank, not 0', async () => {
    const parsed = await parseReportDocument(read('excerpt-003.txt'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.report.applications.rows.newReceived).toEqual([null, null, null, null, null, null, 0]);
    expect(parsed.status['applications.rows.newReceived[0]']).toBe('blank');
    expect(parsed.status['applications.rows.granted[0]']).toBe('blank');
    expect(parsed.status['applications.rows.carriedForward[0]']).toBe('missing');
  });

  it.each(['excerpt-030', 'excerpt-015'])('%s gives all-null tables with diagnostics, not zeros', async (stem) => {
    const parsed = await parseReportDocument(read(`${stem}.txt`));
    if (!parsed.ok) throw new Error(parsed.error);
    const numbers = [...tableCells(parsed.report).values()].filter((v) => v !== null);
    expect(numbers.length).toBeLessThanOrEqual(1); // excerpt-015 has a single 0 after 规章
    expect(parsed.diagnostics.some((d) => d.code === 'TABLE_NOT_FOUND' || d.code === 'CELLS_MISSING')).toBe(true);
    expect(parsed.report.review.reconsideration).toEqual([null, null, null, null, null]);
  });
});

describe('layouts and spellings', () => {
  const T3_ROW = '一、本年新收政府信息公开申请数量';
  const parse = (text: string) => parseReportText(`二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n${text}`);

  it.each([
    ['tabs', `${T3_ROW}\t1\t2\t0\t0\t0\t0\t3`],
    ['tabs after a merged label column', `${T3_ROW}\t\t1\t2\t0\t0\t0\t0\t3\t`],
    ['inline pipes with fillers', `| ${T3_ROW} | 1 | 2 | 0 | 0 | 0 | 0 | 3 | ||`],
    ['one cell per line ending in a pipe', `${T3_ROW} |\n1 |\n2 |\n0 |\n0 |\n0 |\n0 |\n3 |\n||`],
    ['label, pipe and value lines', `${T3_ROW}\n|\n1\n|\n2\n|\n0\n|\n0\n|\n0\n|\n0\n|\n3\n|`],
    ['cells separated by blank lines', `${T3_ROW}\n\n1\n\n2\n\n0\n\n0\n\n0\n\n0\n\n3\n\n二、上年结转政府信息公开申请数量`],
    ['one cell per line', `${T3_ROW}\n1\n2\n0\n0\n0\n0\n3\n二、上年结转政府信息公开申请数量`],
    ['full-width digits and brackets', `（一）本年新收政府信息公开申请数量\t１\t２\t０\t０\t０\t０\t３`],
  ])('%s', (_name, text) => {
    expect(parse(text).report.applications.rows.newReceived).toEqual([1, 2, 0, 0, 0, 0, 3]);
  });

  it("reads '/', '-', '—' and 无 as blank, never as 0", () => {
    const r = parse(`${T3_ROW}\t/\t-\t—\t无\t\t0\t5`);
    expect(r.report.applications.rows.newReceived).toEqual([null, null, null, null, null, 0, 5]);
    expect(r.status['applications.rows.newReceived[0]']).toBe('blank');
  });

  it('reads a header split across lines and the 科研企业 typo', () => {
    const r = parse('申请人情况\n自然人\n法人或其他组织\n总计\n商业\n企业\n科研企业\n社会公益组织\n法律服务机构\n其他\n' + `${T3_ROW}\n4\n0\n0\n0\n0\n0\n4`);
    expect(r.report.applications.rows.newReceived).toEqual([4, 0, 0, 0, 0, 0, 4]);
  });

  it('refuses a row with more figures than cells instead of guessing', () => {
    const r = parse(`${T3_ROW}\t1\t2\t3\t4\t5\t6\t7\t8`);
    expect(r.report.applications.rows.newReceived).toEqual([null, null, null, null, null, null, null]);
    expect(r.diagnostics.map((d) => d.code)).toContain('AMBIGUOUS_ROW');
  });

  it('keeps an impossible figure out of the model and says why', () => {
    const r = parse(`${T3_ROW}\t1.5\t-2\t0\t0\t0\t0\t3`);
    expect(r.report.applications.rows.newReceived.slice(0, 2)).toEqual([null, null]);
    expect(r.status['applications.rows.newReceived[0]']).toBe('invalid');
    const findings = checkAll(r.report, { status: r.status });
    expect(findings.some((f) => f.rule === 'R7' && f.cells[0]?.path === 'applications.rows.newReceived[1]')).toBe(true);
  });

  it('converts a fee in 元 to 万元 and says so', () => {
    const r = parseReportText('二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t5000元');
    expect(r.report.activeDisclosure.feesWanYuan).toBe(0.5);
    expect(r.diagnostics.map((d) => d.code)).toContain('UNIT_CONVERTED');
  });

  it('skips junk before the title and finds year and agency', () => {
    const r = parseReportText('长者版 无障碍阅读\n当前位置:首页 > 政府信息公开 > 年报\n\n某某县财政局2022年政府信息公开工作年度报告\n\n一、总体情况\n2022年，我局……');
    expect(r.report.agency).toBe('某某县财政局');
    expect(r.report.year).toBe(2022);
  });

  it('takes the reporting year from 统计期限, not the publication date', () => {
    const r = parseReportText('发布日期：2024-01-20\n本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况');
    expect(r.report.year).toBe(2023);
  });

  it('says where a text cut off mid-table', () => {
    const r = parse(`${T3_ROW}\t1\t2\t0`);
    expect(r.report.applications.rows.newReceived).toEqual([1, 2, 0, null, null, null, null]);
    expect(r.status['applications.rows.newReceived[3]']).toBe('missing');
    expect(r.diagnostics.map((d) => d.code)).toContain('TEXT_TRUNCATED');
  });

  it('reads Traditional-Chinese and GB18030 copies', async () => {
    const traditional = '三、收到和處理政府信息公開申請情況\n一、本年新收政府信息公開申請數量\t2\t0\t0\t0\t0\t0\t2';
    const parsed = await parseReportDocument(new TextEncoder().encode(traditional), 'a.txt');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.report.applications.rows.newReceived).toEqual([2, 0, 0, 0, 0, 0, 2]);
    // "一、总体情况" in GB18030
    const gb = Uint8Array.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6, 0x0a, 0x32, 0x30, 0x32, 0x33, 0xc4, 0xea]);
    const g = await parseReportDocument(gb, 'b.txt');
    if (!g.ok) throw new Error(g.error);
    expect(g.report.text?.overview).toBe('2023年');
    expect(g.report.year).toBe(2023);
  });

  it('reads an HTML table with rowspan, colspan, &nbsp; and nested markup', async () => {
    const html = `<html><body><h1>某局2023年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>
      <table><tr><td colspan="3" rowspan="3"><span>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</span></td><td colspan="7">申请人情况</td></tr>
      <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
      <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
      <tr><td colspan="3"><b>一、本年新收政府信息公开申请数量</b></td><td>5</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>1</td><td>6</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>4</td></tr>
      <tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
      </table></body></html>`;
    const parsed = await parseReportDocument(new TextEncoder().encode(html), 'r.html');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.source).toBe('html');
    expect(parsed.report.applications.rows.newReceived).toEqual([5, null, 0, 0, 0, 1, 6]);
    expect(parsed.report.applications.rows.granted).toEqual([3, 0, 0, 0, 0, 1, 4]);
    expect(parsed.report.applications.rows.partlyGranted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(parsed.report.year).toBe(2023);
  });

  it('refuses bytes that are not a report, without throwing', async () => {
    const parsed = await parseReportDocument(Uint8Array.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9, 0, 0, 0]), 'x.bin');
    expect(parsed.ok).toBe(false);
  });
});
