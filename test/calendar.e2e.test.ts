// `gongkai calendar` as a user runs it, with its own data folder: once a real process through
// bin/gongkai.mjs (standard input piped, not a terminal: a notice is not saved without --yes, exit 1,
// and the database is not even opened), the other runs in this process (support/cli-inprocess.ts),
// printing the same, on a database of its own (the calendar lives in the database: working_calendar).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, gongkai as spawnGongkai } from './support/cli.ts';
import { closeInProcess, gongkaiInProcess } from './support/cli-inprocess.ts';
import { useDatabase } from './support/db.ts';

const DATA = mkdtempSync(join(tmpdir(), 'gongkai-calendar-'));
afterAll(async () => {
  await closeInProcess();
  rmSync(DATA, { recursive: true, force: true });
});
const INVENTED_2027 = join(ROOT, 'test/fixtures/calendar/invented-2027-notice.txt');

describe('gongkai calendar', () => {
  const t = useDatabase('pglite');
  const gongkai = (...args: string[]) => gongkaiInProcess(args, { dataDir: DATA, database: () => t.database });

  it('add: the n-th working day after a date, explained', async () => {
    const { code, stdout } = await gongkai('calendar', 'add', '2024-09-27', '3', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { date: string; explain: { text: string }[] };
    expect(out.date).toBe('2024-10-08');
    expect(out.explain.map((e) => e.text).join('\n')).toContain('调休上班（国庆节）');
    const plain = await gongkai('calendar', 'add', '2026-02-13', '2', '--explain');
    expect(plain.stdout.split('\n')[0]).toBe('2026-02-24');
    expect(plain.stdout).toContain('春节放假，不计');
  });

  it('check: working day or not, and why', async () => {
    expect((await gongkai('calendar', 'check', '2024-02-09')).stdout).toContain('是工作日');
    const json = JSON.parse((await gongkai('calendar', 'check', '2020-02-01', '--json')).stdout);
    expect(json).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
  });

  it('refuses a bad date and an unloaded year in Chinese, exit 2', async () => {
    const bad = await gongkai('calendar', 'check', '2025-02-29');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('日期“2025-02-29”无效');
    // the year after the last announced one is estimated (暂定); further still fails, naming the year
    const provisional = await gongkai('calendar', 'add', '2026-12-20', '20', '--json');
    expect(provisional.code).toBe(0);
    expect(provisional.stdout).toMatch(/^\{\s*"date": "2027-01-18",\s*"provisional": true,/);
    expect(JSON.parse(provisional.stdout)).toMatchObject({ date: '2027-01-18', provisional: true, provisionalYears: [2027], earliest: '2027-01-14' });
    expect((await gongkai('calendar', 'add', '2026-12-20', '20')).stdout).toContain('2027-01-18（暂定');
    const beyond = await gongkai('calendar', 'add', '2026-12-20', '400');
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toContain('2028年的节假日安排尚未公布或尚未录入');
    const years = await gongkai('calendar', 'years');
    expect(years.stdout).toContain('2027年：暂定');
  });

  it('import-notice shows the arrangement, saves only when confirmed, and then computes into the new year', async () => {
    const unconfirmed = await spawnGongkai(['calendar', 'import-notice', INVENTED_2027], { dataDir: DATA });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain('春节：2027年2月5日（周五）至2月12日（周五）放假，共8天');
    expect(unconfirmed.stderr).toContain('未保存');
    expect(JSON.parse((await gongkai('calendar', 'add', '2026-12-20', '20', '--json')).stdout)).toMatchObject({ provisional: true });
    const saved = await gongkai('calendar', 'import-notice', INVENTED_2027, '--yes');
    expect(saved.code).toBe(0);
    const after = await gongkai('calendar', 'add', '2026-12-20', '20');
    expect(after.stdout.trim()).toBe('2027-01-18');
    expect(JSON.parse((await gongkai('calendar', 'add', '2026-12-20', '20', '--json')).stdout)).toMatchObject({ date: '2027-01-18', provisional: false });
    // 2028 is now the year estimated
    expect(JSON.parse((await gongkai('calendar', 'add', '2027-12-20', '20', '--json')).stdout)).toMatchObject({ provisional: true, provisionalYears: [2028] });
  });

  it('a notice whose weekdays do not match its dates is refused', async () => {
    const wrong = join(DATA, 'wrong.txt');
    writeFileSync(wrong, readFileSync(INVENTED_2027, 'utf8').replace('1月1日（周五）', '1月1日（周四）'));
    const r = await gongkai('calendar', 'import-notice', wrong, '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('通知无法识别');
  });

  it('export and import as JSON and iCalendar; local rest days', async () => {
    const ics = await gongkai('calendar', 'export', '--year', '2026', '--format', 'ics');
    expect(ics.code).toBe(0);
    expect(ics.stdout).toContain('BEGIN:VCALENDAR');
    expect(ics.stdout).toContain('DTSTART;VALUE=DATE:20260215');
    const json = await gongkai('calendar', 'export', '--year', '2026', '--format', 'json');
    expect(JSON.parse(json.stdout).years[0].year).toBe(2026);
    expect((await gongkai('calendar', 'add-rest-day', '2026-03-09', '本地休息日')).code).toBe(0);
    expect((await gongkai('calendar', 'check', '2026-03-09')).stdout).toContain('本地休息日');
    const file = join(DATA, 'cal.ics');
    writeFileSync(file, ics.stdout);
    expect((await gongkai('calendar', 'import', file)).code).toBe(0);
    expect((await gongkai('calendar', 'export', '--year', '2031')).stderr).toContain('2031年的节假日安排尚未录入');
    // every change by the command line is in the platform's audit log
    const audit = await t.db.selectFrom('auditLog').select(['action', 'userId', 'detail']).where('action', 'like', 'calendar.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['calendar.year', 'calendar.rest_day', 'calendar.import']);
    expect(audit.every((a) => a.userId === null && a.detail['via'] === 'cli')).toBe(true);
  });
});
