// The agency's users (管理员): add an account with a role, give or take a role, and per member the account
// actions (account-actions.tsx: reset a forgotten password, unlock, disable or enable the account).

import { AccountActions, accountFields, accountStatus } from './account-actions.tsx';
import type { AccountRow, Viewer } from './account-actions.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface MemberRow extends AccountRow {
  roles: string[];
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
      <div class="table-wrap" role="region" aria-label="用户及角色（可横向滚动）" tabindex={0}>
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
