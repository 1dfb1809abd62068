// Table 三 from applications: the counting rule on small cases, and the reconciliation rules holding by
// construction for random sets of applications (R1, R3, R4 of domain.md §2.6, and 四(Y) = 二(Y+1)).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOME_ROWS } from '../../src/domain/applications/outcomes.ts';
import { computeTableThree, resultRow, type ApplicationRecord } from '../../src/domain/applications/table-three.ts';
import { APPLICANT_TYPES, type ApplicantType, type OutcomeRow } from '../../src/domain/applications/types.ts';
import { fromYmd, toIsoDate } from '../../src/domain/calendar/dates.ts';
import { checkReport } from '../../src/domain/report/checks.ts';
import { APPLICATION_ROWS, getAt } from '../../src/domain/report/layout.ts';
import { emptyReport, type ApplicantRow, type ApplicationRows } from '../../src/domain/report/model.ts';

const rec = (receivedOn: string | null, closedOn: string | null, outcomeRow: OutcomeRow | null = closedOn ? 'granted' : null, applicantType: ApplicantType = 'natural_person'): ApplicationRecord => ({
  applicantType,
  receivedOn,
  closedOn,
  outcomeRow,
});

const rowOf = (rows: ApplicationRows, key: string): ApplicantRow => {
  const spec = APPLICATION_ROWS.find((r) => r.key === key);
  if (!spec) throw new Error(key);
  return getAt({ applications: { rows } }, spec.path) as ApplicantRow;
};
const RESULT_KEYS = APPLICATION_ROWS.filter((r) => r.result).map((r) => r.key);
const ALL_KEYS = APPLICATION_ROWS.map((r) => r.key);
const COLS = [0, 1, 2, 3, 4, 5, 6];
const n = (row: ApplicantRow, c: number) => row[c] ?? NaN;

/** The total column of every row, as { key: count } without zeros. */
const totals = (rows: ApplicationRows) => Object.fromEntries(ALL_KEYS.map((k) => [k, n(rowOf(rows, k), 6)]).filter(([, v]) => v !== 0));

describe('computeTableThree: the counting rule', () => {
  it('counts nothing from nothing, and every cell is a number', () => {
    const rows = computeTableThree([], 2024);
    for (const k of ALL_KEYS) expect(rowOf(rows, k)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it.each([
    ['received in the year, concluded in it', rec('2024-03-01', '2024-03-20'), { newReceived: 1, granted: 1, totalHandled: 1 }],
    ['received in the year, open at its end', rec('2024-12-31', null), { newReceived: 1, carriedForward: 1 }],
    ['received in the year, concluded the next', rec('2024-12-20', '2025-01-01'), { newReceived: 1, carriedForward: 1 }],
    ['concluded on 31 December', rec('2024-12-20', '2024-12-31'), { newReceived: 1, granted: 1, totalHandled: 1 }],
    ['received on 1 January', rec('2024-01-01', '2024-01-02'), { newReceived: 1, granted: 1, totalHandled: 1 }],
    ['carried in, concluded in the year', rec('2023-12-25', '2024-01-01'), { carriedOver: 1, granted: 1, totalHandled: 1 }],
    ['carried in, still open', rec('2023-06-01', null), { carriedOver: 1, carriedForward: 1 }],
    ['carried in, concluded after the year', rec('2022-06-01', '2025-02-01'), { carriedOver: 1, carriedForward: 1 }],
    ['concluded before the year', rec('2023-06-01', '2023-12-31'), {}],
    ['received after the year', rec('2025-01-01', null), {}],
    ['never received (receipt not confirmed)', rec(null, null), {}],
    ['never received, though concluded (withdrawn)', rec(null, '2024-05-01', 'other'), {}],
    ['concluded without a row: （六）3 其他', rec('2024-02-01', '2024-02-10', null), { newReceived: 1, other: 1, totalHandled: 1 }],
    ['concluded before its receipt date: concluded on it', rec('2024-01-03', '2023-12-30'), { newReceived: 1, granted: 1, totalHandled: 1 }],
  ])('%s', (_what, record, expected) => {
    expect(totals(computeTableThree([record], 2024))).toEqual(expected);
  });

  it('counts each result in its row and each applicant in its column', () => {
    for (const row of OUTCOME_ROWS) {
      APPLICANT_TYPES.forEach((type, column) => {
        const rows = computeTableThree([rec('2024-05-01', '2024-05-02', row, type)], 2024);
        const expected = [0, 0, 0, 0, 0, 0, 0];
        expected[column] = 1;
        expected[6] = 1;
        expect(resultRow(rows, row)).toEqual(expected);
        expect(rows.newReceived).toEqual(expected);
        expect(rows.totalHandled).toEqual(expected);
      });
    }
  });

  it('as of a date: what happened later is not yet known', () => {
    const records = [rec('2024-03-01', '2024-08-01'), rec('2024-09-01', null), rec('2023-11-01', '2024-02-01', 'notHeld')];
    expect(totals(computeTableThree(records, 2024, { asOf: '2024-06-30' }))).toEqual({
      newReceived: 1,
      carriedOver: 1,
      notHeld: 1,
      totalHandled: 1,
      carriedForward: 1,
    });
    expect(totals(computeTableThree(records, 2024, { asOf: '2024-12-31' }))).toEqual(totals(computeTableThree(records, 2024)));
  });

  it('refuses a malformed year, asOf or date (programming errors)', () => {
    expect(() => computeTableThree([], 24.5)).toThrow(RangeError);
    expect(() => computeTableThree([], 2024, { asOf: '2024-02-30' })).toThrow(RangeError);
    expect(() => computeTableThree([rec('2024-13-01', null)], 2024)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------

const DAY0 = fromYmd(2022, 1, 1) as number;
const DAY1 = fromYmd(2025, 12, 31) as number;
const date = fc.integer({ min: DAY0, max: DAY1 }).map(toIsoDate);

/** Random applications in 2022–2025: some never received, some open, some (inconsistently) closed before receipt. */
const record: fc.Arbitrary<ApplicationRecord> = fc
  .record({
    applicantType: fc.constantFrom(...APPLICANT_TYPES),
    receivedOn: fc.option(date, { freq: 8 }),
    closedOn: fc.option(date, { freq: 3 }),
    outcomeRow: fc.option(fc.constantFrom(...OUTCOME_ROWS), { freq: 10 }),
    ordered: fc.boolean(),
  })
  .map(({ ordered, ...r }) => {
    // mostly closed on or after receipt, as the handling guarantees
    if (ordered && r.receivedOn !== null && r.closedOn !== null && r.closedOn < r.receivedOn) return { ...r, closedOn: r.receivedOn };
    return r;
  });

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];

describe('computeTableThree: reconciliation holds by construction', () => {
  it('R1 per column, R3 per row, R4 per column, 四(Y) = 二(Y+1), and the report checks find nothing', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.option(date, { freq: 3 }), (records, asOf) => {
        const options = asOf === null ? {} : { asOf };
        const byYear = new Map(YEARS.map((y) => [y, computeTableThree(records, y, options)]));
        for (const y of YEARS) {
          const rows = byYear.get(y) as ApplicationRows;
          for (const c of COLS) {
            // R1: 一 + 二 = 三（七） + 四
            expect(n(rows.newReceived, c) + n(rows.carriedOver, c)).toBe(n(rows.totalHandled, c) + n(rows.carriedForward, c));
            // R4: （七） = sum of the result rows
            expect(n(rows.totalHandled, c)).toBe(RESULT_KEYS.reduce((s, k) => s + n(rowOf(rows, k), c), 0));
          }
          // R3: 总计 = the six applicant columns
          for (const k of ALL_KEYS) {
            const row = rowOf(rows, k);
            expect(n(row, 6)).toBe(COLS.slice(0, 6).reduce((s, c) => s + n(row, c), 0));
          }
          // R5: 四(Y) = 二(Y+1)
          const next = byYear.get(y + 1);
          if (next) expect(rows.carriedForward).toEqual(next.carriedOver);
          // 一 counts exactly the applications received (and known) in the year
          const received = records.filter((r) => r.receivedOn?.startsWith(`${y}-`) && (asOf === null || r.receivedOn <= asOf)).length;
          expect(n(rows.newReceived, 6)).toBe(received);
          // the report's own checks agree
          const report = emptyReport('2021');
          report.year = y;
          report.applications.rows = rows;
          const findings = checkReport(report).filter((f) => ['R1', 'R3', 'R4', 'R7'].includes(f.rule));
          expect(findings).toEqual([]);
        }
        // nothing before 2022 or open in 2021: the first year carries nothing in
        expect(byYear.get(2021)?.carriedOver[6]).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
