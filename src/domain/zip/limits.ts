// What a ZIP container (a DOCX report, an XLSX ledger) may inflate to, checked before any parser
// (mammoth, exceljs) sees it. Every entry the central directory lists is inflated — whatever its name:
// a main document stored as word/main.bin and named by _rels/.rels is read by mammoth all the same —
// as a stream whose output is counted and dropped, stopped as soon as a cap is passed. The sizes the
// headers declare are never trusted (a bomb declares 1 KB and inflates to gigabytes). A file over a
// limit is refused with FILE_TOO_COMPLEX and a Chinese message naming the part and the limit; one
// without a readable central directory with FILE_CORRUPT (the caller says it in its own words).
// No IO: bytes in, a verdict out.

import { createInflateRaw } from 'node:zlib';
import type { DomainResult } from '../applications/types.ts';

export type ZipKind = 'docx' | 'xlsx' | 'reports';

export interface ZipLimit {
  /** entries in the central directory */
  maxEntries: number;
  /** bytes one entry may inflate to */
  maxEntryBytes: number;
  /** bytes all entries together may inflate to */
  maxTotalBytes: number;
}

const MB = 1024 * 1024;

export const ZIP_LIMITS: Record<ZipKind, ZipLimit> = {
  // An annual report is a few pages of text and three tables: its document.xml is 100–500 KB, and the
  // largest seen (with embedded fonts and images) are a few MB in all. 16 MB of XML is already more
  // than mammoth can turn into a DOM within the parse worker's memory.
  docx: { maxEntries: 1000, maxEntryBytes: 16 * MB, maxTotalBytes: 64 * MB },
  // A ledger may hold 200 000 rows (LEDGER_LIMITS.maxRows) of 12 columns: its worksheet XML is about
  // 150 MB at that size (≈ 60 bytes a cell) and sharedStrings as much again; Excel also writes one
  // part per sheet, style and drawing, hence more entries.
  xlsx: { maxEntries: 10_000, maxEntryBytes: 160 * MB, maxTotalBytes: 512 * MB },
  // A ZIP of annual reports uploaded by the office above (issue #13): one file per agency, each no larger
  // than a single report upload (REPORT_FILE_LIMITS in zip/report-files.ts), a few hundred agencies at most.
  reports: { maxEntries: 1000, maxEntryBytes: 20 * MB, maxTotalBytes: 200 * MB },
};

export interface ZipSummary {
  entries: number;
  /** all entries inflated */
  totalBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;

const KIND_NAME: Record<ZipKind, string> = { docx: 'Word文件', xlsx: 'Excel文件', reports: 'ZIP压缩包' };
const HOW_TO_FIX: Record<ZipKind, string> = {
  docx: '请删除文件中的大图片、嵌入对象后重新保存，或把报告另存为文本（.txt）、网页（.html）后再上传。',
  xlsx: '请把台账分成几个文件分别导入，或另存为“CSV UTF-8（逗号分隔）”后再导入。',
  reports: '请把报告分成几个压缩包分别上传，或直接选择多个文件上传。',
};

const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;

/** Each entry of the central directory inflated under the limits of its kind. Never throws. */
export async function checkZipLimits(bytes: Uint8Array, kind: ZipKind): Promise<DomainResult<ZipSummary>> {
  const limit = ZIP_LIMITS[kind];
  const tooComplex = (what: string) => ({
    ok: false as const,
    error: { code: 'FILE_TOO_COMPLEX', message: `${KIND_NAME[kind]}过于复杂，未读取：${what}。${HOW_TO_FIX[kind]}`, field: 'file' },
  });
  const corrupt = { ok: false as const, error: { code: 'FILE_CORRUPT', message: `${KIND_NAME[kind]}已损坏或不完整（不是有效的ZIP文件），无法读取。`, field: 'file' } };

  const read = readDirectory(bytes);
  if (read === null) return corrupt;
  if (read === 'zip64') return tooComplex('文件使用ZIP64格式（内容超过4 GB）');
  const directory = read.entries;
  if (directory.length > limit.maxEntries) return tooComplex(`文件包含${directory.length}个部分，超过${limit.maxEntries}个的上限`);

  let total = 0;
  for (const entry of directory) {
    const cap = Math.min(limit.maxEntryBytes, limit.maxTotalBytes - total);
    const size = await inflatedSize(bytes, entry, cap);
    if (size === null) return corrupt;
    if (size > cap) {
      return cap < limit.maxEntryBytes
        ? tooComplex(`各部分解压后合计超过${mb(limit.maxTotalBytes)}的上限`)
        : tooComplex(`其中的“${entry.name}”解压后超过${mb(limit.maxEntryBytes)}的上限`);
    }
    total += size;
  }
  return { ok: true, value: { entries: directory.length, totalBytes: total } };
}

export interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * The central directory's entries and where it starts (the end of the last entry's data); null when there is
 * none readable; 'zip64' for an archive beyond 4 GB.
 */
export function readDirectory(bytes: Uint8Array): { entries: Entry[]; offset: number } | null | 'zip64' {
  const n = bytes.byteLength;
  if (n < EOCD_SIZE) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  // the end-of-central-directory record, followed by a comment of at most 65535 bytes
  let eocd = -1;
  for (let p = n - EOCD_SIZE; p >= Math.max(0, n - EOCD_SIZE - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) return 'zip64';
  const entries: Entry[] = [];
  const names = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const compressedSize = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const localOffset = view.getUint32(p + 42, true);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) return 'zip64';
    if (p + 46 + nameLength > n) return null;
    entries.push({ name: names.decode(bytes.subarray(p + 46, p + 46 + nameLength)), method: view.getUint16(p + 10, true), compressedSize, localOffset });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return { entries, offset };
}

/**
 * What the entry inflates to, counted up to cap + 1 (a result above cap means "over"); null when its
 * data is not where the headers say, or uses a method no reader here understands, or is damaged.
 */
function inflatedSize(bytes: Uint8Array, entry: Entry, cap: number): Promise<number | null> {
  const n = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const p = entry.localOffset;
  if (p + 30 > n || view.getUint32(p, true) !== LOCAL_SIGNATURE) return Promise.resolve(null);
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > n) return Promise.resolve(null);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return Promise.resolve(data.byteLength);
  if (entry.method !== 8) return Promise.resolve(null);
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let settled = false;
    const settle = (value: number | null) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) settle(size);
    });
    inflate.on('end', () => settle(size));
    inflate.on('error', () => settle(size > cap ? size : null));
    inflate.end(data);
  });
}
