// The limits on what a ZIP (a DOCX report, an XLSX ledger) may inflate to: every entry of the central
// directory is inflated under a cap, whatever its name and whatever size it declares, and the file is
// refused with FILE_TOO_COMPLEX and a Chinese message when an entry, the total or the number of
// entries is over the limit of its kind. The readers (docxToText, parseReportDocument, readLedger)
// refuse the bombs before their parser (mammoth, exceljs) sees them.

import { describe, expect, it } from 'vitest';
import { readLedger, writeLedger } from '../../src/domain/ledger/ledger.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import { docxToText } from '../../src/domain/report/input/docx.ts';
import { render } from '../../src/domain/report/render/index.ts';
import { checkZipLimits, ZIP_LIMITS } from '../../src/domain/zip/limits.ts';
import { readFileSync } from 'node:fs';
import { bigDocumentPart, docxBomb, documentXml, mainBinBomb, manyPartsDocx, MB, part, xlsxBomb, zipOf } from '../support/zip-bombs.ts';

const REPORT = JSON.parse(readFileSync('test/fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json', 'utf8'));

const tooComplex = (r: Awaited<ReturnType<typeof checkZipLimits>>) => {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  expect(r.error.code).toBe('FILE_TOO_COMPLEX');
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  return r.error.message;
};

describe('checkZipLimits', () => {
  it('has the limits of each kind', () => {
    expect(ZIP_LIMITS.docx).toEqual({ maxEntries: 1000, maxEntryBytes: 16 * MB, maxTotalBytes: 64 * MB });
    expect(ZIP_LIMITS.xlsx).toEqual({ maxEntries: 10_000, maxEntryBytes: 160 * MB, maxTotalBytes: 512 * MB });
  });

  it('accepts a real DOCX report and a real XLSX ledger', async () => {
    const docx = (await render(REPORT, 'docx')) as Uint8Array;
    const r = await checkZipLimits(docx, 'docx');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.entries).toBeGreaterThan(3);
    const xlsx = await writeLedger([], 'xlsx');
    expect((await checkZipLimits(xlsx, 'xlsx')).ok).toBe(true);
  });

  it('refuses the 45 MB word/document.xml, naming the part and the limit', async () => {
    const message = tooComplex(await checkZipLimits(docxBomb(), 'docx'));
    expect(message).toContain('word/document.xml');
    expect(message).toContain('16 MB');
  });

  it('refuses a main document stored as word/main.bin (any name is inflated)', async () => {
    const message = tooComplex(await checkZipLimits(mainBinBomb(), 'docx'));
    expect(message).toContain('word/main.bin');
  });

  it('inflates instead of trusting the declared size', async () => {
    const liar = zipOf([part('word/document.xml', documentXml(['正文'])), bigDocumentPart('word/styles.xml', 20 * MB, 100)]);
    expect(tooComplex(await checkZipLimits(liar, 'docx'))).toContain('word/styles.xml');
  });

  it('counts the total of all entries', async () => {
    const entries = [part('word/document.xml', documentXml(['正文'])), ...[1, 2, 3, 4, 5].map((i) => bigDocumentPart(`word/part${i}.xml`, 15 * MB))];
    expect(tooComplex(await checkZipLimits(zipOf(entries), 'docx'))).toContain('64 MB');
    // the same total is fine in a workbook
    expect((await checkZipLimits(zipOf(entries), 'xlsx')).ok).toBe(true);
  });

  it('counts the entries', async () => {
    expect((await checkZipLimits(manyPartsDocx(990), 'docx')).ok).toBe(true);
    expect(tooComplex(await checkZipLimits(manyPartsDocx(1000), 'docx'))).toContain('1000');
  });

  it('refuses the XLSX bomb that declares 1 KB and inflates to 200 MB', async () => {
    expect(tooComplex(await checkZipLimits(xlsxBomb(), 'xlsx'))).toContain('xl/worksheets/sheet1.xml');
  });

  it('says a file is damaged when there is no readable central directory', async () => {
    const docx = (await render(REPORT, 'docx')) as Uint8Array;
    for (const bytes of [docx.subarray(0, 3000), new Uint8Array([0x50, 0x4b, 3, 4]), new TextEncoder().encode('not a zip')]) {
      const r = await checkZipLimits(bytes, 'docx');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FILE_CORRUPT');
    }
  });
});

describe('the readers refuse the bombs before their parser sees them', () => {
  it('docxToText', async () => {
    for (const bomb of [docxBomb(), mainBinBomb()]) {
      const r = await docxToText(bomb);
      expect(r.text).toBe('');
      expect(r.refused?.code).toBe('FILE_TOO_COMPLEX');
      expect(r.notes.join()).toContain('16 MB');
    }
  });

  it('parseReportDocument', async () => {
    const r = await parseReportDocument(mainBinBomb(), 'bomb.docx');
    expect(r).toEqual({ ok: false, code: 'FILE_TOO_COMPLEX', error: expect.stringContaining('word/main.bin') });
  });

  it('readLedger', async () => {
    const r = await readLedger(xlsxBomb(), '台账.xlsx', { today: '2025-01-20' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ line: 0, column: '', message: expect.stringContaining('160 MB') }]);
  });
});
