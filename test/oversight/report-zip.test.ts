// A ZIP of annual reports opened for the office's bulk upload (domain/zip/report-files.ts): the files
// inside (folders, hidden files and macOS forks skipped; a nested archive listed as skipped), GBK names,
// and the ZIP limits: an entry that inflates past 20 MB is refused before anything is kept.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ZIP_LIMITS } from '../../src/domain/zip/limits.ts';
import { decodeEntryName, openReportZip } from '../../src/domain/zip/report-files.ts';
import { MB, part, repeatedDeflate, zipOf } from '../support/zip-bombs.ts';

describe('openReportZip', () => {
  it('gives the report files, sorted, and says what it skipped', async () => {
    const zip = new JSZip();
    zip.file('b/乙局.txt', '乙');
    zip.file('甲局.html', '<p>甲</p>');
    zip.file('.DS_Store', 'x');
    zip.file('__MACOSX/b/._乙局.txt', 'x');
    zip.file('more.rar', 'x');
    zip.folder('empty');
    const opened = await openReportZip(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.files.map((f) => f.name).sort()).toEqual(['乙局.txt', '甲局.html'].sort());
    expect(new TextDecoder().decode(opened.value.files.find((f) => f.name === '乙局.txt')?.bytes)).toBe('乙');
    expect(opened.value.skipped).toEqual([{ name: 'more.rar', reason: '压缩包中的压缩包不会展开，请解压后单独上传。' }]);
  });

  it('reads names written in GBK (Chinese Windows) as well as UTF-8', () => {
    expect(decodeEntryName(Uint8Array.from([0xc4, 0xea, 0xb1, 0xa8]))).toBe('年报');
    expect(decodeEntryName(new TextEncoder().encode('年报.txt'))).toBe('年报.txt');
  });

  it('refuses an entry that inflates past the limit (a ZIP bomb) and a file that is no ZIP', async () => {
    const { data, size } = repeatedDeflate('', '年报', ZIP_LIMITS.reports.maxEntryBytes + 4 * MB, '');
    const bomb = zipOf([part('small.txt', 'ok'), { name: 'bomb.txt', method: 8, data, declaredSize: 1024, crc: 0 }]);
    expect(size).toBeGreaterThan(ZIP_LIMITS.reports.maxEntryBytes);
    const refused = await openReportZip(bomb);
    expect(!refused.ok && refused.error.code).toBe('FILE_TOO_COMPLEX');
    expect(!refused.ok && refused.error.message).toContain('ZIP压缩包过于复杂');
    const junk = await openReportZip(new TextEncoder().encode('not a zip at all'));
    expect(!junk.ok && junk.error.code).toBe('FILE_CORRUPT');
  });
});
