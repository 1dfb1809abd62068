-- Issue #12, part 1: the records behind table 二 (第二十条第（五）（六）（八）项) and table 四 of the annual
-- report. Forward-only.

-- 本年处理决定数量 of 行政许可, 行政处罚, 行政强制 and 本年收费金额（万元） of 行政事业性收费, per agency and
-- year. Append-only: every entry is a new row (who, when, how, why); the figure of a year is its latest
-- entry, and the figure as of a date the latest entry recorded by then. A year without any entry of a
-- kind has no figure (the report's cell stays empty, never 0).
create table report_counts (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2008 and 2200),
  -- 'licensing' 行政许可 | 'punishment' 行政处罚 | 'enforcement' 行政强制 | 'fees' 行政事业性收费
  kind text not null check (kind in ('licensing', 'punishment', 'enforcement', 'fees')),
  -- a count (a whole number) or, for 'fees', 万元 as the report writes it (exact: numeric)
  value numeric not null check (value >= 0 and value < 100000000),
  entered_at timestamptz not null,
  -- the user who entered it (null: the command line)
  entered_by bigint references users (id),
  entered_by_name text not null,
  -- 'page' (the staff page) | 'import' (a CSV/XLSX file) | 'api' (an agency system through the API)
  source text not null check (source in ('page', 'import', 'api')),
  note text not null default '',
  check (kind = 'fees' or value = trunc(value))
);
create index report_counts_agency_year on report_counts (agency_id, year, kind, entered_at, id);

-- 行政复议 and 行政诉讼 cases about the agency's government information disclosure (条例第五十一条):
-- the register table 四 is computed from. The row is the case as it stands; review_case_versions keeps
-- every state it had (for the report as of a past date, and the case's history).
create table review_cases (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  -- 案号, unique within the agency
  case_number text not null,
  -- 'reconsideration' 行政复议 | 'litigation_direct' 未经复议直接起诉 | 'litigation_after_reconsideration' 复议后起诉
  type text not null check (type in ('reconsideration', 'litigation_direct', 'litigation_after_reconsideration')),
  -- 受理机关 (复议机关) or 人民法院; '' when not given
  body text not null default '',
  -- the application it concerns (same agency), if any
  application_id bigint references applications (id),
  -- a lawsuit after reconsideration: its reconsideration case (same agency)
  reconsideration_id bigint references review_cases (id),
  received_on date not null,
  concluded_on date,
  -- the result in detail (domain/records/vocab.ts); null while not concluded (尚未审结)
  result text,
  notes text not null default '',
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (agency_id, case_number),
  check ((concluded_on is null) = (result is null)),
  check (concluded_on is null or concluded_on >= received_on),
  check (reconsideration_id is null or type = 'litigation_after_reconsideration')
);
create index review_cases_agency_received on review_cases (agency_id, received_on);
create index review_cases_application on review_cases (application_id) where application_id is not null;

-- Every state of a case, appended on each change (never updated): the snapshot of its fields (案号,
-- type, dates, result …; deleted: true when the case was removed), who changed it, when and how.
create table review_case_versions (
  case_id bigint not null,
  version integer not null,
  agency_id bigint not null references agencies (id),
  snapshot jsonb not null,
  recorded_at timestamptz not null,
  recorded_by bigint references users (id),
  recorded_by_name text not null,
  source text not null check (source in ('page', 'import', 'api')),
  primary key (case_id, version)
);
create index review_case_versions_agency on review_case_versions (agency_id, recorded_at);

-- Two UNCONFIRMED practices of table 四 (plan-notes "#12 table 四 results"), settings of the agency:
-- in which year a case counts — 'received' (default: the year it was received, with its result as of
-- 12-31 of that year, never again) or 'concluded' (the year it concluded, and 尚未审结 in every year it is
-- pending at 12-31) —, and whether 驳回诉讼请求 / 驳回行政复议请求 count as 结果维持 (default) or 其他结果.
alter table agencies add column review_count_year text not null default 'received' check (review_count_year in ('received', 'concluded'));
alter table agencies add column review_rejection_upheld boolean not null default true;
