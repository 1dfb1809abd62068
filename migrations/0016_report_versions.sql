-- Issue #12: every publication of an annual report is kept as a version, so that a correction (更正)
-- leaves its trace: version 1 is the first publication, each correction adds the next with its 更正说明
-- (what changed and why), and the public report page lists every version's date and note.
-- published_reports keeps the current version (what the column shows and the cross-year checks read).
create table published_report_versions (
  report_id bigint not null references published_reports (id) on delete cascade,
  version integer not null check (version >= 1),
  report jsonb not null,
  change_note text,
  published_at timestamptz not null,
  published_by bigint references users (id),
  primary key (report_id, version),
  constraint published_report_versions_note_check check (
    (version = 1) = (change_note is null)
    and (change_note is null or (length(btrim(change_note)) > 0 and length(change_note) <= 500))
  )
);

-- the reports published before versions were kept: their current text is their version 1
insert into published_report_versions (report_id, version, report, change_note, published_at, published_by)
  select id, 1, report, null, published_at, published_by from published_reports;
