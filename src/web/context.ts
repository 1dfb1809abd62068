// What every route gets: the database, the working calendar, the time, and the state it shares with
// other processes on the database (rate-limit counters, column versions).
// Built once by server.ts (or by a test), never imported from elsewhere.

import type { Config } from '../config.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { SessionUser } from '../services/accounts.ts';
import type { SharedColumnVersions } from '../services/column-version.ts';
import type { Db } from '../services/database.ts';
import type { CounterStore } from '../services/limits/store.ts';
import type { QueryKey } from '../services/query-key.ts';

export interface WebDeps {
  config: Config;
  db: Db;
  /** the working calendar as the agency has it now (reloaded after an import) */
  calendar: () => Promise<WorkingCalendar>;
  /** now, as an ISO timestamp; today is its first 10 characters (Asia/Shanghai is applied by the caller) */
  now: () => string;
  /** whether requests come through TLS (Secure cookies) */
  secureCookies: boolean;
  /**
   * the counter store every rate limit and the sign-in throttle count in (the database's, so that every
   * process on it counts together: what the server sets); absent: each limiter keeps its own in memory
   */
  counters?: CounterStore;
  /** the database's column versions, read before each cached public page (the server sets it on PostgreSQL, where other processes may write) */
  columnVersions?: SharedColumnVersions;
  /** the query passwords' key (services/query-key.ts), loaded at start; absent: loaded from `config` on first use (web/query-key.ts) */
  queryKey?: QueryKey;
}

/** The agency a staff route works in (set by requireAgency). */
export interface StaffAgency {
  id: number;
  code: string;
  name: string;
}

export type AppEnv = {
  Variables: {
    deps: WebDeps;
    /** the security headers every response gets (security-headers.ts), lower-case names */
    securityHeaders: Readonly<Record<string, string>>;
    /** the signed-in staff member (a session cookie on pages, a bearer token on /api), or null (auth.ts sessionMiddleware) */
    user: SessionUser | null;
    /** the CSRF token every form of this response carries (the session's, or the anonymous visitor's signed cookie) */
    csrf: string;
    /** the agency of the route's :agency parameter, once requireAgency() has let the user in */
    agency: StaffAgency;
  };
};
