// 网站标识与联系方式 (/staff/:agency/settings/site, the agency's 管理员): the site profile's fields and
// the emblem (multipart). Post-redirect-get; a refusal re-renders with the message and what was typed;
// the service writes each change and its audit entry in one transaction, and the column shows it at once.

import { Hono } from 'hono';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { SITE_FIELD_LABELS, SITE_TEXT_FIELDS, setEmblem, siteProfileOf, updateSite } from '../../services/agency-site.ts';
import type { SiteTextField } from '../../services/agency-site.ts';
import type { SessionUser } from '../../services/accounts.ts';
import { requireAgency } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { clientIp } from '../rate-limit.ts';
import type { FieldError } from '../views/staff/forms.tsx';
import { staffBase } from '../views/staff/frame.tsx';
import { siteFieldId, sitePage } from '../views/staff/site-settings.tsx';
import { frameOf, notFound } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

const DONE: Record<string, string> = { site: '已保存网站标识与联系方式。', emblem: '已更换页头标识。', 'emblem-removed': '已删除页头标识。' };

async function show(c: C, typed: Partial<Record<SiteTextField, string>> | undefined, errors: FieldError[], status: 200 | 400 | 422 = 200): Promise<Response> {
  const profile = await siteProfileOf(c.var.deps.db, c.var.agency.code);
  if (!profile.ok) return notFound(c);
  const doneKey = c.req.method === 'GET' ? c.req.query('done') : undefined;
  const done = doneKey !== undefined ? DONE[doneKey] : undefined;
  const html = sitePage(frameOf(c, 'settings'), {
    base: staffBase(c.var.agency.code),
    csrf: c.var.csrf,
    agencyCode: c.var.agency.code,
    agencyName: c.var.agency.name,
    profile: profile.value,
    ...(typed ? { typed } : {}),
    errors,
    ...(done ? { done } : {}),
  });
  return c.html(html, status);
}

const actor = async (c: C) => ({ userId: (c.var.user as SessionUser).id, ip: await clientIp(c) });

export function siteRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const admin = requireAgency('admin');
  const csrf = verifyCsrf();

  routes.get('/:agency/settings/site', admin, (c) => show(c, undefined, []));

  routes.post('/:agency/settings/site', admin, csrf, async (c) => {
    const body = await c.req.parseBody();
    const typed: Partial<Record<SiteTextField, string>> = {};
    for (const field of SITE_TEXT_FIELDS) {
      const v = body[field];
      typed[field] = typeof v === 'string' ? v : '';
    }
    const control = controlCharacterProblem(Object.fromEntries(SITE_TEXT_FIELDS.map((f) => [siteFieldId(f), { label: SITE_FIELD_LABELS[f], value: typed[f] ?? '' }])));
    if (control) return show(c, typed, [control], 400);
    const saved = await updateSite(c.var.deps.db, c.var.agency.code, typed, await actor(c), c.var.deps.now());
    if (!saved.ok) {
      const field = (SITE_TEXT_FIELDS as readonly string[]).includes(saved.error.field ?? '') ? (saved.error.field as SiteTextField) : 'sponsor';
      return show(c, typed, [{ field: siteFieldId(field), message: saved.error.message }], 422);
    }
    return c.redirect(`${staffBase(c.var.agency.code)}/settings/site?done=site`, 303);
  });

  routes.post('/:agency/settings/emblem', admin, csrf, async (c) => {
    const body = await c.req.parseBody();
    const remove = body['remove'] === '1';
    const file = body['emblem'];
    const bytes = remove ? null : file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
    const saved = await setEmblem(c.var.deps.db, c.var.agency.code, bytes, await actor(c), c.var.deps.now());
    if (!saved.ok) return show(c, undefined, [{ field: siteFieldId('emblem'), message: saved.error.message }], 422);
    return c.redirect(`${staffBase(c.var.agency.code)}/settings/site?done=${remove ? 'emblem-removed' : 'emblem'}`, 303);
  });

  return routes;
}
