-- Issue #11, catalogue search at scale (services/search/catalogue-search.ts): a common query's title
-- matches are first looked for among an agency's newest items, walked on an index rather than read from
-- the GIN bitmap of every match. The public walks catalogue_items_public_list (newest 发布日期 first,
-- migration 0011); staff walk this one (newest created first: drafts and items in review included).
create index catalogue_items_agency_recent on catalogue_items (agency_id, id desc);
