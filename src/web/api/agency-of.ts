// The agency an API request is about: `?agency=<code>`, or the user's only agency — with the right to
// the action there. One rule for every part of the API.

import type { Context } from 'hono';
import type { DomainError } from '../../domain/applications/types.ts';
import { can, type Action, type SessionUser } from '../../services/accounts.ts';
import type { AppEnv } from '../context.ts';

export function agencyOf(c: Context<AppEnv>, user: SessionUser, action: Action): { agencyId: number; code: string } | DomainError {
  const code = c.req.query('agency');
  const agencies = [...new Map(user.memberships.map((m) => [m.agencyCode, m])).values()];
  const chosen = code === undefined ? (agencies.length === 1 ? agencies[0] : undefined) : agencies.find((m) => m.agencyCode === code);
  if (!chosen) {
    if (code === undefined) return { code: 'AGENCY_REQUIRED', message: '请用 ?agency=<机关代码> 指明机关。', field: 'agency' };
    return { code: 'NOT_FOUND', message: '没有找到该机关。' };
  }
  if (!can(user, chosen.agencyId, action)) return { code: 'FORBIDDEN', message: '没有权限进行此操作。' };
  return { agencyId: chosen.agencyId, code: chosen.agencyCode };
}
