// Staff sign-in and sign-out: GET/POST /staff/login, POST /staff/logout (mounted under /staff).
// Ten attempts a minute per address; wrong passwords put the account on a back-off for unknown
// addresses and the address on a limit (services/accounts/throttle.ts): 429 with Retry-After.

import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { controlCharactersMessage, hasControlCharacters } from '../../domain/text-rules.ts';
import { login, logout, SIGN_IN_REQUESTS } from '../../services/accounts.ts';
import type { SignInThrottle } from '../../services/accounts.ts';
import { clearSessionCookie, safeNext, SESSION_COOKIE, sessionMiddleware, setSessionCookie } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { CsrfField, verifyCsrf } from '../csrf.ts';
import { clientIp, rateLimit, signInThrottleFor } from '../rate-limit.ts';
import { ErrorSummary, Layout } from '../views/layout.tsx';

export const STAFF_SITE = '政府信息公开工作平台';

interface LoginForm {
  csrf: string;
  next: string;
  username: string;
  error?: { field: string; message: string };
  notice?: string;
}

export function loginPage(props: LoginForm): string {
  const errors = props.error ? [{ field: props.error.field === 'password' ? 'password' : 'username', message: props.error.message }] : [];
  return (
    '<!doctype html>' +
    (
      <Layout title="登录" site={STAFF_SITE} home="/staff">
        <h1>工作人员登录</h1>
        {props.notice ? <p class="notice">{props.notice}</p> : null}
        <ErrorSummary errors={errors} />
        <form method="post" action="/staff/login" novalidate>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <div class="field">
            <label for="username">用户名</label>
            <input
              type="text"
              id="username"
              name="username"
              value={props.username}
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              maxlength={64}
              aria-invalid={errors.length > 0 ? 'true' : undefined}
              aria-describedby={errors.length > 0 ? 'login-error' : undefined}
            />
          </div>
          <div class="field">
            <label for="password">密码</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required maxlength={256} aria-invalid={errors.length > 0 ? 'true' : undefined} />
            {errors.length > 0 ? (
              <p class="field-error" id="login-error">
                {errors[0]?.message}
              </p>
            ) : null}
          </div>
          <p class="hint">密码多次输错后，需等待一段时间才能再试（在以前成功登录过的网络上登录不受影响）。忘记密码请联系本机关的管理员。</p>
          <button type="submit">登录</button>
        </form>
      </Layout>
    ).toString()
  );
}

const field = (v: unknown): string => (typeof v === 'string' ? v : '');

export function loginRoutes(throttle: SignInThrottle): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const limited = rateLimit({ key: 'login', ...SIGN_IN_REQUESTS, limiter: throttle.limiter });

  routes.get('/login', sessionMiddleware(), (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.var.user) return c.redirect(next, 303);
    const notice = c.req.query('signed_out') !== undefined ? '您已安全退出。' : undefined;
    return c.html(loginPage({ csrf: c.var.csrf, next, username: '', ...(notice ? { notice } : {}) }));
  });

  routes.post('/login', limited, sessionMiddleware(), verifyCsrf(), async (c) => {
    const { db, now } = c.var.deps;
    const body = await c.req.parseBody();
    const username = field(body['username']).slice(0, 64);
    const next = safeNext(body['next']);
    if (hasControlCharacters(username)) return c.html(loginPage({ csrf: c.var.csrf, next, username: '', error: { field: 'username', message: controlCharactersMessage('用户名') } }), 400);
    const r = await login(db, { username, password: field(body['password']).slice(0, 256), ip: await clientIp(c) }, now(), signInThrottleFor(c, throttle));
    if (!r.ok) {
      const page = loginPage({ csrf: c.var.csrf, next, username, error: { field: r.error.field ?? 'username', message: r.error.message } });
      if (!('retryAfter' in r.error)) return c.html(page, 401);
      c.header('Retry-After', String(r.error.retryAfter));
      return c.html(page, 429);
    }
    setSessionCookie(c, r.value.sessionToken);
    return c.redirect(next, 303);
  });

  routes.post(
    '/logout',
    sessionMiddleware(),
    async (c, next) => {
      // nobody signed in (an expired session): nothing to end, no token to check
      if (c.var.user) return next();
      clearSessionCookie(c);
      return c.redirect('/staff/login', 303);
    },
    verifyCsrf(),
    async (c) => {
      const { db, now } = c.var.deps;
      await logout(db, getCookie(c, SESSION_COOKIE) ?? '', now(), await clientIp(c));
      clearSessionCookie(c);
      return c.redirect('/staff/login?signed_out', 303);
    },
  );

  return routes;
}
