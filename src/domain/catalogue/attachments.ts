// What a catalogue item's attachment may be: a PDF, DOCX, XLSX, PNG or JPEG recognised from its own
// bytes (the name and the browser's declared type are never trusted), within a size per file, a count
// and a total per item. An old .doc/.xls (an OLE compound file) is refused with the way to fix it.
// Pure: bytes in, a typed verdict out.

import { Buffer } from 'node:buffer';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { cleanFileName } from '../uploads/sniff.ts';

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'png' | 'jpeg';

export const ATTACHMENT_MEDIA_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const EXTENSIONS: Record<AttachmentKind, readonly string[]> = { pdf: ['pdf'], docx: ['docx'], xlsx: ['xlsx'], png: ['png'], jpeg: ['jpg', 'jpeg'] };

const MB = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  /** one file: a scanned 规范性文件 of a few dozen pages fits */
  maxFileBytes: 20 * MB,
  /** all the attachments of one item */
  maxItemBytes: 60 * MB,
  maxFiles: 20,
  /** characters of extracted text kept per attachment (the search index reads the first part only) */
  maxTextChars: 2_000_000,
  /** PDF pages read for text */
  maxPdfPages: 1000,
} as const;

/** For the form's `accept` attribute. */
export const ATTACHMENT_ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

export interface SniffedAttachment {
  kind: AttachmentKind;
  mediaType: string;
  fileName: string;
  size: number;
}

const FIELD = 'file';
const refuse = (code: string, message: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field: FIELD } });

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

/** The kind of a file by its own first bytes (a ZIP by the part names its directory lists), or null. */
export function attachmentKindOf(bytes: Uint8Array): AttachmentKind | 'ole' | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // the names of a ZIP's entries are stored uncompressed, in the local headers and the directory
    if (contains(bytes, 'word/document.xml')) return 'docx';
    if (contains(bytes, 'xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/**
 * Whether a file may be attached: its bytes are a PDF, DOCX, XLSX, PNG or JPEG, its name's extension
 * agrees, and it is within the size per file. Refusals: ATTACHMENT_EMPTY, ATTACHMENT_TOO_LARGE,
 * ATTACHMENT_OLD_OFFICE, ATTACHMENT_TYPE, ATTACHMENT_NAME_MISMATCH.
 */
export function sniffAttachment(bytes: Uint8Array, fileName: string): DomainResult<SniffedAttachment> {
  if (bytes.length === 0) return refuse('ATTACHMENT_EMPTY', '所选附件是空文件或没有选择文件，请重新选择。');
  if (bytes.length > ATTACHMENT_LIMITS.maxFileBytes) {
    return refuse('ATTACHMENT_TOO_LARGE', `附件不能超过 ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB（所选文件 ${(bytes.length / MB).toFixed(1)} MB）。请压缩图片、降低扫描分辨率或拆分文件后重新上传。`);
  }
  const name = cleanFileName(fileName) || '附件';
  const kind = attachmentKindOf(bytes);
  if (kind === 'ole') return refuse('ATTACHMENT_OLD_OFFICE', '这是旧版Word（.doc）或Excel（.xls）文件，或加密的Office文件，不能作为附件；请另存为 .docx、.xlsx 或 PDF 后再上传。');
  if (kind === null) return refuse('ATTACHMENT_TYPE', '附件只接受 PDF、Word（.docx）、Excel（.xlsx）文件或 PNG、JPG 图片；所选文件的内容不是其中任何一种。');
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!EXTENSIONS[kind].includes(extension)) {
    return refuse('ATTACHMENT_NAME_MISMATCH', `文件内容是${kind === 'jpeg' ? 'JPG' : kind.toUpperCase()}格式，但文件名的扩展名是“${extension === '' ? '（无）' : `.${extension}`}”；请把文件名改为 .${EXTENSIONS[kind][0]} 结尾后重新上传。`);
  }
  return { ok: true, value: { kind, mediaType: ATTACHMENT_MEDIA_TYPES[kind], fileName: name, size: bytes.length } };
}

/** Whether one more file of `size` fits the item's attachments (count and total). */
export function fitsItem(existing: readonly { size: number }[], size: number): DomainResult<true> {
  if (existing.length >= ATTACHMENT_LIMITS.maxFiles) return refuse('ATTACHMENT_TOO_MANY', `每条信息最多 ${ATTACHMENT_LIMITS.maxFiles} 个附件；请删除不需要的附件或合并文件后再上传。`);
  const total = existing.reduce((s, a) => s + a.size, 0) + size;
  if (total > ATTACHMENT_LIMITS.maxItemBytes) {
    return refuse('ATTACHMENT_ITEM_TOO_LARGE', `每条信息的附件合计不能超过 ${ATTACHMENT_LIMITS.maxItemBytes / MB} MB（加上此文件为 ${(total / MB).toFixed(1)} MB）；请压缩或删除部分附件。`);
  }
  return { ok: true, value: true };
}

/** A Content-Disposition header for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const fallback = /^[_ .]*$/.test(ascii.slice(0, ascii.length - ext.length)) ? `attachment${ext}` : ascii;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
