// The last active 管理员 of an agency and the last active platform administrator stay: why a change
// that would remove them is refused.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { named } from './common.ts';

/**
 * Why the user may not stop being an active 管理员 (of `agencyIds`, or of any agency): they are the
 * last one there. Locks those agencies' rows, so two changes to an agency's administrators never pass
 * this check together. Null when nothing stands in the way.
 */
export async function lastAdminRefusal(trx: Kysely<DB>, userId: number, agencyIds: number[] | null, kind: 'remove' | 'disable'): Promise<DomainError | null> {
  const user = await trx.selectFrom('users').select(['username', 'displayName', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return null; // a disabled administrator is not an active one
  let q = trx.selectFrom('memberships').select('agencyId').where('userId', '=', userId).where('role', '=', 'admin');
  if (agencyIds !== null) q = q.where('agencyId', 'in', agencyIds);
  const adminOf = (await q.execute()).map((r) => r.agencyId);
  if (adminOf.length === 0) return null;
  await trx.selectFrom('agencies').select('id').where('id', 'in', adminOf).orderBy('id').forUpdate().execute();
  const alone = await trx
    .selectFrom('agencies as a')
    .select(['a.id', 'a.name'])
    .where('a.id', 'in', adminOf)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships as m')
            .innerJoin('users as u', 'u.id', 'm.userId')
            .select('m.userId')
            .whereRef('m.agencyId', '=', 'a.id')
            .where('m.role', '=', 'admin')
            .where('m.userId', '<>', userId)
            .where('u.disabled', '=', false),
        ),
      ),
    )
    .orderBy('a.code')
    .execute();
  if (alone.length === 0) return null;
  const where = alone.map((a) => `“${a.name}”`).join('、');
  return kind === 'remove'
    ? { code: 'LAST_ADMIN', message: `不能取消${named(user)}的管理员角色：该用户是${where}唯一在用的管理员。请先为另一位用户增加“管理员”角色。`, field: 'role' }
    : { code: 'LAST_ADMIN', message: `不能停用${named(user)}：该用户是${where}唯一在用的管理员。请先为该机关的另一位用户增加“管理员”角色。`, field: 'user' };
}

/** Why the user may not stop being an active platform administrator: they are the last one. Locks the platform administrators' rows. */
export async function lastPlatformAdminRefusal(trx: Kysely<DB>, userId: number, kind: 'revoke' | 'disable'): Promise<DomainError | null> {
  const user = await trx.selectFrom('users').select(['username', 'displayName', 'disabled', 'platformAdmin']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled || !user.platformAdmin) return null;
  const admins = await trx.selectFrom('users').select(['id', 'disabled']).where('platformAdmin', '=', true).orderBy('id').forUpdate().execute();
  if (admins.some((a) => a.id !== userId && !a.disabled)) return null;
  const first = '请先将另一位用户设为平台管理员（gongkai user grant-platform-admin 用户名）。';
  return kind === 'revoke'
    ? { code: 'LAST_PLATFORM_ADMIN', message: `不能取消${named(user)}的平台管理员身份：该用户是唯一在用的平台管理员。${first}`, field: 'user' }
    : { code: 'LAST_PLATFORM_ADMIN', message: `不能停用${named(user)}：该用户是唯一在用的平台管理员。${first}`, field: 'user' };
}
