// The whole database as one file: a gzip'd JSON document that moves an installation between engines
// (PGlite ⇄ PostgreSQL) and serves as a backup.
//
//   { "format": "gongkai-archive", "version": 1, "schema": [migration names],
//     "tables": { "agencies": [rows by primary key], "applications": […], … } }
//
// Deterministic: tables in a fixed order, columns in the migrations' order, rows by primary key (text keys
// in "C" collation, not the server's locale), values in the shapes of db/types.ts, gzip without a
// timestamp. So export → import into an empty database of the other engine → export gives the same bytes.
//
// Also the small use cases the CLI needs around the database (migrate, export, import by config).

import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { connect, openDatabase } from '../db/connect.ts';
import type { Database, Engine } from '../db/connect.ts';
import { dbErrorCode } from '../db/errors.ts';
import { appliedMigrations, migrate, MigrationError } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';

export const ARCHIVE_FORMAT = 'gongkai-archive';
export const ARCHIVE_VERSION = 1;

type ArchivedTable = Exclude<keyof DB, 'gongkaiMigrations'>;

interface TableSpec {
  name: ArchivedTable;
  /** SQL name */
  table: string;
  /** Chinese name and counting word, for messages */
  label: string;
  /** primary key columns (SQL names); `text` ones sort in "C" collation */
  key: readonly { column: string; text?: true }[];
  /** a bigserial `id` whose sequence continues after import */
  serial: boolean;
  /** bytea columns (camelCase): base64 text in the archive (pg gives a Buffer, PGlite a Uint8Array) */
  binary?: readonly string[];
}

/** Parents before children (the order of insertion). */
const TABLES: readonly TableSpec[] = [
  { name: 'agencies', table: 'agencies', label: '机构', key: [{ column: 'id' }], serial: true },
  { name: 'applications', table: 'applications', label: '申请', key: [{ column: 'id' }], serial: true },
  { name: 'applicationEvents', table: 'application_events', label: '办理记录', key: [{ column: 'id' }], serial: true },
  {
    name: 'counters',
    table: 'counters',
    label: '编号计数',
    key: [{ column: 'agency_id' }, { column: 'scope', text: true }, { column: 'year' }],
    serial: false,
  },
  { name: 'documents', table: 'documents', label: '文书', key: [{ column: 'id' }], serial: true },
  { name: 'templates', table: 'templates', label: '文书模板', key: [{ column: 'agency_id' }, { column: 'kind', text: true }], serial: false },
  { name: 'users', table: 'users', label: '用户', key: [{ column: 'id' }], serial: true },
  {
    name: 'memberships',
    table: 'memberships',
    label: '角色',
    key: [{ column: 'user_id' }, { column: 'agency_id' }, { column: 'role', text: true }],
    serial: false,
  },
  { name: 'sessions', table: 'sessions', label: '登录会话', key: [{ column: 'id', text: true }], serial: false },
  { name: 'knownAddresses', table: 'known_addresses', label: '登录过的地址', key: [{ column: 'user_id' }, { column: 'address', text: true }], serial: false },
  { name: 'apiTokens', table: 'api_tokens', label: '接口令牌', key: [{ column: 'id' }], serial: true },
  { name: 'auditLog', table: 'audit_log', label: '审计日志', key: [{ column: 'id' }], serial: true },
  { name: 'publicAccess', table: 'public_access', label: '回执码', key: [{ column: 'application_id' }], serial: false },
  { name: 'uploads', table: 'uploads', label: '上传文件', key: [{ column: 'id' }], serial: true, binary: ['content'] },
  { name: 'agencyPages', table: 'agency_pages', label: '专栏页面', key: [{ column: 'agency_id' }, { column: 'page', text: true }], serial: false },
  { name: 'publishedReports', table: 'published_reports', label: '已发布年报', key: [{ column: 'id' }], serial: true },
  { name: 'settings', table: 'settings', label: '设置', key: [{ column: 'key', text: true }], serial: false },
];

/** snake_case → camelCase, as CamelCasePlugin sees the columns. */
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type Value = string | number | boolean | null | Record<string, unknown>;
type Row = Record<string, Value>;

export interface ArchiveDocument {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  schema: string[];
  tables: Record<ArchivedTable, Row[]>;
}

export type ImportResult = { ok: true; counts: Record<string, number> } | { ok: false; error: string };
export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Columns (SQL names, in table order) of the archived tables in the current schema; refuses unknown tables. */
async function tableColumns(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ tableName: string; columnName: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name <> 'gongkai_migrations'
    order by c.table_name, c.ordinal_position`.execute(db);
  const columns = new Map<string, string[]>();
  for (const r of rows) {
    const list = columns.get(r.tableName) ?? [];
    list.push(r.columnName);
    columns.set(r.tableName, list);
  }
  const known = new Set(TABLES.map((t) => t.table));
  const unknown = [...columns.keys()].filter((t) => !known.has(t));
  // a migration added a table: it must be added to TABLES (and its place among parents and children)
  if (unknown.length > 0) throw new Error(`archive.ts does not know the table(s) ${unknown.join(', ')}: add them to TABLES`);
  return columns;
}

const orderBy = (t: TableSpec) => sql.join(t.key.map((k) => (k.text ? sql`${sql.ref(k.column)} collate "C"` : sql`${sql.ref(k.column)}`)));

/** The archive and the number of rows of each table. */
export async function buildArchive(db: Kysely<DB>): Promise<{ bytes: Uint8Array; counts: Record<string, number> }> {
  // one snapshot of everything
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const schema = (await appliedMigrations(trx)).map((m) => m.name);
      const columns = await tableColumns(trx);
      const tables = {} as Record<ArchivedTable, Row[]>;
      const counts: Record<string, number> = {};
      for (const t of TABLES) {
        const keys = (columns.get(t.table) ?? []).map(camel);
        const { rows } = await sql<Row>`select * from ${sql.table(t.table)} order by ${orderBy(t)}`.execute(trx);
        tables[t.name] = rows.map((r) => {
          const row: Row = {};
          for (const k of keys) {
            const v = r[k];
            if (v === undefined) throw new Error(`archive: column ${k} of ${t.table} is missing from the query result`);
            if (v instanceof Uint8Array) {
              if (!t.binary?.includes(k)) throw new Error(`archive: column ${k} of ${t.table} is binary: add it to the table's binary columns`);
              row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
            } else row[k] = v;
          }
          return row;
        });
        counts[t.name] = rows.length;
      }
      const doc: ArchiveDocument = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, schema, tables };
      // gzipSync writes no file name and mtime 0: the same document gives the same bytes
      return { bytes: new Uint8Array(gzipSync(JSON.stringify(doc), { level: 9 })), counts };
    });
}

/** The whole database (all tables but gongkai_migrations) as one gzip'd JSON document. */
export async function exportArchive(db: Kysely<DB>): Promise<Uint8Array> {
  return (await buildArchive(db)).bytes;
}

// ---------------------------------------------------------------------------------------------
// Import

/** Refuse to inflate more than this (a small file can unpack to gigabytes). */
const MAX_ARCHIVE_BYTES = 1024 ** 3;

const value = z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.string(), z.unknown())]);
const rows = z.array(z.record(z.string(), value));
const archiveSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    version: z.literal(ARCHIVE_VERSION),
    schema: z.array(z.string()),
    tables: z.strictObject(Object.fromEntries(TABLES.map((t) => [t.name, rows])) as Record<ArchivedTable, typeof rows>),
  })
  .loose();

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  record: '对象',
  array: '数组',
  null: '空值',
  undefined: '缺失',
};

function zodIssueText(issue: z.core.$ZodIssue): string {
  // tables.agencies 第 3 条的 id
  let path = issue.path.length === 0 ? '归档' : '';
  issue.path.forEach((p, i) => {
    if (typeof p === 'number') path += ` 第 ${p + 1} 条`;
    else path += typeof issue.path[i - 1] === 'number' ? `的 ${String(p)}` : `${i > 0 ? '.' : ''}${String(p)}`;
  });
  switch (issue.code) {
    case 'invalid_type':
      return `${path} 应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `${path} 含有未知的表或字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return `${path} 的取值无效`;
    case 'invalid_union':
      return `${path} 的取值类型无效（应为文本、数字、布尔值、空值或对象）`;
    default:
      return `${path} 无效`;
  }
}

class Refusal extends Error {}

function parseArchive(bytes: Uint8Array): { ok: true; doc: z.infer<typeof archiveSchema> } | { ok: false; error: string } {
  let text: string;
  try {
    text = gunzipSync(bytes, { maxOutputLength: MAX_ARCHIVE_BYTES }).toString('utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      return { ok: false, error: `归档解压后超过 ${MAX_ARCHIVE_BYTES / 1024 ** 3} GB，拒绝导入。` };
    return { ok: false, error: '文件不是 gongkai 归档：无法按 gzip 解压（文件可能已损坏或被截断）。' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: '文件不是 gongkai 归档：解压后的内容不是有效的 JSON（文件可能已损坏）。' };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== ARCHIVE_FORMAT)
    return { ok: false, error: '文件不是 gongkai 归档（缺少 "format": "gongkai-archive"）。' };
  const version = (json as { version?: unknown }).version;
  if (version !== ARCHIVE_VERSION) return { ok: false, error: `归档版本 ${JSON.stringify(version)} 不受支持：本程序只能导入第 ${ARCHIVE_VERSION} 版的归档。` };
  const parsed = archiveSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const shown = issues.slice(0, 5).map(zodIssueText);
    return { ok: false, error: `归档格式不正确：${shown.join('；')}${issues.length > 5 ? `；另有 ${issues.length - 5} 处问题` : ''}。` };
  }
  return { ok: true, doc: parsed.data };
}

/** At most this many bind parameters per INSERT (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;

async function insertRows(trx: Transaction<DB>, t: TableSpec, columns: string[], rows: Row[]): Promise<void> {
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += perBatch) {
    const batch = rows.slice(i, i + perBatch);
    const binary = new Set(t.binary ?? []);
    const value = (r: Row, c: string) => {
      const v = r[camel(c)] ?? null;
      if (!binary.has(camel(c)) || v === null) return param(v);
      if (typeof v !== 'string' || !BASE64.test(v)) throw new Refusal(`归档中 ${t.name} 的 ${camel(c)} 应为 base64 编码的文本。`);
      return Buffer.from(v, 'base64');
    };
    const values = sql.join(batch.map((r) => sql`(${sql.join(columns.map((c) => value(r, c)))})`));
    await sql`insert into ${sql.table(t.table)} (${cols}) values ${values}`.execute(trx);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** jsonb values travel as JSON text (pg would turn a JS array into a PostgreSQL array). */
const param = (v: Value) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

function describeDbFailure(e: unknown): string {
  const err = dbErrorCode(e);
  switch (err?.code) {
    case 'UNIQUE_VIOLATION':
      return `归档中有重复的记录（违反唯一约束 ${err.constraint ?? ''}）`;
    case 'FOREIGN_KEY_VIOLATION':
      return `归档中有记录引用了不存在的上级记录（违反外键约束 ${err.constraint ?? ''}）`;
    case 'CHECK_VIOLATION':
      return `归档中有取值不合规定的记录（违反检查约束 ${err.constraint ?? ''}）`;
    case 'NOT_NULL_VIOLATION':
      return `归档中有必填字段为空（${err.table ?? ''}.${err.column ?? ''}）`;
    default:
      return `数据库拒绝写入：${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Loads an archive into an EMPTY database with the same migrations, in one transaction: ids are kept
 * and every bigserial sequence continues after the largest imported id. Never throws on bad bytes.
 */
export async function importArchive(db: Kysely<DB>, bytes: Uint8Array): Promise<ImportResult> {
  const parsed = parseArchive(bytes);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  try {
    const counts = await db.transaction().execute(async (trx) => {
      // nobody writes while we check emptiness and load
      await sql`lock table ${sql.join(TABLES.map((t) => sql.table(t.table)))} in exclusive mode`.execute(trx);
      const schema = (await appliedMigrations(trx)).map((m) => m.name);
      if (JSON.stringify(schema) !== JSON.stringify(doc.schema))
        throw new Refusal(
          `归档的数据库结构（迁移：${doc.schema.join('、') || '无'}）与本数据库（迁移：${schema.join('、') || '无'}）不一致，无法导入。请用与导出时相同版本的 gongkai 导入。`,
        );
      const nonEmpty: string[] = [];
      for (const t of TABLES) {
        const { rows: r } = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.table)}`.execute(trx);
        const n = Number(r[0]?.n ?? 0);
        if (n > 0) nonEmpty.push(`${t.label} ${n} 条`);
      }
      if (nonEmpty.length > 0)
        throw new Refusal(`目标数据库已有数据（${nonEmpty.join('，')}），导入只能在空数据库中进行，以免覆盖或混入现有记录。请换一个空的数据库或数据目录。`);

      const columns = await tableColumns(trx);
      const counts: Record<string, number> = {};
      for (const t of TABLES) {
        const cols = columns.get(t.table) ?? [];
        const expected = cols.map(camel);
        const rowsOf = doc.tables[t.name];
        rowsOf.forEach((row, i) => {
          const keys = Object.keys(row);
          const missing = expected.filter((k) => !(k in row));
          const extra = keys.filter((k) => !expected.includes(k));
          if (missing.length > 0 || extra.length > 0)
            throw new Refusal(
              `归档中 ${t.name} 的第 ${i + 1} 条记录与数据库的字段不一致${missing.length > 0 ? `，缺少 ${missing.join('、')}` : ''}${extra.length > 0 ? `，多出 ${extra.join('、')}` : ''}。`,
            );
        });
        if (t.name === 'agencies') {
          // an agency may name a parent with a larger id: insert without parents, then link them
          await insertRows(
            trx,
            t,
            cols,
            rowsOf.map((r) => ({ ...r, parentId: null })),
          );
          const linked = rowsOf.filter((r) => r['parentId'] !== null);
          if (linked.length > 0) {
            const ids = linked.map((r) => String(r['id']));
            const parents = linked.map((r) => String(r['parentId']));
            await sql`update agencies set parent_id = v.parent_id
              from (select unnest(${`{${ids.join(',')}}`}::bigint[]) as id, unnest(${`{${parents.join(',')}}`}::bigint[]) as parent_id) v
              where agencies.id = v.id`.execute(trx);
          }
        } else {
          await insertRows(trx, t, cols, rowsOf);
        }
        if (t.serial)
          await sql`select setval(pg_get_serial_sequence(${t.table}, 'id'), coalesce((select max(id) from ${sql.table(t.table)}), 0) + 1, false)`.execute(trx);
        counts[t.name] = rowsOf.length;
      }
      return counts;
    });
    return { ok: true, counts };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.message };
    return { ok: false, error: `导入失败，数据库未作任何改动：${describeDbFailure(e)}。` };
  }
}

/** "机构 2 条，申请 10 条，…" */
export function describeCounts(counts: Record<string, number>): string {
  return TABLES.map((t) => `${t.label} ${counts[t.name] ?? 0} 条`).join('，');
}

// ---------------------------------------------------------------------------------------------
// Use cases by configuration (the CLI's): each opens the database, does one thing, closes it.

function connectionFailure(e: unknown): string {
  if (e instanceof MigrationError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `无法打开数据库：${message}`;
}

async function using<T>(open: () => Promise<Database>, body: (d: Database) => Promise<ServiceResult<T>>): Promise<ServiceResult<T>> {
  let database: Database;
  try {
    database = await open();
  } catch (e) {
    return { ok: false, error: connectionFailure(e) };
  }
  try {
    return await body(database);
  } catch (e) {
    return { ok: false, error: connectionFailure(e) };
  } finally {
    await database.close();
  }
}

/** `gongkai db migrate`: applies pending migrations. */
export function migrateDatabase(config: Config): Promise<ServiceResult<{ applied: string[]; engine: Engine }>> {
  return using(
    () => connect(config),
    async (d) => ({ ok: true, value: { applied: (await migrate(d.db)).applied, engine: d.engine } }),
  );
}

/** `gongkai export`: the archive of the configured database. */
export function exportDatabase(config: Config): Promise<ServiceResult<{ bytes: Uint8Array; counts: Record<string, number> }>> {
  return using(
    () => openDatabase(config),
    async (d) => ({ ok: true, value: await buildArchive(d.db) }),
  );
}

/** `gongkai import`: loads an archive into the configured (empty) database. */
export async function importDatabase(config: Config, bytes: Uint8Array): Promise<ServiceResult<{ counts: Record<string, number> }>> {
  return using(
    () => openDatabase(config),
    async (d) => {
      const r = await importArchive(d.db, bytes);
      return r.ok ? { ok: true, value: { counts: r.counts } } : r;
    },
  );
}
