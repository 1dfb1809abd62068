// 居民身份证号码 (GB 11643) and 统一社会信用代码 (GB 32100): numbers are generated here, with the check
// character computed independently of the code under test — no real person's or organisation's number.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateIdentity, validateResidentId, validateUscc } from '../../src/domain/applications/identity.ts';

const TODAY = '2025-06-30';

// --- independent reference implementations of the check characters

function residentCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return '10X98765432'[sum % 11] as string;
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccCheck(first17: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * USCC.indexOf(first17[i] as string), 0);
  const c = 31 - (sum % 31);
  return USCC[c === 31 ? 0 : c] as string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid 居民身份证号码 with a birth date between 1930 and TODAY. */
const residentId = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    birth: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${pad(seq, 3)}`;
    return first17 + residentCheck(first17);
  });

/** A valid 统一社会信用代码. */
const uscc = fc.array(fc.constantFrom(...USCC), { minLength: 17, maxLength: 17 }).map((cs) => {
  const first17 = cs.join('');
  return first17 + usccCheck(first17);
});

function withId(first17: string): string {
  return first17 + residentCheck(first17);
}

describe('validateResidentId', () => {
  it('accepts generated valid numbers', () => {
    fc.assert(
      fc.property(residentId, (id) => {
        expect(validateResidentId(id, TODAY)).toEqual({ ok: true, value: id });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a valid number with any one character changed', () => {
    fc.assert(
      fc.property(residentId, fc.nat(17), fc.constantFrom(...'0123456789XxA'), (id, at, c) => {
        fc.pre(id[at]?.toUpperCase() !== c.toUpperCase());
        const changed = id.slice(0, at) + c + id.slice(at + 1);
        expect(validateResidentId(changed, TODAY).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalises lower-case x, full-width digits and spaces', () => {
    let first17 = '11010519491231002';
    while (residentCheck(first17) !== 'X') first17 = first17.slice(0, 14) + pad((Number(first17.slice(14)) + 1) % 1000, 3);
    const id = `${first17}X`;
    expect(validateResidentId(id.toLowerCase(), TODAY)).toEqual({ ok: true, value: id });
    expect(validateResidentId(` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)} `, TODAY)).toEqual({ ok: true, value: id });
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(validateResidentId(fullWidth, TODAY)).toEqual({ ok: true, value: id });
  });

  it('says which check character is expected', () => {
    const id = withId('11010520000101123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const r = validateResidentId(wrong, TODAY);
    expect(r).toMatchObject({ ok: false, error: { code: 'RESIDENT_ID_CHECK', field: 'idNumber' } });
    if (!r.ok) expect(r.error.message).toBe(`身份证号码的校验位应为${id[17]}，请核对号码`);
  });

  it.each([
    ['wrong length', '1101052000010112', 'RESIDENT_ID_LENGTH'],
    ['19 characters', `${withId('11010520000101123')}1`, 'RESIDENT_ID_LENGTH'],
    ['old 15-digit number', '110105000101123', 'RESIDENT_ID_LENGTH'],
    ['a letter inside', `11010520000101A23${'0'}`, 'RESIDENT_ID_CHARS'],
    ['empty', '  ', 'ID_NUMBER_REQUIRED'],
    ['29 February of a common year', withId('11010520230229123'), 'RESIDENT_ID_BIRTH_DATE'],
    ['month 13', withId('11010520001301123'), 'RESIDENT_ID_BIRTH_DATE'],
    ['day 00', withId('11010520000100123'), 'RESIDENT_ID_BIRTH_DATE'],
    ['before 1900', withId('11010518991231123'), 'RESIDENT_ID_BIRTH_DATE'],
    ['born after today', withId('11010520250701123'), 'RESIDENT_ID_BIRTH_DATE'],
  ])('refuses %s', (_what, id, code) => {
    const r = validateResidentId(id, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('accepts a birth date of today and of 29 February in a leap year', () => {
    expect(validateResidentId(withId('11010520250630123'), TODAY).ok).toBe(true);
    expect(validateResidentId(withId('11010520240229123'), TODAY).ok).toBe(true);
  });

  it('refuses a malformed today', () => {
    expect(validateResidentId(withId('11010520000101123'), '2025-02-30')).toMatchObject({ ok: false, error: { code: 'INVALID_DATE' } });
  });
});

describe('validateUscc', () => {
  it('accepts generated valid codes', () => {
    fc.assert(
      fc.property(uscc, (code) => {
        expect(validateUscc(code)).toEqual({ ok: true, value: code });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a valid code with any one character changed', () => {
    fc.assert(
      fc.property(uscc, fc.nat(17), fc.constantFrom(...USCC, 'I', 'O', 'Z', 'S', 'V'), (code, at, c) => {
        fc.pre(code[at] !== c);
        const changed = code.slice(0, at) + c + code.slice(at + 1);
        expect(validateUscc(changed).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalises lower case, full-width and spaces', () => {
    const code = withUscc('91350100M000100Y4');
    expect(validateUscc(code.toLowerCase())).toEqual({ ok: true, value: code });
    expect(validateUscc(` ${code.slice(0, 9)} ${code.slice(9)} `)).toEqual({ ok: true, value: code });
    const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(validateUscc(fullWidth)).toEqual({ ok: true, value: code });
  });

  it('says which check character is expected', () => {
    const code = withUscc('91350100M000100Y4');
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const r = validateUscc(wrong);
    expect(r).toMatchObject({ ok: false, error: { code: 'USCC_CHECK' } });
    if (!r.ok) expect(r.error.message).toBe(`统一社会信用代码的校验位应为${code[17]}，请核对代码`);
  });

  it.each([
    ['17 characters', '91350100M000100Y4', 'USCC_LENGTH'],
    ['letter I', 'I1350100M000100Y43', 'USCC_CHARS'],
    ['letter O', '91350100MO00100Y43', 'USCC_CHARS'],
    ['letters S, V, Z', '9S350100MV00100Z43', 'USCC_CHARS'],
    ['punctuation', '91350100-000100Y43', 'USCC_CHARS'],
    ['empty', '', 'ID_NUMBER_REQUIRED'],
  ])('refuses %s', (_what, code, expected) => {
    const r = validateUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(expected);
  });

  it('names the illegal characters', () => {
    const r = validateUscc('9S350100MV00100Z43');
    if (r.ok) throw new Error('accepted');
    expect(r.error.message).toContain('“S”“V”“Z”');
  });
});

function withUscc(first17: string): string {
  return first17 + usccCheck(first17);
}

describe('validateIdentity', () => {
  it('dispatches by kind', () => {
    const id = withId('11010520000101123');
    expect(validateIdentity('resident_id', id, TODAY)).toEqual({ ok: true, value: id });
    expect(validateIdentity('resident_id', withUscc('91350100M000100Y4'), TODAY).ok).toBe(false);
    expect(validateIdentity('uscc', withUscc('91350100M000100Y4'), TODAY).ok).toBe(true);
    expect(validateIdentity('uscc', id, TODAY).ok).toBe(false);
  });

  it('takes any non-empty number for other documents', () => {
    expect(validateIdentity('other', ' E12345678 ', TODAY)).toEqual({ ok: true, value: 'E12345678' });
    expect(validateIdentity('other', '  ', TODAY)).toMatchObject({ ok: false, error: { code: 'ID_NUMBER_REQUIRED' } });
  });
});
