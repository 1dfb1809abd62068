// 制作文书 and the documents of an application: a notice is issued with its step (one transaction) or for
// a step recorded without one (services/notices.ts). Thin routes: parse the form, call issueDocument,
// present; refusals re-render the form with the service's Chinese message.

import { Hono } from 'hono';
import { DOCUMENT_VALUE_MAX, documentValues } from '../../domain/applications/inputs.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import type { EventInput, NoticeDelivery } from '../../domain/applications/transitions.ts';
import { NOTICE_DELIVERY_LABELS } from '../../domain/applications/transitions.ts';
import { OUTCOMES } from '../../domain/applications/types.ts';
import type { Outcome } from '../../domain/applications/types.ts';
import { DOCUMENT_KINDS } from '../../domain/documents/templates.ts';
import type { DocumentKind } from '../../domain/documents/templates.ts';
import { quote } from '../../domain/fees/fees.ts';
import type { FeeQuote } from '../../domain/fees/fees.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { agencyDocument } from '../../services/application-list.ts';
import { documentDocx, issueDocument } from '../../services/documents.ts';
import { documentPdf } from '../../services/document-pdf.ts';
import { noticePage } from '../../services/notices.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { messagePage } from '../views/message.tsx';
import { documentFormPage, STEP_FIELDS, typedPlaceholders } from '../views/staff/documents.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { actorWithCalendar, formOf, frameOf, idParam, isDate, notFound, str, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const kindOf = (k: string): DocumentKind | null => ((DOCUMENT_KINDS as readonly string[]).includes(k) ? (k as DocumentKind) : null);
const int = (s: string | undefined): number | undefined => (s !== undefined && /^-?[0-9]{1,4}$/.test(s.trim()) ? Number(s.trim()) : undefined);

export function noticeRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();

  const show = async (c: C, kind: DocumentKind | null, values: Record<string, string>, errors: FieldError[], status = 200): Promise<Response> => {
    const { db, calendar } = c.var.deps;
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const user = c.var.user as SessionUser;
    const page = await noticePage(db, c.var.agency.id, id, kind, { calendar: await calendar(), today: today(c), approve: can(user, c.var.agency.id, 'approve') });
    if (!page.ok) return notFound(c);
    const errs = kind !== null && page.value.option === null && errors.length === 0 ? [{ field: 'kind-choice', message: '此时不能出具该文书：文书须随其办理步骤一并出具，请从列出的文书中选择。' }] : errors;
    return c.html(documentFormPage(frameOf(c, 'applications'), { page: page.value, kind: page.value.option ? kind : null, values, errors: errs, csrf: c.var.csrf, today: today(c) }), status as 200);
  };

  routes.get('/:agency/applications/:id/documents', handle, (c) => {
    const k = c.req.query('kind') ?? '';
    const kind = kindOf(k);
    const errors = k !== '' && kind === null ? [{ field: 'kind-choice', message: '请选择文书种类。' }] : [];
    return show(c, kind, {}, errors);
  });

  routes.post('/:agency/applications/:id/documents', handle, csrf, async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const kind = kindOf(str(form['kind']));
    if (kind === null) return show(c, null, {}, [{ field: 'kind-choice', message: '请选择文书种类。' }], 422);
    const mode = str(form['mode']) === 'issue' ? 'issue' : 'record';
    const names = ['issuedOn', 'occurredOn', 'outcome', 'legalBasis', 'note', 'workingDays', 'party', 'partyName', 'letterReceivedOn', 'delivery', 'noticeReceivedOn', 'feeMethod', 'feeUnits', 'responsibleOrganUnknown'];
    const values: Record<string, string> = {};
    for (const n of [...names, ...typedPlaceholders(kind).map((p) => p.name)]) values[n] = str(form[n]);
    const refuse = (field: string, message: string, status = 422) => show(c, kind, values, [{ field, message }], status);
    // the field rules the API shares (each value ≤ 5,000 characters, no control characters): a request no form sends is 400
    const checked = documentValues.safeParse(values);
    if (!checked.success) {
      const refusal = inputRefusal(checked.error);
      for (const n of Object.keys(values)) values[n] = (values[n] ?? '').slice(0, DOCUMENT_VALUE_MAX);
      return refuse(refusal.field, refusal.message, refusal.status);
    }
    const v = (n: string) => (values[n] ?? '').trim();

    let step: EventInput | undefined;
    let issuedOn = v('issuedOn');
    if (mode === 'record') {
      const user = c.var.user as SessionUser;
      const page = await noticePage(c.var.deps.db, c.var.agency.id, id, kind, { calendar: await c.var.deps.calendar(), today: today(c), approve: can(user, c.var.agency.id, 'approve') });
      if (!page.ok) return notFound(c);
      const option = page.value.option;
      if (!option || option.mode !== 'record') return show(c, kind, values, [], 409);
      const type = option.step;
      const fields = STEP_FIELDS[type] ?? ['occurredOn'];
      issuedOn = v('occurredOn');
      if (!isDate(issuedOn)) return refuse('occurredOn', '日期不是有效日期，请写成 2024-03-05 的格式。');
      const outcome = v('outcome');
      if (fields.includes('outcome') && outcome !== '' && !(outcome in OUTCOMES)) return refuse('outcome', '答复结果无效，请重新选择。');
      const days = int(values['workingDays']);
      if (fields.includes('workingDays') && v('workingDays') !== '' && days === undefined) return refuse('workingDays', '请填写工作日数（整数）。');
      const delivery = v('delivery');
      step = {
        type,
        occurredOn: issuedOn,
        ...(fields.includes('outcome') && outcome !== '' ? { outcome: outcome as Outcome } : {}),
        ...(fields.includes('legalBasis') && v('legalBasis') !== '' ? { legalBasis: v('legalBasis') } : {}),
        ...(fields.includes('note') && v('note') !== '' ? { note: v('note') } : {}),
        ...(fields.includes('workingDays') && days !== undefined ? { workingDays: days } : {}),
        ...(fields.includes('party') && (v('party') === 'third_party' || v('party') === 'other_agency') ? { party: v('party') as 'third_party' | 'other_agency' } : {}),
        ...(fields.includes('partyName') ? { partyName: v('partyName') } : {}),
        ...(fields.includes('letterReceivedOn') && v('letterReceivedOn') !== '' ? { letterReceivedOn: v('letterReceivedOn') } : {}),
        ...(fields.includes('delivery') && delivery in NOTICE_DELIVERY_LABELS ? { delivery: delivery as NoticeDelivery } : {}),
        ...(fields.includes('noticeReceivedOn') && v('noticeReceivedOn') !== '' ? { noticeReceivedOn: v('noticeReceivedOn') } : {}),
      };
      // the addressee of a 征询函 is a named party
      if (type === 'start_consultation' && v('partyName') === '') return refuse('partyName', '请填写被征求意见方的名称（征求意见函的抬头），例如“示范市某某房地产开发有限公司”。');
      if (type === 'approve_extension' && !can(user, c.var.agency.id, 'approve')) return refuse('occurredOn', '延期答复须由科室负责人、分管领导或管理员批准。', 403);
    } else {
      // a notice for a step recorded without one: only while the handling still allows it (as the page offers it)
      const user = c.var.user as SessionUser;
      const page = await noticePage(c.var.deps.db, c.var.agency.id, id, kind, { calendar: await c.var.deps.calendar(), today: today(c), approve: can(user, c.var.agency.id, 'approve') });
      if (!page.ok) return notFound(c);
      if (page.value.option?.mode !== 'issue') return show(c, kind, values, [], 409);
      if (!isDate(issuedOn)) return refuse('issuedOn', '成文日期不是有效日期，请写成 2024-03-05 的格式。');
    }

    let fee: FeeQuote | undefined;
    if (kind === 'fee_notice') {
      const method = values['feeMethod'] === 'piece' ? 'piece' : 'page';
      const units = v('feeUnits');
      if (!/^[0-9]{1,7}$/.test(units)) return refuse('feeUnits', '请填写页数或件次（正整数）。');
      const q = quote(method, Number(units));
      if (!q.ok) return refuse('feeUnits', q.error.message);
      fee = q.value;
    }
    const typed: Record<string, string> = {};
    for (const p of typedPlaceholders(kind)) if (v(p.name) !== '') typed[p.name] = v(p.name);
    if (v('responsibleOrganUnknown') === '1') typed['responsibleOrganUnknown'] = '1';
    // the step and the notice are audited in their transaction
    const r = await issueDocument(c.var.deps.db, c.var.agency.id, id, { kind, issuedOn, values: typed, ...(step ? { step } : {}), ...(fee ? { fee } : {}) }, await actorWithCalendar(c));
    if (!r.ok) {
      if (statusOf(r.error) === 404) return notFound(c);
      const known = [...names, ...typedPlaceholders(kind).map((p) => p.name)];
      const field = r.error.field && known.includes(r.error.field) ? r.error.field : mode === 'record' ? 'occurredOn' : 'issuedOn';
      return refuse(field, r.error.message, statusOf(r.error));
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/applications/${id}?done=document#documents`, 303);
  });

  routes.get('/:agency/documents/:file', read, async (c) => {
    const m = /^([1-9][0-9]{0,14})(\.docx|\.pdf)?$/.exec(c.req.param('file'));
    if (!m) return notFound(c);
    const id = Number(m[1]);
    const { db, config } = c.var.deps;
    if (m[2] === '.pdf') {
      // kept, or printed now and kept (services/document-pdf.ts); no browser: the page says what to install
      const user = c.var.user as SessionUser;
      const pdf = await documentPdf(db, c.var.agency.id, id, { chromiumPath: config.chromiumPath, searchPath: config.searchPath }, { userId: user.id, ip: await clientIp(c), now: c.var.deps.now(), via: 'web' });
      if (!pdf.ok) {
        if (statusOf(pdf.error) === 404) return notFound(c);
        return c.html(messagePage({ title: 'PDF暂时无法生成', message: pdf.error.message, home: `${staffBase(c.var.agency.code)}/applications`, site: '政府信息公开工作平台' }), 503);
      }
      return c.body(new Uint8Array(pdf.value.bytes), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="document-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(`${pdf.value.number}.pdf`)}`,
      });
    }
    if (m[2]) {
      const docx = await documentDocx(db, c.var.agency.id, id);
      if (!docx.ok) return notFound(c);
      return c.body(new Uint8Array(docx.value.bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Disposition': `attachment; filename="document-${id}.docx"; filename*=UTF-8''${encodeURIComponent(`${docx.value.number}.docx`)}`,
      });
    }
    const doc = await agencyDocument(db, c.var.agency.id, id);
    if (!doc.ok) return notFound(c);
    // the stored printable page: rendered with every value escaped (documents/render.ts)
    return c.html(doc.value.html);
  });

  return routes;
}
