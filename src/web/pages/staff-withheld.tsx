// 转为主动公开 (条例第四十四条) and 不予公开信息评估审查 (条例第十八条) under /staff/:agency: the form on an
// application answered 予以公开/部分公开 that makes a catalogue draft (handle), the register of withheld
// information (read) and a review of one entry (handle). Thin routes: the form read as strings, one service
// call, post-redirect-get; a refusal re-renders the form with the service's Chinese message and what was typed.

import { Hono } from 'hono';
import { OUTCOMES } from '../../domain/applications/types.ts';
import type { Outcome } from '../../domain/applications/types.ts';
import { REVIEW_OUTCOME_LABELS } from '../../domain/withheld/rules.ts';
import type { ReviewInput } from '../../domain/withheld/rules.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { catalogueVocab } from '../../services/catalogue/items.ts';
import { mayBecomeProactive, proactiveFromApplication, sourceApplication, suggestedTitle } from '../../services/proactive.ts';
import { withheldRegister } from '../../services/withheld/register.ts';
import { reviewWithheld } from '../../services/withheld/review.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { PROACTIVE_FIELDS, proactivePage } from '../views/staff/proactive.tsx';
import type { ProactiveValues } from '../views/staff/proactive.tsx';
import { REVIEW_FIELDS, reviewFieldId, withheldPage } from '../views/staff/withheld.tsx';
import type { FailedReview, ReviewValues } from '../views/staff/withheld.tsx';
import { catalogueActor } from './staff-register.tsx';
import { fieldError, formOf, frameOf, idParam, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

export function withheldRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();
  const base = (c: C) => staffBase(c.var.agency.code);

  const showProactive = async (c: C, values: ProactiveValues | null, errors: FieldError[], status: 200 | 409 | 422 = 200) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const app = await sourceApplication(c.var.deps.db, c.var.agency.id, id);
    if (app === undefined) return notFound(c);
    const refusal: FieldError[] = !mayBecomeProactive(app) && errors.length === 0 ? [{ field: 'category', message: '只有答复为“予以公开”或“部分公开”的申请可以转为主动公开（条例第四十四条）。' }] : [];
    const vocab = await catalogueVocab(c.var.deps.db, c.var.agency.id);
    const outcomeLabel = app.outcome !== null && app.outcome in OUTCOMES ? OUTCOMES[app.outcome as Outcome].label : '尚未答复';
    return c.html(
      proactivePage(frameOf(c, 'applications'), {
        base: base(c),
        csrf: c.var.csrf,
        application: { id: app.id, number: app.number, request: app.request, outcomeLabel, closedOn: app.closedOn },
        own: vocab.own,
        values: values ?? { title: suggestedTitle(app.request) },
        errors: [...refusal, ...errors],
      }),
      status,
    );
  };

  routes.get('/:agency/applications/:id/proactive', handle, (c) => showProactive(c, null, []));

  routes.post('/:agency/applications/:id/proactive', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values: ProactiveValues = {};
    for (const f of PROACTIVE_FIELDS) values[f] = (form[f] ?? '').slice(0, 5000);
    const r = await proactiveFromApplication(c.var.deps.db, c.var.agency.id, id, { category: values.category ?? '', title: values.title ?? '', summary: values.summary ?? '', ...(values.formedOn ? { formedOn: values.formedOn } : {}) }, await catalogueActor(c));
    if (!r.ok) {
      if (r.error.code === 'APPLICATION_NOT_FOUND') return notFound(c);
      return showProactive(c, values, [fieldError(r.error, 'category')], r.error.code === 'ALREADY_PROACTIVE' || r.error.code === 'NOT_DISCLOSED' ? 409 : 422);
    }
    return c.redirect(`${base(c)}/catalogue/${r.value.id}`, 303);
  });

  const showRegister = async (c: C, failed: FailedReview | undefined, status: 200 | 404 | 409 | 422 = 200) => {
    const dueOnly = c.req.query('due') === '1';
    const t = today(c);
    const [register, vocab] = await Promise.all([withheldRegister(c.var.deps.db, c.var.agency.id, { today: t, dueOnly }), catalogueVocab(c.var.deps.db, c.var.agency.id)]);
    const done = c.req.method === 'GET' ? c.req.query('done') : undefined;
    return c.html(
      withheldPage(frameOf(c, 'withheld'), {
        base: base(c),
        csrf: c.var.csrf,
        today: t,
        months: register.months,
        entries: register.entries,
        due: register.due,
        dueOnly,
        mayHandle: can(c.var.user as SessionUser, c.var.agency.id, 'handle'),
        own: vocab.own,
        ...(failed ? { failed } : {}),
        ...(done === 'still_withheld' || done === 'released' ? { done: `已登记审查结论：${REVIEW_OUTCOME_LABELS[done]}。` } : {}),
      }),
      status,
    );
  };

  routes.get('/:agency/withheld', read, (c) => showRegister(c, undefined));

  routes.post('/:agency/withheld/review', handle, csrf, async (c) => {
    const form = await formOf(c);
    const values: ReviewValues = {};
    for (const f of REVIEW_FIELDS) values[f] = (form[f] ?? '').slice(0, 5000);
    const source = form['source'] === 'catalogue' ? 'catalogue' : 'application';
    const sourceId = idParam(form['sourceId']);
    if (sourceId === null) return notFound(c);
    const input: ReviewInput = {
      source,
      sourceId,
      reviewedOn: values.reviewedOn ?? '',
      outcome: (values.outcome ?? '') as ReviewInput['outcome'],
      note: values.note ?? '',
      ...(values.category ? { category: values.category } : {}),
      ...(values.title ? { title: values.title } : {}),
    };
    const r = await reviewWithheld(c.var.deps.db, c.var.agency.id, input, await catalogueActor(c));
    if (!r.ok) {
      const field = r.error.field && (REVIEW_FIELDS as readonly string[]).includes(r.error.field) ? r.error.field : 'outcome';
      const failed: FailedReview = { source, sourceId, values, errors: [{ field: reviewFieldId(source, sourceId, field), message: r.error.message }] };
      return showRegister(c, failed, r.error.code === 'ENTRY_NOT_FOUND' ? 404 : r.error.code === 'ALREADY_RELEASED' || r.error.code === 'ALREADY_PROACTIVE' ? 409 : 422);
    }
    if (r.value.itemId !== null && source === 'application') return c.redirect(`${base(c)}/catalogue/${r.value.itemId}`, 303);
    return c.redirect(`${base(c)}/withheld?done=${r.value.outcome}`, 303);
  });

  return routes;
}
