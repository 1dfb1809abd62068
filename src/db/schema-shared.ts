// The tables of state several processes share (migration 0027) as Kysely sees them. Part of schema.ts's DB.

/** The installation's additions to the national calendar: one row (id 1), the interchange JSON and its version. */
export interface WorkingCalendarTable {
  id: number;
  /** 1 on the first save, one more on each */
  version: number;
  /** the calendar interchange JSON (domain/calendar/interchange.ts): added years and local rest days */
  calendar: string;
  updatedAt: string;
}

/** An agency's public column's content version ('' : every column; '#clock': the source of the values). */
export interface ColumnVersionsTable {
  agencyCode: string;
  version: number;
}

/** A rate-limit counter (times in milliseconds since the epoch). */
export interface RateCountersTable {
  key: string;
  count: number;
  sinceMs: number;
  lastMs: number;
  expiresMs: number;
}
