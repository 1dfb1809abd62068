-- Issue #14, the site's identity (what every Chinese government site carries in its header and footer)
-- and the disclosure office's contact line (printed on every notice):
--   agency_sites   one row per agency that has set any of it (no row: every field unset):
--     sponsor        主办单位 (null: the agency's own name)
--     office_name    the 政府信息公开工作机构 (e.g. 办公室), named in the notices' contact line
--     address, postcode, phone, fax, hours   办公地址、邮政编码、联系电话、传真、办公时间
--     icp            ICP备案号 (e.g. 宁ICP备05000612号-1), linked to beian.miit.gov.cn
--     police_record  公安机关备案号 (e.g. 宁公网安备64050202000123号), linked to beian.mps.gov.cn
--     site_code      网站标识码 (10 letters and digits, 政府网站标识码)
--     emblem         the emblem in the header (PNG or JPEG, at most 200 KB), its type and digest
-- Every write is audited. Forward-only.

create table agency_sites (
  agency_id integer primary key references agencies (id) on delete cascade,
  sponsor text check (length(sponsor) between 2 and 100),
  office_name text check (length(office_name) between 2 and 100),
  address text check (length(address) between 2 and 200),
  postcode text check (postcode ~ '^[0-9]{6}$'),
  phone text check (length(phone) between 3 and 60),
  fax text check (length(fax) between 3 and 60),
  hours text check (length(hours) between 2 and 200),
  icp text check (length(icp) between 6 and 40),
  police_record text check (length(police_record) between 6 and 40),
  site_code text check (site_code ~ '^[A-Za-z0-9]{10}$'),
  emblem bytea check (octet_length(emblem) <= 204800),
  emblem_type text check (emblem_type in ('image/png', 'image/jpeg')),
  emblem_sha256 text check (emblem_sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz not null,
  updated_by integer references users (id) on delete set null,
  constraint agency_sites_emblem check ((emblem is null) = (emblem_type is null) and (emblem is null) = (emblem_sha256 is null))
);
