// One catalogue item in the staff workspace, under /staff/:agency/catalogue/:id: its page, and the
// workflow's forms posting to …/disclosure, …/secrecy, …/submit, …/review, …/publish, …/unschedule,
// …/withdraw and …/correct. Thin routes: parse the form (zod in the services), call one service (which
// writes the audit entry in its transaction), post-redirect-get; a refusal re-renders the page with the
// service's Chinese message at its form. Who may do what: 'handle' for the drafting steps and
// publication, 'approve' for 撤回 and 更正, the stage's roles for a review decision (checked by the
// service). A department's item sent up to this agency's reviewers is shown here too; anything else of
// another agency is "not found".

import { Hono } from 'hono';
import type { Next } from 'hono';
import type { SessionUser } from '../../services/accounts.ts';
import { catalogueVocab } from '../../services/catalogue/items.ts';
import type { CatalogueActor } from '../../services/catalogue/items.ts';
import { viewItem } from '../../services/catalogue/item-view.ts';
import { correctItem, publishItem, unscheduleItem, withdrawItem } from '../../services/catalogue/publication.ts';
import { decideItem, recordSecrecyReview, setDisclosure, submitItem } from '../../services/catalogue/workflow.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { catalogueItemPage } from '../views/staff/catalogue-item.tsx';
import type { FailedAction } from '../views/staff/catalogue-item.tsx';
import { CORRECTION_FIELDS, correctionPage, correctionValues } from '../views/staff/catalogue-correct.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { formOf, frameOf, idParam, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = {
  disclosure: '已保存公开属性。',
  secrecy: '已记录保密审查。',
  submit: '已提交审核。',
  approve: '已同意，转入下一环节。',
  approved: '已签发：审核流程全部完成，可以发布。',
  return: '已退回，信息回到草稿状态。',
  publish: '已发布到公开专栏。',
  schedule: '已设定定时发布。',
  unschedule: '已取消定时发布。',
  withdraw: '已撤回，公开页面显示“已撤回”。',
  correct: '已更正，公开页面显示“已更正”。',
};

/** The fields each form has: a refusal about another field is shown at the form's first. */
const FIELDS: Record<string, string[]> = {
  disclosure: ['disclosure', 'reason', 'article'],
  secrecy: ['conclusion', 'note'],
  submit: ['submit'],
  review: ['comment', 'decision'],
  publish: ['publish'],
  schedule: ['publishAt'],
  withdraw: ['reason'],
};

async function actorOf(c: C): Promise<CatalogueActor & { user: SessionUser }> {
  const user = c.var.user as SessionUser;
  const now = c.var.deps.now();
  return { userId: user.id, name: user.displayName, now, today: now.slice(0, 10), ip: await clientIp(c), user };
}

export function catalogueItemRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const approve = requireAgency('approve');
  const csrf = verifyCsrf();

  const show = async (c: C, extra: { failed?: FailedAction; status?: number } = {}): Promise<Response> => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const { db, calendar } = c.var.deps;
    const view = await viewItem(db, c.var.agency.id, id, c.var.user as SessionUser, { calendar: await calendar(), today: today(c) });
    if (view === null) return notFound(c);
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    c.header('Cache-Control', 'no-store');
    return c.html(catalogueItemPage(frameOf(c, 'catalogue'), { view, csrf: c.var.csrf, done, ...(extra.failed ? { failed: extra.failed } : {}) }), (extra.status ?? 200) as 200);
  };

  /** The page again with the refusal at its form, or 404 when the item is not there. */
  const refused = (c: C, action: string, values: Record<string, string>, error: DomainError): Promise<Response> | Response => {
    if (error.code === 'ITEM_NOT_FOUND' || statusOf(error) === 404) return notFound(c);
    const fields = FIELDS[action] ?? [];
    const field = error.field !== undefined && fields.includes(error.field) ? error.field : (fields[0] ?? action);
    const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, 4000)]));
    return show(c, { failed: { action, values: typed, errors: [{ field, message: error.message }] }, status: statusOf(error) });
  };

  const redirect = (c: C, id: number, done: string) => c.redirect(`${staffBase(c.var.agency.code)}/catalogue/${id}?done=${done}`, 303);

  // a path that is not an item's (…/catalogue/new, …/catalogue/chain) belongs to other routes
  routes.get('/:agency/catalogue/:id', read, async (c, next: Next) => {
    if (idParam(c.req.param('id')) === null) return next();
    return show(c);
  });

  routes.post('/:agency/catalogue/:id/disclosure', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values = { disclosure: form['disclosure'] ?? '', reason: form['reason'] ?? '', article: form['article'] ?? '' };
    const r = await setDisclosure(c.var.deps.db, c.var.agency.id, id, values, await actorOf(c));
    return r.ok ? redirect(c, id, 'disclosure') : refused(c, 'disclosure', values, r.error);
  });

  routes.post('/:agency/catalogue/:id/secrecy', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values = { conclusion: form['conclusion'] ?? '', note: form['note'] ?? '', version: form['version'] ?? '' };
    const r = await recordSecrecyReview(c.var.deps.db, c.var.agency.id, id, { conclusion: values.conclusion, note: values.note, ...(values.version !== '' ? { version: values.version as unknown as number } : {}) }, await actorOf(c));
    return r.ok ? redirect(c, id, 'secrecy') : refused(c, 'secrecy', values, r.error);
  });

  routes.post('/:agency/catalogue/:id/submit', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const r = await submitItem(c.var.deps.db, c.var.agency.id, id, await actorOf(c));
    return r.ok ? redirect(c, id, 'submit') : refused(c, 'submit', {}, r.error);
  });

  routes.post('/:agency/catalogue/:id/review', read, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values = { decision: form['decision'] ?? '', comment: form['comment'] ?? '', stage: form['stage'] ?? '' };
    if (values.decision !== 'approve' && values.decision !== 'return') return refused(c, 'review', values, { code: 'INVALID_INPUT', message: '请选择“同意”或“退回”。', field: 'decision' });
    if (values.comment.length > 2000) return refused(c, 'review', values, { code: 'INVALID_INPUT', message: '审核意见最长2000个字，请删减后重新提交。', field: 'comment' });
    const stage = /^[1-9][0-9]?$/.test(values.stage) ? Number(values.stage) : undefined;
    const r = await decideItem(c.var.deps.db, c.var.agency.id, id, { decision: values.decision, comment: values.comment, ...(stage !== undefined ? { stage } : {}) }, await actorOf(c));
    if (!r.ok) return refused(c, 'review', values, r.error);
    return redirect(c, id, r.value.outcome === 'approved' ? 'approved' : r.value.outcome === 'returned' ? 'return' : 'approve');
  });

  routes.post('/:agency/catalogue/:id/publish', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const publishAt = (form['publishAt'] ?? '').trim();
    const action = publishAt === '' ? 'publish' : 'schedule';
    const r = await publishItem(c.var.deps.db, c.var.agency.id, id, publishAt === '' ? {} : { publishAt }, await actorOf(c));
    return r.ok ? redirect(c, id, r.value.state === 'scheduled' ? 'schedule' : 'publish') : refused(c, action, { publishAt }, r.error);
  });

  routes.post('/:agency/catalogue/:id/unschedule', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const r = await unscheduleItem(c.var.deps.db, c.var.agency.id, id, await actorOf(c));
    return r.ok ? redirect(c, id, 'unschedule') : refused(c, 'unschedule', {}, r.error);
  });

  routes.post('/:agency/catalogue/:id/withdraw', approve, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values = { reason: form['reason'] ?? '' };
    const r = await withdrawItem(c.var.deps.db, c.var.agency.id, id, values, await actorOf(c));
    return r.ok ? redirect(c, id, 'withdraw') : refused(c, 'withdraw', values, r.error);
  });

  // --- 更正: a page of its own (every field of the item)
  const correction = async (c: C, values: Record<string, string> | null, errors: { field: string; message: string }[], status = 200): Promise<Response> => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const { db, calendar } = c.var.deps;
    const view = await viewItem(db, c.var.agency.id, id, c.var.user as SessionUser, { calendar: await calendar(), today: today(c) });
    if (view === null || !view.own) return notFound(c);
    if (!view.actions.includes('correct')) return c.redirect(`${staffBase(c.var.agency.code)}/catalogue/${id}`, 303);
    const vocab = await catalogueVocab(db, view.item.agencyId);
    c.header('Cache-Control', 'no-store');
    return c.html(correctionPage(frameOf(c, 'catalogue'), { view, vocab, values: values ?? correctionValues(view), errors, csrf: c.var.csrf }), status as 200);
  };

  routes.get('/:agency/catalogue/:id/correct', approve, (c) => correction(c, null, []));

  routes.post('/:agency/catalogue/:id/correct', approve, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values: Record<string, string> = {};
    for (const f of [...CORRECTION_FIELDS, 'note', 'expectedVersion']) values[f] = form[f] ?? '';
    const fields = Object.fromEntries(CORRECTION_FIELDS.map((f) => [f, values[f] ?? '']));
    const expected = /^[1-9][0-9]{0,6}$/.test(values['expectedVersion'] ?? '') ? Number(values['expectedVersion']) : undefined;
    const r = await correctItem(c.var.deps.db, c.var.agency.id, id, { fields, note: values['note'] ?? '', ...(expected !== undefined ? { expectedVersion: expected } : {}) }, await actorOf(c));
    if (!r.ok) {
      if (statusOf(r.error) === 404 || r.error.code === 'ITEM_NOT_FOUND') return notFound(c);
      const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k === 'body' ? v.slice(0, 200_000) : v.slice(0, 4000)]));
      return correction(c, typed, [{ field: r.error.field && r.error.field !== '' ? r.error.field : 'note', message: r.error.message }], statusOf(r.error));
    }
    return redirect(c, id, 'correct');
  });

  return routes;
}
