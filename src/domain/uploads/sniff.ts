// An uploaded 身份证明 (条例第二十九条第二款第（一）项) is accepted only when it is what it says it is:
// a JPEG, PNG or PDF whose own first bytes, declared media type and file-name extension all agree,
// and no larger than 5 MB. Pure: bytes in, a typed verdict out (the browser's claim is never trusted).

import type { DomainResult } from '../applications/types.ts';

export type UploadMediaType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** 5 MB: a phone photo of an identity card or a scanned page fits comfortably. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** For the form's `accept` attribute and its hint. */
export const UPLOAD_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

interface Kind {
  mediaType: UploadMediaType;
  /** the declared media types that mean it (image/jpg is what some browsers send) */
  declared: readonly string[];
  extensions: readonly string[];
  magic: readonly number[];
}

const KINDS: readonly Kind[] = [
  { mediaType: 'image/jpeg', declared: ['image/jpeg', 'image/jpg', 'image/pjpeg'], extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', declared: ['image/png'], extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // %PDF-
  { mediaType: 'application/pdf', declared: ['application/pdf'], extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

export interface SniffedUpload {
  mediaType: UploadMediaType;
  /** the file's name without any folder part or control characters, at most 200 characters */
  fileName: string;
  size: number;
}

const FIELD = 'identityProof';

export const UPLOAD_MESSAGES = {
  UPLOAD_EMPTY: '请上传身份证明文件（JPG、PNG 图片或 PDF 文件）；所选文件是空的或没有选择文件。',
  UPLOAD_TOO_LARGE: '身份证明文件不能超过 5 MB，请压缩图片或缩小扫描分辨率后重新上传。',
  UPLOAD_TYPE_MISMATCH: '身份证明文件只接受 JPG、PNG 图片或 PDF 文件，且文件内容必须与其类型和扩展名一致；请重新选择文件。',
} as const;

export type UploadRefusal = keyof typeof UPLOAD_MESSAGES;

const refuse = (code: UploadRefusal): { ok: false; error: { code: UploadRefusal; message: string; field: string } } => ({
  ok: false,
  error: { code, message: UPLOAD_MESSAGES[code], field: FIELD },
});

/** The last path segment, control characters removed, trimmed and shortened (keeping the extension). */
export function cleanFileName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Whether an upload may be kept: its bytes begin with the signature of the type it declares, and its
 * name ends with an extension of that type. Refusals: UPLOAD_EMPTY, UPLOAD_TOO_LARGE, UPLOAD_TYPE_MISMATCH.
 */
export function sniffUpload(bytes: Uint8Array, declaredType: string, fileName: string): DomainResult<SniffedUpload> {
  if (bytes.length === 0) return refuse('UPLOAD_EMPTY');
  if (bytes.length > MAX_UPLOAD_BYTES) return refuse('UPLOAD_TOO_LARGE');
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const kind = KINDS.find((k) => k.declared.includes(declared));
  if (!kind) return refuse('UPLOAD_TYPE_MISMATCH');
  const name = cleanFileName(fileName);
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!kind.extensions.includes(extension)) return refuse('UPLOAD_TYPE_MISMATCH');
  if (!startsWith(bytes, kind.magic)) return refuse('UPLOAD_TYPE_MISMATCH');
  return { ok: true, value: { mediaType: kind.mediaType, fileName: name, size: bytes.length } };
}
