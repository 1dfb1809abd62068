// Opens a ZIP written by `gongkai applications archive` as its reader would: the manifest (UTF-8 with a
// BOM, CRLF lines, its header), and for each of its rows the case's PDF — its SHA-256 and page count as
// the manifest says (the platform's PDF reader counts the pages), its text, and its first page drawn by
// poppler's pdftoppm (a PDF a viewer cannot draw fails here). Used by test/applications/case-archive and
// demo-archive.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { normalisePdfText } from '../../src/domain/report/input/pdf-content.ts';
import { readPdfPages } from '../../src/services/pdf/read.ts';
import { hasChromium } from './browser.ts';

/**
 * Whether the archive can be written and opened here: Chromium prints the case files, pdftoppm draws them.
 * CI has both (.ci/run installs them); elsewhere the file says what to install and its tests are skipped.
 */
export function archiveToolsHere(what: string): boolean {
  const here = (hasChromium() || Boolean(process.env['CI'])) && (spawnSync('pdftoppm', ['-v']).error === undefined || Boolean(process.env['CI']));
  if (!here) console.warn(`${what} skipped: no Chromium or no pdftoppm (apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils)`);
  return here;
}

export const MANIFEST_HEADER = '编号,申请人,收到日期,结果,答复日期,送达日期,页数,SHA-256';

export interface OpenedArchive {
  /** the ZIP's entry names, sorted */
  entries: string[];
  /** the manifest's rows after its header, each split at its commas */
  rows: string[][];
  /** each case's text by 编号, NFKC-normalised, without white space */
  texts: Record<string, string>;
}

/** Opens the ZIP, checks each manifest row against its PDF and draws its first page in `dir`. */
export async function openArchive(bytes: Uint8Array, dir: string, prefix: string): Promise<OpenedArchive> {
  const zip = await JSZip.loadAsync(bytes);
  const manifestBytes = await zip.file('manifest.csv')!.async('uint8array');
  expect([...manifestBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(manifestBytes).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe(MANIFEST_HEADER);
  const rows = lines.slice(1).map((l) => l.split(','));
  const texts: Record<string, string> = {};
  for (const f of rows) {
    const number = f[0] as string;
    const entry = zip.file(`${number}.pdf`);
    expect(entry, `${number}.pdf in the ZIP`).not.toBeNull();
    const pdf = await entry!.async('uint8array');
    expect(createHash('sha256').update(pdf).digest('hex'), number).toBe(f[7]);
    const read = await readPdfPages(pdf);
    if (!read.ok) throw new Error(`${number}: ${read.error.message}`);
    expect(read.pages.length, number).toBe(Number(f[6]));
    texts[number] = normalisePdfText(read.pages.map((p) => p.items.map((i) => i.text).join('')).join('\n')).normalize('NFKC').replace(/\s+/g, '');
    const file = join(dir, `${prefix}-${number}.pdf`);
    writeFileSync(file, pdf);
    const drawn = spawnSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '36', '-png', file, join(dir, `${prefix}-${number}-p`)]);
    expect([number, drawn.status, drawn.stderr.toString()]).toEqual([number, 0, '']);
    expect(readdirSync(dir).some((x) => x.startsWith(`${prefix}-${number}-p`) && x.endsWith('.png')), number).toBe(true);
  }
  return { entries: Object.keys(zip.files).sort(), rows, texts };
}
