// The records API (/api/v1/records…) on one engine (support/db.ts webEngines): counts pushed one or many (a repeated push writes
// nothing), read with their history and as of a date; cases created and updated by their 案号 (a
// repeated push writes nothing), changed and removed by id, listed; the roles; refusals answer with a
// code and a Chinese message and leave the database unchanged; the OpenAPI document lists the paths.

import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot as snapshotAll } from '../support/snapshot.ts';
import { appFor, NOW } from '../web/staff-support.ts';

/** Every table but api_tokens (each call records when its token was last used). */
async function snapshot(db: Parameters<typeof snapshotAll>[0]): Promise<string> {
  const { api_tokens: _tokens, ...rest } = JSON.parse(await snapshotAll(db)) as Record<string, unknown>;
  return JSON.stringify(rest);
}

describe.each(webEngines())('the records API on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  const tokens: Partial<Record<Role | 'other', string>> = {};

  const call = (who: Role | 'other', method: string, path: string, body?: unknown) =>
    app.request(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;

  beforeAll(async () => {
    app = appFor(t.db);
    const a = await createAgency(t.db, { code: 'api-rec', name: '示范市市场监督管理局', level: 'department' }, NOW);
    const b = await createAgency(t.db, { code: 'api-rec-b', name: '示范市另一局', level: 'department' }, NOW);
    if (!a.ok || !b.ok) throw new Error('agencies');
    for (const [role, agencyId] of [['handler', a.value.id], ['supervisor', a.value.id], ['other', b.value.id]] as const) {
      const user = await createUser(t.db, { username: `rec-${role}`, displayName: `${role}显示名`, password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      await addMembership(t.db, user.value.id, agencyId, role === 'other' ? 'handler' : role);
      const token = await createApiToken(t.db, user.value.id, 'test', NOW);
      if (!token.ok) throw new Error(token.error.message);
      tokens[role] = token.value.token;
    }
  });

  it('takes counts pushed one or many, writes a repeated push once, answers them with their history', async () => {
    const one = await call('handler', 'POST', '/records/counts', { year: 2024, kind: 'licensing', value: 1268, note: '审批系统' });
    expect(one.status).toBe(201);
    const many = await call('handler', 'POST', '/records/counts', { counts: [{ year: 2024, kind: 'licensing', value: 1268 }, { year: 2024, kind: '行政处罚', value: '57' }, { year: 2024, kind: 'fees', value: 386.52 }] });
    expect(many.status).toBe(201);
    const entries = ((await many.json()) as { entries: { kind: string; status: string; value: string }[] }).entries;
    expect(entries.map((e) => [e.kind, e.status, e.value])).toEqual([
      ['licensing', 'unchanged', '1268'],
      ['punishment', 'created', '57'],
      ['fees', 'created', '386.52'],
    ]);
    const before = await snapshot(t.db);
    expect((await call('handler', 'POST', '/records/counts', { year: 2024, kind: 'fees', value: '386.520' })).status).toBe(200);
    expect(await snapshot(t.db)).toEqual(before);
    const read = await json<{ figures: Record<string, { value: string; source: string; enteredByName: string } | null>; history: unknown[] }>(call('supervisor', 'GET', '/records/counts?year=2024'));
    expect(read.figures['licensing']).toMatchObject({ value: '1268', source: 'api', enteredByName: 'handler显示名' });
    expect(read.figures['enforcement']).toBeNull();
    expect(read.history.length).toBe(3);
    const report = await json<{ activeDisclosure: Record<string, unknown> }>(call('supervisor', 'GET', '/reports/2024'));
    expect([report.activeDisclosure['licensing'], report.activeDisclosure['punishment'], report.activeDisclosure['enforcement'], report.activeDisclosure['feesWanYuan']]).toEqual([1268, 57, null, 386.52]);
    const earlier = await json<{ figures: Record<string, unknown> }>(call('supervisor', 'GET', '/records/counts?year=2024&asOf=2024-11-19'));
    expect(earlier.figures['licensing']).toBeNull();
  });

  it('creates and updates cases by 案号, idempotently; changes, lists and removes them', async () => {
    const review = { caseNumber: '示范复〔2024〕8号', type: 'reconsideration', body: '示范市人民政府', receivedOn: '2024-03-01' };
    const created = await call('handler', 'POST', '/records/cases', review);
    expect(created.status).toBe(201);
    const { case: c } = (await created.json()) as { case: { id: number; version: number } };
    const before = await snapshot(t.db);
    const again = await call('handler', 'POST', '/records/cases', review);
    expect([again.status, ((await again.json()) as { status: string }).status]).toEqual([200, 'unchanged']);
    expect(await snapshot(t.db)).toEqual(before);
    const concluded = await json<{ status: string; case: { version: number; result: string } }>(call('handler', 'POST', '/records/cases', { ...review, concludedOn: '2024-05-06', result: '驳回行政复议请求' }));
    expect([concluded.status, concluded.case.version, concluded.case.result]).toEqual(['updated', 2, 'rejected']);
    const lawsuit = await call('handler', 'POST', '/records/cases', { caseNumber: '（2024）示0502行初12号', type: '复议后起诉', receivedOn: '2024-05-20', reconsiderationCaseNumber: '示范复〔2024〕8号' });
    expect(lawsuit.status).toBe(201);
    const lawsuitId = ((await lawsuit.json()) as { case: { id: number } }).case.id;
    const renamed = await call('handler', 'PUT', `/records/cases/${lawsuitId}`, { caseNumber: '（2024）示0502行初13号', type: '复议后起诉', receivedOn: '2024-05-20', reconsiderationCaseNumber: '示范复〔2024〕8号', concludedOn: '2024-10-08', result: 'revoked' });
    expect(renamed.status).toBe(200);
    const one = await json<{ case: { caseNumber: string; reconsiderationCaseNumber: string }; versions: unknown[] }>(call('supervisor', 'GET', `/records/cases/${lawsuitId}`));
    expect([one.case.caseNumber, one.case.reconsiderationCaseNumber, one.versions.length]).toEqual(['（2024）示0502行初13号', '示范复〔2024〕8号', 2]);
    const list = await json<{ cases: { caseNumber: string }[]; next: string | null }>(call('supervisor', 'GET', '/records/cases?year=2024&limit=1'));
    expect(list.cases.map((x) => x.caseNumber)).toEqual(['（2024）示0502行初13号']);
    const next = await json<{ cases: { caseNumber: string }[] }>(call('supervisor', 'GET', `/records/cases?year=2024&limit=1&after=${list.next}`));
    expect(next.cases.map((x) => x.caseNumber)).toEqual(['示范复〔2024〕8号']);
    const report = await json<{ review: Record<string, number[]> }>(call('supervisor', 'GET', '/reports/2024'));
    expect(report.review).toEqual({ reconsideration: [1, 0, 0, 0, 1], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 1, 0, 0, 1] });
    // the reconsideration has a lawsuit: it cannot be removed (409), the lawsuit can, with a reason
    expect((await call('handler', 'DELETE', `/records/cases/${c.id}?reason=${encodeURIComponent('重复登记')}`)).status).toBe(409);
    expect((await call('handler', 'DELETE', `/records/cases/${lawsuitId}`)).status).toBe(422);
    expect((await call('handler', 'DELETE', `/records/cases/${lawsuitId}?reason=${encodeURIComponent('重复登记')}`)).status).toBe(200);
    expect((await call('supervisor', 'GET', `/records/cases/${lawsuitId}`)).status).toBe(404);
  });

  it('refuses with a code and a Chinese message, changing nothing', async () => {
    const before = await snapshot(t.db);
    const refusals: [Role | 'other', string, string, unknown, number, string][] = [
      ['supervisor', 'POST', '/records/counts', { year: 2024, kind: 'licensing', value: 3 }, 403, 'FORBIDDEN'],
      ['handler', 'POST', '/records/counts', { year: 2024, kind: 'licensing', value: 3.5 }, 422, 'INVALID_VALUE'],
      ['handler', 'POST', '/records/counts', { counts: [{ year: 2024, kind: 'licensing', value: 3 }, { year: 2030, kind: 'fees', value: 1 }] }, 422, 'INVALID_YEAR'],
      ['handler', 'POST', '/records/counts', { counts: 'all' }, 422, 'INVALID_INPUT'],
      ['handler', 'POST', '/records/counts', { year: 2024, kind: 'licensing', value: 3, note: 'a\u0000b' }, 400, 'CONTROL_CHARACTERS'],
      ['handler', 'POST', '/records/counts', { counts: [{ year: 2024, kind: 'licensing', value: true }] }, 400, 'INVALID_INPUT'],
      ['handler', 'POST', '/records/cases', { caseNumber: 12, type: '行政复议', receivedOn: '2024-10-01' }, 400, 'INVALID_INPUT'],
      ['handler', 'POST', '/records/cases', { caseNumber: '新案', type: '行政复议', receivedOn: '2024-12-01' }, 422, 'DATE_IN_FUTURE'],
      ['handler', 'POST', '/records/cases', { caseNumber: '新案', type: '行政复议', receivedOn: '2024-10-01', concludedOn: '2024-10-02' }, 422, 'RESULT_REQUIRED'],
      ['handler', 'POST', '/records/cases', { caseNumber: '新案', type: '复议后起诉', receivedOn: '2024-02-01', reconsiderationCaseNumber: '示范复〔2024〕8号' }, 422, 'LAWSUIT_BEFORE_RECONSIDERATION'],
      ['handler', 'PUT', '/records/cases/999999', { caseNumber: '新案', type: '行政复议', receivedOn: '2024-10-01' }, 404, 'NOT_FOUND'],
      ['other', 'GET', '/records/counts?year=2024&agency=api-rec', undefined, 404, 'NOT_FOUND'],
      ['supervisor', 'GET', '/records/counts?year=24', undefined, 400, 'INVALID_QUERY'],
    ];
    for (const [who, method, path, body, status, code] of refusals) {
      const r = await call(who, method, path, body);
      const answer = (await r.json()) as { error: { code: string; message: string } };
      expect([path, r.status, answer.error.code]).toEqual([path, status, code]);
      expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    const raw = await app.request('/api/v1/records/cases', { method: 'POST', headers: { authorization: `Bearer ${tokens.handler}`, 'content-type': 'application/json' }, body: '{' });
    expect(raw.status).toBe(422);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/records/counts'] ?? {})).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/records/cases'] ?? {})).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/records/cases/{id}'] ?? {})).toEqual(['get', 'put', 'delete']);
  });
});
