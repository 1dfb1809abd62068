-- A published annual report that disagrees with the agency's neighbouring published report (X1: this
-- year's 上年结转 ≠ last year's 结转下年度, per column) is published with a written explanation (说明),
-- which the public report page shows with the report (docs/ARCHITECTURE.md "Publishing the annual
-- report"). Both null when the report agrees with its neighbours.
-- cross_year_explanation: the explanation as written (trimmed, at most 2000 characters);
-- cross_year_findings: the disagreements it explains, as the Chinese messages of the check (a JSON array).
alter table published_reports
  add column cross_year_explanation text,
  add column cross_year_findings jsonb,
  add constraint published_reports_cross_year_check check (
    (cross_year_explanation is null) = (cross_year_findings is null)
    and (cross_year_explanation is null or (length(btrim(cross_year_explanation)) > 0 and length(cross_year_explanation) <= 2000))
  );
