// First start: while there is no user, the platform asks for the first agency and its administrator
// (the browser at /setup, or `gongkai setup`). Also the platform settings the web layer reads (the
// CSRF secret, whether to trust a reverse proxy's X-Forwarded-For).

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { AgencyLevel, DomainResult } from '../domain/applications/types.ts';
import { prepareUser } from './accounts.ts';
import type { UserView } from './accounts.ts';
import { agencyCodeSchema, agencyNameSchema, defaultDocumentPrefix, documentPrefixSchema, invalid } from './agencies.ts';
import type { AgencyView } from './agencies.ts';
import { record } from './audit.ts';

/** Agencies created before the first user (from the command line), for the first-start form. */
export async function agenciesBeforeSetup(db: Kysely<DB>): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('agencies').select(['code', 'name']).orderBy('code').limit(50).execute();
}

/** True while the platform has no user at all. */
export async function needsSetup(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

const LEVELS = Object.keys(AGENCY_LEVEL_LABELS) as [AgencyLevel, ...AgencyLevel[]];
const LEVEL_BY_LABEL = new Map<string, AgencyLevel>(Object.entries(AGENCY_LEVEL_LABELS).map(([k, v]) => [v, k as AgencyLevel]));

// the rules of agencies.ts createAgency (which opens its own transaction, so it cannot be called here)
const agencyInput = z.object({
  code: agencyCodeSchema,
  name: agencyNameSchema,
  level: z.preprocess(
    (v) => (typeof v === 'string' ? (LEVEL_BY_LABEL.get(v.trim()) ?? v.trim()) : v),
    z.enum(LEVELS, { message: `级别应为${Object.values(AGENCY_LEVEL_LABELS).join('、')}之一` }),
  ),
});

export interface SetupInput {
  /** documentPrefix: the 机关代字 confirmed by the clerk (absent: the one suggested from the name) */
  agency: { code: string; name: string; level: string; documentPrefix?: string };
  admin: { username: string; displayName: string; password: string };
}

const setupDone = () => ({ code: 'SETUP_DONE', message: '平台已完成初始设置，不能再次设置。请用已有的管理员账号登录。', field: 'setup' });

/**
 * In one transaction: the first agency, its administrator (a platform administrator) and the admin
 * membership. An agency of that code created earlier (by `gongkai agency create`) is used as it is.
 * Refused (SETUP_DONE) once any user exists; a failure leaves nothing behind.
 */
export async function setupPlatform(
  db: Kysely<DB>,
  input: SetupInput,
  now: string,
  ip: string | null = null,
): Promise<DomainResult<{ agency: AgencyView; user: UserView }>> {
  const agency = agencyInput.safeParse(input.agency);
  if (!agency.success) {
    const e = invalid(agency.error);
    return { ok: false, error: { ...e, field: `agency.${e.field}` } };
  }
  const user = await prepareUser({ ...input.admin, platformAdmin: true });
  if (!user.ok) return { ok: false, error: { ...user.error, field: `admin.${user.error.field ?? ''}` } };
  const { code, name, level } = agency.data;
  const prefix = documentPrefixSchema.safeParse(input.agency.documentPrefix ?? defaultDocumentPrefix(name));
  if (!prefix.success) return { ok: false, error: { ...invalid(prefix.error), field: 'agency.documentPrefix' } };
  return db.transaction().execute(async (trx) => {
    // two first starts at once: the second waits here, then finds the first one's user
    await sql`lock table users in exclusive mode`.execute(trx);
    if (!(await needsSetup(trx))) return { ok: false, error: setupDone() };
    // an installation used from the command line before (agencies, no users): its agency is adopted as it is
    const existing = await trx
      .selectFrom('agencies as a')
      .leftJoin('agencies as p', 'p.id', 'a.parentId')
      .select(['a.id', 'a.code', 'a.name', 'a.level', 'p.code as parentCode'])
      .where('a.code', '=', code)
      .executeTakeFirst();
    const a = existing
      ? { id: existing.id, code: existing.code, name: existing.name, level: existing.level as AgencyLevel, parentCode: existing.parentCode ?? null }
      : {
          ...(await trx.insertInto('agencies').values({ code, name, level, parentId: null, createdAt: now, documentPrefix: prefix.data }).returning('id').executeTakeFirstOrThrow()),
          code,
          name,
          level,
          parentCode: null,
        };
    const u = await trx.insertInto('users').values({ ...user.value, createdAt: now }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('memberships').values({ userId: u.id, agencyId: a.id, role: 'admin' }).execute();
    await record(trx, { userId: u.id, agencyId: a.id, action: 'setup', target: `agency:${code}`, detail: { admin: user.value.username, adopted: existing !== undefined }, ip, at: now });
    await record(trx, { userId: u.id, agencyId: a.id, action: 'user.create', target: `user:${user.value.username}`, detail: { userId: u.id, platformAdmin: true, role: 'admin' }, ip, at: now });
    return {
      ok: true,
      value: {
        agency: a,
        user: { id: u.id, username: user.value.username, displayName: user.value.displayName, platformAdmin: true },
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Settings (jsonb objects under a key)

const CSRF_SECRET = 'csrf_secret';

/** Settings that are secrets: never written to an archive (services/archive), made anew on import. */
export const SECRET_SETTINGS: readonly string[] = [CSRF_SECRET];

/** A new platform secret: every cookie signed or sealed with the old one (CSRF, receipt, status grant) is void. */
export async function renewCsrfSecret(db: Kysely<DB>): Promise<void> {
  const value = JSON.stringify({ secret: randomBytes(32).toString('hex') });
  await db
    .insertInto('settings')
    .values({ key: CSRF_SECRET, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The secret that signs anonymous visitors' CSRF cookies: created on first use, then kept. */
export async function csrfSecret(db: Kysely<DB>): Promise<string> {
  const read = async () => {
    const row = await db.selectFrom('settings').select('value').where('key', '=', CSRF_SECRET).executeTakeFirst();
    const secret = row?.value['secret'];
    return typeof secret === 'string' && secret.length >= 32 ? secret : null;
  };
  const existing = await read();
  if (existing) return existing;
  await db
    .insertInto('settings')
    .values({ key: CSRF_SECRET, value: JSON.stringify({ secret: randomBytes(32).toString('hex') }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const created = await read();
  if (!created) throw new Error('settings.csrf_secret is not a valid secret');
  return created;
}
