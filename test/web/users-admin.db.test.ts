// Account administration through HTTP, on one engine (support/db.ts webEngines): an agency's 管理员 resets a member's password
// (typed, or generated and shown once), unlocks, disables and enables — and every refusal (another
// agency's user 404, a user of two agencies 403 with the advice to ask the platform administrator,
// oneself, the last 管理员, no CSRF token 403, a 经办人 403); a disabled user's session and API token stop
// working; 平台管理 for platform administrators only (404 for anyone else), with all agencies, a new
// agency with its first 管理员, and all users.

import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { addMembership, COMMAND_LINE, createApiToken, createUser, login, MAX_FAILED_LOGINS, setDisabled, startSession } from '../../src/services/accounts.ts';
import type { Role } from '../../src/services/accounts.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, NOW, post, world } from './staff-support.ts';
import type { Staff } from './staff-support.ts';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new secret';

let counter = 0;

/** Another signed-in user: roles in the given agencies, optionally a platform administrator. */
async function person(db: Kysely<DB>, name: string, roles: [number, Role][], platformAdmin = false): Promise<Staff & { username: string }> {
  counter += 1;
  const u = await createUser(db, { username: `${name}${counter}`, displayName: `${name}显示名`, password: PASSWORD, platformAdmin }, NOW);
  if (!u.ok) throw new Error(u.error.message);
  for (const [agencyId, role] of roles) await addMembership(db, u.value.id, agencyId, role);
  const s = await startSession(db, u.value.id, NOW);
  return { id: u.value.id, username: u.value.username, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

const usernameOf = async (db: Kysely<DB>, id: number) => (await db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirstOrThrow()).username;
const signsIn = async (db: Kysely<DB>, username: string, password: string) => (await login(db, { username, password }, NOW)).ok;

describe.each(webEngines())('account administration through HTTP on %s', (engine) => {
  const t = useDatabase(engine);
  let n = 0;
  const tag = () => `ua${(n += 1)}`;

  it('the users page offers, per member, reset, disable and (when locked) unlock; not on oneself nor on a user of two agencies', async () => {
    const w = await world(t.db, tag());
    const app = appFor(t.db);
    const multi = await person(t.db, 'multi', [
      [w.a.id, 'handler'],
      [w.b.id, 'handler'],
    ]);
    const handlerName = await usernameOf(t.db, w.handler.id);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(t.db, { username: handlerName, password: 'wrong password' }, NOW);

    const res = await get(app, w.admin, `/staff/${w.a.code}/users`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`action="/staff/${w.a.code}/users/unlock"`);
    expect(html).toContain('解除 handler显示名 的锁定');
    expect(html).toContain('登录受限（密码输错次数过多，在未登录过的网络上须等到 2024-11-20 10:00 北京时间之后）');
    expect(html).toContain('停用 handler显示名 的账号');
    expect(html).toContain('<summary>重置 handler显示名 的密码</summary>');
    expect(html).toContain(`<label for="reset-${w.handler.id}-password">handler显示名 的新密码（可不填）</label>`);
    expect(html).toContain(`<label for="reset-${w.handler.id}-tokens" style="display:inline">`);
    expect(html).not.toContain('解除 supervisor显示名 的锁定');
    // oneself: no disable, no reset
    expect(html).not.toContain('停用 admin显示名 的账号');
    expect(html).toContain('这是您本人的账号');
    // a user of two agencies: ask the platform administrator
    expect(html).not.toContain('停用 multi显示名 的账号');
    expect(html).toContain(`multi显示名同时在其他机关（乙市${w.b.code.slice(2)}局）任职，停用、启用账号或重置密码请联系平台管理员。`);
    expect(html).toContain(`另在：乙市${w.b.code.slice(2)}局`);
    // the existing parts stay
    expect(html).toContain('新增用户');
    expect(html).toContain('取消 handler显示名 的“经办人”角色');
    expect(multi.id).toBeGreaterThan(0);
  });

  it('resets a password: the new one signs in, the old one does not, the sessions end; a generated one is shown once', async () => {
    const w = await world(t.db, tag());
    const app = appFor(t.db);
    const username = await usernameOf(t.db, w.handler.id);
    const path = `/staff/${w.a.code}/users/reset-password`;

    const mismatch = await post(app, w.admin, path, { userId: String(w.handler.id), newPassword: NEW_PASSWORD, newPassword2: 'something else' });
    expect(mismatch.status).toBe(422);
    const mismatchHtml = await mismatch.text();
    expect(mismatchHtml).toContain('两次输入的新密码不一致，请重新输入。');
    expect(mismatchHtml).toContain(`href="#reset-${w.handler.id}-password2"`);
    expect(mismatchHtml).toMatch(/<details open="">\s*<summary>重置 handler显示名 的密码/);
    const short = await post(app, w.admin, path, { userId: String(w.handler.id), newPassword: 'short', newPassword2: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('密码至少10个字符');
    expect(await signsIn(t.db, username, PASSWORD)).toBe(true);

    const done = await post(app, w.admin, path, { userId: String(w.handler.id), newPassword: NEW_PASSWORD, newPassword2: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toBe('no-store');
    const doneHtml = await done.text();
    expect(doneHtml).toContain(`已重置 handler显示名（${username}）的密码`);
    expect(doneHtml).not.toContain(NEW_PASSWORD);
    expect(doneHtml).toContain('其接口令牌未作改动');
    // the handler's session has ended; the new password signs in, the old one does not
    expect((await get(app, w.handler, `/staff/${w.a.code}`)).status).toBe(303);
    expect(await signsIn(t.db, username, PASSWORD)).toBe(false);
    expect(await signsIn(t.db, username, NEW_PASSWORD)).toBe(true);

    // left blank: generated, shown once on the answer
    const token = await createApiToken(t.db, w.handler.id, '对接', NOW);
    if (!token.ok) throw new Error(token.error.message);
    const generated = await post(app, w.admin, path, { userId: String(w.handler.id), newPassword: '', newPassword2: '', revokeTokens: '1' });
    expect(generated.status).toBe(200);
    const generatedHtml = await generated.text();
    expect(generatedHtml).toContain('它只显示这一次');
    expect(generatedHtml).toContain('已撤销其 1 个接口令牌。');
    const shown = /<code[^>]*>([^<]+)<\/code>/.exec(generatedHtml)?.[1] ?? '';
    expect(shown).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    expect(await signsIn(t.db, username, shown)).toBe(true);
    expect(await signsIn(t.db, username, NEW_PASSWORD)).toBe(false);
    const api = await app.request('/api/v1/applications', { headers: { authorization: `Bearer ${token.value.token}` } });
    expect(api.status).toBe(401);

    const audit = await (await get(app, w.admin, `/staff/${w.a.code}/audit`)).text();
    expect(audit).toContain('重置密码');
  });

  it('refuses: another agency’s user 404, a user of two agencies or a platform administrator 403 (ask the platform administrator), oneself, no CSRF token, a 经办人', async () => {
    const w = await world(t.db, tag());
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/users`;
    const multi = await person(t.db, 'multi', [
      [w.a.id, 'handler'],
      [w.b.id, 'handler'],
    ]);
    const platform = await person(t.db, 'platform', [[w.a.id, 'supervisor']], true);
    const reset = (who: Staff, userId: number, extra: Record<string, string> = {}) =>
      post(app, who, `${base}/reset-password`, { userId: String(userId), newPassword: NEW_PASSWORD, newPassword2: NEW_PASSWORD, ...extra });

    // another agency's user: not found, whatever the action (and whatever was typed)
    expect((await reset(w.admin, w.handlerB.id)).status).toBe(404);
    expect((await reset(w.admin, w.handlerB.id, { newPassword2: 'different' })).status).toBe(404);
    for (const op of ['unlock', 'disable', 'enable']) expect((await post(app, w.admin, `${base}/${op}`, { userId: String(w.handlerB.id), confirm: '1' })).status).toBe(404);
    expect((await post(app, w.admin, `${base}/disable`, { userId: String(w.handlerB.id) })).status).toBe(404); // no confirmation page for another agency's user either
    expect((await post(app, w.admin, `${base}/disable`, { userId: 'x', confirm: '1' })).status).toBe(400);

    // a user of two agencies, a platform administrator: refused with the advice
    const multiReset = await reset(w.admin, multi.id);
    expect(multiReset.status).toBe(403);
    const multiHtml = await multiReset.text();
    expect(multiHtml).toContain('本机关的管理员不能重置其密码。请联系平台管理员办理。');
    expect(multiHtml).toContain(`href="#account-${multi.id}"`);
    const multiDisable = await post(app, w.admin, `${base}/disable`, { userId: String(multi.id), confirm: '1' });
    expect(multiDisable.status).toBe(403);
    expect(await multiDisable.text()).toContain('本机关的管理员不能停用其账号。请联系平台管理员办理。');
    const platformDisable = await post(app, w.admin, `${base}/disable`, { userId: String(platform.id), confirm: '1' });
    expect(platformDisable.status).toBe(403);
    expect(await platformDisable.text()).toContain('是平台管理员，本机关的管理员不能停用其账号。');
    expect((await get(app, multi, `/staff/${w.a.code}`)).status).toBe(200); // untouched

    // oneself
    const self = await post(app, w.admin, `${base}/disable`, { userId: String(w.admin.id), confirm: '1' });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('不能停用自己的账号。');
    const selfReset = await reset(w.admin, w.admin.id);
    expect(selfReset.status).toBe(409);
    expect(await selfReset.text()).toContain('请到“我的账号”页面修改密码');

    // no CSRF token; a 经办人, a 监督
    expect((await post(app, w.admin, `${base}/disable`, { userId: String(w.handler.id), confirm: '1' }, { csrf: null })).status).toBe(403);
    expect((await post(app, w.admin, `${base}/reset-password`, { userId: String(w.handler.id), newPassword: NEW_PASSWORD, newPassword2: NEW_PASSWORD }, { csrf: 'forged' })).status).toBe(403);
    expect((await post(app, w.handler, `${base}/disable`, { userId: String(w.supervisor.id), confirm: '1' })).status).toBe(403);
    expect((await reset(w.supervisor, w.handler.id)).status).toBe(403);
    expect((await post(app, w.handlerB, `${base}/disable`, { userId: String(w.handler.id), confirm: '1' })).status).toBe(404);
    expect((await get(app, w.handler, `/staff/${w.a.code}`)).status).toBe(200); // still signed in: nothing happened

    // the platform administrator may, through the agency's page
    const byPlatform = await reset(platform, multi.id);
    expect(byPlatform.status).toBe(200);
    expect(await signsIn(t.db, multi.username, NEW_PASSWORD)).toBe(true);
  });

  it('the last active 管理员: neither disabled nor stripped of the role', async () => {
    const w = await world(t.db, tag());
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/users`;
    const platform = await person(t.db, 'platform', [], true);
    const disable = await post(app, platform, `${base}/disable`, { userId: String(w.admin.id), confirm: '1' });
    expect(disable.status).toBe(409);
    expect(await disable.text()).toContain('唯一在用的管理员。请先为该机关的另一位用户增加“管理员”角色。');
    const remove = await post(app, platform, `${base}/remove`, { userId: String(w.admin.id), role: 'admin' });
    expect(remove.status).toBeGreaterThanOrEqual(400);
    expect(await remove.text()).toContain('唯一在用的管理员。请先为另一位用户增加“管理员”角色。');
    expect((await get(app, w.admin, base)).status).toBe(200);
    // with a second 管理员, the first may go
    expect((await post(app, w.admin, `${base}/role`, { userId: String(w.handler.id), role: 'admin' })).status).toBe(303);
    expect((await post(app, w.handler, `${base}/disable`, { userId: String(w.admin.id), confirm: '1' })).status).toBe(303);
    expect((await get(app, w.admin, base)).status).toBe(303); // signed out at once
  });

  it('disabling ends the session and stops the API token at once; enabling lets the token back in; unlock', async () => {
    const w = await world(t.db, tag());
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/users`;
    const token = await createApiToken(t.db, w.handler.id, '对接', NOW);
    if (!token.ok) throw new Error(token.error.message);
    const api = () => app.request('/api/v1/applications', { headers: { authorization: `Bearer ${token.value.token}` } });
    expect((await api()).status).toBe(200);
    expect((await get(app, w.handler, `/staff/${w.a.code}`)).status).toBe(200);

    // the button asks first: a confirmation page that changes nothing, whose button posts confirm=1
    const asked = await post(app, w.admin, `${base}/disable`, { userId: String(w.handler.id) });
    expect(asked.status).toBe(200);
    const askedHtml = await asked.text();
    expect(askedHtml).toContain('确认停用');
    expect(askedHtml).toContain(`action="${base}/disable"`);
    expect(askedHtml).toContain('name="confirm" value="1"');
    expect((await get(app, w.handler, `/staff/${w.a.code}`)).status).toBe(200); // still signed in

    const disabled = await post(app, w.admin, `${base}/disable`, { userId: String(w.handler.id), confirm: '1' });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get('location')).toBe(`${base}?done=disable&user=${w.handler.id}#account-${w.handler.id}`);
    expect((await get(app, w.handler, `/staff/${w.a.code}`)).status).toBe(303);
    expect((await api()).status).toBe(401);
    const username = await usernameOf(t.db, w.handler.id);
    expect(await login(t.db, { username, password: PASSWORD }, NOW)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } });
    const page = await (await get(app, w.admin, `${base}?done=disable&user=${w.handler.id}`)).text();
    expect(page).toContain(`已停用 handler显示名（${username}）的账号`);
    expect(page).toContain('启用 handler显示名 的账号');
    expect(page).toContain('已停用');

    expect((await post(app, w.admin, `${base}/enable`, { userId: String(w.handler.id) })).status).toBe(303);
    expect((await api()).status).toBe(200);
    expect(await signsIn(t.db, username, PASSWORD)).toBe(true);

    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(t.db, { username, password: 'wrong password' }, NOW);
    expect(await login(t.db, { username, password: PASSWORD }, NOW)).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED' } });
    const unlocked = await post(app, w.admin, `${base}/unlock`, { userId: String(w.handler.id) });
    expect(unlocked.status).toBe(303);
    expect(await (await get(app, w.admin, `${base}?done=unlock&user=${w.handler.id}`)).text()).toContain(`已解除 handler显示名（${username}）的锁定`);
    expect(await signsIn(t.db, username, PASSWORD)).toBe(true);
  });

  it('平台管理: platform administrators only; all agencies and users; a new agency with its first 管理员', async () => {
    const w = await world(t.db, tag());
    const app = appFor(t.db);
    const platform = await person(t.db, 'platform', [[w.b.id, 'handler']], true);

    for (const who of [w.admin, w.handler, w.handlerB]) {
      expect((await get(app, who, '/staff/platform')).status).toBe(404);
      expect((await post(app, who, '/staff/platform/agencies', { code: 'nope', name: '不应创建', level: 'department' })).status).toBe(404);
      expect((await post(app, who, '/staff/platform/users/disable', { userId: String(w.handler.id), confirm: '1' })).status).toBe(404);
    }
    expect((await app.request('/staff/platform')).status).toBe(303); // signed out: to the login page

    // the chooser: every agency and the link to 平台管理 (never sent straight on)
    const chooser = await get(app, platform, '/staff');
    expect(chooser.status).toBe(200);
    const chooserHtml = await chooser.text();
    expect(chooserHtml).toContain('href="/staff/platform"');
    expect(chooserHtml).toContain(`href="/staff/${w.a.code}"`);
    expect(chooserHtml).toContain(`href="/staff/${w.b.code}"`);
    expect(chooserHtml).not.toContain('href="/staff/platform" aria-current'); // nothing of frame.tsx's navigation claimed

    const page = await get(app, platform, '/staff/platform');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>平台管理</h1>');
    expect(html).toContain(`href="/${w.a.code}/"`);
    expect(html).toContain(`href="/staff/${w.a.code}"`);
    expect(html).toContain('停用 handler显示名 的账号');
    expect(html).toContain('<label for="agency-code">机关代码（必填）</label>');
    expect(html).toContain('<legend>第一位管理员');

    // a new agency without, then with a 管理员 (typed password: redirect; generated: shown once)
    const code1 = `${w.a.code}-x`;
    // the 机关代字 is asked: left empty, the form comes back with a suggestion from the name to confirm
    const unconfirmed = await post(app, platform, '/staff/platform/agencies', { code: code1, name: '示范市自然资源和规划局', level: 'department', parentCode: w.a.code, documentPrefix: '' });
    expect(unconfirmed.status).toBe(422);
    const unconfirmedHtml = await unconfirmed.text();
    expect(unconfirmedHtml).toContain('value="示范自然资规公开"');
    expect(unconfirmedHtml).toContain('请确认文号前缀');
    expect(await t.db.selectFrom('agencies').select('id').where('code', '=', code1).execute()).toEqual([]);
    const bare = await post(app, platform, '/staff/platform/agencies', { code: code1, name: '新设一局', level: 'department', parentCode: w.a.code, documentPrefix: '新设一公开', adminUsername: '', adminDisplayName: '', adminPassword: '' });
    expect(bare.status).toBe(303);
    expect(bare.headers.get('location')).toBe(`/staff/platform?done=agency&code=${encodeURIComponent(code1)}`);
    const after = await (await get(app, platform, `/staff/platform?done=agency&code=${encodeURIComponent(code1)}`)).text();
    expect(after).toContain(`已创建机关：新设一局（${code1}）。`);
    expect(after).toContain(`甲市${w.a.code.slice(2)}局（${w.a.code}）`); // its parent

    const code2 = `${w.a.code}-y`;
    const adminName = `boss${w.a.code}`;
    const made = await post(app, platform, '/staff/platform/agencies', { code: code2, name: '新设二局', level: 'township', parentCode: '', documentPrefix: '新设二公开', adminUsername: adminName, adminDisplayName: '新局管理员', adminPassword: '' });
    expect(made.status).toBe(200);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const madeHtml = await made.text();
    const shown = /<code[^>]*>([^<]+)<\/code>/.exec(madeHtml)?.[1] ?? '';
    expect(await signsIn(t.db, adminName, shown)).toBe(true);
    const s = await login(t.db, { username: adminName, password: shown }, NOW);
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.user.memberships).toMatchObject([{ agencyCode: code2, role: 'admin' }]);

    // refusals keep what was typed (never the password)
    const taken = await post(app, platform, '/staff/platform/agencies', { code: code2, name: '重复局', level: 'department', documentPrefix: '重复公开', adminPassword: 'secret password 1', adminUsername: 'someone.new', adminDisplayName: '某人' });
    expect(taken.status).toBe(409);
    const takenHtml = await taken.text();
    expect(takenHtml).toContain(`机关代码“${code2}”已被使用`);
    expect(takenHtml).toContain('href="#agency-code"');
    expect(takenHtml).toContain('value="重复局"');
    expect(takenHtml).not.toContain('secret password 1');
    const badAdmin = await post(app, platform, '/staff/platform/agencies', { code: `${w.a.code}-z`, name: '三局', level: 'department', documentPrefix: '三局公开', adminUsername: await usernameOf(t.db, w.handler.id), adminDisplayName: '某人' });
    expect(badAdmin.status).toBe(409);
    expect(await badAdmin.text()).toContain('href="#admin-username"');
    expect((await t.db.selectFrom('agencies').select('id').where('code', '=', `${w.a.code}-z`).execute()).length).toBe(0);
    expect((await post(app, platform, '/staff/platform/agencies', { code: `${w.a.code}-z`, name: '三局', level: 'department' }, { csrf: null })).status).toBe(403);

    // accounts from 平台管理: any user, with a done message back on the page
    const multi = await person(t.db, 'multi', [
      [w.a.id, 'handler'],
      [w.b.id, 'handler'],
    ]);
    const disabled = await post(app, platform, '/staff/platform/users/disable', { userId: String(multi.id), confirm: '1' });
    expect(disabled.status).toBe(303);
    expect((await get(app, multi, `/staff/${w.a.code}`)).status).toBe(303);
    expect(await (await get(app, platform, `/staff/platform?done=disable&user=${multi.id}`)).text()).toContain(`已停用 multi显示名（${multi.username}）的账号`);
    expect((await post(app, platform, '/staff/platform/users/enable', { userId: String(multi.id) })).status).toBe(303);
    const reset = await post(app, platform, '/staff/platform/users/reset-password', { userId: String(multi.id), newPassword: NEW_PASSWORD, newPassword2: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain('返回平台管理');
    expect(await signsIn(t.db, multi.username, NEW_PASSWORD)).toBe(true);
    const selfDisable = await post(app, platform, '/staff/platform/users/disable', { userId: String(platform.id), confirm: '1' });
    expect(selfDisable.status).toBe(409);
    expect(await selfDisable.text()).toContain('不能停用自己的账号。');
    expect((await post(app, platform, '/staff/platform/users/unlock', { userId: '999999' })).status).toBe(404);
    expect((await post(app, platform, '/staff/platform/users/disable', { userId: String(multi.id), confirm: '1' }, { csrf: null })).status).toBe(403);

    // the platform's audit log: what belongs to no agency, with who did it (the command line named as such)
    await setDisabled(t.db, multi.id, true, NOW, COMMAND_LINE);
    const audit = await get(app, platform, '/staff/platform/audit');
    expect(audit.status).toBe(200);
    const auditHtml = await audit.text();
    expect(auditHtml).toContain('平台审计日志');
    expect(auditHtml).toContain('停用账号');
    expect(auditHtml).toContain('重置密码');
    expect(auditHtml).toContain('<td>命令行</td>');
    expect(auditHtml).toContain(`用户 ${multi.username}`);
    expect(await (await get(app, platform, '/staff/platform')).text()).toContain('href="/staff/platform/audit"');
    for (const who of [w.admin, w.handler]) expect((await get(app, who, '/staff/platform/audit')).status).toBe(404);
  });
});
