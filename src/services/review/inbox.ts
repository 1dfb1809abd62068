// The review inbox (待我审核): everything waiting for a person in an agency — every open round whose
// waiting stage belongs to that agency (its own subjects, or a department's sent up to it) and names one
// of the person's roles there, less the rounds where the same-person rule bars them. One query over
// review_pending, whatever the subject (catalogue items now; the annual report and 政务新媒体 posts join
// by opening rounds), keyset-paginated oldest first (services/keyset.ts).

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReviewSubject } from '../../domain/review/chain.ts';
import type { SessionUser } from '../accounts/roles.ts';
import { pageOf } from '../keyset.ts';
import type { Page, PageRequest } from '../keyset.ts';

export interface InboxEntry {
  /** the open round */
  id: number;
  subject: ReviewSubject;
  subjectId: number;
  title: string;
  /** the subject's agency (another one's when a department sent it up) */
  agencyCode: string;
  agencyName: string;
  stage: number;
  stageName: string;
  stageCount: number;
  submittedByName: string;
  waitingSince: string;
}

function filtered(db: Kysely<DB>, user: SessionUser, agencyId: number) {
  const roles = [...new Set(user.memberships.filter((m) => m.agencyId === agencyId).map((m) => m.role as string))];
  return db
    .selectFrom('reviewPending as p')
    .innerJoin('agencies as a', 'a.id', 'p.agencyId')
    .where('p.stageAgencyId', '=', agencyId)
    .where((eb) => (roles.length === 0 ? sql<boolean>`false` : eb.or(roles.map((r) => eb('p.stageRoles', 'like', `%,${r},%`)))))
    .where((eb) =>
      eb.or([
        eb('p.allowSamePerson', '=', true),
        eb.not(
          eb.exists(
            eb
              .selectFrom('reviewDecisions as d')
              .select('d.id')
              .whereRef('d.subject', '=', 'p.subject')
              .whereRef('d.subjectId', '=', 'p.subjectId')
              .whereRef('d.id', '>=', 'p.roundStart')
              .whereRef('d.stage', '<>', 'p.stage')
              .where('d.decision', '=', 'approve')
              .where('d.actorId', '=', user.id),
          ),
        ),
      ]),
    );
}

/** One page of the person's inbox in the agency, oldest waiting first. */
export async function inbox(db: Kysely<DB>, user: SessionUser, agencyId: number, request: PageRequest): Promise<Page<InboxEntry> & { total: number }> {
  const given = request.before ?? request.after ?? null;
  // a cursor whose key is not a moment (hand-made) means the first page, as any cursor that does not decode
  const cursor = given !== null && typeof given.key === 'string' && !Number.isNaN(Date.parse(given.key)) ? given : null;
  const asked: PageRequest = cursor === null ? { limit: request.limit } : request;
  const backwards = asked.before !== undefined && asked.before !== null;
  const rows = await filtered(db, user, agencyId)
    .select(['p.id', 'p.subject', 'p.subjectId', 'p.title', 'a.code as agencyCode', 'a.name as agencyName', 'p.stage', 'p.stages', 'p.submittedByName', 'p.waitingSince'])
    .$if(cursor !== undefined && cursor !== null, (q) =>
      q.where(sql<boolean>`(p.waiting_since, p.id) ${sql.raw(backwards ? '<' : '>')} (${String(cursor?.key ?? '')}::timestamptz, ${cursor?.id ?? 0})`),
    )
    .orderBy('p.waitingSince', backwards ? 'desc' : 'asc')
    .orderBy('p.id', backwards ? 'desc' : 'asc')
    .limit(request.limit + 1)
    .execute();
  const count = await filtered(db, user, agencyId).select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const entries: InboxEntry[] = rows.map((r) => {
    const stages = Array.isArray(r.stages) ? (r.stages as { name?: unknown }[]) : [];
    const name = stages[r.stage - 1]?.name;
    return {
      id: r.id,
      subject: r.subject as ReviewSubject,
      subjectId: r.subjectId,
      title: r.title,
      agencyCode: r.agencyCode,
      agencyName: r.agencyName,
      stage: r.stage,
      stageName: typeof name === 'string' ? name : `第${r.stage}环节`,
      stageCount: stages.length,
      submittedByName: r.submittedByName,
      waitingSince: r.waitingSince,
    };
  });
  const page = pageOf(entries, asked, (e) => ({ key: e.waitingSince, id: e.id }));
  return { ...page, total: count?.n ?? 0 };
}
