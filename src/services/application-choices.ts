// The closed lists of the application forms: 获取信息的方式 (the forms the online application offers,
// 条例第二十九条第二款第（三）项, stored as their words) and 承办人 (the agency's staff who may handle
// applications, stored as their display name, which services/personal-data.ts matches). A value stored
// before the lists existed stays selectable on the forms (views/staff/application-actions.tsx withCurrent).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { can, ROLES } from './accounts/roles.ts';
import type { Role } from './accounts/roles.ts';
import { listMembers } from './accounts/users.ts';
import { DELIVERY_FORM_LABELS } from './public-applications.ts';

/** [value, label] */
export type Choice = readonly [string, string];

/** 获取信息的方式: the value stored is the words, as an online application stores them. */
export const DELIVERY_CHOICES: readonly Choice[] = Object.values(DELIVERY_FORM_LABELS).map((label) => [label, label] as const);

/** The roles that may register and handle applications (accounts/roles.ts `handle`). */
export const HANDLING_ROLES: readonly Role[] = ROLES.filter((role) =>
  can({ id: 0, username: '', displayName: '', platformAdmin: false, memberships: [{ agencyId: 0, agencyCode: '', agencyName: '', role }] }, 0, 'handle'),
);

/** The agency's enabled staff whose role lets them handle applications, by display name. */
export async function handlerChoices(db: Kysely<DB>, agencyId: number): Promise<Choice[]> {
  const members = await listMembers(db, agencyId);
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const m of members) {
    if (m.disabled || !m.roles.some((r) => HANDLING_ROLES.includes(r))) continue;
    const name = m.displayName.trim() || m.username;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push([name, name === m.username ? name : `${name}（${m.username}）`]);
  }
  return out.sort((x, y) => x[0].localeCompare(y[0], 'zh-CN'));
}
