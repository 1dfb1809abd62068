-- The web platform: accounts, roles per agency, sessions, API tokens, the audit log, online
-- applications' receipt codes, uploaded identity proofs, the column's editable pages, published
-- annual reports, and platform settings. Forward-only.

create table users (
  id bigserial primary key,
  -- login name: letters, digits, '.', '_', '-'
  username text not null unique,
  display_name text not null,
  -- argon2id
  password_hash text not null,
  platform_admin boolean not null default false,
  disabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null
);

-- Roles per agency: admin 管理员 | handler 经办人 | section_head 科室负责人 | leader 分管领导 | supervisor 监督 (read-only)
create table memberships (
  user_id bigint not null references users (id),
  agency_id bigint not null references agencies (id),
  role text not null,
  primary key (user_id, agency_id, role)
);

create table sessions (
  -- sha256 of the cookie's random value (the value itself is never stored)
  id text primary key,
  user_id bigint not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);

create index sessions_user on sessions (user_id);

create table api_tokens (
  id bigserial primary key,
  user_id bigint not null references users (id),
  name text not null,
  -- sha256 of the token
  token_hash text not null unique,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked boolean not null default false
);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  user_id bigint references users (id),
  agency_id bigint references agencies (id),
  -- e.g. login, login_failed, application.reply, user.create
  action text not null,
  target text,
  detail jsonb not null default '{}',
  ip text
);

create index audit_log_agency on audit_log (agency_id, at);

-- An online application's receipt code (回执码) and query password (hashed): the citizen's key to its status page.
create table public_access (
  application_id bigint primary key references applications (id),
  receipt_code text not null unique,
  password_hash text not null,
  created_at timestamptz not null
);

create table uploads (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  application_id bigint references applications (id),
  -- identity_proof
  kind text not null,
  -- checked against the file's own bytes: image/jpeg | image/png | application/pdf
  media_type text not null,
  file_name text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null
);

create index uploads_application on uploads (application_id);

-- The column's editable pages: guide (政府信息公开指南, 条例第十二条) and rules (政府信息公开制度).
create table agency_pages (
  agency_id bigint not null references agencies (id),
  page text not null,
  body text not null,
  updated_at timestamptz not null,
  updated_by bigint references users (id),
  primary key (agency_id, page)
);

-- Annual reports published in the column (interchange JSON; HTML, DOCX and XLSX are rendered from it).
create table published_reports (
  id bigserial primary key,
  agency_id bigint not null references agencies (id),
  year integer not null,
  report jsonb not null,
  published_at timestamptz not null,
  published_by bigint references users (id),
  unique (agency_id, year)
);

create table settings (
  key text primary key,
  value jsonb not null
);
