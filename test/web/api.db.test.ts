// The JSON API under /api/v1: token authentication, the same services as the pages, agency scoping,
// typed errors with Chinese messages, and a valid OpenAPI document.

import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, NOW, TODAY } from './staff-support.ts';

describe.each(webEngines())('API on %s', (engine) => {
  const ctx = useDatabase(engine);
  let tokenA = '';
  let tokenB = '';
  let supervisorToken = '';

  const call = (token: string | null, method: string, path: string, body?: unknown) =>
    appFor(ctx.db).request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    const make = async (code: string, role: 'handler' | 'supervisor', agencyCode = code) => {
      let agency = await createAgency(ctx.db, { code: agencyCode, name: `${agencyCode}局`, level: 'department' }, NOW);
      if (!agency.ok && agency.error.code === 'AGENCY_CODE_TAKEN') {
        const existing = await ctx.db.selectFrom('agencies').select(['id', 'code', 'name']).where('code', '=', agencyCode).executeTakeFirstOrThrow();
        agency = { ok: true, value: { id: existing.id, code: existing.code, name: existing.name, level: 'department', parentCode: null } };
      }
      if (!agency.ok) throw new Error(agency.error.message);
      const user = await createUser(ctx.db, { username: `${code}-${role}`, displayName: code, password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      await addMembership(ctx.db, user.value.id, agency.value.id, role);
      const token = await createApiToken(ctx.db, user.value.id, 'test', NOW);
      if (!token.ok) throw new Error(token.error.message);
      return token.value.token;
    };
    tokenA = await make('apia', 'handler');
    tokenB = await make('apib', 'handler');
    supervisorToken = await make('apisup', 'supervisor', 'apia');
  });

  it('serves a valid OpenAPI document without a token', async () => {
    const res = await call(null, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/applications', '/applications/{id}', '/applications/{id}/events', '/applications/{id}/deliveries', '/reports/{year}']));
    // the schemas compile (JSON Schema 2020-12, as OpenAPI 3.1 uses)
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(() => ajv.compile(schema as object), name).not.toThrow();
  });

  it('refuses a request without a valid token, in Chinese', async () => {
    for (const token of [null, 'gk_not-a-token']) {
      const res = await call(token, 'GET', '/api/v1/applications');
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('UNAUTHENTICATED');
      expect(body.error.message).toMatch(/令牌/);
    }
  });

  it('registers, lists, shows and handles an application; the report counts it', async () => {
    const created = await call(tokenA, 'POST', '/api/v1/applications', {
      applicantType: 'natural_person',
      applicantName: '<b>张三</b>',
      channel: 'in_person',
      submittedOn: TODAY,
      request: '某地块的征收批复',
    });
    expect(created.status).toBe(201);
    const { application } = (await created.json()) as { application: { id: number; number: string; state: string } };
    expect(application.state).toBe('registered');
    const list = (await (await call(tokenA, 'GET', '/api/v1/applications?q=征收')).json()) as { items: { id: number }[]; total: number };
    expect(list.items.map((i) => i.id)).toContain(application.id);
    const shown = (await (await call(tokenA, 'GET', `/api/v1/applications/${application.id}`)).json()) as { clocks: { id: string; due: string | null }[] };
    expect(shown.clocks.find((c) => c.id === 'reply')?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const replied = await call(tokenA, 'POST', `/api/v1/applications/${application.id}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'PARTIAL' });
    expect(replied.status).toBe(200);
    const report = (await (await call(tokenA, 'GET', `/api/v1/reports/${TODAY.slice(0, 4)}`)).json()) as { applications: { rows: { partlyGranted: number[] } } };
    expect(report.applications.rows.partlyGranted[6]).toBeGreaterThanOrEqual(1);
    const cell = (await (await call(tokenA, 'GET', `/api/v1/reports/${TODAY.slice(0, 4)}/cells/partlyGranted/0`)).json()) as { applications: { id: number }[] };
    expect(cell.applications.map((a) => a.id)).toContain(application.id);
  });

  it('records the delivery of the reply (送达): the remedy windows run from it; refusals are typed and write nothing', async () => {
    const created = await call(tokenA, 'POST', '/api/v1/applications', { applicantType: 'natural_person', applicantName: '李四', channel: 'in_person', submittedOn: TODAY, request: '某路段的规划许可' });
    const { application } = (await created.json()) as { application: { id: number } };
    const path = `/api/v1/applications/${application.id}/deliveries`;
    // nothing issued yet: no notice to deliver
    const early = await call(tokenA, 'POST', path, { method: 'in_person', deliveredOn: TODAY });
    expect([early.status, ((await early.json()) as { error: { code: string } }).error.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
    const values = { reason: '经审查', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '示范市人民政府' };
    const notice = await call(tokenA, 'POST', `/api/v1/applications/${application.id}/documents`, { kind: 'reply', values, step: { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' } });
    expect(notice.status).toBe(201);
    const { document } = (await notice.json()) as { document: { id: number } };
    const noTracking = await call(tokenA, 'POST', path, { method: 'post', deliveredOn: TODAY });
    expect([noTracking.status, await noTracking.json()]).toEqual([422, { error: { code: 'TRACKING_REQUIRED', message: expect.stringMatching(/邮件号码/), field: 'trackingNumber' } }]);
    expect((await call(tokenA, 'POST', path, { method: 'pigeon', deliveredOn: TODAY })).status).toBe(422);
    expect((await call(tokenA, 'POST', path, '[1]')).status).toBe(422); // INVALID_JSON, as every write of the API
    expect((await call(tokenB, 'POST', path, { method: 'in_person', deliveredOn: TODAY })).status).toBe(404);
    expect((await call(supervisorToken, 'POST', `${path}?agency=apia`, { method: 'in_person', deliveredOn: TODAY })).status).toBe(403);
    const before = (await (await call(tokenA, 'GET', `/api/v1/applications/${application.id}`)).json()) as { application: { state: string }; remedies: { delivered: boolean } };
    expect([before.application.state, before.remedies.delivered]).toEqual(['replied', false]);
    expect(await ctx.db.selectFrom('documentDeliveries').select('id').where('applicationId', '=', application.id).execute()).toEqual([]);

    const delivered = await call(tokenA, 'POST', path, { method: 'post', trackingNumber: 'XA123456789CN', deliveredOn: TODAY, evidence: '邮政签收记录' });
    expect(delivered.status).toBe(201);
    expect(((await delivered.json()) as { delivery: unknown }).delivery).toMatchObject({ documentId: document.id, method: 'post', trackingNumber: 'XA123456789CN', deliveredOn: TODAY, evidence: '邮政签收记录' });
    const after = (await (await call(tokenA, 'GET', `/api/v1/applications/${application.id}`)).json()) as { application: { state: string }; remedies: { delivered: boolean; windows: { kind: string; from: string }[] } };
    expect(after.application.state).toBe('delivered');
    expect(after.remedies.delivered).toBe(true);
    expect(after.remedies.windows.map((w) => w.from)).toEqual(after.remedies.windows.map(() => TODAY));
    const again = await call(tokenA, 'POST', path, { documentId: document.id, method: 'in_person', deliveredOn: TODAY });
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([409, 'ALREADY_DELIVERED']);
  });

  it('typed refusals: an illegal step 409, invalid input 422, another agency 404, a supervisor 403', async () => {
    const created = await call(tokenA, 'POST', '/api/v1/applications', { applicantType: 'other', applicantName: '某协会', channel: 'in_person', submittedOn: TODAY, request: '某文件' });
    const { application } = (await created.json()) as { application: { id: number } };
    const illegal = await call(tokenA, 'POST', `/api/v1/applications/${application.id}/events`, { type: 'deliver', occurredOn: TODAY });
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as { error: { code: string } }).error.code).toBe('ILLEGAL_TRANSITION');
    const invalid = await call(tokenA, 'POST', '/api/v1/applications', { applicantType: 'martian', applicantName: '', channel: 'in_person', submittedOn: '2024-02-30', request: '' });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await call(tokenB, 'GET', `/api/v1/applications/${application.id}`)).status).toBe(404);
    expect((await call(tokenB, 'POST', `/api/v1/applications/${application.id}/events`, { type: 'reply', occurredOn: TODAY, outcome: 'OPEN_PROVIDE' })).status).toBe(404);
    expect((await call(tokenB, 'GET', '/api/v1/applications?agency=apia')).status).toBe(404);
    expect((await call(supervisorToken, 'GET', `/api/v1/applications/${application.id}?agency=apia`)).status).toBe(200);
    expect((await call(supervisorToken, 'POST', `/api/v1/applications/${application.id}/events?agency=apia`, { type: 'withdraw', occurredOn: TODAY })).status).toBe(403);
    const unchanged = (await (await call(tokenA, 'GET', `/api/v1/applications/${application.id}`)).json()) as { application: { state: string } };
    expect(unchanged.application.state).toBe('registered');
  });

  it('bad ids and query parameters are refused, never a 500', async () => {
    for (const id of ['abc', '1.5', '1e20', '99999999999999999999', '0', '-1']) {
      expect((await call(tokenA, 'GET', `/api/v1/applications/${id}`)).status, id).toBe(404);
      expect((await call(tokenA, 'POST', `/api/v1/applications/${id}/events`, { type: 'withdraw', occurredOn: TODAY })).status, id).toBe(404);
    }
    for (const query of ['receivedFrom=xx', 'receivedTo=2024-02-30', 'state=bogus', 'page=0', 'overdue=yes']) {
      const res = await call(tokenA, 'GET', `/api/v1/applications?${query}`);
      expect(res.status, query).toBe(400); // INVALID_QUERY (issue #10)
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
