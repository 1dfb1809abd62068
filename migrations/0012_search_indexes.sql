-- Issue #11, catalogue search at scale (services/search/catalogue-search.ts):
-- the title tier of the search: the A-weighted part of search_vector (title, 文号, 索引号, and the
-- title's single characters) in a GIN index of its own, so title matches are found first without
-- ranking every body match; and the 文号 tail lookup (〔2024〕3号 finds 示范农发〔2024〕3号) as a
-- prefix of the reversed key, which a text_pattern_ops b-tree answers without a scan.
alter table catalogue_items add column title_vector tsvector;
update catalogue_items set title_vector = ts_filter(search_vector, '{a}') where search_vector is not null;
create index catalogue_items_title_search on catalogue_items using gin (title_vector);
create index catalogue_items_doc_number_tail on catalogue_items (reverse(doc_number_key) text_pattern_ops) where doc_number_key <> '';
