// The 规章/行政规范性文件 register (services/catalogue/register.ts) on each engine: table 二
// 第二十条第（一）项 from the register equals an independent count, in plain TypeScript, on a generated
// register (a seeded random few hundred items with dates across years, repealed, lapsed and revised
// ones, items written on 12-31 and repealed on 01-01, items not published); every cell's drill-down
// lists exactly the items counted; the computed annual report carries the rows.

import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import type { CatalogueActor } from '../../src/services/catalogue/items.ts';
import { cellFilter, registerCounts, registerList, tableTwo, type RegisterFilter } from '../../src/services/catalogue/register.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { TABLE_TWO_COLUMNS } from '../../src/domain/catalogue/register.ts';
import type { DocType } from '../../src/domain/catalogue/vocab.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { engines, useDatabase } from '../support/db.ts';
import { generateRegister, type GeneratedItem } from '../support/register.ts';

const who: CatalogueActor = { userId: null, name: 'tester', now: '2026-06-30T02:00:00.000Z', today: '2026-06-30' };
const TYPES: DocType[] = ['规章', '行政规范性文件'];

// --- the independent count: the rules of table 二 written out again, over the generated items
const onRegister = (i: GeneratedItem, type: string) => i.state === 'published' && i.docType === type;
const inYear = (d: string | null, y: number) => d !== null && d >= `${y}-01-01` && d <= `${y}-12-31`;
const before = (d: string | null, day: string) => d !== null && d <= day;
const inForce = (i: GeneratedItem, day: string) => before(i.writtenOn, day) && !before(i.repealedOn, day) && !before(i.lapsedOn, day) && !before(i.revisedOn, day);
function expected(items: GeneratedItem[], type: string, year: number) {
  const mine = items.filter((i) => onRegister(i, type));
  return {
    issued: mine.filter((i) => inYear(i.writtenOn, year)).map((i) => i.id),
    repealed: mine.filter((i) => inYear(i.repealedOn, year)).map((i) => i.id),
    inForce: mine.filter((i) => inForce(i, `${year}-12-31`)).map((i) => i.id),
  };
}

async function allIds(db: Kysely<DB>, agencyId: number, filter: RegisterFilter): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  const { decodeCursor } = await import('../../src/services/keyset.ts');
  for (;;) {
    const page = await registerList(db, agencyId, filter, { limit: 17, after: decodeCursor(after) });
    ids.push(...page.rows.map((r) => r.id));
    if (page.next === null) return ids;
    after = page.next;
  }
}

describe.each(engines())('the register on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let items: GeneratedItem[] = [];

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'sfj', name: '示范市司法局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    items = await generateRegister(t.db, agencyId, who, { seed: 20241231, count: 320, fromYear: 2017, toYear: 2025 });
  }, 240_000);

  it('generated what the test needs: every kind of ending, the 12-31/01-01 edge, items off the register', () => {
    const reg = items.filter((i) => onRegister(i, '行政规范性文件'));
    expect(reg.filter((i) => i.repealedOn !== null).length).toBeGreaterThan(5);
    expect(reg.filter((i) => i.lapsedOn !== null).length).toBeGreaterThan(5);
    expect(reg.filter((i) => i.revisedOn !== null).length).toBeGreaterThan(5);
    expect(items.some((i) => onRegister(i, '规章') && i.writtenOn.endsWith('-12-31') && i.repealedOn?.endsWith('-01-01'))).toBe(true);
    expect(items.filter((i) => i.state !== 'published' && i.docType === '行政规范性文件').length).toBeGreaterThan(5);
  });

  it('table 二 第二十条第（一）项 equals the independent count, every year', async () => {
    for (let year = 2016; year <= 2026; year++) {
      const two = await tableTwo(t.db, agencyId, year);
      for (const type of TYPES) {
        const want = expected(items, type, year);
        const got = type === '规章' ? two.regulations : two.normativeDocuments;
        expect({ year, type, ...got }).toEqual({ year, type, issued: want.issued.length, repealed: want.repealed.length, inForce: want.inForce.length });
        const prev = expected(items, type, year - 1).inForce.length;
        expect(two.previousInForce[type === '规章' ? 'regulations' : 'normativeDocuments']).toBe(prev);
        // the DERIVED check warns exactly when the identity does not hold
        const holds = prev + want.issued.length - want.repealed.length === want.inForce.length;
        expect(two.warnings.some((w) => w.includes(`「${type}」`))).toBe(!holds);
      }
    }
  });

  it('lists exactly the items behind each cell (drill-down), across pages', async () => {
    for (const year of [2018, 2021, 2024, 2025]) {
      for (const type of TYPES) {
        const want = expected(items, type, year);
        for (const column of TABLE_TWO_COLUMNS) {
          const ids = await allIds(t.db, agencyId, cellFilter(year, type, column));
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort((a, b) => a - b)).toEqual([...want[column]].sort((a, b) => a - b));
        }
      }
    }
  });

  it('counts the register on a date by status, and pages back and forth', async () => {
    const day = '2022-07-01';
    const counts = await registerCounts(t.db, agencyId, day);
    for (const type of TYPES) {
      const mine = items.filter((i) => onRegister(i, type) && before(i.writtenOn, day));
      const c = counts.find((x) => x.docType === type);
      expect(c?.total).toBe(mine.length);
      expect(c?.byStatus.in_force).toBe(mine.filter((i) => inForce(i, day)).length);
      expect(c?.byStatus.repealed).toBe(mine.filter((i) => before(i.repealedOn, day)).length);
      expect(c?.byStatus.lapsed).toBe(mine.filter((i) => before(i.lapsedOn, day)).length);
      expect(c?.byStatus.revised).toBe(mine.filter((i) => before(i.revisedOn, day)).length);
    }
    const first = await registerList(t.db, agencyId, { asOf: day }, { limit: 10 });
    const { decodeCursor } = await import('../../src/services/keyset.ts');
    const second = await registerList(t.db, agencyId, { asOf: day }, { limit: 10, after: decodeCursor(first.next) });
    const back = await registerList(t.db, agencyId, { asOf: day }, { limit: 10, before: decodeCursor(second.prev) });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(first.prev).toBeNull();
    const written = [...first.rows, ...second.rows].map((r) => r.writtenOn);
    expect(written).toEqual([...written].sort().reverse());
  });

  it('fills table 二 (一) of the computed annual report; the other rows of table 二 stay blank', async () => {
    const r = await computeAnnualReport(t.db, 'sfj', 2024);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const want = expected(items, '行政规范性文件', 2024);
    expect(r.value.activeDisclosure.normativeDocuments).toEqual({ issued: want.issued.length, repealed: want.repealed.length, inForce: want.inForce.length });
    expect(r.value.activeDisclosure.regulations.inForce).toBe(expected(items, '规章', 2024).inForce.length);
    expect(r.value.activeDisclosure.licensing).toBeNull();
    expect(r.value.activeDisclosure.feesWanYuan).toBeNull();
    const trial = await computeAnnualReport(t.db, 'sfj', 2020);
    expect(trial.ok && trial.value.activeDisclosure.regulations).toEqual({ issued: expected(items, '规章', 2020).issued.length, repealed: null, inForce: expected(items, '规章', 2020).inForce.length });
  });
});
