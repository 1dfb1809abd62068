// 平台管理 → an agency's parent (issue #13): POST /staff/platform/agencies/parent (code, parentCode; '' for
// none). Platform administrators only (anyone else: 404); the service refuses a cycle and an unknown
// parent in Chinese and writes nothing; a change is audited (services/agency-tree.ts). Mounted with
// platformRoutes (staff-platform.tsx), before the /:agency routes.

import { Hono } from 'hono';
import type { SessionUser } from '../../services/accounts.ts';
import { setParent } from '../../services/agency-tree.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp } from '../rate-limit.ts';
import { PLATFORM_PATH } from '../views/staff/frame.tsx';
import { parentFieldId } from '../views/staff/platform.tsx';
import { showPlatform } from './staff-platform.tsx';
import { badRequest, formOf, requirePlatformAdmin } from './staff-common.tsx';
import { requireStaff } from '../auth.ts';

export function platformTreeRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post('/platform/agencies/parent', requireStaff(), requirePlatformAdmin(), verifyCsrf(), async (c) => {
    const form = await formOf(c);
    const code = (form['code'] ?? '').slice(0, 64);
    const parentCode = (form['parentCode'] ?? '').slice(0, 64);
    if (code === '') return badRequest(c);
    const user = c.var.user as SessionUser;
    const r = await setParent(c.var.deps.db, code, parentCode, { userId: user.id, ip: await clientIp(c), now: c.var.deps.now() });
    if (!r.ok) {
      const status = r.error.code === 'TREE_CYCLE' ? 409 : 422;
      return showPlatform(c, { [`parent:${code}`]: parentCode }, [{ field: parentFieldId(code), message: r.error.message }], status);
    }
    return c.redirect(`${PLATFORM_PATH}?done=parent&code=${encodeURIComponent(code)}#${parentFieldId(code)}`, 303);
  });
  return routes;
}
