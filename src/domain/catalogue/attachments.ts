// What a catalogue item's attachment may be: a PDF, DOCX, XLSX, PNG or JPEG recognised from its own
// bytes (domain/uploads/file-kind.ts: the name and the browser's declared type are never trusted), within
// a size per file, a count and a total per item. An old .doc/.xls (an OLE compound file) is refused with
// the way to fix it. Pure: bytes in, a typed verdict out.

import type { DomainError, DomainResult } from '../applications/types.ts';
import { FILE_MEDIA_TYPES, fileKindOf, sniffFile } from '../uploads/file-kind.ts';
import type { FileKind, FileRule } from '../uploads/file-kind.ts';

export { contentDisposition } from '../uploads/file-kind.ts';

export type AttachmentKind = Extract<FileKind, 'pdf' | 'docx' | 'xlsx' | 'png' | 'jpeg'>;

const KINDS: readonly AttachmentKind[] = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'];

export const ATTACHMENT_MEDIA_TYPES: Record<AttachmentKind, string> = Object.fromEntries(KINDS.map((k) => [k, FILE_MEDIA_TYPES[k]])) as Record<AttachmentKind, string>;

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

const RULE: FileRule<AttachmentKind> = {
  kinds: KINDS,
  maxBytes: ATTACHMENT_LIMITS.maxFileBytes,
  code: 'ATTACHMENT',
  noun: '附件',
  accepted: 'PDF、Word（.docx）、Excel（.xlsx）文件或 PNG、JPG 图片',
  saveAs: '.docx、.xlsx 或 PDF',
  fallbackName: '附件',
  field: FIELD,
};

/** The kind of a file by its own first bytes (a ZIP by the part names its directory lists), or null. */
export function attachmentKindOf(bytes: Uint8Array): AttachmentKind | 'ole' | null {
  const kind = fileKindOf(bytes);
  return kind === 'ole' || (kind !== null && (KINDS as readonly string[]).includes(kind)) ? (kind as AttachmentKind | 'ole') : null;
}

/**
 * Whether a file may be attached: its bytes are a PDF, DOCX, XLSX, PNG or JPEG, its name's extension
 * agrees, and it is within the size per file. Refusals: ATTACHMENT_EMPTY, ATTACHMENT_TOO_LARGE,
 * ATTACHMENT_OLD_OFFICE, ATTACHMENT_TYPE, ATTACHMENT_NAME_MISMATCH.
 */
export function sniffAttachment(bytes: Uint8Array, fileName: string): DomainResult<SniffedAttachment> {
  return sniffFile(bytes, fileName, RULE);
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
