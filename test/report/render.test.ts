import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { emptyReport, emptyTrial2019, type AnnualReport } from '../../src/domain/report/model.ts';
import { APPLICATION_ROWS, applicationRows, cellCatalogue, getAt } from '../../src/domain/report/layout.ts';
import { render, renderDocx, renderHtml, renderMarkdown, renderText, renderXlsx } from '../../src/domain/report/render/index.ts';
import { cellText } from '../../src/domain/report/render/common.ts';
import { fullRowLabel } from '../../src/domain/report/render/grid.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/reports/${name}`, import.meta.url));

function zhongwei(): AnnualReport {
  const { inconsistencies: _, ...report } = JSON.parse(readFileSync(fixture('zhongwei-jiguan-shiwu-2024.expected.json'), 'utf8')) as AnnualReport & {
    inconsistencies?: unknown;
  };
  return report;
}

/** Numbers, nulls and a decimal fee; each cell of 三 and 四 distinct so a misplaced cell shows. */
function sample(): AnnualReport {
  const r = emptyReport();
  r.agency = '某市<测试>&局';
  r.year = 2023;
  r.activeDisclosure.regulations = { issued: 1, repealed: null, inForce: 12 };
  r.activeDisclosure.normativeDocuments = { issued: 3, repealed: 2, inForce: 40 };
  r.activeDisclosure.licensing = 1520;
  r.activeDisclosure.punishment = null;
  r.activeDisclosure.enforcement = 7;
  r.activeDisclosure.feesWanYuan = 0.35;
  applicationRows('2021').forEach((spec, k) => {
    const row = getAt(r, spec.path) as (number | null)[];
    for (let i = 0; i < 7; i++) row[i] = k === 5 && i === 2 ? null /* （三）2, 科研机构 */ : 100 + k * 10 + i;
  });
  r.review.reconsideration = [1, 0, null, 2, 3];
  r.review.litigationDirect = [4, 5, 6, 7, 22];
  r.review.litigationAfterReconsideration = [null, null, null, null, null];
  r.text = { overview: '第一段总体情况。\n第二段 a<b>c。', problems: null, other: '无其他事项。' };
  return r;
}

function sample2019(): AnnualReport {
  const r = emptyReport('2019');
  r.agency = '某县人民政府办公室';
  r.year = 2019;
  r.activeDisclosure.regulations = { issued: 2, repealed: null, inForce: 9 };
  r.activeDisclosure.licensing = 5;
  r.trial2019 = emptyTrial2019();
  r.trial2019.regulationsPublished = 2;
  r.trial2019.licensing = { previousYear: 3, change: -2 };
  r.trial2019.otherServices = { previousYear: 8, change: 4, decisions: 11 };
  r.trial2019.procurement = { projects: 6, amount: '160.5964万元' };
  r.applications.rows.otherHandling.other = [1, 0, 0, 0, 0, 0, 1];
  return r;
}

/** The data cells of a format in reading order, as the renderers must write them. */
const expectedCells = (r: AnnualReport, format: '2021' | '2019') => cellCatalogue(format).map((c) => cellText(getAt(r, c.at)));

const tdTexts = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('renderHtml', () => {
  const html = renderHtml(sample());

  it('is a standalone, printable page', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>某市&lt;测试&gt;&amp;局2023年政府信息公开工作年度报告</title>');
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/break-inside: avoid/);
    expect(html).not.toContain('<测试>');
  });

  it('writes the sections and their prose', () => {
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      expect(html).toContain(`<h2>${h}</h2>`);
    }
    expect(html).toContain('<p>第一段总体情况。</p>\n<p>第二段 a&lt;b&gt;c。</p>');
    expect(html).toContain('<p>无其他事项。</p>');
    expect(html).toContain('本报告统计数据从2023年1月1日至12月31日。');
  });

  it('draws the merged cells of the official tables', () => {
    expect(html.match(/<caption>/g)).toHaveLength(3);
    expect(html).toContain('<th scope="rowgroup" colspan="4">第二十条第（一）项</th>');
    expect(html).toContain('<th scope="col" colspan="3">本年收费金额（单位：万元）</th>');
    expect(html).toMatch(/<th scope="col" colspan="3" rowspan="3">（本列数据的勾稽关系为：/);
    expect(html).toContain('<th scope="colgroup" colspan="7">申请人情况</th>');
    expect(html).toContain('<th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">法人或其他组织</th><th scope="col" rowspan="2">总计</th>');
    expect(html).toContain('<th scope="rowgroup" rowspan="22">三、本年度办理结果</th><th scope="row" colspan="2">（一）予以公开</th>');
    expect(html).toContain('<th scope="row" rowspan="8">（三）不予公开</th><th scope="row">1.属于国家秘密</th>');
    expect(html).toContain('<th scope="row" rowspan="3">（四）无法提供</th>');
    expect(html).toContain('<th scope="row" rowspan="5">（五）不予处理</th>');
    expect(html).toContain('<th scope="row" rowspan="3">（六）其他处理</th>');
    expect(html).toContain('<th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>');
    expect(html).toContain('<th scope="colgroup" colspan="5">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th>');
    expect(html).toContain('<th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th>');
    expect(html).toContain('<th scope="col" rowspan="2">结果维持</th>');
  });

  it('writes every cell in reading order, a null as an empty cell', () => {
    const r = sample();
    expect(tdTexts(html)).toEqual(expectedCells(r, '2021'));
    expect(html).toContain('<td colspan="3">0.35</td>');
    expect(html).toContain('<td></td>');
    expect(html).toContain('<td>1</td><td></td><td>12</td>');
    expect(html).not.toMatch(/null|undefined|NaN/);
  });

  it('renders the zhongwei report and a fragment', () => {
    const r = zhongwei();
    const page = renderHtml(r);
    expect(page).toContain('<h1>中卫市机关事务服务中心2024年政府信息公开工作年度报告</h1>');
    expect(tdTexts(page)).toEqual(expectedCells(r, '2021'));
    const fragment = renderHtml(r, { standalone: false });
    expect(fragment.startsWith('<article')).toBe(true);
    expect(fragment).not.toContain('<!doctype');
  });

  it('leaves out unknown parts of the title', () => {
    expect(renderHtml(emptyReport())).toContain('<title>政府信息公开工作年度报告</title>');
    expect(renderHtml(emptyReport())).not.toContain('本报告统计数据从');
  });
});

describe('renderText', () => {
  const r = sample();
  const text = renderText(r);
  const lines = text.split('\n');

  it('starts with the title and the statistics period', () => {
    expect(lines[0]).toBe('某市<测试>&局2023年政府信息公开工作年度报告');
    expect(lines[1]).toBe('');
    expect(lines[2]).toContain('本报告统计数据从2023年1月1日至12月31日。');
    expect(lines).toContain('一、总体情况');
    expect(lines).toContain('第二段 a<b>c。');
  });

  it('writes 二 as one line per row', () => {
    const at = lines.indexOf('第二十条第（一）项');
    expect(lines.slice(at, at + 4)).toEqual(['第二十条第（一）项', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '规章\t1\t\t12', '行政规范性文件\t3\t2\t40']);
    expect(lines).toContain('行政许可\t1520');
    expect(lines).toContain('行政处罚\t');
    expect(lines).toContain('行政事业性收费\t0.35');
    expect(lines).toContain('信息内容\t本年收费金额（单位：万元）');
  });

  it('writes 三 as a label and exactly 7 cells per row', () => {
    const head = lines.indexOf('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况');
    expect(head).toBeGreaterThan(0);
    expect(lines.slice(head + 1, head + 3)).toEqual(['自然人\t法人或其他组织\t总计', '商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他']);
    for (const spec of APPLICATION_ROWS) {
      const row = getAt(r, spec.path) as (number | null)[];
      expect(lines).toContain([fullRowLabel(spec), ...row.map(cellText)].join('\t'));
    }
    expect(lines).toContain('（三）不予公开 1.属于国家秘密\t140\t141\t142\t143\t144\t145\t146');
    expect(lines).toContain('（三）不予公开 2.其他法律行政法规禁止公开\t150\t151\t\t153\t154\t155\t156');
    const results = lines.indexOf('三、本年度办理结果');
    expect(lines[results + 1]?.startsWith('（一）予以公开\t')).toBe(true);
    expect(lines[results - 1]?.startsWith('二、上年结转政府信息公开申请数量\t')).toBe(true);
  });

  it('writes 四 with its header lines and one row of 15 cells', () => {
    const at = lines.indexOf('行政复议\t行政诉讼');
    expect(lines.slice(at, at + 4)).toEqual([
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉',
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].join('\t'),
      ['1', '0', '', '2', '3', '4', '5', '6', '7', '22', '', '', '', '', ''].join('\t'),
    ]);
  });

  it('ends a line with a tab only where its last cell is null', () => {
    expect(lines.filter((l) => l.endsWith('\t'))).toEqual(['行政处罚\t', '1\t0\t\t2\t3\t4\t5\t6\t7\t22\t\t\t\t\t']);
  });

  it('renders the zhongwei report in its layout', () => {
    const t = renderText(zhongwei());
    expect(t.startsWith('中卫市机关事务服务中心2024年政府信息公开工作年度报告\n\n')).toBe(true);
    expect(t).toContain('本报告统计数据从2024年1月1日至12月31日。');
    expect(t).toContain('\n（五）不予处理 2.重复申请\t0\t0\t0\t0\t0\t0\t0\n');
    expect(t).toContain(`\n${Array.from({ length: 15 }, () => '0').join('\t')}\n`);
  });
});

describe('renderMarkdown', () => {
  const m = renderMarkdown(sample());

  it('has headings and pipe tables with flattened labels', () => {
    expect(m.startsWith('# 某市<测试>&局2023年政府信息公开工作年度报告\n')).toBe(true);
    expect(m).toContain('\n## 三、收到和处理政府信息公开申请情况\n');
    expect(m).toContain('**第二十条第（一）项**');
    expect(m).toContain('| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |');
    expect(m).toContain('| 规章 | 1 |  | 12 |');
    expect(m).toContain('| 行政事业性收费 | 0.35 |');
    expect(m).toContain('| 自然人 | 法人或其他组织 商业企业 |');
    expect(m).toContain('| （三）不予公开 1.属于国家秘密 | 140 | 141 | 142 | 143 | 144 | 145 | 146 |');
    expect(m).toContain('| 行政复议 结果维持 |');
    expect(m).toContain('| 行政诉讼 复议后起诉 总计 |');
    expect(m).toContain('| 1 | 0 |  | 2 | 3 | 4 |');
    expect(m).toContain('\n第二段 a<b>c。\n');
    // one pipe table per sub-table of 二 (4), then 三 and 四
    expect(m.match(/^\|( -{3}:? \|)+$/gm)).toHaveLength(6);
  });
});

describe('renderDocx', () => {
  it('is a Word document with merged cells, A4 and the official fonts', async () => {
    const bytes = await renderDocx(sample());
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toContain('w:gridSpan w:val="7"');
    expect(doc).toContain('w:gridSpan w:val="10"');
    expect(doc).toContain('w:vMerge w:val="restart"');
    expect(doc).toContain('w:vMerge w:val="continue"');
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('<w:sz w:val="44"/>');
    expect(doc).toContain('<w:sz w:val="32"/>');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toContain('<w:tblHeader/>');
    const runs = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => unescape(x[1] ?? ''));
    expect(runs).toContain('某市<测试>&局2023年政府信息公开工作年度报告');
    expect(runs).toContain('0.35');
    expect(runs).toContain('（三）不予公开');
    expect(runs).not.toContain('null');
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('numbers its pages "— n —" in the footers (GB/T 9704 §7.5)', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(sample()));
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toContain('<w:footerReference w:type="default"');
    expect(doc).toContain('<w:footerReference w:type="even"');
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      const xml = await zip.file(f)!.async('string');
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(xml).toContain('— ');
    }
  });
});

describe('renderXlsx', () => {
  it('has a sheet per table with numbers, blanks and merged headers', async () => {
    const bytes = await renderXlsx(sample());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['报告信息', '二、主动公开', '三、依申请公开', '四、复议诉讼']);
    const info = wb.getWorksheet('报告信息')!;
    expect(info.getCell('B2').value).toBe('某市<测试>&局');
    expect(info.getCell('B3').value).toBe(2023);

    const active = wb.getWorksheet('二、主动公开')!;
    expect(active.getCell('A2').value).toBe('第二十条第（一）项');
    expect(active.getCell('B4').value).toBe(1);
    expect(active.getCell('C4').value).toBeNull();
    expect(active.getCell('D4').value).toBe(12);
    const merges = (s: ExcelJS.Worksheet) => (s.model as unknown as { merges: string[] }).merges;
    expect(merges(active)).toContain('A2:D2');
    const fee = active.getCell('B15');
    expect(fee.value).toBe(0.35);
    expect(merges(active)).toContain('B15:D15');

    const apps = wb.getWorksheet('三、依申请公开')!;
    expect(merges(apps)).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'E3:I3', 'D3:D4', 'J3:J4', 'A7:A28', 'B9:B16', 'A5:C5']));
    expect(apps.getCell('D5').value).toBe(100);
    expect(typeof apps.getCell('J29').value).toBe('number');
    expect(apps.getCell('F10').value).toBeNull(); // （三）2 其他法律行政法规禁止公开, 科研机构
    expect(apps.getCell('F9').value).toBe(142);
    expect(apps.getCell('D3').font.bold).toBe(true);

    const review = wb.getWorksheet('四、复议诉讼')!;
    expect(merges(review)).toEqual(expect.arrayContaining(['A2:E2', 'F2:O2', 'F3:J3', 'K3:O3', 'A3:A4']));
    expect(review.getCell('A5').value).toBe(1);
    expect(review.getCell('C5').value).toBeNull();
    expect(review.getCell('J5').value).toBe(22);
    expect(review.getColumn(1).width).toBeGreaterThan(0);
  });

  describe('widths, wrapping, heights and printing', () => {
    const load = async (r: AnnualReport) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderXlsx(r)) as unknown as ArrayBuffer);
      return wb;
    };
    /** Excel units a label needs at 10.5pt, measured independently and generously: a CJK character two units, any other one. */
    const need = (text: string) => [...text].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uff60]/u.test(ch) ? 2 : 1), 0);
    const width = (s: ExcelJS.Worksheet, from: number, to: number) => {
      let w = 0;
      for (let c = from; c <= to; c++) w += s.getColumn(c).width ?? 0;
      return w;
    };
    /** The points a row takes (Excel's default 15 where none is stored). */
    const height = (s: ExcelJS.Worksheet, r: number) => s.getRow(r).height ?? 15;

    it('the long labels of 三 （六）1–2 and （二） get the width and the rows they need, wrapped, not over their neighbours', async () => {
      const apps = (await load(sample())).getWorksheet('三、依申请公开')!;
      const labels: [string, number, number, number][] = [
        // text, row, first and last column of its cell
        ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 25, 3, 3],
        ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 26, 3, 3],
        ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 8, 2, 3],
        ['5.要求行政机关确认或重新出具已获取信息', 24, 3, 3],
      ];
      for (const [text, row, from, to] of labels) {
        const cell = apps.getCell(row, from);
        expect(cell.value).toBe(text);
        expect(cell.alignment?.wrapText, text).toBe(true);
        const w = width(apps, from, to);
        // at least as wide as the label has characters, and wide enough × its lines for all of it
        expect(w, text).toBeGreaterThanOrEqual([...text].length);
        const lines = Math.ceil(need(text) / (w - 2));
        expect(lines, text).toBeLessThanOrEqual(2);
        expect(height(apps, row), text).toBeGreaterThanOrEqual(lines * 10.5 * 1.25);
      }
      // the numbers beside them stay in their own cells
      expect(apps.getCell('D25').value).toBe(100 + 20 * 10);
      expect(apps.getCell('D25').alignment?.wrapText).toBe(true);
    });

    it('every label in a single column fits its width on one line; every label cell wraps', async () => {
      for (const r of [sample(), sample2019()]) {
        const wb = await load(r);
        for (const name of ['二、主动公开', '三、依申请公开', '四、复议诉讼']) {
          const sheet = wb.getWorksheet(name)!;
          const merged = new Set<string>();
          for (const m of (sheet.model as unknown as { merges: string[] }).merges) {
            const [a, b] = m.split(':') as [string, string];
            const tl = sheet.getCell(a);
            const br = sheet.getCell(b);
            if (tl.col !== br.col || Number(br.row) - Number(tl.row) >= 3) merged.add(a);
          }
          sheet.eachRow((row) =>
            row.eachCell((cell) => {
              if (typeof cell.value !== 'string' || (cell.isMerged && cell.master !== cell)) return;
              expect(cell.alignment?.wrapText, `${name} ${cell.address}`).toBe(true);
              if (merged.has(cell.address)) return;
              if (need(cell.value) <= 40) expect(sheet.getColumn(Number(cell.col)).width, `${name} ${cell.address} ${cell.value}`).toBeGreaterThanOrEqual(need(cell.value));
            }),
          );
        }
      }
    });

    it('prints on A4 fitted to the width, the column labels on every page, "第 n 页 共 m 页" below', async () => {
      const wb = await load(sample());
      for (const sheet of wb.worksheets) {
        expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);
        expect(sheet.pageSetup.fitToPage, sheet.name).toBe(true);
        expect(sheet.pageSetup.fitToWidth, sheet.name).toBe(1);
        expect(sheet.pageSetup.fitToHeight, sheet.name).toBe(0);
        expect(sheet.headerFooter.oddFooter, sheet.name).toBe('&C第 &P 页 共 &N 页');
        // the title in the page header, its "&" doubled (a literal ampersand)
        expect(sheet.headerFooter.oddHeader, sheet.name).toContain('某市<测试>&&局2023年');
      }
      expect(wb.getWorksheet('三、依申请公开')!.pageSetup.printTitlesRow).toBe('2:4');
      expect(wb.getWorksheet('三、依申请公开')!.pageSetup.orientation).toBe('landscape');
      expect(wb.getWorksheet('四、复议诉讼')!.pageSetup.printTitlesRow).toBe('2:4');
      expect(wb.getWorksheet('二、主动公开')!.pageSetup.orientation).toBe('portrait');
    });
  });
});

describe('the 2019 trial format', () => {
  const r = sample2019();

  it('renders the 2019 tables in HTML', () => {
    const html = renderHtml(r);
    for (const label of ['本年新制作数量', '本年新公开数量', '对外公开总数量', '其他对外管理服务事项', '政府集中采购', '第二十条第（九）项', '规范性文件']) {
      expect(html).toContain(label);
    }
    expect(html).not.toContain('行政规范性文件');
    expect(html).not.toContain('1.申请人无正当理由逾期不补正');
    expect(html).toContain('<th scope="row" colspan="2">（六）其他处理</th><td>1</td>');
    expect(html).toContain('<th scope="rowgroup" rowspan="20">三、本年度办理结果</th>');
    expect(html).toContain('国办公开办函〔2019〕60号');
    expect(tdTexts(html)).toEqual(expectedCells(r, '2019'));
    expect(html).toContain('<td>3</td><td>-2</td><td>5</td>');
    expect(html).toContain('<td colspan="2">160.5964万元</td>');
  });

  it('renders the 2019 tables in text, Markdown, DOCX and XLSX', async () => {
    const text = renderText(r).split('\n');
    expect(text).toContain('信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量');
    expect(text).toContain('行政许可\t3\t-2\t5');
    expect(text).toContain('其他对外管理服务事项\t8\t4\t11');
    expect(text).toContain('政府集中采购\t6\t160.5964万元');
    expect(text).toContain('行政事业性收费\t\t');
    expect(text).toContain('（六）其他处理\t1\t0\t0\t0\t0\t0\t1');
    expect(text.filter((l) => l.includes('（六）其他处理'))).toHaveLength(1);

    expect(renderMarkdown(r)).toContain('| 政府集中采购 | 6 | 160.5964万元 |');

    const doc = await (await JSZip.loadAsync(await renderDocx(r))).file('word/document.xml')!.async('string');
    expect(doc).toContain('其他对外管理服务事项');
    expect(doc).toContain('>-2<');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(r)) as unknown as ArrayBuffer);
    const active = wb.getWorksheet('二、主动公开')!;
    const values = active.getSheetValues().flat().filter((v) => v !== undefined && v !== null);
    expect(values).toEqual(expect.arrayContaining(['本年新制作数量', '其他对外管理服务事项', '政府集中采购', -2, '160.5964万元']));
  });

  it('renders 2019 without trial2019 as blanks', () => {
    const bare = emptyReport('2019');
    expect(tdTexts(renderHtml(bare)).every((t) => t === '')).toBe(true);
  });
});

describe('render', () => {
  it('dispatches on the target', async () => {
    const r = zhongwei();
    expect(await render(r, 'html')).toBe(renderHtml(r));
    expect(await render(r, 'md')).toBe(renderMarkdown(r));
    expect(await render(r, 'text')).toBe(renderText(r));
    expect(await render(r, 'docx')).toBeInstanceOf(Uint8Array);
    expect(await render(r, 'xlsx')).toBeInstanceOf(Uint8Array);
  });
});
