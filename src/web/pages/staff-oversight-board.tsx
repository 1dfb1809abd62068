// 政务公开监督 → the board of a year and the reminders (issue #13 item 4), under /staff/:agency/oversight/:year:
//
//   GET  …/board          every agency of the subtree: filters and order as query parameters (?status=
//                         &level=&source=&q=&sort=name|score|date|errors&dir=asc|desc), the counts on top
//   GET  …/board.xlsx     the same rows (same filters and order) as one XLSX sheet, Chinese headers
//   POST …/reminders      agency=<code> (one) or agency=* (all not published): a reminder recorded in the
//                         platform, shown on the agency's dashboard until it publishes; where e-mail is
//                         configured (config.mail) also e-mailed to each agency's contact address, after
//                         the reminders are committed; the board says what became of each e-mail
//
// Thin routes: read the query or form, call one service (the reminders' transaction writes the audit
// entries), post-redirect-get; a refusal shows the board again with its message.

import { Hono } from 'hono';
import { boardCounts, filterRows, parseBoardQuery } from '../../domain/oversight/board.ts';
import { contentDisposition } from '../../domain/uploads/file-kind.ts';
import { boardRows, boardXlsx } from '../../services/oversight/board.ts';
import { overseen } from '../../services/oversight/common.ts';
import { defaultReminderText, reminderContacts, sendReminders } from '../../services/oversight/reminders.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { boardPage, REMINDER_FIELD } from '../views/staff/oversight-board.tsx';
import { oversightBase } from '../views/staff/oversight.tsx';
import { formOf, frameOf, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';
import { oversightActor, yearOf } from './staff-oversight.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The counts the redirect after a reminder carries (?sent=&mailed=&failed=&noaddr=), as one sentence. */
function doneText(c: C): string | undefined {
  const n = (k: string) => {
    const v = Number(c.req.query(k) ?? '');
    return Number.isInteger(v) && v > 0 && v < 100_000 ? v : 0;
  };
  const sent = n('sent');
  if (c.req.method !== 'GET' || sent === 0) return undefined;
  const [mailed, failed, noaddr] = [n('mailed'), n('failed'), n('noaddr')];
  const mail = [mailed ? `已发出邮件${mailed}封` : '', failed ? `${failed}封邮件未发出（原因见下表“催报”列）` : '', noaddr ? `${noaddr}个机关没有联系邮箱，只在平台内催报` : ''].filter(Boolean).join('；');
  return `已向${sent}个机关催报（记录在本平台，被催报的机关在工作台首页看到）。${mail ? `${mail}。` : ''}`;
}

async function showBoard(c: C, year: number, errors: FieldError[] = [], status: 200 | 404 | 409 | 422 = 200, text?: string): Promise<Response> {
  const office = c.var.agency;
  const [all, contacts] = await Promise.all([boardRows(c.var.deps.db, office.id, year, today(c)), reminderContacts(c.var.deps.db, office.id, year)]);
  const query = parseBoardQuery(c.req.method === 'GET' ? c.req.query() : {});
  const done = doneText(c);
  const mail = c.var.deps.config.mail;
  return c.html(
    boardPage(frameOf(c, 'oversight'), {
      year,
      query,
      counts: boardCounts(all),
      total: all.length,
      rows: filterRows(all, query),
      levels: [...new Set(all.map((r) => r.level))],
      reminderText: text ?? defaultReminderText(year, office.name),
      contacts,
      recipients: all.filter((r) => r.source === 'none').map((r) => ({ name: r.name, email: contacts.get(r.code)?.email ?? null })),
      mailFrom: mail ? (mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address) : null,
      csrf: c.var.csrf,
      errors,
      done,
    }),
    status,
  );
}

export function oversightBoardRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const oversee = requireAgency('oversee');
  const csrf = verifyCsrf();

  routes.get('/:agency/oversight/:year/board', oversee, (c) => {
    const year = yearOf(c);
    return year === null ? notFound(c) : showBoard(c, year);
  });

  routes.get('/:agency/oversight/:year/board.xlsx', oversee, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const office = c.var.agency;
    const rows = filterRows(await boardRows(c.var.deps.db, office.id, year, today(c)), parseBoardQuery(c.req.query()));
    const bytes = await boardXlsx(rows, `${year}年度`);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX,
      'Content-Disposition': contentDisposition(`${office.name}${year}年度报告看板.xlsx`),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  routes.post('/:agency/oversight/:year/reminders', oversee, csrf, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const form = await formOf(c);
    const office = c.var.agency;
    const code = (form['agency'] ?? '').slice(0, 64);
    const text = (form['text'] ?? defaultReminderText(year, office.name)).slice(0, 5000);
    let ids: number[] | null = null;
    if (code !== '*') {
      const agency = (await overseen(c.var.deps.db, office.id)).find((a) => a.code === code);
      if (!agency) return showBoard(c, year, [{ field: REMINDER_FIELD, message: '请选择本机关的下级机关催报。' }], 422, text);
      ids = [agency.id];
    }
    const r = await sendReminders(c.var.deps.db, office.id, year, ids, text, await oversightActor(c), { mail: c.var.deps.config.mail, clock: c.var.deps.now });
    if (!r.ok) return showBoard(c, year, [{ field: REMINDER_FIELD, message: r.error.message }], r.error.code === 'ALREADY_PUBLISHED' || r.error.code === 'NOTHING_TO_REMIND' ? 409 : 422, text);
    const count = (status: string) => r.value.sent.filter((s) => s.email === status).length;
    const mailCounts = c.var.deps.config.mail ? `&mailed=${count('sent')}&failed=${count('failed')}&noaddr=${count('no_address')}` : '';
    return c.redirect(`${oversightBase(office.code, year)}/board?sent=${r.value.sent.length}${mailCounts}`, 303);
  });

  return routes;
}
