// The catalogue under /api/v1 on one engine (support/db.ts webEngines): create, get, update with the version check, the keyset
// list, attachments (upload by bytes, list, download, delete), agency scoping and roles.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { docxOf } from '../catalogue/files.ts';
import { appFor, NOW } from './staff-support.ts';

afterAll(async () => {
  await closeParsePool();
});

describe.each(webEngines())('catalogue API on %s', (engine) => {
  const ctx = useDatabase(engine);
  const tokens: Record<string, string> = {};

  const call = (token: string | null, method: string, path: string, body?: unknown) =>
    appFor(ctx.db).request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    for (const [name, agencyCode, role] of [
      ['handler', 'cata', 'handler'],
      ['supervisor', 'cata', 'supervisor'],
      ['other', 'catb', 'handler'],
    ] as const) {
      let agency = await ctx.db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirst();
      if (agency === undefined) {
        const made = await createAgency(ctx.db, { code: agencyCode, name: `${agencyCode}局`, level: 'department' }, NOW);
        if (!made.ok) throw new Error(made.error.message);
        agency = { id: made.value.id };
      }
      const user = await createUser(ctx.db, { username: `${agencyCode}-${name}`, displayName: name, password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      await addMembership(ctx.db, user.value.id, agency.id, role);
      const token = await createApiToken(ctx.db, user.value.id, 'test', NOW);
      if (!token.ok) throw new Error(token.error.message);
      tokens[name] = token.value.token;
    }
  });

  it('creates, reads, updates with the version and lists with cursors', async () => {
    // each token used once first (a token's first use is recorded), so the refusals below change nothing
    for (const name of ['handler', 'supervisor']) expect((await call(tokens[name]!, 'GET', '/api/v1/catalogue/items')).status).toBe(200);
    const before = await snapshot(ctx.db);
    const bad = await call(tokens['handler']!, 'POST', '/api/v1/catalogue/items', { title: '无类别' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('category');
    expect((await call(tokens['supervisor']!, 'POST', '/api/v1/catalogue/items', { title: 'x', category: 'a20-1' })).status).toBe(403);
    expect((await call(null, 'POST', '/api/v1/catalogue/items', { title: 'x', category: 'a20-1' })).status).toBe(401);
    expect(await snapshot(ctx.db)).toEqual(before);

    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await call(tokens['handler']!, 'POST', '/api/v1/catalogue/items', { title: `接口信息${i}`, category: 'a20-2', docType: '其他文件' });
      expect(made.status).toBe(201);
      ids.push(((await made.json()) as { item: { id: number } }).item.id);
    }
    const got = await call(tokens['supervisor']!, 'GET', `/api/v1/catalogue/items/${ids[0]}`);
    const item = ((await got.json()) as { item: { version: number; indexNumber: string; searchVector?: unknown } }).item;
    expect(item.version).toBe(1);
    expect(item.searchVector).toBeUndefined();
    expect((await call(tokens['other']!, 'GET', `/api/v1/catalogue/items/${ids[0]}`)).status).toBe(404);

    const saved = await call(tokens['handler']!, 'PATCH', `/api/v1/catalogue/items/${ids[0]}`, { title: '接口信息0（改）', category: 'a20-2', version: 1 });
    expect(saved.status).toBe(200);
    const stale = await call(tokens['handler']!, 'PATCH', `/api/v1/catalogue/items/${ids[0]}`, { title: '旧的', category: 'a20-2', version: 1 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('VERSION_CONFLICT');

    const page = (await (await call(tokens['supervisor']!, 'GET', '/api/v1/catalogue/items?limit=2')).json()) as { items: { id: number }[]; next: string | null };
    expect(page.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const next = (await (await call(tokens['supervisor']!, 'GET', `/api/v1/catalogue/items?limit=2&after=${page.next}`)).json()) as { items: { id: number }[]; prev: string | null };
    expect(next.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(next.prev).not.toBeNull();
    expect((await call(tokens['supervisor']!, 'GET', '/api/v1/catalogue/items?state=nope')).status).toBe(400);
  });

  it('uploads, lists, downloads and deletes attachments', async () => {
    const made = await call(tokens['handler']!, 'POST', '/api/v1/catalogue/items', { title: '带附件', category: 'a20-2' });
    const id = ((await made.json()) as { item: { id: number } }).item.id;
    const form = new FormData();
    form.set('file', new File([(await docxOf(['附件正文 egretword'])) as Uint8Array<ArrayBuffer>], '说明.docx'));
    const up = await appFor(ctx.db).request(`/api/v1/catalogue/items/${id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens['handler']!}` }, body: form });
    expect(up.status).toBe(201);
    const attachment = ((await up.json()) as { attachment: { id: number; textLength: number } }).attachment;
    expect(attachment.textLength).toBeGreaterThan(0);
    const wrong = new FormData();
    wrong.set('file', new File([new TextEncoder().encode('just text')], 'x.docx'));
    const refused = await appFor(ctx.db).request(`/api/v1/catalogue/items/${id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens['handler']!}` }, body: wrong });
    expect(refused.status).toBe(422);
    const list = (await (await call(tokens['supervisor']!, 'GET', `/api/v1/catalogue/items/${id}/attachments`)).json()) as { attachments: { fileName: string }[] };
    expect(list.attachments.map((a) => a.fileName)).toEqual(['说明.docx']);
    const download = await call(tokens['supervisor']!, 'GET', `/api/v1/catalogue/items/${id}/attachments/${attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('说明.docx'));
    expect((await call(tokens['other']!, 'GET', `/api/v1/catalogue/items/${id}/attachments/${attachment.id}`)).status).toBe(404);
    expect((await call(tokens['handler']!, 'DELETE', `/api/v1/catalogue/items/${id}/attachments/${attachment.id}`)).status).toBe(200);
    expect((await call(tokens['handler']!, 'DELETE', `/api/v1/catalogue/items/${id}/attachments/${attachment.id}`)).status).toBe(404);
  });
});
