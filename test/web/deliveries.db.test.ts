// 登记送达 on the staff application page (issue #17): each issued notice with its delivery form; a refusal
// re-renders the page with the Chinese message and the values typed, writing nothing; a recorded delivery
// is shown (method, date, evidence), audited, and the remedy deadlines run from it; a 监督 sees no form and
// may not post; the dashboard lists the reply not yet delivered.

import { beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, post, who, world } from './staff-support.ts';
import type { World } from './staff-support.ts';

const REPLY_VALUES = { reason: '经审查', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '示范市人民政府' };

describe.each(webEngines())('登记送达 on the application page on %s', (engine) => {
  const t = useDatabase(engine);
  let w: World;
  let id = 0;
  let documentId = 0;
  const path = () => `/staff/${w.a.code}/applications/${id}`;

  beforeAll(async () => {
    w = await world(t.db, 'dlv');
    const r = await registerApplication(t.db, w.a.id, { number: 'S-1', applicantType: 'natural_person', applicantName: '张三', channel: 'in_person', submittedOn: '2024-11-01', request: '某文件' }, who);
    if (!r.ok) throw new Error(r.error.message);
    id = r.value.id;
    const doc = await issueDocument(t.db, w.a.id, id, { kind: 'reply', issuedOn: '2024-11-11', values: REPLY_VALUES, step: { type: 'reply', occurredOn: '2024-11-11', outcome: 'OPEN_PROVIDE' } }, who);
    if (!doc.ok) throw new Error(doc.error.message);
    documentId = doc.value.id;
  });

  it('offers the form to a handler, not to a 监督; the dashboard lists the reply not delivered', async () => {
    const app = appFor(t.db);
    const page = await (await get(app, w.handler, path())).text();
    expect(page).toContain(`id="delivery-form-${documentId}"`);
    expect(page).toContain('尚未登记送达');
    expect(await (await get(app, w.supervisor, path())).text()).not.toContain(`id="delivery-form-${documentId}"`);
    const dashboard = await (await get(app, w.handler, `/staff/${w.a.code}`)).text();
    expect(dashboard).toContain('已答复未登记送达（1件）');
    expect(dashboard).toContain(`href="/staff/${w.a.code}/applications/${id}#deliveries"`);
    const denied = await post(app, w.supervisor, `${path()}/deliveries`, { documentId: String(documentId), method: 'in_person', deliveredOn: '2024-11-12' });
    expect(denied.status).toBe(403);
  });

  it('re-renders a refusal with its message and values, writing nothing', async () => {
    const before = await snapshot(t.db);
    const r = await post(appFor(t.db), w.handler, `${path()}/deliveries`, { documentId: String(documentId), method: 'post', trackingNumber: '', deliveredOn: '2024-11-12', evidence: '邮政签收记录' });
    expect(r.status).toBe(422);
    const html = await r.text();
    expect(html).toContain('邮寄送达须填写邮件号码（挂号信或快递单号）。');
    expect(html).toContain(`href="#delivery-${documentId}-trackingNumber"`);
    expect(html).toContain('邮政签收记录');
    const early = await post(appFor(t.db), w.handler, `${path()}/deliveries`, { documentId: String(documentId), method: 'in_person', deliveredOn: '2024-11-10' });
    expect([early.status, (await early.text()).includes('早于')]).toEqual([422, true]);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('records the delivery: shown with its method, date and evidence, audited, the deadlines from it', async () => {
    const app = appFor(t.db);
    const r = await post(app, w.handler, `${path()}/deliveries`, { documentId: String(documentId), method: 'post', trackingNumber: 'XA123456789CN', deliveredOn: '2024-11-13', evidence: '邮政签收记录' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${path()}?done=delivery#delivery-${documentId}`);
    const html = await (await get(app, w.handler, `${path()}?done=delivery`)).text();
    expect(html).toContain('已登记送达。');
    expect(html).toContain('2024-11-13 邮寄送达（邮件号码 XA123456789CN）；凭证：邮政签收记录');
    // 2024-11-13 + 60 days: November 17 more (to 11-30), December 31, January 12 → Sunday 2025-01-12 → Monday 2025-01-13
    expect(html).toContain('2025-01-13');
    expect(html).toContain('2024-11-13（答复送达申请人之日）');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target']).where('action', '=', 'document.deliver').execute();
    expect(audit).toEqual([{ action: 'document.deliver', target: `document:${documentId}` }]);
    const second = await post(app, w.handler, `${path()}/deliveries`, { documentId: String(documentId), method: 'in_person', deliveredOn: '2024-11-14' });
    expect(second.status).toBe(409);
    expect(await (await get(app, w.handler, `/staff/${w.a.code}`)).text()).toContain('已答复未登记送达（0件）');
  });
});
