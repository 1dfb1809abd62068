// The agency chooser, the agency's users (管理员: add an account with a role, give or take a role, and
// per member: reset a forgotten password, unlock, disable or enable the account), 平台管理 (the platform
// administrator: every agency, a new agency with its first 管理员, every user's account) and the audit log.

import type { Child } from 'hono/jsx';
import { AGENCY_LEVEL_LABELS } from '../../../domain/applications/types.ts';
import { MIN_PASSWORD_LENGTH } from '../../../services/accounts.ts';
import type { AuditEntry } from '../../../services/audit.ts';
import { beijingTime } from './application.tsx';
import { Csrf, describedBy, errorFor, Frame, FormOutcome, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** The platform administrator's page. */
export const PLATFORM_PATH = '/staff/platform';

export function agenciesPage(frame: StaffFrame, agencies: { code: string; name: string; roles: string[] }[], options: { platformAdmin?: boolean } = {}): string {
  return staffPage(
    frame,
    '选择机关',
    <>
      <h1>选择机关</h1>
      {options.platformAdmin ? (
        <p>
          您是平台管理员，可以进入所有机关的工作平台。创建机关、管理所有用户的账号，请到 <a href={PLATFORM_PATH}>平台管理</a>。
        </p>
      ) : null}
      {agencies.length === 0 ? (
        <p>{options.platformAdmin ? '平台上还没有机关，请到“平台管理”创建。' : '您的账号还没有任何机关的角色，请联系本机关的管理员。'}</p>
      ) : (
        <ul>
          {agencies.map((a) => (
            <li>
              <a href={staffBase(a.code)}>{a.name}</a>
              {a.roles.length > 0 ? `（${a.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}）` : ''}
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

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

export interface MemberRow extends AccountRow {
  roles: string[];
}

/** The signed-in administrator: their own row and the accounts only a platform administrator may change are marked. */
export interface Viewer {
  userId: number;
  platformAdmin: boolean;
}

export interface UsersPageProps {
  members: MemberRow[];
  canAdmin: boolean;
  csrf: string;
  values: Record<string, string>;
  errors: FieldError[];
  done?: string;
  /** who is looking (absent: the account actions are offered on every row; the server checks them all the same) */
  viewer?: Viewer;
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

const ROLE_OPTIONS = Object.entries(ROLE_LABELS) as [string, string][];

export function usersPage(frame: StaffFrame, props: UsersPageProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const e = (f: string) => errorFor(props.errors, f);
  return staffPage(
    frame,
    '用户',
    <>
      <h1>本机关的用户</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>角色：管理员（管理用户）、经办人（登记和办理申请）、科室负责人和分管领导（还可批准延期答复）、监督（只能查看）。</p>
      {props.canAdmin ? (
        <p>
          忘记密码的，为其重置密码（同时解除锁定）；调离或离职的，停用其账号（立即退出登录，接口令牌不能再用）。同时在其他机关任职的用户和平台管理员，由平台管理员停用或重置密码。
        </p>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption>用户及角色（{props.members.length}人）</caption>
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              {props.canAdmin ? <th scope="col">操作</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr id={accountFields(m.userId).row}>
                <td>{m.username}</td>
                <td>{m.displayName}</td>
                <td>
                  {m.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}
                  {m.otherAgencies && m.otherAgencies.length > 0 ? <p class="hint">另在：{m.otherAgencies.join('、')}</p> : null}
                </td>
                <td>{accountStatus(m)}</td>
                {props.canAdmin ? (
                  <td>
                    {m.roles.map((r) => (
                      <form method="post" action={`${base}/users/remove`} style="display:inline-block;margin:0 .5rem .25rem 0">
                        <Csrf token={props.csrf} />
                        <input type="hidden" name="userId" value={String(m.userId)} />
                        <input type="hidden" name="role" value={r} />
                        <button type="submit" class="secondary">
                          取消 {m.displayName} 的“{ROLE_LABELS[r] ?? r}”角色
                        </button>
                      </form>
                    ))}
                    <form method="post" action={`${base}/users/role`} novalidate>
                      <Csrf token={props.csrf} />
                      <input type="hidden" name="userId" value={String(m.userId)} />
                      <label for={`role-${m.userId}`}>为 {m.displayName} 增加角色</label>
                      <select id={`role-${m.userId}`} name="role">
                        {ROLE_OPTIONS.filter(([r]) => !m.roles.includes(r)).map(([r, l]) => (
                          <option value={r}>{l}</option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="secondary">
                        增加
                      </button>
                    </form>
                    <AccountActions action={`${base}/users`} account={m} csrf={props.csrf} viewer={props.viewer} errors={props.errors} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.canAdmin ? (
        <form method="post" action={`${base}/users`} novalidate>
          <h2>新增用户</h2>
          <Csrf token={props.csrf} />
          <TextField id="username" name="username" label="用户名" required value={props.values['username']} maxlength={64} autocomplete="off" hint="字母、数字、点、下划线或连字符，2至64个字符。" error={e('username')} />
          <TextField id="displayName" name="displayName" label="姓名" required value={props.values['displayName']} maxlength={50} error={e('displayName')} />
          <div class="field">
            <label for="password">初始密码（必填）</label>
            <p class="hint" id="password-hint">
              至少10个字符；请当面告知本人，并提醒其登录后修改。
            </p>
            {e('password') ? (
              <p class="field-error" id="password-error">
                {e('password')}
              </p>
            ) : null}
            <input type="password" id="password" name="password" autocomplete="new-password" aria-describedby={e('password') ? 'password-hint password-error' : 'password-hint'} aria-invalid={e('password') ? 'true' : undefined} />
          </div>
          <Select id="role" name="role" label="角色" required value={props.values['role'] ?? 'handler'} options={ROLE_OPTIONS} error={e('role')} />
          <button type="submit">新增用户</button>
        </form>
      ) : null}
    </>,
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

// ---------------------------------------------------------------------------------------------
// 平台管理

const ACTION_LABELS: Record<string, string> = {
  login: '登录',
  login_failed: '登录失败',
  account_locked: '账号锁定',
  login_backoff: '登录受限（密码输错次数过多）',
  logout: '退出',
  'user.create': '新增用户',
  'membership.add': '增加角色',
  'membership.remove': '取消角色',
  'password.change': '修改密码',
  'user.password_reset': '重置密码',
  'user.unlock': '解除锁定',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.platform_admin.grant': '设为平台管理员',
  'user.platform_admin.revoke': '取消平台管理员',
  'agency.create': '创建机关',
  'agency.update': '修改机关信息',
  'agency.parent': '设置上级机关',
  'oversight.upload': '上传下级机关的年度报告',
  'oversight.file': '确认年度报告文件所属机关',
  'oversight.discard': '舍弃年度报告文件',
  'oversight.enter': '据原件录入年度报告',
  'oversight.settings': '修改监督设置（评分细则、乡镇街道截止日期）',
  'oversight.remind': '催报年度报告（平台内）',
  'oversight.published_on': '录入年度报告发布日期',
  'oversight.exclude': '年度报告不纳入汇总',
  'oversight.include': '年度报告重新纳入汇总',
  'calendar.year': '录入节假日安排',
  'calendar.rest_day': '增加本地休息日',
  'column.page': '修改公开栏目页面',
  'api_token.create': '创建接口令牌',
  'api_token.revoke': '撤销接口令牌',
  'report.publish': '发布年度报告',
  'report.replace': '更正年度报告',
  'report.withdraw': '撤回年度报告',
  setup: '初始设置',
  'application.register': '登记申请',
  'application.event': '办理申请',
  'document.issue': '制作文书',
  'id_number.view': '查看完整证件号码',
  'identity_proof.view': '查看身份证明文件',
  'ledger.export': '导出台账',
};

/**
 * The audit log of an agency, or (platform) the entries of no agency: setup, agencies created, account
 * administration from 平台管理 or the command line, sign-ins.
 */
export function auditPage(frame: StaffFrame, props: { entries: AuditEntry[]; next: number | null; platform?: boolean }): string {
  const base = props.platform ? PLATFORM_PATH : staffBase(frame.agency?.code ?? '');
  const title = props.platform ? '平台审计日志' : '审计日志';
  const who = (a: AuditEntry): string => (a.displayName ? `${a.displayName}（${a.username ?? ''}）` : a.detail['via'] === 'cli' ? '命令行' : '—');
  return staffPage(
    frame,
    title,
    <>
      <h1>{title}</h1>
      {props.entries.length === 0 ? (
        <p>没有记录。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{props.platform ? '不属于某个机关的操作记录：初始设置、创建机关、账号管理、登录等（由近及远，北京时间）' : '本机关的操作记录（由近及远，北京时间）'}</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">用户</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">详情</th>
                <th scope="col">IP地址</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((a) => (
                <tr>
                  <td>{beijingTime(a.at)}</td>
                  <td>{who(a)}</td>
                  <td>{ACTION_LABELS[a.action] ?? a.action}</td>
                  <td>{a.target ?? '—'}</td>
                  <td style="overflow-wrap:anywhere">{Object.keys(a.detail).length > 0 ? JSON.stringify(a.detail) : '—'}</td>
                  <td>{a.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.next !== null ? (
        <p>
          <a href={`${base}/audit?before=${props.next}`}>更早的记录</a>
        </p>
      ) : null}
    </>,
  );
}
