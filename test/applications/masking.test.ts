// ID numbers masked for whoever does not need them (issue #10 §5): the 居民身份证号码 as 6401**********1234,
// the other kinds with as little shown as still tells two numbers apart.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskedApplication, maskIdNumber, MASK } from '../../src/domain/applications/masking.ts';

describe('maskIdNumber', () => {
  it('shows the first four and the last four characters of a 居民身份证号码', () => {
    expect(maskIdNumber('resident_id', '640102199001011234')).toBe('6401**********1234');
    expect(maskIdNumber('resident_id', '11010519491231002X')).toBe('1101**********002X');
  });

  it('hides the birth date and the sequence number of a 居民身份证号码, whatever the number', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 });
    fc.assert(
      fc.property(digits, fc.constantFrom(...'0123456789X'), (first17, check) => {
        const id = `${first17}${check}`;
        const masked = maskIdNumber('resident_id', id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(4, 14)).toBe(MASK.repeat(10));
        expect(masked.slice(0, 4)).toBe(id.slice(0, 4));
        expect(masked.slice(14)).toBe(id.slice(14));
      }),
    );
  });

  it('masks a 统一社会信用代码 the same way (first four, last four)', () => {
    expect(maskIdNumber('uscc', '91350100M000100Y43')).toBe('9135**********0Y43');
  });

  it('masks other documents by their length: never more than a third shown, a short one entirely', () => {
    expect(maskIdNumber('other', 'E12345678')).toBe('E1******8');
    expect(maskIdNumber('other', 'H1234567')).toBe('H******7');
    expect(maskIdNumber('other', 'AB1234')).toBe('A****4');
    expect(maskIdNumber('other', 'AB123')).toBe('*****');
    expect(maskIdNumber('other', 'C12345678901')).toBe('C1********01');
    expect(maskIdNumber(null, 'E12345678')).toBe('E1******8');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (text) => {
        const masked = maskIdNumber('other', text);
        const chars = [...masked];
        expect(chars).toHaveLength([...text].length);
        const shown = chars.filter((c) => c !== MASK).length;
        expect(shown * 3).toBeLessThanOrEqual(chars.length);
      }),
    );
  });

  it('leaves nothing to mask as it is', () => {
    expect(maskIdNumber('resident_id', null)).toBeNull();
    expect(maskIdNumber('resident_id', '')).toBe('');
  });

  it('masks the number of an application record and keeps everything else', () => {
    const record = { id: 7, applicantName: '张三', idKind: 'resident_id', idNumber: '640102199001011234', contact: '电话：13800138000' };
    expect(maskedApplication(record)).toEqual({ ...record, idNumber: '6401**********1234' });
    expect(record.idNumber).toBe('640102199001011234'); // a copy, not the record changed
  });
});
