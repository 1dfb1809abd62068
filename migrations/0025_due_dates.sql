-- Issue #16 (plan-notes 10): due dates are a cache, not a source. Each open application keeps what the
-- staff dashboard needs to sort it, computed from its events by the dashboard's own code
-- (services/dashboard.ts summarise, on domain/calendar/estimates.ts applicationClocksWithEstimates with
-- prefer 'earliest') — so the dashboard, the overdue filter and the 到期日 order are SQL over indexes:
--   due_on                the working due date of the most urgent live clock that is not paused (暂定: the
--                         earliest it may turn out to be); past it the application is overdue
--   due_clock             that clock (reply, correction_notice, correction_period, consultation, fee_payment)
--   due_provisional       that date is 暂定 (its year's holiday notice is not yet published)
--   due_paused            a clock is paused (期限中止: consultation, fee notice unpaid)
--   paused_due_on         the paused clock's due date as of due_computed_on (grows while paused)
--   reply_due_on          the reply's due date (条例第三十三条) while it runs
--   due_list_on           the list's 到期日 (the clock the dashboard shows, else the reply's; 9999-12-31: none)
--   due_error             the calendar could not compute the clocks (a year not loaded): why
--   due_computed_on       the day ("today") they were computed for
--   due_recheck_on        the first day they may no longer hold without a new event: the day after a live
--                         clock's due date (a consultation or 补正告知 clock then ends; a paused or failed
--                         one the next day); null: not before an event or a calendar change
--   due_calendar_version  the working calendar they were computed on (services/due-dates.ts
--                         calendarVersion, a digest of its arrangements); null: not computed yet
-- Rows are recomputed in the transaction of every registration and event, for every open application
-- when the calendar is saved, and — for rows this migration adds (version null), rows of another
-- calendar, and rows past due_recheck_on — by services/due-dates.ts refreshDueDates, which the server
-- runs at start (in the background, in batches) and before each dashboard or list query of an agency.
-- SQL cannot count working days, so this migration only adds the columns. Forward-only.

alter table applications
  add column due_on date,
  add column due_clock text,
  add column due_provisional boolean not null default false,
  add column due_paused boolean not null default false,
  add column paused_due_on date,
  add column reply_due_on date,
  add column due_list_on date,
  add column due_error text,
  add column due_computed_on date,
  add column due_recheck_on date,
  add column due_calendar_version text;

-- open applications only (the literal list of services/due-sql.ts OPEN_STATE_SQL: a partial index is used
-- only when a query repeats its predicate)
create index applications_open_due on applications (agency_id, due_on, number)
  where state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_list_due on applications (agency_id, due_list_on, id)
  where state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_paused on applications (agency_id, paused_due_on, number) include (due_on)
  where due_paused and state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_recheck on applications (agency_id, due_recheck_on)
  where state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_computed on applications (agency_id, due_computed_on)
  where state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_version on applications (agency_id, due_calendar_version)
  where state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_uncomputed on applications (agency_id)
  where due_calendar_version is null and state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
create index applications_open_error on applications (agency_id)
  where due_error is not null and state in ('registered', 'awaiting_correction', 'in_progress', 'consulting', 'awaiting_payment');
