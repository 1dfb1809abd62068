// The report as the page a browser prints to PDF (services/pdf): the HTML rendering with print CSS —
// A4 and the GB/T 9704 margins, the title centred, the tables in a smaller size whose rows never split
// across pages (column labels repeated on the next page, a heading kept with its table, 二's sub-tables
// and 四 kept whole), and the 落款 at the end: the agency, and the date of publication when given.
// The page numbers ("第 N 页 共 M 页") are the printer's footer, not part of the page.
//
// DERIVED: the 落款 (the agency centred above the date, both to the right; 成文日期 in Arabic numerals) follows GB/T 9704
// as published report files have it; the format (国办公开办函〔2021〕30号) prescribes no title block.

import type { AnnualReport } from '../model.ts';
import { reportTitle } from './common.ts';
import { escapeHtml, REPORT_CSS, reportArticle } from './html.ts';

export interface PrintOptions {
  /** the date of publication, YYYY-MM-DD: the date line of the 落款 (none when absent) */
  issuedOn?: string | null | undefined;
}

/** The fonts a Debian server has (fonts-noto-cjk) after the official faces, so Chinese never falls to boxes. */
const PRINT_CSS = `
.gk-report { max-width: none; margin: 0; padding: 0;
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Noto Serif SC", "Times New Roman", serif; }
.gk-report h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", "Noto Serif SC", serif;
  margin: 0 0 1em; }
.gk-report h2, .gk-report caption { font-family: "黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;
  break-after: avoid; page-break-after: avoid; }
.gk-report table { font-size: 9pt; line-height: 1.3; page-break-inside: auto; }
.gk-report td { font-family: "Times New Roman", "Noto Serif CJK SC", serif; }
.gk-report th { font-family: "仿宋_GB2312", FangSong, "Noto Serif CJK SC", serif; }
.gk-report tr { break-inside: avoid; page-break-inside: avoid; }
.gk-report thead { display: table-header-group; }
.gk-active tbody, .gk-review { break-inside: avoid; page-break-inside: avoid; }
.gk-review { font-size: 8pt; }
.gk-closing { margin-top: 2em; text-align: right; break-inside: avoid; page-break-inside: avoid; }
.gk-closing div { display: inline-block; margin-right: 2em; }
.gk-report .gk-closing p { text-indent: 0; text-align: center; }
`.trim();

/** 2025-01-20 → 2025年1月20日; undefined for anything else. */
export function chineseDate(iso: string | null | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}年${month}月${day}日`;
}

/** The 落款: the agency and the date, each on its line; empty when neither is known. */
export function closingLines(report: AnnualReport, options: PrintOptions = {}): string[] {
  const lines: string[] = [];
  const agency = report.agency?.trim();
  if (agency) lines.push(agency);
  const date = chineseDate(options.issuedOn);
  if (date) lines.push(date);
  return lines;
}

export function renderPrintHtml(report: AnnualReport, options: PrintOptions = {}): string {
  const lines = closingLines(report, options);
  const closing = lines.length ? `<footer class="gk-closing"><div>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</div></footer>` : '';
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    // the page loads nothing and runs nothing: it is printed as it is
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(reportTitle(report))}</title>`,
    `<style>\n${REPORT_CSS}\n${PRINT_CSS}\n</style>`,
    '</head>',
    '<body>',
    reportArticle(report, closing),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
