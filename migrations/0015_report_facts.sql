-- Issue #12, part 2: the facts behind the prose of the annual report (sections 一、五、六) that the
-- platform does not hold elsewhere, entered by the agency's staff per reporting year — public
-- participation events (政府开放日 …) and the suggestions collected at them with their rectification,
-- supervision and assessment (考核、社会评议、责任追究), training, 人大代表建议/政协提案, the problems of
-- section 五 (this year's, and last year's with their follow-up), the improvement measures, the
-- platforms, free notes — and a clerk's edits of the drafted sentences. Every write is audited
-- (services/report-facts.ts). 信息处理费, the catalogue, 清理 rounds and the review chain are NOT here:
-- the draft reads them from their own records.

create table report_facts (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  -- the reporting year (统计期限) the fact belongs to
  year integer not null check (year between 2008 and 2200),
  -- profile | event | suggestion | supervision | training | proposal | problem | measure | platform | note
  -- (domain/report/facts/kinds.ts: the fields of each kind, checked there)
  kind text not null,
  -- a suggestion's event (the 政府开放日 it was collected at); null for every other kind
  parent_id bigint references report_facts (id),
  -- the fields of the kind, as checked (numbers as numbers)
  data jsonb not null,
  -- optimistic locking of the edit form
  version integer not null default 1,
  created_by bigint references users (id),
  created_at timestamptz not null,
  updated_by bigint references users (id),
  updated_at timestamptz not null
);

create index report_facts_agency_year on report_facts (agency_id, year, kind, id);
create index report_facts_parent on report_facts (parent_id) where parent_id is not null;

-- A clerk's wording of one drafted sentence (its stable id in domain/report/draft): the text that
-- replaces the generated one ('' leaves the sentence out), and the generated text it replaced, so the
-- page can say when the facts behind the sentence have changed since.
create table report_draft_edits (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  year integer not null check (year between 2008 and 2200),
  sentence_id text not null check (length(sentence_id) between 1 and 200),
  text text not null,
  original text not null,
  updated_by bigint references users (id),
  updated_at timestamptz not null,
  unique (agency_id, year, sentence_id)
);
