// The archive as a file. Written to `<file>.partial` created with mode 0600 (it holds personal data and
// password hashes), flushed to disk (fsync), then renamed into place: a crash never leaves half an archive
// under the real name, and an existing file is replaced only when asked (--force). Read as a stream, the
// file's size checked first.

import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ExportProgress } from './export.ts';
import { writeArchive } from './export.ts';
import { DEFAULT_MAX_GB } from './format.ts';
import type { Counts } from './format.ts';
import { loadArchive } from './import.ts';
import type { ImportOptions, ImportResult } from './import.ts';

export type FileResult = { ok: true; counts: Counts } | { ok: false; error: string };

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

const fileError = (e: unknown, file: string): string => {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return `无法写入 ${file}：所在目录不存在。`;
  if (code === 'EACCES' || code === 'EPERM') return `无法写入 ${file}：没有权限。`;
  if (code === 'ENOSPC') return `无法写入 ${file}：磁盘空间不足。`;
  return `无法写入 ${file}，请检查路径和权限。`;
};

/** Flushes a written file to disk. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory so the rename itself survives a crash (not every system allows it: best effort). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // a platform without directory fsync
  }
}

/** Exports the database to `file` (mode 0600); refuses an existing file unless `force`. */
export async function exportToFile(db: Kysely<DB>, file: string, options: { force?: boolean } & ExportProgress = {}): Promise<FileResult> {
  if (options.force !== true && (await exists(file))) return { ok: false, error: `文件 ${file} 已存在。加 --force 覆盖，或换一个文件名。` };
  const partial = `${file}.partial`;
  try {
    await rm(partial, { force: true }); // left by an interrupted export
  } catch (e) {
    return { ok: false, error: fileError(e, partial) };
  }
  let sink: WriteStream | undefined;
  try {
    // created 0600 (O_EXCL: never through a link someone left there); opened before the export's transaction
    // begins, so that a failure to open (a missing folder) is this function's error, not an unhandled event
    // while the database answers
    sink = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    await once(sink, 'open');
    const counts = await writeArchive(db, sink, options);
    await syncFile(partial);
    if (options.force !== true && (await exists(file))) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await rename(partial, file);
    await syncDirectory(dirname(file));
    return { ok: true, counts };
  } catch (e) {
    sink?.destroy();
    await rm(partial, { force: true });
    if ((e as { code?: string }).code === 'EEXIST') return { ok: false, error: `文件 ${file} 已存在。加 --force 覆盖，或换一个文件名。` };
    if (typeof (e as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((e as { code: string }).code)) return { ok: false, error: fileError(e, file) };
    throw e; // the database's failure: the caller's to describe
  }
}

/** Imports `file` into the (empty) database; refuses a file (or its unpacked content) over `maxGb`. */
export async function importFromFile(db: Kysely<DB>, file: string, options: { maxGb?: number } & Omit<ImportOptions, 'maxBytes'> = {}): Promise<ImportResult> {
  const maxGb = options.maxGb ?? DEFAULT_MAX_GB;
  const maxBytes = maxGb * 1024 ** 3;
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY);
  } catch {
    return { ok: false, error: `无法读取文件 ${file}，请检查路径。` };
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) return { ok: false, error: `${file} 不是文件。` };
    if (size > maxBytes) return { ok: false, error: `文件 ${file} 大于 ${maxGb} GB，拒绝导入。确属正常的大归档，请用 --max-gb 放宽上限。` };
    return await loadArchive(db, handle.createReadStream({ autoClose: false }), { ...options, maxBytes });
  } finally {
    await handle.close();
  }
}
