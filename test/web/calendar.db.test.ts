// 工作日历 through HTTP: a platform administrator pastes next year's holiday notice, checks what was
// recognised and saves it — the clocks use it at once; local rest days; refusals; nobody else sees the
// page; and the dashboard warns in the last quarter while next year is missing — on one engine (support/db.ts webEngines). The
// calendar is the database's (working_calendar): the app's loader reads it as the server's does.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Config } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { parseIsoDate } from '../../src/domain/calendar/dates.ts';
import { createUser, startSession } from '../../src/services/accounts.ts';
import { loadWorkingCalendar, workingCalendarLoader } from '../../src/services/calendar-store.ts';
import { createApp } from '../../src/web/app.ts';
import type { WebDeps } from '../../src/web/context.ts';
import { missingCalendarYear } from '../../src/web/pages/staff.tsx';
import { webEngines, useDatabase } from '../support/db.ts';
import { get, post, world } from './staff-support.ts';
import type { Staff } from './staff-support.ts';

const NOTICE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'calendar', 'invented-2027-notice.txt'), 'utf8');

/** The app with the database's calendar (as the server loads it), on the given day. */
function appOn(db: Kysely<DB>, day: string) {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false };
  const load = workingCalendarLoader(db);
  const deps: WebDeps = {
    config,
    db,
    calendar: async () => {
      const c = await load();
      if (!c.ok) throw new Error(c.error);
      return c.value;
    },
    now: () => `${day}T10:00:00.000+08:00`,
    secureCookies: false,
  };
  return { app: createApp(deps) };
}

const AT = '2026-11-25T10:00:00+08:00';

/** world()'s sessions began in 2024: the same users signed in again on the app's day. */
async function signedIn(db: Kysely<DB>, who: Staff): Promise<Staff> {
  const s = await startSession(db, who.id, AT);
  return { id: who.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

describe('missingCalendarYear', () => {
  it('names next year from October on, while it is not loaded', () => {
    expect(missingCalendarYear([2025, 2026], '2026-09-30')).toBeNull();
    expect(missingCalendarYear([2025, 2026], '2026-10-01')).toBe(2027);
    expect(missingCalendarYear([2025, 2026, 2027], '2026-12-31')).toBeNull();
  });
});

describe.each(webEngines())('工作日历 on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  it('a platform administrator pastes next year’s notice, checks it and saves it; the dashboard stops warning', async () => {
    n += 1;
    const w = await world(t.db, `cal${n}`);
    const admin = await signedIn(t.db, w.admin);
    const { app } = appOn(t.db, '2026-11-25');
    const user = await createUser(t.db, { username: `platcal${n}`, displayName: '平台管理员', password: 'correct horse battery', platformAdmin: true }, AT);
    if (!user.ok) throw new Error(user.error.message);
    const s = await startSession(t.db, user.value.id, AT);
    const platform = { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };

    // the dashboard warns (and links the platform administrator to the page)
    const before = await (await get(app, admin, `/staff/${w.a.code}`)).text();
    expect(before).toContain('2027年的节假日安排尚未录入');
    expect(before).not.toContain('现在录入');
    const page = await (await get(app, platform, '/staff/platform/calendar')).text();
    expect(page).toContain('2027年');
    expect(page).toContain('尚未录入。');

    // refused: nothing pasted, a text that is not a notice, a bad year
    expect((await post(app, platform, '/staff/platform/calendar/notice', { text: '' })).status).toBe(422);
    const notNotice = await post(app, platform, '/staff/platform/calendar/notice', { text: '关于召开会议的通知\n请准时参加。' });
    expect(notNotice.status).toBe(422);
    expect(await notNotice.text()).toContain('通知无法识别');
    expect((await post(app, platform, '/staff/platform/calendar/notice', { text: NOTICE, year: '27' })).status).toBe(422);

    // recognised and shown, not saved
    const preview = await post(app, platform, '/staff/platform/calendar/notice', { text: NOTICE });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('请核对识别出的2027年节假日安排');
    expect(previewHtml).toContain('name="confirm" value="1"');
    expect((await loadWorkingCalendar(t.db)).ok && (await loadWorkingCalendar(t.db))).toMatchObject({ value: { announcedYears: expect.not.arrayContaining([2027]) } });

    // confirmed: saved, the clocks use it, audited
    const saved = await post(app, platform, '/staff/platform/calendar/notice', { text: NOTICE, confirm: '1' });
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toContain('已保存节假日安排');
    expect(savedHtml).toMatch(/已按新的日历重新计算全部\d+件办理中申请的期限/);
    const cal = await loadWorkingCalendar(t.db);
    if (!cal.ok) throw new Error(cal.error);
    expect(cal.value.announcedYears).toContain(2027);
    expect(cal.value.isWorkingDay(parseIsoDate('2027-01-01') as number)).toEqual({ ok: true, value: false });
    expect(await (await get(app, admin, `/staff/${w.a.code}`)).text()).not.toContain('2027年的节假日安排尚未录入');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target', 'agencyId', 'userId', 'detail']).where('action', 'like', 'calendar.%').execute();
    expect(audit).toContainEqual({ action: 'calendar.year', target: 'calendar:2027', agencyId: null, userId: user.value.id, detail: { year: 2027, replaced: false, holidays: expect.any(Number), makeUpDays: expect.any(Number) } });

    // a local rest day
    expect((await post(app, platform, '/staff/platform/calendar/rest-day', { date: '2027-13-01', name: '某日' })).status).toBe(422);
    expect((await post(app, platform, '/staff/platform/calendar/rest-day', { date: '2027-03-08', name: '本地纪念日' })).status).toBe(200);
    const withRest = await loadWorkingCalendar(t.db);
    expect(withRest.ok && withRest.value.isWorkingDay(parseIsoDate('2027-03-08') as number)).toEqual({ ok: true, value: false });
  });

  it('is for platform administrators only, with the CSRF token', async () => {
    n += 1;
    const w = await world(t.db, `cal${n}`);
    const { app } = appOn(t.db, '2026-11-25');
    const stored = () => t.db.selectFrom('workingCalendar').selectAll().executeTakeFirst();
    const before = await stored();
    for (const who of [await signedIn(t.db, w.admin), await signedIn(t.db, w.handler)]) {
      expect((await get(app, who, '/staff/platform/calendar')).status).toBe(404);
      expect((await post(app, who, '/staff/platform/calendar/notice', { text: NOTICE, confirm: '1' })).status).toBe(404);
    }
    expect((await app.request('/staff/platform/calendar')).status).toBe(303); // to the login page
    expect(await stored()).toEqual(before); // nothing written
  });
});
