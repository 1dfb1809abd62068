// 已发布的年度报告 in the staff workspace, under /staff/:agency/published: the list of the agency's
// published annual reports with links to the public column, the upload form that checks and publishes
// a report (or corrects the one published) — with a checkbox acknowledging its warnings and the
// written explanation of a disagreement with a neighbouring year's report — and withdrawal. A refusal
// lists every finding behind it. Publishing is a sign-off: the forms and
// the POST routes are for the roles that may 'approve' (管理员、科室负责人、分管领导, and a platform
// administrator); every member of the agency sees the list. Forms post-redirect-get; a refusal
// re-renders the form with the service's Chinese message. The service writes the audit entry in the
// transaction of the change and touches the public column's cache after it commits.

import { Hono } from 'hono';
import { controlCharactersMessage, hasControlCharacters } from '../../domain/text-rules.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { publishedReport, publishedReports } from '../../services/column.ts';
import {
  publishReport,
  REPORT_ALREADY_PUBLISHED,
  REPORT_CHANGE_NOTE_MISSING,
  REPORT_CROSS_YEAR_UNEXPLAINED,
  REPORT_WARNINGS_NOT_ACKNOWLEDGED,
  reviewPublished,
  withdrawReport,
} from '../../services/report-publish.ts';
import { reportFromFile } from '../../services/report-files.ts';
import type { PublishRefusal } from '../../services/report-publish.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { publishedPage } from '../views/staff/published.tsx';
import type { PublishedPageProps } from '../views/staff/published.tsx';
import { formOf, frameOf, notFound, reportYearOf, str, today } from './staff-common.tsx';
import { confirmed, confirmPage } from '../views/staff/confirm.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, (year: number) => string> = {
  published: (year) => `已发布${year}年度的年度报告，公众现在可以在公开专栏查看。`,
  replaced: (year) => `已更正${year}年度的年度报告（保留首次发布时间），公开专栏显示更正后的报告。`,
  withdrawn: (year) => `已撤回${year}年度的年度报告，公开专栏不再显示。`,
};

const yearOf = (text: string | undefined): number | null => (text !== undefined && /^[0-9]{4}$/.test(text) ? Number(text) : null);

/** How a refusal is met on this page (the service's message says what is wrong; a file input cannot be kept). */
const HINTS: Record<string, string> = {
  [REPORT_ALREADY_PUBLISHED]: '如需更正，请重新选择文件，勾选“更正（替换）已发布的报告”后再提交。',
  [REPORT_WARNINGS_NOT_ACKNOWLEDGED]: '请重新选择报告文件，勾选“我已逐项核实以上警告，确认发布”后再提交。',
  [REPORT_CROSS_YEAR_UNEXPLAINED]: '请重新选择报告文件，在“与相邻年度报告不衔接的说明”中写明原因后再提交。',
  [REPORT_CHANGE_NOTE_MISSING]: '请重新选择报告文件，填写“更正说明”后再提交。',
};

/** The form field a refusal is about. */
const fieldOf = (error: PublishRefusal): string => (['year', 'replace', 'changeNote', 'acknowledgeWarnings', 'explanation'].includes(error.field ?? '') ? (error.field as string) : 'file');

export function publishRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const approve = requireAgency('approve');
  const csrf = verifyCsrf();

  const show = async (c: C, values: Record<string, string>, errors: FieldError[], status = 200, refusal?: PublishRefusal): Promise<Response> => {
    const agency = c.var.agency;
    const { db } = c.var.deps;
    const list = await publishedReports(db, agency.code);
    if (!list.ok) return notFound(c);
    let done: string | undefined;
    let published: PublishedPageProps['published'];
    if (c.req.method === 'GET') {
      const key = c.req.query('done') ?? '';
      const year = yearOf(c.req.query('year'));
      const message = DONE[key];
      if (message && year !== null) {
        done = message(year);
        // what the report just published was published with: the same checks, on what was stored
        if (key !== 'withdrawn') {
          const review = await reviewPublished(db, agency.id, year);
          const stored = await publishedReport(db, agency.code, year);
          if (review) published = { year, warnings: review.warnings, crossYear: stored.ok ? stored.value.crossYear : null };
        }
      }
    }
    const findings = refusal && (refusal.errors || refusal.crossYear || refusal.warnings) ? { errors: refusal.errors ?? [], crossYear: refusal.crossYear ?? [], warnings: refusal.warnings ?? [] } : undefined;
    const day = today(c);
    const lastYear = Number(day.slice(0, 4)) - 1;
    return c.html(
      publishedPage(frameOf(c, 'report'), {
        reports: list.value.reports,
        mayPublish: can(c.var.user as SessionUser, agency.id, 'approve'),
        csrf: c.var.csrf,
        values: { year: String(lastYear), ...values },
        errors,
        ...(done ? { done } : {}),
        ...(published ? { published } : {}),
        ...(findings ? { findings } : {}),
        reportYear: reportYearOf(day),
        maxYear: lastYear,
      }),
      status as 200,
    );
  };

  routes.get('/:agency/published', read, (c) => show(c, {}, []));

  routes.post('/:agency/published', approve, csrf, async (c) => {
    const body = await c.req.parseBody();
    const file = body['file'];
    const yearText = str(body['year']).trim().slice(0, 20);
    const ticked = (name: string) => ['1', 'on', 'true'].includes(str(body[name]));
    const replace = ticked('replace');
    const acknowledgeWarnings = ticked('acknowledgeWarnings');
    const explanation = str(body['explanation']).slice(0, 4000);
    const changeNote = str(body['changeNote']).slice(0, 1000);
    const values = { year: yearText, replace: replace ? '1' : '', changeNote, acknowledgeWarnings: acknowledgeWarnings ? '1' : '', explanation };
    const refuse = (field: string, message: string, status = 422, refusal?: PublishRefusal) => show(c, values, [{ field, message }], status, refusal);
    if (hasControlCharacters(explanation, { multiline: true })) return refuse('explanation', controlCharactersMessage('与相邻年度报告不衔接的说明'), 400);
    if (hasControlCharacters(changeNote, { multiline: true })) return refuse('changeNote', controlCharactersMessage('更正说明'), 400);
    if (!(file instanceof File) || file.size === 0) return refuse('file', '请选择要发布的年度报告文件。');
    const chosen = yearText === '' ? null : yearOf(yearText);
    if (yearText !== '' && chosen === null) return refuse('year', '统计年度应为四位数年份，例如 2024。');
    const read = await reportFromFile(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!read.ok) return refuse('file', read.error.message, statusOf(read.error));
    const year = chosen ?? read.value.report.year;
    if (year === null) return refuse('year', '没有从报告中找到统计年度，请填写统计年度。');
    const agency = c.var.agency;
    const r = await publishReport(
      c.var.deps.db,
      agency.code,
      { year, report: read.value.report, replace, ...(changeNote.trim() !== '' ? { changeNote } : {}), acknowledgeWarnings, ...(explanation.trim() !== '' ? { explanation } : {}), source: file.name },
      { userId: (c.var.user as SessionUser).id, now: c.var.deps.now(), ip: await clientIp(c) },
    );
    if (!r.ok) {
      if (statusOf(r.error) === 404) return notFound(c);
      const message = `${r.error.message}${HINTS[r.error.code] ?? ''}`;
      return refuse(fieldOf(r.error), message, r.error.code === REPORT_ALREADY_PUBLISHED ? 409 : statusOf(r.error), r.error);
    }
    return c.redirect(`${staffBase(agency.code)}/published?done=${r.value.replaced ? 'replaced' : 'published'}&year=${r.value.year}`, 303);
  });

  routes.post('/:agency/published/:year/withdraw', approve, csrf, async (c) => {
    const year = yearOf(c.req.param('year'));
    if (year === null) return notFound(c);
    const agency = c.var.agency;
    if (!confirmed(await formOf(c))) {
      const published = await publishedReport(c.var.deps.db, agency.code, year);
      if (!published.ok) return notFound(c);
      c.header('Cache-Control', 'no-store');
      return c.html(
        confirmPage(frameOf(c, 'report'), {
          title: `撤回${year}年度的年度报告`,
          consequences: [
            `撤回后，公开专栏不再显示“${published.value.title}”，公众也不能再下载。`,
            '撤回记入审计日志。如需恢复，可以用原文件重新发布（发布日期将是重新发布的日期）。',
          ],
          action: `${staffBase(agency.code)}/published/${year}/withdraw`,
          fields: {},
          confirmLabel: `确认撤回${year}年度的年度报告`,
          cancel: { href: `${staffBase(agency.code)}/published`, label: '不撤回，返回' },
          csrf: c.var.csrf,
        }),
      );
    }
    const r = await withdrawReport(c.var.deps.db, agency.code, year, { userId: (c.var.user as SessionUser).id, now: c.var.deps.now(), ip: await clientIp(c) });
    if (!r.ok) return notFound(c);
    return c.redirect(`${staffBase(agency.code)}/published?done=withdrawn&year=${year}`, 303);
  });

  return routes;
}
