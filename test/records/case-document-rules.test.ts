// The rules of a case's documents (domain/records/case-documents.ts), pure: the fields (a kind of the
// fixed list, a title, a date not in the future) and the file by its own bytes — PDF, OFD, DOCX, PNG,
// JPEG; not XLSX, an old .doc or a file whose name lies — within the size per file and per case. The
// catalogue's attachments keep their own list (no OFD) under the same rule.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sniffAttachment } from '../../src/domain/catalogue/attachments.ts';
import { CASE_DOCUMENT_KINDS, CASE_DOCUMENT_LIMITS, checkCaseDocument, fitsCase, sniffCaseDocument } from '../../src/domain/records/case-documents.ts';
import { fileKindOf } from '../../src/domain/uploads/file-kind.ts';
import { docxOf, minimalPdf, PNG_BYTES, xlsxOf } from '../catalogue/files.ts';

const TODAY = '2024-11-20';
const ofd = async () => {
  const zip = new JSZip();
  zip.file('OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>');
  return zip.generateAsync({ type: 'uint8array' });
};
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('the fields of a case’s document', () => {
  it('takes a kind of the list, a title and a date (or none)', () => {
    expect(CASE_DOCUMENT_KINDS).toEqual(['行政复议申请书', '答辩书', '行政复议决定书', '起诉状', '行政判决书', '行政裁定书', '行政调解书', '其他']);
    expect(checkCaseDocument({ kind: '行政判决书', title: '  （2024）宁0502行初12号   行政判决书 ', documentDate: '2024-09-01' }, TODAY)).toEqual({
      ok: true,
      value: { kind: '行政判决书', title: '（2024）宁0502行初12号 行政判决书', documentDate: '2024-09-01' },
    });
    expect(checkCaseDocument({ kind: '其他' }, TODAY)).toEqual({ ok: true, value: { kind: '其他', title: '', documentDate: null } });
  });

  it('refuses an unknown kind, a date in the future or not a date, a long title, control characters — naming the field', () => {
    const refused = (input: unknown) => {
      const r = checkCaseDocument(input, TODAY);
      return r.ok ? null : [r.error.code, r.error.field];
    };
    expect(refused({ kind: '判决书' })).toEqual(['INVALID_KIND', 'kind']);
    expect(refused({ kind: '' })).toEqual(['INVALID_KIND', 'kind']);
    expect(refused({ kind: '行政判决书', documentDate: '2024-11-21' })).toEqual(['DATE_IN_FUTURE', 'documentDate']);
    expect(refused({ kind: '行政判决书', documentDate: '2024-02-30' })).toEqual(['INVALID_DATE', 'documentDate']);
    expect(refused({ kind: '行政判决书', title: '长'.repeat(201) })).toEqual(['INVALID_INPUT', 'title']);
    expect(refused({ kind: '行政判决书', title: 'a\u0000b' })).toEqual(['INVALID_INPUT', 'title']);
    expect(refused({ kind: 7 })).toEqual(['INVALID_INPUT', 'kind']);
  });
});

describe('the file of a case’s document, by its bytes', () => {
  it('takes PDF, OFD, DOCX, PNG and JPEG whose names agree', async () => {
    expect(fileKindOf(await ofd())).toBe('ofd');
    const cases: [Uint8Array, string, string][] = [
      [minimalPdf('a'), '判决书.PDF', 'application/pdf'],
      [await ofd(), '裁定书.ofd', 'application/ofd'],
      [await docxOf(['答辩']), '答辩书.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [PNG_BYTES, '扫描件.png', 'image/png'],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'photo.jpeg', 'image/jpeg'],
    ];
    for (const [bytes, name, type] of cases) {
      const r = sniffCaseDocument(bytes, `C:\\文书\\${name}`);
      expect(r.ok && [r.value.mediaType, r.value.fileName], name).toEqual([type, name]);
    }
  });

  it('refuses what is not a document, an old .doc, a name that lies, an empty or too large file', async () => {
    expect(codeOf(sniffCaseDocument(await xlsxOf([['a']]), '表.xlsx'))).toBe('CASE_DOCUMENT_TYPE');
    expect(codeOf(sniffCaseDocument(new TextEncoder().encode('%PDX'), 'a.pdf'))).toBe('CASE_DOCUMENT_TYPE');
    expect(codeOf(sniffCaseDocument(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), 'a.doc'))).toBe('CASE_DOCUMENT_OLD_OFFICE');
    expect(codeOf(sniffCaseDocument(minimalPdf('a'), '判决书.ofd'))).toBe('CASE_DOCUMENT_NAME_MISMATCH');
    expect(codeOf(sniffCaseDocument(new Uint8Array(0), 'a.pdf'))).toBe('CASE_DOCUMENT_EMPTY');
    const big = new Uint8Array(CASE_DOCUMENT_LIMITS.maxFileBytes + 1);
    big.set(minimalPdf('a').subarray(0, 8));
    expect(codeOf(sniffCaseDocument(big, 'a.pdf'))).toBe('CASE_DOCUMENT_TOO_LARGE');
    const r = sniffCaseDocument(minimalPdf('a'), '判决书.ofd');
    expect(r.ok ? '' : r.error.message).toBe('文件内容是PDF格式，但文件名的扩展名是“.ofd”；请把文件名改为 .pdf 结尾后重新上传。');
  });

  it('counts the case’s files and bytes', () => {
    expect(codeOf(fitsCase(Array.from({ length: CASE_DOCUMENT_LIMITS.maxFiles }, () => ({ size: 1 })), 1))).toBe('CASE_DOCUMENT_TOO_MANY');
    expect(codeOf(fitsCase([{ size: CASE_DOCUMENT_LIMITS.maxCaseBytes - 10 }], 11))).toBe('CASE_DOCUMENT_CASE_TOO_LARGE');
    expect(codeOf(fitsCase([{ size: CASE_DOCUMENT_LIMITS.maxCaseBytes - 10 }], 10))).toBe('ok');
  });

  it('leaves the catalogue’s attachments as they were: no OFD there, the same messages', async () => {
    const r = sniffAttachment(await ofd(), '附件.ofd');
    expect(r.ok ? '' : [r.error.code, r.error.message]).toEqual(['ATTACHMENT_TYPE', '附件只接受 PDF、Word（.docx）、Excel（.xlsx）文件或 PNG、JPG 图片；所选文件的内容不是其中任何一种。']);
    const old = sniffAttachment(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'a.xls');
    expect(old.ok ? '' : old.error.message).toBe('这是旧版Word（.doc）或Excel（.xls）文件，或加密的Office文件，不能作为附件；请另存为 .docx、.xlsx 或 PDF 后再上传。');
    expect(sniffAttachment(await xlsxOf([['a']]), '表.xlsx').ok).toBe(true);
  });
});
