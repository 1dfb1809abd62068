// HTML → plain text in the shape the text parser reads: one line per paragraph/block, each table
// row as ONE line of its real cells' texts joined by TAB (cells covered by another cell's rowspan or
// colspan are not repeated), tables set off by an empty line before and after.
//
// Iterative walks only (no recursion), input size capped: bounded work for any input. Never throws.

import { DomHandler, Parser, parseDocument } from 'htmlparser2';

/** Larger HTML is cut to this many characters before parsing. */
export const MAX_HTML_CHARS = 5_000_000;

/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so its work grows with the square of
 * the nesting depth; past this depth the HTML is reparsed flattened (see flatten).
 */
export const MAX_HTML_DEPTH = 500;
/** In flattened HTML, table tags nested deeper than this are dropped. */
const MAX_FLAT_TABLE_DEPTH = 20;

/** A table whose cell holds a table of at least this many rows is a layout table (see analyse). */
const LAYOUT_NESTED_ROWS = 3;

export interface HtmlText {
  text: string;
  notes: string[];
}

export function htmlToText(html: string): string {
  return htmlToTextWithNotes(html).text;
}

export function htmlToTextWithNotes(html: string): HtmlText {
  const notes: string[] = [];
  try {
    let input = typeof html === 'string' ? html : String(html);
    if (input.length > MAX_HTML_CHARS) {
      input = input.slice(0, MAX_HTML_CHARS);
      notes.push(`HTML内容超过${MAX_HTML_CHARS / 1_000_000}M字符，仅处理前${MAX_HTML_CHARS / 1_000_000}M字符`);
    }
    let doc = parseBounded(input);
    if (!doc) {
      notes.push(`HTML嵌套层级超过${MAX_HTML_DEPTH}层，已按简化结构读取`);
      doc = parseBounded(flatten(input, true)) ?? (parseDocument(flatten(input, false), PARSE_OPTIONS) as unknown as DomNode);
    }
    return { text: render(doc), notes };
  } catch {
    notes.push('HTML解析失败');
    return { text: '', notes };
  }
}

const PARSE_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

class DepthExceeded extends Error {}

class BoundedHandler extends DomHandler {
  private depth = 0;
  override onopentag(name: string, attribs: { [key: string]: string }): void {
    if (++this.depth > MAX_HTML_DEPTH) throw new DepthExceeded();
    super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

/** The DOM, or undefined when the nesting is deeper than MAX_HTML_DEPTH. */
function parseBounded(html: string): DomNode | undefined {
  const handler = new BoundedHandler();
  try {
    new Parser(handler, PARSE_OPTIONS).end(html);
  } catch (e) {
    if (e instanceof DepthExceeded) return undefined;
    throw e;
  }
  return handler.root as unknown as DomNode;
}

/**
 * Linear rewrite of deeply nested HTML: comments and script/style-like elements removed, block
 * tags replaced by <br> (void: no depth), inline tags removed; table/tr/td/th kept without
 * attributes (dropped below MAX_FLAT_TABLE_DEPTH nested tables) when keepTables, else replaced too.
 * Text and entities are kept as they are.
 */
function flatten(html: string, keepTables: boolean): string {
  const out: string[] = [];
  const tag = /<!--|<(\/?)([a-zA-Z][a-zA-Z0-9:_-]*)[^<>]*>/g;
  let last = 0;
  let tables = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    out.push(escapeLt(html.slice(last, m.index)));
    last = tag.lastIndex;
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', last);
      last = end === -1 ? html.length : end + 3;
      tag.lastIndex = last;
      continue;
    }
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    if (!closing && RAW_SKIPPED.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = last;
      const end = close.exec(html);
      last = end ? close.lastIndex : html.length;
      tag.lastIndex = last;
      continue;
    }
    if (!keepTables && (name === 'table' || TABLE_PARTS.has(name))) {
      out.push(name === 'td' || name === 'th' ? ' ' : '<br>');
    } else if (name === 'table') {
      if (closing) {
        if (tables > 0 && tables-- <= MAX_FLAT_TABLE_DEPTH) out.push('</table>');
      } else if (++tables <= MAX_FLAT_TABLE_DEPTH) out.push('<table>');
    } else if (TABLE_PARTS.has(name)) {
      if (tables > 0 && tables <= MAX_FLAT_TABLE_DEPTH) out.push(closing ? `</${name}>` : `<${name}>`);
      else out.push(' ');
    } else if (BLOCK.has(name)) {
      out.push('<br>');
    }
  }
  out.push(escapeLt(html.slice(last)));
  return out.join('');
}

/** Stray '<' in text stays text (so the reparse sees only the tags written here). */
function escapeLt(text: string): string {
  return text.replace(/</g, '&lt;');
}

const RAW_SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'svg', 'math', 'select']);
const TABLE_PARTS = new Set(['tr', 'td', 'th']);

// ---------------------------------------------------------------------------------------------
// DOM shape (structural subset of domhandler's nodes)

interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
}

function isElement(node: DomNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Content never shown as text. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
  'select', 'textarea', 'button', 'input', 'audio', 'video', 'map',
]);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'br', 'option',
  'colgroup', 'listing', 'plaintext', 'xmp',
]);

function isHidden(node: DomNode): boolean {
  const a = node.attribs;
  if (!a) return false;
  if (a['hidden'] !== undefined) return true;
  const style = a['style'];
  return style !== undefined && /(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isSkipped(node: DomNode): boolean {
  return SKIPPED.has(node.name ?? '') || isHidden(node);
}

// ---------------------------------------------------------------------------------------------
// Pass 1: which tables are layout tables, whether there is an <h1>, the <title>.

interface Analysis {
  layoutTables: Set<DomNode>;
  hasH1: boolean;
  title: string;
}

/**
 * Old sites wrap whole pages in layout tables: a table whose cell contains a table with several
 * rows (or a layout table) is laid out as blocks, so the inner data table keeps its rows.
 * A small table nested in a cell of a data table is flattened into that cell.
 */
function analyse(root: DomNode): Analysis {
  const rows = new Map<DomNode, number>();
  const layoutTables = new Set<DomNode>();
  const tableStack: DomNode[] = [];
  let hasH1 = false;
  let title: string | undefined;
  const stack: Array<{ node: DomNode; exit: boolean }> = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    const name = node.name ?? '';
    if (frame.exit) {
      if (name === 'table') {
        tableStack.pop();
        const parent = tableStack[tableStack.length - 1];
        if (parent && ((rows.get(node) ?? 0) >= LAYOUT_NESTED_ROWS || layoutTables.has(node))) layoutTables.add(parent);
      }
      continue;
    }
    if (isElement(node)) {
      if (name === 'title') {
        if (title === undefined) title = collapse(textOf(node));
        continue;
      }
      if (isSkipped(node)) continue;
      if (name === 'h1') hasH1 = true;
      if (name === 'table') {
        tableStack.push(node);
        rows.set(node, 0);
      } else if (name === 'tr') {
        const t = tableStack[tableStack.length - 1];
        if (t) rows.set(t, (rows.get(t) ?? 0) + 1);
      }
    }
    const children = node.children;
    if (children && children.length > 0) {
      stack.push({ node, exit: true });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false });
    } else if (name === 'table') {
      stack.push({ node, exit: true });
    }
  }
  return { layoutTables, hasH1, title: title ?? '' };
}

/** All text below a node (iterative), skipped elements excluded. */
function textOf(node: DomNode): string {
  const out: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      out.push(n.data ?? '');
      continue;
    }
    if (n !== node && isElement(n) && isSkipped(n)) continue;
    const children = n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Pass 2: rendering

interface TableContext {
  table: DomNode;
  /** depth of tables nested inside this one (flattened into the current cell) */
  nested: number;
  rows: string[];
  row: string[] | null;
  cell: string[] | null;
  cellEl: DomNode | null;
  /** caption and stray text outside cells, emitted before the table */
  before: string[];
  loose: string[] | null;
}

function render(root: DomNode): string {
  const { layoutTables, hasH1, title } = analyse(root);
  const blocks: Array<{ text: string; table: boolean }> = [];
  if (!hasH1 && title) blocks.push({ text: title, table: false });

  let para: string[] = [];
  const flush = (): void => {
    if (para.length === 0) return;
    const line = collapse(para.join(''));
    para = [];
    if (line) blocks.push({ text: line, table: false });
  };

  let ctx: TableContext | null = null;
  const finishCell = (c: TableContext): void => {
    if (!c.cell) return;
    if (!c.row) c.row = [];
    c.row.push(collapse(c.cell.join('')));
    c.cell = null;
    c.cellEl = null;
  };
  const finishRow = (c: TableContext): void => {
    finishCell(c);
    if (c.row && c.row.some((cell) => cell !== '')) c.rows.push(c.row.join('\t'));
    c.row = null;
  };
  const finishLoose = (c: TableContext): void => {
    if (!c.loose) return;
    const line = collapse(c.loose.join(''));
    if (line) c.before.push(line);
    c.loose = null;
  };

  const stack: Array<{ node: DomNode; exit: boolean }> = [];
  const pushChildren = (node: DomNode): void => {
    const children = node.children;
    if (!children) return;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false });
  };
  pushChildren(root);

  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    const name = node.name ?? '';

    if (node.type === 'text') {
      const data = node.data ?? '';
      if (ctx) {
        if (ctx.cell) ctx.cell.push(data);
        else if (/\S/.test(data)) (ctx.loose ??= []).push(data);
      } else {
        para.push(data);
      }
      continue;
    }
    if (!isElement(node)) continue; // comments, directives, CDATA

    if (!exit) {
      if (name === 'title' || isSkipped(node)) continue;
      stack.push({ node, exit: true });
    }

    if (ctx) {
      const c: TableContext = ctx;
      if (exit && node === c.table) {
        finishRow(c);
        finishLoose(c);
        flush();
        for (const line of c.before) blocks.push({ text: line, table: false });
        if (c.rows.length > 0) blocks.push({ text: c.rows.join('\n'), table: true });
        ctx = null;
        continue;
      }
      if (name === 'table') {
        if (exit) c.nested--;
        else c.nested++;
        if (c.cell) c.cell.push(' ');
      } else if (c.nested === 0 && (name === 'td' || name === 'th')) {
        if (!exit) {
          finishLoose(c);
          finishCell(c);
          c.cell = [];
          c.cellEl = node;
        } else if (node === c.cellEl) {
          finishCell(c);
        }
      } else if (c.nested === 0 && name === 'tr') {
        finishLoose(c);
        finishRow(c);
      } else if (c.cell) {
        // a line break inside a cell: a space, or nothing between two CJK characters (see collapse)
        if (BLOCK.has(name)) c.cell.push(c.nested > 0 && (name === 'td' || name === 'th' || name === 'tr') ? ' ' : '\n');
      } else if (BLOCK.has(name) && c.loose) {
        finishLoose(c);
      }
      if (!exit) pushChildren(node);
      continue;
    }

    if (name === 'table' && !exit && !layoutTables.has(node)) {
      flush();
      ctx = { table: node, nested: 0, rows: [], row: null, cell: null, cellEl: null, before: [], loose: null };
      pushChildren(node);
      continue;
    }

    if (BLOCK.has(name)) flush();
    if (!exit) pushChildren(node);
  }
  flush();

  // paragraphs one per line; each table set off by an empty line
  let out = '';
  let prevTable = false;
  for (const [i, b] of blocks.entries()) {
    if (i > 0) out += b.table || prevTable ? '\n\n' : '\n';
    out += b.text;
    prevTable = b.table;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const CJK = '\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef';
/** A source line break between two CJK characters is no space (CSS Text segment-break rule). */
const CJK_BREAK = new RegExp(`([${CJK}])[ \\t\\u00a0]*[\\r\\n][\\s\\u00a0]*(?=[${CJK}])`, 'g');

/** Collapses whitespace (incl. &nbsp; and full-width space) to single spaces; no tabs/newlines. */
export function collapse(raw: string): string {
  return raw
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(CJK_BREAK, '$1')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}
