// The agency chooser, the agency's users (管理员: add an account with a role, give or take a role) and
// the audit log.

import type { AuditEntry } from '../../../services/audit.ts';
import { ErrorSummary } from '../layout.tsx';
import { beijingTime } from './application.tsx';
import { Csrf, errorFor, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export function agenciesPage(frame: StaffFrame, agencies: { code: string; name: string; roles: string[] }[]): string {
  return staffPage(
    frame,
    '选择机关',
    <>
      <h1>选择机关</h1>
      {agencies.length === 0 ? (
        <p>您的账号还没有任何机关的角色，请联系本机关的管理员。</p>
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

export interface MemberRow {
  userId: number;
  username: string;
  displayName: string;
  disabled: boolean;
  roles: string[];
}

export interface UsersPageProps {
  members: MemberRow[];
  canAdmin: boolean;
  csrf: string;
  values: Record<string, string>;
  errors: FieldError[];
  done?: string;
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
      {props.done ? (
        <div class="notice" role="status">
          <p>{props.done}</p>
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p>角色：管理员（管理用户）、经办人（登记和办理申请）、科室负责人和分管领导（还可批准延期答复）、监督（只能查看）。</p>
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
              <tr>
                <td>{m.username}</td>
                <td>{m.displayName}</td>
                <td>{m.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}</td>
                <td>{m.disabled ? '已停用' : '正常'}</td>
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

const ACTION_LABELS: Record<string, string> = {
  login: '登录',
  login_failed: '登录失败',
  account_locked: '账号锁定',
  logout: '退出',
  'user.create': '新增用户',
  'membership.add': '增加角色',
  'membership.remove': '取消角色',
  'password.change': '修改密码',
  setup: '初始设置',
  'application.register': '登记申请',
  'application.event': '办理申请',
  'document.issue': '制作文书',
};

export function auditPage(frame: StaffFrame, props: { entries: AuditEntry[]; next: number | null }): string {
  const base = staffBase(frame.agency?.code ?? '');
  return staffPage(
    frame,
    '审计日志',
    <>
      <h1>审计日志</h1>
      {props.entries.length === 0 ? (
        <p>没有记录。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>本机关的操作记录（由近及远，北京时间）</caption>
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
                  <td>{a.displayName ? `${a.displayName}（${a.username ?? ''}）` : '—'}</td>
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
