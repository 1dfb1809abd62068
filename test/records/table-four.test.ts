// Table 四 computed from cases (src/domain/report/table-four.ts), pure: equal to a count written plainly
// here over random cases (fast-check), under both settings of each kind; the cross-year rule over three
// years (a case received in N and concluded in N+1, one received and concluded in N+1, a lawsuit after a
// reconsideration) by hand; the result words of files.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_TYPES, RESULTS, caseTypeOf, resultOf } from '../../src/domain/records/vocab.ts';
import type { TableFourSettings } from '../../src/domain/records/vocab.ts';
import { computeTableFour } from '../../src/domain/report/table-four.ts';
import type { CaseFacts } from '../../src/domain/report/table-four.ts';
import { asReview, countByHand } from '../support/records.ts';


const day = (n: number) => new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const arbitraryCase: fc.Arbitrary<CaseFacts> = fc
  .record({ type: fc.constantFrom(...CASE_TYPES), received: fc.integer({ min: 0, max: 6 * 365 }), length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }), result: fc.constantFrom(...RESULTS) })
  .map(({ type, received, length, result }) => ({ type, receivedOn: day(received), concludedOn: length === null ? null : day(received + length), result: length === null ? null : result }));
const SETTINGS: TableFourSettings[] = [
  { countYear: 'received', rejectionUpheld: true },
  { countYear: 'received', rejectionUpheld: false },
  { countYear: 'concluded', rejectionUpheld: true },
  { countYear: 'concluded', rejectionUpheld: false },
];

describe('table 四 from cases', () => {
  it.each(SETTINGS)('equals the count by hand over random cases (%o)', (settings) => {
    fc.assert(
      fc.property(fc.array(arbitraryCase, { maxLength: 300 }), fc.integer({ min: 2019, max: 2026 }), (cases, year) => {
        const review = computeTableFour(cases, year, settings);
        expect(review).toEqual(asReview(countByHand(cases, year, settings)));
        // R6: each group's 总计 is the sum of its results
        for (const row of Object.values(review)) expect(row[4]).toBe((row as number[]).slice(0, 4).reduce((s, v) => s + v, 0));
      }),
      { numRuns: 200 },
    );
  });

  it('counts by default in the year received, with the result as of 12-31, never again', () => {
    const cases: CaseFacts[] = [
      // received in 2023, concluded in 2024
      { type: 'reconsideration', receivedOn: '2023-11-20', concludedOn: '2024-01-15', result: 'revoked' },
      // received and concluded in 2024
      { type: 'litigation_direct', receivedOn: '2024-03-01', concludedOn: '2024-09-30', result: 'rejected' },
      // a reconsideration in 2023 and the lawsuit after it in 2024, pending
      { type: 'reconsideration', receivedOn: '2023-12-01', concludedOn: '2023-12-28', result: 'upheld' },
      { type: 'litigation_after_reconsideration', receivedOn: '2024-01-10', concludedOn: null, result: null },
    ];
    const received: TableFourSettings = { countYear: 'received', rejectionUpheld: true };
    expect(computeTableFour(cases, 2023, received)).toEqual({ reconsideration: [1, 0, 0, 1, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] });
    expect(computeTableFour(cases, 2024, received)).toEqual({ reconsideration: [0, 0, 0, 0, 0], litigationDirect: [1, 0, 0, 0, 1], litigationAfterReconsideration: [0, 0, 0, 1, 1] });
    expect(computeTableFour(cases, 2025, received)).toEqual({ reconsideration: [0, 0, 0, 0, 0], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] });
    // 驳回诉讼请求 as 其他
    expect(computeTableFour(cases, 2024, { countYear: 'received', rejectionUpheld: false }).litigationDirect).toEqual([0, 0, 1, 0, 1]);
    // the other reading: in the year concluded, and 尚未审结 in every year pending at 12-31
    const concluded: TableFourSettings = { countYear: 'concluded', rejectionUpheld: true };
    expect(computeTableFour(cases, 2023, concluded)).toEqual({ reconsideration: [1, 0, 0, 1, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] });
    expect(computeTableFour(cases, 2024, concluded)).toEqual({ reconsideration: [0, 1, 0, 0, 1], litigationDirect: [1, 0, 0, 0, 1], litigationAfterReconsideration: [0, 0, 0, 1, 1] });
    expect(computeTableFour(cases, 2025, concluded)).toEqual({ reconsideration: [0, 0, 0, 0, 0], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 1, 1] });
  });

  it('reads the words of files', () => {
    expect(caseTypeOf('未经复议直接起诉')).toBe('litigation_direct');
    expect(caseTypeOf(' 复议后起诉 ')).toBe('litigation_after_reconsideration');
    expect(caseTypeOf('行政复议')).toBe('reconsideration');
    expect(caseTypeOf('诉讼')).toBeNull();
    expect(resultOf('判决驳回原告诉讼请求')).toBe('rejected');
    expect(resultOf('驳回行政复议请求')).toBe('rejected');
    expect(resultOf('驳回起诉')).toBe('suit_dismissed');
    expect(resultOf('撤销')).toBe('revoked');
    expect(resultOf('责令履行法定职责')).toBe('ordered');
    expect(resultOf('撤诉')).toBe('withdrawn');
    expect(resultOf('好')).toBeNull();
  });
});
