// The collected reports streamed a batch of agencies at a time (services/oversight/collected.ts), on each
// engine: whatever the batch size, the entries are those of a single read — in the subtree's order, each
// with last year's report found for the cross-year checks (its X1 findings), its exclusion and its
// score — and `progress` is told after each batch; without the review, the same reports.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { collectedReports, streamCollected, streamCollectedItems, type CollectedEntry } from '../../src/services/oversight/collected.ts';
import { overseen } from '../../src/services/oversight/common.ts';
import { enterReport, excludeAgency } from '../../src/services/oversight/entry.ts';
import { engines, useDatabase } from '../support/db.ts';
import { validReport } from '../support/report-factory.ts';
import { NOW, TODAY } from '../web/staff-support.ts';
import { makeTree, TREE, YEAR, type Ids } from './support.ts';

const actor = { userId: null, ip: '127.0.0.1', now: NOW };

/** Valid reports of the year for the agencies named, reproducible. */
function reports(keys: readonly (keyof Ids)[], year: number, seed: number): AnnualReport[] {
  return fc.sample(validReport('2021'), { numRuns: keys.length, seed }).map((r, i) => ({ ...r, year, agency: TREE[keys[i] as keyof Ids][0] }));
}

describe.each(engines())('collected reports streamed in batches (%s)', (engine) => {
  const t = useDatabase(engine);
  let ids: Ids;

  beforeAll(async () => {
    ({ ids } = await makeTree(t.db, `s${engine}`, NOW));
    const thisYear = ['dfz', 'tjj', 'dyz', 'sjj', 'cjj'] as const;
    const lastYear = ['dfz', 'tjj', 'dyz', 'county'] as const;
    for (const [year, keys, seed] of [[YEAR, thisYear, 11], [YEAR - 1, lastYear, 12]] as const) {
      const made = reports(keys, year, seed);
      for (const [i, k] of keys.entries()) {
        const r = await enterReport(t.db, ids.city, ids[k], year, { report: made[i] as AnnualReport, publishedOn: `${year + 1}-01-20` }, actor);
        if (!r.ok) throw new Error(r.error.message);
      }
    }
    const x = await excludeAgency(t.db, ids.city, ids.sjj, YEAR, '报告数字与原件不符', actor);
    if (!x.ok) throw new Error(x.error.message);
  });

  it('gives the entries of a single read whatever the batch size, progress after each batch', async () => {
    const whole = await collectedReports(t.db, ids.city, YEAR, { asOf: TODAY });
    expect(whole.map((e) => e.agency.id)).toEqual((await overseen(t.db, ids.city)).map((a) => a.id));
    expect(whole).toHaveLength(7);
    // last year's report was found (cross-year findings), the exclusion is there, a missing agency is none
    expect(whole.filter((e) => e.assessment.findings.some((f) => f.code === 'X1')).map((e) => e.agency.id).sort()).toEqual([ids.dfz, ids.tjj, ids.dyz].sort());
    expect(whole.find((e) => e.agency.id === ids.sjj)?.exclusion?.reason).toBe('报告数字与原件不符');
    expect(whole.find((e) => e.agency.id === ids.county)?.source).toBeNull();

    for (const batch of [1, 2, 3]) {
      const steps: [number, number][] = [];
      const streamed: CollectedEntry[] = [];
      for await (const e of streamCollected(t.db, ids.city, YEAR, { asOf: TODAY, batch, progress: (done, total) => steps.push([done, total]) })) streamed.push(e);
      expect(streamed, `batch ${batch}`).toEqual(whole);
      expect(steps).toEqual(Array.from({ length: Math.ceil(7 / batch) }, (_, k) => [Math.min(7, (k + 1) * batch), 7]));
    }
  });

  it('without the review: the same reports, one agency alone when asked', async () => {
    const whole = await collectedReports(t.db, ids.city, YEAR, { asOf: TODAY });
    const items = [];
    for await (const e of streamCollectedItems(t.db, ids.city, YEAR, { batch: 2 })) items.push(e);
    expect(items).toEqual(whole.map(({ assessment: _, ...item }) => item));
    const one = [];
    for await (const e of streamCollectedItems(t.db, ids.city, YEAR, { agencyId: ids.tjj, batch: 2 })) one.push(e);
    expect(one.map((e) => [e.agency.id, e.source])).toEqual([[ids.tjj, 'manual']]);
  });
});
