-- Issue #17 part 5: complaints and reports (投诉、举报; 条例第五十一条, 第四十七条). Anyone who considers that
-- an agency infringed their lawful rights and interests in its government information disclosure work may
-- complain to, or report it to, the administrative organ one level up or the 政府信息公开工作主管部门
-- (第五十一条); the office above (政务公开办, issue #13's oversight office) registers it, assigns it, answers
-- it, and records the result and any 责任追究 (第五十三条). The year's figures feed the receiving
-- government's annual report, section 五 (工作考核、社会评议和责任追究结果, 第五十条).
--
--   complaints               one complaint or report: against which agency, received by which (the parent
--                            of the agency in the tree at filing time), who filed it and how to reach them,
--                            the text, the stored due date, assignment, answer, result, 责任追究
--   agencies.complaint_days  the receiving agency's period for an answer, in working days from the day after
--                            receipt. UNCONFIRMED practice: the 条例 sets no period for complaints and reports;
--                            20 working days is a default (docs/ARCHITECTURE.md). A setting.
-- Every write is audited. Forward-only.

alter table agencies add column complaint_days integer not null default 20 check (complaint_days between 1 and 60);

create table complaints (
  id bigserial primary key,
  -- 编号: 投诉YYYY-NNNN / 举报YYYY-NNNN, the receiving agency's counter (counters, scope 'complaint') of the year received
  number text not null,
  against_agency_id bigint not null references agencies (id),
  receiving_agency_id bigint not null references agencies (id),
  -- complaint 投诉 | report 举报
  kind text not null check (kind in ('complaint', 'report')),
  complainant_name text not null check (length(complainant_name) between 1 and 200),
  -- a telephone number or an e-mail address
  contact text not null check (length(contact) between 1 and 200),
  text text not null check (length(text) between 1 and 5000),
  received_on date not null,
  -- received_on + the receiving agency's complaint_days working days (stored; recomputed when the
  -- calendar changes); null: the calendar could not count it (a year not loaded)
  due_on date,
  state text not null default 'received' check (state in ('received', 'assigned', 'answered')),
  -- the handler (a name as typed)
  assignee text check (length(assignee) <= 100),
  assigned_on date,
  answered_on date,
  answer text check (length(answer) <= 5000),
  -- substantiated 属实 | partly 部分属实 | unsubstantiated 不属实
  result text check (result in ('substantiated', 'partly', 'unsubstantiated')),
  -- 责任追究: what was done about the people responsible; null: none
  accountability text check (length(accountability) <= 5000),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (receiving_agency_id, number),
  check (against_agency_id <> receiving_agency_id),
  check ((state = 'answered') = (answered_on is not null)),
  check ((answered_on is null) = (result is null)),
  check ((answered_on is null) = (answer is null)),
  check (answered_on is null or answered_on >= received_on),
  check (state = 'received' or assignee is not null or state = 'answered'),
  check (accountability is null or answered_on is not null)
);

create index complaints_receiving on complaints (receiving_agency_id, received_on desc, id desc);
create index complaints_against on complaints (against_agency_id);
create index complaints_open on complaints (receiving_agency_id, due_on) where state <> 'answered';
