// Everything a handling step may write, to compare a database before and after a refusal.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

export const TOUCHED_TABLES = ['agencies', 'applications', 'application_events', 'counters', 'documents', 'templates', 'audit_log', 'settings'] as const;

export async function snapshot(db: Kysely<DB>): Promise<string> {
  const parts: unknown[] = [];
  for (const t of TOUCHED_TABLES) parts.push((await sql.raw(`select * from ${t} order by 1, 2`).execute(db)).rows);
  return JSON.stringify(parts);
}
