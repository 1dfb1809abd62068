-- Issue #13, the office's own settings and its reminders:
--   oversight_settings   per overseeing agency: the scoring rubric it edited (null: the default rubric,
--                        docs/oversight-rubric.md) and the due date of 乡镇/街道 reports (MM-DD of the year
--                        after; null: the default, 01-31 — a local rule, plan-notes "#13 timeliness")
--   oversight_reminders  a reminder the office sent to an agency of its subtree that had not published its
--                        report of a year: who, when, the text. Recorded in the platform only (e-mail is not
--                        configured); the agency's dashboard shows it until its report is published.
-- Every write is audited. Forward-only.

create table oversight_settings (
  overseer_id bigint primary key references agencies (id),
  rubric jsonb,
  township_due text check (township_due ~ '^\d{2}-\d{2}$'),
  updated_at timestamptz not null,
  updated_by bigint references users (id)
);

create table oversight_reminders (
  id bigserial primary key,
  overseer_id bigint not null references agencies (id),
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2000 and 2100),
  text text not null check (length(btrim(text)) between 2 and 1000),
  sent_at timestamptz not null,
  sent_by bigint references users (id)
);
create index oversight_reminders_agency on oversight_reminders (agency_id, year, sent_at);
create index oversight_reminders_overseer on oversight_reminders (overseer_id, year, agency_id);
