-- Issue #11: the review chain's open rounds (one row per subject waiting at a stage) — the projection
-- the review inbox reads with one indexed keyset query, whatever the subject (catalogue items now, the
-- annual report and 政务新媒体 posts later). review_decisions stays the record (append-only); a row here
-- is written with the decision that opens or advances a round and deleted with the one that ends it.

create table review_pending (
  id bigserial primary key,
  subject text not null,
  subject_id bigint not null,
  -- the subject's agency
  agency_id bigint not null references agencies (id),
  version integer not null,
  -- what the inbox shows
  title text not null,
  -- the chain as it was when the round began (a later change of the chain applies to later rounds)
  stages jsonb not null,
  allow_same_person boolean not null,
  -- the stage waiting (1-based), its agency (the subject's own or its parent: domain.md §6.1) and its roles
  stage integer not null,
  stage_agency_id bigint not null references agencies (id),
  stage_roles text not null,
  -- review_decisions.id of the round's 'submit' row: the round's decisions are those from it on
  round_start bigint not null,
  submitted_by bigint references users (id),
  submitted_by_name text not null,
  waiting_since timestamptz not null,
  unique (subject, subject_id)
);

create index review_pending_inbox on review_pending (stage_agency_id, waiting_since, id);

-- The agency whose reviewers act at the decision's stage (the parent's office for a stage 'parent');
-- null on rows of migration 0009's time.
alter table review_decisions add column stage_agency_id bigint references agencies (id);
