// The text of an attachment for search, read in a parse worker (services/parse-pool/tasks.ts): PDF with
// pdfjs-dist 5.x (text NFKC-normalised: Chromium's PDFs carry Kangxi radicals such as ⼀ for 一,
// plan-notes 8), DOCX with mammoth and XLSX with exceljs — both only after every ZIP part has been
// inflated under domain/zip/limits.ts — and images as ''. A file that cannot be read or is over a limit
// is a refusal with a Chinese message; the pool adds the time and memory limits.

import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { ATTACHMENT_LIMITS, type AttachmentKind } from '../../domain/catalogue/attachments.ts';
import { checkZipLimits } from '../../domain/zip/limits.ts';

const KIND_NAME: Record<AttachmentKind, string> = { pdf: 'PDF文件', docx: 'Word文件', xlsx: 'Excel文件', png: '图片', jpeg: '图片' };

const unreadable = (kind: AttachmentKind): { ok: false; error: DomainError } => ({
  ok: false,
  error: { code: 'ATTACHMENT_UNREADABLE', message: `无法读取该${KIND_NAME[kind]}（文件可能已损坏、加密或格式不规范），附件未保存。请用原软件打开后重新保存（PDF请取消密码），再上传。`, field: 'file' },
});

function clip(text: string): string {
  const t = text.normalize('NFKC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
  return t.length > ATTACHMENT_LIMITS.maxTextChars ? t.slice(0, ATTACHMENT_LIMITS.maxTextChars) : t;
}

async function pdfText(bytes: Uint8Array): Promise<DomainResult<string>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of the buffer it is given: a copy keeps the caller's bytes intact
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    if (doc.numPages > ATTACHMENT_LIMITS.maxPdfPages) {
      return { ok: false, error: { code: 'FILE_TOO_COMPLEX', message: `PDF文件有${doc.numPages}页，超过${ATTACHMENT_LIMITS.maxPdfPages}页的上限，附件未保存。请拆分文件后分别上传。`, field: 'file' } };
    }
    const parts: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length < ATTACHMENT_LIMITS.maxTextChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ('str' in item) {
          parts.push(item.str);
          length += item.str.length;
          if ('hasEOL' in item && item.hasEOL) parts.push('\n');
        }
      }
      parts.push('\n');
      page.cleanup();
    }
    return { ok: true, value: clip(parts.join('')) };
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') return { ok: false, error: { code: 'ATTACHMENT_ENCRYPTED', message: 'PDF文件设有打开密码，无法读取，附件未保存。请取消密码后重新上传。', field: 'file' } };
    return unreadable('pdf');
  } finally {
    await task.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<DomainResult<string>> {
  const limits = await checkZipLimits(bytes, 'docx');
  if (!limits.ok) return limits.error.code === 'FILE_TOO_COMPLEX' ? { ok: false, error: { ...limits.error, message: `${limits.error.message.split('。')[0]}。附件未保存。` } } : unreadable('docx');
  try {
    const mammoth = (await import('mammoth')).default;
    const r = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return { ok: true, value: clip(r.value) };
  } catch {
    return unreadable('docx');
  }
}

async function xlsxText(bytes: Uint8Array): Promise<DomainResult<string>> {
  const limits = await checkZipLimits(bytes, 'xlsx');
  if (!limits.ok) return limits.error.code === 'FILE_TOO_COMPLEX' ? { ok: false, error: { ...limits.error, message: `${limits.error.message.split('。')[0]}。附件未保存。` } } : unreadable('xlsx');
  try {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const lines: string[] = [];
    let length = 0;
    for (const sheet of workbook.worksheets) {
      lines.push(sheet.name);
      sheet.eachRow({ includeEmpty: false }, (row) => {
        if (length > ATTACHMENT_LIMITS.maxTextChars) return;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell) => {
          cells.push(cell.text);
        });
        const line = cells.join(' ');
        length += line.length;
        lines.push(line);
      });
    }
    return { ok: true, value: clip(lines.join('\n')) };
  } catch {
    return unreadable('xlsx');
  }
}

/** The searchable text of an attachment of a kind sniffAttachment recognised. Never throws. */
export async function attachmentText(bytes: Uint8Array, kind: AttachmentKind): Promise<DomainResult<string>> {
  switch (kind) {
    case 'pdf':
      return pdfText(bytes);
    case 'docx':
      return docxText(bytes);
    case 'xlsx':
      return xlsxText(bytes);
    default:
      return { ok: true, value: '' };
  }
}
