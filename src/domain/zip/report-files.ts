// A bulk upload of annual report files (issue #13): its limits, and a ZIP of reports opened into its
// files — after checkZipLimits has inflated every entry under the caps of ZIP_LIMITS.reports (a bomb is
// refused before anything is kept). Names are decoded as UTF-8 when flagged or valid, else as GB18030
// (Chinese Windows writes ZIP names in GBK without the UTF-8 flag). Folders, hidden files and macOS
// resource forks are skipped; a ZIP inside the ZIP is listed as skipped, not opened. Pure: bytes in.

import type JSZip from 'jszip';
import { loadPackage } from '../packages.ts';
import type { DomainResult } from '../applications/types.ts';
import { checkZipLimits } from './limits.ts';
import { REPORT_FILE_LIMITS } from './report-limits.ts';

export { REPORT_FILE_LIMITS } from './report-limits.ts';

export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

export interface SkippedEntry {
  name: string;
  /** why, in Chinese */
  reason: string;
}

export interface OpenedZip {
  files: NamedFile[];
  skipped: SkippedEntry[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb = new TextDecoder('gb18030');

/** A ZIP entry's name: UTF-8 when it is valid UTF-8, else GB18030. */
export function decodeEntryName(bytes: Uint8Array | string[] | string): string {
  if (typeof bytes === 'string') return bytes;
  const raw = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes as unknown as number[]);
  try {
    return utf8.decode(raw);
  } catch {
    return gb.decode(raw);
  }
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The files of a ZIP of reports, within ZIP_LIMITS.reports and REPORT_FILE_LIMITS.maxFiles. */
export async function openReportZip(bytes: Uint8Array): Promise<DomainResult<OpenedZip>> {
  const checked = await checkZipLimits(bytes, 'reports');
  if (!checked.ok) return checked;
  let zip: JSZip;
  try {
    zip = await loadPackage<typeof JSZip>('jszip').loadAsync(bytes, { checkCRC32: true, decodeFileName: decodeEntryName });
  } catch {
    return { ok: false, error: { code: 'FILE_CORRUPT', message: 'ZIP压缩包已损坏或不完整，无法打开。请重新压缩后上传，或直接选择多个文件上传。', field: 'file' } };
  }
  const files: NamedFile[] = [];
  const skipped: SkippedEntry[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = baseName(entry.name);
    if (name === '' || name.startsWith('.') || entry.name.startsWith('__MACOSX/') || name === 'Thumbs.db' || name === 'desktop.ini') continue;
    if (/\.(zip|rar|7z)$/i.test(name)) {
      skipped.push({ name, reason: '压缩包中的压缩包不会展开，请解压后单独上传。' });
      continue;
    }
    if (files.length >= REPORT_FILE_LIMITS.maxFiles) {
      skipped.push({ name, reason: `一次最多上传${REPORT_FILE_LIMITS.maxFiles}个文件，其余文件没有读取，请分批上传。` });
      continue;
    }
    try {
      files.push({ name, bytes: await entry.async('uint8array') });
    } catch {
      skipped.push({ name, reason: '压缩包中的这个文件已损坏，无法解压。' });
    }
  }
  files.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return { ok: true, value: { files, skipped } };
}
