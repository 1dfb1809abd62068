// The layout every XLSX the platform writes shares (the annual report's tables, the ledger, the
// catalogue's and the records' exports, the oversight board): columns wide enough for their labels,
// text wrapped inside its cell, rows tall enough for the wrapped lines, and a print setup — A4, fitted
// to the page's width, the header rows repeated on every page, the title in the page header and
// "第 n 页 共 m 页" in the footer.
//
// Excel stores no row height it has not been told and does not fit rows to wrapped text when it opens a
// file (nor ever for merged cells), so the heights are computed here from an estimate of the text's
// width: Excel's column unit is the width of a digit of the default font (Calibri 11, 7 px), a CJK
// character of s points is s × 4/3 px wide, a Latin one a little over half of that.
//
// Pure: it changes the worksheet it is given (exceljs is referenced for its types only).

import type ExcelJS from 'exceljs';

/** Pixels of Excel's column width unit (the digit width of Calibri 11). */
const UNIT_PX = 7;
/** The padding Excel keeps inside a column, in units. */
const PADDING = 1.5;
/** Excel's default row height (points) — enough for one line of 11pt. */
export const DEFAULT_ROW_HEIGHT = 15;
/** Excel's largest row height (points). */
const MAX_ROW_HEIGHT = 409;
const DEFAULT_FONT_SIZE = 11;

/** East Asian wide and full-width characters (Hangul, CJK and its punctuation, full-width forms, the supplementary ideographs). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** A line of text's width in Excel column units at `size` points (CJK and full-width characters about twice a Latin one's). */
export function textUnits(text: string, size = DEFAULT_FONT_SIZE): number {
  let wide = 0;
  let narrow = 0;
  for (const ch of text) {
    if (isWide(ch.codePointAt(0) as number)) wide++;
    else narrow++;
  }
  return ((wide + 0.55 * narrow) * size * 4) / 3 / UNIT_PX;
}

/** How many lines `text` takes in a column `width` units wide (its own line breaks kept). */
export function wrappedLines(text: string, width: number, size = DEFAULT_FONT_SIZE): number {
  const room = Math.max(1, width - PADDING);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line, size) / room - 1e-9)), 0);
}

/** The row height (points) for `lines` lines of `size`-point text. */
export function rowHeightFor(lines: number, size = DEFAULT_FONT_SIZE): number {
  return Math.min(MAX_ROW_HEIGHT, Math.ceil((lines * size * 1.3 + 3) * 4) / 4);
}

/** The text a cell shows (its value's text; '' for none). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (typeof value === 'object' && 'result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

export interface SheetLayout {
  /** printed in the page header of every page */
  title: string;
  /** the rows printed again at the top of every page (1-based, first and last), e.g. the column labels */
  repeatRows?: readonly [number, number];
  /** the columns' widths to start from (units, by column from the first); the labels widen them up to maxWidth */
  widths?: readonly number[];
  /** the narrowest column (units); default 8 */
  minWidth?: number;
  /** the widest a column grows to fit its text; longer text wraps (units); default 50 */
  maxWidth?: number;
  /** default: landscape when the columns together are wider than a portrait A4 page takes at 100 % */
  orientation?: 'portrait' | 'landscape';
}

interface Measured {
  span: Span;
  size: number;
  /** the width of each of its lines, in units */
  units: number[];
}

interface Span {
  cell: ExcelJS.Cell;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Every cell holding a value (a merged range's master), with the range it covers. */
function spansOf(sheet: ExcelJS.Worksheet): Span[] {
  const spans: Span[] = [];
  const merged = new Map<string, Span>();
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (!cell.isMerged) {
        spans.push({ cell, top: r, left: c, bottom: r, right: c });
        return;
      }
      const master = cell.master;
      const span = merged.get(master.address);
      if (span === undefined) {
        const first = { cell: master, top: r, left: c, bottom: r, right: c };
        merged.set(master.address, first);
        spans.push(first);
      } else {
        span.top = Math.min(span.top, r);
        span.left = Math.min(span.left, c);
        span.bottom = Math.max(span.bottom, r);
        span.right = Math.max(span.right, c);
      }
    });
  });
  return spans;
}

/** '&' is the page header's code character: a literal one is written twice. */
const headerText = (s: string): string => s.replace(/&/g, '&&').slice(0, 200);

/**
 * Lays out a filled worksheet: column widths that fit the single-column cells' text (from `widths`, up to
 * `maxWidth`), wrapText on every cell with text (its other alignment kept), row heights for the wrapped
 * lines (merged cells included: a range's rows grow together), and the print setup.
 */
export function layoutSheet(sheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  const minWidth = layout.minWidth ?? 8;
  const maxWidth = layout.maxWidth ?? 50;
  const spans = spansOf(sheet);
  let columns = Math.max(sheet.columnCount, layout.widths?.length ?? 0);
  for (const span of spans) columns = Math.max(columns, span.right);

  // widths: what the caller gave (or the sheet has), raised to fit each single-column cell's longest line
  const widths: number[] = [];
  for (let c = 1; c <= columns; c++) widths[c] = Math.max(minWidth, layout.widths?.[c - 1] ?? sheet.getColumn(c).width ?? minWidth);
  const measured: Measured[] = [];
  for (const span of spans) {
    const text = cellText(span.cell.value);
    if (text === '') continue;
    const font = span.cell.font;
    const size = font?.size ?? DEFAULT_FONT_SIZE;
    // bold type is a little wider: measured as type 8 % larger
    const units = text.split('\n').map((l) => textUnits(l, font?.bold ? size * 1.08 : size));
    measured.push({ span, size, units });
    // a range over several columns, or a row group's label over more than three rows, wraps within its range
    if (span.left !== span.right || span.bottom - span.top >= 3) continue;
    const longest = Math.max(...units);
    widths[span.left] = Math.max(widths[span.left] as number, Math.min(maxWidth, Math.ceil(longest + PADDING)));
  }
  for (let c = 1; c <= columns; c++) sheet.getColumn(c).width = widths[c] as number;

  // wrapped text and the heights it needs: single-row cells first, then the ranges over several rows
  const heights = new Map<number, number>();
  const heightOf = (r: number) => heights.get(r) ?? sheet.getRow(r).height ?? DEFAULT_ROW_HEIGHT;
  const fit = ({ span, size, units }: Measured) => {
    const cell = span.cell;
    if (typeof cell.value !== 'number') cell.alignment = { ...cell.alignment, wrapText: true, vertical: cell.alignment?.vertical ?? 'top' };
    let width = 0;
    for (let c = span.left; c <= span.right; c++) width += widths[c] as number;
    const room = Math.max(1, width - PADDING);
    let lines = 0;
    for (const u of units) lines += Math.max(1, Math.ceil(u / room - 1e-9));
    if (lines === 1 && size <= DEFAULT_FONT_SIZE) return;
    const need = rowHeightFor(lines, size);
    let have = 0;
    for (let r = span.top; r <= span.bottom; r++) have += heightOf(r);
    if (have >= need) return;
    const extra = (need - have) / (span.bottom - span.top + 1);
    for (let r = span.top; r <= span.bottom; r++) heights.set(r, Math.min(MAX_ROW_HEIGHT, Math.ceil((heightOf(r) + extra) * 4) / 4));
  };
  for (const m of measured) if (m.span.top === m.span.bottom) fit(m);
  for (const m of measured) if (m.span.top !== m.span.bottom) fit(m);
  for (const [r, h] of heights) sheet.getRow(r).height = h;

  let total = 0;
  for (let c = 1; c <= columns; c++) total += widths[c] as number;
  Object.assign(sheet.pageSetup, pageSetupOf(total, layout));
  Object.assign(sheet.headerFooter, headerFooterOf(layout.title));
}

/** Print: A4, as wide as the page, the header rows on every page (`total`: the columns' widths together). */
export function pageSetupOf(total: number, layout: Pick<SheetLayout, 'orientation' | 'repeatRows'>): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: layout.orientation ?? (total > 100 ? 'landscape' : 'portrait'),
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(layout.repeatRows ? { printTitlesRow: `${layout.repeatRows[0]}:${layout.repeatRows[1]}` } : {}),
  };
}

/** The title above every printed page and "第 n 页 共 m 页" below. */
export function headerFooterOf(title: string): Partial<ExcelJS.HeaderFooter> {
  return { oddHeader: `&C${headerText(title)}`, oddFooter: '&C第 &P 页 共 &N 页' };
}

/**
 * For a sheet written row by row (tabular/xlsx-stream.ts), where the rows are not there to measure: the
 * columns' widths from the given ones, raised to fit the (bold) header labels, as layoutSheet would with the
 * header alone.
 */
export function headerWidths(header: readonly string[], widths: readonly number[], layout: Pick<SheetLayout, 'minWidth' | 'maxWidth'> = {}): number[] {
  const minWidth = layout.minWidth ?? 8;
  const maxWidth = layout.maxWidth ?? 50;
  return header.map((label, i) => {
    const given = Math.max(minWidth, widths[i] ?? minWidth);
    const longest = Math.max(...label.split('\n').map((l) => textUnits(l, DEFAULT_FONT_SIZE * 1.08)));
    return label === '' ? given : Math.max(given, Math.min(maxWidth, Math.ceil(longest + PADDING)));
  });
}

/** The height (points) a row of 11-point text cells needs in columns of `widths`, or undefined when one line fits. */
export function rowHeightOf(values: readonly string[], widths: readonly number[]): number | undefined {
  let lines = 1;
  values.forEach((v, i) => {
    if (v !== '') lines = Math.max(lines, wrappedLines(v, widths[i] ?? 8));
  });
  return lines > 1 ? rowHeightFor(lines) : undefined;
}
