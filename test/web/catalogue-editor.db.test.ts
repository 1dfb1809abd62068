// The staff's catalogue pages through HTTP on one engine (support/db.ts webEngines): the list (filters, keyset pager, links to each
// item and to search), the draft editor (errors next to the field, values kept, database unchanged; the
// version check), attachments (upload by bytes, download with the Chinese name, delete), 目录设置,
// import/export pages — with CSRF and roles.

import { afterAll, describe, expect, it } from 'vitest';
import { createItem } from '../../src/services/catalogue/items.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { minimalPdf } from '../catalogue/files.ts';
import { appFor, get, NOW, post, TODAY, world, type Staff } from './staff-support.ts';

afterAll(async () => {
  await closeParsePool();
});

function upload(app: ReturnType<typeof appFor>, who: Staff, path: string, file: { bytes: Uint8Array; name: string; type?: string }, csrf: string | null = who.csrf): Promise<Response> {
  const form = new FormData();
  if (csrf !== null) form.set('_csrf', csrf);
  form.set('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? 'application/octet-stream' }));
  return Promise.resolve(app.request(path, { method: 'POST', headers: { cookie: who.cookie }, body: form }));
}

describe.each(webEngines())('staff catalogue pages on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  const actor = { userId: null, name: 'seed', now: NOW, today: TODAY };

  it('lists items with filters and a keyset pager, each linking to its page', async () => {
    n += 1;
    const w = await world(t.db, `cl${n}`);
    const app = appFor(t.db);
    for (let i = 0; i < 32; i++) await createItem(t.db, w.a.id, { title: `信息${i}号`, category: i % 2 === 0 ? 'a20-1' : 'a20-2', docType: '其他文件' }, actor);
    await createItem(t.db, w.b.id, { title: '乙机关的信息', category: 'a20-1', docType: '其他文件' }, actor);
    const base = `/staff/${w.a.code}/catalogue`;
    const page = await get(app, w.supervisor, base);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('信息31号');
    expect(html).not.toContain('乙机关的信息');
    expect(html).toContain(`action="${base}/search"`);
    expect(html).toMatch(new RegExp(`href="${base}/\\d+">信息31号`));
    expect(html).toContain('class="table-wrap"');
    expect(html).not.toContain('新建信息'); // a supervisor does not handle
    const next = /rel="next" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await (await get(app, w.supervisor, next!)).text();
    expect(second).toContain('信息0号');
    expect(second).toContain('rel="prev"');
    const filtered = await (await get(app, w.handler, `${base}?category=a20-2&state=draft`)).text();
    expect(filtered).toContain('信息31号');
    expect(filtered).not.toContain('信息30号');
    expect(filtered).toContain('新建信息');
    expect((await get(app, w.handler, `${base}?year=20x4`)).status).toBe(400);
    expect((await get(app, w.handlerB, base)).status).toBe(404);
  });

  it('creates and edits drafts: refusals name the field and keep what was typed; a stale version is refused', async () => {
    n += 1;
    const w = await world(t.db, `ce${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/catalogue`;
    expect((await get(app, w.supervisor, `${base}/new`)).status).toBe(403);
    expect((await get(app, w.handler, `${base}/new`)).status).toBe(200);

    const before = await snapshot(t.db);
    const bad = await post(app, w.handler, `${base}/new`, { title: '关于印发管理办法的通知', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-13-01', body: '## 第一章\n- 条目' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="writtenOn-error"');
    expect(badHtml).toContain('成文日期不是有效日期');
    expect(badHtml).toContain('value="关于印发管理办法的通知"');
    expect(badHtml).toContain('## 第一章');
    const policy = await post(app, w.handler, `${base}/new`, { title: '解读', category: 'a20-1', docType: '政策解读' });
    expect(policy.status).toBe(422);
    expect(await policy.text()).toContain('id="interprets-error"');
    expect((await post(app, w.handler, `${base}/new`, { title: 'x', category: 'a20-1' }, { csrf: null })).status).toBe(403);
    expect((await post(app, w.supervisor, `${base}/new`, { title: 'x', category: 'a20-1' })).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);

    const made = await post(app, w.handler, `${base}/new`, { title: '关于印发管理办法的通知', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01', body: '## 第一章\n- 条目' });
    expect(made.status).toBe(303);
    const id = Number(/\/catalogue\/(\d+)$/.exec(made.headers.get('location') ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    const edit = await (await get(app, w.handler, `${base}/${id}/edit`)).text();
    expect(edit).toContain('name="version" value="1"');
    expect(edit).toContain('以“## ”开头的行是一级标题');
    const saved = await post(app, w.handler, `${base}/${id}/edit`, { version: '1', title: '关于印发管理办法的通知（修改）', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${base}/${id}`);
    const mid = await snapshot(t.db);
    const stale = await post(app, w.handler, `${base}/${id}/edit`, { version: '1', title: '旧版本的修改', category: 'a20-1', docType: '行政规范性文件', writtenOn: '2024-11-01' });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('已被他人修改');
    expect(staleHtml).toContain('value="旧版本的修改"');
    expect(await snapshot(t.db)).toEqual(mid);
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/catalogue/${id}/edit`)).status).toBe(404);
  });

  it('uploads an attachment checked by its bytes, downloads it with its Chinese name, deletes it', async () => {
    n += 1;
    const w = await world(t.db, `ca${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/catalogue`;
    const item = await createItem(t.db, w.a.id, { title: '带附件的信息', category: 'a20-2', docType: '其他文件' }, actor);
    if (!item.ok) throw new Error(item.error.message);
    const id = item.value.id;
    const before = await snapshot(t.db);
    const fake = await upload(app, w.handler, `${base}/${id}/attachments`, { bytes: new TextEncoder().encode('MZ not a pdf'), name: '通知.pdf', type: 'application/pdf' });
    expect(fake.status).toBe(422);
    expect(await fake.text()).toContain('id="file-error"');
    expect((await upload(app, w.handler, `${base}/${id}/attachments`, { bytes: minimalPdf('x'), name: 'a.pdf' }, null)).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);
    const ok = await upload(app, w.handler, `${base}/${id}/attachments`, { bytes: minimalPdf('pelicanword notice'), name: '关于“通知”的说明.pdf' });
    expect(ok.status).toBe(303);
    const edit = await (await get(app, w.handler, `${base}/${id}/edit?done=attached`)).text();
    expect(edit).toContain('已上传附件');
    const href = new RegExp(`href="(${base}/${id}/attachments/(\\d+))"`).exec(edit);
    expect(href).not.toBeNull();
    const download = await get(app, w.supervisor, href![1]!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('cache-control')).toBe('no-store');
    const disposition = download.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('关于“通知”的说明.pdf')}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
    expect(new TextDecoder().decode((await download.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/catalogue/${id}/attachments/${href![2]}`)).status).toBe(404);
    const del = await post(app, w.handler, `${base}/${id}/attachments/${href![2]}/delete`, {});
    expect(del.status).toBe(303);
    expect(await (await get(app, w.handler, `${base}/${id}/edit`)).text()).toContain('还没有附件');
  });

  it('目录设置 for administrators only; the import page refuses a bad file by row and imports a good one; export downloads', async () => {
    n += 1;
    const w = await world(t.db, `cs${n}`);
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/catalogue`;
    expect((await get(app, w.handler, `${base}/settings`)).status).toBe(403);
    const page = await (await get(app, w.admin, `${base}/settings`)).text();
    expect(page).toContain(`${w.a.code}/2024-00001`);
    const before = await snapshot(t.db);
    const bad = await post(app, w.admin, `${base}/settings`, { creditCode: '12345', indexFormat: '', topics: '', categories: '' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('id="creditCode-error"');
    expect((await post(app, w.admin, `${base}/settings`, { creditCode: '', indexFormat: '', topics: '', categories: '' }, { csrf: 'forged' })).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);
    const ok = await post(app, w.admin, `${base}/settings`, { creditCode: '91350100M000100Y43', indexFormat: '{org}/{year}-{seq:4}', topics: '', categories: 'gzdt 工作动态' });
    expect(ok.status).toBe(303);
    expect(await (await get(app, w.admin, `${base}/settings?done=settings`)).text()).toContain('91350100M000100Y43/2024-0001');

    const csvText = '标题,发布日期,信息类别,正文\n旧网站的动态,2023-05-01,工作动态,<p>内容</p>\n缺日期的,,工作动态,\n';
    const refused = await upload(app, w.admin, `${base}/import`, { bytes: new TextEncoder().encode(csvText), name: 'old.csv', type: 'text/csv' });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('第3行');
    expect(refusedHtml).toContain('发布日期未填写');
    expect((await upload(app, w.handler, `${base}/import`, { bytes: new TextEncoder().encode(csvText), name: 'old.csv' })).status).toBe(403);
    const imported = await upload(app, w.admin, `${base}/import`, { bytes: new TextEncoder().encode(csvText.split('\n').slice(0, 2).join('\n')), name: 'old.csv' });
    expect(imported.status).toBe(303);
    expect(await (await get(app, w.handler, `${base}?state=published`)).text()).toContain('旧网站的动态');
    const exported = await get(app, w.handler, `${base}/export?format=csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('cache-control')).toBe('no-store');
    expect(await exported.text()).toContain('旧网站的动态');
  });
});
