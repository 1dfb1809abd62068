// 平台管理 (platform administrators): every agency and user, creating an agency (its 机关代字 asked, with
// a suggestion from the name to confirm) with its first 管理员, and the page that shows a generated password once.

import { AGENCY_LEVEL_LABELS } from '../../../domain/applications/types.ts';
import { MIN_PASSWORD_LENGTH } from '../../../services/accounts.ts';
import { AccountActions, accountFields, accountStatus, OncePassword, PasswordInput } from './account-actions.tsx';
import type { AccountRow, Viewer } from './account-actions.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { PLATFORM_PATH, ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ProxySetting } from './proxy-setting.tsx';
import type { TrustProxy } from '../../../config.ts';

export interface PlatformUserRow extends AccountRow {
  agencies: { code: string; name: string; roles: string[] }[];
}

export interface PlatformAgencyRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface PlatformPageProps {
  agencies: PlatformAgencyRow[];
  users: PlatformUserRow[];
  csrf: string;
  /** the new agency's form as typed (after a refusal); `parent:<code>` an agency's parent as chosen */
  values: Record<string, string>;
  errors: FieldError[];
  done?: string;
  viewer: Viewer;
  /** GONGKAI_TRUST_PROXY, shown read-only */
  trustProxy?: TrustProxy;
}

/** The ids of the new agency's form controls (the service's fields → these). */
export const PLATFORM_FIELDS = {
  code: 'agency-code',
  name: 'agency-name',
  level: 'agency-level',
  parentCode: 'agency-parent',
  documentPrefix: 'agency-prefix',
  adminUsername: 'admin-username',
  adminDisplayName: 'admin-name',
  adminPassword: 'admin-password',
} as const;

const LEVEL_OPTIONS = Object.entries(AGENCY_LEVEL_LABELS) as [string, string][];

/** The id of an agency's parent selector on 平台管理 (where a refusal's message goes). */
export const parentFieldId = (code: string): string => `parent-${code}`;

/** An agency's parent, changed in place (the oversight of issue #13 follows the tree). */
function ParentForm(props: { agency: PlatformAgencyRow; agencies: PlatformAgencyRow[]; csrf: string; error: string | undefined; current: string }) {
  const id = parentFieldId(props.agency.code);
  return (
    <form method="post" action={`${PLATFORM_PATH}/agencies/parent`}>
      <Csrf token={props.csrf} />
      <input type="hidden" name="code" value={props.agency.code} />
      <Select
        id={id}
        name="parentCode"
        label={`${props.agency.name}的上级机关`}
        value={props.current}
        placeholder="（无上级机关）"
        options={props.agencies.filter((o) => o.code !== props.agency.code).map((o) => [o.code, `${o.name}（${o.code}）`] as const)}
        error={props.error}
      />
      <button type="submit" class="secondary">
        保存上级机关
      </button>
    </form>
  );
}

export function platformPage(frame: StaffFrame, props: PlatformPageProps): string {
  const e = (f: string) => errorFor(props.errors, f);
  const nameOf = new Map(props.agencies.map((a) => [a.code, a.name]));
  const F = PLATFORM_FIELDS;
  return staffPage(
    frame,
    '平台管理',
    <>
      <h1>平台管理</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>
        平台管理员可以进入所有机关的工作平台，创建机关，设置各机关的上级机关（政务公开监督按上下级收集年度报告），并管理所有用户的账号。为某个机关增加用户或角色，请进入该机关工作平台的“用户”页面。<a href="/staff">返回选择机关</a>{' '}
        <a href={`${PLATFORM_PATH}/calendar`}>工作日历</a> <a href={`${PLATFORM_PATH}/limits`}>访问限制</a> <a href={`${PLATFORM_PATH}/audit`}>平台审计日志</a>
      </p>

      <section aria-labelledby="agencies-title">
        <h2 id="agencies-title">机关（{props.agencies.length}个）</h2>
        {props.agencies.length === 0 ? (
          <p>还没有机关。</p>
        ) : (
          <div class="table-wrap" role="region" aria-label="平台上的全部机关（可横向滚动）" tabindex={0}>
            <table>
              <caption>平台上的全部机关</caption>
              <thead>
                <tr>
                  <th scope="col">机关代码</th>
                  <th scope="col">机关名称</th>
                  <th scope="col">级别</th>
                  <th scope="col">上级机关</th>
                  <th scope="col">链接</th>
                </tr>
              </thead>
              <tbody>
                {props.agencies.map((a) => (
                  <tr>
                    <td>{a.code}</td>
                    <td>{a.name}</td>
                    <td>{AGENCY_LEVEL_LABELS[a.level as keyof typeof AGENCY_LEVEL_LABELS] ?? a.level}</td>
                    <td>
                      <ParentForm agency={a} agencies={props.agencies} csrf={props.csrf} error={e(parentFieldId(a.code))} current={props.values[`parent:${a.code}`] ?? a.parentCode ?? ''} />
                    </td>
                    <td>
                      <a href={staffBase(a.code)}>{a.name}的工作平台</a>
                      <br />
                      <a href={`/${encodeURIComponent(a.code)}/`}>{a.name}的政府信息公开栏目</a>
                      {props.agencies.some((o) => o.parentCode === a.code) ? (
                        <>
                          <br />
                          <a href={`${staffBase(a.code)}/oversight`}>{a.name}的政务公开监督</a>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action={`${PLATFORM_PATH}/agencies`} novalidate>
          <h3>创建机关</h3>
          <Csrf token={props.csrf} />
          <TextField id={F.code} name="code" label="机关代码" required value={props.values['code']} maxlength={64} autocomplete="off" hint="字母、数字、下划线或连字符，例如机关名称的拼音首字母 zwjgsw；它出现在网址中，创建后不能修改。" error={e(F.code)} />
          <TextField id={F.name} name="name" label="机关名称" required value={props.values['name']} maxlength={100} hint="例如 某某市人民政府办公室" error={e(F.name)} />
          <TextField id={F.documentPrefix} name="documentPrefix" label="文号前缀（机关代字）" required value={props.values['documentPrefix']} maxlength={20} hint="本机关文书文号的机关代字，例如“示范自然资规公开”→ 示范自然资规公开〔2026〕1号。不填则按机关名称给出建议，请确认或修改后再提交。" error={e(F.documentPrefix)} />
          <Select id={F.level} name="level" label="级别" required value={props.values['level'] ?? 'department'} options={LEVEL_OPTIONS} error={e(F.level)} />
          <Select
            id={F.parentCode}
            name="parentCode"
            label="上级机关"
            value={props.values['parentCode'] ?? ''}
            placeholder="（无上级机关）"
            options={props.agencies.map((a) => [a.code, `${a.name}（${a.code}）`] as const)}
            error={e(F.parentCode)}
          />
          <fieldset>
            <legend>第一位管理员（可不填，以后也可在该机关的“用户”页面添加）</legend>
            <TextField id={F.adminUsername} name="adminUsername" label="管理员的用户名" value={props.values['adminUsername']} maxlength={64} autocomplete="off" hint="字母、数字、点、下划线或连字符，2至64个字符。" error={e(F.adminUsername)} />
            <TextField id={F.adminDisplayName} name="adminDisplayName" label="管理员的姓名" value={props.values['adminDisplayName']} maxlength={50} error={e(F.adminDisplayName)} />
            <PasswordInput
              id={F.adminPassword}
              name="adminPassword"
              label="管理员的临时密码（可不填）"
              hint={`至少${MIN_PASSWORD_LENGTH}个字符，不能包含用户名，不能是常见或容易猜中的密码；不填则由系统生成，只显示一次。请当面告知本人，并提醒其登录后修改。`}
              error={e(F.adminPassword)}
            />
          </fieldset>
          <button type="submit">创建机关</button>
        </form>
      </section>

      <section aria-labelledby="users-title">
        <h2 id="users-title">用户（{props.users.length}人）</h2>
        <div class="table-wrap" role="region" aria-label="平台上的全部用户（可横向滚动）" tabindex={0}>
          <table>
            <caption>平台上的全部用户</caption>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">机关与角色</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((u) => (
                <tr id={accountFields(u.userId).row}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{u.agencies.length === 0 ? '—' : u.agencies.map((a) => `${a.name}：${a.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}`).join('；')}</td>
                  <td>{accountStatus(u)}</td>
                  <td>
                    <AccountActions action={`${PLATFORM_PATH}/users`} account={u} csrf={props.csrf} viewer={props.viewer} errors={props.errors} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="hint">设置或取消平台管理员，请在服务器上使用命令 gongkai user grant-platform-admin / revoke-platform-admin。</p>
      </section>

      <ProxySetting trust={props.trustProxy ?? { kind: 'none' }} />
    </>,
  );
}

export interface AgencyCreatedProps {
  agency: { code: string; name: string };
  admin: { username: string; displayName: string } | null;
  /** the new 管理员's generated password, shown this once */
  generatedPassword: string | null;
}

/** The answer to a new agency whose 管理员's password was generated (not cached: shown once). */
export function agencyCreatedPage(frame: StaffFrame, props: AgencyCreatedProps): string {
  const admin = props.admin ? `${props.admin.displayName}（${props.admin.username}）` : null;
  return staffPage(
    frame,
    '已创建机关',
    <>
      <h1>已创建机关：{props.agency.name}</h1>
      <div class="notice" role="status">
        <p>
          机关代码 {props.agency.code}；工作平台 <a href={staffBase(props.agency.code)}>{staffBase(props.agency.code)}</a>，政府信息公开栏目{' '}
          <a href={`/${encodeURIComponent(props.agency.code)}/`}>/{props.agency.code}/</a>。
        </p>
        {admin ? <p>已创建管理员 {admin}。</p> : null}
        {admin && props.generatedPassword !== null ? <OncePassword password={props.generatedPassword} who={admin} /> : null}
      </div>
      <p>
        <a href={PLATFORM_PATH}>返回平台管理</a>
      </p>
    </>,
  );
}

