// Personal data through the pages and the API (issue #10 §5): a 监督 sees the masked ID number on the list,
// the application, the API and the ledger; the handler and the leaders see it whole after a deliberate,
// audited reveal; the identity proof opens for them only; every API write is audited like the page; no
// staff page, download or API answer may be kept by a cache.

import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { registerApplication } from '../../src/services/applications.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { person, submitWithProof } from '../support/people.ts';
import type { Person } from '../support/people.ts';
import { appFor, NOW, TODAY, who } from './staff-support.ts';

const ID = '11010519491231002X';
const MASKED = '1101**********002X';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const REPLY_VALUES = { reason: '经审查，该信息可以公开', deliveryMethod: '电子邮件', deliveryPlace: '申请时登记的电子邮箱', deliveryTime: '与本告知书一并发送', reviewBody: '某市人民政府' };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

describe.each(webEngines())('personal data on the pages and the API, on %s', (engine) => {
  const t = useDatabase(engine);
  const code = 'pv';
  let agencyId = 0;
  let people: Record<'handler' | 'clerk' | 'supervisor' | 'leader' | 'admin' | 'otherHandler', Person>;
  let applicationId = 0;
  let onlineId = 0;
  let pngUpload = 0;
  let pdfUpload = 0;
  let documentId = 0;

  const page = (p: Person, path: string, init: RequestInit = {}) => appFor(t.db).request(path, { ...init, headers: { cookie: p.cookie, ...(init.headers ?? {}) } });
  const form = (p: Person, path: string, fields: Record<string, string> = {}) =>
    page(p, path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: p.csrf }).toString() });
  const api = (p: Person, method: string, path: string, body?: unknown) =>
    appFor(t.db).request(path, { method, headers: { authorization: `Bearer ${p.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const audits = (action: string) => t.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute();
  const base = `/staff/${code}`;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code, name: '某市隐私局', level: 'department' }, NOW);
    const b = await createAgency(t.db, { code: 'pv-b', name: '某市另一局', level: 'department' }, NOW);
    if (!a.ok || !b.ok) throw new Error('agencies');
    agencyId = a.value.id;
    people = {
      handler: await person(t.db, NOW, agencyId, 'handler', { name: 'chengban', displayName: '王承办' }),
      clerk: await person(t.db, NOW, agencyId, 'handler', { name: 'clerk' }),
      supervisor: await person(t.db, NOW, agencyId, 'supervisor'),
      leader: await person(t.db, NOW, agencyId, 'leader'),
      admin: await person(t.db, NOW, agencyId, 'admin'),
      otherHandler: await person(t.db, NOW, b.value.id, 'handler'),
    };
    const r = await registerApplication(
      t.db,
      agencyId,
      { applicantType: 'natural_person', applicantName: '张三', idKind: 'resident_id', idNumber: ID, channel: 'in_person', submittedOn: TODAY, request: '某地块征收批复', handler: '王承办' },
      who,
    );
    if (!r.ok) throw new Error(r.error.message);
    applicationId = r.value.id;
    const doc = await issueDocument(t.db, agencyId, applicationId, { kind: 'reply', issuedOn: TODAY, values: REPLY_VALUES, step: { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' } }, who);
    if (!doc.ok) throw new Error(doc.error.message);
    documentId = doc.value.id;
    onlineId = await submitWithProof(t.db, code, ID, PNG, NOW);
    await t.db.updateTable('applications').set({ handler: '王承办' }).where('id', '=', onlineId).execute();
    pngUpload = (await t.db.selectFrom('uploads').select('id').where('applicationId', '=', onlineId).executeTakeFirstOrThrow()).id;
    const pdf = await t.db
      .insertInto('uploads')
      .values({ agencyId, applicationId: onlineId, kind: 'identity_proof', mediaType: 'application/pdf', fileName: '营业执照.pdf', size: PDF.length, sha256: 'x', content: PDF, createdAt: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    pdfUpload = pdf.id;
  }, 120_000); // users with argon2 hashes: slow on a busy machine

  it('shows a 监督 the masked number on the list, the application, the API and the ledger — never the whole one', async () => {
    const p = people.supervisor;
    const list = await (await page(p, `${base}/applications`)).text();
    expect(list).toContain('张三');
    expect(list).not.toContain(ID);
    const detail = await page(p, `${base}/applications/${applicationId}`);
    const html = await detail.text();
    expect(detail.status).toBe(200);
    expect(html).toContain(MASKED);
    expect(html).not.toContain(ID);
    expect(html).not.toContain(`/applications/${applicationId}/identity"`); // no reveal for a 监督
    const onlineHtml = await (await page(p, `${base}/applications/${onlineId}`)).text();
    expect(onlineHtml).not.toContain(`identity-proof/${pngUpload}`);

    const shown = await api(p, 'GET', `/api/v1/applications/${applicationId}?agency=${code}`);
    const body = JSON.stringify(await shown.json());
    expect(body).toContain(MASKED);
    expect(body).not.toContain(ID);
    expect(JSON.stringify(await (await api(p, 'GET', `/api/v1/applications?agency=${code}`)).json())).not.toContain(ID);
    const revealed = await api(p, 'GET', `/api/v1/applications/${applicationId}?agency=${code}&reveal=idNumber`);
    expect(revealed.status).toBe(403);
    expect(((await revealed.json()) as { error: { message: string } }).error.message).toMatch(/承办人/);

    for (const format of ['csv', 'xlsx'] as const) {
      const ledger = await page(p, `${base}/ledger.${format}`);
      expect(ledger.status, format).toBe(200);
      expect(ledger.headers.get('content-disposition')).toMatch(/^attachment;/);
      const bytes = new Uint8Array(await ledger.arrayBuffer());
      if (format === 'csv') {
        expect(new TextDecoder().decode(bytes)).toContain(MASKED);
        expect(new TextDecoder().decode(bytes)).not.toContain(ID);
      }
    }
    expect((await page(p, `${base}/ledger.csv?full=1`)).status).toBe(403);
    expect((await form(p, `${base}/applications/${applicationId}/identity`)).status).toBe(403);
    expect(await audits('id_number.view')).toHaveLength(0);
  });

  it('shows the handler the masked number until a deliberate reveal, which is audited; another clerk is refused', async () => {
    const detail = await (await page(people.handler, `${base}/applications/${applicationId}`)).text();
    expect(detail).toContain(MASKED);
    expect(detail).not.toContain(ID);
    expect(detail).toContain(`action="${base}/applications/${applicationId}/identity"`);
    // without the CSRF token: refused
    const forged = await page(people.handler, `${base}/applications/${applicationId}/identity`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).toBe(403);
    const reveal = await form(people.handler, `${base}/applications/${applicationId}/identity`);
    expect(reveal.status).toBe(200);
    expect(reveal.headers.get('cache-control')).toBe('no-store');
    const shown = await reveal.text();
    expect(shown).toContain(ID);
    expect(shown).toContain('审计日志');
    const entries = await audits('id_number.view');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: people.handler.user.id, agencyId, target: `application:${applicationId}` });
    expect((await form(people.clerk, `${base}/applications/${applicationId}/identity`)).status).toBe(403);
    expect((await form(people.otherHandler, `${base}/applications/${applicationId}/identity`)).status).toBe(404);
    expect((await form(people.handler, `${base}/applications/99999999/identity`)).status).toBe(404);
    // the audit page says it in words, with the application as a link
    const log = await (await page(people.admin, `${base}/audit`)).text();
    expect(log).toMatch(/查看申请 \S+ 的完整证件号码/);
    expect(log).toContain(`href="${base}/applications/${applicationId}"`);
  });

  it('gives a leader the whole number through the API when asked, audited; the whole ledger to the leaders only', async () => {
    const r = await api(people.leader, 'GET', `/api/v1/applications/${applicationId}?agency=${code}&reveal=idNumber`);
    expect(r.status).toBe(200);
    expect(JSON.stringify(await r.json())).toContain(ID);
    const entry = (await audits('id_number.view')).at(-1);
    expect(entry).toMatchObject({ userId: people.leader.user.id, target: `application:${applicationId}` });
    expect(entry?.detail).toMatchObject({ via: 'api' });
    expect((await api(people.leader, 'GET', `/api/v1/applications/${applicationId}?agency=${code}&reveal=phone`)).status).toBe(400);

    const whole = await page(people.admin, `${base}/ledger.csv?full=1`);
    expect(whole.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await whole.arrayBuffer()))).toContain(ID);
    expect((await page(people.handler, `${base}/ledger.csv?full=1`)).status).toBe(403);
    expect((await page(people.admin, `${base}/ledger.csv?full=yes`)).status).toBe(400);
    const exports = await audits('ledger.export');
    expect(exports.at(-1)).toMatchObject({ userId: people.admin.user.id, agencyId });
    expect(exports.at(-1)?.detail).toMatchObject({ full: true, format: 'csv' });
  });

  it('opens the identity proof for the handler and the leaders (audited, safe headers), 403 for the others, 404 elsewhere', async () => {
    const detail = await (await page(people.handler, `${base}/applications/${onlineId}`)).text();
    expect(detail).toContain(`${base}/applications/${onlineId}/identity-proof/${pngUpload}`);
    const png = await page(people.handler, `${base}/applications/${onlineId}/identity-proof/${pngUpload}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    expect(png.headers.get('cache-control')).toBe('no-store');
    expect(png.headers.get('content-disposition')).toMatch(/^inline;/);
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([...PNG]);
    const pdf = await page(people.leader, `${base}/applications/${onlineId}/identity-proof/${pdfUpload}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment;/);
    const entries = await audits('identity_proof.view');
    expect(entries.map((e) => e.target)).toEqual([`upload:${pngUpload}`, `upload:${pdfUpload}`]);

    expect((await page(people.supervisor, `${base}/applications/${onlineId}/identity-proof/${pngUpload}`)).status).toBe(403);
    expect((await page(people.clerk, `${base}/applications/${onlineId}/identity-proof/${pngUpload}`)).status).toBe(403);
    expect((await page(people.admin, `${base}/applications/${applicationId}/identity-proof/${pngUpload}`)).status).toBe(404);
    expect((await page(people.admin, `${base}/applications/${onlineId}/identity-proof/abc`)).status).toBe(404);
    expect((await page(people.otherHandler, `${base}/applications/${onlineId}/identity-proof/${pngUpload}`)).status).toBe(404);
    expect(await audits('identity_proof.view')).toHaveLength(2);
  });

  it('audits every API write as the page does: registration, a step, a notice', async () => {
    const created = await api(people.handler, 'POST', `/api/v1/applications?agency=${code}`, {
      applicantType: 'natural_person',
      applicantName: '赵六',
      idKind: 'resident_id',
      idNumber: ID,
      channel: 'in_person',
      submittedOn: TODAY,
      request: '某道路规划许可',
    });
    expect(created.status).toBe(201);
    const { application } = (await created.json()) as { application: { id: number; number: string; idNumber: string } };
    expect(application.idNumber).toBe(MASKED);
    const register = (await audits('application.register')).at(-1);
    expect(register).toMatchObject({ userId: people.handler.user.id, agencyId, target: `application:${application.id}` });
    expect(register?.detail).toMatchObject({ number: application.number, via: 'api' });

    const step = await api(people.handler, 'POST', `/api/v1/applications/${application.id}/events?agency=${code}`, { type: 'assign', occurredOn: TODAY, handler: '王承办' });
    expect(step.status).toBe(200);
    const event = (await audits('application.event')).at(-1);
    expect(event).toMatchObject({ userId: people.handler.user.id, target: `application:${application.id}` });
    expect(event?.detail).toMatchObject({ type: 'assign', occurredOn: TODAY, via: 'api' });

    const eventsBefore = (await audits('application.event')).length;
    const notice = await api(people.handler, 'POST', `/api/v1/applications/${application.id}/documents?agency=${code}`, { kind: 'reply', values: REPLY_VALUES, step: { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' } });
    expect(notice.status).toBe(201);
    const { document } = (await notice.json()) as { document: { id: number; number: string } };
    const issued = (await audits('document.issue')).at(-1);
    expect(issued).toMatchObject({ userId: people.handler.user.id, target: `document:${document.id}` });
    expect(issued?.detail).toMatchObject({ applicationId: application.id, kind: 'reply', number: document.number });
    expect(await audits('application.event')).toHaveLength(eventsBefore + 1);

    // a refused write leaves no entry
    const before = (await t.db.selectFrom('auditLog').select('id').execute()).length;
    expect((await api(people.handler, 'POST', `/api/v1/applications/${application.id}/events?agency=${code}`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' })).status).toBe(409);
    expect(await t.db.selectFrom('auditLog').select('id').execute()).toHaveLength(before);
  });

  it('writes one audit entry for a registration through the page (not two)', async () => {
    const before = (await audits('application.register')).length;
    const r = await form(people.handler, `${base}/applications/new`, { applicantType: 'natural_person', applicantName: '钱七', channel: 'in_person', submittedOn: TODAY, request: '某文件' });
    expect(r.status).toBe(303);
    const entries = await audits('application.register');
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)?.detail).toMatchObject({ via: 'web' });
  });

  it('sends Cache-Control: no-store with every staff page, download and API answer', async () => {
    const responses = [
      await page(people.supervisor, `${base}`),
      await page(people.supervisor, `${base}/applications`),
      await page(people.supervisor, `${base}/applications/${applicationId}`),
      await page(people.supervisor, `${base}/documents/${documentId}`),
      await page(people.supervisor, `${base}/documents/${documentId}.docx`),
      await page(people.supervisor, `${base}/ledger.csv`),
      await page(people.supervisor, `${base}/applications/424242`),
      await appFor(t.db).request('/staff/login'),
      await api(people.supervisor, 'GET', `/api/v1/applications?agency=${code}`),
      await api(people.supervisor, 'GET', `/api/v1/applications/${applicationId}?agency=${code}`),
      await appFor(t.db).request('/api/v1/applications'),
      await appFor(t.db).request('/setup'),
    ];
    for (const r of responses) expect(r.headers.get('cache-control'), r.url).toBe('no-store');
    expect(responses[4]?.headers.get('content-type')).toMatch(/wordprocessingml/);
    // the public column, the same for everyone, keeps its own caching
    const column = await appFor(t.db).request(`/${code}/`);
    expect(column.status).toBe(200);
    expect(column.headers.get('cache-control')).not.toContain('no-store');
  });
});
