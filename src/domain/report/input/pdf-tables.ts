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
/** Beyond this many grid cells (columns × rows) a group of lines is not read as a table: 三 has about 300. */
export const MAX_GRID_CELLS = 20_000;

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

/** The lines at each grid position (positions sorted; a line goes to the position it snapped to). */
function byPosition(lines: readonly Line[], positions: readonly number[]): Line[][] {
  const out: Line[][] = positions.map(() => []);
  for (const l of lines) {
    const i = nearest(positions, l.at);
    if (i >= 0 && Math.abs((positions[i] ?? 0) - l.at) <= SNAP) out[i]?.push(l);
  }
  return out;
}

/** Index of the position nearest to v (positions sorted ascending), -1 when there is none. */
function nearest(positions: readonly number[], v: number): number {
  let lo = 0;
  let hi = positions.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((positions[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  const prev = lo - 1;
  return prev >= 0 && Math.abs((positions[prev] ?? 0) - v) < Math.abs((positions[lo] ?? 0) - v) ? prev : lo;
}

/** Index i of the interval [positions[i], positions[i+1]] holding v (ascending), -1 outside. */
function interval(positions: readonly number[], v: number): number {
  if (positions.length < 2 || v < (positions[0] ?? 0) || v > (positions[positions.length - 1] ?? 0)) return -1;
  let lo = 0;
  let hi = positions.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((positions[mid] ?? 0) <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether one of the lines covers the point `p` along it. */
const covered = (lines: readonly Line[] | undefined, p: number): boolean => (lines ?? []).some((l) => l.from - SNAP <= p && p <= l.to + SNAP);

function gridOf(h: Line[], v: Line[], items: readonly PdfTextItem[]): PdfTable | null {
  const xs = snap(v.map((l) => l.at));
  const ysUp = snap(h.map((l) => l.at));
  const ys = [...ysUp].reverse(); // top down
  if (xs.length < 2 || ys.length < 2 || (xs.length - 1) * (ys.length - 1) > MAX_GRID_CELLS) return null;
  const vAt = byPosition(v, xs);
  const hAt = byPosition(h, ysUp);
  const cols = xs.length - 1;
  const rowsN = ys.length - 1;
  const id = (r: number, c: number) => r * cols + c;
  const uf = new UnionFind(rowsN * cols);
  for (let r = 0; r < rowsN; r++) {
    const midY = ((ys[r] ?? 0) + (ys[r + 1] ?? 0)) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
      if (c + 1 < cols && !covered(vAt[c + 1], midY)) uf.union(id(r, c), id(r, c + 1));
      // ys[r + 1] top down is ysUp[rowsN - 1 - r]
      if (r + 1 < rowsN && !covered(hAt[rowsN - 1 - r], midX)) uf.union(id(r, c), id(r + 1, c));
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
    const c = interval(xs, cx);
    const up = interval(ysUp, cy);
    if (c < 0 || up < 0) continue;
    cells.get(uf.find(id(rowsN - 1 - up, c)))?.items.push(item);
  }
  const byTop = new Map<number, PdfCell[]>();
  for (const cell of all) {
    const key = ysUp.length - 1 - nearest(ysUp, cell.top);
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
