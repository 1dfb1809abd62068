// An administrator's actions on one account, shared by the agency's users page (管理员) and 平台管理: the
// account's status, unlock (when locked), disable or enable, reset a forgotten password, and the page that
// answers a reset (a generated password shown this once).

import type { Child } from 'hono/jsx';
import { MIN_PASSWORD_LENGTH } from '../../../services/accounts.ts';
import { beijingTime } from './application.tsx';
import { Csrf, describedBy, errorFor, Frame } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** An account as the account actions see it. */
export interface AccountRow {
  userId: number;
  username: string;
  displayName: string;
  disabled: boolean;
  /** until when wrong passwords lock the account (null or absent: not locked now) */
  lockedUntil?: string | null;
  platformAdmin?: boolean;
  /** the names of the other agencies where the user also has roles */
  otherAgencies?: string[];
}

/** The signed-in administrator: their own row and the accounts only a platform administrator may change are marked. */
export interface Viewer {
  userId: number;
  platformAdmin: boolean;
}

/** The ids of the account controls of user `id` (the error summary links to them). */
export function accountFields(id: number) {
  return { row: `account-${id}`, password: `reset-${id}-password`, password2: `reset-${id}-password2`, tokens: `reset-${id}-tokens` };
}

/** 正常 / 已停用, 登录受限 (the back-off, Beijing time), 平台管理员. */
export function accountStatus(a: AccountRow): string {
  const parts = [a.disabled ? '已停用' : '正常'];
  if (a.lockedUntil) parts.push(`登录受限（密码输错次数过多，在未登录过的网络上须等到 ${beijingTime(a.lockedUntil)} 北京时间之后）`);
  if (a.platformAdmin) parts.push('平台管理员');
  return parts.join('；');
}

export function PasswordInput(props: { id: string; name: string; label: string; hint?: string; error?: string | undefined }) {
  return (
    <Frame id={props.id} label={props.label} {...(props.hint ? { hint: props.hint } : {})} error={props.error}>
      <input
        type="password"
        id={props.id}
        name={props.name}
        autocomplete="new-password"
        maxlength={256}
        aria-describedby={describedBy({ id: props.id, ...(props.hint ? { hint: props.hint } : {}), error: props.error })}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </Frame>
  );
}

/**
 * Unlock (when locked), disable or enable, and reset the password of one account; each form posts the
 * user's id to `${action}/unlock|disable|enable|reset-password`.
 */
export function AccountActions(props: { action: string; account: AccountRow; csrf: string; viewer?: Viewer | undefined; errors: FieldError[] }) {
  const a = props.account;
  const f = accountFields(a.userId);
  const rowError = errorFor(props.errors, f.row);
  const passwordError = errorFor(props.errors, f.password);
  const password2Error = errorFor(props.errors, f.password2);
  const self = props.viewer?.userId === a.userId;
  const others = a.otherAgencies ?? [];
  const restricted = props.viewer !== undefined && !props.viewer.platformAdmin && (a.platformAdmin === true || others.length > 0);
  const hidden = (): Child => (
    <>
      <Csrf token={props.csrf} />
      <input type="hidden" name="userId" value={String(a.userId)} />
    </>
  );
  const inline = 'display:inline-block;margin:0 .5rem .25rem 0';
  return (
    <div>
      {rowError ? (
        <p class="field-error" id={`${f.row}-error`}>
          {rowError}
        </p>
      ) : null}
      {a.lockedUntil ? (
        <form method="post" action={`${props.action}/unlock`} style={inline}>
          {hidden()}
          <button type="submit" class="secondary">
            解除 {a.displayName} 的锁定
          </button>
        </form>
      ) : null}
      {self ? (
        <p class="hint">
          这是您本人的账号。修改自己的密码请到 <a href="/staff/account">我的账号</a>。
        </p>
      ) : restricted ? (
        <p class="hint">
          {a.displayName}
          {a.platformAdmin ? '是平台管理员' : `同时在其他机关（${others.join('、')}）任职`}，停用、启用账号或重置密码请联系平台管理员。
        </p>
      ) : (
        <>
          <form method="post" action={`${props.action}/${a.disabled ? 'enable' : 'disable'}`} style={inline}>
            {hidden()}
            <button type="submit" class={a.disabled ? 'secondary' : 'danger'}>
              {a.disabled ? `启用 ${a.displayName} 的账号` : `停用 ${a.displayName} 的账号`}
            </button>
          </form>
          <details open={passwordError || password2Error ? true : undefined}>
            <summary>重置 {a.displayName} 的密码</summary>
            <form method="post" action={`${props.action}/reset-password`} novalidate>
              {hidden()}
              <PasswordInput
                id={f.password}
                name="newPassword"
                label={`${a.displayName} 的新密码（可不填）`}
                hint={`临时密码，至少${MIN_PASSWORD_LENGTH}个字符，不能包含用户名，不能是常见或容易猜中的密码；不填则由系统生成，只显示一次。`}
                error={passwordError}
              />
              <PasswordInput id={f.password2} name="newPassword2" label="再次输入新密码" error={password2Error} />
              <div class="field">
                <input type="checkbox" id={f.tokens} name="revokeTokens" value="1" />{' '}
                <label for={f.tokens} style="display:inline">
                  同时撤销 {a.displayName} 的全部接口令牌（怀疑账号被他人使用时勾选）
                </label>
              </div>
              <p class="hint">重置后，该账号的锁定解除，已登录的会话全部退出。</p>
              <button type="submit">重置 {a.displayName} 的密码</button>
            </form>
          </details>
        </>
      )}
    </div>
  );
}

/** A password shown this once: what to do with it. */
export function OncePassword(props: { password: string; who: string }) {
  return (
    <>
      <p>
        系统为 {props.who} 生成的密码如下。<strong>它只显示这一次</strong>，离开本页后无法再次查看；请当面或通过可靠渠道告知本人，并提醒其登录后立即到“我的账号”修改密码：
      </p>
      <p>
        <code style="word-break:break-all;font-size:1.15rem">{props.password}</code>
      </p>
    </>
  );
}

export interface ResetDoneProps {
  displayName: string;
  username: string;
  generatedPassword: string | null;
  sessionsEnded: number;
  tokensRevoked: number;
  /** where to go back to (the users page, or 平台管理) */
  back: { href: string; label: string };
}

/** The answer to a password reset (not cached: a generated password is shown once). */
export function resetDonePage(frame: StaffFrame, props: ResetDoneProps): string {
  const who = `${props.displayName}（${props.username}）`;
  return staffPage(
    frame,
    '已重置密码',
    <>
      <h1>已重置 {who}的密码</h1>
      <div class="notice" role="status">
        {props.generatedPassword !== null ? <OncePassword password={props.generatedPassword} who={who} /> : <p>请将新密码当面或通过可靠渠道告知本人，并提醒其登录后立即到“我的账号”修改密码。</p>}
      </div>
      <ul>
        <li>该账号的锁定（如有）已解除。</li>
        <li>{props.sessionsEnded > 0 ? `该账号已登录的 ${props.sessionsEnded} 个会话已全部退出。` : '该账号当时没有登录中的会话。'}</li>
        <li>{props.tokensRevoked > 0 ? `已撤销其 ${props.tokensRevoked} 个接口令牌。` : '其接口令牌未作改动（如怀疑账号被他人使用，可再次重置并勾选“同时撤销全部接口令牌”）。'}</li>
      </ul>
      <p>
        <a href={props.back.href}>{props.back.label}</a>
      </p>
    </>,
  );
}
