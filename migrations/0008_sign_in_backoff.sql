-- Issue #10: sign-in throttling that cannot be turned against the user. No hard lock any more:
-- users.failed_logins counts wrong passwords from addresses the account never signed in from, within a
-- window of 24 hours that began at failures_since; users.locked_until is the end of the back-off, which
-- holds back only such unknown addresses. An address the account signed in from is remembered
-- (known_addresses, the most recent few per user) and always gets through with the right password.

alter table users add column failures_since timestamptz;

create table known_addresses (
  user_id bigint not null references users (id) on delete cascade,
  address text not null,
  last_seen_at timestamptz not null,
  primary key (user_id, address)
);

-- whether to believe X-Forwarded-For is the server's configuration now (GONGKAI_TRUST_PROXY), not a setting
delete from settings where key = 'trust_proxy';
