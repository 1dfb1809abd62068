// What lets a citizen back in to an online application: its receipt code (回执码) and query password
// (查询密码) — made on submission, the password kept only as its argon2id hash, checked in constant work
// whether the code exists or not.

import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

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

const ARGON2ID = 2 as Algorithm.Argon2id;

/** Verified against when the code is unknown, so that a wrong code and a wrong password take the same time. */
let dummyHash: Promise<string> | undefined;
const dummy = (): Promise<string> => (dummyHash ??= hash(randomText(PASSWORD_LENGTH), { algorithm: ARGON2ID }));

/** Whether the typed password opens the hash; a dummy hash when `passwordHash` is undefined (same work, never opens). */
export async function passwordMatches(passwordHash: string | undefined, password: string): Promise<boolean> {
  const typed = normalisePassword(password);
  try {
    const matches = await verify(passwordHash ?? (await dummy()), typed === '' ? ' ' : typed);
    return passwordHash !== undefined && matches;
  } catch {
    return false; // a malformed hash never opens anything
  }
}

/** A new query password and its hash (hashed before the caller's transaction: keep it short). */
export async function newQueryPassword(): Promise<{ password: string; passwordHash: string }> {
  const password = randomText(PASSWORD_LENGTH);
  return { password, passwordHash: await hash(password, { algorithm: ARGON2ID }) };
}

/** Keeps the grant of a new online application (inside the caller's transaction); returns its receipt code. */
export async function createPublicAccess(trx: Transaction<DB> | Kysely<DB>, applicationId: number, passwordHash: string, now: string): Promise<string> {
  let receiptCode = randomText(RECEIPT_CODE_LENGTH);
  for (let attempt = 0; ; attempt++) {
    const taken = await trx.selectFrom('publicAccess').select('applicationId').where('receiptCode', '=', receiptCode).executeTakeFirst();
    if (!taken) break;
    if (attempt >= 5) throw new Error('no free receipt code after 6 attempts');
    receiptCode = randomText(RECEIPT_CODE_LENGTH);
  }
  await trx.insertInto('publicAccess').values({ applicationId, receiptCode, passwordHash, createdAt: now }).execute();
  return receiptCode;
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
