-- Issue #13: the office above (政务公开办) collects the annual reports of the agencies of its subtree
-- (agencies.parent_id, editable on 平台管理 from now on). Reports published on the platform are read
-- live from published_reports (never copied: always the current version); what the office collects
-- itself is kept here:
--   oversight_files       every file it uploaded (bytes, name, reader, sha256), with what the parser
--                         read (the model as interchange JSON, cell statuses, diagnostics) or why it
--                         could not (a scanned PDF …), the agency it names and the match; a file waits
--                         in review until the office files it for an agency or discards it
--   oversight_reports     the report the office holds for an agency and year: a filed upload, or the
--                         figures entered by hand (a scanned report), with its publication date
--   oversight_exclusions  an agency left out of a year's collection, with the reason stated
-- Every write is audited. Forward-only.

create table oversight_files (
  id bigserial primary key,
  overseer_id bigint not null references agencies (id),
  year integer not null check (year between 2000 and 2100),
  file_name text not null check (length(file_name) between 1 and 255),
  -- the reader that read it: text | html | docx | pdf | json; null when it could not be read
  reader text check (reader in ('text', 'html', 'docx', 'pdf', 'json')),
  size integer not null check (size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  -- the parsed report (interchange JSON), the cell statuses and the parser's diagnostics; report null when unreadable
  report jsonb,
  cell_status jsonb,
  diagnostics jsonb not null default '[]',
  -- why it could not be read (Chinese), and the code: PDF_NO_TEXT (scanned), FILE_TOO_COMPLEX, UNREADABLE …
  error text,
  error_code text,
  -- the agency name the report gives itself (its title), and the publication date found in its text
  found_name text,
  found_on date,
  -- the match by name: the agency suggested, its score (0–100) and how: exact | alias | fuzzy | none
  suggested_agency_id bigint references agencies (id),
  match_score integer check (match_score between 0 and 100),
  match_how text not null check (match_how in ('exact', 'alias', 'fuzzy', 'none')),
  -- filed (for agency_id) | review (waiting for the office) | discarded
  state text not null check (state in ('filed', 'review', 'discarded')),
  -- why a file waits for the office (Chinese): no certain match, another year's report, the agency already has one …
  review_note text,
  agency_id bigint references agencies (id),
  uploaded_at timestamptz not null,
  uploaded_by bigint references users (id),
  decided_at timestamptz,
  decided_by bigint references users (id),
  -- the same bytes once per office and year (a re-upload finds the file already there)
  unique (overseer_id, year, sha256),
  constraint oversight_files_filed check ((state = 'filed') = (agency_id is not null)),
  constraint oversight_files_readable check ((report is null) = (error is not null))
);
create index oversight_files_review on oversight_files (overseer_id, year, state, id);

create table oversight_reports (
  id bigserial primary key,
  overseer_id bigint not null references agencies (id),
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2000 and 2100),
  -- upload: the filed file's reading (file_id); manual: figures entered by hand (report), perhaps from a file (file_id)
  source text not null check (source in ('upload', 'manual')),
  file_id bigint references oversight_files (id),
  report jsonb,
  -- YYYY-MM-DD; null: unknown. how: entered (by the office) | text (found in the file)
  published_on date,
  published_on_how text check (published_on_how in ('entered', 'text')),
  updated_at timestamptz not null,
  updated_by bigint references users (id),
  unique (overseer_id, agency_id, year),
  constraint oversight_reports_source check (
    (source = 'upload' and file_id is not null and report is null) or (source = 'manual' and report is not null)
  ),
  constraint oversight_reports_date check ((published_on is null) = (published_on_how is null))
);

create table oversight_exclusions (
  overseer_id bigint not null references agencies (id),
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2000 and 2100),
  reason text not null check (length(btrim(reason)) between 2 and 500),
  excluded_at timestamptz not null,
  excluded_by bigint references users (id),
  primary key (overseer_id, agency_id, year)
);
