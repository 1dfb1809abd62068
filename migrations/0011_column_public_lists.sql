-- Issue #11, the public column's lists (services/catalogue/public.ts): what the public sees (published
-- and withdrawn items) newest 发布日期 first, by agency and by agency and category, in the order the
-- keyset pages read them — coalesce(published_on, '0001-01-01') desc, id desc — so that a page of the
-- 政府信息公开目录, of a category, or of a feed is an index range scan however large the catalogue.
create index catalogue_items_public_list on catalogue_items (agency_id, (coalesce(published_on, date '0001-01-01')) desc, id desc)
  where state in ('published', 'withdrawn');
create index catalogue_items_public_category on catalogue_items (agency_id, category, (coalesce(published_on, date '0001-01-01')) desc, id desc)
  where state in ('published', 'withdrawn');
