-- Issue #16, "more than one machine": what several gongkai processes on one PostgreSQL must share lives
-- in the database, not in one process's memory or in a file of one machine's GONGKAI_DATA_DIR.
--
--   working_calendar  the installation's additions to the national calendar — the years entered from
--                     the State Council's notices and the local rest days — as ONE row (id 1) holding
--                     the calendar interchange JSON (domain/calendar/interchange.ts) and a version.
--                     One row rather than a table of days, because: the calendar is small (a few KB a
--                     decade); it is only ever used whole (buildCalendar checks the years and rest days
--                     together, and a change that would not build is refused whole); it is written by
--                     one validated serialiser that is also the format of `gongkai calendar export` and
--                     of the calendar.json it replaces; and a process learns of a change by reading
--                     one integer by primary key (services/calendar-store.ts). A save locks the row
--                     (select … for update), so two processes never lose each other's change. No row:
--                     nothing added (version 0). It travels in archives.
--   column_versions   the content version of each agency's public column (agency_code; '' stands for
--                     every column at once), bumped in the transaction of the write that changes what
--                     the column shows, so another process's page cache sees the change on its next
--                     request (services/column-version.ts). The values come from the row '#clock'
--                     (no agency code has '#'), incremented under its row lock, which the writer holds
--                     until it commits: versions become visible in the order they were given, so a
--                     reader may ask only for rows above the highest version it has seen. Transient:
--                     not archived.
--   rate_counters     the counters of the rate limits and the sign-in back-off (services/limits): how
--                     many times within a window that began at since_ms (milliseconds since the
--                     epoch) and ends at expires_ms. Keys name an address, an account name, a receipt
--                     code, or an applicant by a keyed hash of the 证件号码 — never the number itself.
--                     Unlogged: counters are not worth a WAL write on every request, and losing them in
--                     a crash (or on a replica) only forgets who was held back. Expired rows are swept.
--                     Transient: not archived.
--
-- The limits' numbers and the addresses exempt from the per-address limits are settings (settings rows
-- 'rate_limits' and 'trusted_addresses'), set by the platform administrator. Forward-only.

create table working_calendar (
  id smallint primary key check (id = 1),
  version bigint not null check (version > 0),
  calendar text not null check (length(calendar) <= 2000000),
  updated_at timestamptz not null
);

create table column_versions (
  agency_code text primary key check (length(agency_code) <= 64),
  version bigint not null
);

create index column_versions_by_version on column_versions (version);

create unlogged table rate_counters (
  key text primary key check (length(key) <= 200),
  count integer not null check (count > 0),
  since_ms bigint not null,
  last_ms bigint not null,
  expires_ms bigint not null
);

create index rate_counters_expiry on rate_counters (expires_ms);
