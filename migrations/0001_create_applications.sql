-- Agencies, applications (依申请公开) with their append-only events, documents, counters, templates.
-- Forward-only: never edit this file once landed; add 0002_… instead.

create table agencies (
  id bigserial primary key,
  code text not null unique,
  name text not null,
  -- 'government' 人民政府 | 'department' 部门 | 'township' 乡镇 | 'subdistrict' 街道 | 'other'
  level text not null,
  parent_id bigint references agencies (id),
  created_at timestamptz not null
);

create table applications (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  -- 编号: unique within the agency
  number text not null,
  -- natural_person | commercial | research | social_welfare | legal_service | other
  applicant_type text not null,
  applicant_name text not null,
  -- resident_id (居民身份证) | uscc (统一社会信用代码) | other
  id_kind text,
  id_number text,
  contact text not null default '',
  address text not null default '',
  -- in_person | post_signed | post_ordinary | online | fax | other
  channel text not null,
  submitted_on date not null,
  -- 条例第三十一条: the receipt date; null until confirmed (ordinary letter, online, fax) or signed for
  received_on date,
  request text not null,
  delivery_form text not null default '',
  -- the handling state (projection of the events; the events are the truth)
  state text not null,
  -- outcome code once concluded, and its row of table 三
  outcome text,
  outcome_row text,
  legal_basis text,
  -- the date it was concluded (reply, lapse, withdrawal)
  closed_on date,
  handler text,
  extended boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (agency_id, number)
);

create index applications_agency_received on applications (agency_id, received_on);
create index applications_agency_closed on applications (agency_id, closed_on);

create table application_events (
  id bigserial primary key,
  application_id bigint not null references applications (id),
  -- 1, 2, 3 … per application
  seq integer not null,
  type text not null,
  -- the legal date of the step (the date on the document, the receipt date …)
  occurred_on date not null,
  -- when it was recorded in gongkai
  recorded_at timestamptz not null,
  actor text not null,
  state_before text,
  state_after text not null,
  data jsonb not null default '{}',
  unique (application_id, seq)
);

create index application_events_application on application_events (application_id);

-- Consecutive numbers per agency, scope and year (applications, each kind of document).
create table counters (
  agency_id bigint not null references agencies (id),
  scope text not null,
  year integer not null,
  last integer not null,
  primary key (agency_id, scope, year)
);

create table documents (
  id bigserial primary key,
  application_id bigint not null references applications (id),
  agency_id bigint not null references agencies (id),
  -- correction_notice | extension_notice | consultation_letter | fee_notice | reply
  kind text not null,
  year integer not null,
  seq integer not null,
  -- the document number shown on it, e.g. 某政公开〔2024〕12号
  number text not null,
  issued_on date not null,
  title text not null,
  html text not null,
  -- what it was rendered from (kind-specific values, outcome, consultee, fee): DOCX is rendered again from it
  inputs jsonb not null,
  created_at timestamptz not null,
  unique (agency_id, year, seq)
);

create index documents_application on documents (application_id);

-- Templates an agency has edited (the built-in ones apply otherwise).
create table templates (
  agency_id bigint not null references agencies (id),
  kind text not null,
  body text not null,
  updated_at timestamptz not null,
  primary key (agency_id, kind)
);
