-- Issue #16, search that scales (services/search/application-index.ts, application-search.ts): the staff
-- list's search reads indexes, not every row of the agency.
--   search_document  编号 and the applicant's name (weight A, with the name's single characters) and the
--                    request (weight B) as terms made in JS (jieba's words and CJK character pairs: the
--                    catalogue's search module), each prefixed with its agency (a12x危房: the agency's own
--                    posting lists), matched through a GIN index. No ID number, contact or address in it.
--                    Written with the row on every insert.
-- Rows written before this migration get their document from a step in TypeScript (jieba does not run in
-- SQL): services/database.ts's openDatabase indexes every row whose document is null, in batches, before the
-- server serves or a command runs (and `gongkai db migrate` does the same); the partial index below finds
-- those rows without a scan, and is empty once they are done.
-- An exact 编号 is looked up on the unique b-tree index of (agency_id, number) from migration 0001.
--   applications_agency_received_order  the list's default order (收到日期, none as the oldest, then id:
--                    services/application-list.ts) as an index, so that a common word's first page is
--                    found by walking the agency's newest applications instead of sorting every match
--                    (services/application-sequences.ts, the probe); in either direction.
-- Forward-only.

alter table applications add column search_document tsvector;
create index applications_search on applications using gin (search_document);
create index applications_search_pending on applications (id) where search_document is null;
create index applications_agency_received_order on applications (agency_id, (coalesce(received_on, date '0001-01-01')), id);
