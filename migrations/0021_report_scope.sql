-- Issue #13, the government's own report and double counting:
--   agencies.report_scope  what the figures of the agency's annual report cover: 'own' (its own records)
--                          or 'subtree' (its own records plus the summed reports of the agencies below it,
--                          as a 人民政府's report usually states its whole area). null: by level — a
--                          人民政府 'subtree', any other 'own' (domain/report/scope.ts). An agency whose
--                          report covers its subtree stands for it in a 汇总 above: the agencies below it
--                          are not summed again.
-- Forward-only.

alter table agencies add column report_scope text check (report_scope in ('own', 'subtree'));
