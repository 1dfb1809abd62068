// 在线送达 (services/online-delivery.ts): an applicant opening the reply on their own status page records its
// delivery by the method 在线, dated that day (Beijing), once, with its 送达 step and the applicant's audit
// entry; the status page then gives the remedy deadlines from it. Another notice, or a reply the office
// already recorded as delivered, records nothing.

import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { NOW, publicApp, TODAY, validFields, Visitor } from './public-support.ts';

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const who = { actor: 'tester', now: NOW, today: TODAY, calendar };
const REPLY_VALUES = { reason: '经审查', deliveryMethod: '在线', deliveryPlace: '本平台', deliveryTime: '即时', reviewBody: '示范市人民政府' };

describe.each(webEngines())('在线送达 on the applicant’s page on %s', (engine) => {
  const t = useDatabase(engine);

  it('records the reply’s online delivery on its first opening, once; the page then gives the deadlines', async () => {
    const code = 'online-d';
    const agency = await createAgency(t.db, { code, name: '某市某局', level: 'department' }, NOW);
    if (!agency.ok) throw new Error(agency.error.message);
    const visitor = new Visitor(publicApp(t.db));
    const posted = await visitor.submit(`/${code}/apply`, `/${code}/apply`, validFields({}), true);
    expect(posted.status).toBe(303);
    const receipt = await (await visitor.get(`/${code}/apply/receipt`)).text();
    const [receiptCode, password] = [...receipt.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
    const app = await t.db.selectFrom('applications').select(['id', 'receivedOn']).where('agencyId', '=', agency.value.id).executeTakeFirstOrThrow();
    expect((await recordEvent(t.db, agency.value.id, app.id, { type: 'assign', occurredOn: TODAY, handler: '李经办' }, who)).ok).toBe(true);
    const ext = await issueDocument(t.db, agency.value.id, app.id, { kind: 'extension_notice', issuedOn: TODAY, values: { reason: '需要调取档案' }, step: { type: 'approve_extension', occurredOn: TODAY, workingDays: 20 } }, who);
    const reply = await issueDocument(t.db, agency.value.id, app.id, { kind: 'reply', issuedOn: TODAY, values: REPLY_VALUES, step: { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' } }, who);
    if (!ext.ok || !reply.ok) throw new Error('documents');
    await visitor.submit(`/${code}/status`, `/${code}/status`, { code: receiptCode ?? '', password: password ?? '' });
    expect(await (await visitor.get(`/${code}/status/result`)).text()).not.toContain('申请行政复议和提起行政诉讼的期限');

    // another notice opened: nothing recorded
    expect((await visitor.get(`/${code}/status/documents/${ext.value.id}`)).status).toBe(200);
    expect(await t.db.selectFrom('documentDeliveries').selectAll().execute()).toEqual([]);
    // the reply opened, twice: one delivery, 在线, dated today (Beijing), with the 送达 step and the audit entry
    expect((await visitor.get(`/${code}/status/documents/${reply.value.id}`)).status).toBe(200);
    expect((await visitor.get(`/${code}/status/documents/${reply.value.id}.docx`)).status).toBe(200);
    const rows = await t.db.selectFrom('documentDeliveries').select(['documentId', 'method', 'deliveredOn', 'recordedBy']).execute();
    expect(rows).toEqual([{ documentId: reply.value.id, method: 'online', deliveredOn: TODAY, recordedBy: 'online' }]);
    const events = await t.db.selectFrom('applicationEvents').select(['type', 'occurredOn', 'actor']).where('applicationId', '=', app.id).orderBy('seq', 'desc').limit(1).execute();
    expect(events).toEqual([{ type: 'deliver', occurredOn: TODAY, actor: 'online' }]);
    const audit = await t.db.selectFrom('auditLog').select(['userId', 'target']).where('action', '=', 'document.deliver').execute();
    expect(audit).toEqual([{ userId: null, target: `document:${reply.value.id}` }]);
    const page = await (await visitor.get(`/${code}/status/result`)).text();
    expect(page).toContain('申请行政复议和提起行政诉讼的期限');
    expect(page).toContain('申请行政复议期限（行政复议法第二十条）');
    expect(page).toContain('直接起诉期限（行政诉讼法第四十六条）');
  });
});
