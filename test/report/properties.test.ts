// Properties over random valid reports: what we write we read back (HTML, DOCX, text), and a change
// to any one cell is caught by the checks with the right rule and cell.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAll, checkReport } from '../../src/domain/report/checks.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import { isValidReportJson } from '../../src/domain/report/json.ts';
import { getAt, setAt } from '../../src/domain/report/layout.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { parseReportText } from '../../src/domain/report/parse/index.ts';
import { renderDocx, renderHtml, renderText } from '../../src/domain/report/render/index.ts';
import { numericCells, validReport } from '../support/report-factory.ts';

const anyValidReport = fc.oneof({ arbitrary: validReport('2021'), weight: 3 }, { arbitrary: validReport('2019'), weight: 1 });

/** Blank some cells of a valid report: a blank must come back blank, in its own column. */
const withBlanks = fc
  .tuple(anyValidReport, fc.array(fc.nat(), { maxLength: 6 }))
  .map(([report, picks]) => {
    const cells = numericCells(report.format === '2019' ? '2019' : '2021');
    for (const p of picks) {
      const cell = cells[p % cells.length];
      if (cell) setAt(report, cell.at, null);
    }
    return report;
  });

const roundTrip = (report: AnnualReport) => JSON.parse(JSON.stringify(report)) as AnnualReport;

describe('render → parse gives the same model', () => {
  it('valid reports are valid interchange JSON and check clean', () => {
    fc.assert(
      fc.property(anyValidReport, (report) => {
        expect(isValidReportJson(report)).toBe(true);
        expect(checkAll(report)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('text', () => {
    fc.assert(
      fc.property(withBlanks, (report) => {
        expect(parseReportText(renderText(report)).report).toEqual(roundTrip(report));
      }),
      { numRuns: 200 },
    );
  });

  it('HTML', async () => {
    await fc.assert(
      fc.asyncProperty(withBlanks, async (report) => {
        const parsed = await parseReportDocument(new TextEncoder().encode(renderHtml(report)), 'report.html');
        if (!parsed.ok) throw new Error(parsed.error);
        expect(parsed.report).toEqual(roundTrip(report));
      }),
      { numRuns: 100 },
    );
  });

  it('DOCX', async () => {
    await fc.assert(
      fc.asyncProperty(withBlanks, async (report) => {
        const parsed = await parseReportDocument(await renderDocx(report), 'report.docx');
        if (!parsed.ok) throw new Error(parsed.error);
        expect(parsed.report).toEqual(roundTrip(report));
      }),
      { numRuns: 30 },
    );
  });
});

describe('changing one cell of a valid report is caught', () => {
  // Which rules can see a change of a figure in each table (二 has no arithmetic rule: only R7 and BLANK).
  const arithmetic: Record<string, string[]> = { 三: ['R1', 'R3', 'R4'], 四: ['R6'] };
  const change = fc.oneof(
    fc.record({ kind: fc.constant('delta' as const), by: fc.integer({ min: 1, max: 9 }) }),
    fc.constant({ kind: 'null' as const }),
    fc.constant({ kind: 'negative' as const }),
    fc.constant({ kind: 'fraction' as const }),
  );

  it('with the right rule and cell', () => {
    fc.assert(
      fc.property(anyValidReport, fc.nat(), change, (report, pick, how) => {
        const format = report.format === '2019' ? '2019' : '2021';
        const cells = numericCells(format);
        const cell = cells[pick % cells.length];
        if (!cell) return;
        const table = cell.table.slice(0, 1);
        const old = getAt(report, cell.at) as number;
        const signed = cell.path.endsWith('.change');
        const fee = cell.path === 'activeDisclosure.feesWanYuan';
        let rules: string[];
        if (how.kind === 'delta') {
          if (!arithmetic[table]) return; // a different count in 二 is not an error
          setAt(report, cell.at, old + how.by);
          rules = arithmetic[table] ?? [];
        } else if (how.kind === 'null') {
          setAt(report, cell.at, null);
          rules = ['BLANK'];
        } else if (how.kind === 'negative') {
          if (signed) return; // 本年增/减 may be negative
          setAt(report, cell.at, -1 - Math.abs(old));
          rules = ['R7'];
        } else {
          if (fee) return; // 万元 may be a decimal
          setAt(report, cell.at, old + 0.5);
          rules = ['R7'];
        }
        const findings = checkReport(report).filter((f) => f.severity === 'error');
        const hits = findings.filter((f) => rules.includes(f.rule) && f.cells.some((c) => c.path === cell.path));
        expect(hits.length, `${cell.path} ${how.kind}: ${JSON.stringify(findings.map((f) => f.rule))}`).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
