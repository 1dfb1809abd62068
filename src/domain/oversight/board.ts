// The office's board (issue #13 item 4): one row per agency of the subtree for a year — published or
// not, when, how late, where the report came from, score, status, errors and warnings — filtered and
// sorted by plain query parameters (the page works without JavaScript), counted on top, and the same
// rows and columns for the XLSX export. Pure: rows in, rows out.

import { z } from 'zod';
import { STATUSES, type ReportStatus } from './score.ts';

/** Where a row's report came from; 'excluded' wins over the source (the office left it out of the 汇总). */
export const BOARD_SOURCES = ['platform', 'upload', 'manual', 'none', 'excluded'] as const;
export type BoardSource = (typeof BOARD_SOURCES)[number];
export const BOARD_SOURCE_LABELS: Record<BoardSource, string> = {
  platform: '本平台发布',
  upload: '上传文件',
  manual: '据原件录入',
  none: '未收集',
  excluded: '不纳入汇总',
};

export const BOARD_SORTS = ['tree', 'name', 'score', 'date', 'errors'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
export const BOARD_SORT_LABELS: Record<BoardSort, string> = { tree: '按机关层级', name: '机关名称', score: '得分', date: '发布日期', errors: '错误数' };

export interface BoardRow {
  code: string;
  name: string;
  level: string;
  depth: number;
  /** position in the subtree (parents first): the default order */
  order: number;
  source: BoardSource;
  /** the source when excluded (what the office holds nonetheless) */
  heldSource: 'platform' | 'upload' | 'manual' | null;
  unreadable: boolean;
  publishedOn: string | null;
  dueOn: string;
  /** days after the due date; null when not published or the date is unknown */
  daysLate: number | null;
  status: ReportStatus;
  score: number;
  errors: number;
  warnings: number;
  /** the last reminder sent for the year (ISO), if any */
  remindedAt: string | null;
}

export interface BoardQuery {
  status: ReportStatus | '';
  level: string;
  source: BoardSource | '';
  /** part of the agency's name */
  q: string;
  sort: BoardSort;
  dir: 'asc' | 'desc';
}

export const DEFAULT_BOARD_QUERY: BoardQuery = { status: '', level: '', source: '', q: '', sort: 'tree', dir: 'asc' };

/** A query string's parameters as a board query: anything unknown falls back to "all" (a link may be old). */
const querySchema = z.object({
  status: z.enum(STATUSES).catch('' as ReportStatus),
  level: z
    .string()
    .regex(/^[a-z]{1,20}$/)
    .catch(''),
  source: z.enum(BOARD_SOURCES).catch('' as BoardSource),
  q: z
    .string()
    .transform((s) => s.trim().slice(0, 50))
    .catch(''),
  sort: z.enum(BOARD_SORTS).catch('tree'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
});

export function parseBoardQuery(params: Record<string, string | undefined>): BoardQuery {
  const raw = Object.fromEntries(Object.keys(DEFAULT_BOARD_QUERY).map((k) => [k, params[k] ?? '']));
  return querySchema.parse(raw) as BoardQuery;
}

/** The query as a query string (only what differs from the default), for links and the export. */
export function boardQueryString(q: BoardQuery, change: Partial<BoardQuery> = {}): string {
  const merged = { ...q, ...change };
  const parts = (Object.keys(DEFAULT_BOARD_QUERY) as (keyof BoardQuery)[]).filter((k) => merged[k] !== DEFAULT_BOARD_QUERY[k]).map((k) => `${k}=${encodeURIComponent(merged[k])}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const collator = new Intl.Collator('zh-CN-u-co-pinyin');

/** Nulls (no date) always last, whichever the direction. */
function compare(a: BoardRow, b: BoardRow, sort: BoardSort): number {
  switch (sort) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'score':
      return a.score - b.score;
    case 'errors':
      return a.errors - b.errors || a.warnings - b.warnings;
    case 'date':
      return (a.publishedOn ?? '').localeCompare(b.publishedOn ?? '');
    default:
      return a.order - b.order;
  }
}

export function filterRows(rows: readonly BoardRow[], q: BoardQuery): BoardRow[] {
  const text = q.q.toLowerCase();
  const kept = rows.filter(
    (r) =>
      (q.status === '' || r.status === q.status) &&
      (q.level === '' || r.level === q.level) &&
      (q.source === '' || r.source === q.source) &&
      (text === '' || r.name.toLowerCase().includes(text) || r.code.toLowerCase().includes(text)),
  );
  const sign = q.dir === 'desc' ? -1 : 1;
  return kept.sort((a, b) => {
    if (q.sort === 'date' && (a.publishedOn === null) !== (b.publishedOn === null)) return a.publishedOn === null ? 1 : -1;
    return sign * compare(a, b, q.sort) || a.order - b.order;
  });
}

export interface BoardCounts {
  agencies: number;
  published: number;
  notPublished: number;
  late: number;
  failing: number;
  excluded: number;
  /** not published and not excluded: whom a reminder to all goes to */
  remindable: number;
}

/** The counts on top of the board, over all rows (not the filtered ones). Published: a report was collected. */
export function boardCounts(rows: readonly BoardRow[]): BoardCounts {
  const held = (r: BoardRow) => r.source !== 'none' && !(r.source === 'excluded' && r.heldSource === null);
  return {
    agencies: rows.length,
    published: rows.filter(held).length,
    notPublished: rows.filter((r) => !held(r)).length,
    late: rows.filter((r) => (r.daysLate ?? 0) > 0).length,
    failing: rows.filter((r) => r.status === '未通过').length,
    excluded: rows.filter((r) => r.source === 'excluded').length,
    remindable: rows.filter((r) => r.source === 'none').length,
  };
}

/** The export's columns: a Chinese header and the cell of a row (the same columns as the page). */
export const BOARD_COLUMNS: readonly { header: string; width: number; value: (r: BoardRow, levelLabel: (l: string) => string) => string | number | null }[] = [
  { header: '机关', width: 32, value: (r) => r.name },
  { header: '机关代码', width: 14, value: (r) => r.code },
  { header: '级别', width: 8, value: (r, l) => l(r.level) },
  { header: '来源', width: 14, value: (r) => sourceText(r) },
  { header: '发布日期', width: 12, value: (r) => r.publishedOn },
  { header: '截止日期', width: 12, value: (r) => r.dueOn },
  { header: '逾期天数', width: 10, value: (r) => r.daysLate },
  { header: '结果', width: 14, value: (r) => r.status },
  { header: '得分', width: 8, value: (r) => r.score },
  { header: '错误', width: 8, value: (r) => r.errors },
  { header: '警告', width: 8, value: (r) => r.warnings },
  { header: '最近催报', width: 12, value: (r) => (r.remindedAt ? r.remindedAt.slice(0, 10) : null) },
];

export function sourceText(r: BoardRow): string {
  const label = BOARD_SOURCE_LABELS[r.source];
  if (r.source === 'excluded' && r.heldSource) return `${label}（${BOARD_SOURCE_LABELS[r.heldSource]}）`;
  return `${label}${r.unreadable ? '（无法读取）' : ''}`;
}
