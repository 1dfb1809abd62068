// The working calendar in the database (services/calendar-store.ts, working_calendar) on each engine:
// saved and read back; the loader builds it once and again only when the stored version changed —
// whoever changed it (another handle on the database, as another process has); two changes at once both
// kept; a stored calendar that no longer reads is reported, not cached; every change audited; the
// calendar.json of a data folder from before issue #16 moved in once and renamed.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { connectPostgres } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/schema.ts';
import { parseIsoDate } from '../../src/domain/calendar/dates.ts';
import { arrangementsToJson } from '../../src/domain/calendar/interchange.ts';
import { parseHolidayNotice } from '../../src/domain/calendar/notice.ts';
import { addLocalRestDay, adoptCalendarFile, importCalendarFile, loadWorkingCalendar, saveYear, workingCalendarLoader } from '../../src/services/calendar-store.ts';
import { engines, useDatabase } from '../support/db.ts';
import type { TestDatabase } from '../support/db.ts';

const NOW = '2026-11-25T02:00:00.000Z';
const cli = { userId: null, now: NOW, via: 'cli' as const };
const day = (iso: string) => parseIsoDate(iso) as number;
const NOTICE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'calendar', 'invented-2027-notice.txt'), 'utf8');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function secondHandle(database: TestDatabase): Promise<{ db: Kysely<DB>; close: () => Promise<void> }> {
  if (database.engine === 'pglite' || database.schema === undefined) return { db: database.db, close: async () => undefined };
  const other = await connectPostgres(process.env['DATABASE_URL'] as string, { searchPath: database.schema, max: 2 });
  return { db: other.db, close: other.close };
}

describe.each(engines())('the working calendar in the database, on %s', (engine) => {
  const t = useDatabase(engine);

  it('starts as the national calendar; the loader builds once and again only after a change, by any handle', async () => {
    const other = await secondHandle(t.database);
    try {
      const load = workingCalendarLoader(t.db);
      const first = await load();
      if (!first.ok) throw new Error(first.error);
      expect(first.value.isWorkingDay(day('2025-06-03'))).toEqual({ ok: true, value: true });
      const again = await load();
      expect(again.ok && again.value).toBe(first.value); // the same object: not built again

      // a rest day added through the other handle (another process): seen on the next call
      expect(await addLocalRestDay(other.db, { date: '2025-06-03', name: '本地休息日' }, cli)).toEqual({ ok: true, value: undefined });
      const changed = await load();
      if (!changed.ok) throw new Error(changed.error);
      expect(changed.value).not.toBe(first.value);
      expect(changed.value.isWorkingDay(day('2025-06-03'))).toEqual({ ok: true, value: false });
      expect((await load()).ok && (await load())).toMatchObject({ value: changed.value });

      // a year from a notice, replacing the estimate; the version counts each save
      const parsed = parseHolidayNotice(NOTICE);
      if (!parsed.ok) throw new Error(parsed.errors.join());
      expect(await saveYear(t.db, parsed.arrangement, { userId: null, now: NOW })).toEqual({ ok: true, value: { replaced: false } });
      expect(await saveYear(t.db, parsed.arrangement, { userId: null, now: NOW })).toEqual({ ok: true, value: { replaced: true } });
      const withYear = await load();
      expect(withYear.ok && withYear.value.announcedYears).toContain(2027);
      const row = await t.db.selectFrom('workingCalendar').select(['version', 'calendar']).executeTakeFirstOrThrow();
      expect(row.version).toBe(4); // created at 1, then three saves
      expect(JSON.parse(row.calendar)).toMatchObject({ format: 'gongkai-calendar', years: [{ year: 2027 }], localRestDays: [{ date: '2025-06-03' }] });
      const audit = await t.db.selectFrom('auditLog').select(['action', 'target', 'detail']).where('action', 'like', 'calendar.%').orderBy('id').execute();
      expect(audit.map((a) => [a.action, a.target])).toEqual([
        ['calendar.rest_day', 'calendar:2025-06-03'],
        ['calendar.year', 'calendar:2027'],
        ['calendar.year', 'calendar:2027'],
      ]);
      expect(audit[0]?.detail).toMatchObject({ via: 'cli', name: '本地休息日' });
    } finally {
      await other.close();
    }
  });

  it('two changes at once, through two handles: both kept', async () => {
    const other = await secondHandle(t.database);
    try {
      const results = await Promise.all([
        addLocalRestDay(t.db, { date: '2026-03-09', name: '甲' }, cli),
        addLocalRestDay(other.db, { date: '2026-03-10', name: '乙' }, cli),
        addLocalRestDay(t.db, { date: '2026-03-11', name: '丙' }, cli),
        addLocalRestDay(other.db, { date: '2026-03-12', name: '丁' }, cli),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
      const cal = await loadWorkingCalendar(t.db);
      expect(cal.ok && cal.value.localRestDays.map((d) => d.date)).toEqual(expect.arrayContaining(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']));
    } finally {
      await other.close();
    }
  });

  it('refuses what would not build, writing nothing; reports a stored calendar that no longer reads', async () => {
    const before = await t.db.selectFrom('workingCalendar').select(['version', 'calendar']).executeTakeFirstOrThrow();
    const bad = await importCalendarFile(t.db, arrangementsToJson([{ year: 2030, sources: [], holidays: [{ start: '2030-01-01', end: '2030-01-01', name: '元旦' }], makeUpDays: [{ date: '2030-01-02', name: '元旦' }] }]), 'json', cli);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/[\u4e00-\u9fff]/);
    expect(await t.db.selectFrom('workingCalendar').select(['version', 'calendar']).executeTakeFirstOrThrow()).toEqual(before);

    const load = workingCalendarLoader(t.db);
    expect((await load()).ok).toBe(true);
    await t.db.updateTable('workingCalendar').set({ calendar: '{ not json', version: before.version + 1 }).execute();
    const corrupt = await load();
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) expect(corrupt.error).toContain('已损坏');
    await t.db.updateTable('workingCalendar').set({ calendar: before.calendar, version: before.version + 2 }).execute();
    expect((await load()).ok).toBe(true);
  });

  it('moves a data folder’s calendar.json into the database once, merging, and renames it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-adopt-'));
    dirs.push(dir);
    expect(await adoptCalendarFile(t.db, dir, NOW)).toBeNull(); // no file: nothing to say
    writeFileSync(join(dir, 'calendar.json'), arrangementsToJson([], [{ date: '2026-05-06', name: '旧文件中的休息日' }]));
    const said = await adoptCalendarFile(t.db, dir, NOW);
    expect(said).toContain('已将工作日历');
    expect(said).toContain('calendar.json.imported');
    expect(existsSync(join(dir, 'calendar.json'))).toBe(false);
    expect(existsSync(join(dir, 'calendar.json.imported'))).toBe(true);
    const cal = await loadWorkingCalendar(t.db);
    if (!cal.ok) throw new Error(cal.error);
    expect(cal.value.isWorkingDay(day('2026-05-06'))).toEqual({ ok: true, value: false });
    expect(cal.value.localRestDays.map((d) => d.date)).toContain('2026-03-09'); // what the database had stays
    expect(await adoptCalendarFile(t.db, dir, NOW)).toBeNull(); // once
    const entry = await t.db.selectFrom('auditLog').select(['action', 'detail']).where('action', '=', 'calendar.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ via: 'start', localRestDays: 1 });

    // a file that does not read is left where it is, and said so
    writeFileSync(join(dir, 'calendar.json'), '{ broken');
    const refused = await adoptCalendarFile(t.db, dir, NOW);
    expect(refused).toContain('无法导入');
    expect(existsSync(join(dir, 'calendar.json'))).toBe(true);
  });
});
