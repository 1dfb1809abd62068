-- Issue #12: the documents of a 行政复议 or 行政诉讼 case (申请书, 答辩书, 决定书, 起诉状, 判决书, 裁定书,
-- 调解书 …), kept with the case in the agency's register. The file is checked by its own bytes before it
-- is kept (domain/records/case-documents.ts: PDF, OFD, DOCX, PNG, JPEG), as the catalogue's attachments
-- are; every upload and removal is audited. A case with documents is not removed (its documents first).
-- Forward-only.
create table review_case_documents (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  case_id bigint not null references review_cases (id),
  kind text not null check (kind in ('行政复议申请书', '答辩书', '行政复议决定书', '起诉状', '行政判决书', '行政裁定书', '行政调解书', '其他')),
  -- '' when not given
  title text not null default '',
  -- the date the document bears; null when not known
  document_date date,
  file_name text not null,
  -- checked against the file's own bytes: application/pdf | application/ofd | …wordprocessingml.document | image/png | image/jpeg
  media_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  content bytea not null,
  uploaded_at timestamptz not null,
  -- the user who uploaded it (null: the command line)
  uploaded_by bigint references users (id),
  uploaded_by_name text not null
);
create index review_case_documents_case on review_case_documents (case_id, id);
create index review_case_documents_agency on review_case_documents (agency_id);
