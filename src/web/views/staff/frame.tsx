// The frame of every staff page: the agency's name in the banner, the workspace's navigation (what the
// user's role may see), the signed-in user and the sign-out form. Pure: a function of its props.

import type { Child } from 'hono/jsx';
import { Layout } from '../layout.tsx';
import type { NavItem } from '../layout.tsx';
import { ROLE_LABELS as ACCOUNT_ROLE_LABELS } from '../../../services/accounts.ts';

export type StaffSection = 'dashboard' | 'applications' | 'new' | 'amendments' | 'complaints' | 'withheld' | 'catalogue' | 'inbox' | 'register' | 'report' | 'report-facts' | 'records' | 'users' | 'settings' | 'audit' | 'agencies' | 'account' | 'platform' | 'oversight';

export interface StaffFrame {
  /** null on the agency chooser */
  agency: { code: string; name: string } | null;
  user: { displayName: string; username: string };
  /** the user's roles in this agency, in Chinese */
  roleLabels: string[];
  /** the sign-out form (the auth module's), rendered in the banner */
  signOut: Child;
  /** platform: a platform administrator (平台管理 in the navigation); read: the agency's own pages (a 政务公开监督 alone has only oversee) */
  may: { handle: boolean; admin: boolean; audit: boolean; platform: boolean; read?: boolean; oversee?: boolean };
  current: StaffSection;
  /** the report year the navigation links to */
  reportYear: number;
}

/** The roles in Chinese (管理员, 经办人 …), keyed by any string a membership row holds. */
export const ROLE_LABELS: Record<string, string> = ACCOUNT_ROLE_LABELS;

export function staffBase(code: string): string {
  return `/staff/${encodeURIComponent(code)}`;
}

/** The platform administrator's page. */
export const PLATFORM_PATH = '/staff/platform';

function nav(frame: StaffFrame): NavItem[] {
  const platform: NavItem[] = frame.may.platform ? [{ href: '/staff/platform', label: '平台管理', current: frame.current === 'platform' }] : [];
  if (frame.agency === null) return platform;
  const base = staffBase(frame.agency.code);
  const read = frame.may.read ?? true;
  const items: (NavItem & { section: StaffSection; show: boolean })[] = [
    { section: 'dashboard', href: base, label: '工作台', show: read },
    { section: 'applications', href: `${base}/applications`, label: '申请列表', show: read },
    { section: 'new', href: `${base}/applications/new`, label: '登记申请', show: frame.may.handle },
    { section: 'amendments', href: `${base}/amendments`, label: '更正申请', show: read },
    { section: 'catalogue', href: `${base}/catalogue`, label: '主动公开', show: read },
    { section: 'inbox', href: `${base}/inbox`, label: '待我审核', show: frame.may.handle },
    { section: 'register', href: `${base}/register`, label: '规范性文件', show: read },
    { section: 'withheld', href: `${base}/withheld`, label: '不予公开审查', show: read },
    { section: 'report', href: `${base}/report/${frame.reportYear}`, label: '年度报告', show: read },
    { section: 'report-facts', href: `${base}/report-facts/${frame.reportYear}`, label: '年报素材', show: read },
    { section: 'records', href: `${base}/records/${frame.reportYear}`, label: '年报数据', show: read },
    { section: 'oversight', href: `${base}/oversight/${frame.reportYear}`, label: '政务公开监督', show: frame.may.oversee ?? false },
    // 投诉、举报 received as the office above (条例第五十一条): the office's (政务公开监督) and the administrator's
    { section: 'complaints', href: `${base}/complaints`, label: '投诉举报', show: (frame.may.oversee ?? false) || frame.may.admin },
    { section: 'users', href: `${base}/users`, label: '用户', show: frame.may.admin },
    { section: 'settings', href: `${base}/settings`, label: '栏目与设置', show: frame.may.admin },
    { section: 'audit', href: `${base}/audit`, label: '审计日志', show: frame.may.audit },
  ];
  return [...items.filter((i) => i.show).map((i) => ({ href: i.href, label: i.label, current: i.section === frame.current })), ...platform];
}

/** A whole staff page as a string (doctype included). */
export function staffPage(frame: StaffFrame, title: string, body: Child): string {
  const site = frame.agency ? `${frame.agency.name} · 政府信息公开工作平台` : '政府信息公开工作平台';
  const account = (
    <>
      <span>
        <a href="/staff/account" aria-current={frame.current === 'account' ? 'page' : undefined} title="我的账号：修改密码、接口令牌">
          {frame.user.displayName}（{frame.user.username}）
        </a>
        {frame.roleLabels.length > 0 ? ` · ${frame.roleLabels.join('、')}` : ''}
      </span>{' '}
      {frame.agency ? (
        <>
          <a href="/staff">切换机关</a>{' '}
        </>
      ) : null}
      {frame.signOut}
    </>
  );
  return (
    '<!doctype html>' +
    (
      <Layout title={title} site={site} home={frame.agency ? staffBase(frame.agency.code) : '/staff'} nav={nav(frame)} account={account}>
        {body}
      </Layout>
    ).toString()
  );
}

/** A record as a two-column table: a row header per fact (screen readers read them as pairs). */
export function Facts(props: { caption: string; items: [string, Child][] }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <tbody>
        {props.items.map(([term, value]) => (
          <tr>
            <th scope="row" style="width:11rem">
              {term}
            </th>
            <td style={PRE}>{value === null || value === undefined || value === '' ? '—' : value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Keeps the line breaks an official typed (request texts, notes). */
export const PRE = 'white-space:pre-wrap;overflow-wrap:anywhere';

/** A clock state as a badge with its text (the colour is never the only signal). */
export function ClockBadge(props: { state: string; label: string }) {
  return <span class={`badge ${props.state}`}>{props.label}</span>;
}

/** A stored due date ('—' when none), marked 已超期 when it has passed while the matter is open. */
export function DueOn(props: { on: string | null; overdue: boolean }) {
  return (
    <>
      {props.on ?? '—'}
      {props.overdue ? (
        <>
          {' '}
          <ClockBadge state="overdue" label="已超期" />
        </>
      ) : null}
    </>
  );
}

export const CLOCK_STATE_LABELS: Record<string, string> = {
  running: '正常',
  due_soon: '即将到期',
  overdue: '已超期',
  paused: '中止计算',
  stopped: '已停止',
};

/** "剩余3个工作日" / "已超期2个工作日" / "" */
export function daysLeftText(left: number | null, state: string): string {
  if (left === null) return '';
  if (state === 'overdue' || left < 0) return `已超期${Math.abs(left)}个工作日`;
  if (state === 'paused') return `中止计算，剩余${left}个工作日`;
  return left === 0 ? '今日到期' : `剩余${left}个工作日`;
}
