// The Hono application: security headers, one error map, and the platform's parts — the public
// 政府信息公开 column of each agency, the staff workspace, the JSON API, the first-start setup.

import { Hono } from 'hono';
import { apiRoutes } from './api/index.ts';
import type { AppEnv, WebDeps } from './context.ts';
import { GENERIC_MESSAGES } from './http-errors.ts';
import { noStore } from './no-store.ts';
import { bodyLimits } from './limits.ts';
import { publicRoutes } from './pages/public.tsx';
import { firstStartRedirect, setupRoutes } from './pages/setup.tsx';
import { securityHeaders } from './security-headers.ts';
import { dbErrorCode } from '../services/database.ts';
import { staffRoutes } from './pages/staff.tsx';
import { messagePage } from './views/message.tsx';
import { viewMode } from './view-mode.ts';

const INVALID_CHARACTERS_MESSAGE = '提交的内容含有不可见的控制字符或无法保存的字符，请删除后重新提交。';

export function createApp(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', securityHeaders(deps.secureCookies));
  app.use('*', noStore());
  // before anything reads a body (the CSRF check, the routes): one table of limits, limits.ts
  app.use('*', bodyLimits());
  app.use('*', firstStartRedirect());
  // 长者模式 of the public pages (a cookie and a class on <html>)
  app.use('*', viewMode());
  app.route('/api/v1', apiRoutes());
  app.route('/staff', staffRoutes());
  app.route('/setup', setupRoutes());
  app.route('/', publicRoutes());

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'NOT_FOUND', message: GENERIC_MESSAGES[404] } }, 404);
    return c.html(messagePage({ title: '页面不存在', message: GENERIC_MESSAGES[404] ?? '', home: '/' }), 404);
  });
  app.onError((error, c) => {
    // a character PostgreSQL refuses in text (NUL …) that got past the field rules: the sender's to fix, not a fault
    if (dbErrorCode(error)?.code === 'INVALID_CHARACTERS') {
      if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'INVALID_CHARACTERS', message: INVALID_CHARACTERS_MESSAGE } }, 400);
      return c.html(messagePage({ title: '提交的内容无效', message: INVALID_CHARACTERS_MESSAGE, home: '/' }), 400);
    }
    // never a stack trace to the user; the operator's log gets it
    console.error(error);
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'INTERNAL', message: GENERIC_MESSAGES[500] } }, 500);
    return c.html(messagePage({ title: '系统错误', message: GENERIC_MESSAGES[500] ?? '', home: '/' }), 500);
  });
  return app;
}
