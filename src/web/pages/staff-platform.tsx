// 平台管理 (platform administrators only; 404 for anyone else), in the staff workspace:
//
//   /staff/platform                     every agency, a new agency with its first 管理员, every user
//   /staff/platform/audit               the platform's audit log (the entries of no agency)
//   /staff/platform/agencies            create an agency
//   /staff/platform/users/unlock|disable|enable|reset-password   (staff-account-actions.tsx)
//
// and the agency chooser of a platform administrator (/staff: every agency). Mounted before the /:agency
// routes of staff.tsx and staff-users.tsx: "/staff/platform" would otherwise be taken for an agency's code
// ("platform" is a reserved code). An agency's parent is set in staff-platform-tree.tsx.

import { Hono } from 'hono';
import { controlCharacterProblem } from '../../domain/text-rules.ts';
import { createAgencyWithAdmin, listUsers } from '../../services/accounts.ts';
import type { AccountView, SessionUser } from '../../services/accounts.ts';
import { confirmDocumentPrefix, listAgencies } from '../../services/agencies.ts';
import { list as auditList } from '../../services/audit.ts';
import { requireStaff } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { verifyCsrf } from '../csrf.ts';
import { agenciesPage } from '../views/staff/agency-chooser.tsx';
import { auditPage } from '../views/staff/audit-log.tsx';
import { agencyCreatedPage, PLATFORM_FIELDS, platformPage } from '../views/staff/platform.tsx';
import type { PlatformUserRow } from '../views/staff/platform.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { PLATFORM_PATH } from '../views/staff/frame.tsx';
import { accountAction, accountRow, actorOf, doneMessage, named, OPS, resetAction, statusOf } from './staff-account-actions.tsx';
import { badQuery, formOf, frameOf, idParam, requirePlatformAdmin } from './staff-common.tsx';
import type { C } from './staff-common.tsx';

export async function showPlatform(c: C, values: Record<string, string>, errors: FieldError[], status: 200 | 400 | 403 | 409 | 422 = 200): Promise<Response> {
  const { db, now } = c.var.deps;
  const user = c.var.user as SessionUser;
  const agencies = await listAgencies(db);
  const accounts = await listUsers(db, now());
  const users: PlatformUserRow[] = accounts.map((a) => ({ ...accountRow(a), agencies: byAgency(a) }));
  let done: string | undefined;
  if (c.req.method === 'GET') {
    const key = c.req.query('done');
    if (key === 'agency') {
      const made = agencies.find((a) => a.code === c.req.query('code'));
      done = made ? `已创建机关：${made.name}（${made.code}）。` : '已创建机关。';
    } else if (key === 'parent') {
      const moved = agencies.find((a) => a.code === c.req.query('code'));
      const parent = moved?.parentCode ? agencies.find((a) => a.code === moved.parentCode) : undefined;
      done = moved ? `已设置${moved.name}的上级机关：${parent ? parent.name : '无上级机关'}。` : '已设置上级机关。';
    } else {
      const about = idParam(c.req.query('user'));
      const account = about === null ? undefined : accounts.find((a) => a.userId === about);
      done = doneMessage(key, account ? named(account) : null);
    }
  }
  return c.html(
    platformPage(frameOf(c, 'platform'), {
      agencies: agencies.map((a) => ({ code: a.code, name: a.name, level: a.level, parentCode: a.parentCode })),
      users,
      csrf: c.var.csrf,
      values,
      errors,
      viewer: { userId: user.id, platformAdmin: true },
      ...(done ? { done } : {}),
      trustProxy: c.var.deps.config.trustProxy ?? { kind: 'none' },
    }),
    status,
  );
}

function byAgency(a: AccountView): PlatformUserRow['agencies'] {
  const out = new Map<string, { code: string; name: string; roles: string[] }>();
  for (const m of a.memberships) {
    const entry = out.get(m.agencyCode) ?? { code: m.agencyCode, name: m.agencyName, roles: [] };
    entry.roles.push(m.role);
    out.set(m.agencyCode, entry);
  }
  return [...out.values()];
}

/** The agency chooser of a platform administrator: every agency (their own roles shown), and the way to 平台管理. */
export async function platformChooser(c: C): Promise<Response> {
  const user = c.var.user as SessionUser;
  const roles = new Map<string, string[]>();
  for (const m of user.memberships) roles.set(m.agencyCode, [...(roles.get(m.agencyCode) ?? []), m.role]);
  const agencies = (await listAgencies(c.var.deps.db)).map((a) => ({ code: a.code, name: a.name, roles: roles.get(a.code) ?? [] }));
  return c.html(agenciesPage(frameOf(c, 'agencies'), agencies, { platformAdmin: true }));
}

/** The new agency's form fields (service field → control id). */
const AGENCY_FIELD: Record<string, string> = {
  code: PLATFORM_FIELDS.code,
  name: PLATFORM_FIELDS.name,
  level: PLATFORM_FIELDS.level,
  parentCode: PLATFORM_FIELDS.parentCode,
  documentPrefix: PLATFORM_FIELDS.documentPrefix,
  'admin.username': PLATFORM_FIELDS.adminUsername,
  'admin.displayName': PLATFORM_FIELDS.adminDisplayName,
  'admin.password': PLATFORM_FIELDS.adminPassword,
};

export function platformRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const staff = requireStaff();
  const csrf = verifyCsrf();
  /** 平台管理 is for platform administrators; anyone else finds nothing there. */
  const platformOnly = requirePlatformAdmin();

  routes.get('/platform', staff, platformOnly, (c) => showPlatform(c, {}, []));

  routes.get('/platform/audit', staff, platformOnly, async (c) => {
    const before = idParam(c.req.query('before'));
    if (before === null && c.req.query('before') !== undefined) return badQuery(c, 'before 应为审计记录的编号（正整数）');
    const limit = 100;
    const entries = await auditList(c.var.deps.db, null, { limit, ...(before !== null ? { before } : {}) });
    const last = entries[entries.length - 1];
    return c.html(auditPage(frameOf(c, 'platform'), { entries, next: entries.length === limit && last ? last.id : null, platform: true }));
  });

  routes.post('/platform/agencies', staff, platformOnly, csrf, async (c) => {
    const form = await formOf(c);
    const v = (k: string, max: number) => (form[k] ?? '').slice(0, max);
    const values = {
      code: v('code', 64),
      name: v('name', 100),
      level: v('level', 20),
      parentCode: v('parentCode', 64),
      documentPrefix: v('documentPrefix', 40),
      adminUsername: v('adminUsername', 64),
      adminDisplayName: v('adminDisplayName', 50),
    };
    const password = form['adminPassword'] ?? '';
    const control = controlCharacterProblem({
      [PLATFORM_FIELDS.code]: { label: '机关代码', value: values.code },
      [PLATFORM_FIELDS.name]: { label: '机关名称', value: values.name },
      [PLATFORM_FIELDS.level]: { label: '级别', value: values.level },
      [PLATFORM_FIELDS.parentCode]: { label: '上级机关代码', value: values.parentCode },
      [PLATFORM_FIELDS.documentPrefix]: { label: '文号前缀', value: values.documentPrefix },
      [PLATFORM_FIELDS.adminUsername]: { label: '管理员用户名', value: values.adminUsername },
      [PLATFORM_FIELDS.adminDisplayName]: { label: '管理员姓名', value: values.adminDisplayName },
    });
    if (control) return showPlatform(c, values, [control], 400);
    // the 机关代字 is asked, never guessed: an empty one comes back with the suggestion to confirm or edit
    const prefix = confirmDocumentPrefix(values.name, values.documentPrefix);
    if (!prefix.ok) return showPlatform(c, { ...values, documentPrefix: prefix.suggestion }, [{ field: PLATFORM_FIELDS.documentPrefix, message: prefix.message }], 422);
    const withAdmin = values.adminUsername.trim() !== '' || values.adminDisplayName.trim() !== '' || password !== '';
    const r = await createAgencyWithAdmin(
      c.var.deps.db,
      {
        agency: { code: values.code, name: values.name, level: values.level, documentPrefix: prefix.value, ...(values.parentCode.trim() !== '' ? { parentCode: values.parentCode } : {}) },
        admin: withAdmin ? { username: values.adminUsername, displayName: values.adminDisplayName, password } : null,
      },
      c.var.deps.now(),
      await actorOf(c, null),
    );
    if (!r.ok) return showPlatform(c, values, [{ field: AGENCY_FIELD[r.error.field ?? ''] ?? PLATFORM_FIELDS.code, message: r.error.message }], statusOf(r.error));
    const { agency, admin, generatedPassword } = r.value;
    if (generatedPassword !== null) {
      c.header('Cache-Control', 'no-store');
      return c.html(agencyCreatedPage(frameOf(c, 'platform'), { agency, admin, generatedPassword }));
    }
    return c.redirect(`${PLATFORM_PATH}?done=agency&code=${encodeURIComponent(agency.code)}`, 303);
  });

  const platformScope = (c: C) => ({
    agencyId: null,
    page: PLATFORM_PATH,
    back: { href: `${PLATFORM_PATH}#users-title`, label: '返回平台管理' },
    rerender: (errors: FieldError[], status: 403 | 409 | 422) => showPlatform(c, {}, errors, status),
  });
  for (const op of OPS) routes.post(`/platform/users/${op}`, staff, platformOnly, csrf, accountAction(op, platformScope));
  routes.post('/platform/users/reset-password', staff, platformOnly, csrf, resetAction(platformScope));

  return routes;
}
