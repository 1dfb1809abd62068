// Passwords: argon2id hashes, the rule a new password must pass (password-rule.ts), generated
// temporary passwords.

import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { z } from 'zod';
import type { DomainError } from '../../domain/applications/types.ts';
import { invalid } from '../agencies.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password-rule.ts';

export { MIN_PASSWORD_LENGTH };

const ARGON2ID = 2 as Algorithm.Argon2id;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}

/** A hash to verify against when the user does not exist, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;

/** Verifies the password against a hash of a random password: an unknown user costs what a known one does. */
export async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await checkPassword(await dummyHash, password);
}

/** The lengths, as a field rule of a form; the whole rule is passwordProblem. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少${MIN_PASSWORD_LENGTH}个字符`)
  .max(MAX_PASSWORD_LENGTH, `密码最长${MAX_PASSWORD_LENGTH}个字符`);

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password, four groups of four (about 93 bits), e.g. "k7Hm-xq3R-…". */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** A new password's rule (password-rule.ts) as a refusal of `field`, or null. */
export function checkNewPassword(password: string, username: string, field: string): DomainError | null {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return { ...invalid(parsed.error), field };
  const problem = passwordProblem(password, username);
  return problem === null ? null : { code: 'INVALID_INPUT', message: problem, field };
}
