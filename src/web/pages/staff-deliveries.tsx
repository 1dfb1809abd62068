// 登记送达 on the application page (issue #17): the delivery of one notice of the application — method,
// tracking number, date, evidence — recorded by services/deliveries.ts (with the reply's 送达 step, audited,
// in one transaction); a refusal re-renders the application page with the form open and the Chinese message.

import { Hono } from 'hono';
import { z } from 'zod';
import { parseDeliveryMethod } from '../../domain/documents/delivery.ts';
import { recordDelivery } from '../../services/deliveries.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import type { FailedDelivery } from '../views/staff/application-deliveries.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { actorWithCalendar, fieldError, formOf, idParam, notFound } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const deliveryForm = z.object({
  documentId: z.string().regex(/^[0-9]{1,12}$/),
  method: z.string().max(20).default(''),
  trackingNumber: z.string().max(200).default(''),
  deliveredOn: z.string().max(40).default(''),
  evidence: z.string().max(4000).default(''),
});

export function deliveryRoutes(show: (c: C, extra: { deliveryFailed: FailedDelivery; status: number }) => Promise<Response>): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post('/:agency/applications/:id/deliveries', requireAgency('handle'), verifyCsrf(), async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const form = await formOf(c);
    const parsed = deliveryForm.safeParse(form);
    if (!parsed.success) return notFound(c);
    const f = parsed.data;
    const documentId = Number(f.documentId);
    const values = { method: f.method, trackingNumber: f.trackingNumber.slice(0, 200), deliveredOn: f.deliveredOn, evidence: f.evidence.slice(0, 4000) };
    const method = parseDeliveryMethod(f.method);
    const refuse = (field: string, message: string, status: number) => show(c, { deliveryFailed: { documentId, values, errors: [{ field, message }] }, status });
    if (method === null) return refuse('method', '请选择送达方式：当面、邮寄、电子邮件或在线。', 422);
    const r = await recordDelivery(
      c.var.deps.db,
      c.var.agency.id,
      id,
      { documentId, method, deliveredOn: f.deliveredOn.trim(), ...(f.trackingNumber.trim() !== '' ? { trackingNumber: f.trackingNumber } : {}), ...(f.evidence.trim() !== '' ? { evidence: f.evidence } : {}) },
      await actorWithCalendar(c),
    );
    if (!r.ok) {
      if (r.error.code === 'APPLICATION_NOT_FOUND') return notFound(c);
      const e = fieldError(r.error, 'deliveredOn');
      return refuse(e.field, e.message, statusOf(r.error) === 404 ? 422 : statusOf(r.error));
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/applications/${id}?done=delivery#delivery-${documentId}`, 303);
  });
  return routes;
}
