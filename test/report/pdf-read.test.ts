// The PDF reader: pages of positioned text and rules → the text the report parser reads
// (domain/report/input/pdf-text.ts, pdf-tables.ts), and PDFs that are damaged, too long or without
// text refused in Chinese through the parse pool and by `gongkai report parse` (exit 2). Real PDFs
// printed by Chromium are read in pdf-roundtrip.test.ts.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import type { PdfPageContent, PdfRule, PdfTextItem } from '../../src/domain/report/input/pdf-content.ts';
import { normalisePdfText } from '../../src/domain/report/input/pdf-content.ts';
import { pdfPagesToText } from '../../src/domain/report/input/pdf-text.ts';
import { closeParsePool, parsePool } from '../../src/services/parse-pool/index.ts';
import { reportFromFile } from '../../src/services/report-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-read-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeParsePool();
});

/** A text item at x on the baseline y, 10 pt, each character 10 pt wide. */
const t = (text: string, x: number, y: number, size = 10): PdfTextItem => ({ text, x, y, width: [...text].length * size, height: size });
const page = (items: PdfTextItem[], rules: PdfRule[] = []): PdfPageContent => ({ width: 600, height: 800, items, rules });

/** The borders of a grid: vertical lines at xs, horizontal at ys, as thin filled rectangles; `skip` leaves out segments (merged cells). */
function grid(xs: number[], ys: number[], skip: (kind: 'v' | 'h', line: number, segment: number) => boolean = () => false): PdfRule[] {
  const rules: PdfRule[] = [];
  xs.forEach((x, i) => {
    for (let s = 0; s + 1 < ys.length; s++) if (!skip('v', i, s)) rules.push({ x0: x - 0.5, x1: x + 0.5, y0: Math.min(ys[s]!, ys[s + 1]!), y1: Math.max(ys[s]!, ys[s + 1]!) });
  });
  ys.forEach((y, j) => {
    for (let s = 0; s + 1 < xs.length; s++) if (!skip('h', j, s)) rules.push({ x0: xs[s]!, x1: xs[s + 1]!, y0: y - 0.5, y1: y + 0.5 });
  });
  return rules;
}

describe('PDF text → report text', () => {
  it('rebuilds lines from the baselines, TAB for a wide gap, and drops page numbers', () => {
    const text = pdfPagesToText([
      page([t('一、总体情况', 100, 700), t('行政许可', 100, 680), t('12', 300, 680.4), t('第 1 页 共 2 页', 250, 40), t('- 1 -', 280, 25)]),
    ]);
    expect(text).toBe('一、总体情况\n行政许可\t12');
  });

  it('normalises the radicals Chromium writes for ideographs, and only them', () => {
    expect(normalisePdfText('第⼀项、⼈⺠、共3⻚：（⼆）门⼾')).toBe('第一项、人民、共3页：（二）门户');
    expect(pdfPagesToText([page([t('⼀', 100, 700), t('、本年新收', 110, 700)])])).toBe('一、本年新收');
  });

  it('joins the lines of a paragraph, on a page and over a page break, but not the next paragraph', () => {
    // text block 100–400; the paragraphs are indented by two characters (20 pt)
    const first = page([t('一、总体情况', 120, 700), t('本年度我局主动公开政府信息共计一百二十条，比上年增加了三', 120, 680), t('十条。', 100, 665), t('二是做好了依申请公开工作，全年共收到申请五件，全部在法定', 120, 650)]);
    first.items[1]!.width = 280;
    first.items[3]!.width = 280;
    const second = page([t('期限内答复。', 100, 700)]);
    expect(pdfPagesToText([first, second])).toBe('一、总体情况\n本年度我局主动公开政府信息共计一百二十条，比上年增加了三十条。\n二是做好了依申请公开工作，全年共收到申请五件，全部在法定期限内答复。');
  });

  it('joins a centred title broken over two lines', () => {
    const title = [t('某市某局2024年政府信息公开工作年度', 100, 720, 20), t('报告', 230, 695, 20)];
    title[0]!.width = 300;
    title[1]!.width = 40;
    expect(pdfPagesToText([page([...title, t('根据条例规定，现发布本报告。', 120, 660)])])).toBe('某市某局2024年政府信息公开工作年度报告\n根据条例规定，现发布本报告。');
  });

  it('reads a ruled table cell by cell: merged cells once, empty cells kept, wrapped text joined', () => {
    // columns 100|200|260|320|380, rows 600|580|560|540; the first cell spans two rows
    const xs = [100, 200, 260, 320, 380];
    const ys = [600, 580, 560, 540];
    const merged = (kind: 'v' | 'h', line: number, segment: number) => kind === 'h' && line === 1 && segment === 0;
    const items = [
      t('（四）无法', 105, 585),
      t('提供', 105, 572),
      t('1', 225, 584),
      t('2', 285, 584),
      // row 1, col 3 left empty
      t('3', 225, 564),
      t('4', 285, 564),
      t('5', 345, 564),
      t('总计', 105, 544),
      t('6', 225, 544),
      t('7', 285, 544),
      t('8', 345, 544),
    ];
    const text = pdfPagesToText([page([t('三、收到和处理政府信息公开申请情况', 100, 620), ...items], grid(xs, ys, merged))]);
    expect(text).toBe('三、收到和处理政府信息公开申请情况\n（四）无法提供\t1\t2\t\n3\t4\t5\n总计\t6\t7\t8');
  });

  it('drops the column labels a table repeats at the top of the next page', () => {
    const xs = [100, 200, 300];
    const rows = (labels: string[][], top: number) => {
      const ys = labels.map((_, i) => top - 20 * i).concat(top - 20 * labels.length);
      const items = labels.flatMap((row, i) => row.map((cell, j) => t(cell, (xs[j] ?? 0) + 5, top - 20 * i - 15)));
      return { items, rules: grid(xs, ys) };
    };
    const a = rows([['信息内容', '数量'], ['行政许可', '1']], 600);
    const b = rows([['信息内容', '数量'], ['行政处罚', '2']], 700);
    expect(pdfPagesToText([page(a.items, a.rules), page(b.items, b.rules)])).toBe('信息内容\t数量\n行政许可\t1\n行政处罚\t2');
  });
});

describe('any pages', () => {
  const item = fc.record({
    text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('⼀', '⻚', 'ﬁ', '第 1 页 共 2 页', '12', '（三）不予公开')),
    x: fc.double({ min: -50, max: 650, noNaN: true }),
    y: fc.double({ min: -50, max: 850, noNaN: true }),
    width: fc.double({ min: 0, max: 300, noNaN: true }),
    height: fc.double({ min: 0, max: 30, noNaN: true }),
  });
  const coordinate = fc.double({ min: 0, max: 800, noNaN: true });
  const rule = fc.tuple(coordinate, coordinate, fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }), fc.boolean()).map(([x, y, thin, long, horizontal]) =>
    horizontal ? { x0: x, x1: x + long, y0: y, y1: y + thin } : { x0: x, x1: x + thin, y0: y, y1: y + long },
  );
  const anyPage = fc.record({ width: fc.constant(600), height: fc.constant(800), items: fc.array(item, { maxLength: 60 }), rules: fc.array(rule, { maxLength: 40 }) });

  it('give text, never an exception, and every character of a cell once at most', () => {
    fc.assert(
      fc.property(fc.array(anyPage, { maxLength: 3 }), (pages) => {
        const text = pdfPagesToText(pages);
        expect(typeof text).toBe('string');
        const chars = pages.flatMap((p) => p.items.map((i) => normalisePdfText(i.text).replace(/\s/g, ''))).join('').length;
        expect(text.replace(/\s/g, '').length).toBeLessThanOrEqual(chars);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a PDF another program made', () => {
  it('LibreOffice (stroked borders, a Type 1 CJK subset): the same tables as its expected reading', async () => {
    const dirOf = (name: string) => new URL(`../fixtures/pdf/${name}`, import.meta.url);
    const expected = JSON.parse(readFileSync(dirOf('libreoffice-full.expected.json'), 'utf8')) as Record<string, unknown>;
    const r = await parsePool().parseReport(new Uint8Array(readFileSync(dirOf('libreoffice-full.pdf'))), 'libreoffice-full.pdf');
    if (!r.ok || !r.value.ok) throw new Error(r.ok ? (r.value.ok ? '' : r.value.error) : r.error.message);
    const { text: _text, ...tables } = r.value.report;
    expect(r.value.source).toBe('pdf');
    expect(tables).toEqual(expected);
  });
});

/** A well-formed PDF of `pages` pages, each drawing `text` (Helvetica) when given. */
function pdfOf(pages: number, text?: string): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  const stream = text ? `BT /F1 12 Tf 72 700 Td (${text}) Tj ET` : '';
  const contents = objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  const font = objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (let i = 0; i < pages; i++) {
    const n = objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contents} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`);
    kids.push(`${n} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

describe('PDFs that cannot be read', () => {
  const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nstream\n\u0000\u0001garbage');

  it('a damaged PDF is refused in Chinese by the parse pool, nothing thrown', async () => {
    const r = await parsePool().parseReport(damaged, 'bad.pdf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.ok).toBe(false);
    if (r.value.ok) return;
    expect(r.value.error).toMatch(/PDF/);
    expect(r.value.error).toMatch(/[\u4e00-\u9fff]/);
    expect(r.value.error).not.toMatch(/Error|at \w+ \(/);
  });

  it('a PDF of more pages than any report is refused as too complex', async () => {
    const r = await reportFromFile(pdfOf(301, 'x'), 'long.pdf');
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_TOO_COMPLEX' } });
    if (!r.ok) expect(r.error.message).toContain('300页');
  });

  it('a PDF without text (a scan) says so', async () => {
    const r = await parsePool().parseReport(pdfOf(2), 'scan.pdf');
    expect(r).toMatchObject({ ok: true, value: { ok: false } });
    if (r.ok && !r.value.ok) expect(r.value.error).toContain('扫描件');
  });

  it('gongkai report parse: exit 2 with the message, other files still read', async () => {
    const bad = join(dir, 'bad.pdf');
    const good = join(dir, 'good.txt');
    writeFileSync(bad, damaged);
    writeFileSync(good, '二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t3\n');
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const cmd = reportCommand({ out: (s) => out.push(s), err: (s) => err.push(s), tty: false }, (c) => (code = c), () => ({ ok: false, errors: [] }));
    cmd.exitOverride();
    await cmd.parseAsync(['parse', bad, good, '--json'], { from: 'user' });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(`${bad}：无法读取该PDF文件`);
    expect(JSON.parse(out.join('\n'))).toMatchObject([{ activeDisclosure: { licensing: 3 } }]);
  });
});
