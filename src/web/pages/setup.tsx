// First start (mounted at /setup): while the platform has no user, a form for the first agency and its
// administrator; once it is set up, /setup sends visitors to the home page. `firstStartRedirect()`
// sends / and /staff… to /setup until then.

import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { MIN_PASSWORD_LENGTH, startSession } from '../../services/accounts.ts';
import { agenciesBeforeSetup, needsSetup, setupPlatform } from '../../services/setup.ts';
import { confirmDocumentPrefix } from '../../services/agencies.ts';
import { AGENCY_LEVEL_LABELS } from '../../domain/applications/types.ts';
import { sessionMiddleware, setSessionCookie } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { CsrfField, verifyCsrf } from '../csrf.ts';
import { clientIp, rateLimit } from '../rate-limit.ts';
import { ErrorSummary, Layout } from '../views/layout.tsx';
import { describedBy, Frame } from '../views/staff/forms.tsx';
import { STAFF_SITE } from './login.tsx';

interface SetupValues {
  agencyCode: string;
  agencyName: string;
  agencyLevel: string;
  documentPrefix: string;
  adminUsername: string;
  adminDisplayName: string;
}

const EMPTY: SetupValues = { agencyCode: '', agencyName: '', agencyLevel: 'government', documentPrefix: '', adminUsername: '', adminDisplayName: '' };

/** Service fields (agency.code, admin.password …) → the form's element ids. */
const FIELD_IDS: Record<string, string> = {
  'agency.code': 'agency-code',
  'agency.name': 'agency-name',
  'agency.level': 'agency-level',
  'agency.documentPrefix': 'agency-prefix',
  'admin.username': 'admin-username',
  'admin.displayName': 'admin-display-name',
  'admin.password': 'admin-password',
  'admin.password2': 'admin-password2',
};

export function setupPage(props: { csrf: string; values: SetupValues; errors: { field: string; message: string }[]; existing?: { code: string; name: string }[] }): string {
  const errorOf = (id: string) => props.errors.find((e) => e.field === id)?.message;
  const described = (id: string, hint: boolean) => describedBy({ id, ...(hint ? { hint: 'yes' } : {}), error: errorOf(id) });
  const text = (id: string, name: string, value: string, extra: Record<string, unknown> = {}, hint = false) => (
    <input type="text" id={id} name={name} value={value} aria-invalid={errorOf(id) ? 'true' : undefined} aria-describedby={described(id, hint)} {...extra} />
  );
  const v = props.values;
  return (
    '<!doctype html>' +
    (
      <Layout title="初始设置" site={STAFF_SITE} home="/setup">
        <h1>初始设置</h1>
        <p>这是平台的第一次启动。请填写第一个机关和它的管理员；管理员同时是平台管理员，以后可以添加其他机关和工作人员。</p>
        <ErrorSummary errors={props.errors} />
        {props.existing && props.existing.length > 0 ? (
          <div class="notice">
            <p>数据库中已有以下机关（由命令行创建）。填写其中一个的机关代码，管理员就归属该机关（机关名称和级别保持不变）：</p>
            <ul>
              {props.existing.map((a) => (
                <li>
                  {a.code}：{a.name}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action="/setup" novalidate>
          <CsrfField token={props.csrf} />
          <fieldset>
            <legend>机关</legend>
            <Frame id="agency-code" label="机关代码" hint="用于网址，只能由字母、数字、下划线和连字符组成，例如 zwjgsw" error={errorOf('agency-code')}>
              {text('agency-code', 'agencyCode', v.agencyCode, { autocapitalize: 'none', spellcheck: false, maxlength: 64, required: true }, true)}
            </Frame>
            <Frame id="agency-name" label="机关名称" hint="例如 某某市人民政府办公室" error={errorOf('agency-name')}>
              {text('agency-name', 'agencyName', v.agencyName, { maxlength: 100, required: true }, true)}
            </Frame>
            <Frame id="agency-prefix" label="文号前缀（机关代字）" hint="本机关文书文号的机关代字，例如“示范自然资规公开”→ 示范自然资规公开〔2026〕1号。不填则按机关名称给出建议，请确认或修改后再提交。" error={errorOf('agency-prefix')}>
              {text('agency-prefix', 'documentPrefix', v.documentPrefix, { maxlength: 20, required: true }, true)}
            </Frame>
            <Frame id="agency-level" label="级别" error={errorOf('agency-level')}>
              <select id="agency-level" name="agencyLevel" aria-invalid={errorOf('agency-level') ? 'true' : undefined}>
                {Object.entries(AGENCY_LEVEL_LABELS).map(([value, label]) => (
                  <option value={value} selected={value === v.agencyLevel}>
                    {label}
                  </option>
                ))}
              </select>
            </Frame>
          </fieldset>
          <fieldset>
            <legend>管理员</legend>
            <Frame id="admin-username" label="用户名" hint="登录用，字母、数字、点、下划线和连字符，2至64个字符" error={errorOf('admin-username')}>
              {text('admin-username', 'adminUsername', v.adminUsername, { autocomplete: 'username', autocapitalize: 'none', spellcheck: false, maxlength: 64, required: true }, true)}
            </Frame>
            <Frame id="admin-display-name" label="姓名" error={errorOf('admin-display-name')}>
              {text('admin-display-name', 'adminDisplayName', v.adminDisplayName, { autocomplete: 'name', maxlength: 50, required: true })}
            </Frame>
            <Frame id="admin-password" label="密码" hint={`至少${MIN_PASSWORD_LENGTH}个字符，不能包含用户名，不能是常见或容易猜中的密码（可用几个不相关的词语组合）`} error={errorOf('admin-password')}>
              <input
                type="password"
                id="admin-password"
                name="adminPassword"
                autocomplete="new-password"
                minlength={MIN_PASSWORD_LENGTH}
                maxlength={256}
                required
                aria-invalid={errorOf('admin-password') ? 'true' : undefined}
                aria-describedby={described('admin-password', true)}
              />
            </Frame>
            <Frame id="admin-password2" label="再次输入密码" error={errorOf('admin-password2')}>
              <input
                type="password"
                id="admin-password2"
                name="adminPassword2"
                autocomplete="new-password"
                maxlength={256}
                required
                aria-invalid={errorOf('admin-password2') ? 'true' : undefined}
                aria-describedby={described('admin-password2', false)}
              />
            </Frame>
          </fieldset>
          <button type="submit">完成设置并登录</button>
        </form>
      </Layout>
    ).toString()
  );
}

const field = (v: unknown, max = 200): string => (typeof v === 'string' ? v.slice(0, max) : '');

export function setupRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const limited = rateLimit({ key: 'login', limit: 10, windowMs: 60_000 });

  routes.get('/', sessionMiddleware(), async (c) => {
    if (!(await needsSetup(c.var.deps.db))) return c.redirect('/', 303);
    return c.html(setupPage({ csrf: c.var.csrf, values: EMPTY, errors: [], existing: await agenciesBeforeSetup(c.var.deps.db) }));
  });

  routes.post('/', limited, sessionMiddleware(), verifyCsrf(), async (c) => {
    const { db, now } = c.var.deps;
    if (!(await needsSetup(db))) return c.redirect('/', 303);
    const body = await c.req.parseBody();
    const values: SetupValues = {
      agencyCode: field(body['agencyCode']),
      agencyName: field(body['agencyName']),
      agencyLevel: field(body['agencyLevel']),
      documentPrefix: field(body['documentPrefix']),
      adminUsername: field(body['adminUsername']),
      adminDisplayName: field(body['adminDisplayName']),
    };
    const password = field(body['adminPassword'], 256);
    const again = field(body['adminPassword2'], 256);
    const refuse = async (errors: { field: string; message: string }[], status: 400 | 422 = 422) =>
      c.html(setupPage({ csrf: c.var.csrf, values, errors, existing: await agenciesBeforeSetup(db) }), status);
    const control = controlCharacterProblem({
      'agency-code': { label: '机关代码', value: values.agencyCode },
      'agency-name': { label: '机关名称', value: values.agencyName },
      'agency-level': { label: '级别', value: values.agencyLevel },
      'agency-prefix': { label: '文号前缀', value: values.documentPrefix },
      'admin-username': { label: '用户名', value: values.adminUsername },
      'admin-display-name': { label: '姓名', value: values.adminDisplayName },
    });
    if (control) return refuse([control], 400);
    if (password !== again && password.length >= MIN_PASSWORD_LENGTH) return refuse([{ field: 'admin-password2', message: '两次输入的密码不一致' }]);
    // the 机关代字 is asked, never guessed: an empty one comes back with the suggestion to confirm or edit
    const prefix = confirmDocumentPrefix(values.agencyName, values.documentPrefix);
    if (!prefix.ok) {
      values.documentPrefix = prefix.suggestion;
      return refuse([{ field: 'agency-prefix', message: prefix.message }]);
    }
    const at = now();
    const r = await setupPlatform(
      db,
      {
        agency: { code: values.agencyCode, name: values.agencyName, level: values.agencyLevel, documentPrefix: prefix.value },
        admin: { username: values.adminUsername, displayName: values.adminDisplayName, password },
      },
      at,
      await clientIp(c),
    );
    if (!r.ok) {
      if (r.error.code === 'SETUP_DONE') return c.redirect('/', 303);
      return refuse([{ field: FIELD_IDS[r.error.field ?? ''] ?? 'agency-code', message: r.error.message }]);
    }
    const s = await startSession(db, r.value.user.id, at);
    setSessionCookie(c, s.sessionToken);
    return c.redirect('/staff', 303);
  });

  return routes;
}

/**
 * Until the platform is set up, GET /staff… go to /setup (nobody could sign in), and so does GET /
 * while there is no agency either (nothing to show; agencies created from the command line keep
 * their public column). Mount before the routes: `app.use('*', firstStartRedirect())`. Once a user
 * exists this app instance stops asking.
 */
export function firstStartRedirect(): MiddlewareHandler<AppEnv> {
  let done = false;
  return async (c, next) => {
    if (done || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    const path = c.req.path;
    const staff = path === '/staff' || path.startsWith('/staff/');
    if (path !== '/' && !staff) return next();
    const db = c.var.deps.db;
    if (!(await needsSetup(db))) {
      done = true;
      return next();
    }
    if (staff || (await agenciesBeforeSetup(db)).length === 0) return c.redirect('/setup', 303);
    await next();
  };
}
