// The tables an archive carries, read from the database itself (information_schema and pg_catalog), so a
// table or column a later migration adds travels without editing the archive code: every base table but
// gongkai_migrations, parents before children (foreign keys), with its columns in the migrations' order,
// its primary key (the order of rows) and its serial columns (whose sequences continue after an import).
//
// Secrets never travel: the sessions table, and the platform secret in settings (SECRET_SETTINGS). Nor
// does the state a running platform keeps only for itself (TRANSIENT_TABLES): rate-limit counters and the
// page cache's column versions, meaningless in another database.

import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { SECRET_SETTINGS } from '../setup.ts';

/** How a column's values travel: bytea as base64 text, json/jsonb as JSON, the rest as JSON scalars. */
export type ColumnKind = 'binary' | 'json' | 'plain';

export interface CatalogColumn {
  /** SQL name */
  name: string;
  kind: ColumnKind;
  /** the type's name (udt_name: int8, text, timestamptz …), for casts */
  type: string;
  /** a bigserial/identity column: its sequence is moved past the largest imported value */
  serial: boolean;
  /** references a row of its own table: inserted empty, then set once the table is loaded */
  selfReference: boolean;
}

export interface CatalogTable {
  /** SQL name */
  name: string;
  columns: CatalogColumn[];
  /** primary key column names (every table has one) */
  key: string[];
}

/** Tables that are pure secrets: never archived, never imported. */
export const SECRET_TABLES: readonly string[] = ['sessions'];

/** Tables of a running platform's passing state (migration 0027): never archived, never imported, not counted as data. */
export const TRANSIENT_TABLES: readonly string[] = ['column_versions', 'rate_counters'];

/** Chinese name of each table, for messages (a table not listed shows its SQL name). */
export const TABLE_LABELS: Readonly<Record<string, string>> = {
  agencies: '机构',
  applications: '申请',
  application_events: '办理记录',
  counters: '编号计数',
  documents: '文书',
  templates: '文书模板',
  users: '用户',
  memberships: '角色',
  sessions: '登录会话',
  api_tokens: '接口令牌',
  audit_log: '审计日志',
  public_access: '回执码',
  uploads: '上传文件',
  agency_pages: '专栏页面',
  agency_sites: '网站标识与联系方式',
  published_reports: '已发布年报',
  settings: '设置',
  known_addresses: '登录地址',
  catalogue_vocab: '目录分类',
  catalogue_items: '主动公开信息',
  catalogue_item_versions: '主动公开信息版本',
  catalogue_attachments: '主动公开信息附件',
  secrecy_reviews: '保密审查',
  review_chains: '审核流程',
  review_decisions: '审核记录',
  review_pending: '待审核事项',
  cleanup_rounds: '文件清理',
  cleanup_entries: '文件清理结论',
  report_counts: '年报数据',
  review_cases: '复议诉讼案件',
  review_case_versions: '复议诉讼案件版本',
  review_case_documents: '复议诉讼案件文书',
  report_facts: '年报素材',
  report_draft_edits: '年报草稿修改',
  report_drafts: '年报审核发布',
  published_report_versions: '已发布年报版本',
  oversight_files: '监督上传的年报文件',
  oversight_reports: '监督收集的年报',
  oversight_exclusions: '不纳入汇总的机关',
  oversight_settings: '监督设置',
  oversight_reminders: '催报记录',
  application_corrections: '在线补正',
  document_deliveries: '文书送达',
  record_amendments: '更正申请',
  withheld_reviews: '不予公开信息评估审查',
  complaints: '投诉举报',
  working_calendar: '工作日历',
  column_versions: '专栏内容版本',
  rate_counters: '访问次数计数',
};

export const labelOf = (table: string): string => TABLE_LABELS[table] ?? table;

const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar', 'citext']);

/** The rows of a table that may travel (secrets left out), as a SQL condition. */
export function travels(table: string): RawBuilder<unknown> {
  if (table === 'settings') return sql`${sql.ref('key')} not in (${sql.join(SECRET_SETTINGS.map((k) => sql.lit(k)))})`;
  return sql`true`;
}

/** `order by` of a table: its primary key, text columns in "C" collation (not the server's locale). */
export function keyOrder(t: CatalogTable): RawBuilder<unknown> {
  return sql.join(
    t.key.map((k) => {
      const column = t.columns.find((c) => c.name === k);
      return column !== undefined && TEXT_TYPES.has(column.type) ? sql`${sql.ref(k)} collate "C"` : sql`${sql.ref(k)}`;
    }),
  );
}

/** Every base table of the current schema (but gongkai_migrations), parents first; secret tables included. */
export async function readCatalog(db: Kysely<DB>): Promise<CatalogTable[]> {
  const columns = await sql<{ tableName: string; columnName: string; dataType: string; udtName: string; columnDefault: string | null; isIdentity: string }>`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.column_default, c.is_identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name <> 'gongkai_migrations'
    order by c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ tableName: string; columnName: string }>`
    select cl.relname as table_name, a.attname as column_name
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace n on n.oid = con.connamespace
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where con.contype = 'p' and n.nspname = current_schema()
    order by cl.relname, k.position`.execute(db);
  const references = await sql<{ child: string; parent: string; columnName: string }>`
    select cl.relname as child, pc.relname as parent, a.attname as column_name
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class pc on pc.oid = con.confrelid
    join pg_namespace n on n.oid = con.connamespace
    cross join lateral unnest(con.conkey) as k(attnum)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where con.contype = 'f' and n.nspname = current_schema()`.execute(db);

  const tables = new Map<string, CatalogTable>();
  for (const c of columns.rows) {
    let t = tables.get(c.tableName);
    if (t === undefined) tables.set(c.tableName, (t = { name: c.tableName, columns: [], key: [] }));
    const selfReference = references.rows.some((r) => r.child === c.tableName && r.parent === c.tableName && r.columnName === c.columnName);
    t.columns.push({
      name: c.columnName,
      kind: c.udtName === 'bytea' ? 'binary' : c.udtName === 'json' || c.udtName === 'jsonb' ? 'json' : 'plain',
      type: c.udtName,
      serial: c.isIdentity === 'YES' || (c.columnDefault?.startsWith('nextval(') ?? false),
      selfReference,
    });
  }
  for (const k of keys.rows) tables.get(k.tableName)?.key.push(k.columnName);
  for (const t of tables.values()) if (t.key.length === 0) throw new Error(`archive: table ${t.name} has no primary key (rows need a fixed order)`);

  // parents before children; among tables ready at once, by name (the same order on every database)
  const parents = new Map([...tables.keys()].map((name) => [name, new Set<string>()]));
  for (const r of references.rows) if (r.child !== r.parent && tables.has(r.parent)) parents.get(r.child)?.add(r.parent);
  const ordered: CatalogTable[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.size) {
    const ready = [...tables.keys()].filter((n) => !done.has(n) && [...(parents.get(n) ?? [])].every((p) => done.has(p))).sort();
    const next = ready[0];
    if (next === undefined) throw new Error(`archive: the foreign keys of ${[...tables.keys()].filter((n) => !done.has(n)).join(', ')} form a cycle`);
    done.add(next);
    ordered.push(tables.get(next)!);
  }
  return ordered;
}

/** The tables an archive carries: the catalog without the secret and transient tables. */
export const archivedTables = (catalog: CatalogTable[]): CatalogTable[] => catalog.filter((t) => !SECRET_TABLES.includes(t.name) && !TRANSIENT_TABLES.includes(t.name));
