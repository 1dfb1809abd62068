// Ruled tables of a PDF page: the borders (PdfRule) grouped into tables by contact, each table's grid
// from the positions of its lines, elementary cells merged where no border separates them (the merged
// cells of the official tables), and every text item placed in its cell. Empty cells are kept, so a
// blank cell keeps its column as it does in the HTML and DOCX readings. Pure.

import type { PdfRule, PdfTextItem } from './pdf-content.ts';

/** Positions closer than this (points) are the same line. */
const SNAP = 1.5;
/** A rule is a line when it is at most this thick and at least twice as long. */
const THIN = 2.5;
/** Beyond this many rules on a page, tables are not reconstructed (the text is read by its gaps). */
export const MAX_RULES = 4000;

export interface PdfCell {
  left: number;
  right: number;
  top: number;
  bottom: number;
  items: PdfTextItem[];
}

export interface PdfTable {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** rows of cells, top down, each row its cells from the left: a merged cell is in the row of its top edge */
  rows: PdfCell[][];
}

interface Line {
  /** x of a vertical line, y of a horizontal one */
  at: number;
  from: number;
  to: number;
}

function classify(rules: readonly PdfRule[]): { h: (Line & { rule: number })[]; v: (Line & { rule: number })[] } {
  const h: (Line & { rule: number })[] = [];
  const v: (Line & { rule: number })[] = [];
  rules.forEach((r, i) => {
    const w = r.x1 - r.x0;
    const t = r.y1 - r.y0;
    if (!(w >= 0 && t >= 0)) return;
    if (t <= THIN && w > 2 * t && w > SNAP) h.push({ at: (r.y0 + r.y1) / 2, from: r.x0, to: r.x1, rule: i });
    else if (w <= THIN && t > 2 * w && t > SNAP) v.push({ at: (r.x0 + r.x1) / 2, from: r.y0, to: r.y1, rule: i });
  });
  return { h, v };
}

class UnionFind {
  readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    while (this.parent[i] !== r) {
      const next = this.parent[i] ?? r;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

/** Sorted distinct positions, those within SNAP of each other taken as one. */
function snap(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || v - last > SNAP) out.push(v);
  }
  return out;
}

/** Whether some line at `at` covers the point `p` along it. */
const covered = (lines: readonly Line[], at: number, p: number): boolean => lines.some((l) => Math.abs(l.at - at) <= SNAP && l.from - SNAP <= p && p <= l.to + SNAP);

function gridOf(h: Line[], v: Line[], items: readonly PdfTextItem[]): PdfTable | null {
  const xs = snap(v.map((l) => l.at));
  const ys = snap(h.map((l) => l.at)).reverse(); // top down
  if (xs.length < 2 || ys.length < 2) return null;
  const cols = xs.length - 1;
  const rowsN = ys.length - 1;
  const id = (r: number, c: number) => r * cols + c;
  const uf = new UnionFind(rowsN * cols);
  for (let r = 0; r < rowsN; r++) {
    const midY = ((ys[r] ?? 0) + (ys[r + 1] ?? 0)) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
      if (c + 1 < cols && !covered(v, xs[c + 1] ?? 0, midY)) uf.union(id(r, c), id(r, c + 1));
      if (r + 1 < rowsN && !covered(h, ys[r + 1] ?? 0, midX)) uf.union(id(r, c), id(r + 1, c));
    }
  }
  const cells = new Map<number, PdfCell>();
  for (let r = 0; r < rowsN; r++) {
    for (let c = 0; c < cols; c++) {
      const root = uf.find(id(r, c));
      const [left, right, top, bottom] = [xs[c] ?? 0, xs[c + 1] ?? 0, ys[r] ?? 0, ys[r + 1] ?? 0];
      const cell = cells.get(root);
      if (!cell) cells.set(root, { left, right, top, bottom, items: [] });
      else {
        cell.left = Math.min(cell.left, left);
        cell.right = Math.max(cell.right, right);
        cell.top = Math.max(cell.top, top);
        cell.bottom = Math.min(cell.bottom, bottom);
      }
    }
  }
  const all = [...cells.values()];
  for (const item of items) {
    const { cx, cy } = centre(item);
    all.find((c) => c.left <= cx && cx <= c.right && c.bottom <= cy && cy <= c.top)?.items.push(item);
  }
  const byTop = new Map<number, PdfCell[]>();
  for (const cell of all) {
    const key = ys.findIndex((y) => Math.abs(y - cell.top) <= SNAP);
    const row = byTop.get(key);
    if (row) row.push(cell);
    else byTop.set(key, [cell]);
  }
  const rows = [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row.sort((a, b) => a.left - b.left));
  return { left: xs[0] ?? 0, right: xs[xs.length - 1] ?? 0, top: ys[0] ?? 0, bottom: ys[ys.length - 1] ?? 0, rows };
}

/** The point of an item that decides its cell: the middle of its first glyph's box. */
export function centre(item: PdfTextItem): { cx: number; cy: number } {
  const glyph = Math.min(item.width, item.height);
  return { cx: item.x + glyph / 2, cy: item.y + item.height * 0.35 };
}

/** The ruled tables of a page, top down; text items are placed in their cells (items outside every table are not). */
export function findTables(rules: readonly PdfRule[], items: readonly PdfTextItem[]): PdfTable[] {
  if (rules.length > MAX_RULES) return [];
  const { h, v } = classify(rules);
  const lines = [...h.map((l) => ({ ...l, horizontal: true })), ...v.map((l) => ({ ...l, horizontal: false }))];
  if (h.length < 2 || v.length < 2) return [];
  // tables: lines that touch or cross, grouped
  const box = (l: (typeof lines)[number]) =>
    l.horizontal ? { x0: l.from - SNAP, x1: l.to + SNAP, y0: l.at - SNAP, y1: l.at + SNAP } : { x0: l.at - SNAP, x1: l.at + SNAP, y0: l.from - SNAP, y1: l.to + SNAP };
  const boxes = lines.map(box);
  const uf = new UnionFind(lines.length);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    if (!a) continue;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j];
      if (b && a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1) uf.union(i, j);
    }
  }
  const groups = new Map<number, typeof lines>();
  lines.forEach((l, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(l);
    else groups.set(root, [l]);
  });
  const tables: PdfTable[] = [];
  for (const group of groups.values()) {
    const gh = group.filter((l) => l.horizontal);
    const gv = group.filter((l) => !l.horizontal);
    if (gh.length < 2 || gv.length < 2) continue;
    const x0 = Math.min(...gv.map((l) => l.at));
    const x1 = Math.max(...gv.map((l) => l.at));
    const y0 = Math.min(...gh.map((l) => l.at));
    const y1 = Math.max(...gh.map((l) => l.at));
    const inside = items.filter((it) => {
      const { cx, cy } = centre(it);
      return x0 <= cx && cx <= x1 && y0 <= cy && cy <= y1;
    });
    const table = gridOf(gh, gv, inside);
    if (table) tables.push(table);
  }
  return tables.sort((a, b) => b.top - a.top);
}
