// The report as HTML: a printable page (A4) or a fragment, with the tables as semantic tables carrying the
// merged cells of the official layout.

import type { AnnualReport } from '../model.ts';
import { SECTION_TITLES } from '../layout.ts';
import { preamble, reportTitle, sectionParagraphs } from './common.ts';
import { buildGrids, type GridCell, type GridRow, type GridTable } from './grid.ts';
import { pageCss } from '../../office/gbt9704.ts';

export interface HtmlOptions {
  /** a full page (<!doctype html>, head, print CSS); false gives an <article> fragment. Default true. */
  standalone?: boolean;
  /** cells to mark, by JSON path (as findings name them): the oversight page's findings (issue #13) */
  marks?: ReadonlyMap<string, CellMark>;
}

/**
 * A marked cell: a class (gk-mark gk-mark-<severity>), an id to link to (cellAnchor), and — not colour
 * alone — a visible note after its value naming what concerns it, each note a link (to the finding).
 */
export interface CellMark {
  severity: 'error' | 'warning' | 'info';
  notes: { text: string; href?: string }[];
}

/** The id of a marked cell: cell-<path with every run of other characters as '-'>. */
export const cellAnchor = (path: string): string => `cell-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export const REPORT_CSS = `${pageCss('gk-report', '0 0 1em')}
.gk-report h2 { font-family: "黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 1em 0 .25em; text-indent: 2em; }
.gk-report table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 10.5pt; line-height: 1.4; }
.gk-report caption { font-family: "黑体", SimHei, sans-serif; font-size: 12pt; padding: .25em 0; }
.gk-report th, .gk-report td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; font-weight: normal; }
.gk-report th[scope="row"] { text-align: left; }
.gk-report td { font-family: "Times New Roman", "仿宋_GB2312", FangSong, serif; }
.gk-report tr { break-inside: avoid; page-break-inside: avoid; }
.gk-report thead { display: table-header-group; }
.gk-report .gk-mark { outline: 3px solid #b00020; outline-offset: -3px; background: #fff3f3; font-weight: bold; }
.gk-report .gk-mark-warning { outline-color: #8a5a00; background: #fff8e6; }
.gk-report .gk-mark-info { outline-style: dashed; outline-color: #1a4f8b; background: #f0f5ff; }
.gk-report .gk-mark-note { display: block; font-size: 9pt; font-family: sans-serif; }
@media print { .gk-report { max-width: none; padding: 0; } .gk-report table { page-break-inside: auto; } }
`.trim();

const attrs = (cell: GridCell): string =>
  (cell.scope ? ` scope="${cell.scope}"` : '') + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '') + (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '');

const noteHtml = (n: CellMark['notes'][number]): string => (n.href ? `<a href="${escapeHtml(n.href)}">${escapeHtml(n.text)}</a>` : escapeHtml(n.text));

const cellHtml = (cell: GridCell, marks?: ReadonlyMap<string, CellMark>): string => {
  const tag = cell.header ? 'th' : 'td';
  const mark = cell.path === undefined ? undefined : marks?.get(cell.path);
  if (!mark || cell.path === undefined) return `<${tag}${attrs(cell)}>${escapeHtml(cell.text)}</${tag}>`;
  const notes = `<span class="gk-mark-note">【${mark.notes.map(noteHtml).join('，')}】</span>`;
  return `<${tag}${attrs(cell)} class="gk-mark gk-mark-${mark.severity}" id="${cellAnchor(cell.path)}">${escapeHtml(cell.text)}${notes}</${tag}>`;
};

const rowHtml = (row: GridRow, marks?: ReadonlyMap<string, CellMark>): string => `<tr>${row.cells.map((c) => cellHtml(c, marks)).join('')}</tr>`;

export function tableHtml(table: GridTable, marks?: ReadonlyMap<string, CellMark>): string {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const cols = table.widths.map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%">`).join('');
  const head = table.head.length ? `<thead>\n${table.head.map((r) => rowHtml(r)).join('\n')}\n</thead>\n` : '';
  const bodies = table.bodies.map((b) => `<tbody>\n${b.map((r) => rowHtml(r, marks)).join('\n')}\n</tbody>`).join('\n');
  return `<table class="gk-table gk-${table.key}">\n<caption>${escapeHtml(table.caption)}</caption>\n<colgroup>${cols}</colgroup>\n${head}${bodies}\n</table>`;
}

/** The report as an <article>: title, opening paragraph, the six sections, then `closing` (HTML, e.g. the 落款 of the print page). */
export function reportArticle(report: AnnualReport, closing = '', marks?: ReadonlyMap<string, CellMark>): string {
  const title = reportTitle(report);
  const tables = new Map(buildGrids(report).map((t) => [t.section, t]));
  const paragraphs = (ps: string[]) => ps.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const sections = SECTION_TITLES.map((heading) => {
    const table = tables.get(heading);
    const body = table ? tableHtml(table, marks) : paragraphs(sectionParagraphs(report, heading));
    return `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body ? `${body}\n` : ''}</section>`;
  });
  return `<article class="gk-report" lang="zh-CN">\n<h1>${escapeHtml(title)}</h1>\n${paragraphs([preamble(report)])}\n${sections.join('\n')}\n${closing ? `${closing}\n` : ''}</article>`;
}

export function renderHtml(report: AnnualReport, options: HtmlOptions = {}): string {
  const title = reportTitle(report);
  const article = reportArticle(report, '', options.marks);
  if (options.standalone === false) return `${article}\n`;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${REPORT_CSS}\n</style>`,
    '</head>',
    '<body>',
    article,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
