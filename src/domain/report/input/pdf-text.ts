// A PDF's pages (positioned text items and ruling lines, pdf-content.ts) → the plain text the report
// parser reads, in the layout of a report copied from a web page:
// - ruled tables (pdf-tables.ts) give one line per table row, its cells joined by TAB — empty cells kept,
//   a merged cell in the row of its top edge, the text of a cell wrapped over several lines joined again;
//   the column labels a table repeats at the top of the next page are dropped;
// - other text is rebuilt into lines from the items' baselines (y); on a line, a gap wider than 1.5
//   characters separates cells (TAB), for tables drawn without borders;
// - lines of one paragraph are joined again (a full line followed by one of the same size that is not
//   indented, or a centred title's next line), within a page and across a page break;
// - page numbers ("第 1 页 共 3 页", "- 1 -") are dropped;
// - Kangxi radicals and compatibility ideographs are NFKC-normalised (normalisePdfText).
// Pure; bounded by the caller's limits on pages and items.

import { normalisePdfText, type PdfPageContent, type PdfTextItem } from './pdf-content.ts';
import { findTables, type PdfCell, type PdfTable } from './pdf-tables.ts';

/** A line of the page, prose or a table row. */
interface PageLine {
  /** top edge: for sorting the page's lines */
  top: number;
  text: string;
  /** a table row: never joined with its neighbours */
  row: boolean;
  /** prose lines: the geometry paragraphs are rebuilt from */
  left: number;
  right: number;
  size: number;
  baseline: number;
}

const PAGE_NUMBER = /^(?:第\s*\d+\s*页\s*(?:[,，/]?\s*共\s*\d+\s*页)?|[-—–－]\s*\d+\s*[-—–－]|\d+\s*\/\s*\d+|\d{1,3})$/;

const isLatin = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Items of one visual line, left to right, joined: '' for touching runs, ' ' for a space, TAB for a cell gap. */
function joinRun(items: readonly PdfTextItem[], tabs: boolean): string {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  let out = '';
  let end: number | undefined;
  for (const item of sorted) {
    if (end !== undefined) {
      const gap = item.x - end;
      const size = Math.max(item.height, 1);
      if (tabs && gap > 1.5 * size) out += '\t';
      else if (gap > 0.2 * size) out += ' ';
    }
    out += item.text;
    end = Math.max(end ?? -Infinity, item.x + item.width);
  }
  return out;
}

/** Items grouped into visual lines by baseline, top down. */
function visualLines(items: readonly PdfTextItem[]): PdfTextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { baseline: number; size: number; items: PdfTextItem[] }[] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.baseline - item.y) <= 0.3 * Math.max(line.size, item.height, 1)) {
      line.items.push(item);
      line.size = Math.max(line.size, item.height);
    } else lines.push({ baseline: item.y, size: item.height, items: [item] });
  }
  return lines.map((l) => l.items);
}

/** A cell's text: its lines joined without a break ('' between CJK, ' ' between Latin words). */
function cellText(cell: PdfCell): string {
  let out = '';
  for (const line of visualLines(cell.items)) {
    const text = joinRun(line, false).trim();
    if (text === '') continue;
    if (out !== '' && isLatin(out[out.length - 1]) && isLatin(text[0])) out += ' ';
    out += text;
  }
  return out.replace(/[\t\r\n]+/g, ' ');
}

function tableLines(table: PdfTable): PageLine[] {
  return table.rows.map((row) => ({
    top: Math.max(...row.map((c) => c.top)),
    text: row.map(cellText).join('\t'),
    row: true,
    left: table.left,
    right: table.right,
    size: 0,
    baseline: Math.max(...row.map((c) => c.top)),
  }));
}

function proseLines(items: readonly PdfTextItem[]): PageLine[] {
  return visualLines(items).map((line) => {
    const size = Math.max(...line.map((i) => i.height));
    const baseline = Math.max(...line.map((i) => i.y));
    return {
      top: baseline + size,
      text: joinRun(line, true).trim(),
      row: false,
      left: Math.min(...line.map((i) => i.x)),
      right: Math.max(...line.map((i) => i.x + i.width)),
      size,
      baseline,
    };
  });
}

interface Page {
  lines: PageLine[];
  /** the prose block's left and right ends */
  textLeft: number;
  textRight: number;
  /** the column labels of the table the page ends in (its first rows), to drop where the next page repeats them */
  lastTableHead: string[];
  firstIsTable: boolean;
}

function readPage(content: PdfPageContent): Page {
  const items = content.items
    .map((i) => ({ ...i, text: normalisePdfText(i.text) }))
    .filter((i) => i.text.trim() !== '' && Number.isFinite(i.x) && Number.isFinite(i.y) && Number.isFinite(i.width) && Number.isFinite(i.height));
  const tables = findTables(content.rules, items);
  const inTable = new Set(tables.flatMap((t) => t.rows.flat().flatMap((c) => c.items)));
  const prose = proseLines(items.filter((i) => !inTable.has(i))).filter((l) => l.text !== '' && !PAGE_NUMBER.test(l.text));
  const lines = [...prose, ...tables.flatMap(tableLines)].sort((a, b) => b.top - a.top);
  const textLeft = prose.length ? Math.min(...prose.map((l) => l.left)) : 0;
  const textRight = prose.length ? Math.max(...prose.map((l) => l.right)) : content.width;
  const last = tables[tables.length - 1];
  const lastLine = lines[lines.length - 1];
  return {
    lines,
    textLeft,
    textRight,
    lastTableHead: last && lastLine?.row ? tableLines(last).map((l) => l.text) : [],
    firstIsTable: lines[0]?.row === true,
  };
}

/** Whether `next` continues the paragraph `prev` ends on (pages of prev and next given for their text block). */
function continues(prev: PageLine, next: PageLine, prevPage: Page, nextPage: Page, samePage: boolean): boolean {
  if (prev.row || next.row || prev.text.includes('\t') || next.text.includes('\t')) return false;
  if (Math.abs(prev.size - next.size) > 0.5) return false;
  const size = prev.size;
  if (samePage && prev.baseline - next.baseline > 2.2 * size) return false;
  const full = prev.right >= prevPage.textRight - 1.5 * size;
  if (!full) return false;
  const flush = next.left <= nextPage.textLeft + 0.5 * size;
  const centred = Math.abs(next.left - nextPage.textLeft - (nextPage.textRight - next.right)) <= size;
  return flush || centred;
}

const joinText = (a: string, b: string): string => (isLatin(a[a.length - 1]) && isLatin(b[0]) ? `${a} ${b}` : `${a}${b}`);

/** The text of a PDF's pages for the report parser. */
export function pdfPagesToText(pages: readonly PdfPageContent[]): string {
  const out: string[] = [];
  let previous: { line: PageLine; page: Page } | undefined;
  let previousPage: Page | undefined;
  for (const content of pages) {
    const page = readPage(content);
    let lines = page.lines;
    // column labels repeated where a table goes on over a page break
    if (page.firstIsTable && previousPage && previousPage.lastTableHead.length) {
      let k = 0;
      while (k < lines.length && lines[k]?.row && lines[k]?.text === previousPage.lastTableHead[k]) k++;
      if (k > 0 && k < previousPage.lastTableHead.length) lines = lines.slice(k);
    }
    lines.forEach((line, i) => {
      if (previous && continues(previous.line, line, previous.page, page, i > 0)) {
        out[out.length - 1] = joinText(out[out.length - 1] ?? '', line.text);
      } else out.push(line.text);
      previous = { line, page };
    });
    previousPage = page;
  }
  return out.join('\n');
}
