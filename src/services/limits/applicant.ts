// The counter key of an applicant (the per-applicant limit of the online form): a keyed hash of the
// 证件号码, never the number. An identity number has little entropy (region, birth date, a sequence and
// a check digit), so a plain hash could be reversed by trying them all; the key is derived from the
// platform secret (settings.csrf_secret, which no archive carries), so the counters alone reveal nothing.

import { createHmac, hkdfSync } from 'node:crypto';

const keys = new Map<string, Buffer>();

function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', secret, 'gongkai', 'rate-limit-applicant-v1', 32));
    if (keys.size > 16) keys.clear(); // one secret per database: a handful at most
    keys.set(secret, key);
  }
  return key;
}

/** The number as typed on any keyboard, compared: NFKC (full-width digits), no spaces, upper case (the X of a resident ID). */
export const normalisedIdNumber = (idNumber: string): string => idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** 'applicant:' and 32 characters of HMAC-SHA256(key from the secret, the normalised number). */
export function applicantKey(secret: string, idNumber: string): string {
  return `applicant:${createHmac('sha256', keyOf(secret)).update(normalisedIdNumber(idNumber)).digest('base64url').slice(0, 32)}`;
}
