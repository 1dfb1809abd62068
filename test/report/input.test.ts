import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import JSZip from 'jszip';
import { decodeBytes } from '../../src/domain/report/input/decode.ts';
import { sniffKind } from '../../src/domain/report/input/sniff.ts';
import { htmlToText, htmlToTextWithNotes } from '../../src/domain/report/input/html.ts';
import { docxToText } from '../../src/domain/report/input/docx.ts';
import { isTraditional, toSimplified } from '../../src/domain/report/input/chinese.ts';
import { NOT_RECOGNISED, readReportInput } from '../../src/domain/report/input/index.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

// GB18030 bytes (from `iconv -f utf-8 -t gb18030`)
const GB_TITLE = hex('d5feb8aed0c5cfa2b9abbfaab9a4d7f7c4eab6c8b1a8b8e6'); // 政府信息公开工作年度报告
const GB_XINGZHENGXUKE = hex('d0d0d5fed0edbfc9'); // 行政许可

describe('decodeBytes', () => {
  it('decodes GB18030 bytes', () => {
    const r = decodeBytes(concat(hex('d6d0cec4'), utf8(' '), GB_TITLE));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe('中文 政府信息公开工作年度报告');
    expect(r.notes.join()).toMatch(/GB18030/);
  });

  it('decodes the 4-byte GB18030 range', () => {
    expect(decodeBytes(hex('d6d0cec488f3b8e6')).text).toBe('中文報告');
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeBytes(concat(hex('efbbbf'), utf8('一、总体情况')));
    expect(r).toEqual({ text: '一、总体情况', encoding: 'utf-8', notes: [] });
  });

  it('reads UTF-16 with BOM, LE and BE', () => {
    const s = '二、主动公开政府信息情况\n规章\t0';
    const le = new Uint8Array(2 + s.length * 2);
    const be = new Uint8Array(2 + s.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
      be[2 + 2 * i] = c >> 8;
      be[3 + 2 * i] = c & 0xff;
    }
    expect(decodeBytes(le)).toMatchObject({ text: s, encoding: 'utf-16le' });
    expect(decodeBytes(be)).toMatchObject({ text: s, encoding: 'utf-16be' });
    // without the BOM, from the zero high bytes of digits, spaces and newlines
    const noBom = le.subarray(2);
    const long = new Uint8Array(noBom.length * 3);
    for (let i = 0; i < 3; i++) long.set(noBom, i * noBom.length);
    expect(decodeBytes(long)).toMatchObject({ text: s.repeat(3), encoding: 'utf-16le' });
  });

  it('removes NUL and control characters and normalises line breaks', () => {
    const r = decodeBytes(utf8('a\u0000b\r\nc\rd\u0007e\tf\u000cg'));
    expect(r.text).toBe('ab\nc\nde\tf\ng');
    expect(r.notes.some((n) => n.includes('控制字符'))).toBe(true);
  });

  it('lets an HTML <meta charset=gb2312> decide for non-UTF-8 bytes', () => {
    const bytes = concat(utf8('<meta charset="gb2312"><p>'), GB_TITLE, utf8('</p>'));
    const r = decodeBytes(bytes);
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toContain('政府信息公开工作年度报告');
    expect(r.notes.join()).toMatch(/GB2312/);
  });

  it('keeps valid UTF-8 as UTF-8 even when a meta tag says gbk', () => {
    const r = decodeBytes(utf8('<meta charset="gbk"><p>年度报告</p>'));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toContain('年度报告');
  });

  it('keeps mostly-valid UTF-8 as UTF-8 (a damaged byte does not turn the file into mojibake)', () => {
    const s = '根据《中华人民共和国政府信息公开条例》规定，现发布本机关年度报告。';
    const r = decodeBytes(concat(utf8(s), hex('ff'), utf8(s)));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe(`${s}\ufffd${s}`);
    expect(r.notes.join()).toMatch(/无效的UTF-8/);
  });
});

describe('sniffKind', () => {
  it('recognises kinds', () => {
    expect(sniffKind(utf8('<!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
    expect(sniffKind(utf8('  \n<table><tr><td>1</td></tr></table>'))).toBe('html');
    expect(sniffKind(utf8('<p>一、总体情况</p>'))).toBe('html');
    expect(sniffKind(concat(hex('efbbbf'), utf8('<html>')))).toBe('html');
    expect(sniffKind(utf8('{"a":1}'), 'report.json')).toBe('json');
    expect(sniffKind(utf8('[1,2]'))).toBe('json');
    expect(sniffKind(utf8('一、总体情况\n规章\t0'), 'a.txt')).toBe('text');
    expect(sniffKind(new Uint8Array(0))).toBe('text');
    expect(sniffKind(GB_TITLE)).toBe('text');
    expect(sniffKind(utf8('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffKind(utf8('\r\n  %PDF-1.4\n...'), 'a.txt')).toBe('pdf');
    expect(sniffKind(utf8('see %PDF-1.4 below'.padStart(1100, ' ')))).toBe('text');
    expect(sniffKind(hex('d0cf11e0a1b11ae1'), 'a.doc')).toBe('binary');
    expect(sniffKind(Uint8Array.from({ length: 2000 }, (_, i) => (i * 7) % 32))).toBe('binary');
    expect(sniffKind(hex('504b0304'), 'a.docx')).toBe('docx');
    expect(sniffKind(concat(hex('504b0304'), utf8('....word/document.xml....')))).toBe('docx');
    expect(sniffKind(concat(hex('504b0304'), utf8('....xl/workbook.xml....')), 'a.xlsx')).toBe('binary');
  });
});

// the official table 三, first rows, as published pages write it
const TABLE3_HTML = `
<table border="1" cellspacing="0">
  <tbody>
    <tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
        <td colspan="7">申请人情况</td></tr>
    <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
    <tr><td>商业<br>企业</td><td>科研<br/>
  机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
    <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>3</td><td>0</td><td>&nbsp;</td><td> </td><td>0</td><td>0</td><td>3</td></tr>
    <tr><td rowspan="26">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
    <tr><td colspan="2"><p><span style="font-family:仿宋">（二）部分公开</span><span>（区分处理的，只计这一情形，
        不计其他情形）</span></p></td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
  </tbody>
</table>`;

describe('htmlToText', () => {
  it('gives each row ONE tab-joined line of its real cells (rowspan/colspan not repeated)', () => {
    const text = htmlToText(`<html><body><h1>某局2024年政府信息公开工作年度报告</h1>
      <p>三、收到和处理政府信息公开申请情况</p>${TABLE3_HTML}<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>`);
    expect(text.split('\n')).toEqual([
      '某局2024年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      '',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
      '自然人\t法人或其他组织\t总计',
      '商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他',
      '一、本年新收政府信息公开申请数量\t3\t0\t\t\t0\t0\t3',
      '三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0',
      '（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      '2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0',
      '',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
  });

  it('decodes entities, drops script/style/hidden content, keeps the title only without <h1>', () => {
    const text = htmlToText(`<html><head><title>2023年度报告</title><style>p{color:red}</style>
      <script>document.write("<p>x</p>")</script></head><body>
      <div>&#12288;&#12288;一、总体情况&nbsp;&amp;&lt;说明&gt;</div><noscript>请启用脚本</noscript>
      <div style="display: none">隐藏</div><template><p>模板</p></template>
      <p>第一行<br>第二行</p><ul><li>甲</li><li>乙</li></ul></body></html>`);
    expect(text).toBe('2023年度报告\n一、总体情况 &<说明>\n第一行\n第二行\n甲\n乙');
  });

  it('keeps blank cells in place, with no tabs or newlines inside a cell and no trailing tab added', () => {
    const text = htmlToText('<table><tr><td>行政许可</td><td>\t5\n</td><td>&nbsp;</td><td>&#12288;</td></tr><tr><td></td><td> </td></tr></table>');
    expect(text).toBe('行政许可\t5\t\t');
  });

  it('flattens a small table nested in a cell into that cell', () => {
    const text = htmlToText('<table><tr><td>甲<table><tr><td>a</td><td>b</td></tr></table>乙</td><td>1</td></tr></table>');
    expect(text).toBe('甲 a b 乙\t1');
  });

  it('lays out a page-layout table as blocks so its inner data table keeps its rows', () => {
    const text = htmlToText(`<table><tr><td><div>标题</div>
      <table><tr><th>信息内容</th><th>本年制发件数</th></tr><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td></tr></table>
      <p>结尾</p></td></tr></table>`);
    expect(text).toBe('标题\n\n信息内容\t本年制发件数\n规章\t0\n行政规范性文件\t2\n\n结尾');
  });

  it('joins CJK text broken across source lines without a space', () => {
    expect(htmlToText('<p>根据《条例》\n   规定，现发布 2024 年\n报告</p>')).toBe('根据《条例》规定，现发布 2024 年报告');
  });

  it('stays bounded on deep nesting and huge input', () => {
    const deep = htmlToTextWithNotes(`${'<div><span>'.repeat(100_000)}深${'</span></div>'.repeat(100_000)}`);
    expect(deep.text).toBe('深');
    expect(deep.notes.join()).toMatch(/嵌套层级/);
    const tables = htmlToText(`${'<table><tr><td>'.repeat(20_000)}x`);
    expect(tables).toContain('x');
    const big = htmlToTextWithNotes(`<p>${'好'.repeat(6_000_000)}</p>`);
    expect(big.text.length).toBeLessThan(5_000_001);
    expect(big.notes.join()).toMatch(/仅处理前/);
  });
});

async function buildDocx(): Promise<Uint8Array> {
  const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}): TableCell =>
    new TableCell({ children: [new Paragraph(text)], ...opts });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('某局2024年政府信息公开工作年度报告'),
          new Paragraph('三、收到和处理政府信息公开申请情况'),
          new Table({
            rows: [
              new TableRow({ children: [cell('三、本年度办理结果', { rowSpan: 3 }), cell('（一）予以公开', { columnSpan: 2 }), cell('0'), cell('')] }),
              new TableRow({ children: [cell('（二）部分公开', { columnSpan: 2 }), cell('0'), cell('1')] }),
              new TableRow({ children: [cell('（三）不予公开'), cell('1.属于国家秘密'), cell('2'), cell('3')] }),
            ],
          }),
          new Paragraph('四、政府信息公开行政复议、行政诉讼情况'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const DOCX_LINES = [
  '某局2024年政府信息公开工作年度报告',
  '三、收到和处理政府信息公开申请情况',
  '',
  '三、本年度办理结果\t（一）予以公开\t0\t',
  '（二）部分公开\t0\t1',
  '（三）不予公开\t1.属于国家秘密\t2\t3',
  '',
  '四、政府信息公开行政复议、行政诉讼情况',
];

describe('docxToText', () => {
  it('emits merged cells (gridSpan, vMerge) once', async () => {
    const r = await docxToText(await buildDocx());
    expect(r.text.split('\n')).toEqual(DOCX_LINES);
  });

  it('treats <w:vMerge/> without a value as a continuation', async () => {
    const zip = await JSZip.loadAsync(await buildDocx());
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    zip.file('word/document.xml', xml.replaceAll('<w:vMerge w:val="continue"/>', '<w:vMerge/>'));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect((await docxToText(bytes)).text.split('\n')).toEqual(DOCX_LINES);
  });

  it('reports a corrupt zip without throwing', async () => {
    const bytes = concat(hex('504b0304'), utf8('garbage'.repeat(20)));
    const r = await docxToText(bytes);
    expect(r.text).toBe('');
    expect(r.notes.join()).toMatch(/DOCX文件已损坏/);
    const truncated = (await buildDocx()).subarray(0, 3000);
    expect((await docxToText(truncated)).text).toBe('');
  });

  it('reports a zip without word/document.xml', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    const r = await docxToText(await zip.generateAsync({ type: 'uint8array' }));
    expect(r).toEqual({ text: '', notes: ['ZIP文件中没有word/document.xml，不是DOCX文件'] });
  });

  it('refuses a document.xml that inflates past the cap', async () => {
    const zip = await JSZip.loadAsync(await buildDocx());
    zip.file('word/document.xml', ' '.repeat(51 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const r = await docxToText(bytes);
    expect(r.text).toBe('');
    expect(r.notes.join()).toMatch(/超过16 MB/);
  });
});

describe('toSimplified', () => {
  it('converts Traditional text', () => {
    expect(toSimplified('三、收到和處理政府信息公開申請情況')).toEqual({ text: '三、收到和处理政府信息公开申请情况', converted: true });
  });

  it('leaves Simplified text alone', () => {
    const text = readFileSync('test/fixtures/reports/zhongwei-jiguan-shiwu-2024.txt', 'utf8');
    expect(isTraditional(text)).toBe(false);
    expect(toSimplified(text)).toEqual({ text, converted: false });
    expect(toSimplified('乾坤 著作')).toEqual({ text: '乾坤 著作', converted: false });
  });

  it('converts a Traditional report excerpt', () => {
    const text = readFileSync('test/fixtures/reports/excerpt-042.txt', 'utf8');
    const r = toSimplified(text);
    expect(r.converted).toBe(true);
    expect(r.text).toContain('一、总体情况');
    expect(r.text).toContain('中华人民共和国政府信息公开条例');
  });
});

describe('readReportInput', () => {
  it('reads a GB2312 HTML page', async () => {
    const bytes = concat(
      utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>'),
      GB_TITLE,
      utf8('</p><table><tr><td>'),
      GB_XINGZHENGXUKE,
      utf8('</td><td>0</td></tr></table></body></html>'),
    );
    const r = await readReportInput(bytes, 'report.html');
    expect(r.kind).toBe('html');
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe('政府信息公开工作年度报告\n\n行政许可\t0');
  });

  it('reads a DOCX', async () => {
    const r = await readReportInput(await buildDocx(), '报告.docx');
    expect(r.kind).toBe('docx');
    expect(r.text.split('\n')).toEqual(DOCX_LINES);
  });

  it('reads Traditional plain text as Simplified', async () => {
    const r = await readReportInput(utf8('三、收到和處理政府信息公開申請情況\n規章\t0'), 'a.txt');
    expect(r).toMatchObject({ kind: 'text', encoding: 'utf-8', text: '三、收到和处理政府信息公开申请情况\n规章\t0' });
    expect(r.notes.join()).toMatch(/繁体/);
  });

  it('parses JSON, and notes a JSON error', async () => {
    expect(await readReportInput(utf8('{"year":2024}'), 'r.json')).toMatchObject({ kind: 'json', json: { year: 2024 } });
    const bad = await readReportInput(utf8('{"year":'), 'r.json');
    expect(bad.kind).toBe('json');
    expect(bad.json).toBeUndefined();
    expect(bad.notes.join()).toMatch(/JSON解析失败/);
  });

  it('refuses binary files with a Chinese note', async () => {
    const r = await readReportInput(hex('d0cf11e0a1b11ae1'), 'a.doc');
    expect(r.kind).toBe('binary');
    expect(r.text).toBe('');
    expect(r.notes[0]).toBe(NOT_RECOGNISED);
    expect(r.notes[1]).toContain('DOCX');
  });

  it('reads a PDF only with the reader it is given', async () => {
    const bytes = utf8('%PDF-1.4\n%\u00e2\u00e3');
    expect(await readReportInput(bytes, 'a.pdf')).toMatchObject({ kind: 'pdf', text: '' });
    const page = { width: 600, height: 800, rules: [], items: [{ text: '第⼀项', x: 10, y: 700, width: 30, height: 10 }] };
    expect(await readReportInput(bytes, 'a.pdf', { pdf: async () => ({ ok: true, pages: [page] }) })).toMatchObject({ kind: 'pdf', text: '第一项', notes: [] });
    const refused = await readReportInput(bytes, 'a.pdf', { pdf: async () => ({ ok: false, error: { code: 'FILE_TOO_COMPLEX', message: '页数过多' } }) });
    expect(refused).toMatchObject({ kind: 'pdf', text: '', notes: ['页数过多'], refused: { code: 'FILE_TOO_COMPLEX' } });
  });

  it('reports a corrupt .docx without throwing', async () => {
    const r = await readReportInput(concat(hex('504b0304'), hex('00ff'.repeat(100))), 'a.docx');
    expect(r.kind).toBe('docx');
    expect(r.text).toBe('');
    expect(r.notes.length).toBeGreaterThan(0);
  });

  it('never throws on 200 random byte arrays', async () => {
    let seed = 20240101;
    const next = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    const prefixes = [
      new Uint8Array(0),
      hex('504b0304'),
      hex('efbbbf'),
      hex('fffe'),
      hex('feff'),
      utf8('<html><table><tr><td rowspan=2>'),
      utf8('{"a":'),
      utf8('%PDF-'),
      GB_TITLE,
    ];
    const names = [undefined, 'a.docx', 'a.html', 'a.json', 'a.txt', ''];
    for (let i = 0; i < 200; i++) {
      const body = Uint8Array.from({ length: next() % 3000 }, () => next() >>> 24);
      const bytes = concat(prefixes[i % prefixes.length]!, body);
      const r = await readReportInput(bytes, names[i % names.length]);
      expect(typeof r.text).toBe('string');
      expect(Array.isArray(r.notes)).toBe(true);
      expect(['docx', 'pdf', 'html', 'json', 'text', 'binary']).toContain(r.kind);
    }
  });
});
