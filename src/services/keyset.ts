// The list contract (plan-notes 3): every list, in pages and in the API, is read by keyset pagination —
// ordered by a key and the id, a page asks for the rows after (or before) an opaque cursor, reads one
// row more than it shows to know whether there is a next page, and says 上一页/下一页 instead of page
// numbers. A cursor is base64url JSON of the last row's [key, id]; a cursor that does not decode is
// treated as the first page (a bookmarked link never fails).

export interface Cursor {
  /** the sort key of the row (a date, a timestamp, a rank, a string); null sorts last */
  key: string | number | null;
  id: number;
}

export interface PageRequest {
  /** rows per page (1–100) */
  limit: number;
  /** the rows after this one (下一页) */
  after?: Cursor | null;
  /** the rows before this one (上一页) */
  before?: Cursor | null;
}

export interface Page<T> {
  rows: T[];
  /** the cursor of the next page, or null on the last */
  next: string | null;
  /** the cursor of the previous page, or null on the first */
  prev: string | null;
}

export const PAGE_SIZE_MAX = 100;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor of a query parameter, or null (absent or not a cursor). */
export function decodeCursor(text: string | undefined | null): Cursor | null {
  if (text === undefined || text === null || text === '' || text.length > 400) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as [unknown, unknown];
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
    if (key !== null && typeof key !== 'string' && typeof key !== 'number') return null;
    if (typeof key === 'string' && key.length > 200) return null;
    return { key, id };
  } catch {
    return null;
  }
}

/** A page size from a query parameter: the default when absent or not a number, clamped to 1–100. */
export function pageSize(text: string | undefined | null, fallback = 20): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) return fallback;
  return Math.min(n, PAGE_SIZE_MAX);
}

/**
 * Makes the page from rows read with limit + 1 in the direction asked (descending key for 'after', the
 * reverse for 'before'), given how each row's cursor is taken.
 */
export function pageOf<T>(rows: T[], request: PageRequest, cursorOf: (row: T) => Cursor): Page<T> {
  const backwards = request.before !== undefined && request.before !== null;
  const more = rows.length > request.limit;
  const shown = rows.slice(0, request.limit);
  if (backwards) shown.reverse();
  const first = shown[0];
  const last = shown[shown.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : request.after !== undefined && request.after !== null;
  return {
    rows: shown,
    next: hasNext && last !== undefined ? encodeCursor(cursorOf(last)) : null,
    prev: hasPrev && first !== undefined ? encodeCursor(cursorOf(first)) : null,
  };
}

/**
 * Every row of a query, read a batch at a time by keyset on the id (the rows after the last id of the batch
 * before; no offset, nothing held open between batches): `read(after, limit)` answers up to `limit` rows
 * with an id above `after` (null: from the first), in ascending id. For exports that must not hold all rows.
 */
export async function* keysetBatches<T extends { id: number }>(read: (after: number | null, limit: number) => Promise<T[]>, size = 1000): AsyncGenerator<T[]> {
  let after: number | null = null;
  for (;;) {
    const rows = await read(after, size);
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (rows.length < size || last === undefined) return;
    after = last.id;
  }
}
