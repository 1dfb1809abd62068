// The identity-proof check: magic bytes, declared type and extension must agree; 5 MB at most.

import { describe, expect, it } from 'vitest';
import { cleanFileName, MAX_UPLOAD_BYTES, sniffUpload } from '../../src/domain/uploads/sniff.ts';

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 1, 2, 3, 4, 5, 6, 7]);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF');

describe('sniffUpload', () => {
  it.each([
    [JPEG, 'image/jpeg', 'a.jpg', 'image/jpeg'],
    [JPEG, 'image/jpeg', 'a.JPEG', 'image/jpeg'],
    [JPEG, 'image/jpg', '身份证正面.jpg', 'image/jpeg'],
    [PNG, 'image/png', 'scan.png', 'image/png'],
    [PDF, 'application/pdf', '营业执照.pdf', 'application/pdf'],
    [PDF, 'application/pdf; charset=binary', 'x.pdf', 'application/pdf'],
  ])('accepts %#', (b, type, name, media) => {
    const r = sniffUpload(b, type, name);
    expect(r.ok && r.value.mediaType).toBe(media);
  });

  it.each([
    ['a PDF declared as PNG', PDF, 'image/png', 'id.png'],
    ['a PDF named .png', PDF, 'application/pdf', 'id.png'],
    ['a PNG declared as JPEG', PNG, 'image/jpeg', 'id.jpg'],
    ['HTML declared as PDF', new TextEncoder().encode('<html><script>alert(1)</script>'), 'application/pdf', 'x.pdf'],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', 'x.svg'],
    ['no declared type', PNG, '', 'x.png'],
    ['no extension', PNG, 'image/png', 'png'],
    ['a double extension', PNG, 'image/png', 'x.png.exe'],
    ['too short for its signature', new Uint8Array([0x89, 0x50]), 'image/png', 'x.png'],
  ])('refuses %s', (_what, b, type, name) => {
    const r = sniffUpload(b, type, name);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UPLOAD_TYPE_MISMATCH');
      expect(r.error.field).toBe('identityProof');
      expect(r.error.message).toMatch(/JPG、PNG/);
    }
  });

  it('refuses an empty file and one over 5 MB', () => {
    const empty = sniffUpload(new Uint8Array(0), 'image/png', 'x.png');
    expect(!empty.ok && empty.error.code).toBe('UPLOAD_EMPTY');
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const r = sniffUpload(big, 'image/png', 'x.png');
    expect(!r.ok && r.error.code).toBe('UPLOAD_TOO_LARGE');
    const limit = new Uint8Array(MAX_UPLOAD_BYTES);
    limit.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(sniffUpload(limit, 'image/png', 'x.png').ok).toBe(true);
  });

  it('keeps only the last path segment of the name, without control characters', () => {
    expect(cleanFileName('C:\\Users\\张三\\证件.png')).toBe('证件.png');
    expect(cleanFileName('../../etc/a\u0000b.pdf')).toBe('ab.pdf');
    const long = `${'名'.repeat(300)}.pdf`;
    expect(cleanFileName(long)).toHaveLength(200);
    expect(cleanFileName(long).endsWith('.pdf')).toBe(true);
  });
});
