// Every table's rows, to compare a database before and after a refusal: a refusal leaves it unchanged.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

export async function snapshot(db: Kysely<DB>): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename <> 'gongkai_migrations' order by tablename`.execute(db);
  const parts: Record<string, unknown> = {};
  for (const { name } of tables) parts[name] = (await sql.raw(`select * from ${name} order by 1, 2`).execute(db)).rows;
  return JSON.stringify(parts);
}
