// The audit log: an agency's (/staff/:agency/audit), or the platform's (平台管理: the entries of no agency).

import type { AuditEntry } from '../../../services/audit.ts';
import { beijingTime } from './application.tsx';
import { PLATFORM_PATH, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

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
        <div class="table-wrap" role="region" aria-label={`${props.platform ? '不属于某个机关的操作记录：初始设置、创建机关、账号管理、登录等（由近及远，北京时间）' : '本机关的操作记录（由近及远，北京时间）'}（可横向滚动）`} tabindex={0}>
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
