// The facts behind the annual report's prose (report_facts, migration 0015): listed, added, changed and
// deleted per agency and reporting year by its staff; the problems last year's published report named,
// carried over as facts whose follow-up the office then writes; and a clerk's wording of the drafted
// sentences (report_draft_edits). Every write is one transaction with its audit entry; a refusal writes
// nothing. What each kind holds is domain/report/facts/kinds.ts's.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DomainError, DomainResult } from '../domain/applications/types.ts';
import { checkFact, factInput, isFactKind, KIND_SPECS, readFact, type FactData, type FactKind, type ReportFact } from '../domain/report/facts/kinds.ts';
import { problemsNamed } from '../domain/report/facts/previous.ts';
import type { DraftEdit } from '../domain/report/draft/types.ts';
import { inputRefusal, text } from '../domain/text-rules.ts';
import { record } from './audit.ts';
import { inTransaction, refuse } from './catalogue/items.ts';
import { publishedReportOf } from './report-previous.ts';

/** Who writes, and when. */
export interface FactsActor {
  userId: number | null;
  /** ISO timestamp */
  now: string;
  ip?: string | null;
}

export interface StoredFact {
  id: number;
  year: number;
  kind: FactKind;
  parentId: number | null;
  data: FactData;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** Most facts of one kind a year holds (a report is a few pages). */
export const MAX_FACTS_PER_KIND = 200;
export const SENTENCE_ID_MAX = 200;
export const EDIT_MAX = 4000;

const fail = <T>(error: DomainError): DomainResult<T> => ({ ok: false, error });
const NOT_FOUND: DomainError = { code: 'NOT_FOUND', message: '没有找到这条年报素材（可能已被删除，或不属于本机关）。' };

/** The reporting years facts may be entered for: 2008 (the first reports) to the current year. */
export function checkYear(year: number, now: string): DomainResult<number> {
  const current = Number(now.slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > current) return fail({ code: 'INVALID_YEAR', message: `年度应为2008年至${current}年之间的四位数年份。`, field: 'year' });
  return { ok: true, value: year };
}

const audit = (trx: Kysely<DB>, actor: FactsActor, agencyId: number, action: string, target: string, detail: Record<string, unknown>) =>
  record(trx, { userId: actor.userId, agencyId, action, target, detail, ip: actor.ip ?? null, at: actor.now });

/** The facts of an agency's year, in the order they were entered, with who entered and changed them. */
export async function listFacts(db: Kysely<DB>, agencyId: number, year: number): Promise<StoredFact[]> {
  const rows = await db
    .selectFrom('reportFacts as f')
    .leftJoin('users as c', 'c.id', 'f.createdBy')
    .leftJoin('users as u', 'u.id', 'f.updatedBy')
    .select(['f.id', 'f.year', 'f.kind', 'f.parentId', 'f.data', 'f.version', 'f.createdAt', 'c.displayName as createdBy', 'f.updatedAt', 'u.displayName as updatedBy'])
    .where('f.agencyId', '=', agencyId)
    .where('f.year', '=', year)
    .orderBy('f.id')
    .execute();
  return rows.filter((r) => isFactKind(r.kind)).map((r) => ({ ...r, id: Number(r.id), parentId: r.parentId === null ? null : Number(r.parentId), kind: r.kind as FactKind, data: r.data as FactData }));
}

/** The facts as the draft reads them (a row whose data no longer fits its kind is left out). */
export function readFacts(stored: readonly StoredFact[]): ReportFact[] {
  return stored.map((f) => readFact(f)).filter((f): f is ReportFact => f !== null);
}

export async function getFact(db: Kysely<DB>, agencyId: number, id: number): Promise<StoredFact | undefined> {
  const row = await db.selectFrom('reportFacts').select('year').where('id', '=', id).where('agencyId', '=', agencyId).executeTakeFirst();
  if (!row) return undefined;
  return (await listFacts(db, agencyId, row.year)).find((f) => f.id === id);
}

function parse(kind: FactKind, input: Record<string, string>, year: number): DomainResult<FactData> {
  const parsed = factInput(kind).safeParse(input);
  if (!parsed.success) {
    const r = inputRefusal(parsed.error);
    return fail({ code: r.code, message: r.message, field: r.field });
  }
  return checkFact(kind, parsed.data as Record<string, string | undefined>, year);
}

/** Adds a fact of a kind to an agency's year; a suggestion names its event (`parentId`). */
export async function createFact(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  kind: string,
  input: Record<string, string>,
  parentId: number | null,
  actor: FactsActor,
): Promise<DomainResult<StoredFact>> {
  const y = checkYear(year, actor.now);
  if (!y.ok) return y;
  if (!isFactKind(kind)) return fail({ code: 'UNKNOWN_KIND', message: `年报素材的类别“${kind.slice(0, 20)}”不存在。`, field: 'kind' });
  const spec = KIND_SPECS[kind];
  const data = parse(kind, input, year);
  if (!data.ok) return data;
  if (spec.parent === undefined && parentId !== null) return fail({ code: 'PARENT_NOT_ALLOWED', message: `${spec.label}不隶属于其他素材。`, field: 'parentId' });
  const created = await inTransaction(db, async (trx) => {
    if (spec.parent !== undefined) {
      const parentLabel = KIND_SPECS[spec.parent].label;
      if (parentId === null) refuse({ code: 'PARENT_REQUIRED', message: `请先选择${spec.label}所属的${parentLabel}。`, field: 'parentId' });
      const parent = await trx.selectFrom('reportFacts').select(['id']).where('id', '=', parentId).where('agencyId', '=', agencyId).where('year', '=', year).where('kind', '=', spec.parent).forUpdate().executeTakeFirst();
      if (!parent) refuse({ code: 'PARENT_NOT_FOUND', message: `没有找到${spec.label}所属的${parentLabel}（可能已被删除），请刷新页面后重试。`, field: 'parentId' });
    }
    // the agency row serialises concurrent additions to one year (the single profile, the per-kind cap)
    await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).forUpdate().executeTakeFirstOrThrow();
    const count = await trx.selectFrom('reportFacts').select((eb) => eb.fn.countAll<number>().as('n')).where('agencyId', '=', agencyId).where('year', '=', year).where('kind', '=', kind).executeTakeFirstOrThrow();
    const n = Number(count.n);
    if (spec.single && n > 0) refuse({ code: 'FACT_EXISTS', message: `${year}年度已登记${spec.label}，请修改已有的一条。` });
    if (n >= MAX_FACTS_PER_KIND) refuse({ code: 'TOO_MANY_FACTS', message: `${year}年度的${spec.label}已有${n}条，达到上限。请合并或删除不需要的条目。` });
    const row = await trx
      .insertInto('reportFacts')
      .values({ agencyId, year, kind, parentId, data: JSON.stringify(data.value), createdBy: actor.userId, createdAt: actor.now, updatedBy: actor.userId, updatedAt: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await audit(trx, actor, agencyId, 'report_fact.create', `report_fact:${id}`, { year, kind, parentId, data: data.value });
    return id;
  });
  if (!created.ok) return created;
  const fact = await getFact(db, agencyId, created.value);
  if (!fact) throw new Error('report fact vanished after creation');
  return { ok: true, value: fact };
}

/** Changes a fact; `version` is the one the form was made from (someone else's change in between is refused). */
export async function updateFact(db: Kysely<DB>, agencyId: number, id: number, input: Record<string, string>, version: number, actor: FactsActor): Promise<DomainResult<StoredFact>> {
  const done = await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('reportFacts').select(['id', 'year', 'kind', 'data', 'version']).where('id', '=', id).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (!row || !isFactKind(row.kind)) refuse(NOT_FOUND);
    if (row.version !== version) refuse({ code: 'VERSION_CONFLICT', message: '这条素材在您打开之后已被他人修改。请刷新页面，在最新内容的基础上重新修改。' });
    const data = parse(row.kind, input, row.year);
    if (!data.ok) refuse(data.error);
    await trx.updateTable('reportFacts').set({ data: JSON.stringify(data.value), version: row.version + 1, updatedBy: actor.userId, updatedAt: actor.now }).where('id', '=', id).execute();
    await audit(trx, actor, agencyId, 'report_fact.update', `report_fact:${id}`, { year: row.year, kind: row.kind, before: row.data, after: data.value });
    return null;
  });
  if (!done.ok) return done;
  const fact = await getFact(db, agencyId, id);
  if (!fact) throw new Error('report fact vanished after update');
  return { ok: true, value: fact };
}

/** Deletes a fact, and the facts recorded under it (an event's suggestions), in one transaction. */
export async function deleteFact(db: Kysely<DB>, agencyId: number, id: number, actor: FactsActor): Promise<DomainResult<{ deleted: number }>> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('reportFacts').select(['id', 'year', 'kind', 'data']).where('id', '=', id).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (!row) refuse(NOT_FOUND);
    const children = await trx.deleteFrom('reportFacts').where('parentId', '=', id).where('agencyId', '=', agencyId).returning(['id', 'kind', 'data']).execute();
    await trx.deleteFrom('reportFacts').where('id', '=', id).execute();
    await audit(trx, actor, agencyId, 'report_fact.delete', `report_fact:${id}`, { year: row.year, kind: row.kind, data: row.data, children: children.map((c) => ({ id: Number(c.id), kind: c.kind, data: c.data })) });
    return { deleted: 1 + children.length };
  });
}

/**
 * Carries the problems last year's published report named (its section 五) into this year's facts, as
 * problems of last year whose follow-up the office then writes. Refused when no report of last year is
 * published, when it names none the platform can read (enter them by hand), or when they were carried.
 */
export async function carryProblems(db: Kysely<DB>, agencyId: number, year: number, actor: FactsActor): Promise<DomainResult<StoredFact[]>> {
  const y = checkYear(year, actor.now);
  if (!y.ok) return y;
  const last = year - 1;
  const report = await publishedReportOf(db, agencyId, last);
  if (report === null) return fail({ code: 'NO_PREVIOUS_REPORT', message: `本机关没有在平台上发布${last}年度的年度报告，无法导入。请在“存在的问题”中逐条登记上年度报告提出的问题（来源选“上年度报告提出的问题”）。` });
  const problems = problemsNamed(report.text?.problems);
  if (problems.length === 0) {
    return fail({ code: 'NO_PROBLEMS_FOUND', message: `没有从${last}年度报告的“五、存在的主要问题及改进情况”中读出逐条列举的问题（“一是……二是……”）。请在“存在的问题”中逐条登记。` });
  }
  const done = await inTransaction(db, async (trx) => {
    await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).forUpdate().executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('reportFacts').select(['data']).where('agencyId', '=', agencyId).where('year', '=', year).where('kind', '=', 'problem').execute();
    if (existing.some((r) => (r.data as Record<string, unknown>)['origin'] === 'previous')) {
      refuse({ code: 'ALREADY_CARRIED', message: `${year}年度已登记了上年度报告提出的问题，没有重复导入。如需重新导入，请先删除已登记的上年度问题。` });
    }
    const ids: number[] = [];
    for (const problem of problems) {
      const data = checkFact('problem', { origin: 'previous', text: problem.slice(0, 1000), followUp: '', state: '' }, year);
      if (!data.ok) continue;
      const row = await trx
        .insertInto('reportFacts')
        .values({ agencyId, year, kind: 'problem', parentId: null, data: JSON.stringify(data.value), createdBy: actor.userId, createdAt: actor.now, updatedBy: actor.userId, updatedAt: actor.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(Number(row.id));
    }
    await audit(trx, actor, agencyId, 'report_fact.carry', `report_facts:${year}`, { from: last, problems: ids });
    return ids;
  });
  if (!done.ok) return done;
  const all = await listFacts(db, agencyId, year);
  return { ok: true, value: all.filter((f) => done.value.includes(f.id)) };
}

// --- a clerk's wording of drafted sentences

export interface StoredEdit extends DraftEdit {
  updatedAt: string;
  updatedBy: string | null;
}

export async function listEdits(db: Kysely<DB>, agencyId: number, year: number): Promise<StoredEdit[]> {
  const rows = await db
    .selectFrom('reportDraftEdits as e')
    .leftJoin('users as u', 'u.id', 'e.updatedBy')
    .select(['e.sentenceId', 'e.text', 'e.original', 'e.updatedAt', 'u.displayName as updatedBy'])
    .where('e.agencyId', '=', agencyId)
    .where('e.year', '=', year)
    .orderBy('e.id')
    .execute();
  return rows;
}

const editInput = text('句子', EDIT_MAX, { multiline: true });
const SENTENCE_ID = /^[a-z]+(?:\.[a-z0-9]+){1,6}$/;

/**
 * Keeps a clerk's wording of the sentence `sentenceId` (as the draft names it); '' leaves the sentence
 * out. `original` is the generated sentence the clerk saw, kept to tell later when the facts behind it
 * have changed. Whether the sentence exists is the caller's (the draft's) to know.
 */
export async function saveEdit(db: Kysely<DB>, agencyId: number, year: number, sentenceId: string, wording: string, original: string, actor: FactsActor): Promise<DomainResult<StoredEdit>> {
  const y = checkYear(year, actor.now);
  if (!y.ok) return y;
  if (sentenceId.length > SENTENCE_ID_MAX || !SENTENCE_ID.test(sentenceId)) return fail({ code: 'NOT_FOUND', message: '没有找到要修改的句子，请刷新页面后重试。' });
  const parsed = editInput.safeParse(wording);
  if (!parsed.success) {
    const r = inputRefusal(parsed.error);
    return fail({ code: r.code, message: r.message, field: 'text' });
  }
  const clean = parsed.data.replace(/\s*\n\s*/g, '').trim();
  const done = await inTransaction(db, async (trx) => {
    const values = { text: clean, original: original.slice(0, EDIT_MAX), updatedBy: actor.userId, updatedAt: actor.now };
    await trx
      .insertInto('reportDraftEdits')
      .values({ agencyId, year, sentenceId, ...values })
      .onConflict((oc) => oc.columns(['agencyId', 'year', 'sentenceId']).doUpdateSet(values))
      .execute();
    await audit(trx, actor, agencyId, 'report_draft.edit', `report_draft:${year}`, { sentenceId, text: clean, original: values.original });
    return null;
  });
  if (!done.ok) return done;
  const edit = (await listEdits(db, agencyId, year)).find((e) => e.sentenceId === sentenceId);
  if (!edit) throw new Error('draft edit vanished after saving');
  return { ok: true, value: edit };
}

/** Goes back to the generated wording of a sentence. */
export async function revertEdit(db: Kysely<DB>, agencyId: number, year: number, sentenceId: string, actor: FactsActor): Promise<DomainResult<null>> {
  return inTransaction(db, async (trx) => {
    const gone = await trx.deleteFrom('reportDraftEdits').where('agencyId', '=', agencyId).where('year', '=', year).where('sentenceId', '=', sentenceId).returning(['text']).executeTakeFirst();
    if (!gone) refuse({ code: 'NOT_FOUND', message: '这句话没有修改过，无需恢复。' });
    await audit(trx, actor, agencyId, 'report_draft.revert', `report_draft:${year}`, { sentenceId, text: gone.text });
    return null;
  });
}
