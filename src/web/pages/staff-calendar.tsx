// 工作日历 (/staff/platform/calendar, platform administrators): the years loaded, next year's holiday
// notice pasted → recognised (domain/calendar/notice.ts) → shown for checking → saved on confirmation,
// and local rest days. The calendar is the installation's, in the database (services/calendar-store.ts):
// every process's calendar loader sees a change on its next request. Every change is written with its
// entry in the platform's audit log (one transaction).

import { Hono } from 'hono';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import { controlCharactersMessage, hasControlCharacters } from '../../domain/text-rules.ts';
import { describeArrangement, parseHolidayNotice } from '../../domain/calendar/notice.ts';
import { addLocalRestDay, loadWorkingCalendar, saveYear } from '../../services/calendar-store.ts';
import type { CalendarActor } from '../../services/calendar-store.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { recomputeDueDates } from '../../services/due-date-changes.ts';
import type { DueDateChanges } from '../../services/due-date-changes.ts';
import { requireStaff } from '../auth.ts';
import { clientIp } from '../rate-limit.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { messagePage } from '../views/message.tsx';
import { CALENDAR_FIELDS, CALENDAR_PATH, calendarPage } from '../views/staff/calendar.tsx';
import type { CalendarPageProps } from '../views/staff/calendar.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { confirmed } from '../views/staff/confirm.tsx';
import { formOf, frameOf, requirePlatformAdmin } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = { notice: '已保存节假日安排，此后的期限按新的安排计算。', rest: '已增加本地休息日。' };

async function show(c: C, extra: Partial<CalendarPageProps>, status: 200 | 422 = 200): Promise<Response> {
  const calendar = await loadWorkingCalendar(c.var.deps.db);
  if (!calendar.ok) return c.html(messagePage({ title: '工作日历无法读取', message: calendar.error, home: '/staff' }), 500);
  const doneKey = c.req.method === 'GET' ? c.req.query('done') : undefined;
  const done = doneKey !== undefined ? DONE[doneKey] : undefined;
  return c.html(
    calendarPage(frameOf(c, 'platform'), {
      csrf: c.var.csrf,
      arrangements: calendar.value.arrangements,
      localRestDays: calendar.value.localRestDays,
      nextYear: Math.max(...calendar.value.announcedYears) + 1,
      errors: [],
      values: {},
      ...(done ? { done } : {}),
      ...extra,
    }),
    status,
  );
}

/** The platform administrator changing the calendar, for its audit entry. */
const actorOf = async (c: C): Promise<CalendarActor> => ({ userId: (c.var.user as SessionUser).id, ip: await clientIp(c), now: c.var.deps.now() });

/** Every open application's due dates on the calendar before a change and on the saved one (plan-notes: due dates are recomputed at once). */
async function changesSince(c: C, before: Awaited<ReturnType<typeof loadWorkingCalendar>>): Promise<DueDateChanges | null> {
  const today = c.var.deps.now().slice(0, 10);
  const after = await loadWorkingCalendar(c.var.deps.db);
  if (!before.ok || !after.ok) return null;
  return recomputeDueDates(c.var.deps.db, after.value, { today, before: before.value });
}

export function calendarRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const platform = [requireStaff(), requirePlatformAdmin()] as const;
  const csrf = verifyCsrf();

  routes.get('/platform/calendar', ...platform, (c) => show(c, {}));

  routes.post('/platform/calendar/notice', ...platform, csrf, async (c) => {
    const form = await formOf(c);
    const text = (form['text'] ?? '').slice(0, 20_000);
    const yearText = (form['year'] ?? '').trim();
    const values = { text, year: yearText };
    const refuse = (field: string, message: string) => show(c, { values, errors: [{ field, message }] }, 422);
    if (text.trim() === '') return refuse(CALENDAR_FIELDS.notice, '请粘贴通知全文');
    if (yearText !== '' && !/^20[0-9]{2}$/.test(yearText)) return refuse(CALENDAR_FIELDS.year, '年份应为四位数字，例如 2027');
    const parsed = parseHolidayNotice(text, yearText === '' ? {} : { year: Number(yearText) });
    if (!parsed.ok) return refuse(CALENDAR_FIELDS.notice, `通知无法识别：${parsed.errors.join('；')}。请确认粘贴的是国务院办公厅关于部分节假日安排的通知全文（含标题）。`);
    const year = parsed.arrangement.year;
    const current = await loadWorkingCalendar(c.var.deps.db);
    const replaces = current.ok && current.value.arrangements.some((a) => a.year === year && !a.provisional);
    if (!confirmed(form)) {
      return show(c, { values, preview: { text, year: String(year), description: describeArrangement(parsed.arrangement), notes: parsed.notes, replaces } });
    }
    const saved = await saveYear(c.var.deps.db, parsed.arrangement, await actorOf(c));
    if (!saved.ok) return refuse(CALENDAR_FIELDS.notice, saved.error);
    const changes = await changesSince(c, current);
    return show(c, { done: DONE['notice'] as string, ...(changes ? { changes } : {}) });
  });

  routes.post('/platform/calendar/rest-day', ...platform, csrf, async (c) => {
    const form = await formOf(c);
    const date = (form['date'] ?? '').trim();
    const name = (form['name'] ?? '').trim();
    const values = { date, name };
    const errors: FieldError[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || parseIsoDate(date) === null) errors.push({ field: CALENDAR_FIELDS.restDate, message: '请填写有效的日期，例如 2027-03-08' });
    if (name === '' || name.length > 50) errors.push({ field: CALENDAR_FIELDS.restName, message: '请填写休息日的名称（最长50个字）' });
    else if (hasControlCharacters(name)) errors.push({ field: CALENDAR_FIELDS.restName, message: controlCharactersMessage('休息日的名称') });
    if (errors.length > 0) return show(c, { values, errors }, 422);
    const current = await loadWorkingCalendar(c.var.deps.db);
    const added = await addLocalRestDay(c.var.deps.db, { date, name }, await actorOf(c));
    if (!added.ok) return show(c, { values, errors: [{ field: CALENDAR_FIELDS.restDate, message: added.error }] }, 422);
    const changes = await changesSince(c, current);
    return show(c, { done: DONE['rest'] as string, ...(changes ? { changes } : {}) });
  });

  return routes;
}
