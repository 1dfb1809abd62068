// What an uploaded document file is, by its own bytes (the name and the browser's declared type are never
// trusted): PDF, OFD (GB/T 33190, the format of Chinese electronic official documents), DOCX, XLSX, PNG
// or JPEG. One rule for every kind of document the platform keeps — a catalogue item's attachments, a
// 复议/诉讼 case's documents — each saying which kinds it takes, its size per file and its words. An old
// .doc/.xls (an OLE compound file) is refused with the way to fix it. Pure: bytes in, a typed verdict out.

import { Buffer } from 'node:buffer';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { cleanFileName } from './sniff.ts';

export type FileKind = 'pdf' | 'ofd' | 'docx' | 'xlsx' | 'png' | 'jpeg';

export const FILE_MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  // GB/T 33190-2016 版式文档
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

export const FILE_EXTENSIONS: Record<FileKind, readonly string[]> = { pdf: ['pdf'], ofd: ['ofd'], docx: ['docx'], xlsx: ['xlsx'], png: ['png'], jpeg: ['jpg', 'jpeg'] };

const MB = 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

/** The kind of a file by its own first bytes (a ZIP by the part names its directory lists), or null. */
export function fileKindOf(bytes: Uint8Array): FileKind | 'ole' | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // the names of a ZIP's entries are stored uncompressed, in the local headers and the directory
    if (contains(bytes, 'word/document.xml')) return 'docx';
    if (contains(bytes, 'xl/workbook.xml')) return 'xlsx';
    // an OFD package's entry file is OFD.xml at its root
    if (contains(bytes, 'OFD.xml')) return 'ofd';
  }
  return null;
}

/** What one kind of document takes, and how its refusals speak. */
export interface FileRule<K extends FileKind> {
  kinds: readonly K[];
  maxBytes: number;
  /** the prefix of the refusal codes: ATTACHMENT → ATTACHMENT_EMPTY, ATTACHMENT_TOO_LARGE … */
  code: string;
  /** what the file is called in the messages: 附件, 文书文件 */
  noun: string;
  /** the kinds in words: PDF、Word（.docx）文件或 PNG、JPG 图片 */
  accepted: string;
  /** what an old Office file should be saved as: .docx、.xlsx 或 PDF */
  saveAs: string;
  /** the name of a file that came without one */
  fallbackName: string;
  field: string;
}

export interface SniffedFile<K extends FileKind> {
  kind: K;
  mediaType: string;
  fileName: string;
  size: number;
}

/**
 * Whether a file may be kept under a rule: its bytes are one of the rule's kinds, its name's extension
 * agrees, and it is within the size per file. Refusals: <code>_EMPTY, _TOO_LARGE, _OLD_OFFICE, _TYPE,
 * _NAME_MISMATCH.
 */
export function sniffFile<K extends FileKind>(bytes: Uint8Array, fileName: string, rule: FileRule<K>): DomainResult<SniffedFile<K>> {
  const refuse = (code: string, message: string): { ok: false; error: DomainError } => ({ ok: false, error: { code: `${rule.code}_${code}`, message, field: rule.field } });
  if (bytes.length === 0) return refuse('EMPTY', `所选${rule.noun}是空文件或没有选择文件，请重新选择。`);
  if (bytes.length > rule.maxBytes) {
    return refuse('TOO_LARGE', `${rule.noun}不能超过 ${rule.maxBytes / MB} MB（所选文件 ${(bytes.length / MB).toFixed(1)} MB）。请压缩图片、降低扫描分辨率或拆分文件后重新上传。`);
  }
  const name = cleanFileName(fileName) || rule.fallbackName;
  const kind = fileKindOf(bytes);
  if (kind === 'ole') return refuse('OLD_OFFICE', `这是旧版Word（.doc）或Excel（.xls）文件，或加密的Office文件，不能作为${rule.noun}；请另存为 ${rule.saveAs} 后再上传。`);
  if (kind === null || !(rule.kinds as readonly FileKind[]).includes(kind)) return refuse('TYPE', `${rule.noun}只接受 ${rule.accepted}；所选文件的内容不是其中任何一种。`);
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!FILE_EXTENSIONS[kind].includes(extension)) {
    return refuse('NAME_MISMATCH', `文件内容是${kind === 'jpeg' ? 'JPG' : kind.toUpperCase()}格式，但文件名的扩展名是“${extension === '' ? '（无）' : `.${extension}`}”；请把文件名改为 .${FILE_EXTENSIONS[kind][0]} 结尾后重新上传。`);
  }
  return { ok: true, value: { kind: kind as K, mediaType: FILE_MEDIA_TYPES[kind], fileName: name, size: bytes.length } };
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
