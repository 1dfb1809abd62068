// Staff accounts: users (argon2id passwords), roles per agency, sign-in, sessions (a random cookie
// value, stored as its sha256), API tokens (stored hashed), account administration, and who may do
// what (`can`). Every login, failed login, logout and account change is written to the audit log.
// The parts live in accounts/, one idea each; this module is their one entry point.

export { ROLES, ROLE_LABELS, can, canSee } from './accounts/roles.ts';
export type { Action, MembershipView, Role, SessionUser } from './accounts/roles.ts';
export { sameSecret } from './accounts/common.ts';
export { MIN_PASSWORD_LENGTH, generatePassword, hashPassword } from './accounts/passwords.ts';
export { addMembership, createMember, createUser, insertUser, listMembers, prepareUser, removeMembership } from './accounts/users.ts';
export type { Actor, CreateUserInput, MemberView, UserView } from './accounts/users.ts';
export { SESSION_TTL_SECONDS, logout, session, sessionUser, startSession } from './accounts/sessions.ts';
export type { SessionStart } from './accounts/sessions.ts';
export { MAX_FAILED_LOGINS, changePassword, login } from './accounts/sign-in.ts';
export type { LoginInput, SignInResult } from './accounts/sign-in.ts';
export { SIGN_IN_REQUESTS, SignInThrottle } from './accounts/throttle.ts';
export type { Throttled } from './accounts/throttle.ts';
export { apiUser, createApiToken, listApiTokens, revokeApiToken } from './accounts/tokens.ts';
export type { ApiTokenView } from './accounts/tokens.ts';
export {
  COMMAND_LINE,
  createAgencyWithAdmin,
  findAccount,
  listMemberAccounts,
  listUsers,
  resetPassword,
  setDisabled,
  setPlatformAdmin,
  unlock,
} from './accounts/admin.ts';
export type { AccountActor, AccountView, NewAgencyInput, NewAgencyResult, ResetPasswordInput, ResetPasswordResult } from './accounts/admin.ts';
