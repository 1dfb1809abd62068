-- Issue #17 parts 3 and 4.
--
-- 转主动公开 (条例第四十四条): a catalogue draft made from an application answered 予以公开 or 部分公开
-- keeps the application it came from.
--   catalogue_items.source_application_id   the application; null: an item made otherwise
--
-- 不予公开信息的定期评估审查 (条例第十八条): every 不予公开 decision — a reply of a 不予公开 kind or 部分公开,
-- and a catalogue item whose 公开属性 is 不予公开 — is reviewed at a period from its decision (or its last
-- review); a review finds it still withheld (仍不予公开) or to be released (转为公开).
--   catalogue_items.disclosure_on           the day the 公开属性 was decided (rows before: their last change)
--   agencies.withheld_review_months          the period between reviews, in months (default 12, a setting)
--   withheld_reviews                         one review of one entry of the register (append-only)
-- Every write is audited. Forward-only.

alter table catalogue_items add column source_application_id bigint references applications (id);
create index catalogue_items_source_application on catalogue_items (source_application_id) where source_application_id is not null;

alter table catalogue_items add column disclosure_on date;
update catalogue_items set disclosure_on = ((updated_at at time zone 'UTC') + interval '8 hours')::date where disclosure is not null;

alter table agencies add column withheld_review_months integer not null default 12 check (withheld_review_months between 1 and 60);

create table withheld_reviews (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  -- application: applications.id (a reply of a 不予公开 kind or 部分公开); catalogue: catalogue_items.id (不予公开)
  source text not null check (source in ('application', 'catalogue')),
  source_id bigint not null,
  reviewed_on date not null,
  -- still_withheld 仍不予公开 | released 转为公开
  outcome text not null check (outcome in ('still_withheld', 'released')),
  note text not null default '' check (length(note) <= 2000),
  -- released from an application: the catalogue draft made (条例第四十四条's path)
  catalogue_item_id bigint references catalogue_items (id),
  reviewed_by bigint references users (id),
  created_at timestamptz not null
);

create index withheld_reviews_entry on withheld_reviews (agency_id, source, source_id, reviewed_on desc, id desc);
