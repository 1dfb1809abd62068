// Figures of a report entered by hand (issue #13, plan-notes "#13 and #9 together"): the office copies the
// cells of tables 二, 三 and 四 from a report it cannot read (a scanned PDF) into a form laid out as the
// official tables (layout.ts cellCatalogue: every cell with its path and labels). An empty field stays
// null — blank, never 0 —; a figure is a non-negative integer (the fee: up to 6 decimals; the 2019 format's
// 本年增/减: signed). Pure.

import { cellCatalogue, getAt, setAt, type CataloguedCell } from '../report/layout.ts';
import { emptyReport, emptyTrial2019, formatOfYear, type AnnualReport } from '../report/model.ts';

/** The prose sections a hand entry may carry (一、五、六): pasted or summarised from the original. */
export const HAND_ENTRY_SECTIONS = [
  { key: 'overview', field: 'text.overview', label: '一、总体情况' },
  { key: 'problems', field: 'text.problems', label: '五、存在的主要问题及改进情况' },
  { key: 'other', field: 'text.other', label: '六、其他需要报告的事项' },
] as const;
export const HAND_ENTRY_TEXT_MAX = 20_000;

export interface HandEntryProblem {
  path: string;
  message: string;
}

/** The cells the form asks for: every numeric cell of the year's format (text cells of 2019 are not figures). */
export function handEntryCells(year: number): readonly CataloguedCell[] {
  return cellCatalogue(formatOfYear(year)).filter((c) => !c.text);
}

const INTEGER = /^\d{1,9}$/;
const SIGNED = /^[+-]?\d{1,9}$/;
const DECIMAL = /^\d{1,9}(?:\.\d{1,6})?$/;

/**
 * The report of `year` for `agency` from the form's fields (path → text). Full-width digits are read
 * (NFKC); thousands separators and spaces are dropped. Problems name each cell by its labels.
 */
export function reportFromHandEntry(year: number, agency: string, fields: Readonly<Record<string, string>>): { report: AnnualReport; problems: HandEntryProblem[]; filled: number } {
  const format = formatOfYear(year);
  const report = emptyReport(format);
  report.year = year;
  report.agency = agency;
  if (format === '2019') report.trial2019 = emptyTrial2019();
  const problems: HandEntryProblem[] = [];
  let filled = 0;
  for (const section of HAND_ENTRY_SECTIONS) {
    const text = (fields[section.field] ?? '').replace(/\r\n?/g, '\n').trim();
    if (text.length > HAND_ENTRY_TEXT_MAX) problems.push({ path: section.field, message: `“${section.label}”最长${HAND_ENTRY_TEXT_MAX}个字，请删减或概括后再录入。` });
    else if (text !== '') report.text = { overview: null, problems: null, other: null, ...report.text, [section.key]: text };
  }
  for (const cell of handEntryCells(year)) {
    const raw = (fields[cell.path] ?? '').normalize('NFKC').replace(/[\s,]/g, '');
    if (raw === '') continue;
    const fee = cell.path.endsWith('feesWanYuan');
    const ok = cell.signed ? SIGNED.test(raw) : fee ? DECIMAL.test(raw) : INTEGER.test(raw);
    if (!ok) {
      const what = cell.signed ? '整数（可带正负号）' : fee ? '不小于0的数（万元，最多6位小数）' : '不小于0的整数';
      problems.push({ path: cell.path, message: `${cell.table}：“${cell.row}”的“${cell.column}”应为${what}，现为“${raw.slice(0, 20)}”；空白请留空，不要填0以外的文字。` });
      continue;
    }
    setAt(report, cell.at, Number(raw));
    filled++;
  }
  return { report, problems, filled };
}

/** The form's fields of a report already read (to start an entry from what the parser could read). */
export function handEntryFields(report: AnnualReport | null, year: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (!report) return out;
  for (const section of HAND_ENTRY_SECTIONS) {
    const text = report.text?.[section.key];
    if (typeof text === 'string' && text !== '') out[section.field] = text;
  }
  for (const cell of handEntryCells(year)) {
    const v = getAt(report, cell.at);
    if (typeof v === 'number') out[cell.path] = String(v);
  }
  return out;
}
