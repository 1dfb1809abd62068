-- Issue #9: notices bound to the step of the handling they belong to; corrections of a reply; the
-- agency's remedy bodies and its settings for two readings of the 条例. Forward-only.

-- the step (application_events.seq of the same application) a notice was issued for; null: issued before
-- notices were bound to steps
alter table documents add column event_seq integer;
-- a corrected reply: the 答复告知书 this one replaces (the older one stays, shown as superseded)
alter table documents add column supersedes bigint references documents (id);
-- one notice per step
create unique index documents_application_event on documents (application_id, event_seq) where event_seq is not null;

-- the 复议机关 and the 人民法院 named in the remedy sentence of every reply (editable per reply)
alter table agencies add column reconsideration_body text;
alter table agencies add column court text;
-- DERIVED readings (docs/ARCHITECTURE.md), the careful one by default:
-- an extension is decided and notified within the reply period (条例第三十三条第二款)
alter table agencies add column extension_within_period boolean not null default true;
-- the 收费通知's payment window runs from its receipt as 第三十一条 determines it (not from sending)
alter table agencies add column fee_window_from_receipt boolean not null default true;
