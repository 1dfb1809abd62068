// The register's API (/api/v1/register…) on one engine (support/db.ts webEngines): the register as of a date, table 二 (一) and a
// cell's documents, a 清理 round opened, concluded per document and concluded through the API with the
// right roles; refusals answer with a code and leave the database unchanged; the OpenAPI lists the paths.

import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { publishedItem } from '../support/register.ts';
import { snapshot as snapshotAll } from '../support/snapshot.ts';
import { appFor, NOW, TODAY } from './staff-support.ts';

const actor = { userId: null, name: 'tester', now: NOW, today: TODAY };

/** Every table but api_tokens (each call records when its token was last used). */
async function snapshot(db: Parameters<typeof snapshotAll>[0]): Promise<string> {
  const { api_tokens: _tokens, ...rest } = JSON.parse(await snapshotAll(db)) as Record<string, unknown>;
  return JSON.stringify(rest);
}

describe.each(webEngines())('the register API on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  const tokens: Partial<Record<Role, string>> = {};
  let first = 0;

  const call = (role: Role, method: string, path: string, body?: unknown) =>
    app.request(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${tokens[role]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  beforeAll(async () => {
    app = appFor(t.db);
    const a = await createAgency(t.db, { code: 'api-reg', name: '示范市市场监督管理局', level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    for (const role of ['handler', 'section_head', 'supervisor'] as Role[]) {
      const user = await createUser(t.db, { username: `reg-${role.replace('_', '')}`, displayName: role, password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      await addMembership(t.db, user.value.id, a.value.id, role);
      const token = await createApiToken(t.db, user.value.id, 'test', NOW);
      if (!token.ok) throw new Error(token.error.message);
      tokens[role] = token.value.token;
    }
    first = Number((await publishedItem(t.db, a.value.id, { title: '关于市场主体登记的若干规定', docType: '行政规范性文件', writtenOn: '2023-03-01' }, actor)).id);
    await publishedItem(t.db, a.value.id, { title: '关于广告审查的办法', docType: '规章', writtenOn: '2024-02-01' }, actor);
  });

  it('answers the register, table 二 (一) and a cell', async () => {
    const reg = await call('supervisor', 'GET', '/register?asOf=2024-01-01');
    expect(reg.status).toBe(200);
    const body = (await reg.json()) as { items: { id: number; status: string }[]; counts: { docType: string; total: number }[] };
    expect(body.items.map((i) => i.id)).toEqual([first]);
    expect(body.counts.map((c) => c.total)).toEqual([0, 1]);
    expect((await call('supervisor', 'GET', '/register?status=gone')).status).toBe(400);
    const two = (await (await call('supervisor', 'GET', '/register/table-two/2024')).json()) as { regulations: unknown; normativeDocuments: unknown };
    expect(two.regulations).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(two.normativeDocuments).toEqual({ issued: 0, repealed: 0, inForce: 1 });
    const cell = (await (await call('supervisor', 'GET', '/register/table-two/2023/cells/normativeDocuments/issued')).json()) as { count: number; items: { id: number }[] };
    expect(cell.count).toBe(1);
    expect(cell.items.map((i) => i.id)).toEqual([first]);
    expect((await call('supervisor', 'GET', '/register/table-two/2023/cells/normativeDocuments/total')).status).toBe(404);
  });

  it('runs a 清理 round with the right roles; refusals change nothing', async () => {
    expect((await call('supervisor', 'POST', '/register/cleanup', { title: '清理', asOf: '2024-06-30' })).status).toBe(403);
    const created = await call('handler', 'POST', '/register/cleanup', { title: '2024年度清理', asOf: '2024-06-30' });
    expect(created.status).toBe(201);
    const { round } = (await created.json()) as { round: { id: number; entries: number } };
    expect(round.entries).toBe(2);
    const before = await snapshot(t.db);
    const early = await call('section_head', 'POST', `/register/cleanup/${round.id}/conclude`, { summary: '完毕' });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('CONCLUSIONS_MISSING');
    expect((await call('handler', 'PUT', `/register/cleanup/${round.id}/entries/999999`, { conclusion: '废止' })).status).toBe(404);
    expect((await call('handler', 'PUT', `/register/cleanup/${round.id}/entries/${first}`, { conclusion: 3 })).status).toBe(400);
    expect(await snapshot(t.db)).toEqual(before);
    const entries = ((await (await call('handler', 'GET', `/register/cleanup/${round.id}`)).json()) as { entries: { itemId: number }[] }).entries;
    for (const e of entries) {
      const r = await call('handler', 'PUT', `/register/cleanup/${round.id}/entries/${e.itemId}`, { conclusion: e.itemId === first ? '废止' : '继续有效' });
      expect(r.status).toBe(200);
    }
    expect((await call('handler', 'POST', `/register/cleanup/${round.id}/conclude`, { summary: '完毕' })).status).toBe(403);
    const done = await call('section_head', 'POST', `/register/cleanup/${round.id}/conclude`, { summary: '共2件，废止1件。' });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { ended: { itemId: number }[] }).ended.map((e) => e.itemId)).toEqual([first]);
    const two = (await (await call('supervisor', 'GET', `/register/table-two/${TODAY.slice(0, 4)}`)).json()) as { normativeDocuments: { repealed: number; inForce: number } };
    expect(two.normativeDocuments).toEqual({ issued: 0, repealed: 1, inForce: 0 });
    const rounds = (await (await call('supervisor', 'GET', '/register/cleanup')).json()) as { rounds: { state: string }[] };
    expect(rounds.rounds.map((r) => r.state)).toEqual(['concluded']);
  });

  it('describes the paths in the OpenAPI', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/register', '/register/table-two/{year}', '/register/cleanup/{id}/conclude']));
  });
});
