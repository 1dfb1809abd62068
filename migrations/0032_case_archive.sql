-- Issue #17 part 6: 归档 (条例第四十五条). An archived application is read-only (services/case-readonly.ts)
-- and its case file is printed by `gongkai applications archive` (services/casefile).
--
--   agencies.archive_retention_years  how long the agency keeps an archived case file, in years counted
--                                     from the year after the one it was archived in (the application page
--                                     shows 「已归档 · 保管期限至 YYYY年」). UNCONFIRMED: the 保管期限 of
--                                     依申请公开 files is set by local archive rules (10 years, 30 years or
--                                     永久 are all found); default 10, a setting (docs/ARCHITECTURE.md).
-- Forward-only.

alter table agencies add column archive_retention_years integer not null default 10 check (archive_retention_years between 1 and 100);
