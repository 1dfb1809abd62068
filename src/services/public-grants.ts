// What lets a citizen back in to an online application: its receipt code (回执码) and query password
// (查询密码) — made on submission, checked in the same work whether the code exists or not.
//
// The password is the platform's, never the citizen's choice: 10 characters of 31 (≈ 49.5 bits), so a
// keyed HMAC-SHA256 protects it as an argon2 hash would — a stolen database or backup holds no key
// (query-key.ts), and without the key a stored value says nothing. Kept as `hmac-sha256:v1:<key id>:<mac>`,
// the MAC over the receipt code and the password (a value copied to another application opens nothing).
// Values of before (argon2id, `$argon2id$…`) still open, and are replaced by the HMAC on their first
// successful check. Passwords that people choose stay with argon2 (accounts/passwords.ts).

import { randomInt, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainResult } from '../domain/applications/types.ts';
import { record } from './audit.ts';
import { archivedRefusal } from './case-readonly.ts';
import type { QueryKey } from './query-key.ts';

// ---------------------------------------------------------------------------------------------
// Receipt codes and query passwords

/** No 0/O, 1/I/L: read aloud or copied by hand without doubt. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_CODE_LENGTH = 12;
export const PASSWORD_LENGTH = 10;

function randomText(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET.charAt(randomInt(ALPHABET.length));
  return s;
}

/** ABCD-EFGH-JKMN: the code as printed on the receipt. */
export function formatReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What a citizen types back: any case, full-width, spaces and hyphens allowed. */
export function normaliseReceiptCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s\-_—–]/g, '');
}

export function normalisePassword(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/\s/g, '');
}

/** The stored form's prefix (its version: v1 is HMAC-SHA256 over `receipt code NUL password`). */
const HMAC_V1 = 'hmac-sha256:v1:';
const MAC_HEX = 64;

const macOf = (key: QueryKey, receiptCode: string, password: string): Buffer => key.mac(`${receiptCode}\u0000${password}`);

/** The stored form of a query password of the application with this receipt code. */
export function protectPassword(key: QueryKey, receiptCode: string, password: string): string {
  return `${HMAC_V1}${key.id}:${macOf(key, receiptCode, normalisePassword(password)).toString('hex')}`;
}

/** Stored values of no application: what an unknown code is checked against (the same work, never a match). */
const NO_MAC = Buffer.alloc(MAC_HEX / 2);

export interface PasswordCheck {
  matches: boolean;
  /** an argon2id value that matched: its replacement, to store in place of it (only if still the same) */
  upgrade?: string;
}

/**
 * Whether the typed password opens the stored value of the application with this receipt code. An unknown
 * code (`stored` undefined) takes the same path as a known one — one HMAC and one constant-time
 * comparison — and never opens. A value made under another key (a restore without the key file) never
 * opens either: the office resets the password (重置查询密码). A value of before (argon2id) costs its argon2
 * check until replaced, so such a code answers more slowly than an unknown one: what it tells is that a
 * code of ≈ 59 bits exists, which nobody finds by guessing.
 */
export async function checkQueryPassword(key: QueryKey, stored: string | undefined, receiptCode: string, password: string): Promise<PasswordCheck> {
  const typed = normalisePassword(password);
  if (stored !== undefined && stored.startsWith('$argon2')) {
    let matches = false;
    try {
      matches = await verify(stored, typed === '' ? ' ' : typed);
    } catch {
      matches = false; // a malformed hash never opens anything
    }
    return matches ? { matches, upgrade: protectPassword(key, receiptCode, typed) } : { matches };
  }
  const [keyId, hex] = stored?.startsWith(HMAC_V1) ? stored.slice(HMAC_V1.length).split(':') : [];
  const expected = hex !== undefined && /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : NO_MAC;
  const same = timingSafeEqual(macOf(key, receiptCode, typed), expected);
  return { matches: same && stored !== undefined && expected !== NO_MAC && keyId === key.id };
}

/**
 * The key id of the newest grant when it is not this key's (null when it is, or there is none, or it is
 * argon2id): said at start, since it means the key was not carried with a restore, or the processes on one
 * database do not share one key — and the query passwords made under the other key open nothing here.
 */
export async function otherQueryKey(db: Kysely<DB>, key: QueryKey): Promise<string | null> {
  const newest = await db.selectFrom('publicAccess').select('passwordHash').orderBy('applicationId', 'desc').limit(1).executeTakeFirst();
  if (!newest?.passwordHash.startsWith(HMAC_V1)) return null;
  const id = newest.passwordHash.slice(HMAC_V1.length).split(':')[0] ?? '';
  return id === key.id ? null : id;
}

/** A new query password (to show once). */
export function newQueryPassword(): string {
  return randomText(PASSWORD_LENGTH);
}

/** A new receipt code. */
export function newReceiptCode(): string {
  return randomText(RECEIPT_CODE_LENGTH);
}

// ---------------------------------------------------------------------------------------------
// What the citizen's cookies open, decided here (the cookie alone never suffices)

/** An application of the agency (the grants of another agency's application are never touched). */
const ofAgency = (trx: Kysely<DB>, agencyId: number) => trx.selectFrom('applications').select('id').where('agencyId', '=', agencyId);

/**
 * The receipt (code and password) is shown once: true the first time it is claimed, false after — a
 * replayed receipt cookie shows nothing.
 */
export async function claimReceipt(db: Kysely<DB>, agencyId: number, applicationId: number, now: string): Promise<boolean> {
  const claimed = await db
    .updateTable('publicAccess')
    .set({ receiptShownAt: now })
    .where('applicationId', '=', applicationId)
    .where('applicationId', 'in', ofAgency(db, agencyId))
    .where('receiptShownAt', 'is', null)
    .returning('applicationId')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Whether a status grant of this version is still the application's (not revoked by 结束查询). */
export async function grantIsCurrent(db: Kysely<DB>, agencyId: number, applicationId: number, version: number): Promise<boolean> {
  const row = await db
    .selectFrom('publicAccess')
    .select('applicationId')
    .where('applicationId', '=', applicationId)
    .where('applicationId', 'in', ofAgency(db, agencyId))
    .where('grantVersion', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

/** 结束查询: every status grant of the application issued so far stops opening it (a new query opens it again). */
export async function revokeStatusGrant(db: Kysely<DB>, agencyId: number, applicationId: number, version: number): Promise<void> {
  await db
    .updateTable('publicAccess')
    .set((eb) => ({ grantVersion: eb('grantVersion', '+', 1) }))
    .where('applicationId', '=', applicationId)
    .where('applicationId', 'in', ofAgency(db, agencyId))
    .where('grantVersion', '=', version)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// 重置查询密码: the office gives the applicant a new password

export interface QueryPasswordReset {
  applicationId: number;
  number: string;
  /** the receipt code (unchanged) */
  receiptCode: string;
  /** the new password: shown once to the member of staff, never stored as such */
  password: string;
}

/** Who resets, for the audit log. */
export interface ResetActor {
  userId: number;
  ip: string | null;
  via: 'web' | 'api';
  now: string;
}

/**
 * A new query password for an online application of the agency (the applicant lost theirs, or it was made
 * under a key this platform no longer has: a restore without the key file). The old password stops
 * opening it, every status grant issued so far is revoked (as 结束查询 does), and the reset is audited —
 * one transaction. Another agency's application is not found; one without a receipt code is refused.
 */
export async function resetQueryPassword(db: Kysely<DB>, key: QueryKey, agencyId: number, applicationId: number, who: ResetActor): Promise<DomainResult<QueryPasswordReset>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('applications as a')
      .leftJoin('publicAccess as p', 'p.applicationId', 'a.id')
      .select(['a.id', 'a.number', 'a.state', 'p.receiptCode'])
      .where('a.id', '=', applicationId)
      .where('a.agencyId', '=', agencyId)
      .forUpdate('a') // two resets at once: the second waits, and the password shown last is the one kept
      .executeTakeFirst();
    if (!row) return { ok: false, error: { code: 'APPLICATION_NOT_FOUND', message: '没有找到该申请（可能不属于本机关）。' } };
    const archived = archivedRefusal(row);
    if (archived) return { ok: false, error: archived };
    if (row.receiptCode === null) {
      return { ok: false, error: { code: 'NO_QUERY_PASSWORD', message: '该申请不是通过本平台在线提交的，没有回执码和查询密码，无需重置。' } };
    }
    const password = newQueryPassword();
    await trx
      .updateTable('publicAccess')
      .set((eb) => ({ passwordHash: protectPassword(key, row.receiptCode as string, password), grantVersion: eb('grantVersion', '+', 1) }))
      .where('applicationId', '=', row.id)
      .execute();
    await record(trx, { userId: who.userId, agencyId, action: 'query_password.reset', target: `application:${row.id}`, detail: { number: row.number, via: who.via }, ip: who.ip, at: who.now });
    return { ok: true, value: { applicationId: row.id, number: row.number, receiptCode: row.receiptCode, password } };
  });
}
