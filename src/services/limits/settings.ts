// The public limits as the platform administrator sets them (平台管理 → 访问限制), in the settings table:
//
//   rate_limits         how many online applications per address and per applicant (证件号码), status
//                       queries and online 补正/撤回 per address, each within a window of minutes
//   trusted_addresses   addresses and networks (CIDR) exempt from the per-address limits: a 政务服务大厅
//                       whose citizens all reach the platform through one NAT address. The per-applicant
//                       limit still holds for them, and sign-in limits are never relaxed.
//
// A separate setting from GONGKAI_TRUST_PROXY (which proxies' X-Forwarded-For to believe): that one
// stays in the server's environment, never on a page (plan-notes item 9). Each save is one transaction
// with its audit entry; a refusal (zod, in Chinese) writes nothing. Read on every limited request (one
// query), so a change holds at once in every process.

import { BlockList, isIP } from 'node:net';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { record } from '../audit.ts';
import type { Rule } from './limiter.ts';

export const RATE_LIMITS_KEY = 'rate_limits';
export const TRUSTED_ADDRESSES_KEY = 'trusted_addresses';

/** The limits the administrator sets, by name. */
export const LIMIT_NAMES = ['applyPerAddress', 'applyPerApplicant', 'statusPerAddress', 'statusActionPerAddress'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** A limit as set: at most `count` within `minutes`. */
export interface LimitSetting {
  count: number;
  minutes: number;
}

export type RateLimits = Record<LimitName, LimitSetting>;

/** What each limit is, in Chinese (the page's labels and the audit log). */
export const LIMIT_LABELS: Readonly<Record<LimitName, string>> = {
  applyPerAddress: '同一网络地址提交在线申请',
  applyPerApplicant: '同一申请人（证件号码）提交在线申请',
  statusPerAddress: '同一网络地址查询办理进度',
  statusActionPerAddress: '同一网络地址在线补正或撤回',
};

/** Before any setting: today's limits per address (issue #10), and a limit per applicant as generous as the one per address. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  applyPerAddress: { count: 10, minutes: 60 },
  applyPerApplicant: { count: 10, minutes: 60 },
  statusPerAddress: { count: 10, minutes: 15 },
  statusActionPerAddress: { count: 10, minutes: 15 },
};

/** The bounds of a limit: 1–100,000 times within 1 minute to 7 days. */
export const LIMIT_BOUNDS = { count: { min: 1, max: 100_000 }, minutes: { min: 1, max: 7 * 24 * 60 } } as const;

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label}应为整数` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`);

const limitSchema = (name: LimitName) =>
  z.object({
    count: whole(`“${LIMIT_LABELS[name]}”的次数`, LIMIT_BOUNDS.count.min, LIMIT_BOUNDS.count.max),
    minutes: whole(`“${LIMIT_LABELS[name]}”的时间（分钟）`, LIMIT_BOUNDS.minutes.min, LIMIT_BOUNDS.minutes.max),
  });

export const rateLimitsSchema = z.object(Object.fromEntries(LIMIT_NAMES.map((n) => [n, limitSchema(n)])) as Record<LimitName, ReturnType<typeof limitSchema>>);

/** The rule a limiter applies. */
export const ruleOf = (s: LimitSetting): Rule => ({ limit: s.count, windowMs: s.minutes * 60_000 });

/** How many entries the trusted list takes. */
export const MAX_TRUSTED = 100;

/** The widest network the list takes (a shorter prefix would exempt a large part of the internet: no hall is that big). */
export const WIDEST_PREFIX = { 4: 8, 6: 16 } as const;

/** One address or network, as written: '10.1.2.3', '2001:db8::1', '10.1.0.0/16'; null when it is not one. */
export function parseAddressOrNetwork(text: string): string | null {
  const entry = text.trim();
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return null;
  if (prefix === undefined) return address;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 6 ? 128 : 32)) return null;
  return `${address}/${Number(prefix)}`;
}

/** The trusted list from the form: one entry a line (or separated by commas, spaces, 、 or ；), every bad one named. */
export function parseTrustedList(text: string): { ok: true; value: string[] } | { ok: false; message: string } {
  const entries = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = entries.filter((e) => parseAddressOrNetwork(e) === null);
  if (bad.length > 0)
    return { ok: false, message: `以下不是有效的地址或网段：${bad.slice(0, 5).join('、')}${bad.length > 5 ? ` 等${bad.length}项` : ''}。请写成 IPv4 或 IPv6 地址（如 203.0.113.10），或网段（如 203.0.113.0/28），每行一个。` };
  const unique = [...new Set(entries.map((e) => parseAddressOrNetwork(e) as string))];
  const wide = unique.filter((e) => {
    const [address = '', prefix] = e.split('/');
    return prefix !== undefined && Number(prefix) < WIDEST_PREFIX[isIP(address) === 6 ? 6 : 4];
  });
  if (wide.length > 0)
    return { ok: false, message: `网段过大：${wide.join('、')}。这会使大量访问者不受地址限制；IPv4 网段至少写到 /${WIDEST_PREFIX[4]}，IPv6 至少 /${WIDEST_PREFIX[6]}，通常只需列出服务场所的出口地址。` };
  if (unique.length > MAX_TRUSTED) return { ok: false, message: `最多填写${MAX_TRUSTED}项，现有${unique.length}项。请合并为网段后重新提交。` };
  return { ok: true, value: unique };
}

/** Whether `address` (the client's, web/client-address.ts) is in the list. */
export function isTrusted(address: string, trusted: readonly string[]): boolean {
  if (trusted.length === 0) return false;
  const plain = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  const family = isIP(plain);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of trusted) {
    const [a = '', prefix] = entry.split('/');
    const type = isIP(a) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(a, type);
    else list.addSubnet(a, Number(prefix), type);
  }
  return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

export interface PublicLimits {
  limits: RateLimits;
  trusted: string[];
}

/** The limits and the trusted list as set (defaults for what was never set or no longer reads). */
export async function publicLimits(db: Kysely<DB>): Promise<PublicLimits> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [RATE_LIMITS_KEY, TRUSTED_ADDRESSES_KEY]).execute();
  const stored = rows.find((r) => r.key === RATE_LIMITS_KEY)?.value ?? {};
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const name of LIMIT_NAMES) {
    const one = limitSchema(name).safeParse(stored[name]);
    if (one.success) limits[name] = one.data;
  }
  const list = rows.find((r) => r.key === TRUSTED_ADDRESSES_KEY)?.value['addresses'];
  const trusted = Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string' && parseAddressOrNetwork(e) === e) : [];
  return { limits, trusted };
}

export interface LimitsActor {
  userId: number;
  ip: string | null;
  now: string;
}

type Refusal = { ok: false; error: { code: 'INVALID_INPUT'; message: string; field: string } };

/** Saves the limits (every field as the form sends it: text); refused with the first problem, in Chinese, naming the field (`<name>.count`). */
export async function saveRateLimits(db: Kysely<DB>, input: Record<string, unknown>, actor: LimitsActor): Promise<DomainResult<RateLimits> | Refusal> {
  const parsed = rateLimitsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'INVALID_INPUT', message: issue?.message ?? '限制次数有误', field: (issue?.path ?? []).join('.') } };
  }
  const limits = parsed.data as RateLimits;
  await db.transaction().execute(async (trx) => {
    const before = (await publicLimits(trx)).limits;
    await trx
      .insertInto('settings')
      .values({ key: RATE_LIMITS_KEY, value: JSON.stringify(limits) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(limits) }))
      .execute();
    const changed = LIMIT_NAMES.filter((n) => before[n].count !== limits[n].count || before[n].minutes !== limits[n].minutes);
    await record(trx, {
      userId: actor.userId,
      agencyId: null,
      action: 'limits.update',
      target: 'settings:rate_limits',
      detail: { changed: changed.map((n) => ({ limit: n, label: LIMIT_LABELS[n], from: before[n], to: limits[n] })) },
      ip: actor.ip,
      at: actor.now,
    });
  });
  return { ok: true, value: limits };
}

/** Saves the trusted list as typed (parseTrustedList); an empty text empties it. */
export async function saveTrustedAddresses(db: Kysely<DB>, text: string, actor: LimitsActor): Promise<DomainResult<string[]> | Refusal> {
  const parsed = parseTrustedList(text);
  if (!parsed.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: parsed.message, field: 'trusted' } };
  const value = JSON.stringify({ addresses: parsed.value });
  await db.transaction().execute(async (trx) => {
    const before = (await publicLimits(trx)).trusted;
    await trx
      .insertInto('settings')
      .values({ key: TRUSTED_ADDRESSES_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: null,
      action: 'limits.trusted',
      target: 'settings:trusted_addresses',
      detail: { added: parsed.value.filter((a) => !before.includes(a)), removed: before.filter((a) => !parsed.value.includes(a)), count: parsed.value.length },
      ip: actor.ip,
      at: actor.now,
    });
  });
  return { ok: true, value: parsed.value };
}
