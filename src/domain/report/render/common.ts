// Pieces of text every renderer writes the same way: the title, the opening paragraph, the prose of the
// sections and the text of a cell.

import type { AnnualReport } from '../model.ts';
import { SECTION_TITLES } from '../layout.ts';

export type SectionTitle = (typeof SECTION_TITLES)[number];

/** The layout a report's tables are drawn in: the 2019 trial format, or the 2021 format (also for 'mixed'). */
export function tableFormat(report: AnnualReport): '2021' | '2019' {
  return report.format === '2019' ? '2019' : '2021';
}

/** "<agency><year>年政府信息公开工作年度报告", leaving out what is unknown. */
export function reportTitle(report: AnnualReport): string {
  const agency = report.agency?.trim() ?? '';
  const year = report.year === null ? '' : `${report.year}年`;
  return `${agency}${year}政府信息公开工作年度报告`;
}

const FORMAT_NOTICE = {
  '2021': '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）',
  '2019': '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）',
} as const;

/** The opening paragraph, before 一: its basis and, when the year is known, the statistics period. */
export function preamble(report: AnnualReport): string {
  const period = report.year === null ? '' : `本报告统计数据从${report.year}年1月1日至12月31日。`;
  return `根据《中华人民共和国政府信息公开条例》规定和${FORMAT_NOTICE[tableFormat(report)]}要求，现发布《${reportTitle(report)}》。${period}`;
}

/** The prose paragraphs of a section (一, 五, 六); none for the table sections or a null text. Blank lines are dropped. */
export function sectionParagraphs(report: AnnualReport, section: SectionTitle): string[] {
  const text = report.text;
  const prose = section === SECTION_TITLES[0] ? text?.overview : section === SECTION_TITLES[4] ? text?.problems : section === SECTION_TITLES[5] ? text?.other : null;
  if (!prose) return [];
  return prose
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A number as plain decimal: no grouping, no '+', no exponent for ordinary values, float noise removed (0.1+0.2 → 0.3). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** The text of a data cell: '' for null (a blank stays blank), the number, or the free text (2019 采购总金额). */
export function cellText(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  return '';
}
