-- Issue #10: what a citizen's cookies open is decided by the server, not by the cookie alone.

-- the receipt (receipt code and query password) is shown once: when it was shown; null: not yet
alter table public_access add column receipt_shown_at timestamptz;
-- the status grant's version: a status cookie names the version it was issued under; 结束查询 bumps it,
-- so every status cookie of the application issued before stops opening the result
alter table public_access add column grant_version integer not null default 0;
