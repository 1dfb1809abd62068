// 我的账号 (/staff/account, every signed-in user): change the password (the other sessions end), create
// and revoke API tokens. A new token is shown in the answer to the POST that made it (no-store), once.
// Mounted before the /:agency routes (its path would otherwise be taken for an agency's code; createAgency
// refuses "account" as a code).

import { Hono } from 'hono';
import { controlCharactersMessage, hasControlCharacters } from '../../domain/text-rules.ts';
import { getCookie } from 'hono/cookie';
import { changePassword, createApiToken, listApiTokens, revokeApiToken, SIGN_IN_REQUESTS } from '../../services/accounts.ts';
import type { SessionUser, SignInThrottle } from '../../services/accounts.ts';
import { requireStaff, SESSION_COOKIE } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp, rateLimit, signInThrottleFor } from '../rate-limit.ts';
import { ACCOUNT_FIELDS, accountPage } from '../views/staff/account.tsx';
import type { AccountPageProps } from '../views/staff/account.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { formOf, frameOf } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = {
  password: '已修改密码。',
  revoked: '已撤销接口令牌。',
};

async function show(c: C, extra: Partial<AccountPageProps>, status: 200 | 400 | 422 | 429 = 200): Promise<Response> {
  const user = c.var.user as SessionUser;
  const doneKey = c.req.method === 'GET' ? c.req.query('done') : undefined;
  const done = doneKey !== undefined ? DONE[doneKey] : undefined;
  const html = accountPage(frameOf(c, 'account'), {
    csrf: c.var.csrf,
    username: user.username,
    tokens: await listApiTokens(c.var.deps.db, user.id),
    errors: [],
    ...(done ? { done } : {}),
    ...extra,
  });
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}

export function accountRoutes(throttle: SignInThrottle): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // a change of password tries a password: it counts with the sign-in requests of the address
  const limited = rateLimit({ key: 'login', ...SIGN_IN_REQUESTS, limiter: throttle.limiter });
  const signedIn = requireStaff();
  const csrf = verifyCsrf();

  routes.get('/account', signedIn, (c) => show(c, {}));

  routes.post('/account/password', signedIn, csrf, limited, async (c) => {
    const form = await formOf(c);
    const user = c.var.user as SessionUser;
    const current = form['currentPassword'] ?? '';
    const next = form['newPassword'] ?? '';
    const errors: FieldError[] = [];
    if (current === '') errors.push({ field: ACCOUNT_FIELDS.currentPassword, message: '请输入当前密码' });
    if (next === '') errors.push({ field: ACCOUNT_FIELDS.newPassword, message: '请输入新密码' });
    else if (next !== (form['newPassword2'] ?? '')) errors.push({ field: ACCOUNT_FIELDS.newPassword2, message: '两次输入的新密码不一致，请重新输入' });
    if (errors.length > 0) return show(c, { errors }, 422);
    const changed = await changePassword(
      c.var.deps.db,
      { userId: user.id, currentPassword: current, newPassword: next, keepSessionToken: getCookie(c, SESSION_COOKIE) ?? '', ip: await clientIp(c) },
      c.var.deps.now(),
      signInThrottleFor(c, throttle),
    );
    if (!changed.ok) {
      const field = changed.error.field === 'currentPassword' ? ACCOUNT_FIELDS.currentPassword : ACCOUNT_FIELDS.newPassword;
      if ('retryAfter' in changed.error) c.header('Retry-After', String(changed.error.retryAfter));
      return show(c, { errors: [{ field, message: changed.error.message }] }, 'retryAfter' in changed.error ? 429 : 422);
    }
    return c.redirect('/staff/account?done=password', 303);
  });

  routes.post('/account/tokens', signedIn, csrf, async (c) => {
    const form = await formOf(c);
    const user = c.var.user as SessionUser;
    const name = form['name'] ?? '';
    if (hasControlCharacters(name)) return show(c, { errors: [{ field: ACCOUNT_FIELDS.tokenName, message: controlCharactersMessage('令牌名称') }], tokenName: name.slice(0, 100) }, 400);
    const made = await createApiToken(c.var.deps.db, user.id, name, c.var.deps.now());
    if (!made.ok) return show(c, { errors: [{ field: ACCOUNT_FIELDS.tokenName, message: made.error.message }], tokenName: name }, 422);
    return show(c, { newToken: { name: name.trim(), token: made.value.token } });
  });

  routes.post('/account/tokens/revoke', signedIn, csrf, async (c) => {
    const form = await formOf(c);
    const user = c.var.user as SessionUser;
    const id = Number(form['tokenId'] ?? '');
    const revoked = Number.isSafeInteger(id) && id > 0 ? await revokeApiToken(c.var.deps.db, user.id, id, c.var.deps.now()) : null;
    if (revoked === null || !revoked.ok) return show(c, { errors: [{ field: ACCOUNT_FIELDS.tokenName, message: revoked?.error.message ?? '没有找到该令牌。' }] }, 422);
    return c.redirect('/staff/account?done=revoked', 303);
  });

  return routes;
}
