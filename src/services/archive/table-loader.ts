// The rows of one table of an archive, checked and inserted in batches (multi-row INSERT); a column that
// references its own table (agencies.parent_id) is set once the whole table is in; serial sequences are
// moved past the largest imported value.

import { sql } from 'kysely';
import type { RawBuilder, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { labelOf } from './catalog.ts';
import type { CatalogColumn, CatalogTable } from './catalog.ts';
import { Refusal } from './refusals.ts';

/** At most this many bind parameters per INSERT (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;
/** Insert when this many rows, or this many bytes of lines, are waiting. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 16 * 1024 ** 2;

/**
 * Base64 as the export writes it (padded): whole groups of four, '=' only at the end. Checked with a
 * character class and the length, not a regex of repeated groups, which V8 runs out of stack on for a
 * value of a few megabytes (an identity proof: "Maximum call stack size exceeded").
 */
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
export const isBase64 = (v: string): boolean => v.length % 4 === 0 && BASE64_CHARS.test(v);

type Param = string | number | boolean | null | Buffer;

export class TableLoader {
  private readonly columns: CatalogColumn[];
  private readonly perInsert: number;
  private batch: Param[][] = [];
  private batchBytes = 0;
  private rows = 0;
  /** key values and self-references of rows that name a row of their own table */
  private readonly links: { key: Param[]; refs: Param[] }[] = [];

  constructor(
    private readonly trx: Transaction<DB>,
    readonly table: CatalogTable,
    archived: string[],
    line: number,
    private readonly onRows?: (table: string, rows: number) => void,
  ) {
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const missing = table.columns.filter((c) => !archived.includes(c.name)).map((c) => c.name);
    const extra = archived.filter((c) => !byName.has(c));
    if (missing.length > 0 || extra.length > 0 || new Set(archived).size !== archived.length)
      throw new Refusal(
        `归档第 ${line} 行：表 ${table.name}（${labelOf(table.name)}）的字段与数据库不一致${missing.length > 0 ? `，缺少 ${missing.join('、')}` : ''}${extra.length > 0 ? `，多出 ${extra.join('、')}` : ''}。`,
      );
    this.columns = archived.map((name) => byName.get(name)!);
    this.perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / this.columns.length));
  }

  private param(c: CatalogColumn, v: unknown, line: number): Param {
    const bad = (what: string) => new Refusal(`归档第 ${line} 行：表 ${this.table.name} 的 ${c.name} ${what}。`);
    if (v === null) return null;
    if (c.kind === 'json') return JSON.stringify(v); // jsonb as JSON text (pg would turn an array into a PostgreSQL array)
    if (c.kind === 'binary') {
      if (typeof v !== 'string' || !isBase64(v)) throw bad('应为 base64 编码的文本');
      return Buffer.from(v, 'base64');
    }
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    throw bad('的取值类型无效（应为文本、数字、布尔值或空值）');
  }

  async add(values: unknown[], line: { text: string; number: number }): Promise<void> {
    if (values.length !== this.columns.length)
      throw new Refusal(`归档第 ${line.number} 行：表 ${this.table.name} 的记录应有 ${this.columns.length} 个字段，实有 ${values.length} 个。`);
    const row = this.columns.map((c, i) => this.param(c, values[i], line.number));
    const self = this.columns.flatMap((c, i) => (c.selfReference ? [i] : []));
    if (self.some((i) => row[i] !== null)) {
      const key = this.table.key.map((k) => row[this.columns.findIndex((c) => c.name === k)] ?? null);
      this.links.push({ key, refs: self.map((i) => row[i] ?? null) });
      for (const i of self) row[i] = null;
    }
    this.batch.push(row);
    this.batchBytes += line.text.length;
    if (this.batch.length >= BATCH_ROWS || this.batchBytes >= BATCH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const cols = sql.join(this.columns.map((c) => sql.ref(c.name)));
    for (let i = 0; i < this.batch.length; i += this.perInsert) {
      const values = sql.join(this.batch.slice(i, i + this.perInsert).map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`));
      await sql`insert into ${sql.table(this.table.name)} (${cols}) values ${values}`.execute(this.trx);
    }
    this.rows += this.batch.length;
    this.batch = [];
    this.batchBytes = 0;
    this.onRows?.(this.table.name, this.rows);
  }

  /** Inserts what is left, sets the self-references, moves the sequences; the table's row count. */
  async finish(): Promise<number> {
    await this.flush();
    const t = this.table;
    const cast = (v: Param, c: CatalogColumn): RawBuilder<unknown> => sql`cast(${v} as ${sql.raw(c.type)})`;
    const keyColumns = t.key.map((k) => t.columns.find((c) => c.name === k)!);
    const selfColumns = this.columns.filter((c) => c.selfReference);
    const perUpdate = Math.max(1, Math.floor(MAX_PARAMETERS / (keyColumns.length + selfColumns.length)));
    for (let i = 0; i < this.links.length; i += perUpdate) {
      const rows = this.links.slice(i, i + perUpdate).map((l) => sql`(${sql.join([...l.key.map((v, j) => cast(v, keyColumns[j]!)), ...l.refs.map((v, j) => cast(v, selfColumns[j]!))])})`);
      const names = [...keyColumns, ...selfColumns].map((c, j) => sql.raw(`c${j}`));
      await sql`update ${sql.table(t.name)} set ${sql.join(selfColumns.map((c, j) => sql`${sql.ref(c.name)} = v.${names[keyColumns.length + j]!}`))}
        from (values ${sql.join(rows)}) as v (${sql.join(names)})
        where ${sql.join(
          keyColumns.map((c, j) => sql`${sql.table(t.name)}.${sql.ref(c.name)} = v.${names[j]!}`),
          sql` and `,
        )}`.execute(this.trx);
    }
    for (const c of t.columns.filter((c) => c.serial))
      await sql`select setval(pg_get_serial_sequence(${t.name}, ${c.name}), coalesce((select max(${sql.ref(c.name)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(this.trx);
    return this.rows;
  }
}
