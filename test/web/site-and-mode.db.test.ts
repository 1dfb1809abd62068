// Issue #14: the column reads as a government site — the footer's 主办单位, contact details, ICP备案号,
// 公安机关备案号 and 网站标识码 and the header's emblem, set on 网站标识与联系方式 (or `gongkai agency site`);
// and 长者模式, kept by a cookie, a class on <html> set by the server (no JavaScript), on cached and
// uncached pages alike.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contactLine, siteProfileOf, updateSite } from '../../src/services/agency-site.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { Visitor, publicApp } from './public-support.ts';
import { appFor, get, world } from './staff-support.ts';

const PNG_1x1 = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function multipart(app: ReturnType<typeof appFor>, who: { cookie: string; csrf: string }, path: string, fields: Record<string, string | File>): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', who.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return app.request(path, { method: 'POST', headers: { cookie: who.cookie }, body: form });
}

afterAll(closeInProcess);

describe.each(webEngines())('the site profile on %s', (engine) => {
  const t = useDatabase(engine);

  it('网站标识与联系方式 saves the footer and the contact line; the column shows them at once; each save is audited', async () => {
    const w = await world(t.db, 'site');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/settings/site`;
    const before = await (await app.request(`/${w.a.code}/`)).text();
    expect(before).toContain(`主办单位：甲市site局`);
    expect(before).not.toContain('ICP备');

    const page = await get(app, w.admin, base);
    expect(page.status).toBe(200);
    const form = await page.text();
    for (const name of ['sponsor', 'officeName', 'address', 'postcode', 'phone', 'icp', 'policeRecord', 'siteCode']) expect(form).toContain(`name="${name}"`);
    expect((await get(app, w.handler, base)).status).toBe(403);

    const saved = await multipart(app, w.admin, base, {
      sponsor: '甲市人民政府办公室',
      officeName: '甲市site局办公室',
      address: '甲市人民路1号',
      postcode: '755000',
      phone: '0955-7012345',
      fax: '',
      hours: '工作日9:00—17:00',
      icp: '宁ICP备05000612号-1',
      policeRecord: '宁公网安备64050202000123号',
      siteCode: '6405000001',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${base}?done=site`);
    const home = await (await app.request(`/${w.a.code}/`)).text();
    expect(home).toContain('主办单位：甲市人民政府办公室');
    expect(home).toContain('<a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">宁ICP备05000612号-1</a>');
    expect(home).toContain('href="https://beian.mps.gov.cn/#/query/webSearch?code=64050202000123"');
    expect(home).toContain('网站标识码：6405000001');
    expect(home).toContain('电话：0955-7012345');
    expect(home).not.toContain('传真');

    const profile = await siteProfileOf(t.db, w.a.code);
    if (!profile.ok) throw new Error(profile.error.message);
    expect(contactLine(profile.value)).toBe('联系机构：甲市site局办公室；地址：甲市人民路1号（邮政编码：755000）；联系电话：0955-7012345');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'userId']).where('action', '=', 'site.update').where('agencyId', '=', w.a.id).execute();
    expect(audit).toEqual([{ action: 'site.update', userId: w.admin.id }]);
  });

  it('a malformed number is refused in Chinese, what was typed is kept, and nothing is saved', async () => {
    const w = await world(t.db, 'bad');
    const app = appFor(t.db);
    const refused = await multipart(app, w.admin, `/staff/${w.a.code}/settings/site`, { sponsor: '甲市人民政府办公室', icp: 'ICP 12345', siteCode: '6405000001' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('ICP备案号的格式如“宁ICP备05000612号-1”');
    expect(html).toContain('value="ICP 12345"');
    expect(html).toContain('aria-invalid="true"');
    const profile = await siteProfileOf(t.db, w.a.code);
    expect(profile.ok && profile.value).toMatchObject({ sponsorSet: false, siteCode: null, icp: null });
    for (const [field, value, message] of [
      ['postcode', '75500', '邮政编码应为6位数字'],
      ['policeRecord', '宁公网安备123号', '公安机关备案号的格式'],
      ['siteCode', '640500000', '网站标识码应为10位字母和数字'],
      ['phone', '请拨打0955', '联系电话只能由数字'],
    ] as const) {
      const r = await updateSite(t.db, w.a.code, { [field]: value }, { userId: null }, '2024-11-20T02:00:00Z');
      expect(r.ok ? 'saved' : r.error.message, field).toContain(message);
    }
  });

  it('the emblem: a PNG is shown in the header and served with its type; an SVG is refused; it can be removed', async () => {
    const w = await world(t.db, 'emblem');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/settings/emblem`;
    const svg = await multipart(app, w.admin, base, { emblem: new File([SVG], 'emblem.svg', { type: 'image/svg+xml' }) });
    expect(svg.status).toBe(422);
    expect(await svg.text()).toContain('标识图片应为 PNG 或 JPG 格式');
    const big = await multipart(app, w.admin, base, { emblem: new File([new Uint8Array(300 * 1024)], 'big.png', { type: 'image/png' }) });
    expect(big.status).toBe(413);

    expect((await multipart(app, w.admin, base, { emblem: new File([PNG_1x1], '标识.png', { type: 'image/png' }) })).status).toBe(303);
    const home = await (await app.request(`/${w.a.code}/`)).text();
    const src = /<a class="site" href="[^"]+"><img src="([^"]+)"/.exec(home)?.[1];
    expect(src).toMatch(new RegExp(`^/${w.a.code}/emblem\\?v=[0-9a-f]{16}$`));
    const image = await app.request(src ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG_1x1);

    expect((await multipart(app, w.admin, base, { remove: '1' })).status).toBe(303);
    expect(await (await app.request(`/${w.a.code}/`)).text()).not.toContain('<img src=');
    expect((await app.request(src ?? '')).status).toBe(404);
    const actions = await t.db.selectFrom('auditLog').select('action').where('agencyId', '=', w.a.id).where('action', 'like', 'site.%').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['site.emblem.set', 'site.emblem.remove']);
  });

  it('`gongkai agency site` sets and prints the profile', async () => {
    const w = await world(t.db, 'cli');
    const dir = await mkdtemp(join(tmpdir(), 'gk-site-'));
    try {
      const png = join(dir, 'emblem.png');
      await writeFile(png, PNG_1x1);
      const set = await gongkaiInProcess(['agency', 'site', w.a.code, '--sponsor', '甲市人民政府办公室', '--site-code', 'ABCDE12345', '--phone', '0955-7012345', '--emblem', png], { dataDir: dir, database: () => t.database });
      expect(set.stderr).toBe('');
      expect(set.code).toBe(0);
      expect(set.stdout).toContain('主办单位：甲市人民政府办公室');
      expect(set.stdout).toContain('网站标识码：ABCDE12345');
      expect(set.stdout).toContain('页头标识：已设置');
      expect(set.stdout).toContain('告知书中的联系方式：联系电话：0955-7012345');
      const bad = await gongkaiInProcess(['agency', 'site', w.a.code, '--postcode', '12'], { dataDir: dir, database: () => t.database });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('邮政编码应为6位数字');
      const removed = await gongkaiInProcess(['agency', 'site', w.a.code, '--no-emblem'], { dataDir: dir, database: () => t.database });
      expect(removed.stdout).toContain('页头标识：（未设置）');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(webEngines())('长者模式 on %s', (engine) => {
  const t = useDatabase(engine);

  it('the switch sets a cookie and comes back to the page; every public page then has the class, cached or not; the standard mode takes it away', async () => {
    const w = await world(t.db, 'elder');
    const visitor = new Visitor(publicApp(t.db));
    const plain = await visitor.get(`/${w.a.code}/guide`);
    const plainHtml = await plain.text();
    expect(plainHtml).toContain('<html lang="zh-CN">');
    expect(plainHtml).toContain('<a class="to-elder" href="?mode=elder" rel="nofollow">');

    const on = await visitor.app.request(`/${w.a.code}/search?mode=elder`, { headers: { referer: `http://localhost/${w.a.code}/search?q=%E5%85%AC%E5%BC%80&mode=standard` } });
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toBe(`/${w.a.code}/search?q=%E5%85%AC%E5%BC%80`);
    expect(on.headers.get('set-cookie')).toMatch(/^gk_mode=elder; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
    expect((await visitor.get(`/${w.a.code}/guide?mode=elder`)).headers.get('location')).toBe(`/${w.a.code}/guide`);
    expect(visitor.cookies.get('gk_mode')).toBe('elder');

    // cached (the guide), uncached (the catalogue, the status form), the portal and a 404 page
    for (const path of [`/${w.a.code}/guide`, `/${w.a.code}/catalogue`, `/${w.a.code}/status`, '/', `/${w.a.code}/no-such-page`]) {
      const html = await (await visitor.get(path)).text();
      expect(html, path).toContain('<html lang="zh-CN" class="elder">');
    }
    const elder = await visitor.get(`/${w.a.code}/guide`);
    expect(elder.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    // the staff workspace is not concerned
    const staff = await visitor.get('/staff/login');
    expect(await staff.text()).not.toContain('class="elder"');

    await visitor.get(`/${w.a.code}/?mode=standard`);
    expect(visitor.cookies.has('gk_mode')).toBe(false);
    expect(await (await visitor.get(`/${w.a.code}/guide`)).text()).toContain('<html lang="zh-CN">');
  });

  it('a Referer of another site or page is not followed', async () => {
    const w = await world(t.db, 'elder2');
    const app = publicApp(t.db);
    const other = await app.request(`/${w.a.code}/guide?mode=elder`, { headers: { referer: 'https://evil.example/phish?x=1' } });
    expect(other.headers.get('location')).toBe(`/${w.a.code}/guide`);
    const page = await app.request(`/${w.a.code}/guide?mode=elder`, { headers: { referer: `http://localhost/${w.a.code}/rules?x=1` } });
    expect(page.headers.get('location')).toBe(`/${w.a.code}/guide`);
    // never to another site: a path of two slashes would be read as a host
    for (const path of ['//evil.example/?mode=elder', '/\\evil.example/?mode=elder', '///evil.example/x?mode=standard']) {
      const r = await app.request(`http://localhost${path}`);
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location'), path).toMatch(/^\/(?![/\\])/);
    }
  });
});
