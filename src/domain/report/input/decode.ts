// Bytes → string: BOM, UTF-8 validity, GB18030 fallback (a superset of GBK/GB2312), HTML/XML
// charset declarations; then removal of NUL/control characters and newline normalisation.
// Pure: no I/O. Never throws.

import { isUtf8 } from 'node:buffer';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  notes: string[];
}

/** How many leading bytes are searched for a charset declaration. */
const DECLARATION_WINDOW = 4096;
/** How many leading bytes are looked at to recognise BOM-less UTF-16. */
const UTF16_SAMPLE = 4096;

const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'gb_2312-80', 'x-gbk', 'cp936', 'csgb2312', 'euc-cn']);

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const { encoding, body, notes } = detectEncoding(bytes);
  let text = safeDecode(body, encoding);
  const cleaned = cleanText(text);
  text = cleaned.text;
  if (cleaned.removed > 0) notes.push(`已删除${cleaned.removed}个空字符或控制字符`);
  return { text, encoding, notes };
}

/** The encoding decodeBytes reads `bytes` in, the bytes after the BOM, and what it says about the choice. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; body: Uint8Array; notes: string[] } {
  const notes: string[] = [];
  let encoding: TextEncodingName;
  let body = bytes;

  const bom = detectBom(bytes);
  if (bom) {
    encoding = bom.encoding;
    body = bytes.subarray(bom.length);
  } else {
    const utf16 = detectUtf16WithoutBom(bytes);
    if (utf16) {
      encoding = utf16;
      notes.push(`未发现字节顺序标记，按${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'}解码`);
    } else if (isValidUtf8(bytes)) {
      encoding = 'utf-8';
    } else {
      const declared = declaredCharset(bytes);
      if (declared !== undefined && GB_LABELS.has(declared)) {
        encoding = 'gb18030';
        notes.push(`文件声明的字符集为${declared.toUpperCase()}，按GB18030解码`);
      } else {
        const invalid = mostlyUtf8(bytes);
        if (invalid !== undefined) {
          encoding = 'utf-8';
          notes.push(`文件含${invalid}处无效的UTF-8字节，已替换为“�”`);
        } else {
          encoding = 'gb18030';
          notes.push('文件不是有效的UTF-8编码，已按GB18030（GBK）解码');
        }
      }
    }
  }
  return { encoding, body, notes };
}

/**
 * decodeBytes(bytes).text in pieces of about `pieceBytes` bytes each (the same encoding, the same cleaning),
 * for a reader that goes through a large file without holding all its text: the pieces joined are that text.
 */
export function* decodeInPieces(bytes: Uint8Array, pieceBytes = 1 << 20): Generator<string> {
  const { encoding, body } = detectEncoding(bytes);
  const decoder = (() => {
    try {
      return new TextDecoder(encoding, { ignoreBOM: true });
    } catch {
      return new TextDecoder('utf-8', { ignoreBOM: true });
    }
  })();
  // a "\r" ending one piece may be the first half of a "\r\n": it waits for the next
  let carry = '';
  for (let at = 0; at < body.byteLength; at += pieceBytes) {
    const last = at + pieceBytes >= body.byteLength;
    const raw = carry + decoder.decode(body.subarray(at, at + pieceBytes), { stream: !last });
    carry = !last && raw.endsWith('\r') ? '\r' : '';
    const text = cleanText(carry ? raw.slice(0, -1) : raw).text;
    if (text !== '') yield text;
  }
  if (carry) yield cleanText(carry).text;
}

function detectBom(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  // GB18030 has its own BOM (84 31 95 33)
  if (a === 0x84 && b === 0x31 && c === 0x95 && bytes[3] === 0x33) return { encoding: 'gb18030', length: 4 };
  return undefined;
}

/**
 * BOM-less UTF-16: many code units that are an ASCII text character with a zero high byte (digits,
 * spaces, newlines), on one byte parity; few zero bytes on the other parity.
 */
export function detectUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, UTF16_SAMPLE) & ~1;
  if (n < 32) return undefined;
  let le = 0; // [ascii, 0]
  let be = 0; // [0, ascii]
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    if (a === 0) evenZeros++;
    if (b === 0) oddZeros++;
    if (b === 0 && isAsciiText(a)) le++;
    if (a === 0 && isAsciiText(b)) be++;
  }
  const pairs = n / 2;
  const enough = (count: number): boolean => count >= 8 && count >= pairs * 0.1;
  // (a CJK character may have a zero low byte too: 开 is U+5F00)
  if (enough(le) && evenZeros * 3 <= le) return 'utf-16le';
  if (enough(be) && oddZeros * 3 <= be) return 'utf-16be';
  return undefined;
}

function isAsciiText(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  // (node:buffer's check allocates nothing: a fatal TextDecoder would build the whole text to throw it away)
  return isUtf8(bytes);
}

/**
 * A UTF-8 file with a few damaged bytes: returns the number of invalid sequences when they are rare
 * compared with the valid non-ASCII characters (GBK text read as UTF-8 is invalid almost everywhere).
 */
function mostlyUtf8(bytes: Uint8Array): number | undefined {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let invalid = 0;
  let valid = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) invalid++;
    else if (code >= 0x80) valid++;
  }
  return valid >= 20 && invalid * 50 <= valid ? invalid : undefined;
}

/** The charset named by an HTML <meta> or XML declaration in the first bytes, lower-cased. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, DECLARATION_WINDOW));
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1].toLowerCase();
  const xml = /<\?xml\b[^>]*?encoding\s*=\s*["']\s*([a-z0-9_.:-]+)/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  }
  return s;
}

function safeDecode(bytes: Uint8Array, encoding: TextEncodingName): string {
  try {
    return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
}

/**
 * Removes NUL, C0 (except \t \n \r) and C1 control characters, DEL, stray BOMs and zero-width
 * characters; form feed, vertical tab and Unicode line/paragraph separators become line breaks;
 * \r\n and \r become \n.
 */
export function cleanText(input: string): { text: string; removed: number } {
  let removed = 0;
  let text = input.replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufeff\u200b\u2060]/g, () => {
    removed++;
    return '';
  });
  text = text.replace(/\r\n?|[\u000b\u000c\u2028\u2029]/g, '\n');
  return { text, removed };
}
