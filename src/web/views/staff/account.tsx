// 我的账号 (/staff/account): the signed-in user changes their password and manages their API tokens
// (a new token is shown once). Pure.

import type { ApiTokenView } from '../../../services/accounts.ts';
import { MIN_PASSWORD_LENGTH } from '../../../services/accounts.ts';
import { ErrorSummary } from '../layout.tsx';
import { beijingTime } from './application.tsx';
import { Csrf, describedBy, errorFor, Frame, FormOutcome, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface AccountPageProps {
  csrf: string;
  username: string;
  tokens: ApiTokenView[];
  errors: FieldError[];
  /** the token name as typed, when refused */
  tokenName?: string;
  done?: string;
  /** a token just made: shown this once */
  newToken?: { name: string; token: string };
}

export const ACCOUNT_FIELDS = { currentPassword: 'current-password', newPassword: 'new-password', newPassword2: 'new-password2', tokenName: 'token-name' } as const;

function PasswordField(props: { id: string; name: string; label: string; autocomplete: string; hint?: string; error?: string | undefined; minlength?: number }) {
  return (
    <Frame id={props.id} label={props.label} required {...(props.hint ? { hint: props.hint } : {})} error={props.error}>
      <input
        type="password"
        id={props.id}
        name={props.name}
        autocomplete={props.autocomplete}
        minlength={props.minlength}
        maxlength={256}
        required
        aria-describedby={describedBy({ id: props.id, ...(props.hint ? { hint: props.hint } : {}), error: props.error })}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </Frame>
  );
}

export function accountPage(frame: StaffFrame, props: AccountPageProps): string {
  const e = (field: string) => errorFor(props.errors, field);
  const active = props.tokens.filter((t) => !t.revoked);
  return staffPage(
    frame,
    '我的账号',
    <>
      <h1>我的账号（{props.username}）</h1>
      <FormOutcome done={props.done} />
      {props.newToken ? (
        <div class="notice" role="status">
          <p>
            已创建接口令牌“{props.newToken.name}”。请立即复制保存，离开本页后将无法再次查看：
          </p>
          <p>
            <code style="word-break:break-all;font-size:1.05rem">{props.newToken.token}</code>
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} />

      <section aria-labelledby="password-title">
        <h2 id="password-title">修改密码</h2>
        <form method="post" action="/staff/account/password" novalidate>
          <Csrf token={props.csrf} />
          <input type="text" name="username" value={props.username} autocomplete="username" hidden readonly />
          <PasswordField id={ACCOUNT_FIELDS.currentPassword} name="currentPassword" label="当前密码" autocomplete="current-password" error={e(ACCOUNT_FIELDS.currentPassword)} />
          <PasswordField
            id={ACCOUNT_FIELDS.newPassword}
            name="newPassword"
            label="新密码"
            autocomplete="new-password"
            minlength={MIN_PASSWORD_LENGTH}
            hint={`至少${MIN_PASSWORD_LENGTH}个字符，不能包含用户名，不能是常见或容易猜中的密码（可用几个不相关的词语组合）。修改后，您在其他设备上的登录将退出。`}
            error={e(ACCOUNT_FIELDS.newPassword)}
          />
          <PasswordField id={ACCOUNT_FIELDS.newPassword2} name="newPassword2" label="再次输入新密码" autocomplete="new-password" error={e(ACCOUNT_FIELDS.newPassword2)} />
          <button type="submit">修改密码</button>
        </form>
      </section>

      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">接口令牌</h2>
        <p>
          其他系统通过接口（/api/v1，说明见 <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>）以您的身份和权限读写数据时使用，放在请求头
          <code>Authorization: Bearer 令牌</code> 中。不再使用的令牌请及时撤销。
        </p>
        {props.tokens.length === 0 ? (
          <p>还没有接口令牌。</p>
        ) : (
          <div class="table-wrap" role="region" aria-label="我的接口令牌（可横向滚动）" tabindex={0}>
            <table>
              <caption>我的接口令牌（有效 {active.length} 个）</caption>
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">创建时间</th>
                  <th scope="col">最近使用</th>
                  <th scope="col">状态</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((t) => (
                  <tr>
                    <td>{t.name}</td>
                    <td>{beijingTime(t.createdAt)}</td>
                    <td>{t.lastUsedAt ? beijingTime(t.lastUsedAt) : '从未使用'}</td>
                    <td>{t.revoked ? '已撤销' : '有效'}</td>
                    <td>
                      {t.revoked ? null : (
                        <form method="post" action="/staff/account/tokens/revoke">
                          <Csrf token={props.csrf} />
                          <input type="hidden" name="tokenId" value={String(t.id)} />
                          <button type="submit" class="secondary">
                            撤销令牌“{t.name}”
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action="/staff/account/tokens" novalidate>
          <Csrf token={props.csrf} />
          <TextField id={ACCOUNT_FIELDS.tokenName} name="name" label="新令牌的名称" required maxlength={100} value={props.tokenName ?? ''} hint="写明用途，例如“OA系统对接”" error={e(ACCOUNT_FIELDS.tokenName)} />
          <button type="submit">创建接口令牌</button>
        </form>
      </section>
    </>,
  );
}
