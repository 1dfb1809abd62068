// The records behind table 二 and table 四 on each engine: the report computed from a few hundred
// generated cases and counts equals a count written plainly here, under both settings of each kind;
// the cross-year rule over three years through the services; the counts' history and `asOf`; cases as
// they stood on a past date; refusals leave the database unchanged.

import { beforeAll, describe, expect, it } from 'vitest';
import { createAgency, updateAgency } from '../../src/services/agencies.ts';
import { caseFacts, deleteCase, saveCase } from '../../src/services/records/cases.ts';
import { countHistory, enterCounts, yearFigures } from '../../src/services/records/counts.ts';
import type { RecordsActor } from '../../src/services/records/counts.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { CASE_TYPES, COUNT_KINDS, RESULTS } from '../../src/domain/records/vocab.ts';
import type { CaseResult, CaseType, CountKind, TableFourSettings } from '../../src/domain/records/vocab.ts';
import type { CaseFacts } from '../../src/domain/report/table-four.ts';
import { engines, useDatabase } from '../support/db.ts';
import { asReview, countByHand } from '../support/records.ts';
import { snapshot } from '../support/snapshot.ts';

const TODAY = '2025-06-30';
const actorAt = (now: string, source: RecordsActor['source'] = 'page'): RecordsActor => ({ userId: null, name: '测试员', now, today: TODAY, source });

/** xorshift32: the same records on every run. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
const iso = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const LAST_DAY = Math.round((Date.UTC(2025, 5, 30) - Date.UTC(2020, 0, 1)) / 86_400_000);

interface Generated {
  caseNumber: string;
  type: CaseType;
  receivedOn: string;
  concludedOn: string | null;
  result: CaseResult | null;
  reconsiderationCaseNumber: string;
}

function generateCases(n: number): Generated[] {
  const random = prng(20250630);
  const out: Generated[] = [];
  for (let i = 0; i < n; i++) {
    let type = CASE_TYPES[Math.floor(random() * 3)] as CaseType;
    const received = Math.floor(random() * (LAST_DAY - 30));
    const reviews = out.filter((c) => c.type === 'reconsideration' && c.receivedOn <= iso(received));
    if (type === 'litigation_after_reconsideration' && reviews.length === 0) type = 'reconsideration';
    const concluded = random() < 0.75 ? Math.min(LAST_DAY, received + Math.floor(random() * 500)) : null;
    const linked = type === 'litigation_after_reconsideration' && random() < 0.8 ? (reviews[Math.floor(random() * reviews.length)] as Generated).caseNumber : '';
    out.push({
      caseNumber: `（${iso(received).slice(0, 4)}）测${i + 1}号`,
      type,
      receivedOn: iso(received),
      concludedOn: concluded === null ? null : iso(concluded),
      result: concluded === null ? null : (RESULTS[Math.floor(random() * RESULTS.length)] as CaseResult),
      reconsiderationCaseNumber: linked,
    });
  }
  return out;
}

interface Entry {
  year: number;
  kind: CountKind;
  value: string;
  enteredAt: string;
}

function generateCounts(): Entry[] {
  const random = prng(7);
  const out: Entry[] = [];
  let minute = 0;
  for (let year = 2020; year <= 2024; year++) {
    for (const kind of COUNT_KINDS) {
      if (random() < 0.2) continue; // no entry: the cell stays null
      const times = 1 + Math.floor(random() * 3);
      for (let k = 0; k < times; k++) {
        minute += 7;
        const value = kind === 'fees' ? (Math.floor(random() * 100_000) / 100).toString() : String(Math.floor(random() * 2000));
        out.push({ year, kind, value, enteredAt: new Date(Date.UTC(2025, 0, 2, 0, minute)).toISOString() });
      }
    }
  }
  return out;
}

describe.each(engines())('records behind tables 二 and 四 on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  const code = 'records';
  const cases = generateCases(300);
  const counts = generateCounts();

  beforeAll(async () => {
    const a = await createAgency(t.db, { code, name: '示范市某局', level: 'department' }, '2020-01-01T00:00:00.000Z');
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    for (const [i, c] of cases.entries()) {
      const r = await saveCase(t.db, agencyId, { ...c, concludedOn: c.concludedOn ?? '', result: c.result ?? '' }, { mode: 'create' }, actorAt(new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), 'import'));
      if (!r.ok) throw new Error(`${c.caseNumber}: ${r.error.message}`);
    }
    for (const e of counts) {
      const r = await enterCounts(t.db, agencyId, [{ year: e.year, kind: e.kind, value: e.value }], actorAt(e.enteredAt, 'api'));
      if (!r.ok) throw new Error(r.error.message);
    }
  }, 120_000);

  const facts = (): CaseFacts[] => cases.map((c) => ({ type: c.type, receivedOn: c.receivedOn, concludedOn: c.concludedOn, result: c.result }));
  /** the figure of a year by hand: the value of the last entry of its kind (entered by the cut-off) */
  const byHand = (year: number, kind: CountKind, cutoff = '9999'): number | null => {
    let value: number | null = null;
    for (const e of counts) if (e.year === year && e.kind === kind && e.enteredAt <= cutoff) value = Number(e.value);
    return value;
  };

  it.each<TableFourSettings>([
    { countYear: 'received', rejectionUpheld: true },
    { countYear: 'concluded', rejectionUpheld: false },
    { countYear: 'concluded', rejectionUpheld: true },
  ])('computes table 四 and table 二’s four cells as counted by hand (%o)', async (settings) => {
    const s = await updateAgency(t.db, code, { reviewCountYear: settings.countYear, reviewRejectionUpheld: settings.rejectionUpheld });
    expect(s.ok).toBe(true);
    for (let year = 2020; year <= 2025; year++) {
      const r = await computeAnnualReport(t.db, code, year);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.review).toEqual(asReview(countByHand(facts(), year, settings)));
      const ad = r.value.activeDisclosure;
      expect([ad.licensing, ad.punishment, ad.enforcement]).toEqual([byHand(year, 'licensing'), byHand(year, 'punishment'), byHand(year, 'enforcement')]);
      // the trial format (2019, 2020) has no cell for the amount
      expect(ad.feesWanYuan).toEqual(year <= 2020 ? null : byHand(year, 'fees'));
    }
    await updateAgency(t.db, code, { reviewCountYear: 'received', reviewRejectionUpheld: true });
  });

  it('gives each figure as it stood on a date (asOf) and keeps every entry', async () => {
    const middle = counts[Math.floor(counts.length / 2)] as Entry;
    const asOf = middle.enteredAt.slice(0, 10);
    const cutoff = `${asOf}T23:59:59.999Z`;
    for (const year of [2021, 2023, 2024]) {
      const figures = await yearFigures(t.db, agencyId, year, { asOf });
      for (const kind of COUNT_KINDS) expect(figures[kind] === null ? null : Number(figures[kind].value)).toBe(byHand(year, kind, cutoff));
      const history = await countHistory(t.db, agencyId, year);
      expect(history.length).toBe(counts.filter((e) => e.year === year).length);
      expect(history.every((h) => h.source === 'api' && h.enteredByName === '测试员')).toBe(true);
    }
    const before = await computeAnnualReport(t.db, code, 2024, { asOf: '2025-01-01' });
    expect(before.ok && before.value.activeDisclosure.licensing).toBeNull();
  });

  it('writes nothing for a figure equal to the one in force; exact decimals', async () => {
    const a = await createAgency(t.db, { code: 'records-exact', name: '示范市另一局', level: 'department' }, '2020-01-01T00:00:00.000Z');
    if (!a.ok) throw new Error(a.error.message);
    const first = await enterCounts(t.db, a.value.id, [{ year: 2024, kind: '行政事业性收费', value: '0.350' }, { year: 2024, kind: 'licensing', value: 12 }], actorAt('2025-01-02T00:00:00.000Z'));
    expect(first.ok && first.value.map((e) => [e.value, e.status])).toEqual([['0.35', 'created'], ['12', 'created']]);
    const again = await enterCounts(t.db, a.value.id, [{ year: 2024, kind: 'fees', value: 0.35 }], actorAt('2025-01-03T00:00:00.000Z'));
    expect(again.ok && again.value[0]?.status).toBe('unchanged');
    expect((await countHistory(t.db, a.value.id, 2024)).length).toBe(2);
    const r = await computeAnnualReport(t.db, 'records-exact', 2024);
    expect(r.ok && r.value.activeDisclosure.feesWanYuan).toBe(0.35);
    expect(r.ok && [r.value.activeDisclosure.punishment, r.value.activeDisclosure.enforcement]).toEqual([null, null]);
    // no case: table 四 is all zeros (the platform is the register of cases)
    expect(r.ok && r.value.review).toEqual({ reconsideration: [0, 0, 0, 0, 0], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] });
  });

  it('counts across three years under both settings, through the services', async () => {
    const a = await createAgency(t.db, { code: 'records-years', name: '示范市第三局', level: 'department' }, '2020-01-01T00:00:00.000Z');
    if (!a.ok) throw new Error(a.error.message);
    const id = a.value.id;
    const save = async (input: Record<string, string>, now = '2025-01-05T00:00:00.000Z') => {
      const r = await saveCase(t.db, id, input, { mode: 'upsert' }, actorAt(now));
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    await save({ caseNumber: '复1', type: '行政复议', receivedOn: '2022-11-20', concludedOn: '2023-01-15', result: '撤销' });
    await save({ caseNumber: '诉1', type: '未经复议直接起诉', receivedOn: '2023-03-01', concludedOn: '2023-09-30', result: '判决驳回原告诉讼请求' });
    await save({ caseNumber: '复2', type: '行政复议', receivedOn: '2023-12-01', concludedOn: '2023-12-28', result: '驳回行政复议请求' });
    await save({ caseNumber: '诉2', type: '复议后起诉', receivedOn: '2024-01-10', reconsiderationCaseNumber: '复2' });
    const review = async (year: number) => {
      const r = await computeAnnualReport(t.db, 'records-years', year);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.review;
    };
    const zero = [0, 0, 0, 0, 0];
    expect(await review(2022)).toEqual({ reconsideration: [0, 0, 0, 1, 1], litigationDirect: zero, litigationAfterReconsideration: zero });
    expect(await review(2023)).toEqual({ reconsideration: [1, 0, 0, 0, 1], litigationDirect: [1, 0, 0, 0, 1], litigationAfterReconsideration: zero });
    expect(await review(2024)).toEqual({ reconsideration: zero, litigationDirect: zero, litigationAfterReconsideration: [0, 0, 0, 1, 1] });
    await updateAgency(t.db, 'records-years', { reviewCountYear: 'concluded', reviewRejectionUpheld: false });
    expect(await review(2022)).toEqual({ reconsideration: [0, 0, 0, 1, 1], litigationDirect: zero, litigationAfterReconsideration: zero });
    expect(await review(2023)).toEqual({ reconsideration: [0, 1, 1, 0, 2], litigationDirect: [0, 0, 1, 0, 1], litigationAfterReconsideration: zero });
    expect(await review(2024)).toEqual({ reconsideration: zero, litigationDirect: zero, litigationAfterReconsideration: [0, 0, 0, 1, 1] });
    await updateAgency(t.db, 'records-years', { reviewCountYear: 'received', reviewRejectionUpheld: true });
    // the lawsuit concludes in 2025: its year (2024, by receipt) still shows it 尚未审结 as of 12-31; as of an earlier day, the case as it stood
    await save({ caseNumber: '诉2', type: '复议后起诉', receivedOn: '2024-01-10', reconsiderationCaseNumber: '复2', concludedOn: '2025-03-01', result: '撤诉' }, '2025-03-02T00:00:00.000Z');
    expect((await review(2024)).litigationAfterReconsideration).toEqual([0, 0, 0, 1, 1]);
    await save({ caseNumber: '复2', type: '行政复议', receivedOn: '2023-12-01', concludedOn: '2023-12-28', result: '变更' }, '2025-03-03T00:00:00.000Z');
    expect((await review(2023)).reconsideration).toEqual([0, 1, 0, 0, 1]);
    const earlier = await computeAnnualReport(t.db, 'records-years', 2023, { asOf: '2025-03-02' });
    expect(earlier.ok && earlier.value.review.reconsideration).toEqual([1, 0, 0, 0, 1]);
    expect((await caseFacts(t.db, id, 2024, { asOf: '2025-01-04' })).length).toBe(0);
  });

  it('refuses wrong cases and counts with a Chinese message, writing nothing', async () => {
    const before = await snapshot(t.db);
    const refusals: [unknown, string][] = [
      [{ caseNumber: '新1', type: '行政复议', receivedOn: '2025-07-01' }, 'DATE_IN_FUTURE'],
      [{ caseNumber: '新1', type: '行政复议', receivedOn: '2025-03-01', concludedOn: '2025-02-01', result: '维持' }, 'CONCLUDED_BEFORE_RECEIVED'],
      [{ caseNumber: '新1', type: '行政复议', receivedOn: '2025-03-01', concludedOn: '2025-04-01' }, 'RESULT_REQUIRED'],
      [{ caseNumber: '新1', type: '行政复议', receivedOn: '2025-03-01', result: '维持' }, 'CONCLUDED_ON_REQUIRED'],
      [{ caseNumber: '新1', type: '诉讼', receivedOn: '2025-03-01' }, 'INVALID_TYPE'],
      [{ caseNumber: '新1', type: '行政复议', receivedOn: '2025-03-01', applicationNumber: '2025-999' }, 'APPLICATION_NOT_FOUND'],
      [{ caseNumber: '新1', type: '复议后起诉', receivedOn: '2025-03-01', reconsiderationCaseNumber: '不存在' }, 'RECONSIDERATION_NOT_FOUND'],
      [{ caseNumber: '新1', type: '未经复议直接起诉', receivedOn: '2025-03-01', reconsiderationCaseNumber: cases[0]?.caseNumber ?? '' }, 'RECONSIDERATION_LINK_NOT_ALLOWED'],
      [{ caseNumber: cases[0]?.caseNumber ?? '', type: '行政复议', receivedOn: '2025-03-01' }, 'CASE_NUMBER_TAKEN'],
    ];
    for (const [input, codeWanted] of refusals) {
      const r = await saveCase(t.db, agencyId, input, { mode: 'create' }, actorAt('2025-06-01T00:00:00.000Z'));
      expect(r.ok ? 'ok' : r.error.code).toBe(codeWanted);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    const countRefusals: [unknown[], string][] = [
      [[{ year: 2026, kind: '行政许可', value: 1 }], 'INVALID_YEAR'],
      [[{ year: 2024, kind: '行政许可', value: '1.5' }], 'INVALID_VALUE'],
      [[{ year: 2024, kind: '行政许可', value: -1 }], 'INVALID_VALUE'],
      [[{ year: 2024, kind: 'fees', value: '0.1234567' }], 'INVALID_VALUE'],
      [[{ year: 2024, kind: '罚没', value: 1 }], 'INVALID_KIND'],
      [[{ year: 2024, kind: 'fees', value: 1 }, { year: 2024, kind: '行政事业性收费', value: 2 }], 'DUPLICATE_COUNT'],
      [[], 'INVALID_INPUT'],
    ];
    for (const [inputs, codeWanted] of countRefusals) {
      const r = await enterCounts(t.db, agencyId, inputs, actorAt('2025-06-01T00:00:00.000Z'));
      expect(r.ok ? 'ok' : r.error.code).toBe(codeWanted);
    }
    // a reconsideration with a lawsuit after it cannot be removed nor become a lawsuit
    const linked = cases.find((c) => c.reconsiderationCaseNumber !== '')?.reconsiderationCaseNumber as string;
    const row = await t.db.selectFrom('reviewCases').select('id').where('caseNumber', '=', linked).executeTakeFirstOrThrow();
    const del = await deleteCase(t.db, agencyId, Number(row.id), '重复登记', actorAt('2025-06-01T00:00:00.000Z'));
    expect(!del.ok && del.error.code).toBe('CASE_HAS_LAWSUITS');
    const original = cases.find((c) => c.caseNumber === linked) as Generated;
    const retype = await saveCase(t.db, agencyId, { ...original, type: '未经复议直接起诉', concludedOn: original.concludedOn ?? '', result: original.result ?? '' }, { mode: 'update', id: Number(row.id) }, actorAt('2025-06-01T00:00:00.000Z'));
    expect(!retype.ok && retype.error.code).toBe('CASE_HAS_LAWSUITS');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('removes a case registered by mistake, keeping its versions', async () => {
    const r = await saveCase(t.db, agencyId, { caseNumber: '误登1', type: '行政复议', receivedOn: '2025-05-01' }, { mode: 'create' }, actorAt('2025-06-01T00:00:00.000Z'));
    if (!r.ok) throw new Error(r.error.message);
    expect((await deleteCase(t.db, agencyId, r.value.case.id, '', actorAt('2025-06-02T00:00:00.000Z'))).ok).toBe(false);
    const d = await deleteCase(t.db, agencyId, r.value.case.id, '重复登记', actorAt('2025-06-02T00:00:00.000Z'));
    expect(d.ok).toBe(true);
    const versions = await t.db.selectFrom('reviewCaseVersions').select(['version', 'snapshot']).where('caseId', '=', r.value.case.id).orderBy('version').execute();
    expect(versions.map((v) => v.snapshot['deleted'] ?? false)).toEqual([false, true]);
    // as of the day it was registered, it counts; now it does not
    expect((await caseFacts(t.db, agencyId, 2025, { asOf: '2025-06-01' })).length - (await caseFacts(t.db, agencyId, 2025)).length).toBe(1);
  });
});
