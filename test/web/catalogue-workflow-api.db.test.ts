// The catalogue's workflow through /api/v1 on one engine (support/db.ts webEngines): the whole path by tokens (公开属性, 保密审查,
// submission, three decisions, scheduled publication, 更正, 撤回), rights per token, typed refusals that
// change nothing, the inbox with its cursors, the chain, and the operations in the OpenAPI document.

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { createItem } from '../../src/services/catalogue/items.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, NOW } from './staff-support.ts';

describe.each(webEngines())('catalogue workflow API on %s', (engine) => {
  const t = useDatabase(engine);
  const tokens: Record<string, string> = {};
  let agencyId = 0;
  let userId = 0;

  const call = (who: string | null, method: string, path: string, body?: unknown) =>
    appFor(t.db).request(path, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const make = async (db: Kysely<DB>, name: string, roles: Role[]) => {
    const user = await createUser(db, { username: `cwapi-${name}`, displayName: `接口${name}`, password: 'correct horse battery' }, NOW);
    if (!user.ok) throw new Error(user.error.message);
    for (const r of roles) await addMembership(db, user.value.id, agencyId, r);
    const token = await createApiToken(db, user.value.id, 'test', NOW);
    if (!token.ok) throw new Error(token.error.message);
    tokens[name] = token.value.token;
    return user.value.id;
  };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'cwapi', name: '示范市住房和城乡建设局', level: 'department' }, NOW);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    userId = await make(t.db, 'handler', ['handler']);
    await make(t.db, 'head', ['section_head']);
    await make(t.db, 'office', ['office']);
    await make(t.db, 'leader', ['leader']);
    await make(t.db, 'admin', ['admin']);
  });

  it('runs the whole path, refusing what the state or the token does not allow without a change', async () => {
    const created = await createItem(t.db, agencyId, { title: '关于公布2024年保障性住房分配结果的公告', category: 'a20-11', docType: '通知公告', formedOn: '2024-11-15' }, { userId, name: '接口handler', now: NOW, today: NOW.slice(0, 10) });
    if (!created.ok) throw new Error(created.error.message);
    const item = `/api/v1/catalogue/items/${created.value.id}`;

    // a token's first use is recorded (api_tokens.last_used_at): use them once before the snapshot
    for (const who of ['handler', 'head']) await call(who, 'GET', '/api/v1/catalogue/review-chain');
    const before = await snapshot(t.db);
    const refusals = [
      await call('handler', 'POST', `${item}/submission`),
      await call('handler', 'PUT', `${item}/disclosure`, { disclosure: '依申请公开', reason: '涉及个人隐私', article: '15' }),
      await call('handler', 'PUT', `${item}/disclosure`, 'not an object'),
      await call('head', 'POST', `${item}/decisions`, { decision: 'approve' }),
      await call('handler', 'POST', `${item}/withdrawal`, { reason: '误发' }), // 经办人 may not withdraw
      await call('handler', 'GET', `/api/v1/catalogue/items/999999/workflow`),
    ];
    expect(await Promise.all(refusals.map(async (r) => [r.status, ((await r.json()) as { error: { code: string } }).error.code]))).toEqual([
      [409, 'DISCLOSURE_REQUIRED'],
      [422, 'ARTICLE_NOT_APPLICABLE'],
      [422, 'INVALID_JSON'],
      [409, 'ITEM_STATE'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
    ]);
    expect(await snapshot(t.db)).toEqual(before);

    let r = await call('handler', 'PUT', `${item}/disclosure`, { disclosure: '主动公开' });
    expect(r.status).toBe(200);
    r = await call('handler', 'POST', `${item}/secrecy-reviews`, { conclusion: '不涉密', version: 1 });
    expect(r.status).toBe(201);
    r = await call('handler', 'POST', `${item}/submission`);
    expect(((await r.json()) as { item: { state: string; review: { waiting: { stageName: string } } } }).item).toMatchObject({ state: 'in_review', review: { waiting: { stageName: '初审' } } });

    // the inbox of the 科室负责人, with cursors
    const box = (await (await call('head', 'GET', '/api/v1/inbox?limit=1')).json()) as { rows: { subjectId: number }[]; total: number; next: string | null };
    expect([box.rows.map((x) => x.subjectId), box.total, box.next]).toEqual([[created.value.id], 1, null]);

    for (const [who, stage] of [
      ['head', 1],
      ['office', 2],
      ['leader', 3],
    ] as const) {
      r = await call(who, 'POST', `${item}/decisions`, { decision: 'approve', comment: '同意', stage });
      expect(r.status).toBe(200);
    }
    const signed = (await r.json()) as { item: { state: string; actions: string[]; review: { history: { decision: string }[] } } };
    expect(signed.item.state).toBe('approved');
    expect(signed.item.review.history.map((h) => h.decision)).toEqual(['submit', 'approve', 'approve', 'approve']);

    r = await call('handler', 'POST', `${item}/publication`, { publishAt: '2024-11-21T09:00:00+08:00' });
    expect(((await r.json()) as { item: { state: string } }).item.state).toBe('scheduled');
    r = await call('handler', 'DELETE', `${item}/schedule`);
    expect(((await r.json()) as { item: { state: string } }).item.state).toBe('approved');
    r = await call('handler', 'POST', `${item}/publication`, {});
    expect(((await r.json()) as { item: { state: string; publishedOn: string } }).item).toMatchObject({ state: 'published', publishedOn: '2024-11-20' });

    r = await call('leader', 'POST', `${item}/correction`, { fields: { title: '关于公布2024年保障性住房分配结果的公告', category: 'a20-11', docType: '通知公告', formedOn: '2024-11-15', body: '名单（更正）' }, note: '名单中一人姓名有误', expectedVersion: 1 });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { item: { version: number; correctionNote: string } }).item).toMatchObject({ version: 2, correctionNote: '名单中一人姓名有误' });
    r = await call('leader', 'POST', `${item}/withdrawal`, { reason: '分配结果已重新公示' });
    expect(((await r.json()) as { item: { state: string } }).item.state).toBe('withdrawn');
  });

  it('the chain: read by members, set by the administrator', async () => {
    const chain = (await (await call('handler', 'GET', '/api/v1/catalogue/review-chain')).json()) as { chain: { isDefault: boolean; stages: { name: string }[] } };
    expect(chain.chain.stages.map((s) => s.name)).toEqual(['初审', '复审', '签发']);
    const body = { stages: [{ name: '审核', roles: ['section_head', 'office'], agency: 'self' }, { name: '签发', roles: ['leader'], agency: 'self' }], allowSamePerson: false };
    expect((await call('handler', 'PUT', '/api/v1/catalogue/review-chain', body)).status).toBe(403);
    const bad = await call('admin', 'PUT', '/api/v1/catalogue/review-chain', { ...body, stages: [{ name: '审核', roles: ['office'], agency: 'parent' }] });
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([422, 'NO_PARENT_AGENCY']);
    const ok = await call('admin', 'PUT', '/api/v1/catalogue/review-chain', body);
    expect(((await ok.json()) as { chain: { isDefault: boolean; stages: unknown[] } }).chain).toMatchObject({ isDefault: false, stages: body.stages });
  });

  it('describes its operations in the OpenAPI document', async () => {
    const doc = (await (await call(null, 'GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/catalogue/items/{id}/workflow',
        '/catalogue/items/{id}/disclosure',
        '/catalogue/items/{id}/secrecy-reviews',
        '/catalogue/items/{id}/submission',
        '/catalogue/items/{id}/decisions',
        '/catalogue/items/{id}/publication',
        '/catalogue/items/{id}/schedule',
        '/catalogue/items/{id}/withdrawal',
        '/catalogue/items/{id}/correction',
        '/inbox',
        '/catalogue/review-chain',
      ]),
    );
    // the annual report's Publication is still its own
    expect(JSON.stringify(doc.components.schemas['Publication'])).toContain('publication');
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(() => ajv.compile(schema as object), name).not.toThrow();
  });
});
