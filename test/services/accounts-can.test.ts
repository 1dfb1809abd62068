// Who may do what: the role table of issue 5 (supervisor reads; handler handles; section head and
// leader approve and handle; admin everything in the agency; platform admin everything).

import { describe, expect, it } from 'vitest';
import { can, ROLES } from '../../src/services/accounts.ts';
import type { Action, Role, SessionUser } from '../../src/services/accounts.ts';

const user = (roles: Role[], platformAdmin = false): SessionUser => ({
  id: 1,
  username: 'u',
  displayName: '用户',
  platformAdmin,
  memberships: roles.map((role) => ({ agencyId: 10, agencyCode: 'a', agencyName: '甲机关', role })),
});

const ACTIONS: Action[] = ['read', 'handle', 'approve', 'admin', 'oversee'];

const TABLE: Record<Role, Record<Action, boolean>> = {
  supervisor: { read: true, handle: false, approve: false, admin: false, oversee: false },
  handler: { read: true, handle: true, approve: false, admin: false, oversee: false },
  section_head: { read: true, handle: true, approve: true, admin: false, oversee: false },
  office: { read: true, handle: true, approve: false, admin: false, oversee: false },
  leader: { read: true, handle: true, approve: true, admin: false, oversee: false },
  admin: { read: true, handle: true, approve: true, admin: true, oversee: false },
  // 政务公开监督: the oversight pages of the subtree, nothing else (issue #13)
  oversight: { read: false, handle: false, approve: false, admin: false, oversee: true },
};

describe('can()', () => {
  it.each(ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as const)))('%s → %s', (role, action) => {
    expect(can(user([role]), 10, action)).toBe(TABLE[role][action]);
    // a role in agency 10 gives nothing in agency 11
    expect(can(user([role]), 11, action)).toBe(false);
  });

  it('roles add up within an agency', () => {
    expect(can(user(['supervisor', 'handler']), 10, 'handle')).toBe(true);
    expect(can(user(['supervisor', 'handler']), 10, 'approve')).toBe(false);
  });

  it('a platform administrator may do everything everywhere; nobody without a role may do anything', () => {
    for (const action of ACTIONS) {
      expect(can(user([], true), 99, action)).toBe(true);
      expect(can(user([]), 10, action)).toBe(false);
    }
  });
});
