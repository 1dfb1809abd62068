// The register of 不予公开 decisions (条例第十八条: 定期评估审查): every reply of a 不予公开 kind or 部分公开
// (applications answered, their outcome and legal basis) and every catalogue item whose 公开属性 is 不予公开
// (its reason and article), each with its latest review and the next review date — the latest review, or
// the decision, plus the agency's withheld_review_months (date + interval: the corresponding day, or the
// month's last day). One SQL statement over both sources; entries released (转为公开) have no next date.

import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Outcome } from '../../domain/applications/types.ts';
import { OUTCOMES } from '../../domain/applications/types.ts';
import { articleLabel } from '../../domain/catalogue/disclosure.ts';
import { DEFAULT_REVIEW_MONTHS, WITHHELD_OUTCOMES } from '../../domain/withheld/rules.ts';
import type { ReviewOutcome, WithheldSource } from '../../domain/withheld/rules.ts';

/** The most entries the page lists (the due ones first). */
export const REGISTER_ROWS = 500;

export interface WithheldEntry {
  source: WithheldSource;
  sourceId: number;
  /** 编号 of the application, 索引号 of the item */
  label: string;
  /** the information: the request, the item's title */
  subject: string;
  /** the ground in words: the outcome's label and legal basis, or the item's article and reason */
  ground: string;
  decidedOn: string;
  lastReviewedOn: string | null;
  lastOutcome: ReviewOutcome | null;
  /** released from an application: the catalogue draft made */
  releasedItemId: number | null;
  /** null: released, no further review */
  nextReviewOn: string | null;
  /** the next review date is today or past */
  due: boolean;
  /** the catalogue item's state (catalogue entries) */
  itemState: string | null;
}

interface Row {
  source: string;
  sourceId: string | number;
  label: string;
  subject: string;
  groundCode: string | null;
  basis: string | null;
  decidedOn: string;
  itemState: string | null;
  lastReviewedOn: string | null;
  lastOutcome: string | null;
  releasedItemId: string | number | null;
  nextReviewOn: string | null;
}

/** The agency's period between reviews, in months. */
export async function reviewMonths(db: Kysely<DB>, agencyId: number): Promise<number> {
  const row = await db.selectFrom('agencies').select('withheldReviewMonths').where('id', '=', agencyId).executeTakeFirst();
  return row?.withheldReviewMonths ?? DEFAULT_REVIEW_MONTHS;
}

/** The entries of the register with their latest review and next date, as a SQL subquery. */
function entries(agencyId: number, months: number): RawBuilder<Row> {
  const outcomes = sql.join(WITHHELD_OUTCOMES.map((o) => sql`${o}`));
  return sql<Row>`(
    with e as (
      select 'application'::text as source, a.id as source_id, a.number as label, a.request as subject, a.outcome as ground_code,
             a.legal_basis as basis, a.closed_on as decided_on, null::text as item_state
        from applications a
       where a.agency_id = ${agencyId} and a.state in ('replied', 'delivered', 'archived') and a.outcome in (${outcomes}) and a.closed_on is not null
      union all
      select 'catalogue'::text, i.id, i.index_number, i.title, i.disclosure_article, i.disclosure_reason,
             coalesce(i.disclosure_on, ((i.created_at at time zone 'UTC') + interval '8 hours')::date), i.state
        from catalogue_items i
       where i.agency_id = ${agencyId} and i.disclosure = '不予公开'
    )
    select e.source, e.source_id, e.label, e.subject, e.ground_code, e.basis, e.decided_on::text as decided_on, e.item_state,
           r.reviewed_on::text as last_reviewed_on, r.outcome as last_outcome, r.catalogue_item_id as released_item_id,
           case when r.outcome = 'released' then null
                else (coalesce(r.reviewed_on, e.decided_on) + make_interval(months => ${months}::int))::date::text end as next_review_on
      from e
      left join lateral (
        select w.reviewed_on, w.outcome, w.catalogue_item_id from withheld_reviews w
         where w.agency_id = ${agencyId} and w.source = e.source and w.source_id = e.source_id
         order by w.reviewed_on desc, w.id desc limit 1
      ) r on true
  )`;
}

const toEntry = (r: Row, today: string): WithheldEntry => {
  const source = r.source as WithheldSource;
  const ground =
    source === 'application'
      ? [r.groundCode !== null && r.groundCode in OUTCOMES ? OUTCOMES[r.groundCode as Outcome].label : (r.groundCode ?? ''), r.basis ?? ''].filter((s) => s !== '').join('；依据：')
      : [articleLabel(r.groundCode), r.basis ?? ''].filter((s) => s !== '').join('；理由：');
  return {
    source,
    sourceId: Number(r.sourceId),
    label: r.label,
    subject: r.subject,
    ground,
    decidedOn: r.decidedOn,
    lastReviewedOn: r.lastReviewedOn,
    lastOutcome: r.lastOutcome as ReviewOutcome | null,
    releasedItemId: r.releasedItemId === null ? null : Number(r.releasedItemId),
    nextReviewOn: r.nextReviewOn,
    due: r.nextReviewOn !== null && r.nextReviewOn <= today,
    itemState: r.itemState,
  };
};

/** The register: due entries first (earliest next review), then the others, the released last. */
export async function withheldRegister(db: Kysely<DB>, agencyId: number, options: { today: string; dueOnly?: boolean; limit?: number }): Promise<{ months: number; entries: WithheldEntry[]; due: number }> {
  const months = await reviewMonths(db, agencyId);
  const where = options.dueOnly ? sql`where x.next_review_on <= ${options.today}` : sql``;
  const [rows, due] = await Promise.all([
    sql<Row>`select * from ${entries(agencyId, months)} x ${where} order by x.next_review_on is null, x.next_review_on, x.decided_on, x.source, x.source_id limit ${options.limit ?? REGISTER_ROWS}`.execute(db),
    countDue(db, agencyId, options.today, months),
  ]);
  return { months, entries: rows.rows.map((r) => toEntry(r, options.today)), due };
}

/** One entry of the register, or undefined (not withheld, or not the agency's). */
export async function withheldEntry(db: Kysely<DB>, agencyId: number, source: WithheldSource, sourceId: number, today: string): Promise<WithheldEntry | undefined> {
  const months = await reviewMonths(db, agencyId);
  const rows = await sql<Row>`select * from ${entries(agencyId, months)} x where x.source = ${source} and x.source_id = ${sourceId}`.execute(db);
  const row = rows.rows[0];
  return row === undefined ? undefined : toEntry(row, today);
}

/** How many entries are due for review on `today` (the dashboard's 不予公开信息到期待审查). */
export async function countDue(db: Kysely<DB>, agencyId: number, today: string, months?: number): Promise<number> {
  const m = months ?? (await reviewMonths(db, agencyId));
  const r = await sql<{ n: number }>`select count(*)::int as n from ${entries(agencyId, m)} x where x.next_review_on <= ${today}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
