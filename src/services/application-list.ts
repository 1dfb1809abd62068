// The application list of the staff workspace: an agency's applications, filtered (state, applicant type,
// received between two dates, a bucket of the dashboard such as overdue only) and searched (an exact 编号,
// or words in 编号, applicant and request, on indexes: search/application-search.ts), sorted by 收到日期,
// 到期日, 编号 or 状态, a page at a time by keyset (application-sequences.ts; the list contract, plan-notes 3):
// 上一页 and 下一页 by cursor, the total counted exactly while small (then page numbers too) and estimated
// beyond. The buckets and 到期日 are SQL over the due dates stored with each application (due-dates.ts,
// due-sql.ts): no list of ids anywhere. Each open application of the page comes with its clock summary
// (dashboard.ts), computed for that page only.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import { STATE_LABELS } from '../domain/applications/types.ts';
import type { ApplicantType, HandlingState } from '../domain/applications/types.ts';
import { clockSummaries } from './dashboard.ts';
import type { ClockBucket, ClockSummary } from './dashboard.ts';
import { NO_DUE, refreshDueDates } from './due-dates.ts';
import { bucketCondition, dueThresholds, openState } from './due-sql.ts';
import { columnSequence, concatSequence, countOrEstimate, countSearch, PROBE_ROWS } from './application-sequences.ts';
import type { Direction, Keyed, Probe, Sequence } from './application-sequences.ts';
import { decodeCursor, encodeCursor } from './keyset.ts';
import type { Cursor } from './keyset.ts';
import { applicationMatch } from './search/application-search.ts';
import type { ApplicationSearchKind } from './search/application-search.ts';

/** The most urgent due date of an open application (the list's 到期日), or null. */
export { dueOf } from './dashboard.ts';

export const PAGE_SIZE = 50;
/** Counted exactly up to this many (then page numbers are shown); estimated beyond. */
export const EXACT_TOTAL_MAX = 1000;

export const SORT_KEYS = ['received', 'due', 'number', 'state'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type { Direction } from './application-sequences.ts';

export const SORT_LABELS: Record<SortKey, string> = { received: '收到日期', due: '到期日', number: '编号', state: '办理状态' };
/** The direction a column sorts in when first chosen: newest receipt, most urgent due date, newest number, earliest state. */
export const DEFAULT_DIRECTION: Record<SortKey, Direction> = { received: 'desc', due: 'asc', number: 'desc', state: 'asc' };

export interface ApplicationFilters {
  state?: HandlingState;
  applicantType?: ApplicantType;
  /** received on or after (YYYY-MM-DD) */
  receivedFrom?: string;
  /** received on or before (YYYY-MM-DD) */
  receivedTo?: string;
  /** only open applications with an overdue clock on `today` (the bucket 'overdue') */
  overdueOnly?: boolean;
  /** only open applications in this bucket of the dashboard on `today` */
  clock?: ClockBucket;
  /** an exact 编号, else words searched in 编号, applicant name and request (each word must match) */
  q?: string;
  /** 1-based: the page at this position (used only without a cursor) */
  page?: number;
  sort?: SortKey;
  direction?: Direction;
  /** the cursor of 下一页 / 上一页 (keyset.ts) */
  after?: string | null;
  before?: string | null;
  /** rows per page (default PAGE_SIZE) */
  limit?: number;
}

export interface ApplicationListItem {
  id: number;
  number: string;
  applicantName: string;
  applicantType: ApplicantType;
  channel: string;
  receivedOn: string | null;
  state: HandlingState;
  handler: string | null;
  closedOn: string | null;
  outcome: string | null;
  /** open applications only */
  summary: ClockSummary | null;
}

export interface ApplicationList {
  items: ApplicationListItem[];
  /** exact when `exact`, else the planner's estimate (more than EXACT_TOTAL_MAX) */
  total: number;
  exact: boolean;
  /** the 0-based position of the first item (known when the total is exact) */
  offset: number | null;
  /** 1-based page and number of pages, when the total is exact and the page lies on a page boundary */
  page: number | null;
  pages: number | null;
  pageSize: number;
  next: string | null;
  prev: string | null;
  sort: SortKey;
  direction: Direction;
  /** how q was searched: an exact 编号, words, nothing searchable in it; null without q */
  search: ApplicationSearchKind | null;
}

type Options = { calendar: WorkingCalendar; today: string };

/**
 * The filtered applications of the agency (a query without its select list; null when none can match), how
 * q was searched, and, for a search by words, the probe of the sequences and the bounds of the estimate.
 */
async function filtered(db: Kysely<DB>, agencyId: number, filters: ApplicationFilters, options: Options) {
  const match = await applicationMatch(db, agencyId, filters.q);
  const search = match?.kind ?? null;
  if (match?.kind === 'nothing') return { base: null, search, probe: undefined, bounds: undefined };
  const bucket = filters.clock ?? (filters.overdueOnly ? 'overdue' : undefined);
  const thresholds = dueThresholds(options.calendar, options.today);
  const plain = db
    .selectFrom('applications')
    .where('agencyId', '=', agencyId)
    .$if(filters.state !== undefined, (q) => q.where('state', '=', filters.state as string))
    .$if(filters.applicantType !== undefined, (q) => q.where('applicantType', '=', filters.applicantType as string))
    .$if(filters.receivedFrom !== undefined, (q) => q.where('receivedOn', '>=', filters.receivedFrom as string))
    .$if(filters.receivedTo !== undefined, (q) => q.where('receivedOn', '<=', filters.receivedTo as string))
    .$if(bucket !== undefined, (q) => q.where(openState()).where(bucketCondition(bucket as ClockBucket, thresholds)))
    .$if(match?.kind === 'number', (q) => q.where('number', 'in', (match as { numbers: string[] }).numbers));
  if (match?.kind !== 'text') return { base: plain, search, probe: undefined, bounds: undefined };
  const probe: Probe = { db, plain, condition: match.condition, columns: ['search_document'] };
  return { base: plain.where(match.condition), search, probe, bounds: match.terms.map((t) => plain.where(t)) };
}
type Filtered = NonNullable<Awaited<ReturnType<typeof filtered>>['base']>;

const NO_DATE = '0001-01-01';
/** The key of the 收到日期 order (no date as the oldest): that of the index applications_agency_received_order (migration 0026). */
const RECEIVED_KEY = sql`coalesce(received_on, date '0001-01-01')`;
const STATE_ORDER = Object.keys(STATE_LABELS) as HandlingState[];

/** A cursor's date key, or `fallback` when it is not a date. */
const dateKey = (fallback: string) => (c: Cursor) => (typeof c.key === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.key) ? c.key : fallback);

/**
 * The sequence of the filtered applications in the chosen order (probed first where an index serves the
 * order). 到期日: the open ones by their stored 到期日 (those without one last), then the closed ones, which
 * have none, newest first.
 */
function sequenceOf(base: Filtered, sort: SortKey, direction: Direction, probe?: Probe): Sequence {
  const text = (c: Cursor) => (typeof c.key === 'string' ? c.key : String(c.key ?? ''));
  switch (sort) {
    case 'received':
      return columnSequence(base, RECEIVED_KEY, direction, 'date', dateKey(NO_DATE), probe);
    case 'number':
      return columnSequence(base, sql`number`, direction, 'text', text, probe);
    case 'state': {
      const rank = sql.join(STATE_ORDER.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`), sql` `);
      return columnSequence(base, sql`(case state ${rank} else 99 end)`, direction, 'int', (c) => (typeof c.key === 'number' ? c.key : Number(c.key) || 0));
    }
    case 'due': {
      const open = base.where(openState());
      const closed = base.where(sql<boolean>`not (${openState()})`);
      const size = async () => Number((await open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return concatSequence(columnSequence(open, sql`due_list_on`, direction, 'date', dateKey(NO_DUE)), columnSequence(closed, sql`id`, 'desc', 'int', (c) => c.id), size);
    }
  }
}

/** The order asked, or the default (newest receipt first). */
export function sortOf(sort: string | undefined, direction: string | undefined): { sort: SortKey; direction: Direction } {
  const key = (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'received';
  const dir = direction === 'asc' || direction === 'desc' ? direction : DEFAULT_DIRECTION[key];
  return { sort: key, direction: dir };
}

/** The rows of one page (its ids, at most a page: one array parameter) with the clock summaries of the open ones. */
async function itemsOf(db: Kysely<DB>, agencyId: number, ids: readonly number[], options: Options): Promise<ApplicationListItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('applications')
    .select(['id', 'number', 'applicantName', 'applicantType', 'channel', 'receivedOn', 'state', 'handler', 'closedOn', 'outcome'])
    .where('agencyId', '=', agencyId)
    .where(sql<boolean>`id = any(${[...ids]}::bigint[])`)
    .execute();
  const summaries = await clockSummaries(db, agencyId, { ...options, ids });
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id,
        number: r.number,
        applicantName: r.applicantName,
        applicantType: r.applicantType as ApplicantType,
        channel: r.channel,
        receivedOn: r.receivedOn,
        state: r.state as HandlingState,
        handler: r.handler,
        closedOn: r.closedOn,
        outcome: r.outcome,
        summary: summaries.get(id)?.summary ?? null,
      },
    ];
  });
}

export async function listApplications(db: Kysely<DB>, agencyId: number, filters: ApplicationFilters, options: Options): Promise<ApplicationList> {
  const { sort, direction } = sortOf(filters.sort, filters.direction);
  const limit = Math.max(1, Math.min(100, Math.trunc(filters.limit ?? PAGE_SIZE)));
  // the agency's stale due dates first (usually none): the buckets and 到期日 read them
  await refreshDueDates(db, options.calendar, options.today, { agencyId });
  const { base, search, probe, bounds } = await filtered(db, agencyId, filters, options);
  if (base === null) return { items: [], total: 0, exact: true, offset: 0, page: 1, pages: 1, pageSize: limit, next: null, prev: null, sort, direction, search };
  // an exact 编号 matches at most two rows (as typed and folded): the page reads them all, and its length is the count
  const byNumber = search === 'number' && filters.after === undefined && filters.before === undefined;
  const counted: { total: number; exact: boolean; whole?: boolean; rate?: number } = byNumber
    ? { total: 0, exact: true }
    : probe !== undefined && bounds !== undefined
      ? await countSearch(db, base, EXACT_TOTAL_MAX, { probe, key: RECEIVED_KEY, direction: 'desc', bounds })
      : await countOrEstimate(db, base, EXACT_TOTAL_MAX);
  // the probe reads a small list whole, and finds a common word's page (at the sample's rate, two pages in
  // its walk); a rarer word's matches in a large list are read on the GIN index and sorted at once
  const probing = counted.whole === true || (counted.rate ?? 0) * PROBE_ROWS >= 2 * (limit + 1);
  const sequence = sequenceOf(base, sort, direction, probing ? probe : undefined);
  const after = decodeCursor(filters.after);
  const before = after === null ? decodeCursor(filters.before) : null;
  let shown: Keyed[];
  let hasNext: boolean;
  let hasPrev: boolean;
  let offset: number | null = null;
  if (after !== null || before !== null) {
    const read = after !== null ? await sequence.forward(after, limit + 1) : await sequence.backward(before, limit + 1);
    const more = read.length > limit;
    shown = read.slice(0, limit);
    if (before !== null) shown.reverse();
    hasNext = before !== null ? true : more;
    hasPrev = before !== null ? more : true;
    const first = shown[0];
    if (counted.exact && first) offset = await sequence.position({ key: first.key, id: first.id });
  } else {
    const pages = counted.exact ? Math.max(1, Math.ceil(counted.total / limit)) : Number.MAX_SAFE_INTEGER;
    const page = Math.min(Math.max(1, Math.trunc(filters.page ?? 1)), pages);
    offset = (page - 1) * limit;
    const read = await sequence.at(offset, limit + 1);
    if (byNumber) counted.total = read.length;
    shown = read.slice(0, limit);
    hasNext = read.length > limit;
    hasPrev = offset > 0;
    if (!counted.exact && shown.length === 0) offset = null;
  }
  const first = shown[0];
  const last = shown[shown.length - 1];
  const cursor = (r: Keyed) => encodeCursor({ key: r.key, id: r.id });
  const pages = counted.exact ? Math.max(1, Math.ceil(counted.total / limit)) : null;
  const page = pages !== null && offset !== null && offset % limit === 0 ? offset / limit + 1 : null;
  return {
    items: await itemsOf(db, agencyId, shown.map((r) => r.id), options),
    total: counted.total,
    exact: counted.exact,
    offset: counted.exact ? offset : null,
    page,
    pages,
    pageSize: limit,
    next: hasNext && last ? cursor(last) : null,
    prev: hasPrev && first ? cursor(first) : null,
    sort,
    direction,
    search,
  };
}

/** Every filtered application's id in the chosen order, at most `max` (the export). */
export async function orderedIds(db: Kysely<DB>, agencyId: number, filters: ApplicationFilters, options: Options, max: number): Promise<number[]> {
  const { sort, direction } = sortOf(filters.sort, filters.direction);
  await refreshDueDates(db, options.calendar, options.today, { agencyId });
  const { base } = await filtered(db, agencyId, filters, options);
  if (base === null) return [];
  const sequence = sequenceOf(base, sort, direction);
  return (await sequence.forward(null, max)).map((r) => r.id);
}

/**
 * A stored document of the agency, with its printable HTML (another agency's is not found). Read here
 * for the workspace's document view; documents.ts has the DOCX.
 */
export async function agencyDocument(
  db: Kysely<DB>,
  agencyId: number,
  documentId: number,
): Promise<{ ok: true; value: { id: number; applicationId: number; number: string; title: string; html: string } } | { ok: false; error: { code: 'DOCUMENT_NOT_FOUND'; message: string } }> {
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'applicationId', 'number', 'title', 'html'])
    .where('id', '=', documentId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!doc) return { ok: false, error: { code: 'DOCUMENT_NOT_FOUND', message: '没有找到该文书。' } };
  return { ok: true, value: doc };
}
