// What kind of file the bytes are: cheap checks on magic numbers, the first few KB and the
// file name's extension. Pure, never throws.

import { detectUtf16WithoutBom } from './decode.ts';

export type InputKind = 'docx' | 'pdf' | 'html' | 'json' | 'text' | 'binary';

const SAMPLE = 8192;
/** Share of control bytes in the sample above which the file is taken for binary. */
const BINARY_RATIO = 0.05;

export function sniffKind(bytes: Uint8Array, fileName?: string): InputKind {
  try {
    return sniff(bytes, extensionOf(fileName));
  } catch {
    return 'binary';
  }
}

export function extensionOf(fileName: string | undefined): string {
  if (typeof fileName !== 'string') return '';
  const m = /\.([a-z0-9]{1,10})$/i.exec(fileName.trim());
  return m?.[1] ? m[1].toLowerCase() : '';
}

function sniff(bytes: Uint8Array, ext: string): InputKind {
  if (bytes.length === 0) return 'text';
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) return ext === 'docx' || ext === 'docm' || containsAscii(bytes, 'word/document.xml') ? 'docx' : 'binary';
  if (hasBinaryMagic(bytes)) return 'binary';

  const utf16 = utf16Encoding(bytes);
  if (!utf16 && controlRatio(bytes) > BINARY_RATIO) return 'binary';

  const head = prefixText(bytes, utf16);
  const start = head.replace(/^[\s\ufeff]+/, '');
  if (looksLikeHtml(start, ext)) return 'html';
  const first = start.charAt(0);
  if (first === '{' || first === '[') {
    if (ext === 'json') return 'json';
    if (!ext && looksLikeJsonEnd(bytes, utf16)) return 'json';
  }
  return 'text';
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A PDF: its header (%PDF-) at the start, or within the first 1024 bytes as readers allow (ISO 32000-1, annex H). */
export function isPdf(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  for (let i = bytes.indexOf(0x25); i !== -1 && i + 5 <= n; i = bytes.indexOf(0x25, i + 1)) {
    if (bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/** PDF, OLE2 (.doc/.xls/.wps), images, archives, executables. */
export function binaryFormatName(bytes: Uint8Array): string | undefined {
  const s = String.fromCharCode(...bytes.subarray(0, 8));
  if (s.startsWith('%PDF-')) return 'PDF';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'OLE';
  if (s.startsWith('\x89PNG') || s.startsWith('GIF8') || (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) return '图片';
  if (s.startsWith('Rar!') || s.startsWith("7z\xbc\xaf") || (bytes[0] === 0x1f && bytes[1] === 0x8b)) return '压缩包';
  if (s.startsWith('MZ') || s.startsWith('\x7fELF')) return '可执行文件';
  if (s.startsWith('{\\rtf')) return 'RTF';
  return undefined;
}

function hasBinaryMagic(bytes: Uint8Array): boolean {
  return binaryFormatName(bytes) !== undefined;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return detectUtf16WithoutBom(bytes);
}

function controlRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) control++;
  }
  return n === 0 ? 0 : control / n;
}

/** The first bytes as text, for markup detection: ASCII kept, other bytes as '?' (UTF-16 decoded). */
function prefixText(bytes: Uint8Array, utf16: 'utf-16le' | 'utf-16be' | undefined): string {
  if (utf16) {
    try {
      return new TextDecoder(utf16).decode(bytes.subarray(0, SAMPLE));
    } catch {
      return '';
    }
  }
  const n = Math.min(bytes.length, SAMPLE);
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    codes[i] = b < 0x80 ? b : 0x3f;
  }
  let s = String.fromCharCode(...codes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) s = s.slice(3);
  return s;
}

const STRONG_HTML = /<(?:!doctype\s+html|html|head|body|table)\b/i;
const WEAK_HTML = /<(?:p|div|meta|title|span|br|h[1-6]|tr|td|section|article|font|center|ul|ol|li|strong|b|a)\b[^<>]*>/i;

function looksLikeHtml(start: string, ext: string): boolean {
  if (STRONG_HTML.test(start.slice(0, 4096))) return true;
  const startsWithTag = /^<(?:[a-z!?]|\/[a-z])/i.test(start);
  if (startsWithTag && WEAK_HTML.test(start.slice(0, 4096))) return true;
  if ((ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'shtml') && WEAK_HTML.test(start)) return true;
  return false;
}

function looksLikeJsonEnd(bytes: Uint8Array, utf16: string | undefined): boolean {
  if (utf16) return false;
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4096; i--) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x00) continue;
    return b === 0x7d || b === 0x5d;
  }
  return false;
}

/** Whether the ASCII string occurs in the bytes (ZIP stores entry names uncompressed). */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  outer: for (let i = bytes.indexOf(first); i !== -1 && i + n <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < n; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}
