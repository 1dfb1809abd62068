-- Issue #12: the annual report's sign-off in the report workspace. The report an office drafts from its
-- records (facts, edits, tables) is frozen when it is submitted to the review chain (subject
-- 'annual_report', review_pending/review_decisions as for catalogue items): the reviewers approve the
-- snapshot, and what is published is the snapshot they signed (签发), never the live draft. One row per
-- agency and year; a correction (更正) of the published report goes round again with a 更正说明.
create table report_drafts (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2008 and 2200),
  -- drafting: being written (never submitted, returned, withdrawn, or being corrected);
  -- in_review: the snapshot waits in the chain; approved: signed off (签发), to be published;
  -- published: the snapshot is the published report's current version
  state text not null check (state in ('drafting', 'in_review', 'approved', 'published')),
  -- the review version: 1 at the first submission, +1 at each
  version integer not null default 0 check (version >= 0),
  -- the report as submitted (interchange JSON); null before the first submission
  snapshot jsonb,
  -- the 说明 of a disagreement with a neighbouring year's published report, submitted with it
  explanation text check (explanation is null or length(explanation) <= 2000),
  -- the 更正说明 of a correction of the published report
  change_note text check (change_note is null or length(change_note) <= 500),
  submitted_at timestamptz,
  submitted_by bigint references users (id),
  approved_at timestamptz,
  published_at timestamptz,
  -- the published_report_versions.version the snapshot became
  published_version integer,
  updated_at timestamptz not null,
  unique (agency_id, year),
  constraint report_drafts_snapshot_check check ((state = 'drafting') or snapshot is not null)
);

-- Each publication's PDF, printed once when it is published (or on its first request, for a report
-- published where no browser was installed) and kept: the document the public downloads is the one issued.
alter table published_report_versions add column pdf bytea;
