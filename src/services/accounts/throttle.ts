// Sign-in throttling that cannot be turned against the user (OWASP Authentication Cheat Sheet): no
// hard lock. Per account, wrong passwords from addresses the account never signed in from (10 within
// 24 hours) start an exponential back-off — 30 s, doubling with each further failure, at most 15
// minutes — that holds back only such unknown addresses: an address the account signed in from before
// always gets through with the right password. Per address, 30 failures an hour (and, in the web
// layer, 10 sign-in requests a minute). An unknown username is counted exactly like an existing one
// (in memory), so the answers never tell whether an account exists.
//
// An existing account's count and back-off live in the users row (failed_logins, failures_since,
// locked_until), its known addresses in known_addresses (migration 0008): the command line and the
// users page see them and `unlock` clears them. Per-address counts and unknown names live in the
// SignInThrottle's counter store: the database's rate_counters when the server runs (every process
// together, migration 0027), memory in an app built without it.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError } from '../../domain/applications/types.ts';
import { record } from '../audit.ts';
import { backoffSeconds, Limiter } from '../limits/limiter.ts';
import type { Backoff, Rule } from '../limits/limiter.ts';
import { addSeconds } from './common.ts';

/** Failures from unknown addresses before the back-off, its first step and its cap. */
export const SIGN_IN_BACKOFF: Backoff = { free: 10, baseSeconds: 30, capSeconds: 15 * 60 };
/** The window in which an account's failures add up. */
export const ACCOUNT_WINDOW_MS = 24 * 3600_000;
/** Wrong passwords per address. */
export const ADDRESS_FAILURES: Rule = { limit: 30, windowMs: 3600_000 };
/** Sign-in requests (and change-password posts) per address: applied by the web layer. */
export const SIGN_IN_REQUESTS: Rule = { limit: 10, windowMs: 60_000 };
/** Known addresses kept per account (the most recent). */
export const KNOWN_ADDRESSES_KEPT = 20;

/** The counter part of the throttle: over the app's shared store, or one per app in memory. */
export class SignInThrottle {
  constructor(readonly limiter: Limiter = new Limiter()) {}
}

/** Whom a sign-in (or a change of password) is for: the name typed, and the account if it exists. */
export interface Subject {
  username: string;
  user: { id: number; lockedUntil: string | null } | null;
}

export interface Throttled extends DomainError {
  /** seconds to wait (the HTTP Retry-After) */
  retryAfter: number;
}

/** "45 秒", "3 分钟". */
export const waitWords = (seconds: number): string => (seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`);

export const throttled = (retryAfter: number, what: 'login' | 'password'): Throttled => ({
  code: 'LOGIN_THROTTLED',
  message:
    what === 'login'
      ? `登录失败次数过多，请在 ${waitWords(retryAfter)}后再试。在以前成功登录过的网络上登录不受此限制；忘记密码请联系本机关的管理员。`
      : `当前密码输错次数过多，请在 ${waitWords(retryAfter)}后再试。`,
  field: what === 'login' ? 'username' : 'currentPassword',
  retryAfter,
});

const ms = (iso: string): number => Date.parse(iso);
const secondsUntil = (until: number, now: number): number => Math.max(1, Math.ceil((until - now) / 1000));
const addressKey = (ip: string): string => `fail:${ip}`;
const nameKey = (username: string): string => `name:${username}`;

/** Whether the account signed in from this address before. */
export async function isKnownAddress(db: Kysely<DB>, subject: Subject, ip: string | null): Promise<boolean> {
  if (ip === null) return false;
  // the same query for an unknown name (no user has id 0): the same work either way
  const row = await db.selectFrom('knownAddresses').select('address').where('userId', '=', subject.user?.id ?? 0).where('address', '=', ip).executeTakeFirst();
  return row !== undefined;
}

/** Seconds the attempt must wait (0: go ahead): the address's failures, and the account's back-off unless the address is known. */
export async function holdBack(throttle: SignInThrottle | undefined, subject: Subject, ip: string | null, known: boolean, now: string): Promise<number> {
  const t = ms(now);
  let wait = ip !== null && throttle ? await throttle.limiter.retryAfter(addressKey(ip), ADDRESS_FAILURES, t) : 0;
  if (known) return wait;
  if (subject.user) {
    const until = subject.user.lockedUntil;
    if (until !== null && ms(until) > t) wait = Math.max(wait, secondsUntil(ms(until), t));
  } else if (throttle) {
    const c = await throttle.limiter.store.get(nameKey(subject.username), t);
    if (c) {
      const until = c.last + backoffSeconds(c.count, SIGN_IN_BACKOFF) * 1000;
      if (until > t) wait = Math.max(wait, secondsUntil(until, t));
    }
  }
  return wait;
}

/**
 * Counts a wrong password: for the address, and for the account unless the address is known. Returns
 * the account's failures in its window and the back-off this failure starts (0: none); a back-off is
 * written to the audit log (login_backoff) of the account's agencies and of the platform.
 */
export async function countFailure(
  db: Kysely<DB>,
  throttle: SignInThrottle | undefined,
  subject: Subject,
  ip: string | null,
  known: boolean,
  now: string,
): Promise<{ failures: number; backoff: number }> {
  const t = ms(now);
  if (ip !== null && throttle) await throttle.limiter.hit(addressKey(ip), ADDRESS_FAILURES, t);
  if (known) return { failures: 0, backoff: 0 };
  let failures: number;
  if (subject.user) {
    const windowStart = new Date(t - ACCOUNT_WINDOW_MS).toISOString();
    // one statement: concurrent failures all count
    const { rows } = await sql<{ failedLogins: number }>`
      update users set
        failed_logins = case when failures_since is null or failures_since <= ${windowStart}::timestamptz then 1 else failed_logins + 1 end,
        failures_since = case when failures_since is null or failures_since <= ${windowStart}::timestamptz then ${now}::timestamptz else failures_since end
      where id = ${subject.user.id}
      returning failed_logins`.execute(db);
    failures = Number(rows[0]?.failedLogins ?? 1);
  } else if (throttle) {
    failures = await throttle.limiter.hit(nameKey(subject.username), { limit: SIGN_IN_BACKOFF.free, windowMs: ACCOUNT_WINDOW_MS }, t);
  } else return { failures: 0, backoff: 0 };
  const backoff = backoffSeconds(failures, SIGN_IN_BACKOFF);
  if (backoff === 0) return { failures, backoff };
  const until = addSeconds(now, backoff);
  if (subject.user) {
    await db.updateTable('users').set({ lockedUntil: until }).where('id', '=', subject.user.id).execute();
    const agencies = await db.selectFrom('memberships').select('agencyId').distinct().where('userId', '=', subject.user.id).orderBy('agencyId').execute();
    for (const agencyId of [...agencies.map((a) => a.agencyId), null])
      await record(db, {
        userId: subject.user.id,
        agencyId,
        action: 'login_backoff',
        target: `user:${subject.username}`,
        detail: { failures, seconds: backoff, until },
        ip,
        at: now,
      });
  } else {
    await throttle?.limiter.store.extend(nameKey(subject.username), t + backoff * 1000);
    await record(db, { userId: null, agencyId: null, action: 'login_backoff', target: `user:${subject.username.slice(0, 64)}`, detail: { failures, seconds: backoff, until, unknownUser: true }, ip, at: now });
  }
  return { failures, backoff };
}

/**
 * A successful sign-in: the address becomes known (the most recent KNOWN_ADDRESSES_KEPT are kept); from
 * an address that was not known, the account's count and back-off end too. In the caller's transaction.
 */
export async function rememberSuccess(trx: Kysely<DB>, userId: number, ip: string | null, known: boolean, now: string): Promise<void> {
  if (!known) await trx.updateTable('users').set({ failedLogins: 0, lockedUntil: null, failuresSince: null }).where('id', '=', userId).execute();
  if (ip === null) return;
  await trx
    .insertInto('knownAddresses')
    .values({ userId, address: ip, lastSeenAt: now })
    .onConflict((oc) => oc.columns(['userId', 'address']).doUpdateSet({ lastSeenAt: now }))
    .execute();
  const kept = await trx.selectFrom('knownAddresses').select('address').where('userId', '=', userId).orderBy('lastSeenAt', 'desc').orderBy('address').limit(KNOWN_ADDRESSES_KEPT).execute();
  await trx
    .deleteFrom('knownAddresses')
    .where('userId', '=', userId)
    .where(
      'address',
      'not in',
      kept.map((k) => k.address),
    )
    .execute();
}
