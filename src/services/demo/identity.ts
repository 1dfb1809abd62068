// Fictitious identities of the demo's applicants: 居民身份证号码 and 统一社会信用代码 with valid check
// characters (area code 990100, which no real place has), and the 身份证明 file of its online
// applications — a PDF saying it is none.

import { residentIdCheckChar, USCC_CHARSET, usccCheckChar } from '../../domain/applications/identity.ts';
import type { ApplicantType } from '../../domain/applications/types.ts';

/** An 18-digit 居民身份证号码 with a valid check character (fictitious area code 990100). */
export function residentId(rint: (lo: number, hi: number) => number, before: string): string {
  const year = Math.min(Number(before.slice(0, 4)) - 18, rint(1950, 2002));
  const birth = `${year}${String(rint(1, 12)).padStart(2, '0')}${String(rint(1, 28)).padStart(2, '0')}`;
  const first17 = `990100${birth}${String(rint(0, 999)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A 统一社会信用代码 with a valid check character (fictitious area code 990100). */
export function uscc(rint: (lo: number, hi: number) => number, type: ApplicantType): string {
  const registrar: Record<ApplicantType, string> = { natural_person: '91', commercial: '91', research: '12', social_welfare: '51', legal_service: '31', other: 'N2' };
  let body = '';
  for (let i = 0; i < 9; i++) body += USCC_CHARSET.charAt(rint(0, USCC_CHARSET.length - 1));
  const first17 = `${registrar[type]}990100${body}`;
  return first17 + usccCheckChar(first17);
}

/** A minimal one-page PDF saying it is no identity document: the 身份证明 of the demo's online applications. */
export function demoIdentityPdf(): Uint8Array {
  const text = 'BT /F1 16 Tf 40 120 Td (gongkai demo - not a real identity document) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 480 240] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
