// The calendar a server uses (workingCalendarLoader): built once, reused while calendar.json is
// unchanged, built again after a change made here or by another process (the file is replaced).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { parseIsoDate } from '../../src/domain/calendar/dates.ts';
import { addLocalRestDay, workingCalendarLoader } from '../../src/services/calendar-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config: Config = { dataDir: dir, databaseUrl: undefined, port: 3000, secureCookies: false };
const day = (iso: string) => parseIsoDate(iso) as number;

describe('workingCalendarLoader', () => {
  it('reuses the calendar until calendar.json changes', async () => {
    const load = workingCalendarLoader(config);
    const first = await load();
    if (!first.ok) throw new Error(first.error);
    const again = await load();
    expect(again.ok && again.value).toBe(first.value); // the same object: not built again
    expect(first.value.isWorkingDay(day('2025-06-03'))).toEqual({ ok: true, value: true });

    // a rest day added here (the file is replaced): seen at once
    expect((await addLocalRestDay(config, { date: '2025-06-03', name: '本地休息日' })).ok).toBe(true);
    const changed = await load();
    if (!changed.ok) throw new Error(changed.error);
    expect(changed.value).not.toBe(first.value);
    expect(changed.value.isWorkingDay(day('2025-06-03'))).toEqual({ ok: true, value: false });
    expect((await load()).ok && (await load())).toMatchObject({ value: changed.value });

    // written by another process: a corrupt file is reported, not cached; removed: the national calendar again
    writeFileSync(join(dir, 'calendar.json'), '{ not json');
    const corrupt = await load();
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) expect(corrupt.error).toContain('已损坏');
    rmSync(join(dir, 'calendar.json'));
    const national = await load();
    expect(national.ok && national.value.isWorkingDay(day('2025-06-03'))).toEqual({ ok: true, value: true });
  });
});
