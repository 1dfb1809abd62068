// 投诉、举报 received as the office above (条例第五十一条) under /staff/:agency/complaints — the receiving
// agency's 政务公开监督 (oversee) or administrator:
//
//   GET  …/complaints               the list (?open=1: not yet answered; ?before=: older), the period form
//   POST …/complaints/settings      the answer period (complaint_days), open due dates recomputed
//   GET  …/complaints/:id           one complaint with the assign and answer forms
//   POST …/complaints/:id/assign    a handler's name
//   POST …/complaints/:id/answer    date, answer, result, 责任追究
//
// Thin routes: the form read as strings, one service call (one transaction with its audit entry), post-
// redirect-get; a refusal re-renders the page with the Chinese message and what was typed, writing
// nothing. Another office's complaint is not found.

import { Hono } from 'hono';
import { answerInput, assignInput } from '../../domain/complaints/inputs.ts';
import type { AnswerInput } from '../../domain/complaints/inputs.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import { agencySettings, updateAgency } from '../../services/agencies.ts';
import { getComplaint, listComplaints, recomputeComplaintDueDates } from '../../services/complaints/read.ts';
import { answerComplaint, assignComplaint } from '../../services/complaints/write.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { complaintListPage, complaintPage } from '../views/staff/complaints.tsx';
import type { AnswerValues, AssignValues } from '../views/staff/complaints.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { actorWithCalendar, auditAction, fieldError, formOf, frameOf, idParam, notFound, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = { assign: '已交办。', answer: '已答复，结果已登记。', settings: '答复期限已保存。' };
type Status = 200 | 400 | 404 | 409 | 422;

export function complaintStaffRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const office = requireAgency(['oversee', 'admin']);
  const csrf = verifyCsrf();
  const base = (c: C) => staffBase(c.var.agency.code);

  const list = async (c: C, errors: FieldError[] = [], days?: string, status: Status = 200) => {
    const raw = c.req.query('before');
    const before = raw === undefined ? null : idParam(raw);
    const open = c.req.query('open') === '1';
    const page = await listComplaints(c.var.deps.db, c.var.agency.id, { before, open });
    const settings = await agencySettings(c.var.deps.db, c.var.agency.code);
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    const value = days ?? (settings.ok ? String(settings.value.complaintDays) : '20');
    return c.html(complaintListPage(frameOf(c, 'complaints'), { base: base(c), csrf: c.var.csrf, page, today: today(c), open, days: value, errors, ...(done ? { done } : {}) }), status);
  };

  routes.get('/:agency/complaints', office, (c) => list(c));

  routes.post('/:agency/complaints/settings', office, csrf, async (c) => {
    const typed = ((await formOf(c))['complaintDays'] ?? '').trim();
    if (!/^[1-9][0-9]?$/.test(typed) || Number(typed) > 60) return list(c, [{ field: 'complaintDays', message: '答复期限应为1至60之间的整数（工作日数），例如 20。' }], typed.slice(0, 10), 422);
    const before = await agencySettings(c.var.deps.db, c.var.agency.code);
    const updated = await updateAgency(c.var.deps.db, c.var.agency.code, { complaintDays: Number(typed) });
    if (!updated.ok) return list(c, [fieldError(updated.error, 'complaintDays')], typed, 422);
    if (before.ok && before.value.complaintDays !== updated.value.complaintDays) {
      await recomputeComplaintDueDates(c.var.deps.db, await c.var.deps.calendar(), c.var.agency.id);
      await auditAction(c, 'complaint.period', `agency:${c.var.agency.code}`, { from: before.value.complaintDays, to: updated.value.complaintDays });
    }
    return c.redirect(`${base(c)}/complaints?done=settings#period`, 303);
  });

  const show = async (c: C, values: { assign?: AssignValues; answer?: AnswerValues }, errors: FieldError[], status: Status = 200) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const found = await getComplaint(c.var.deps.db, c.var.agency.id, id);
    if (!found.ok) return notFound(c);
    const done = c.req.method === 'GET' ? DONE[c.req.query('done') ?? ''] : undefined;
    return c.html(
      complaintPage(frameOf(c, 'complaints'), {
        base: base(c),
        csrf: c.var.csrf,
        complaint: found.value,
        today: today(c),
        assign: values.assign ?? {},
        answer: values.answer ?? { answeredOn: today(c) },
        errors,
        ...(done ? { done } : {}),
      }),
      status,
    );
  };

  routes.get('/:agency/complaints/:id', office, (c) => show(c, {}, []));

  routes.post('/:agency/complaints/:id/assign', office, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const assignee = (await formOf(c))['assignee'] ?? '';
    const checked = assignInput.safeParse({ assignee });
    if (!checked.success) {
      const refusal = inputRefusal(checked.error);
      return show(c, { assign: { assignee: assignee.slice(0, 100) } }, [{ field: refusal.field, message: refusal.message }], refusal.status);
    }
    const r = await assignComplaint(c.var.deps.db, c.var.agency.id, id, { assignee }, await actorWithCalendar(c));
    if (!r.ok) {
      if (r.error.code === 'COMPLAINT_NOT_FOUND') return notFound(c);
      return show(c, { assign: { assignee } }, [fieldError(r.error, 'assignee')], r.error.code === 'COMPLAINT_ANSWERED' ? 409 : 422);
    }
    return c.redirect(`${base(c)}/complaints/${id}?done=assign`, 303);
  });

  routes.post('/:agency/complaints/:id/answer', office, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const values: AnswerValues = { answeredOn: form['answeredOn'] ?? '', answer: form['answer'] ?? '', result: form['result'] ?? '', accountability: form['accountability'] ?? '' };
    const input = { ...values, result: values.result as AnswerInput['result'] } as AnswerInput;
    const checked = answerInput.safeParse(input);
    if (!checked.success) {
      const refusal = inputRefusal(checked.error);
      const cut: AnswerValues = { answeredOn: (values.answeredOn ?? '').slice(0, 40), answer: (values.answer ?? '').slice(0, 5000), result: (values.result ?? '').slice(0, 40), accountability: (values.accountability ?? '').slice(0, 5000) };
      return show(c, { answer: cut }, [{ field: refusal.field, message: refusal.message }], refusal.status);
    }
    const r = await answerComplaint(c.var.deps.db, c.var.agency.id, id, input, await actorWithCalendar(c));
    if (!r.ok) {
      if (r.error.code === 'COMPLAINT_NOT_FOUND') return notFound(c);
      return show(c, { answer: values }, [fieldError(r.error, 'answer')], r.error.code === 'COMPLAINT_ANSWERED' ? 409 : 422);
    }
    return c.redirect(`${base(c)}/complaints/${id}?done=answer#answer`, 303);
  });

  return routes;
}
