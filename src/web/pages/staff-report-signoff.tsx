// The annual report's sign-off in the staff workspace (services/report-signoff.ts): the draft checked and
// submitted (/staff/:agency/report-facts/:year/submit, 'handle'), and the page of the submitted report
// (/staff/:agency/report-signoff/:id) where the stage waiting is decided by its reviewers — of this
// agency, or of its parent for a 'parent' stage (the round's own roles decide, so the route only needs
// 'read') — and where the office recalls, publishes and corrects ('handle', the report's own agency).
// Thin routes: forms post-redirect-get and work without JavaScript; a refusal re-renders the page with
// the service's Chinese message.

import { Hono } from 'hono';
import { renderHtml } from '../../domain/report/render/index.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { decideReport, publishSigned, recallReport, startCorrection, submitReport } from '../../services/report-signoff.ts';
import type { SignoffActor } from '../../services/report-signoff.ts';
import { changedSinceSubmission, signoffView, submissionCheck } from '../../services/report-signoff-read.ts';
import { getChain } from '../../services/review/chain.ts';
import { mayDecide } from '../../services/review/rounds.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { articleForStaff } from '../views/report-article.ts';
import { signoffHref, signoffPage, submitPage } from '../views/staff/report-signoff.tsx';
import { formOf, frameOf, idParam, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = {
  submitted: '已提交审核。送审版本已固定，审核人员可在“待我审核”中看到。',
  approved: '已同意，进入下一环节。',
  signed: '已签发，可以发布。',
  returned: '已退回，草稿重新打开修改。',
  recalled: '已撤回，草稿重新打开修改。',
  published: '已发布到公开专栏，PDF版本已生成并保存。',
  'published-nopdf': '已发布到公开专栏。PDF版本这次未能生成（服务器上没有可用的浏览器或中文字体），公众首次下载PDF时将再次生成；请联系系统管理员。',
  correcting: '已开始更正：修改年报素材、年报数据或草稿后，写明更正说明并重新提交审核。',
};

async function actorOf(c: C): Promise<SignoffActor & { user: SessionUser }> {
  const user = c.var.user as SessionUser;
  return { userId: user.id, name: user.displayName, now: c.var.deps.now(), ip: await clientIp(c), user };
}

/** The year of the path: 2008 to last year; otherwise null. */
function yearOf(c: C): number | null {
  const text = c.req.param('year') ?? '';
  const year = /^[0-9]{4}$/.test(text) ? Number(text) : null;
  return year === null || year < 2008 || year > Number(today(c).slice(0, 4)) ? null : year;
}

export function reportSignoffRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();

  // --- the draft checked and submitted
  const showSubmit = async (c: C, year: number, values: { explanation: string; changeNote: string }, fieldErrors: FieldError[], status = 200) => {
    const { db } = c.var.deps;
    const checked = await submissionCheck(db, c.var.agency.code, year);
    if (!checked.ok) return notFound(c);
    const { review, draft, published } = checked.value;
    const chain = await getChain(db, c.var.agency.id, 'annual_report');
    return c.html(
      submitPage(frameOf(c, 'report-facts'), {
        year,
        errors: review.errors,
        crossYear: review.crossYear,
        warnings: review.warnings,
        gaps: draft.draft.gaps.map((g) => g.message),
        correction: published !== null,
        stages: chain.stages,
        values,
        fieldErrors,
        csrf: c.var.csrf,
      }),
      status as 200,
    );
  };

  routes.get('/:agency/report-facts/:year/submit', handle, (c) => {
    const year = yearOf(c);
    return year === null ? notFound(c) : showSubmit(c, year, { explanation: '', changeNote: '' }, []);
  });

  routes.post('/:agency/report-facts/:year/submit', handle, csrf, async (c) => {
    const year = yearOf(c);
    if (year === null) return notFound(c);
    const form = await formOf(c);
    const values = { explanation: (form['explanation'] ?? '').slice(0, 2100), changeNote: (form['changeNote'] ?? '').slice(0, 600) };
    const r = await submitReport(c.var.deps.db, c.var.agency.code, year, values, await actorOf(c));
    if (!r.ok) {
      const field = ['explanation', 'changeNote'].includes(r.error.field ?? '') ? (r.error.field as string) : 'submit';
      return showSubmit(c, year, values, [{ field, message: r.error.message }], statusOf(r.error));
    }
    return c.redirect(`${signoffHref(c.var.agency.code, r.value.id)}?done=submitted`, 303);
  });

  // --- the submitted report
  const showSignoff = async (c: C, id: number, failed?: { action: string; errors: FieldError[]; values: Record<string, string> }, status = 200) => {
    const { db } = c.var.deps;
    const user = c.var.user as SessionUser;
    const agency = c.var.agency;
    const view = await signoffView(db, agency.id, id);
    if (view === null) return notFound(c);
    const { row, round } = view;
    let decide = false;
    let decideBlocked: string | null = null;
    if (round !== null && round.stageAgencyId === agency.id) {
      const allowed = await mayDecide(db, round, user);
      if (allowed.ok) decide = true;
      else decideBlocked = allowed.error.message;
    }
    const office = view.own && can(user, agency.id, 'handle');
    const names = await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...new Set([view.agency.id, agency.id, round?.stageAgencyId ?? agency.id])]).execute();
    const changed = view.own && (row.state === 'in_review' || row.state === 'approved') ? await changedSinceSubmission(db, view.agency.code, row) : null;
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    c.header('Cache-Control', 'no-store');
    return c.html(
      signoffPage(frameOf(c, 'report-facts'), {
        view,
        articleHtml: row.snapshot ? articleForStaff(renderHtml(row.snapshot, { standalone: false })) : '',
        changed,
        may: {
          decide,
          decideBlocked,
          recall: office && (row.state === 'in_review' || row.state === 'approved'),
          publish: office && row.state === 'approved',
          correct: office && row.state === 'published',
        },
        agencyNames: Object.fromEntries(names.map((n) => [Number(n.id), n.name])),
        csrf: c.var.csrf,
        done,
        failed,
        publicHref: `/${encodeURIComponent(view.agency.code)}/reports/${row.year}`,
      }),
      status as 200,
    );
  };

  routes.get('/:agency/report-signoff/:id', read, (c) => {
    const id = idParam(c.req.param('id'));
    return id === null ? notFound(c) : showSignoff(c, id);
  });

  routes.post('/:agency/report-signoff/:id/review', read, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values = { decision: form['decision'] ?? '', comment: (form['comment'] ?? '').slice(0, 2100), stage: form['stage'] ?? '' };
    if (values.decision !== 'approve' && values.decision !== 'return') {
      return showSignoff(c, id, { action: 'review', errors: [{ field: 'decision', message: '请选择“同意”或“退回”。' }], values }, 422);
    }
    const stage = /^[0-9]{1,2}$/.test(values.stage) ? Number(values.stage) : undefined;
    const r = await decideReport(c.var.deps.db, c.var.agency.id, id, { decision: values.decision, comment: values.comment, ...(stage !== undefined ? { stage } : {}) }, await actorOf(c));
    if (!r.ok) {
      if (r.error.code === 'NOT_FOUND') return notFound(c);
      return showSignoff(c, id, { action: 'review', errors: [{ field: r.error.field === 'comment' ? 'comment' : 'decision', message: r.error.message }], values }, statusOf(r.error));
    }
    const done = r.value.outcome === 'approved' ? 'signed' : r.value.outcome === 'returned' ? 'returned' : 'approved';
    return c.redirect(`${signoffHref(c.var.agency.code, id)}?done=${done}`, 303);
  });

  /** The office's actions on its own report: the row must be this agency's. */
  const ownYear = async (c: C, id: number): Promise<number | null> => {
    const row = await c.var.deps.db.selectFrom('reportDrafts').select(['agencyId', 'year']).where('id', '=', id).executeTakeFirst();
    return row && Number(row.agencyId) === c.var.agency.id ? row.year : null;
  };

  routes.post('/:agency/report-signoff/:id/recall', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const year = id === null ? null : await ownYear(c, id);
    if (id === null || year === null) return notFound(c);
    const values = { reason: ((await formOf(c))['reason'] ?? '').slice(0, 600) };
    const r = await recallReport(c.var.deps.db, c.var.agency.id, year, values.reason, await actorOf(c));
    if (!r.ok) return showSignoff(c, id, { action: 'recall', errors: [{ field: r.error.field === 'reason' ? 'reason' : 'recall', message: r.error.message }], values }, statusOf(r.error));
    return c.redirect(`${signoffHref(c.var.agency.code, id)}?done=recalled`, 303);
  });

  routes.post('/:agency/report-signoff/:id/publish', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const year = id === null ? null : await ownYear(c, id);
    if (id === null || year === null) return notFound(c);
    const form = await formOf(c);
    const { config } = c.var.deps;
    const r = await publishSigned(c.var.deps.db, c.var.agency.code, year, { acknowledgeWarnings: (form['acknowledgeWarnings'] ?? '') !== '' }, await actorOf(c), {
      chromiumPath: config.chromiumPath,
      searchPath: config.searchPath,
    });
    if (!r.ok) {
      const field = r.error.field === 'acknowledgeWarnings' ? 'acknowledgeWarnings' : 'publish';
      return showSignoff(c, id, { action: 'publish', errors: [{ field, message: r.error.message }], values: {} }, statusOf(r.error));
    }
    return c.redirect(`${signoffHref(c.var.agency.code, id)}?done=${r.value.pdfProblem === null ? 'published' : 'published-nopdf'}`, 303);
  });

  routes.post('/:agency/report-signoff/:id/correct', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    const year = id === null ? null : await ownYear(c, id);
    if (id === null || year === null) return notFound(c);
    const r = await startCorrection(c.var.deps.db, c.var.agency.id, year, await actorOf(c));
    if (!r.ok) return showSignoff(c, id, { action: 'correct', errors: [{ field: 'correct', message: r.error.message }], values: {} }, statusOf(r.error));
    return c.redirect(`${signoffHref(c.var.agency.code, id)}?done=correcting`, 303);
  });

  return routes;
}
