-- Issue #11: proactive disclosure (主动公开). The catalogue of government information (政府信息公开目录,
-- 条例第十二条) with its 索引号, the review chain before publication (one chain for every subject:
-- catalogue items now, the annual report and 政务新媒体 posts later), 保密审查 (第十七条), the
-- 规章/行政规范性文件 register with its 清理 rounds, and the search index.

-- The agency's 统一社会信用代码 (18 characters) for its 索引号; null: the agency's code is used.
alter table agencies add column credit_code text;
-- The 索引号 format: placeholders {org} (credit code or agency code), {year}, {cat} (category code),
-- {seq} or {seq:N} (the sequence, zero-padded to N digits); null: the default of domain/catalogue/index-number.ts.
alter table agencies add column index_format text;

-- The agency's own lists: 主题分类 (default: the common 国务院公文主题分类) and its own 信息类别
-- beside the fifteen items of 第二十条. kind: 'topic' | 'category'.
create table catalogue_vocab (
  agency_id bigint not null references agencies (id),
  kind text not null,
  code text not null,
  name text not null,
  position integer not null,
  primary key (agency_id, kind, code)
);

create table catalogue_items (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  -- 索引号: assigned when the item is created, from the counters (scope 'catalogue', per year); never reused
  index_number text not null,
  title text not null,
  -- 内容概述 (条例第十二条: the 目录 carries it)
  summary text not null default '',
  -- 文号, e.g. 示范自然资规〔2024〕3号; '' when the item has none
  doc_number text not null default '',
  -- 文号 normalised for exact lookup (domain/catalogue/doc-number.ts): brackets, spaces and width folded
  doc_number_key text not null default '',
  -- 发布机构
  publisher text not null,
  -- 成文日期
  written_on date,
  -- 形成或者变更之日: the 20-working-day clock of 第二十六条 runs from it
  formed_on date not null,
  -- 发布日期: set when it is published (or imported as published)
  published_on date,
  -- 主题分类 (a code of catalogue_vocab kind 'topic', or of the default list)
  topic text not null default '',
  -- 信息类别: 'a20-1' … 'a20-15' (第二十条第（一）…（十五）项) or 'own:<code>' (catalogue_vocab kind 'category')
  category text not null,
  -- 文件类型: 规章 | 行政规范性文件 | 其他文件 | 工作动态 | 政策解读 | … (domain/catalogue/vocab.ts)
  doc_type text not null,
  -- 有效性: 有效 | 失效 | 废止 | 已修订 (规章 and 行政规范性文件; '' for items it does not apply to)
  validity text not null default '',
  -- when a 规章/规范性文件 stopped being in force, by the way it stopped
  repealed_on date,
  lapsed_on date,
  revised_on date,
  -- the item that replaces it (已修订)
  superseded_by bigint references catalogue_items (id),
  -- 政策解读: the document it explains (三同步)
  interprets_id bigint references catalogue_items (id),
  -- the body in the guide's markup (## headings, - lists, paragraphs); body_html: imported HTML after sanitize-html
  body text not null default '',
  body_html text not null default '',
  -- 公开属性: 主动公开 | 依申请公开 | 不予公开; null: not yet decided (cannot go to review)
  disclosure text,
  -- the reason (依申请公开, 不予公开) and, for 不予公开 only, the article (第十四条 … 第十六条第二款)
  disclosure_reason text,
  disclosure_article text,
  -- draft | in_review | approved | scheduled | published | withdrawn
  state text not null default 'draft',
  -- scheduled publication (state 'scheduled'): the moment it goes out
  publish_at timestamptz,
  published_at timestamptz,
  -- bumped on every saved change; catalogue_item_versions keeps each one
  version integer not null default 1,
  -- 更正: the latest correction's note and time (the public page says 已更正 with it)
  correction_note text,
  corrected_at timestamptz,
  -- 撤回
  withdrawn_reason text,
  withdrawn_at timestamptz,
  -- 'imported' (gongkai catalogue import) | 'platform'
  origin text not null default 'platform',
  -- the search index (services/search): words and character pairs, weighted title A, 文号/索引号 A, summary B, body and attachments C
  search_vector tsvector,
  created_by bigint references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (agency_id, index_number)
);

create index catalogue_items_agency_state on catalogue_items (agency_id, state, published_on desc, id desc);
create index catalogue_items_category on catalogue_items (agency_id, category, published_on desc, id desc);
create index catalogue_items_index_number on catalogue_items (index_number);
create index catalogue_items_doc_number on catalogue_items (doc_number_key) where doc_number_key <> '';
create index catalogue_items_register on catalogue_items (agency_id, doc_type, written_on) where doc_type in ('规章', '行政规范性文件');
create index catalogue_items_due on catalogue_items (state, formed_on) where state not in ('published', 'withdrawn');
create index catalogue_items_publish_at on catalogue_items (publish_at) where state = 'scheduled';
create index catalogue_items_search on catalogue_items using gin (search_vector);

-- Every saved version of an item (the fields as JSON), with who saved it and why.
create table catalogue_item_versions (
  item_id bigint not null references catalogue_items (id),
  version integer not null,
  snapshot jsonb not null,
  reason text not null default '',
  saved_by bigint references users (id),
  saved_at timestamptz not null,
  primary key (item_id, version)
);

-- Attachments (PDF, DOCX, XLSX, images) with the text extracted for search ('' for images).
create table catalogue_attachments (
  id bigserial primary key,
  item_id bigint not null references catalogue_items (id),
  position integer not null,
  file_name text not null,
  media_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  text text not null default '',
  created_at timestamptz not null
);

create index catalogue_attachments_item on catalogue_attachments (item_id, position);

-- 保密审查 (条例第十七条): who, when, the conclusion, for a version of an item.
create table secrecy_reviews (
  id bigserial primary key,
  item_id bigint not null references catalogue_items (id),
  version integer not null,
  -- 不涉密 | 涉密 | 需报请审查 (refer to the 保密行政管理部门)
  conclusion text not null,
  note text not null default '',
  reviewer_id bigint references users (id),
  reviewer_name text not null,
  reviewed_at timestamptz not null
);

create index secrecy_reviews_item on secrecy_reviews (item_id, version);

-- The review chain of an agency for a subject ('catalogue'; later 'annual_report', 'new_media'):
-- stages as JSON [{ "name": "初审", "roles": ["section_head"], "agency": "self" | "parent" }],
-- and whether one person may approve two stages of the same version.
create table review_chains (
  agency_id bigint not null references agencies (id),
  subject text not null,
  stages jsonb not null,
  allow_same_person boolean not null default false,
  updated_at timestamptz not null,
  primary key (agency_id, subject)
);

-- Each decision on a stage: approve or return (退回, with comments). Append-only.
create table review_decisions (
  id bigserial primary key,
  subject text not null,
  subject_id bigint not null,
  agency_id bigint not null references agencies (id),
  version integer not null,
  stage integer not null,
  stage_name text not null,
  -- approve | return
  decision text not null,
  comment text not null default '',
  actor_id bigint references users (id),
  actor_name text not null,
  decided_at timestamptz not null
);

create index review_decisions_subject on review_decisions (subject, subject_id, version, stage);

-- 清理 rounds of the 规章/行政规范性文件 register: the documents in force at a date, a conclusion per
-- document, the round's summary (which may be "未发现行政规范性文件").
create table cleanup_rounds (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  title text not null,
  -- the date the list of documents in force is taken at
  as_of date not null,
  summary text not null default '',
  -- open | concluded
  state text not null default 'open',
  concluded_on date,
  created_by bigint references users (id),
  created_at timestamptz not null
);

create table cleanup_entries (
  round_id bigint not null references cleanup_rounds (id),
  item_id bigint not null references catalogue_items (id),
  -- 继续有效 | 修改 | 废止 | 宣布失效; null: not yet concluded
  conclusion text,
  note text not null default '',
  primary key (round_id, item_id)
);
