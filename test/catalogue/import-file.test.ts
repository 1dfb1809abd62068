// The catalogue's exchange file and attachment rules (pure): GBK CSV, headers in any order, dates as
// people write them, the formula guard; an attachment's kind by its bytes and the download's name.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentKindOf, contentDisposition, fitsItem, sniffAttachment } from '../../src/domain/catalogue/attachments.ts';
import { readCatalogueFile, writeCatalogueFile } from '../../src/domain/catalogue/import-file.ts';
import { parseCatalogueSettings } from '../../src/domain/catalogue/settings-input.ts';
import { docxOf, minimalPdf, PNG_BYTES, xlsxOf } from './files.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'catalogue', name)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readCatalogueFile', () => {
  it('reads a GBK CSV from an old site, with a multi-line body and a Chinese date', async () => {
    const r = await readCatalogueFile(fixture('old-site.gbk.csv'), 'old-site.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.cells['标题']).toBe('关于开展安全生产检查的通知');
    expect(r.rows[0]!.cells['发布日期']).toBe('2023-05-01');
    expect(r.rows[0]!.cells['正文']).toBe('各单位：\n请按要求开展检查。');
    expect(r.rows[0]!.cells['索引号']).toBe('');
  });

  it('names a missing required column and refuses an .xls', async () => {
    const r = await readCatalogueFile(utf8('标题,信息类别\n某,（一）'), 'x.csv');
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toEqual(['发布日期']);
    const xls = await readCatalogueFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'x.xls');
    expect(xls.ok ? '' : xls.errors[0]!.message).toContain('.xls');
  });

  it('writes what it reads: CSV with the formula guard, XLSX with every cell text', async () => {
    const record = ['=HYPERLINK("x")', 'IDX-1', '', '', '2024-01-02', '2024-01-03', '', '（一）', '其他文件', '', '', '', '', '', '- 列表项\n## 标题'];
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = await writeCatalogueFile([record], format);
      const back = await readCatalogueFile(bytes, `x.${format}`);
      expect(back.ok).toBe(true);
      if (!back.ok) continue;
      expect(back.rows[0]!.cells['标题']).toBe('=HYPERLINK("x")');
      expect(back.rows[0]!.cells['正文']).toBe('- 列表项\n## 标题');
      expect(back.rows[0]!.cells['成文日期']).toBe('2024-01-02');
    }
  });
});

describe('attachments by their bytes', () => {
  it('recognises PDF, DOCX, XLSX, PNG whatever their names', async () => {
    expect(attachmentKindOf(minimalPdf('a'))).toBe('pdf');
    expect(attachmentKindOf(await docxOf(['a']))).toBe('docx');
    expect(attachmentKindOf(await xlsxOf([['a']]))).toBe('xlsx');
    expect(attachmentKindOf(PNG_BYTES)).toBe('png');
    expect(sniffAttachment(await docxOf(['a']), '表格.xlsx').ok).toBe(false);
    expect(sniffAttachment(PNG_BYTES, '图.PNG').ok).toBe(true);
  });

  it('counts the item’s files and bytes', () => {
    expect(fitsItem(Array.from({ length: 20 }, () => ({ size: 1 })), 1).ok).toBe(false);
    expect(fitsItem([{ size: 59 * 1024 * 1024 }], 2 * 1024 * 1024).ok).toBe(false);
    expect(fitsItem([], 1).ok).toBe(true);
  });

  it('names a download in ASCII and in UTF-8', () => {
    expect(contentDisposition('关于“通知”的说明.pdf')).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('关于“通知”的说明.pdf')}`);
    expect(contentDisposition('report "2024".pdf')).toBe(`attachment; filename="report _2024_.pdf"; filename*=UTF-8''report%20%222024%22.pdf`);
  });
});

describe('parseCatalogueSettings', () => {
  it('checks the credit code, the format and the category lines', () => {
    const base = { creditCode: '', indexFormat: '', topics: '', categories: '' };
    expect(parseCatalogueSettings({ ...base, creditCode: '91350100M000100Y43' }).ok).toBe(true);
    const r = parseCatalogueSettings({ ...base, creditCode: '91350100M000100Y44' });
    expect(r.ok ? '' : r.error.field).toBe('creditCode');
    const f = parseCatalogueSettings({ ...base, indexFormat: '{org}-{seq}' });
    expect(f.ok ? '' : f.error.message).toContain('{year}');
    const c = parseCatalogueSettings({ ...base, categories: '工作动态' });
    expect(c.ok ? '' : c.error.field).toBe('categories');
    const ok = parseCatalogueSettings({ ...base, categories: 'GZDT 工作动态\n\ntzgg  通知公告' });
    expect(ok.ok && ok.value.categories).toEqual([
      { code: 'gzdt', name: '工作动态' },
      { code: 'tzgg', name: '通知公告' },
    ]);
  });
});
