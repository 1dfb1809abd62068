// The records behind table 二 and table 四 for tests: table 四 counted by hand (a plain loop, the year by
// its number), independent of src/domain/report/table-four.ts.

import type { CaseResult, CaseType, TableFourSettings } from '../../src/domain/records/vocab.ts';
import type { CaseFacts } from '../../src/domain/report/table-four.ts';

/** The column of each result, written out: 0 维持, 1 纠正, 2 其他. */
export function columnOf(result: CaseResult, rejectionUpheld: boolean): number {
  if (result === 'rejected') return rejectionUpheld ? 0 : 2;
  if (result === 'upheld') return 0;
  if (['revoked', 'altered', 'confirmed_illegal', 'confirmed_invalid', 'ordered', 'corrected'].includes(result)) return 1;
  return 2;
}

/** The independent count: a loop over the cases, the year by its number. */
export function countByHand(cases: readonly CaseFacts[], year: number, settings: TableFourSettings): Record<CaseType, number[]> {
  const table: Record<CaseType, number[]> = { reconsideration: [0, 0, 0, 0, 0], litigation_direct: [0, 0, 0, 0, 0], litigation_after_reconsideration: [0, 0, 0, 0, 0] };
  for (const c of cases) {
    const received = Number(c.receivedOn.slice(0, 4));
    const concluded = c.concludedOn === null ? null : Number(c.concludedOn.slice(0, 4));
    let column: number | null = null;
    if (settings.countYear === 'received') {
      if (received === year) column = concluded !== null && concluded <= year ? columnOf(c.result as CaseResult, settings.rejectionUpheld) : 3;
    } else if (concluded === year) {
      column = columnOf(c.result as CaseResult, settings.rejectionUpheld);
    } else if (received <= year && (concluded === null || concluded > year)) {
      column = 3;
    }
    if (column === null) continue;
    const row = table[c.type];
    row[column] = (row[column] as number) + 1;
    row[4] = (row[4] as number) + 1;
  }
  return table;
}


export const asReview = (t: Record<CaseType, number[]>) => ({ reconsideration: t.reconsideration, litigationDirect: t.litigation_direct, litigationAfterReconsideration: t.litigation_after_reconsideration });
