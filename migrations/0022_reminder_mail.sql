-- Issue #13, reminders by e-mail "where configured":
--   agencies.contact_email   the address of the agency's disclosure office (政务公开工作联系邮箱): where an
--                            office's reminder (催报) is also e-mailed when the platform has an SMTP server
--                            (GONGKAI_SMTP_URL). null: none — reminders stay in the platform.
--   oversight_reminders      what became of the e-mail of each reminder: the due date the reminder stated
--                            (第四十九条, as the office's settings gave it then), the address it went to, the
--                            status — 'none' (no SMTP server configured), 'no_address' (the agency had no
--                            contact e-mail), 'pending' (written with the reminder; the e-mail is sent after
--                            that transaction commits, so a 'pending' left behind means the sending was cut
--                            off), 'sent', 'failed' — with the failure in Chinese and the time of the outcome.
--                            Rows from before stay 'none' (there was no e-mail).
-- Every write is audited. Forward-only.

alter table agencies add column contact_email text
  check (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+$' and length(contact_email) <= 254);

alter table oversight_reminders
  add column due_on date,
  add column emailed_to text check (emailed_to ~ '^[^@[:space:]]+@[^@[:space:]]+$' and length(emailed_to) <= 254),
  add column email_status text not null default 'none' check (email_status in ('none', 'no_address', 'pending', 'sent', 'failed')),
  add column email_error text check (length(email_error) <= 500),
  add column emailed_at timestamptz,
  add constraint oversight_reminders_email_to check ((email_status in ('pending', 'sent', 'failed')) = (emailed_to is not null)),
  add constraint oversight_reminders_email_error check ((email_status = 'failed') = (email_error is not null));
