// Roles per agency and who may do what (`can`): the pure part of staff accounts.

export const ROLES = ['admin', 'handler', 'section_head', 'office', 'leader', 'supervisor', 'oversight'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  handler: '经办人',
  section_head: '科室负责人',
  office: '办公室（综合科）',
  leader: '分管领导',
  supervisor: '监督',
  oversight: '政务公开监督',
};

/**
 * read: see; handle: register and process applications; approve: extensions, sign-off; admin: the agency's
 * users, pages, settings; oversee: the oversight pages (政务公开监督, issue #13) — collect, check and score the
 * annual reports of the agency's whole subtree. Oversight gives nothing else, neither in the agency itself
 * nor in the agencies below (their own workspaces need roles there).
 */
export type Action = 'read' | 'handle' | 'approve' | 'admin' | 'oversee';

const ALLOWED: Record<Role, readonly Action[]> = {
  admin: ['read', 'handle', 'approve', 'admin'],
  leader: ['read', 'handle', 'approve'],
  section_head: ['read', 'handle', 'approve'],
  // 办公室（综合科）: the 复审 of the review chain (issue #11) and the disclosure work of the office
  office: ['read', 'handle'],
  handler: ['read', 'handle'],
  supervisor: ['read'],
  // 政务公开监督 (the office above, 政务公开办): the oversight pages only
  oversight: ['oversee'],
};

export interface MembershipView {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  role: Role;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  platformAdmin: boolean;
  memberships: MembershipView[];
}

/** Whether the user may do `action` in the agency: by any of their roles there; a platform administrator everywhere. */
export function can(user: SessionUser, agencyId: number, action: Action): boolean {
  if (user.platformAdmin) return true;
  return user.memberships.some((m) => m.agencyId === agencyId && (ALLOWED[m.role]?.includes(action) ?? false));
}

/** Whether the user sees the agency at all (any role, or platform administrator). */
export function canSee(user: SessionUser, agencyId: number): boolean {
  return can(user, agencyId, 'read');
}
