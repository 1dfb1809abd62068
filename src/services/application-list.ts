// The application list of the staff workspace: an agency's applications, filtered (state, applicant type,
// received between two dates, overdue only) and searched (编号, applicant, request text; the words are
// matched literally — % and _ typed by the official match themselves), newest receipt first, 50 a page,
// each open one with its clock summary (dashboard.ts).

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { ApplicantType, HandlingState } from '../domain/applications/types.ts';
import { clockSummaries } from './dashboard.ts';
import type { ClockSummary } from './dashboard.ts';

export const PAGE_SIZE = 50;

export interface ApplicationFilters {
  state?: HandlingState;
  applicantType?: ApplicantType;
  /** received on or after (YYYY-MM-DD) */
  receivedFrom?: string;
  /** received on or before (YYYY-MM-DD) */
  receivedTo?: string;
  /** only open applications with an overdue clock on `today` */
  overdueOnly?: boolean;
  /** words searched in 编号, applicant name and request (each word must match one of them) */
  q?: string;
  /** 1-based */
  page?: number;
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
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** A LIKE pattern matching `text` literally anywhere (backslash is PostgreSQL's default LIKE escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Search words: split on white space (ASCII and ideographic), at most 8, each at most 100 characters. */
function words(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s\u3000]+/)
    .map((w) => w.trim().slice(0, 100))
    .filter((w) => w !== '')
    .slice(0, 8);
}

export async function listApplications(
  db: Kysely<DB>,
  agencyId: number,
  filters: ApplicationFilters,
  options: { calendar: WorkingCalendar; today: string },
): Promise<ApplicationList> {
  let overdueIds: number[] | null = null;
  if (filters.overdueOnly) {
    const summaries = await clockSummaries(db, agencyId, options);
    overdueIds = [...summaries].filter(([, s]) => s.summary.bucket === 'overdue').map(([id]) => id);
    if (overdueIds.length === 0) return { items: [], total: 0, page: 1, pages: 1, pageSize: PAGE_SIZE };
  }
  const ws = words(filters.q);
  const base = db
    .selectFrom('applications')
    .where('agencyId', '=', agencyId)
    .$if(filters.state !== undefined, (q) => q.where('state', '=', filters.state as string))
    .$if(filters.applicantType !== undefined, (q) => q.where('applicantType', '=', filters.applicantType as string))
    .$if(filters.receivedFrom !== undefined, (q) => q.where('receivedOn', '>=', filters.receivedFrom as string))
    .$if(filters.receivedTo !== undefined, (q) => q.where('receivedOn', '<=', filters.receivedTo as string))
    .$if(overdueIds !== null, (q) => q.where('id', 'in', overdueIds as number[]))
    .$if(ws.length > 0, (q) =>
      q.where((eb) =>
        eb.and(
          ws.map((w) => {
            const pattern = containsPattern(w);
            return eb.or([eb('number', 'ilike', pattern), eb('applicantName', 'ilike', pattern), eb('request', 'ilike', pattern)]);
          }),
        ),
      ),
    );
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(filters.page ?? 1)), pages);
  const rows = await base
    .select(['id', 'number', 'applicantName', 'applicantType', 'channel', 'receivedOn', 'state', 'handler', 'closedOn', 'outcome'])
    .orderBy('receivedOn', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const summaries = await clockSummaries(db, agencyId, { ...options, ids: rows.map((r) => r.id) });
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      applicantName: r.applicantName,
      applicantType: r.applicantType as ApplicantType,
      channel: r.channel,
      receivedOn: r.receivedOn,
      state: r.state as HandlingState,
      handler: r.handler,
      closedOn: r.closedOn,
      outcome: r.outcome,
      summary: summaries.get(r.id)?.summary ?? null,
    })),
    total,
    page,
    pages,
    pageSize: PAGE_SIZE,
  };
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
