// What every staff page module shares: the frame (banner, navigation by role), the actor of a write,
// the error pages, form reading and the audit record of an action. staff.tsx and the staff sections in
// their own files (staff-*.tsx) use it.

import type { Context, MiddlewareHandler } from 'hono';
import type { DomainError } from '../../domain/applications/types.ts';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import { can } from '../../services/accounts.ts';
import type { SessionUser } from '../../services/accounts.ts';
import type { Actor } from '../../services/applications.ts';
import { record as audit } from '../../services/audit.ts';
import type { AppEnv } from '../context.ts';
import { CsrfField } from '../csrf.ts';
import { GENERIC_MESSAGES } from '../http-errors.ts';
import { clientIp } from '../rate-limit.ts';
import { messagePage } from '../views/message.tsx';
import type { FieldError } from '../views/staff/forms.tsx';
import { ROLE_LABELS } from '../views/staff/frame.tsx';
import type { StaffFrame, StaffSection } from '../views/staff/frame.tsx';

export type C = Context<AppEnv>;

export const today = (c: C): string => c.var.deps.now().slice(0, 10);

/** The report year the navigation offers: last year until the reports are out (end of March), then this year. */
export function reportYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) <= 3 ? year - 1 : year;
}

/** Roles that read the audit log: the agency's administrator, its leader and its supervisor. */
export const AUDIT_ROLES: readonly string[] = ['admin', 'leader', 'supervisor'];

export function mayAudit(user: SessionUser, agencyId: number): boolean {
  return user.platformAdmin || user.memberships.some((m) => m.agencyId === agencyId && AUDIT_ROLES.includes(m.role));
}

export function frameOf(c: C, current: StaffSection): StaffFrame {
  const user = c.var.user as SessionUser;
  const agency = c.get('agency');
  const roles = agency ? user.memberships.filter((m) => m.agencyId === agency.id).map((m) => ROLE_LABELS[m.role] ?? m.role) : [];
  if (agency && user.platformAdmin && roles.length === 0) roles.push('平台管理员');
  return {
    agency: agency ? { code: agency.code, name: agency.name } : null,
    user: { displayName: user.displayName, username: user.username },
    roleLabels: roles,
    signOut: (
      <form method="post" action="/staff/logout" style="display:inline">
        <CsrfField token={c.var.csrf} />
        <button type="submit" class="secondary" style="padding:.55rem .75rem">
          退出
        </button>
      </form>
    ),
    may: agency
      ? {
          handle: can(user, agency.id, 'handle'),
          admin: can(user, agency.id, 'admin'),
          audit: mayAudit(user, agency.id),
          platform: user.platformAdmin,
          read: can(user, agency.id, 'read'),
          // the link for those who hold the role here (a platform administrator finds it on 平台管理)
          oversee: user.memberships.some((m) => m.agencyId === agency.id && can({ ...user, platformAdmin: false }, agency.id, 'oversee')),
        }
      : { handle: false, admin: false, audit: false, platform: user.platformAdmin },
    current,
    reportYear: reportYearOf(today(c)),
  };
}

export function actorOf(c: C): Actor {
  const now = c.var.deps.now();
  return { actor: (c.var.user as SessionUser).username, now, today: now.slice(0, 10) };
}

/**
 * The actor with the agency's working calendar (steps and notices that depend on the clocks need it) and
 * the user for the audit log: the services write the entry in the change's own transaction.
 */
export async function actorWithCalendar(c: C): Promise<Actor> {
  return { ...actorOf(c), calendar: await c.var.deps.calendar(), audit: { userId: (c.var.user as SessionUser).id, ip: await clientIp(c), via: 'web' } };
}

export function notFound(c: C): Response {
  return c.html(messagePage({ title: '页面不存在', message: GENERIC_MESSAGES[404] ?? '', home: '/staff', site: '政府信息公开工作平台' }), 404);
}

export function forbidden(c: C): Response {
  return c.html(messagePage({ title: '没有权限', message: GENERIC_MESSAGES[403] ?? '', home: '/staff', site: '政府信息公开工作平台' }), 403);
}

export function badRequest(c: C, message = GENERIC_MESSAGES[400] ?? ''): Response {
  return c.html(messagePage({ title: '请求无效', message, home: '/staff', site: '政府信息公开工作平台' }), 400);
}

/** A query parameter the page does not take (garbled, too long, control characters): 400, saying which and what it should be. */
export function badQuery(c: C, message: string): Response {
  return badRequest(c, `网址中的查询参数无效：${message.replace(/。$/, '')}。请返回上一页，重新选择后再试。`);
}

/** A positive id from the URL; null when it is not one (then: not found). */
export function idParam(raw: string | undefined): number | null {
  if (raw === undefined || !/^[1-9][0-9]{0,14}$/.test(raw)) return null;
  return Number(raw);
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The string fields of a submitted form (files and repeated fields ignored). */
export async function formOf(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && parseIsoDate(s) !== null;

export const fieldError = (error: DomainError, fallback: string): FieldError => ({ field: error.field && error.field !== '' ? error.field : fallback, message: error.message });

export async function auditAction(c: C, action: string, target: string, detail: Record<string, unknown>): Promise<void> {
  const agency = c.get('agency');
  await audit(c.var.deps.db, {
    userId: (c.var.user as SessionUser).id,
    agencyId: agency?.id ?? null,
    action,
    target,
    detail,
    ip: await clientIp(c),
    at: c.var.deps.now(),
  });
}

/** For platform administrators only (after requireStaff): anyone else finds nothing there (404). */
export function requirePlatformAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!(c.var.user as SessionUser | null)?.platformAdmin) return notFound(c);
    await next();
  };
}
