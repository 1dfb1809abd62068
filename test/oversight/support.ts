// The oversight tests' world: a city government (the office above) with departments, a township and a
// county government with a department of its own, named as the agencies of test/fixtures/reports; the
// fixtures renamed so that file names carry agency names; a scanned (text-less) PDF.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { REPORTS_DIR } from './fixtures.ts';

export const YEAR = 2023;

/** code → [name, level, parent code] */
export const TREE = {
  city: ['示范市人民政府', 'government', null],
  dfz: ['湛江市人民政府地方志办公室', 'department', 'city'],
  tyjr: ['长春市退役军人事务局', 'department', 'city'],
  tjj: ['示范区统计局', 'department', 'city'],
  dyz: ['兴化市大营镇人民政府', 'township', 'city'],
  sjj: ['示范市审计局', 'department', 'city'],
  county: ['示范县人民政府', 'government', 'city'],
  cjj: ['示范县财政局', 'department', 'county'],
  other: ['乙市人民政府', 'government', null],
  odept: ['乙市统计局', 'department', 'other'],
} as const satisfies Record<string, readonly [string, string, string | null]>;

export type Ids = Record<keyof typeof TREE, number>;

/** The agencies of TREE, codes suffixed with `tag` (unique per test file and engine). */
export async function makeTree(db: Kysely<DB>, tag: string, now: string): Promise<{ ids: Ids; code: (k: string) => string }> {
  const ids: Record<string, number> = {};
  const code = (k: string) => `${k}-${tag}`;
  for (const [k, [name, level, parent]] of Object.entries(TREE) as [string, readonly [string, string, string | null]][]) {
    const r = await createAgency(db, { code: code(k), name: `${name}`, level, ...(parent ? { parentCode: code(parent) } : {}) }, now);
    if (!r.ok) throw new Error(r.error.message);
    ids[k] = r.value.id;
  }
  return { ids: ids as Ids, code };
}

const fixture = (stem: string): Uint8Array => readFileSync(join(REPORTS_DIR, `${stem}.txt`));

/** A PDF with a drawn line and no text at all: what a scanner's PDF is to a text reader. */
export function scannedPdf(): Uint8Array {
  const stream = '0 0 m 200 200 l S';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
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

/**
 * The ZIP the office uploads for 2023: certain matches (a title that is an agency's name; a title that
 * is a short form; a file name), an uncertain one (区统计局), another year's report (中卫, 2024), and a
 * scanned PDF named after the 审计局; a macOS resource fork (skipped) and a ZIP inside (listed as skipped).
 */
export async function fixtureZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('报告/excerpt-002.txt', fixture('excerpt-002'));
  zip.file('报告/大营镇2023年度报告.txt', fixture('excerpt-040'));
  zip.file('报告/长春市退役军人事务局2023年政府信息公开工作年度报告.txt', fixture('excerpt-001'));
  zip.file('报告/统计.txt', fixture('excerpt-003'));
  zip.file('报告/zhongwei.txt', fixture('zhongwei-jiguan-shiwu-2024'));
  zip.file('报告/示范市审计局2023年政府信息公开工作年度报告（扫描件）.pdf', scannedPdf());
  zip.file('__MACOSX/._x.txt', 'resource fork');
  zip.file('inner.zip', new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export const fixtureFile = fixture;
