// 访问限制 (/staff/platform/limits, platform administrators; 404 for anyone else): the public limits'
// numbers and the trusted addresses, two forms, each saved (audited) or refused with what is wrong, in
// Chinese, nothing written (services/limits/settings.ts). Post-redirect-get.

import { Hono } from 'hono';
import type { SessionUser } from '../../services/accounts.ts';
import { LIMIT_NAMES, publicLimits, saveRateLimits, saveTrustedAddresses } from '../../services/limits/settings.ts';
import type { LimitName, LimitsActor } from '../../services/limits/settings.ts';
import { requireStaff } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp } from '../rate-limit.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { limitFieldId, LIMITS_PATH, limitsPage, TRUSTED_FIELD } from '../views/staff/limits.tsx';
import { formOf, frameOf, requirePlatformAdmin } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = { limits: '已保存次数限制，立即生效。', trusted: '已保存可信地址，立即生效。' };

async function show(c: C, form: { values?: Record<string, string>; trustedText?: string; errors?: FieldError[] } = {}, status: 200 | 422 = 200): Promise<Response> {
  const { limits, trusted } = await publicLimits(c.var.deps.db);
  const doneKey = c.req.method === 'GET' ? c.req.query('done') : undefined;
  const done = doneKey !== undefined ? DONE[doneKey] : undefined;
  return c.html(
    limitsPage(frameOf(c, 'platform'), {
      csrf: c.var.csrf,
      limits,
      trusted,
      values: form.values ?? {},
      ...(form.trustedText !== undefined ? { trustedText: form.trustedText } : {}),
      errors: form.errors ?? [],
      ...(done ? { done } : {}),
      trustProxy: c.var.deps.config.trustProxy ?? { kind: 'none' },
      yourAddress: await clientIp(c),
    }),
    status,
  );
}

const actorOf = async (c: C): Promise<LimitsActor> => ({ userId: (c.var.user as SessionUser).id, ip: await clientIp(c), now: c.var.deps.now() });

/** `applyPerAddress.count` → the id of its control. */
function controlOf(field: string): string {
  const [name, part] = field.split('.');
  return LIMIT_NAMES.includes(name as LimitName) && (part === 'count' || part === 'minutes') ? limitFieldId(name as LimitName, part) : limitFieldId('applyPerAddress', 'count');
}

export function limitsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const platform = [requireStaff(), requirePlatformAdmin()] as const;
  const csrf = verifyCsrf();

  routes.get('/platform/limits', ...platform, (c) => show(c));

  routes.post('/platform/limits', ...platform, csrf, async (c) => {
    const form = await formOf(c);
    const values: Record<string, string> = {};
    const input: Record<string, { count: string; minutes: string }> = {};
    for (const name of LIMIT_NAMES) {
      const count = (form[`${name}.count`] ?? '').trim().slice(0, 12);
      const minutes = (form[`${name}.minutes`] ?? '').trim().slice(0, 12);
      values[`${name}.count`] = count;
      values[`${name}.minutes`] = minutes;
      input[name] = { count, minutes };
    }
    const saved = await saveRateLimits(c.var.deps.db, input, await actorOf(c));
    if (!saved.ok) return show(c, { values, errors: [{ field: controlOf(saved.error.field ?? ''), message: saved.error.message }] }, 422);
    return c.redirect(`${LIMITS_PATH}?done=limits`, 303);
  });

  routes.post('/platform/limits/trusted', ...platform, csrf, async (c) => {
    const form = await formOf(c);
    const text = (form['trusted'] ?? '').slice(0, 8000);
    const saved = await saveTrustedAddresses(c.var.deps.db, text, await actorOf(c));
    if (!saved.ok) return show(c, { trustedText: text, errors: [{ field: TRUSTED_FIELD, message: saved.error.message }] }, 422);
    return c.redirect(`${LIMITS_PATH}?done=trusted`, 303);
  });

  return routes;
}
