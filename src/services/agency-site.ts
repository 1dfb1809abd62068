// The site's identity and the disclosure office's contact line (migration 0023): what every Chinese
// government site carries in its header and footer — 主办单位, 联系方式, ICP备案号, 公安机关备案号, 网站标识码,
// the emblem — and what every notice prints as its contact line (the 政府信息公开工作机构, its address,
// post code and telephone). One row per agency; an unset field is null and is simply not shown.

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { fileKindOf } from '../domain/uploads/file-kind.ts';
import { findAgency, invalid } from './agencies.ts';
import type { AgencyView } from './agencies.ts';
import { record } from './audit.ts';
import { bumpColumns, touchColumn } from './column-version.ts';


export interface SiteProfile {
  /** 主办单位: set, or the agency's name */
  sponsor: string;
  sponsorSet: boolean;
  officeName: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  hours: string | null;
  icp: string | null;
  policeRecord: string | null;
  siteCode: string | null;
  /** the emblem's digest (its address and ETag), null: none */
  emblem: string | null;
}

import { MAX_EMBLEM_BYTES, SITE_FIELD_LABELS, SITE_TEXT_FIELDS } from './agency-site-fields.ts';
import type { SiteTextField } from './agency-site-fields.ts';

export { MAX_EMBLEM_BYTES, SITE_FIELD_LABELS, SITE_TEXT_FIELDS } from './agency-site-fields.ts';
export type { SiteTextField } from './agency-site-fields.ts';

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);
const text = (label: string, min: number, max: number, example: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}最长${max}个字`)
    .refine((v) => v === '' || v.length >= min, `${label}至少${min}个字，例如“${example}”`)
    .refine(noControl, `${label}不能含换行或控制字符`);

/** Each field: '' clears it. */
const siteInput = z.object({
  sponsor: text('主办单位', 2, 100, '示范市人民政府办公室').optional(),
  officeName: text('政府信息公开工作机构', 2, 100, '示范市人民政府办公室').optional(),
  address: text('办公地址', 2, 200, '示范市人民路1号').optional(),
  postcode: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[0-9]{6}$/.test(v), '邮政编码应为6位数字，例如 755000')
    .optional(),
  phone: text('联系电话', 3, 60, '0955-7012345').refine((v) => v === '' || /^[0-9()（）+\-－—、，, 转]+$/.test(v), '联系电话只能由数字、区号连字符、括号和“转”组成，例如 0955-7012345').optional(),
  fax: text('传真', 3, 60, '0955-7012346').refine((v) => v === '' || /^[0-9()（）+\-－—、，, ]+$/.test(v), '传真只能由数字、区号连字符和括号组成，例如 0955-7012346').optional(),
  hours: text('办公时间', 2, 200, '工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）').optional(),
  icp: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\p{Script=Han}ICP备\d{6,12}号(-\d{1,3})?$/u.test(v), 'ICP备案号的格式如“宁ICP备05000612号-1”：省份简称、ICP备、数字和号（网站的编号可有可无）')
    .optional(),
  policeRecord: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\p{Script=Han}公网安备 ?\d{14}号$/u.test(v), '公安机关备案号的格式如“宁公网安备64050202000123号”：省份简称、公网安备、14位数字和号')
    .optional(),
  siteCode: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[A-Za-z0-9]{10}$/.test(v), '网站标识码应为10位字母和数字，例如 6405000001（见全国政府网站信息报送系统）')
    .optional(),
});

export type SiteInput = z.input<typeof siteInput>;

type SiteRow = Omit<DB['agencySites'], 'emblem'> & { emblem?: unknown };

/** The columns a profile is made of. */
type ProfileRow = Pick<SiteRow, 'sponsor' | 'officeName' | 'address' | 'postcode' | 'phone' | 'fax' | 'hours' | 'icp' | 'policeRecord' | 'siteCode' | 'emblemSha256'>;

/** The profile of a row (undefined: an agency that has set nothing). */
export function siteProfileOfRow(agencyName: string, row: ProfileRow | undefined): SiteProfile {
  return {
    sponsor: row?.sponsor ?? agencyName,
    sponsorSet: (row?.sponsor ?? null) !== null,
    officeName: row?.officeName ?? null,
    address: row?.address ?? null,
    postcode: row?.postcode ?? null,
    phone: row?.phone ?? null,
    fax: row?.fax ?? null,
    hours: row?.hours ?? null,
    icp: row?.icp ?? null,
    policeRecord: row?.policeRecord ?? null,
    siteCode: row?.siteCode ?? null,
    emblem: row?.emblemSha256 ?? null,
  };
}

const PROFILE_COLUMNS = ['sponsor', 'officeName', 'address', 'postcode', 'phone', 'fax', 'hours', 'icp', 'policeRecord', 'siteCode', 'emblemType', 'emblemSha256', 'updatedAt', 'updatedBy', 'agencyId'] as const;

/** The agency's site profile (every field unset where it has none). */
export async function siteProfile(db: Kysely<DB>, agency: { id: number; name: string }): Promise<SiteProfile> {
  const row = await db.selectFrom('agencySites').select(PROFILE_COLUMNS).where('agencyId', '=', agency.id).executeTakeFirst();
  return siteProfileOfRow(agency.name, row);
}

/** An agency and its site profile by code, in one statement (what every public page needs: web/pages/public-agency.ts); null when there is none. */
export async function findAgencyWithSite(db: Kysely<DB>, code: string): Promise<(AgencyView & { site: SiteProfile }) | null> {
  const row = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parentId')
    .leftJoin('agencySites as s', 's.agencyId', 'a.id')
    .select(['a.id', 'a.code', 'a.name', 'a.level', 'p.code as parentCode', 's.agencyId as siteOf'])
    .select(['s.sponsor', 's.officeName', 's.address', 's.postcode', 's.phone', 's.fax', 's.hours', 's.icp', 's.policeRecord', 's.siteCode', 's.emblemSha256'])
    .where('a.code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const { id, name, level, parentCode, siteOf, ...site } = row;
  const agency: AgencyView = { id, code: row.code, name, level: level as AgencyLevel, parentCode: parentCode ?? null };
  return { ...agency, site: siteProfileOfRow(name, siteOf === null ? undefined : (site as ProfileRow)) };
}

/** The profile by agency code (for the settings page and the CLI). */
export async function siteProfileOf(db: Kysely<DB>, code: string): Promise<DomainResult<SiteProfile>> {
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  return { ok: true, value: await siteProfile(db, found.value) };
}

/** The contact line of a notice: 联系机构、地址、邮编、电话 as the profile has them; null when none is set. */
export function contactLine(profile: SiteProfile): string | null {
  const parts = [
    profile.officeName ? `联系机构：${profile.officeName}` : null,
    profile.address ? `地址：${profile.address}${profile.postcode ? `（邮政编码：${profile.postcode}）` : ''}` : profile.postcode ? `邮政编码：${profile.postcode}` : null,
    profile.phone ? `联系电话：${profile.phone}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('；') : null;
}

function emptyRow(agencyId: number, at: string, by: number | null) {
  return { agencyId, sponsor: null, officeName: null, address: null, postcode: null, phone: null, fax: null, hours: null, icp: null, policeRecord: null, siteCode: null, emblem: null, emblemType: null, emblemSha256: null, updatedAt: at, updatedBy: by };
}

/** Sets the given fields ('' clears one); one transaction with its audit entry; the column shows it at once. */
export async function updateSite(db: Kysely<DB>, code: string, input: SiteInput, actor: { userId: number | null; ip?: string | null }, now: string): Promise<DomainResult<SiteProfile>> {
  const parsed = siteInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalid(parsed.error) };
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const agency = found.value;
  const changes: Partial<Record<SiteTextField, string | null>> = {};
  for (const field of SITE_TEXT_FIELDS) {
    const v = parsed.data[field];
    if (v !== undefined) changes[field] = v === '' ? null : v;
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('agencySites')
      .values({ ...emptyRow(agency.id, now, actor.userId), ...changes })
      .onConflict((oc) => oc.column('agencyId').doUpdateSet({ ...changes, updatedAt: now, updatedBy: actor.userId }))
      .execute();
    await record(trx, { userId: actor.userId, agencyId: agency.id, action: 'site.update', target: `agency:${agency.code}`, detail: { fields: Object.keys(changes) }, ip: actor.ip ?? null, at: now });
    await bumpColumns(trx, [agency.code]);
  });
  touchColumn(agency.code);
  return { ok: true, value: await siteProfile(db, agency) };
}

/** Sets the emblem (PNG or JPEG, at most MAX_EMBLEM_BYTES) or, with null, removes it. */
export async function setEmblem(db: Kysely<DB>, code: string, bytes: Uint8Array | null, actor: { userId: number | null; ip?: string | null }, now: string): Promise<DomainResult<SiteProfile>> {
  const found = await findAgency(db, code);
  if (!found.ok) return found;
  const agency = found.value;
  let emblem: { emblem: Uint8Array; emblemType: string; emblemSha256: string } | { emblem: null; emblemType: null; emblemSha256: null } = { emblem: null, emblemType: null, emblemSha256: null };
  if (bytes !== null) {
    if (bytes.byteLength === 0) return { ok: false, error: { code: 'INVALID_INPUT', message: '请选择标识图片文件（PNG 或 JPG 格式）', field: 'emblem' } };
    if (bytes.byteLength > MAX_EMBLEM_BYTES) return { ok: false, error: { code: 'INVALID_INPUT', message: `标识图片最大${MAX_EMBLEM_BYTES / 1024} KB，请缩小后再上传（页头显示约64像素高，200像素见方的图片即可）`, field: 'emblem' } };
    const kind = fileKindOf(bytes);
    if (kind !== 'png' && kind !== 'jpeg') return { ok: false, error: { code: 'INVALID_INPUT', message: '标识图片应为 PNG 或 JPG 格式（不接受 SVG、GIF 等其他格式）', field: 'emblem' } };
    emblem = { emblem: bytes, emblemType: kind === 'png' ? 'image/png' : 'image/jpeg', emblemSha256: createHash('sha256').update(bytes).digest('hex') };
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('agencySites')
      .values({ ...emptyRow(agency.id, now, actor.userId), ...emblem })
      .onConflict((oc) => oc.column('agencyId').doUpdateSet({ ...emblem, updatedAt: now, updatedBy: actor.userId }))
      .execute();
    await record(trx, { userId: actor.userId, agencyId: agency.id, action: bytes === null ? 'site.emblem.remove' : 'site.emblem.set', target: `agency:${agency.code}`, detail: bytes === null ? {} : { bytes: bytes.byteLength, sha256: emblem.emblemSha256 }, ip: actor.ip ?? null, at: now });
    await bumpColumns(trx, [agency.code]);
  });
  touchColumn(agency.code);
  return { ok: true, value: await siteProfile(db, agency) };
}

/** The emblem's bytes and type, or null. */
export async function emblemOf(db: Kysely<DB>, agencyId: number): Promise<{ bytes: Uint8Array; type: string; sha256: string } | null> {
  const row = await db.selectFrom('agencySites').select(['emblem', 'emblemType', 'emblemSha256']).where('agencyId', '=', agencyId).executeTakeFirst();
  if (!row?.emblem || !row.emblemType || !row.emblemSha256) return null;
  return { bytes: row.emblem, type: row.emblemType, sha256: row.emblemSha256 };
}
