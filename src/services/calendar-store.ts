// The installation's working calendar: the built-in national arrangements, plus the years it adds (from
// a State Council notice or a file) and its local rest days, kept in the database (working_calendar,
// migration 0027: one row, the calendar interchange JSON with a version) so that every process on the
// database uses the same calendar. Every change is one transaction, written through saveCalendar()
// with its audit entry; a process sees it on its next request (workingCalendarLoader reads the version,
// one integer, and builds the calendar again only when it changed).
//
// Before issue #16 the additions lived in GONGKAI_DATA_DIR/calendar.json: adoptCalendarFile() moves such
// a file into the database once (the server and the command line call it when they open the database)
// and renames it calendar.json.imported.

import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { buildCalendar, NATIONAL_ARRANGEMENTS } from '../domain/calendar/index.ts';
import type { LocalRestDay, WorkingCalendar, YearArrangement } from '../domain/calendar/index.ts';
import { arrangementsFromIcs, arrangementsFromJson, arrangementsToIcs, arrangementsToJson } from '../domain/calendar/interchange.ts';
import { record } from './audit.ts';

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Who changes the calendar: a platform administrator on the web, or the command line (userId null, via 'cli'). */
export interface CalendarActor {
  userId: number | null;
  ip?: string | null;
  /** ISO timestamp */
  now: string;
  via?: 'cli' | 'start';
}

interface Stored {
  years: YearArrangement[];
  localRestDays: LocalRestDay[];
}

/** What a save writes to the audit log besides the change itself. */
interface Change {
  action: 'calendar.year' | 'calendar.rest_day' | 'calendar.import';
  target: string;
  detail: Record<string, unknown>;
}

const NOTHING: Stored = { years: [], localRestDays: [] };

function parseStored(text: string): StoreResult<Stored> {
  const parsed = arrangementsFromJson(text);
  if (!parsed.ok) return { ok: false, error: `数据库中的工作日历已损坏：${parsed.errors.join('；')}。请从备份恢复，或用 gongkai calendar import 重新导入。` };
  return { ok: true, value: { years: parsed.arrangements, localRestDays: parsed.localRestDays } };
}

/** The additions as stored, with their version (0: nothing stored yet). */
async function readStore(db: Kysely<DB>): Promise<StoreResult<Stored & { version: number }>> {
  const row = await db.selectFrom('workingCalendar').select(['version', 'calendar']).where('id', '=', 1).executeTakeFirst();
  if (row === undefined) return { ok: true, value: { ...NOTHING, version: 0 } };
  const stored = parseStored(row.calendar);
  return stored.ok ? { ok: true, value: { ...stored.value, version: row.version } } : stored;
}

/**
 * The one place the calendar is written: in the caller's transaction, with the row locked (`lock`),
 * after checking that the whole calendar still builds and reads back as readStore will read it. Work
 * that must follow a change of the calendar in the same transaction (the due dates stored with the
 * applications, services/due-date-changes.ts) belongs here, next to the write.
 */
async function saveCalendar(trx: Kysely<DB>, after: Stored, now: string): Promise<StoreResult<void>> {
  const check = buildCalendar(after.years, after.localRestDays);
  if (!check.ok) return { ok: false, error: check.error.message };
  // a name with a control character would make the stored text unreadable: refused before it is written
  const text = arrangementsToJson(after.years, after.localRestDays);
  const readBack = arrangementsFromJson(text);
  if (!readBack.ok) return { ok: false, error: readBack.errors.join('；') };
  await trx
    .updateTable('workingCalendar')
    .set((eb) => ({ calendar: text, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', 1)
    .execute();
  return { ok: true, value: undefined };
}

class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Changes the calendar in one transaction: the row is locked (created first if there is none), `change`
 * computes the new additions from the current ones, saveCalendar writes them, the audit log records it.
 * Two processes changing the calendar at once queue on the row: neither loses the other's change.
 */
async function changeCalendar<T>(db: Kysely<DB>, actor: CalendarActor, change: (before: Stored) => StoreResult<{ after: Stored; value: T; audit: Change }>): Promise<StoreResult<T>> {
  try {
    const value = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workingCalendar')
        .values({ id: 1, version: 1, calendar: arrangementsToJson([], []), updatedAt: actor.now })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const row = await trx.selectFrom('workingCalendar').select('calendar').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      const before = parseStored(row.calendar);
      if (!before.ok) throw new Refused(before.error);
      const changed = change(before.value);
      if (!changed.ok) throw new Refused(changed.error);
      const saved = await saveCalendar(trx, changed.value.after, actor.now);
      if (!saved.ok) throw new Refused(saved.error);
      const { action, target, detail } = changed.value.audit;
      await record(trx, { userId: actor.userId, agencyId: null, action, target, detail: { ...detail, ...(actor.via ? { via: actor.via } : {}) }, ip: actor.ip ?? null, at: actor.now });
      return changed.value.value;
    });
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.reason };
    throw e;
  }
}

const build = (stored: Stored): StoreResult<WorkingCalendar> => {
  const built = buildCalendar(stored.years, stored.localRestDays, { provisionalYears: 1 });
  return built.ok ? built : { ok: false, error: built.error.message };
};

/**
 * The working calendar the installation uses: national years, its added years (which win), its rest
 * days; the year after the last announced one is estimated (暂定, domain/calendar/provisional.ts) until
 * its notice is imported — a count reaching further fails, naming the year.
 */
export async function loadWorkingCalendar(db: Kysely<DB>): Promise<StoreResult<WorkingCalendar>> {
  const stored = await readStore(db);
  return stored.ok ? build(stored.value) : stored;
}

/**
 * loadWorkingCalendar for a long-running process: each call reads the stored version (one integer by
 * primary key) and builds the calendar again only when it changed — whichever process changed it.
 */
export function workingCalendarLoader(db: Kysely<DB>): () => Promise<StoreResult<WorkingCalendar>> {
  let cached: { version: number; value: WorkingCalendar } | undefined;
  return async () => {
    const row = await db.selectFrom('workingCalendar').select('version').where('id', '=', 1).executeTakeFirst();
    if (cached !== undefined && cached.version === (row?.version ?? 0)) return { ok: true, value: cached.value };
    const stored = await readStore(db);
    if (!stored.ok) return stored;
    const built = build(stored.value);
    if (built.ok) cached = { version: stored.value.version, value: built.value };
    return built;
  };
}

/** Save a year's arrangement (replacing the one stored for that year, if any). */
export async function saveYear(db: Kysely<DB>, arrangement: YearArrangement, actor: CalendarActor): Promise<StoreResult<{ replaced: boolean }>> {
  return changeCalendar(db, actor, (before) => {
    const replaced = before.years.some((y) => y.year === arrangement.year) || NATIONAL_ARRANGEMENTS.some((y) => y.year === arrangement.year);
    const years = [...before.years.filter((y) => y.year !== arrangement.year), arrangement].sort((a, b) => a.year - b.year);
    const detail = { year: arrangement.year, replaced, holidays: arrangement.holidays.length, makeUpDays: arrangement.makeUpDays.length };
    return { ok: true, value: { after: { years, localRestDays: before.localRestDays }, value: { replaced }, audit: { action: 'calendar.year', target: `calendar:${arrangement.year}`, detail } } };
  });
}

/** Add an agency rest day (replacing one on the same date). */
export async function addLocalRestDay(db: Kysely<DB>, day: LocalRestDay, actor: CalendarActor): Promise<StoreResult<void>> {
  return changeCalendar(db, actor, (before) => {
    const localRestDays = [...before.localRestDays.filter((d) => d.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date));
    return { ok: true, value: { after: { years: before.years, localRestDays }, value: undefined, audit: { action: 'calendar.rest_day', target: `calendar:${day.date}`, detail: { date: day.date, name: day.name } } } };
  });
}

/** The additions of `incoming` merged into `before`: a year or a rest day given again replaces the stored one. */
function merged(before: Stored, incoming: Stored): Stored {
  const years = new Set(incoming.years.map((a) => a.year));
  const dates = new Set(incoming.localRestDays.map((d) => d.date));
  return {
    years: [...before.years.filter((y) => !years.has(y.year)), ...incoming.years].sort((a, b) => a.year - b.year),
    localRestDays: [...before.localRestDays.filter((d) => !dates.has(d.date)), ...incoming.localRestDays].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Import years and rest days from a calendar file (JSON or iCalendar). */
export async function importCalendarFile(db: Kysely<DB>, text: string, kind: 'json' | 'ics', actor: CalendarActor): Promise<StoreResult<{ years: number[]; localRestDays: number }>> {
  const parsed = kind === 'ics' ? arrangementsFromIcs(text) : arrangementsFromJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join('；') };
  const incoming: Stored = { years: parsed.arrangements, localRestDays: parsed.localRestDays };
  const years = [...new Set(incoming.years.map((a) => a.year))].sort();
  return changeCalendar(db, actor, (before) => ({
    ok: true,
    value: {
      after: merged(before, incoming),
      value: { years, localRestDays: incoming.localRestDays.length },
      audit: { action: 'calendar.import', target: 'calendar:import', detail: { format: kind, years, localRestDays: incoming.localRestDays.length } },
    },
  }));
}

/** A year of the calendar (national or added) with the agency's rest days in it, as JSON or iCalendar. */
export async function exportYear(db: Kysely<DB>, year: number, format: 'json' | 'ics', stamp: string): Promise<StoreResult<string>> {
  const calendar = await loadWorkingCalendar(db);
  if (!calendar.ok) return calendar;
  const arrangement = calendar.value.arrangements.find((a) => a.year === year && !a.provisional);
  if (!arrangement) return { ok: false, error: `${year}年的节假日安排尚未录入，无法导出。已录入：${calendar.value.years.join('、')}年。` };
  const local = calendar.value.localRestDays.filter((d) => d.date.startsWith(`${year}-`));
  return { ok: true, value: format === 'ics' ? arrangementsToIcs([arrangement], { stamp, localRestDays: local }) : arrangementsToJson([arrangement], local) };
}

/** The calendar file of a data folder before issue #16. */
export const legacyCalendarFile = (dataDir: string): string => join(dataDir, 'calendar.json');

/**
 * Moves the calendar.json of a data folder (the store before issue #16) into the database, once: its
 * years and rest days are merged into the stored calendar (as `gongkai calendar import` would), then
 * the file is renamed calendar.json.imported. Returns what to tell the operator (null: no such file).
 * An unreadable or invalid file is left where it is, and said so: the platform runs on what the
 * database holds.
 */
export async function adoptCalendarFile(db: Kysely<DB>, dataDir: string, now: string): Promise<string | null> {
  const file = legacyCalendarFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    return `无法读取旧的工作日历文件 ${file}（${(e as Error).message}），未导入数据库。请检查文件权限后重新启动，或用 gongkai calendar import ${file} 导入。`;
  }
  const imported = await importCalendarFile(db, text, 'json', { userId: null, now, via: 'start' });
  if (!imported.ok) return `旧的工作日历文件 ${file} 无法导入数据库：${imported.error}。文件保持原样；请修正后用 gongkai calendar import ${file} 导入。`;
  const done = `${file}.imported`;
  const what = [imported.value.years.length > 0 ? `${imported.value.years.join('、')}年的节假日安排` : '', imported.value.localRestDays > 0 ? `${imported.value.localRestDays}个本地休息日` : ''].filter((s) => s !== '').join('，');
  try {
    await rename(file, done);
  } catch (e) {
    return `已将工作日历 ${file}（${what || '无内容'}）导入数据库，但无法将该文件改名为 ${done}（${(e as Error).message}）：请手工改名或删除，以免下次启动时再次导入。`;
  }
  return `已将工作日历 ${file}（${what || '无内容'}）导入数据库，此后工作日历保存在数据库中；原文件已改名为 ${done}。`;
}
