// Every table's rows, to compare a database before and after a refusal: a refusal leaves it unchanged.
// Left out: what records that a request came, not what it changed — an API token's last use.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

const IGNORED: Record<string, readonly string[]> = { api_tokens: ['last_used_at'] };

export async function snapshot(db: Kysely<DB>): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename <> 'gongkai_migrations' order by tablename`.execute(db);
  const parts: Record<string, unknown> = {};
  for (const { name } of tables) {
    const ignored = (IGNORED[name] ?? []).map((c) => ` - '${c}'`).join('');
    parts[name] = ignored === '' ? (await sql.raw(`select * from ${name} order by 1, 2`).execute(db)).rows : (await sql.raw(`select to_jsonb(t)${ignored} as row from ${name} t order by 1`).execute(db)).rows;
  }
  return JSON.stringify(parts);
}
