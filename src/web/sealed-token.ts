// Sealed tokens of the public column: AES-256-GCM over { purpose, agency, expiry, data }, with a key
// derived (HKDF) from the platform's secret. They carry the receipt from the form's POST to the receipt
// page, and an opened status query to the status page and its downloads, in short-lived cookies — never
// in a URL. Each purpose has a cap on its life, enforced when a token is opened whatever expiry it
// carries: a token sealed with a leaked secret and a far expiry is refused all the same.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { Db } from '../services/database.ts';
import { secretOf } from './auth.ts';
import type { AppEnv } from './context.ts';

export type Purpose = 'receipt' | 'status' | 'receipt_pdf' | 'complaint_receipt';

/** The longest life of a token, by purpose (seconds): the receipt 10 minutes, a status query 15, the receipt's PDF (no password in it) 10, a complaint's receipt 10. */
export const TOKEN_CAP_SECONDS: Readonly<Record<Purpose, number>> = { receipt: 600, status: 900, receipt_pdf: 600, complaint_receipt: 600 };

/** The largest token opened (a cookie of a few hundred bytes in practice). */
const MAX_TOKEN_LENGTH = 4096;

const keys = new WeakMap<Db, Promise<Buffer>>();

function sealingKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = secretOf(db).then((secret) => Buffer.from(hkdfSync('sha256', secret, 'gongkai', 'public-sealed-token-v1', 32)));
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const nowMs = (c: Context<AppEnv>): number => Date.parse(c.var.deps.now());

/** Seals `data` for `purpose` in `agency`, to expire in `ttlSeconds` (at most the purpose's cap). */
export async function seal(c: Context<AppEnv>, purpose: Purpose, agency: string, data: unknown, ttlSeconds: number): Promise<string> {
  const key = await sealingKey(c.var.deps.db);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const life = Math.min(ttlSeconds, TOKEN_CAP_SECONDS[purpose]);
  const body = Buffer.concat([cipher.update(JSON.stringify({ p: purpose, a: agency, e: nowMs(c) + life * 1000, d: data }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The data of a token of `purpose` for `agency`, or null: tampered, truncated, from another key, of
 * another purpose or agency, expired — or carrying an expiry beyond the purpose's cap from now.
 */
export async function unseal(c: Context<AppEnv>, purpose: Purpose, agency: string, token: string | undefined): Promise<unknown> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length < 29) return null;
    const key = await sealingKey(c.var.deps.db);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
    const sealed = JSON.parse(text) as { p?: unknown; a?: unknown; e?: unknown; d?: unknown };
    const now = nowMs(c);
    if (sealed.p !== purpose || sealed.a !== agency || typeof sealed.e !== 'number' || !Number.isFinite(sealed.e)) return null;
    if (sealed.e < now || sealed.e > now + TOKEN_CAP_SECONDS[purpose] * 1000) return null;
    return sealed.d ?? null;
  } catch {
    return null; // tampered, truncated or from another key
  }
}
