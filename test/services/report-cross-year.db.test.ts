// The cross-year rule of table 三 over three computed years, on each engine: 240 generated applications
// received from 2022 to 2024, some answered in the next year and some never — the row 四 结转下年度继续办理
// of year N equals the row 二 上年结转政府信息公开申请数量 of N+1, both equal a count written plainly here (by
// applicant type), and the computed reports of neighbouring years pass the cross-year checks (X1) with
// which publication compares them.

import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { checkPair } from '../../src/domain/report/checks.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { engines, useDatabase } from '../support/db.ts';

const HEADER = '编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果';
const TYPES = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;
const who = { actor: 'tester', now: '2025-06-30T09:00:00.000Z', today: '2025-06-30' };

/** xorshift32: the same applications on every run. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface Generated {
  type: (typeof TYPES)[number];
  received: string;
  /** null: never answered */
  answered: string | null;
}

function generate(n: number): Generated[] {
  const next = prng(20250630);
  const start = Date.UTC(2022, 0, 3);
  const span = Date.UTC(2024, 11, 31) - start;
  return Array.from({ length: n }, () => {
    const receivedMs = start + Math.floor(next() * span / 86_400_000) * 86_400_000;
    const roll = next();
    // most within 20 days; a tenth within 40 (across new year when received late); a twentieth never
    const answered = roll < 0.05 ? null : iso(receivedMs + (1 + Math.floor(next() * (roll < 0.15 ? 40 : 20))) * 86_400_000);
    return { type: TYPES[Math.floor(next() * TYPES.length)] as Generated['type'], received: iso(receivedMs), answered };
  });
}

/** Row 四 of `year` by hand: received by 12-31 and not answered by then, by applicant column (自然人, 法人或其他组织 ×5, 总计). */
function carriedByHand(apps: readonly Generated[], year: number): number[] {
  const end = `${year}-12-31`;
  const open = apps.filter((a) => a.received <= end && (a.answered === null || a.answered > end));
  const column = (t: Generated['type']) => TYPES.indexOf(t);
  const row = [0, 0, 0, 0, 0, 0, 0];
  for (const a of open) {
    row[column(a.type)] = (row[column(a.type)] ?? 0) + 1;
    row[6] = (row[6] ?? 0) + 1;
  }
  return row;
}

describe.each(engines())('table 三 carried across three years on %s', (engine) => {
  const t = useDatabase(engine);
  const apps = generate(240);
  const reports = new Map<number, AnnualReport>();

  beforeAll(async () => {
    const a = await createAgency(t.db as Kysely<DB>, { code: 'carry', name: '某县某局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    const rows = apps.map((g, i) => `C${i + 1},${g.type},申请人${i + 1},,在线,${g.received},某文件,,,,${g.answered ?? ''},${g.answered ? '予以公开' : ''}`);
    const r = await importLedger(t.db, a.value.id, new TextEncoder().encode([HEADER, ...rows].join('\n')), 'ledger.csv', who);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    for (const year of [2022, 2023, 2024]) {
      const c = await computeAnnualReport(t.db, 'carry', year);
      if (!c.ok) throw new Error(c.error.message);
      reports.set(year, c.value);
    }
  });

  it('row 四 of N = row 二 of N+1 = a count by hand; neighbouring years pass X1', () => {
    // the generator makes some applications cross each new year and some never answered
    expect(carriedByHand(apps, 2022)[6]).toBeGreaterThan(2);
    expect(carriedByHand(apps, 2023)[6]).toBeGreaterThan(carriedByHand(apps, 2022)[6] ?? 0);
    expect(reports.get(2022)?.applications.rows.carriedOver[6]).toBe(0);
    for (const year of [2022, 2023, 2024]) {
      const report = reports.get(year) as AnnualReport;
      expect(report.applications.rows.carriedForward, `row 四 of ${year}`).toEqual(carriedByHand(apps, year));
      const next = reports.get(year + 1);
      if (next) {
        expect(next.applications.rows.carriedOver, `row 二 of ${year + 1}`).toEqual(report.applications.rows.carriedForward);
        expect(checkPair(report, next).filter((f) => f.rule === 'X1')).toEqual([]);
      }
    }
  });
});
