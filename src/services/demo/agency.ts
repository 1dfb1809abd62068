// The demo agency (示范市自然资源和规划局, code `demo`), its staff accounts and the details its pages and
// notices name. All of it is fictitious and says so.

import type { Role } from '../accounts.ts';

export const DEMO_AGENCY = { code: 'demo', name: '示范市自然资源和规划局', level: 'department' } as const;

/** The password of every demo account: printed, and to be changed (or the accounts disabled) before any real use. */
export const DEMO_PASSWORD = 'gongkai-demo-2026';

export const DEMO_USERS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'demo-admin', displayName: '演示管理员', role: 'admin' },
  { username: 'demo-handler', displayName: '演示经办人', role: 'handler' },
  { username: 'demo-head', displayName: '演示科室负责人', role: 'section_head' },
  { username: 'demo-office', displayName: '演示办公室', role: 'office' },
  { username: 'demo-leader', displayName: '演示分管领导', role: 'leader' },
  { username: 'demo-supervisor', displayName: '演示监督员', role: 'supervisor' },
];

/** The 行政复议机关 named in the replies (the agency's 本级人民政府). */
export const DEMO_REVIEW_BODY = '示范市人民政府';

/** The office where the demo's applicants read or collect information (fictitious). */
export const DEMO_OFFICE = '示范市人民路1号自然资源和规划局大楼一楼政务公开窗口（示范地址）';

/** The demo agency's site profile: footer and the notices' contact line (fictitious: 示 is no province, the numbers are none). */
export const DEMO_SITE = {
  sponsor: '示范市自然资源和规划局',
  officeName: '示范市自然资源和规划局办公室',
  address: '示范市人民路1号（示范地址）',
  postcode: '755000',
  phone: '0955-7000001',
  fax: '0955-7000002',
  hours: '工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）',
  icp: '示ICP备20260001号-1',
  policeRecord: '示公网安备00000000000001号',
  siteCode: 'DEMO000001',
} as const;

/** The city government's (its own column and the 政务公开办's reports). */
export const DEMO_CITY_SITE = {
  sponsor: '示范市人民政府办公室',
  officeName: '示范市人民政府办公室',
  address: '示范市人民路9号（示范地址）',
  postcode: '755000',
  phone: '0955-7000009',
  icp: '示ICP备20260002号-1',
  siteCode: 'DEMO000009',
} as const;
