// 身份证明 of an applicant (条例第二十九条第二款第（一）项): the 18-character 居民身份证号码 of a natural
// person (GB 11643-1999) and the 统一社会信用代码 of an organisation (GB 32100-2015). Each check says
// what is wrong and how to fix it. Pure: today's date is an argument.

import { parseIsoDate } from '../calendar/dates.ts';
import type { DomainError, DomainResult, IdKind } from './types.ts';

const fail = (code: string, message: string, field = 'idNumber'): { ok: false; error: DomainError } => ({
  ok: false,
  error: { code, message, field },
});

/** Full-width digits and letters to half-width, spaces (also inside: 1101 0119 …) removed, upper case. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// 居民身份证号码 — GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence, check
// character (ISO 7064 MOD 11-2).

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_CHECK = '10X98765432';

/** The check character of the first 17 digits of a 居民身份证号码 (digits assumed). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_WEIGHTS[i] ?? 0);
  return RESIDENT_CHECK.charAt(sum % 11);
}

/**
 * A 居民身份证号码, normalised (upper-case X, half-width, no spaces), or why it is not one.
 * `today` (YYYY-MM-DD): the birth date may not be after it.
 */
export function validateResidentId(id: string, today: string): DomainResult<string> {
  const todayDay = parseIsoDate(today);
  if (todayDay === null) return fail('INVALID_DATE', `今天的日期“${today}”不是有效日期（应为YYYY-MM-DD）`, 'today');
  const value = normalise(id);
  if (value === '') return fail('ID_NUMBER_REQUIRED', '请填写身份证号码');
  if (value.length === 15 && /^\d{15}$/.test(value)) {
    return fail('RESIDENT_ID_LENGTH', '这是15位的旧身份证号码，已停止使用，请填写18位的居民身份证号码');
  }
  if (value.length !== 18) return fail('RESIDENT_ID_LENGTH', `身份证号码应为18位，现为${value.length}位，请核对号码`);
  if (!/^\d{17}[\dX]$/.test(value)) {
    return fail('RESIDENT_ID_CHARS', '身份证号码的前17位应为数字，最后一位为数字或X，请核对号码');
  }
  const birth = value.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const birthDay = parseIsoDate(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`);
  if (birthDay === null || year < 1900) {
    return fail('RESIDENT_ID_BIRTH_DATE', `身份证号码第7至14位的出生日期“${birth}”不是有效日期，请核对号码`);
  }
  if (birthDay > todayDay) {
    return fail('RESIDENT_ID_BIRTH_DATE', `身份证号码第7至14位的出生日期“${birth}”晚于今天，请核对号码`);
  }
  const check = residentIdCheckChar(value);
  if (value.charAt(17) !== check) return fail('RESIDENT_ID_CHECK', `身份证号码的校验位应为${check}，请核对号码`);
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码 — GB 32100-2015: 登记管理部门代码, 机构类别代码, 行政区划码, 主体标识码, check
// character; 31 characters (no I, O, Z, S, V).

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of the first 17 characters of a 统一社会信用代码 (charset assumed). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  const check = 31 - (sum % 31);
  return USCC_CHARSET.charAt(check === 31 ? 0 : check);
}

/** A 统一社会信用代码, normalised (upper case, half-width, no spaces), or why it is not one. */
export function validateUscc(code: string): DomainResult<string> {
  const value = normalise(code);
  if (value === '') return fail('ID_NUMBER_REQUIRED', '请填写统一社会信用代码');
  if (value.length !== 18) return fail('USCC_LENGTH', `统一社会信用代码应为18位，现为${value.length}位，请核对代码`);
  const bad = [...new Set([...value].filter((c) => !USCC_CHARSET.includes(c)))];
  if (bad.length > 0) {
    return fail(
      'USCC_CHARS',
      `统一社会信用代码不能含有“${bad.join('”“')}”：只用数字和大写字母，不用I、O、Z、S、V，请核对代码`,
    );
  }
  const check = usccCheckChar(value);
  if (value.charAt(17) !== check) return fail('USCC_CHECK', `统一社会信用代码的校验位应为${check}，请核对代码`);
  return { ok: true, value };
}

/** 身份证明 by kind: `other` (护照、港澳台居民证件 …) is only required to be non-empty. */
export function validateIdentity(kind: IdKind, value: string, today: string): DomainResult<string> {
  switch (kind) {
    case 'resident_id':
      return validateResidentId(value, today);
    case 'uscc':
      return validateUscc(value);
    case 'other': {
      const trimmed = value.normalize('NFKC').trim();
      return trimmed === '' ? fail('ID_NUMBER_REQUIRED', '请填写身份证明文件的号码') : { ok: true, value: trimmed };
    }
  }
}
