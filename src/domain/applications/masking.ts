// An applicant's ID number as shown to whoever does not need it whole (条例 and 个人信息保护法第五十一条:
// access to personal information by need): a 居民身份证号码 keeps its first four characters (the province
// and city of the address code) and its last four, hiding the county, the birth date and the sequence —
// 6401**********1234. Pure.

import type { IdKind } from './types.ts';

/** The character that stands for a hidden one. */
export const MASK = '*';

function keep(chars: readonly string[], head: number, tail: number): string {
  if (head + tail >= chars.length) return MASK.repeat(chars.length);
  return chars.slice(0, head).join('') + MASK.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/**
 * The number masked, of the same length: a 居民身份证号码 or a 统一社会信用代码 shows its first and last four
 * characters; any other document (passport, residence permit …) at most a third of its characters, up to
 * four, and none at all when it has fewer than six.
 */
export function maskIdNumber(kind: IdKind | string | null, number: string): string;
export function maskIdNumber(kind: IdKind | string | null, number: string | null): string | null;
export function maskIdNumber(kind: IdKind | string | null, number: string | null): string | null {
  if (number === null || number === '') return number;
  const chars = [...number];
  if ((kind === 'resident_id' || kind === 'uscc') && chars.length >= 12) return keep(chars, 4, 4);
  if (chars.length < 6) return MASK.repeat(chars.length);
  const shown = Math.min(4, Math.floor(chars.length / 3));
  return keep(chars, Math.ceil(shown / 2), Math.floor(shown / 2));
}

/** A copy of an application record with its ID number masked (the record itself unchanged). */
export function maskedApplication<T extends { idKind: string | null; idNumber: string | null }>(record: T): T {
  return { ...record, idNumber: maskIdNumber(record.idKind, record.idNumber) };
}
