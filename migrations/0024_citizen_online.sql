-- Issue #14, the citizen's journey:
--   application_corrections  a 补正 the applicant sent online from the status page (条例第三十条): the corrected or
--                            clarified request text and/or a file (uploads, kind 'correction'), kept with the
--                            receive_correction step recorded with it in the same transaction (its seq), dated the
--                            day it arrived (Beijing). The reply period runs again from that day.
--   documents.pdf            a notice printed to PDF (Chromium, services/pdf) the first time it is asked for, then
--                            kept: its HTML is fixed when it is issued, so the print is the same whenever it is made.
--                            null: not printed yet.
-- Every write is audited. Forward-only.

create table application_corrections (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  application_id bigint not null references applications (id),
  -- the receive_correction step (application_events.seq) recorded with it
  event_seq integer not null,
  -- '' when only a file was sent
  text text not null default '' check (length(text) <= 5000),
  upload_id bigint references uploads (id),
  -- the day it arrived (Beijing): the date of its step
  received_on date not null,
  created_at timestamptz not null,
  unique (application_id, event_seq),
  check (text <> '' or upload_id is not null)
);

create index application_corrections_agency on application_corrections (agency_id);

alter table documents add column pdf bytea;
