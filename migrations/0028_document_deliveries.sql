-- Issue #17 (part 1), delivery (送达) of every notice the platform issues:
--   document_deliveries  how a notice reached its addressee — 当面 (in_person), 邮寄 (post, with the tracking
--                        number of the registered letter or express parcel), 电子邮件 (email), 在线 (online: the
--                        applicant's own page) — the day it reached them, and its evidence (a signature, the
--                        postal record, a read receipt), described. One delivery per notice: a second one is
--                        refused. The delivery of the reply in force is the day the applicant's remedy windows
--                        run from (行政复议法第二十条, 行政诉讼法第四十六条; services/application-view.ts
--                        remedyStart); recorded with the reply's `deliver` step (event_seq) when it moves the
--                        handling from 已答复 to 已送达.
--   applications_replied_undelivered  the dashboard's 已答复未登记送达: a range of one partial index.
-- Every write is audited. Forward-only.

create table document_deliveries (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  application_id bigint not null references applications (id),
  document_id bigint not null unique references documents (id),
  method text not null check (method in ('in_person', 'post', 'email', 'online')),
  -- the registered letter's or express parcel's number: required for 邮寄
  tracking_number text check (tracking_number is null or length(tracking_number) between 1 and 64),
  delivered_on date not null,
  -- the evidence, described ('' when none was described)
  evidence text not null default '' check (length(evidence) <= 1000),
  -- the deliver step (application_events.seq) recorded with it, if any
  event_seq integer,
  recorded_by text not null,
  recorded_at timestamptz not null,
  check (method <> 'post' or tracking_number is not null)
);

create index document_deliveries_agency on document_deliveries (agency_id);
create index document_deliveries_application on document_deliveries (application_id);

create index applications_replied_undelivered on applications (agency_id, closed_on, number) where state = 'replied';
