// The content version of a column: what the public pages' cache (src/web/page-cache.ts) checks on
// every hit. Two parts, both only growing, so their sum changes whenever either does:
//
//   - this process's, in memory: whatever writes what an agency's public pages show (its pages, its
//     published reports, its name …) calls touchColumn(code) once the write is committed. Keyed by the
//     agency's code alone, not by database handle (a transaction or a Kysely with a plugin is another
//     object): a touch in one database only costs another database's cache a render. Enough where one
//     process is all there is (PGlite: its data folder is locked to one process).
//   - the database's (column_versions, migration 0027): the same writes call bumpColumns() inside their
//     transaction, and SharedColumnVersions reads what changed since it last looked — what lets a
//     process see at once a change another process made (several servers on one PostgreSQL).
//
// The values of column_versions come from its row '#clock', incremented under its row lock, which the
// writer holds until it commits: a version becomes visible only after every smaller one has, so a
// reader asks for the rows above the highest version it has seen (an index range, usually empty).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

let epoch = 0;
const touches = new Map<string, number>();

/** The content version of the agency's column in this process: changes with every touchColumn of it (or of every column). */
export function columnVersion(agencyCode: string): number {
  // both counters only grow, so their sum changes whenever either does
  return epoch + (touches.get(agencyCode) ?? 0);
}

/** The agency's column changed (its pages, published reports or name); without a code, every column did. */
export function touchColumn(agencyCode?: string): void {
  if (agencyCode === undefined) epoch += 1;
  else touches.set(agencyCode, (touches.get(agencyCode) ?? 0) + 1);
}

/** The row of column_versions whose version stands for every column. */
const EVERY_COLUMN = '';
/** The row the versions are taken from (no agency code has '#'). */
const CLOCK = '#clock';

/**
 * In the transaction of a write that changes what these agencies' columns show (or, with 'all', every
 * column): their versions in the database, so every process's page cache renders them again. One
 * statement; call it as late in the transaction as the write allows (it holds the clock's row lock
 * until the commit, queueing other column writes behind it). touchColumn() after the commit as well.
 */
export async function bumpColumns(trx: Kysely<DB>, agencyCodes: readonly (string | null | undefined)[] | 'all'): Promise<void> {
  const codes = agencyCodes === 'all' ? [EVERY_COLUMN] : [...new Set(agencyCodes.filter((c): c is string => typeof c === 'string' && c !== '' && !c.includes('#')))];
  if (codes.length === 0) return;
  await sql`
    with clock as (
      insert into column_versions (agency_code, version) values (${CLOCK}, 1)
      on conflict (agency_code) do update set version = column_versions.version + 1
      returning version
    )
    insert into column_versions (agency_code, version)
    select code, (select version from clock) from unnest(${codes}::text[]) as code
    on conflict (agency_code) do update set version = excluded.version`.execute(trx);
}

/** bumpColumns for the columns that show these agencies' catalogue items: each agency's, and its parent's (domain.md §6.1). */
export async function bumpAgencyColumns(trx: Kysely<DB>, agencyIds: readonly number[]): Promise<void> {
  if (agencyIds.length === 0) return;
  const rows = await trx
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parentId')
    .select(['a.code', 'p.code as parentCode'])
    .where('a.id', 'in', [...new Set(agencyIds)])
    .execute();
  await bumpColumns(trx, rows.flatMap((r) => [r.code, r.parentCode]));
}

/**
 * The database's part of the column versions, as one process has read it. sync() reads what changed
 * since the last read; concurrent callers share a read, but never one that began before they asked (a
 * change committed before a request arrived is always seen by it): a caller arriving while a read is
 * under way waits for the next one.
 */
export class SharedColumnVersions {
  private readonly versions = new Map<string, number>();
  private seen = 0;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  /** The database's version of the agency's column (0 before any change), as of the last sync. */
  version(agencyCode: string): number {
    return (this.versions.get(agencyCode) ?? 0) + (this.versions.get(EVERY_COLUMN) ?? 0);
  }

  /** Reads what changed since the last read; resolves once a read that began after this call has finished. */
  sync(): Promise<void> {
    if (this.running === null) return this.start();
    this.next ??= this.running.then(
      () => this.afterRunning(),
      () => this.afterRunning(),
    );
    return this.next;
  }

  private afterRunning(): Promise<void> {
    this.next = null;
    return this.running ?? this.start();
  }

  private start(): Promise<void> {
    const read = this.read().finally(() => {
      if (this.running === read) this.running = null;
    });
    this.running = read;
    return read;
  }

  private async read(): Promise<void> {
    const rows = await this.db.selectFrom('columnVersions').select(['agencyCode', 'version']).where('version', '>', this.seen).execute();
    for (const r of rows) {
      const version = Number(r.version);
      if (version > this.seen) this.seen = version;
      if (r.agencyCode !== CLOCK) this.versions.set(r.agencyCode, version);
    }
  }
}
