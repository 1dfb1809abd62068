// The columns' content versions in the database (services/column-version.ts, column_versions) on each
// engine: bumped in the transaction of the write (a rolled-back write bumps nothing), read by another
// handle (another process's SharedColumnVersions) as soon as it is committed; the "every column" row;
// versions become visible in the order they were given even when the writers commit in another order;
// concurrent syncs share a read but never one that began before they asked; and the writes that change
// a column (its page, the site, a published report, an agency's name) bump it.

import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { connectPostgres } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/schema.ts';
import { createAgency, updateAgency } from '../../src/services/agencies.ts';
import { updateSite } from '../../src/services/agency-site.ts';
import { bumpAgencyColumns, bumpColumns, SharedColumnVersions } from '../../src/services/column-version.ts';
import { setPage } from '../../src/services/column.ts';
import { engines, useDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';

const NOW = '2024-11-20T02:00:00.000Z';

async function secondHandle(database: TestDatabase): Promise<{ db: Kysely<DB>; close: () => Promise<void> }> {
  if (database.engine === 'pglite' || database.schema === undefined) return { db: database.db, close: async () => undefined };
  const other = await connectPostgres(process.env['DATABASE_URL'] as string, { searchPath: database.schema, max: 4 });
  return { db: other.db, close: other.close };
}

describe.each(engines())('column versions on %s', (engine) => {
  const t = useDatabase(engine);

  it('a bump committed by one handle is read by the other; a rolled-back one is not; "every column" counts for all', async () => {
    const other = await secondHandle(t.database);
    try {
      const shared = new SharedColumnVersions(other.db);
      await shared.sync();
      const a0 = shared.version('cv-a');
      const b0 = shared.version('cv-b');
      await t.db.transaction().execute((trx) => bumpColumns(trx, ['cv-a']));
      await shared.sync();
      expect(shared.version('cv-a')).toBeGreaterThan(a0);
      expect(shared.version('cv-b')).toBe(b0);
      const a1 = shared.version('cv-a');
      await t.db
        .transaction()
        .execute(async (trx) => {
          await bumpColumns(trx, ['cv-a', 'cv-b']);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await shared.sync();
      expect([shared.version('cv-a'), shared.version('cv-b')]).toEqual([a1, b0]);
      await t.db.transaction().execute((trx) => bumpColumns(trx, 'all'));
      await shared.sync();
      expect(shared.version('cv-a')).toBeGreaterThan(a1);
      expect(shared.version('cv-b')).toBeGreaterThan(b0);
      expect(shared.version('never-touched')).toBeGreaterThan(0);
      // codes that are no agency's are ignored, not stored
      await t.db.transaction().execute((trx) => bumpColumns(trx, ['', '#clock', null, undefined]));
      expect(await t.db.selectFrom('columnVersions').select('agencyCode').where('agencyCode', 'in', ['#clock']).execute()).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  // PGlite has one connection: its transactions never overlap, there is no commit order to get wrong
  it.skipIf(engine === 'pglite')('a reader never skips a version given earlier but committed later (PostgreSQL only: overlapping transactions)', async () => {
    const other = await secondHandle(t.database);
    try {
      const shared = new SharedColumnVersions(other.db);
      await shared.sync();
      const before = shared.version('late');
      // the first writer takes its version and waits; the second queues on the clock behind it, so it
      // cannot commit a larger version first
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const first = t.db.transaction().execute(async (trx) => {
        await bumpColumns(trx, ['late']);
        await held;
      });
      await new Promise((r) => setTimeout(r, 100));
      let secondDone = false;
      const second = other.db
        .transaction()
        .execute((trx) => bumpColumns(trx, ['early']))
        .then(() => (secondDone = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(secondDone).toBe(false);
      await shared.sync();
      expect(shared.version('late')).toBe(before);
      release();
      await Promise.all([first, second]);
      await shared.sync();
      expect(shared.version('late')).toBeGreaterThan(before);
      expect(shared.version('early')).toBeGreaterThan(shared.version('late'));
    } finally {
      await other.close();
    }
  });

  it('concurrent syncs share a read, but a caller that arrives during one waits for the next', async () => {
    let reads = 0;
    const counting = t.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode') reads += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const shared = new SharedColumnVersions(counting);
    const firstWave = [shared.sync(), shared.sync(), shared.sync()];
    await Promise.all(firstWave);
    expect(reads).toBe(2); // the one under way, and one after it for the two that came during it
    await shared.sync();
    expect(reads).toBe(3);
  });

  it('the writes that change a column bump it in their transaction', async () => {
    const shared = new SharedColumnVersions(t.db);
    const made = await createAgency(t.db, { code: 'cv-city', name: '某市人民政府', level: 'government' }, NOW);
    if (!made.ok) throw new Error(made.error.message);
    const child = await createAgency(t.db, { code: 'cv-dept', name: '某市教育局', level: 'department', parentCode: 'cv-city' }, NOW);
    if (!child.ok) throw new Error(child.error.message);
    const version = async (code: string) => {
      await shared.sync();
      return shared.version(code);
    };
    let v = await version('cv-city');
    const changes: [string, () => Promise<unknown>][] = [
      ['setPage', () => setPage(t.db, 'cv-city', 'guide', '## 新的指南', { userId: null, now: NOW })],
      ['updateSite', () => updateSite(t.db, 'cv-city', { hours: '工作日 9:00—17:00' }, { userId: null }, NOW)],
      ['updateAgency', () => updateAgency(t.db, 'cv-city', { name: '某市人民政府（新）' })],
      ['a department’s catalogue item shows in its parent’s column', () => t.db.transaction().execute((trx) => bumpAgencyColumns(trx, [child.value.id]))],
    ];
    for (const [what, change] of changes) {
      await change();
      const now = await version('cv-city');
      expect(now, what).toBeGreaterThan(v);
      v = now;
    }
  });
});
