-- Issue #17 part 2: 更正 requests (条例第四十一条). A person with evidence that a government information
-- record about themselves is inaccurate asks the agency to correct it; the competent agency, having
-- verified it, corrects it and tells the requester (予以更正); an agency without the function transfers the
-- request to the competent one and tells the requester (转送), or tells the requester where to apply
-- (告知向有权机关提出). Named "amendment" in the code: "correction" already means 补正 (条例第三十条).
--
--   record_amendments                one request: who, which record, what is inaccurate and the correction
--                                    asked, the evidence (text, and optionally a file in uploads, kind
--                                    'amendment_evidence'), received_on, the stored due date, the decision
--                                    with its date, note and the competent agency, the decision notice's 文号
--   agencies.amendment_working_days  the period for a decision, in working days from the day after receipt.
--                                    UNCONFIRMED practice: the 条例 sets no period for 更正; 20 working days
--                                    mirrors 第三十三条 (docs/ARCHITECTURE.md). A setting.
-- Every write is audited. Forward-only.

alter table agencies add column amendment_working_days integer not null default 20 check (amendment_working_days between 1 and 60);

create table record_amendments (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  -- 编号: 更正YYYY-NNNN, the agency's counter (counters, scope 'amendment') of the year received
  number text not null,
  requester_name text not null check (length(requester_name) between 1 and 200),
  requester_contact text not null default '' check (length(requester_contact) <= 200),
  -- resident_id | uscc | other; null: none given
  id_kind text,
  id_number text,
  -- the government information record concerned (which record, where it is kept)
  record text not null check (length(record) between 1 and 2000),
  -- what the record says that is inaccurate
  inaccuracy text not null check (length(inaccuracy) between 1 and 5000),
  -- the correction asked
  requested text not null check (length(requested) between 1 and 5000),
  -- the evidence offered (条例第四十一条: 有证据证明)
  evidence text not null check (length(evidence) between 1 and 5000),
  evidence_upload_id bigint references uploads (id),
  received_on date not null,
  -- received_on + amendment_working_days working days (stored; recomputed when the calendar changes);
  -- null: the calendar could not count it (a year not loaded)
  due_on date,
  state text not null default 'open' check (state in ('open', 'decided')),
  -- amended 予以更正 | transferred 转送有权机关并告知 | redirected 告知向有权机关提出 | rejected 经审核不属实，不予更正
  decision text check (decision in ('amended', 'transferred', 'redirected', 'rejected')),
  decided_on date,
  decision_note text not null default '' check (length(decision_note) <= 5000),
  -- the competent agency (transferred, redirected)
  authority text check (length(authority) <= 200),
  -- the decision notice's 文号 (the agency's document counter)
  notice_number text,
  handler text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (agency_id, number),
  check ((state = 'open') = (decision is null)),
  check ((decision is null) = (decided_on is null)),
  check (decided_on is null or decided_on >= received_on),
  check (decision is null or decision not in ('transferred', 'redirected') or coalesce(authority, '') <> '')
);

create index record_amendments_agency_received on record_amendments (agency_id, received_on desc, id desc);
create index record_amendments_open on record_amendments (agency_id, due_on) where state = 'open';
