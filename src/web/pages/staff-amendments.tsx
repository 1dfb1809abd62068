// 更正申请 (条例第四十一条) under /staff/:agency/amendments: the list (read), registration (handle), one
// request with its clock and the decision form (read; deciding: handle), and the decision notice as a
// printable page or Word document. Thin routes: the form read as strings, one service call, post-
// redirect-get; a refusal re-renders the form with the service's Chinese message and what was typed.

import { Hono } from 'hono';
import { amendmentInput, decisionInput } from '../../domain/amendments/inputs.ts';
import type { AmendmentInput, DecisionInput } from '../../domain/amendments/inputs.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { amendmentNoticeFile, listAmendments, viewAmendment } from '../../services/amendments/read.ts';
import { amendmentWorkingDays, decideAmendment, registerAmendment } from '../../services/amendments/write.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { amendmentPage } from '../views/staff/amendment.tsx';
import type { DecisionValues } from '../views/staff/amendment.tsx';
import { AMENDMENT_FIELDS, amendmentListPage, amendmentNewPage } from '../views/staff/amendments.tsx';
import type { AmendmentValues } from '../views/staff/amendments.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { actorWithCalendar, fieldError, formOf, frameOf, idParam, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = { register: '已登记更正申请。', decide: '已办结，告知书已生成。' };
const DECISION_FIELDS = ['decision', 'decidedOn', 'authority', 'note'] as const;

export function amendmentRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();
  const base = (c: C) => staffBase(c.var.agency.code);
  const mayHandle = (c: C) => can(c.var.user as SessionUser, c.var.agency.id, 'handle');

  routes.get('/:agency/amendments', read, async (c) => {
    const raw = c.req.query('before');
    const before = raw === undefined ? null : idParam(raw);
    const stateRaw = c.req.query('state');
    const state = stateRaw === 'open' || stateRaw === 'decided' ? stateRaw : null;
    const page = await listAmendments(c.var.deps.db, c.var.agency.id, { before, state });
    const done = DONE[c.req.query('done') ?? ''];
    return c.html(amendmentListPage(frameOf(c, 'amendments'), { base: base(c), page, today: today(c), mayHandle: mayHandle(c), state, ...(done ? { done } : {}) }));
  });

  const showNew = async (c: C, values: AmendmentValues, errors: FieldError[], status: 200 | 400 | 404 | 409 | 422 = 200) =>
    c.html(amendmentNewPage(frameOf(c, 'amendments'), { base: base(c), csrf: c.var.csrf, values, errors, workingDays: await amendmentWorkingDays(c.var.deps.db, c.var.agency.id) }), status);

  routes.get('/:agency/amendments/new', handle, (c) => showNew(c, { receivedOn: today(c) }, []));

  routes.post('/:agency/amendments/new', handle, csrf, async (c) => {
    const form = await formOf(c);
    const values: AmendmentValues = {};
    for (const f of AMENDMENT_FIELDS) values[f] = form[f] ?? '';
    const given = (f: (typeof AMENDMENT_FIELDS)[number]) => ((values[f] ?? '').trim() === '' ? undefined : (values[f] ?? '').trim());
    const input: AmendmentInput = {
      requesterName: values.requesterName ?? '',
      requesterContact: values.requesterContact ?? '',
      record: values.record ?? '',
      inaccuracy: values.inaccuracy ?? '',
      requested: values.requested ?? '',
      evidence: values.evidence ?? '',
      receivedOn: values.receivedOn ?? '',
      ...(given('idKind') ? { idKind: given('idKind') as AmendmentInput['idKind'] } : {}),
      ...(given('idNumber') ? { idNumber: given('idNumber') } : {}),
      ...(given('handler') ? { handler: given('handler') } : {}),
    };
    // what no form sends (too long, control characters) is 400 with the field's message
    const checked = amendmentInput.safeParse(input);
    if (!checked.success) {
      const refusal = inputRefusal(checked.error);
      for (const f of AMENDMENT_FIELDS) values[f] = (values[f] ?? '').slice(0, 5000);
      return showNew(c, values, [{ field: refusal.field, message: refusal.message }], refusal.status);
    }
    const r = await registerAmendment(c.var.deps.db, c.var.agency.id, input, await actorWithCalendar(c));
    if (!r.ok) return showNew(c, values, [fieldError(r.error, 'requesterName')], statusOf(r.error) as 409 | 422);
    return c.redirect(`${base(c)}/amendments/${r.value.id}?done=register`, 303);
  });

  const show = async (c: C, values: DecisionValues, errors: FieldError[], status: 200 | 400 | 404 | 409 | 422 = 200) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const view = await viewAmendment(c.var.deps.db, c.var.agency.id, id, { calendar: await c.var.deps.calendar(), today: today(c) });
    if (!view.ok) return notFound(c);
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    return c.html(amendmentPage(frameOf(c, 'amendments'), { base: base(c), csrf: c.var.csrf, view: view.value, mayHandle: mayHandle(c), values, errors, ...(done ? { done } : {}) }), status);
  };

  routes.get('/:agency/amendments/:id', read, (c) => show(c, { decidedOn: today(c) }, []));

  routes.post('/:agency/amendments/:id/decide', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values: DecisionValues = {};
    for (const f of DECISION_FIELDS) values[f] = form[f] ?? '';
    const input: DecisionInput = {
      decision: (values.decision ?? '') as DecisionInput['decision'],
      decidedOn: values.decidedOn ?? '',
      note: values.note ?? '',
      ...((values.authority ?? '').trim() !== '' ? { authority: values.authority ?? '' } : {}),
    };
    const checked = decisionInput.safeParse(input);
    if (!checked.success) {
      const refusal = inputRefusal(checked.error);
      for (const f of DECISION_FIELDS) values[f] = (values[f] ?? '').slice(0, 5000);
      return show(c, values, [{ field: refusal.field, message: refusal.message }], refusal.status);
    }
    const r = await decideAmendment(c.var.deps.db, c.var.agency.id, id, input, await actorWithCalendar(c));
    if (!r.ok) {
      if (r.error.code === 'AMENDMENT_NOT_FOUND') return notFound(c);
      return show(c, values, [fieldError(r.error, 'decision')], r.error.code === 'AMENDMENT_CLOSED' ? 409 : 422);
    }
    return c.redirect(`${base(c)}/amendments/${id}?done=decide#decision`, 303);
  });

  routes.get('/:agency/amendments/:id/notice/:format', read, async (c) => {
    const id = idParam(c.req.param('id'));
    const format = c.req.param('format');
    if (id === null || (format !== 'html' && format !== 'docx')) return notFound(c);
    const file = await amendmentNoticeFile(c.var.deps.db, c.var.agency.id, id, format);
    if (!file.ok) return notFound(c);
    // rendered with every value escaped (documents/render.ts)
    if (file.value.html !== null) return c.html(file.value.html);
    return c.body(new Uint8Array(file.value.bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="amendment-${id}.docx"; filename*=UTF-8''${encodeURIComponent(`${file.value.number}${file.value.title}.docx`)}`,
    });
  });

  return routes;
}
