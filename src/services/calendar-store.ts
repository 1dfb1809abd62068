// The agency's calendar: the built-in national arrangements, plus the years it adds (from a State
// Council notice or a file) and its local rest days, kept in GONGKAI_DATA_DIR/calendar.json in the
// calendar interchange format. Writes are whole-file and atomic (temporary file, then rename).

import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';
import { buildCalendar, NATIONAL_ARRANGEMENTS } from '../domain/calendar/index.ts';
import type { LocalRestDay, WorkingCalendar, YearArrangement } from '../domain/calendar/index.ts';
import { arrangementsFromIcs, arrangementsFromJson, arrangementsToIcs, arrangementsToJson } from '../domain/calendar/interchange.ts';

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: string };

interface Stored {
  years: YearArrangement[];
  localRestDays: LocalRestDay[];
}

const storePath = (config: Config): string => join(config.dataDir, 'calendar.json');

async function readStore(config: Config): Promise<StoreResult<Stored>> {
  let text: string;
  try {
    text = await readFile(storePath(config), 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { ok: true, value: { years: [], localRestDays: [] } };
    return { ok: false, error: `无法读取日历数据 ${storePath(config)}：${String((e as Error).message)}` };
  }
  const parsed = arrangementsFromJson(text);
  if (!parsed.ok) return { ok: false, error: `日历数据 ${storePath(config)} 已损坏：${parsed.errors.join('；')}` };
  return { ok: true, value: { years: parsed.arrangements, localRestDays: parsed.localRestDays } };
}

async function writeStore(config: Config, stored: Stored): Promise<StoreResult<void>> {
  // the whole calendar must still build: a store that cannot be used is never written
  const check = buildCalendar(stored.years, stored.localRestDays);
  if (!check.ok) return { ok: false, error: check.error.message };
  // and read back as readStore will (a name with a control character would make the file unreadable)
  const text = arrangementsToJson(stored.years, stored.localRestDays);
  const readBack = arrangementsFromJson(text);
  if (!readBack.ok) return { ok: false, error: readBack.errors.join('；') };
  const file = storePath(config);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (e) {
    return { ok: false, error: `无法保存日历数据到 ${file}：${String((e as Error).message)}` };
  }
  return { ok: true, value: undefined };
}

/**
 * The working calendar the agency uses: national years, its added years (which win), its rest days;
 * the year after the last announced one is estimated (暂定, domain/calendar/provisional.ts) until its
 * notice is imported — a count reaching further fails, naming the year.
 */
export async function loadWorkingCalendar(config: Config): Promise<StoreResult<WorkingCalendar>> {
  const stored = await readStore(config);
  if (!stored.ok) return stored;
  const built = buildCalendar(stored.value.years, stored.value.localRestDays, { provisionalYears: 1 });
  return built.ok ? built : { ok: false, error: built.error.message };
}

/**
 * loadWorkingCalendar for a long-running process: the calendar is built again only when calendar.json
 * changed (its inode, size or modification time — writes here replace the file, and so does the CLI in
 * another process), not on every request.
 */
export function workingCalendarLoader(config: Config): () => Promise<StoreResult<WorkingCalendar>> {
  let cached: { key: string; value: WorkingCalendar } | undefined;
  return async () => {
    let key: string;
    try {
      const s = await stat(storePath(config), { bigint: true });
      key = `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch (e) {
      key = (e as { code?: string }).code === 'ENOENT' ? 'none' : '';
    }
    if (key !== '' && cached?.key === key) return { ok: true, value: cached.value };
    const loaded = await loadWorkingCalendar(config);
    if (loaded.ok && key !== '') cached = { key, value: loaded.value };
    return loaded;
  };
}

/** Save a year's arrangement (replacing the one stored for that year, if any). */
export async function saveYear(config: Config, arrangement: YearArrangement): Promise<StoreResult<{ replaced: boolean }>> {
  const stored = await readStore(config);
  if (!stored.ok) return stored;
  const replaced = stored.value.years.some((y) => y.year === arrangement.year) || NATIONAL_ARRANGEMENTS.some((y) => y.year === arrangement.year);
  const years = [...stored.value.years.filter((y) => y.year !== arrangement.year), arrangement].sort((a, b) => a.year - b.year);
  const written = await writeStore(config, { years, localRestDays: stored.value.localRestDays });
  return written.ok ? { ok: true, value: { replaced } } : written;
}

/** Add an agency rest day (replacing one on the same date). */
export async function addLocalRestDay(config: Config, day: LocalRestDay): Promise<StoreResult<void>> {
  const stored = await readStore(config);
  if (!stored.ok) return stored;
  const localRestDays = [...stored.value.localRestDays.filter((d) => d.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date));
  return writeStore(config, { years: stored.value.years, localRestDays });
}

/** Import years and rest days from a calendar file (JSON or iCalendar). */
export async function importCalendarFile(config: Config, text: string, kind: 'json' | 'ics'): Promise<StoreResult<{ years: number[]; localRestDays: number }>> {
  const parsed = kind === 'ics' ? arrangementsFromIcs(text) : arrangementsFromJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join('；') };
  const stored = await readStore(config);
  if (!stored.ok) return stored;
  const incoming = new Set(parsed.arrangements.map((a) => a.year));
  const dates = new Set(parsed.localRestDays.map((d) => d.date));
  const years = [...stored.value.years.filter((y) => !incoming.has(y.year)), ...parsed.arrangements].sort((a, b) => a.year - b.year);
  const localRestDays = [...stored.value.localRestDays.filter((d) => !dates.has(d.date)), ...parsed.localRestDays].sort((a, b) => a.date.localeCompare(b.date));
  const written = await writeStore(config, { years, localRestDays });
  return written.ok ? { ok: true, value: { years: [...incoming].sort(), localRestDays: parsed.localRestDays.length } } : written;
}

/** A year of the calendar (national or added) with the agency's rest days in it, as JSON or iCalendar. */
export async function exportYear(config: Config, year: number, format: 'json' | 'ics', stamp: string): Promise<StoreResult<string>> {
  const calendar = await loadWorkingCalendar(config);
  if (!calendar.ok) return calendar;
  const arrangement = calendar.value.arrangements.find((a) => a.year === year && !a.provisional);
  if (!arrangement) return { ok: false, error: `${year}年的节假日安排尚未录入，无法导出。已录入：${calendar.value.years.join('、')}年。` };
  const local = calendar.value.localRestDays.filter((d) => d.date.startsWith(`${year}-`));
  return { ok: true, value: format === 'ics' ? arrangementsToIcs([arrangement], { stamp, localRestDays: local }) : arrangementsToJson([arrangement], local) };
}
