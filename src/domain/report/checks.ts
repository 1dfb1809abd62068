// Checks of an annual report: the reconciliation rules of the format and those derived from its
// structure (domain.md §2.6), blank and missing cells, continuity between consecutive years, and
// numbers in the prose against the tables. Pure: no IO, no clock, no environment.

import { cellCatalogue } from './layout.ts';
import type { AnnualReport } from './model.ts';
import type { CellStatus, Finding } from './types.ts';
import { checkProse } from './check/prose.ts';
import { checkReport } from './check/tables.ts';
import { layoutOf } from './check/terms.ts';

export { RULES } from './check/rules.ts';
export type { RuleInfo } from './check/rules.ts';
export { checkPair, checkReport, pairFacts } from './check/tables.ts';
export type { PairFacts } from './check/tables.ts';
export { checkProse } from './check/prose.ts';

// ---------------------------------------------------------------------------------------------

/** checkReport + checkProse: errors first, then in table order. */
export function checkAll(report: AnnualReport, options: { status?: Record<string, CellStatus> } = {}): Finding[] {
  const order = new Map(cellCatalogue(layoutOf(report)).map((c, i) => [c.path, i]));
  const position = (f: Finding) => order.get(f.cells[0]?.path ?? '') ?? Number.MAX_SAFE_INTEGER;
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return [...checkReport(report, options), ...checkProse(report)].sort((a, b) => rank(a) - rank(b) || position(a) - position(b));
}

