// 登记申请: a paper application registered by the official (the form's fields checked by the rules the
// API shares, registerInput), with its scanned application attached when there is one — both kept in one
// transaction (services/application-scans.ts) — and the scan opened from the application page by whom
// may see the applicant's personal data (audited). 获取信息的方式 and 承办人 are chosen from lists
// (services/application-choices.ts).

import { Hono } from 'hono';
import { registerInput } from '../../domain/applications/inputs.ts';
import type { ApplicantType } from '../../domain/applications/types.ts';
import { inputRefusal } from '../../domain/text-rules.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { DELIVERY_CHOICES, handlerChoices } from '../../services/application-choices.ts';
import { openApplicationScan, registerWithScan, SCAN_FIELD } from '../../services/application-scans.ts';
import type { ScanFile } from '../../services/application-scans.ts';
import type { RegisterInput } from '../../services/applications.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { messagePage } from '../views/message.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { REGISTER_FIELDS, registerPage } from '../views/staff/register.tsx';
import type { RegisterValues } from '../views/staff/register.tsx';
import { actorWithCalendar, fieldError, frameOf, idParam, notFound, str, today } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

/** Shown in the browser: pictures only (a PDF may carry scripts and forms: downloaded). */
const INLINE_TYPES: readonly string[] = ['image/png', 'image/jpeg'];
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

export function intakeRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const read = requireAgency('read');
  const handle = requireAgency('handle');
  const csrf = verifyCsrf();

  const show = async (c: C, values: RegisterValues, errors: FieldError[], status: 200 | 400 | 409 | 413 | 422 = 200) => {
    const choices = { delivery: DELIVERY_CHOICES, handlers: await handlerChoices(c.var.deps.db, c.var.agency.id) };
    return c.html(registerPage(frameOf(c, 'new'), { values, errors, csrf: c.var.csrf, choices }), status);
  };

  routes.get('/:agency/applications/new', handle, (c) => show(c, { submittedOn: today(c), channel: 'in_person', applicantType: 'natural_person' }, []));

  routes.post('/:agency/applications/new', handle, csrf, async (c) => {
    const body = await c.req.parseBody();
    const values: RegisterValues = {};
    for (const f of REGISTER_FIELDS) values[f] = str(body[f]);
    // the field rules the API shares (lengths, no control characters): a request no form sends is 400
    const checked = registerInput.safeParse(values);
    if (!checked.success) {
      const refusal = inputRefusal(checked.error);
      for (const f of REGISTER_FIELDS) values[f] = (values[f] ?? '').slice(0, f === 'request' ? 20_000 : 300);
      return show(c, values, [{ field: refusal.field, message: refusal.message }], refusal.status);
    }
    const given = (f: (typeof REGISTER_FIELDS)[number]): string | undefined => {
      const v = (values[f] ?? '').trim();
      return v === '' ? undefined : v;
    };
    const input: RegisterInput = {
      applicantType: (values.applicantType ?? '') as ApplicantType,
      applicantName: values.applicantName ?? '',
      channel: (values.channel ?? '') as RegisterInput['channel'],
      submittedOn: values.submittedOn ?? '',
      request: values.request ?? '',
      contact: values.contact ?? '',
      address: values.address ?? '',
      deliveryForm: values.deliveryForm ?? '',
      ...(given('number') ? { number: given('number') } : {}),
      ...(given('idKind') ? { idKind: given('idKind') as RegisterInput['idKind'] } : {}),
      ...(given('idNumber') ? { idNumber: given('idNumber') } : {}),
      ...(given('receivedOn') ? { receivedOn: given('receivedOn') } : {}),
      ...(given('handler') ? { handler: given('handler') } : {}),
    };
    // the scan: a file chosen (no file: the browser sends an empty part without a name)
    const file = body[SCAN_FIELD];
    const scan: ScanFile | null = file instanceof File && (file.size > 0 || file.name !== '') ? { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type, name: file.name } : null;
    const r = await registerWithScan(c.var.deps.db, c.var.agency.id, input, scan, await actorWithCalendar(c)); // audited in its transaction
    if (!r.ok) {
      const errors = [fieldError(r.error, 'applicantName')];
      if (scan !== null && r.error.field !== SCAN_FIELD) errors.push({ field: SCAN_FIELD, message: '申请未登记，所选的扫描件也没有保存：改正上面的问题后，请重新选择扫描件。' });
      return show(c, values, errors, statusOf(r.error) as 409 | 422);
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/applications/${r.value.id}?done=register`, 303);
  });

  routes.get('/:agency/applications/:id/scans/:upload', read, async (c) => {
    const id = idParam(c.req.param('id'));
    const upload = idParam(c.req.param('upload'));
    if (id === null || upload === null) return notFound(c);
    const viewer = { user: c.var.user as SessionUser, ip: await clientIp(c), now: c.var.deps.now(), via: 'web' as const };
    const scan = await openApplicationScan(c.var.deps.db, c.var.agency.id, id, upload, viewer);
    if (!scan.ok) {
      if (statusOf(scan.error) === 404) return notFound(c);
      return c.html(messagePage({ title: '没有权限', message: scan.error.message, home: '/staff', site: '政府信息公开工作平台' }), 403);
    }
    const { mediaType, fileName, bytes } = scan.value;
    const disposition = INLINE_TYPES.includes(mediaType) ? 'inline' : 'attachment';
    const ascii = `application-scan-${scan.value.id}.${EXTENSIONS[mediaType] ?? 'bin'}`;
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': mediaType,
      'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return routes;
}
