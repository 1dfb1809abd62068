// Reading an archive (format.ts) into an EMPTY database with the same migrations, in one transaction, line
// by line: rows are inserted in batches as they arrive, so memory holds one batch and one line at most
// (each line capped, the unpacked total capped). Ids are kept and every sequence continues after them; the
// platform secret is made anew, so every cookie signed before the backup is void. Never throws on bad bytes.

import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { appliedMigrations } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { renewCsrfSecret } from '../setup.ts';
import { archivedTables, labelOf, readCatalog, TRANSIENT_TABLES, travels } from './catalog.ts';
import type { CatalogTable } from './catalog.ts';
import { DEFAULT_MAX_GB, endSchema, headerSchema, MAX_LINE_BYTES, tableSchema } from './format.ts';
import type { Counts } from './format.ts';
import { describeDbFailure, Refusal } from './refusals.ts';
import { LineTooLong, readLines } from './lines.ts';
import { TableLoader } from './table-loader.ts';

export type ImportResult = { ok: true; counts: Counts } | { ok: false; error: string };

export interface ImportOptions {
  /** refuse more unpacked bytes than this (default DEFAULT_MAX_GB) */
  maxBytes?: number;
  /** refuse a longer line (default MAX_LINE_BYTES) */
  maxLineBytes?: number;
  /** called after each batch written: the table and its rows written so far */
  onRows?: (table: string, rows: number) => void;
}

class TooLarge extends Error {}

/** The unpacked bytes of a gzip'd source, refused past `maxBytes`. */
async function* unpacked(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Buffer> {
  const gunzip = pipeline(Readable.from(source, { objectMode: false }), createGunzip(), () => undefined);
  let total = 0;
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      gunzip.destroy();
      throw new TooLarge();
    }
    yield chunk;
  }
}

type Line = { text: string; number: number };

function parseLine(line: Line): unknown {
  try {
    return JSON.parse(line.text);
  } catch {
    throw new Refusal(`归档第 ${line.number} 行不是有效的 JSON（文件可能已损坏）。`);
  }
}

const issues = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || '整行'}：${i.message}`).join('；');

function readHeader(line: Line | undefined): { migrations: string[]; version: 2 | 3 } {
  const value = line === undefined ? undefined : parseLine(line);
  const v = value as { format?: unknown; version?: unknown } | undefined;
  if (typeof v !== 'object' || v === null || v.format !== 'gongkai-archive') throw new Refusal('文件不是 gongkai 归档（第 1 行缺少 "format": "gongkai-archive"）。');
  if (v.version === 1)
    throw new Refusal('这是第 1 版归档（旧版 gongkai 导出，内含平台密钥）：本程序只导入第 2 版。请用导出它的 gongkai 版本导入到空数据库，再用本程序重新导出。');
  if (v.version !== 2 && v.version !== 3) throw new Refusal(`归档版本 ${JSON.stringify(v.version)} 不受支持：本程序只能导入第 2、3 版的归档。`);
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) throw new Refusal(`归档第 1 行（文件头）格式不正确：${issues(parsed.error)}。`);
  return { migrations: parsed.data.migrations, version: parsed.data.version };
}

async function checkTarget(trx: Transaction<DB>, catalog: CatalogTable[], migrations: string[]): Promise<void> {
  // nobody writes while we check emptiness and load
  await sql`lock table ${sql.join(catalog.map((t) => sql.table(t.name)))} in exclusive mode`.execute(trx);
  const schema = (await appliedMigrations(trx)).map((m) => m.name);
  if (JSON.stringify(schema) !== JSON.stringify(migrations))
    throw new Refusal(
      `归档的数据库结构（迁移：${migrations.join('、') || '无'}）与本数据库（迁移：${schema.join('、') || '无'}）不一致，无法导入。请用与导出时相同版本的 gongkai 导入。`,
    );
  const nonEmpty: string[] = [];
  // a rate-limit counter or a column version is no data (a server may have answered a request already)
  for (const t of catalog.filter((t) => !TRANSIENT_TABLES.includes(t.name))) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.name)} where ${travels(t.name)}`.execute(trx);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) nonEmpty.push(`${labelOf(t.name)} ${n} 条`);
  }
  if (nonEmpty.length > 0)
    throw new Refusal(`目标数据库已有数据（${nonEmpty.join('，')}），导入只能在空数据库中进行，以免覆盖或混入现有记录。请换一个空的数据库或数据目录。`);
}

/** The tables and rows of the archive after its header, into the transaction; the rows of each table. */
async function loadTables(trx: Transaction<DB>, lines: AsyncIterator<Line>, tables: CatalogTable[], version: 2 | 3, options: ImportOptions): Promise<Counts> {
  const counts: Counts = {};
  /** the SHA-256 of each table's row lines, as read */
  const sums: Record<string, string> = {};
  let loader: TableLoader | null = null;
  let hash: Hash | null = null;
  const finish = async () => {
    if (loader === null) return;
    counts[loader.table.name] = await loader.finish();
    sums[loader.table.name] = (hash as Hash).digest('hex');
  };
  for (;;) {
    const next = await lines.next();
    if (next.done === true) throw new Refusal('归档不完整：缺少结尾行（文件可能被截断）。');
    const line = next.value;
    if (line.text === '') throw new Refusal(`归档第 ${line.number} 行是空行（文件可能已损坏）。`);
    const value = parseLine(line);
    if (Array.isArray(value)) {
      if (loader === null) throw new Refusal(`归档第 ${line.number} 行：记录出现在任何表之前。`);
      (hash as Hash).update(`${line.text}\n`);
      await loader.add(value, line);
      continue;
    }
    await finish();
    const end = endSchema.safeParse(value);
    if (end.success) {
      const missing = tables.filter((t) => counts[t.name] === undefined).map((t) => t.name);
      if (missing.length > 0) throw new Refusal(`归档不完整：缺少表 ${missing.join('、')}。`);
      const differ = Object.keys({ ...counts, ...end.data.end }).filter((k) => counts[k] !== end.data.end[k]);
      if (differ.length > 0) throw new Refusal(`归档结尾记载的条数与实际不符（${differ.join('、')}），文件可能已损坏。`);
      if (version >= 3) {
        const stated = end.data.sha256;
        if (stated === undefined) throw new Refusal('归档结尾缺少各表的校验值（SHA-256），文件可能已损坏或被改动。');
        const altered = Object.keys({ ...sums, ...stated }).filter((k) => sums[k] !== stated[k]);
        if (altered.length > 0)
          throw new Refusal(`归档中${altered.map((k) => `“${labelOf(k)}”`).join('、')}的校验值（SHA-256）与记载不符：文件已损坏或被改动，未导入任何数据。请换用完好的备份。`);
      }
      const after = await lines.next();
      if (after.done !== true) throw new Refusal(`归档第 ${after.value.number} 行：结尾之后还有内容（文件可能已损坏）。`);
      return counts;
    }
    const head = tableSchema.safeParse(value);
    if (!head.success) throw new Refusal(`归档第 ${line.number} 行既不是表头、记录，也不是结尾：${issues(head.error)}。`);
    const expected = tables[Object.keys(counts).length];
    if (expected === undefined || head.data.table !== expected.name) {
      const known = tables.some((t) => t.name === head.data.table);
      throw new Refusal(
        known
          ? `归档第 ${line.number} 行：表 ${head.data.table} 的位置不对（应为 ${expected?.name ?? '结尾'}），文件可能已损坏。`
          : `归档第 ${line.number} 行：本数据库没有表 ${head.data.table}（或它不应出现在归档中）。`,
      );
    }
    loader = new TableLoader(trx, expected, head.data.columns, line.number, options.onRows);
    hash = createHash('sha256');
  }
}

/** Loads a gzip'd archive from `source` into the (empty) database. */
export async function loadArchive(db: Kysely<DB>, source: AsyncIterable<Uint8Array>, options: ImportOptions = {}): Promise<ImportResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_GB * 1024 ** 3;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const lines = readLines(unpacked(source, maxBytes), maxLineBytes);
  try {
    const { migrations, version } = readHeader((await lines.next()).value ?? undefined);
    const counts = await db.transaction().execute(async (trx) => {
      const catalog = await readCatalog(trx);
      await checkTarget(trx, catalog, migrations);
      const counts = await loadTables(trx, lines, archivedTables(catalog), version, options);
      await renewCsrfSecret(trx);
      return counts;
    });
    return { ok: true, counts };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.message };
    if (e instanceof TooLarge) return { ok: false, error: `归档解压后超过 ${maxBytes / 1024 ** 3} GB，拒绝导入。确属正常的大归档，请用 --max-gb 放宽上限。` };
    if (e instanceof LineTooLong)
      return { ok: false, error: `归档第 ${e.line} 行超过 ${Math.round(e.maxBytes / 1024 ** 2)} MB，拒绝导入（文件已损坏，或不是 gongkai 导出的归档）。` };
    if (typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('Z_'))
      return { ok: false, error: '文件不是 gongkai 归档：无法按 gzip 解压（文件可能已损坏或被截断）。' };
    return { ok: false, error: `导入失败，数据库未作任何改动：${describeDbFailure(e)}。` };
  } finally {
    await lines.return(undefined);
  }
}
