// 我的账号 through HTTP: a user changes their password (the other sessions end, this one stays, the old
// password no longer signs in), creates an API token that is shown once and works on /api/v1, and revokes
// it — on one engine (support/db.ts webEngines).

import { describe, expect, it } from 'vitest';
import { login, startSession } from '../../src/services/accounts.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, NOW, post, world } from './staff-support.ts';

describe.each(webEngines())('my account on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;

  it('changes the password: checks the current one and the repetition; ends the other sessions', async () => {
    n += 1;
    const w = await world(t.db, `acc${n}`);
    const app = appFor(t.db);
    const page = await get(app, w.handler, '/staff/account');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('修改密码');
    expect(html).toContain('还没有接口令牌。');
    expect(html).toContain('href="/staff/account" aria-current="page"');

    const other = await startSession(t.db, w.handler.id, NOW); // the same user signed in elsewhere
    const otherCookie = `gk_session=${other.sessionToken}`;
    expect((await app.request('/staff/account', { headers: { cookie: otherCookie } })).status).toBe(200);

    const wrong = await post(app, w.handler, '/staff/account/password', { currentPassword: 'not my password', newPassword: 'a new long secret', newPassword2: 'a new long secret' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('当前密码不正确。');
    const mismatch = await post(app, w.handler, '/staff/account/password', { currentPassword: 'correct horse battery', newPassword: 'a new long secret', newPassword2: 'another' });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('两次输入的新密码不一致');
    const short = await post(app, w.handler, '/staff/account/password', { currentPassword: 'correct horse battery', newPassword: 'short', newPassword2: 'short' });
    expect(short.status).toBe(422);
    // ten characters of a: long enough, but trivially guessed (issue #10)
    const trivial = await post(app, w.handler, '/staff/account/password', { currentPassword: 'correct horse battery', newPassword: 'aaaaaaaaaa', newPassword2: 'aaaaaaaaaa' });
    expect(trivial.status).toBe(422);
    expect(await trivial.text()).toContain('密码太容易被猜中。重复的字符');
    expect((await post(app, w.handler, '/staff/account/password', { currentPassword: 'correct horse battery', newPassword: 'a new long secret', newPassword2: 'a new long secret' }, { csrf: null })).status).toBe(403);

    const changed = await post(app, w.handler, '/staff/account/password', { currentPassword: 'correct horse battery', newPassword: 'a new long secret', newPassword2: 'a new long secret' });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/staff/account?done=password');
    expect(await (await get(app, w.handler, '/staff/account?done=password')).text()).toContain('已修改密码。');
    // the other session has ended; the password works, the old one does not
    expect((await app.request('/staff/account', { headers: { cookie: otherCookie } })).status).toBe(303);
    const username = (await t.db.selectFrom('users').select('username').where('id', '=', w.handler.id).executeTakeFirstOrThrow()).username;
    expect((await login(t.db, { username, password: 'correct horse battery' }, NOW)).ok).toBe(false);
    expect((await login(t.db, { username, password: 'a new long secret' }, NOW)).ok).toBe(true);
    // signed out: to the login page
    expect((await app.request('/staff/account')).status).toBe(303);
  });

  it('creates an API token shown once, which then works on the API, and revokes it', async () => {
    n += 1;
    const w = await world(t.db, `acc${n}`);
    const app = appFor(t.db);
    expect((await post(app, w.handler, '/staff/account/tokens', { name: '  ' })).status).toBe(422);
    const made = await post(app, w.handler, '/staff/account/tokens', { name: 'OA系统<对接>' });
    expect(made.status).toBe(200);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const html = await made.text();
    const token = /<code[^>]*>(gk_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(html).toContain('OA系统&lt;对接&gt;');
    // not shown again
    expect(await (await get(app, w.handler, '/staff/account')).text()).not.toContain(token);

    const api = (bearer: string) => app.request(`/api/v1/applications?agency=${w.a.code}`, { headers: { authorization: `Bearer ${bearer}` } });
    const listed = await api(token);
    expect(listed.status).toBe(200);
    const afterUse = await (await get(app, w.handler, '/staff/account')).text();
    expect(afterUse).not.toContain('从未使用');

    const row = await t.db.selectFrom('apiTokens').select('id').where('userId', '=', w.handler.id).executeTakeFirstOrThrow();
    // another user cannot revoke it
    expect((await post(app, w.admin, '/staff/account/tokens/revoke', { tokenId: String(row.id) })).status).toBe(422);
    expect((await api(token)).status).toBe(200);
    const revoked = await post(app, w.handler, '/staff/account/tokens/revoke', { tokenId: String(row.id) });
    expect(revoked.status).toBe(303);
    expect((await api(token)).status).toBe(401);
    expect(await (await get(app, w.handler, '/staff/account?done=revoked')).text()).toContain('已撤销');
  });
});
