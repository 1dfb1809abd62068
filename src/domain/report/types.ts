// Results shared by the parser and the checks.

import type { AnnualReport } from './model.ts';
import type { CellLabel } from './layout.ts';

/**
 * Why a cell is null after parsing:
 * - blank: the report has the cell but gives no number in it (empty, '/', '-', '—');
 * - missing: the text never reaches the cell (cut off, table absent, unreadable);
 * - invalid: the cell holds something that is not a valid figure for it (a negative count, a fraction
 *   of an application, a word) — kept out of the model, which holds only valid figures.
 * Cells not listed have a number.
 */
export type CellStatus = 'blank' | 'missing' | 'invalid';

export type DiagnosticSeverity = 'info' | 'warning' | 'error';

/** Something the parser wants a reader to know: what it could not read, or read with doubt. */
export interface Diagnostic {
  /** stable code, e.g. TABLE_NOT_FOUND, TEXT_TRUNCATED, AMBIGUOUS_ROW */
  code: string;
  severity: DiagnosticSeverity;
  /** in Chinese, for the official */
  message: string;
  /** JSON path of the cell or row concerned, when there is one */
  path?: string;
}

export interface ParseResult {
  report: AnnualReport;
  /** JSON path (pathToString) → why that cell is null */
  status: Record<string, CellStatus>;
  diagnostics: Diagnostic[];
}

export type Severity = 'error' | 'warning';

/**
 * Stable rule ids:
 * R1–R7 the reconciliation rules of domain.md §2.6; BLANK a blank cell; MISSING a cell the text never
 * reaches; X1 四(N) = 二(N+1); X2 现行有效件数 continuity; P1 a number in the prose against the tables;
 * SECTION a prose section (一、五、六) empty or missing — checked at publication (publication.ts).
 */
export type RuleId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7' | 'BLANK' | 'MISSING' | 'X1' | 'X2' | 'P1' | 'SECTION';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** the cells concerned; the first is the one the message is about */
  cells: CellLabel[];
  expected?: number | null;
  found?: number | null;
  /** in Chinese, for the official */
  message: string;
}
