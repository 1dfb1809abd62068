-- The agency's settings beyond code, name and level.
-- document_prefix: the 机关代字 of the 文号 of its notices (e.g. 中卫机关事务公开 → 中卫机关事务公开〔2025〕3号);
-- null: derived from the agency's name (services/agencies.ts defaultDocumentPrefix).
alter table agencies add column document_prefix text;
