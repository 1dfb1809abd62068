// The staff workspace (工作平台), every page under /staff/:agency (the agency's code): the dashboard of
// clocks, the application list, registration, the application with its timeline, clocks, documents and
// one form per allowed step, the documents, the annual report's table 三 with its drill-down, users and
// the audit log. Thin routes: parse the form (zod), call one service, present; forms post-redirect-get;
// refusals re-render the form with the service's Chinese message.
//
// Access: requireAgency (auth.ts) answers 404 for an agency the user may not see and 403 for an action
// their role does not allow — a 监督 (supervisor) reads only. Every application, document and cell is
// looked up within the URL's agency, so another agency's id is "not found".

import { Hono } from 'hono';
import { eventForm } from '../../domain/applications/inputs.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import { z } from 'zod';
import { EVENT_LABELS, EVENT_TYPES } from '../../domain/applications/transitions.ts';
import type { EventInput } from '../../domain/applications/transitions.ts';
import { OUTCOMES } from '../../domain/applications/types.ts';
import type { EventType, Outcome } from '../../domain/applications/types.ts';
import { checkAll, checkPair } from '../../domain/report/checks.ts';
import type { Finding } from '../../domain/report/types.ts';
import { APPLICATION_ROWS, applicationRows } from '../../domain/report/layout.ts';
import { formatOfYear } from '../../domain/report/model.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { maskedApplication } from '../../domain/applications/masking.ts';
import { viewApplication } from '../../services/application-view.ts';
import { handlerChoices } from '../../services/application-choices.ts';
import { recordEvent } from '../../services/applications.ts';
import { list as auditList } from '../../services/audit.ts';
import { agencyDashboard } from '../../services/agency-dashboard.ts';
import { publicationDue } from '../../services/catalogue/due-clock.ts';
import { reportDue as reportDueOf } from '../../services/report-due.ts';
import { mayViewIdentity, personalDataPanel } from '../../services/personal-data.ts';
import { scansOf } from '../../services/application-scans.ts';
import { ApplicationScans } from '../views/staff/application-scans.tsx';
import { computeAnnualReport } from '../../services/report-compute.ts';
import { cellApplications } from '../../services/table-three.ts';
import { requireAgency, requireStaff } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { agenciesPage } from '../views/staff/agency-chooser.tsx';
import { auditPage } from '../views/staff/audit-log.tsx';
import { applicationPage } from '../views/staff/application.tsx';
import type { FailedAction } from '../views/staff/application.tsx';
import { dashboardPage } from '../views/staff/dashboard.tsx';
import { openReminders } from '../../services/oversight/reminders.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { cellPage, reportPage } from '../views/staff/report.tsx';
import { SignInThrottle } from '../../services/accounts.ts';
import { listRoutes } from './staff-list.tsx';
import { intakeRoutes } from './staff-intake.tsx';
import { loginRoutes } from './login.tsx';
import { accountRoutes } from './staff-account.tsx';
import { publishRoutes } from './staff-reports.tsx';
import { registerRoutes } from './staff-register.tsx';
import { reportFactsRoutes } from './staff-report-facts.tsx';
import { reportSignoffRoutes } from './staff-report-signoff.tsx';
import { recordsRoutes } from './staff-records.tsx';
import { tableTwo } from '../../services/catalogue/register.ts';
import { settingsRoutes } from './staff-settings.tsx';
import { siteRoutes } from './staff-site.tsx';
import { platformChooser, platformRoutes } from './staff-platform.tsx';
import { platformTreeRoutes } from './staff-platform-tree.tsx';
import { agencyUsersRoutes } from './staff-users.tsx';
import { oversightRoutes } from './staff-oversight.tsx';
import { calendarRoutes } from './staff-calendar.tsx';
import { limitsRoutes } from './staff-limits.tsx';
import { catalogueItemRoutes } from './staff-catalogue-item.tsx';
import { reviewRoutes } from './staff-review.tsx';
import { catalogueEditorRoutes } from './staff-catalogue.tsx';
import { catalogueSearchRoutes } from './staff-catalogue-search.tsx';
import { noticeRoutes } from './staff-notices.tsx';
import { personalRoutes } from './staff-personal.tsx';
import { queryPasswordRoutes } from './staff-query-password.tsx';
import { correctionRoutes } from './staff-corrections.tsx';
import { deliveryRoutes } from './staff-deliveries.tsx';
import type { FailedDelivery } from '../views/staff/application-deliveries.tsx';
import { amendmentRoutes } from './staff-amendments.tsx';
import { withheldRoutes } from './staff-withheld.tsx';
import { mayBecomeProactive, proactiveItemsOf } from '../../services/proactive.ts';
import { complaintStaffRoutes } from './staff-complaints.tsx';
import { actorWithCalendar, badQuery, badRequest, fieldError, forbidden, formOf, frameOf, idParam, mayAudit, notFound, reportYearOf, str, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';
import { archiveRetentionYears } from '../../services/case-readonly.ts';

// ---------------------------------------------------------------------------------------------
// Forms (zod: the shape of what a browser sends; the services check the meaning)

/** The fields of a step's form, all empty: what the browser leaves out is '' (the form's schema: domain/applications/inputs.ts). */
const NO_EVENT_VALUES = { occurredOn: '', outcome: '', legalBasis: '', workingDays: '', party: '', partyName: '', letterReceivedOn: '', delivery: '', noticeReceivedOn: '', handler: '', note: '' };

const cursor = z.string().max(400).regex(/^[A-Za-z0-9_-]*$/).optional();
const cellQuery = z.object({ row: z.string().max(40), column: z.coerce.number().int().min(0).max(6), after: cursor, before: cursor });

/**
 * Next year, when its holiday arrangement is not loaded and this year's last quarter has begun: the
 * longest clock (20 + 20 working days, plus pauses) then reaches into it.
 */
export function missingCalendarYear(years: readonly number[], day: string): number | null {
  const year = Number(day.slice(0, 4));
  return day.slice(5) >= '10-01' && !years.includes(year + 1) ? year + 1 : null;
}

// ---------------------------------------------------------------------------------------------
// Routes

export function staffRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // sign-in and sign-out first: /staff/login must never reach the agency routes below; the change of
  // password shares the sign-in throttle (services/accounts/throttle.ts)
  const throttle = new SignInThrottle();
  routes.route('/', loginRoutes(throttle));
  routes.route('/', accountRoutes(throttle));
  routes.route('/', platformRoutes()); // before /:agency: /staff/platform is not an agency
  routes.route('/', agencyUsersRoutes());
  routes.route('/', platformTreeRoutes());
  routes.route('/', oversightRoutes()); // /:agency/oversight…, and the oversight-only member's /:agency
  routes.route('/', calendarRoutes());
  routes.route('/', limitsRoutes()); // 访问限制 (平台管理)
  // the catalogue (issue #11): its fixed paths (search, 待我审核 and the chain, the list, editor, attachments,
  // settings and import/export) before /:agency/catalogue/:id, one item and its workflow
  routes.route('/', catalogueSearchRoutes());
  routes.route('/', reviewRoutes());
  routes.route('/', catalogueEditorRoutes());
  routes.route('/', catalogueItemRoutes());

  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const admin = requireAgency('admin');
  const csrf = verifyCsrf();

  // --- the user's agencies
  routes.get('/', requireStaff(), (c) => {
    const user = c.var.user as SessionUser;
    // a platform administrator sees every agency and the way to 平台管理 (never sent straight on)
    if (user.platformAdmin) return platformChooser(c);
    const byAgency = new Map<string, { code: string; name: string; roles: string[] }>();
    for (const m of user.memberships) {
      const a = byAgency.get(m.agencyCode) ?? { code: m.agencyCode, name: m.agencyName, roles: [] };
      a.roles.push(m.role);
      byAgency.set(m.agencyCode, a);
    }
    const agencies = [...byAgency.values()];
    const only = agencies[0];
    if (agencies.length === 1 && only) return c.redirect(staffBase(only.code), 303);
    return c.html(agenciesPage(frameOf(c, 'agencies'), agencies));
  });

  // --- dashboard
  routes.get('/:agency', read, async (c) => {
    const { db, calendar } = c.var.deps;
    const working = await calendar();
    const dashboard = await agencyDashboard(db, c.var.agency.id, { calendar: working, today: today(c) });
    const publication = await publicationDue(db, c.var.agency.id, { calendar: working, today: today(c) });
    const reportDue = await reportDueOf(db, c.var.agency.id, { calendar: working, today: today(c) });
    const reminders = await openReminders(db, c.var.agency.id);
    return c.html(dashboardPage(frameOf(c, 'dashboard'), dashboard, { missingYear: missingCalendarYear(working.announcedYears, today(c)), publication, reportDue, reminders }));
  });

  // --- the list and its export
  routes.route('/', listRoutes());

  // --- registration (with the scan of a paper application), and the scan
  routes.route('/', intakeRoutes());

  // --- 更正申请 (条例第四十一条): their own register, list, decision and notice
  routes.route('/', amendmentRoutes());
  routes.route('/', withheldRoutes());

  // --- 投诉、举报 received as the office above (条例第五十一条)
  routes.route('/', complaintStaffRoutes());

  // --- one application
  const showApplication = async (c: C, extra: { failed?: FailedAction; deliveryFailed?: FailedDelivery; status?: number } = {}): Promise<Response> => {
    const { db, calendar } = c.var.deps;
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const agency = c.var.agency;
    const view = await viewApplication(db, agency.id, { id }, { calendar: await calendar(), today: today(c) });
    if (!view.ok) return notFound(c);
    const user = c.var.user as SessionUser;
    const doneKey = c.req.query('done') ?? '';
    const done =
      doneKey === 'document'
        ? '文书已生成，可在“文书”中查看和下载。'
        : doneKey === 'register'
          ? '申请已登记。'
          : doneKey === 'delivery'
            ? '已登记送达。'
          : doneKey in EVENT_LABELS
            ? `已记录“${EVENT_LABELS[doneKey as EventType]}”。`
            : undefined;
    const html = applicationPage(frameOf(c, 'applications'), {
      // the ID number masked for everyone here; whole only through the audited reveal (staff-personal.tsx)
      view: { ...view.value, application: maskedApplication(view.value.application) },
      personal: await personalDataPanel(db, agency.id, view.value.application, user),
      ...(view.value.application.state === 'archived' ? { retentionYears: await archiveRetentionYears(db, agency.id) } : {}),
      csrf: c.var.csrf,
      today: today(c),
      may: { handle: can(user, agency.id, 'handle'), approve: can(user, agency.id, 'approve') },
      handlers: can(user, agency.id, 'handle') ? await handlerChoices(db, agency.id) : [],
      proactive: { may: mayBecomeProactive(view.value.application), items: await proactiveItemsOf(db, id) },
      scans: (
        <ApplicationScans
          base={staffBase(agency.code)}
          applicationId={id}
          channel={view.value.application.channel}
          scans={await scansOf(db, agency.id, id)}
          mayView={mayViewIdentity(user, agency.id, view.value.application)}
        />
      ),
      ...(extra.failed ? { failed: extra.failed } : extra.deliveryFailed ? { deliveryFailed: extra.deliveryFailed } : done && c.req.method === 'GET' ? { done } : {}),
    });
    return c.html(html, (extra.status ?? 200) as 200);
  };

  routes.get('/:agency/applications/:id', read, (c) => showApplication(c));

  routes.post('/:agency/applications/:id/events', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const parsed = eventForm.safeParse(form);
    const type = EVENT_TYPES.find((t) => t === form['type']);
    if (type === undefined || type === 'register') return badRequest(c);
    if (!parsed.success) {
      const refusal = inputRefusal(parsed.error);
      const typed = Object.fromEntries(Object.keys(NO_EVENT_VALUES).map((k) => [k, str(form[k]).slice(0, 1000)]));
      return showApplication(c, { failed: { type, values: typed, errors: [{ field: refusal.field, message: refusal.message }] }, status: refusal.status });
    }
    const f = { ...NO_EVENT_VALUES, ...parsed.data };
    const user = c.var.user as SessionUser;
    const agency = c.var.agency;
    if (f.type === 'approve_extension' && !can(user, agency.id, 'approve')) return forbidden(c);
    const values: Record<string, string> = {
      occurredOn: f.occurredOn,
      outcome: f.outcome,
      legalBasis: f.legalBasis,
      workingDays: f.workingDays,
      party: f.party,
      partyName: f.partyName,
      letterReceivedOn: f.letterReceivedOn,
      delivery: f.delivery,
      noticeReceivedOn: f.noticeReceivedOn,
      handler: f.handler,
      note: f.note,
    };
    const refuse = (error: FieldError, status: number) => showApplication(c, { failed: { type: f.type, values, errors: [error] }, status });
    if (f.outcome !== '' && !(f.outcome in OUTCOMES)) return refuse({ field: 'outcome', message: '答复结果无效，请重新选择。' }, 422);
    const days = f.workingDays.trim();
    if ((f.type === 'approve_extension' || f.type === 'request_correction') && days !== '' && !/^-?[0-9]+$/.test(days)) return refuse({ field: 'workingDays', message: '请填写工作日数（整数）。' }, 422);
    const event: EventInput = {
      type: f.type,
      occurredOn: f.occurredOn.trim(),
      ...(f.outcome !== '' ? { outcome: f.outcome as Outcome } : {}),
      ...(f.legalBasis.trim() !== '' ? { legalBasis: f.legalBasis.trim() } : {}),
      ...((f.type === 'approve_extension' || f.type === 'request_correction') && days !== '' ? { workingDays: Number(days) } : {}),
      ...(f.party === 'third_party' || f.party === 'other_agency' ? { party: f.party } : {}),
      ...(f.partyName.trim() !== '' ? { partyName: f.partyName } : {}),
      ...(f.letterReceivedOn.trim() !== '' ? { letterReceivedOn: f.letterReceivedOn.trim() } : {}),
      ...(f.delivery === 'in_person' || f.delivery === 'post' || f.delivery === 'electronic' ? { delivery: f.delivery } : {}),
      ...(f.noticeReceivedOn.trim() !== '' ? { noticeReceivedOn: f.noticeReceivedOn.trim() } : {}),
      ...(f.type === 'assign' ? { handler: f.handler } : {}),
      ...(f.note.trim() !== '' ? { note: f.note } : {}),
    };
    const r = await recordEvent(c.var.deps.db, agency.id, id, event, await actorWithCalendar(c)); // audited in its transaction
    if (!r.ok) {
      if (statusOf(r.error) === 404) return notFound(c);
      return refuse(fieldError(r.error, 'occurredOn'), statusOf(r.error));
    }
    return c.redirect(`${staffBase(agency.code)}/applications/${id}?done=${f.type}#timeline`, 303);
  });

  // --- documents (制作文书: a notice with its step, or for a step recorded without one)
  routes.route('/', noticeRoutes());
  routes.route('/', deliveryRoutes(showApplication)); // 登记送达 of a notice (issue #17)
  // --- the applicant's ID number and identity proof, the ledger export (by need, audited)
  routes.route('/', personalRoutes());
  routes.route('/', queryPasswordRoutes()); // 重置查询密码 of an online application
  routes.route('/', correctionRoutes()); // the file of an online 补正 (issue #14)

  // --- the annual report: table 三, its checks, and a cell's applications
  routes.get('/:agency/report', read, (c) => {
    const y = c.req.query('year');
    if (y !== undefined && y !== '' && !/^[0-9]{4}$/.test(y)) return badQuery(c, '年度应为四位数年份，例如 2024');
    const year = y ? Number(y) : reportYearOf(today(c));
    return c.redirect(`${staffBase(c.var.agency.code)}/report/${year}`, 303);
  });

  routes.get('/:agency/report/:year', read, async (c) => {
    const year = Number(c.req.param('year'));
    const maxYear = Number(today(c).slice(0, 4));
    if (!/^[0-9]{4}$/.test(c.req.param('year')) || year < 2008 || year > maxYear) return notFound(c);
    const { db } = c.var.deps;
    const computed = await computeAnnualReport(db, c.var.agency.code, year);
    if (!computed.ok) return statusOf(computed.error) === 404 ? notFound(c) : badRequest(c, computed.error.message);
    const previous = year > 2008 ? await computeAnnualReport(db, c.var.agency.code, year - 1) : null;
    const aboutTableThree = (f: Finding) => f.cells.some((cell) => cell.path.startsWith('applications.'));
    const findings = [...checkAll(computed.value), ...(previous?.ok ? checkPair(previous.value, computed.value) : [])].filter(aboutTableThree);
    const two = await tableTwo(db, c.var.agency.id, year);
    return c.html(reportPage(frameOf(c, 'report'), { year, report: computed.value, findings, maxYear, today: today(c), two }));
  });

  routes.get('/:agency/report/:year/cell', read, async (c) => {
    const year = Number(c.req.param('year'));
    if (!/^[0-9]{4}$/.test(c.req.param('year')) || year < 2008) return notFound(c);
    const q = cellQuery.safeParse(c.req.query());
    if (!q.success) {
      const field = String(q.error.issues[0]?.path[0] ?? '');
      return field === 'after' || field === 'before' ? badQuery(c, `${field} 不是有效的翻页位置`) : notFound(c);
    }
    // the row as its year's format labels it (2019, 2020: one （六）其他处理 row)
    const spec = applicationRows(formatOfYear(year)).find((s) => s.key === q.data.row) ?? APPLICATION_ROWS.find((s) => s.key === q.data.row);
    if (!spec) return notFound(c);
    const page = await cellApplications(c.var.deps.db, c.var.agency.id, year, spec.key, q.data.column, { after: q.data.after ?? null, before: q.data.before ?? null });
    if (page === null) return notFound(c);
    return c.html(cellPage(frameOf(c, 'report'), { year, spec, column: q.data.column, page }));
  });
  routes.route('/', publishRoutes());
  routes.route('/', registerRoutes()); // 规范性文件登记, table 二 (一), 清理
  routes.route('/', reportSignoffRoutes()); // the draft submitted, reviewed, signed off, published, corrected
  routes.route('/', reportFactsRoutes()); // 年报素材 and the draft of 一、五、六
  routes.route('/', recordsRoutes()); // 年报数据: the counts of table 二 (五)(六)(八), the cases of table 四 (issue #12)

  // --- 栏目与设置 (管理员)
  routes.route('/', settingsRoutes());
  routes.route('/', siteRoutes());

  // --- the audit log
  routes.get('/:agency/audit', read, async (c) => {
    if (!mayAudit(c.var.user as SessionUser, c.var.agency.id)) return forbidden(c);
    const before = idParam(c.req.query('before'));
    if (before === null && c.req.query('before') !== undefined) return badQuery(c, 'before 应为审计记录的编号（正整数）');
    const limit = 100;
    const entries = await auditList(c.var.deps.db, c.var.agency.id, { limit, ...(before !== null ? { before } : {}) });
    const last = entries[entries.length - 1];
    return c.html(auditPage(frameOf(c, 'audit'), { entries, next: entries.length === limit && last ? last.id : null }));
  });

  return routes;
}
