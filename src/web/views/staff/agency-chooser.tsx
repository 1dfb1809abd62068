// The agency chooser (/staff): the user's agencies with their roles; a platform administrator sees every
// agency and the way to 平台管理.

import { PLATFORM_PATH, ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

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
