// 重置查询密码 (services/public-grants.ts): the button on an online application posts here; the first post
// answers with a confirmation page, the confirmed one resets (audited) and answers with the new password on
// a page of its own that no cache keeps. Those who may handle applications may; another agency's
// application is not found.

import { Hono } from 'hono';
import type { SessionUser } from '../../services/accounts.ts';
import { resetQueryPassword } from '../../services/public-grants.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { statusOf } from '../http-errors.ts';
import { queryKey } from '../query-key.ts';
import { clientIp } from '../rate-limit.ts';
import { confirmed, confirmPage } from '../views/staff/confirm.tsx';
import { messagePage } from '../views/message.tsx';
import { queryPasswordResetPage, RESET_CONSEQUENCES } from '../views/staff/query-password.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { formOf, frameOf, idParam, notFound } from './staff-common.tsx';

export function queryPasswordRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/:agency/applications/:id/query-password', requireAgency('handle'), verifyCsrf(), async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const agency = c.var.agency;
    const back = `${staffBase(agency.code)}/applications/${id}`;
    const form = await formOf(c);
    if (!confirmed(form)) {
      return c.html(
        confirmPage(frameOf(c, 'applications'), {
          title: '重置查询密码',
          consequences: RESET_CONSEQUENCES,
          action: c.req.path,
          fields: {},
          confirmLabel: '确认重置查询密码',
          cancel: { href: back, label: '不重置，返回申请' },
          csrf: c.var.csrf,
        }),
      );
    }
    const { db, now } = c.var.deps;
    const user = c.var.user as SessionUser;
    const reset = await resetQueryPassword(db, await queryKey(c), agency.id, id, { userId: user.id, ip: await clientIp(c), via: 'web', now: now() });
    if (!reset.ok) {
      const status = statusOf(reset.error);
      if (status === 404) return notFound(c);
      return c.html(messagePage({ title: '无法重置查询密码', message: reset.error.message, home: back, site: '政府信息公开工作平台' }), status as 409);
    }
    c.header('Cache-Control', 'no-store');
    return c.html(queryPasswordResetPage(frameOf(c, 'applications'), reset.value));
  });

  return routes;
}
