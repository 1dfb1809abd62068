// The agency's register of 行政复议 and 行政诉讼 cases (review_cases), table 四's source. A case is
// created or changed in one transaction with a version snapshot (review_case_versions: every state it
// had, for the report as of a past date) and its audit entry; a refusal writes nothing. The checks of
// domain/records/inputs.ts first, then the agency's records: 案号 unique in the agency, the application
// by its 编号 (same agency), the reconsideration case of a lawsuit after reconsideration (same agency, a
// 行政复议 case, received no later than the lawsuit). A push of a case exactly as recorded writes nothing
// ("unchanged"), so systems may push repeatedly.

import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { checkCase } from '../../domain/records/inputs.ts';
import type { CaseFields } from '../../domain/records/inputs.ts';
import { CASE_TYPE_LABELS } from '../../domain/records/vocab.ts';
import type { CaseType } from '../../domain/records/vocab.ts';
import { record } from '../audit.ts';
import { getCase } from './case-queries.ts';
import type { ReviewCase } from './case-queries.ts';
import type { RecordsActor } from './counts.ts';

export { allCases, caseByNumber, caseFacts, casesOfApplication, caseVersions, getCase, listCases } from './case-queries.ts';
export type { CaseFilter, CaseVersion, ReviewCase } from './case-queries.ts';

export interface SavedCase {
  case: ReviewCase;
  /** 'created' | 'updated' | 'unchanged' (a push equal to the record: nothing written) */
  status: 'created' | 'updated' | 'unchanged';
}

/** How a case is saved: a new case (its 案号 must be new), by its 案号 (create or update: imports and the API), or a known case by id. */
export type SaveMode = { mode: 'create' } | { mode: 'upsert' } | { mode: 'update'; id: number };

const fail = (error: DomainError): { ok: false; error: DomainError } => ({ ok: false, error });

/** A refusal inside the writing transaction (rolls it back). */
class Refused extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

/** The snapshot of a case's fields kept in its versions (and compared to decide "unchanged"). */
function snapshotOf(c: Omit<ReviewCase, 'id' | 'version' | 'createdAt' | 'updatedAt'>): Record<string, unknown> {
  return {
    caseNumber: c.caseNumber,
    type: c.type,
    body: c.body,
    applicationId: c.applicationId,
    applicationNumber: c.applicationNumber,
    reconsiderationId: c.reconsiderationId,
    reconsiderationCaseNumber: c.reconsiderationCaseNumber,
    receivedOn: c.receivedOn,
    concludedOn: c.concludedOn,
    result: c.result,
    notes: c.notes,
  };
}

/** The agency's records behind a checked case: its application and reconsideration case, resolved; or the refusal. */
export async function resolveCase(
  db: Kysely<DB>,
  agencyId: number,
  fields: CaseFields,
  self: number | null,
  pendingReconsiderations: ReadonlyMap<string, { receivedOn: string }> = new Map(),
): Promise<DomainResult<{ applicationId: number | null; reconsiderationId: number | null | 'pending' }>> {
  let applicationId: number | null = null;
  if (fields.applicationNumber !== '') {
    const app = await db.selectFrom('applications').select(['id', 'receivedOn', 'submittedOn']).where('agencyId', '=', agencyId).where('number', '=', fields.applicationNumber).executeTakeFirst();
    if (!app) return fail({ code: 'APPLICATION_NOT_FOUND', message: `本机关没有编号为“${fields.applicationNumber}”的申请，请核对关联申请编号（不关联申请的留空）。`, field: 'applicationNumber' });
    if (fields.receivedOn < app.submittedOn) return fail({ code: 'CASE_BEFORE_APPLICATION', message: `收到日期${fields.receivedOn}早于关联申请${fields.applicationNumber}的提交日期${app.submittedOn}，请核对日期或关联的申请。`, field: 'receivedOn' });
    applicationId = Number(app.id);
  }
  let reconsiderationId: number | null | 'pending' = null;
  if (fields.reconsiderationCaseNumber !== '') {
    const inFile = pendingReconsiderations.get(fields.reconsiderationCaseNumber);
    const found = await db.selectFrom('reviewCases').select(['id', 'type', 'receivedOn']).where('agencyId', '=', agencyId).where('caseNumber', '=', fields.reconsiderationCaseNumber).executeTakeFirst();
    const linked = inFile ?? (found ? { receivedOn: found.receivedOn, type: found.type } : undefined);
    if (!linked) return fail({ code: 'RECONSIDERATION_NOT_FOUND', message: `本机关没有案号为“${fields.reconsiderationCaseNumber}”的行政复议案件；请先登记该复议案件，或核对关联复议案号。`, field: 'reconsiderationCaseNumber' });
    if (!inFile && found && found.type !== 'reconsideration')
      return fail({ code: 'RECONSIDERATION_NOT_FOUND', message: `案号“${fields.reconsiderationCaseNumber}”的案件是“${CASE_TYPE_LABELS[found.type as CaseType]}”，不是行政复议案件；复议后起诉应关联其行政复议案件。`, field: 'reconsiderationCaseNumber' });
    if (fields.receivedOn < linked.receivedOn)
      return fail({ code: 'LAWSUIT_BEFORE_RECONSIDERATION', message: `复议后起诉的收到日期${fields.receivedOn}早于所关联行政复议案件的收到日期${linked.receivedOn}，请核对日期或关联复议案号。`, field: 'receivedOn' });
    reconsiderationId = inFile ? 'pending' : Number((found as { id: number }).id);
    if (self !== null && reconsiderationId === self) return fail({ code: 'RECONSIDERATION_LINK_SELF', message: '关联复议案号不能是本案自己的案号。', field: 'reconsiderationCaseNumber' });
  }
  return { ok: true, value: { applicationId, reconsiderationId } };
}

/** What a change of an existing case must not break: lawsuits linked to it (type and dates). */
async function checkDependants(trx: Transaction<DB>, agencyId: number, id: number, fields: CaseFields): Promise<DomainError | null> {
  const lawsuits = await trx.selectFrom('reviewCases').select(['caseNumber', 'receivedOn']).where('agencyId', '=', agencyId).where('reconsiderationId', '=', id).orderBy('receivedOn').execute();
  if (lawsuits.length === 0) return null;
  const first = lawsuits[0] as { caseNumber: string; receivedOn: string };
  if (fields.type !== 'reconsideration')
    return { code: 'CASE_HAS_LAWSUITS', message: `复议后起诉案件“${first.caseNumber}”关联了本案，本案的类型只能是行政复议；请先修改该诉讼案件的关联复议案号。`, field: 'type' };
  if (fields.receivedOn > first.receivedOn)
    return { code: 'CASE_HAS_LAWSUITS', message: `关联本案的复议后起诉案件“${first.caseNumber}”收到于${first.receivedOn}，本案的收到日期不能晚于它。`, field: 'receivedOn' };
  return null;
}

/**
 * Writes a checked, resolved case in the caller's transaction: a new case, or a change of the one `id`
 * (a new version); nothing when it equals the record. Refusals are thrown as Refused.
 */
async function writeCase(trx: Transaction<DB>, agencyId: number, fields: CaseFields, links: { applicationId: number | null; reconsiderationId: number | null }, existingId: number | null, actor: RecordsActor): Promise<SavedCase> {
  const values = {
    caseNumber: fields.caseNumber,
    type: fields.type,
    body: fields.body,
    applicationId: links.applicationId,
    reconsiderationId: links.reconsiderationId,
    receivedOn: fields.receivedOn,
    concludedOn: fields.concludedOn,
    result: fields.result,
    notes: fields.notes,
  };
  let id: number;
  let status: SavedCase['status'];
  if (existingId === null) {
    const taken = await trx.selectFrom('reviewCases').select('id').where('agencyId', '=', agencyId).where('caseNumber', '=', fields.caseNumber).executeTakeFirst();
    if (taken) throw new Refused({ code: 'CASE_NUMBER_TAKEN', message: `案号“${fields.caseNumber}”已经登记过；请在案件列表中打开该案件修改，或核对案号。`, field: 'caseNumber' });
    const row = await trx
      .insertInto('reviewCases')
      .values({ agencyId, ...values, version: 1, createdAt: actor.now, updatedAt: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(row.id);
    status = 'created';
  } else {
    const before = await getCase(trx, agencyId, existingId);
    if (!before) throw new Refused({ code: 'NOT_FOUND', message: '没有找到该案件（可能已被删除，或不属于本机关）。' });
    if (before.caseNumber !== fields.caseNumber) {
      const taken = await trx.selectFrom('reviewCases').select('id').where('agencyId', '=', agencyId).where('caseNumber', '=', fields.caseNumber).where('id', '<>', existingId).executeTakeFirst();
      if (taken) throw new Refused({ code: 'CASE_NUMBER_TAKEN', message: `案号“${fields.caseNumber}”已被本机关的另一个案件使用，请核对案号。`, field: 'caseNumber' });
    }
    const dependants = await checkDependants(trx, agencyId, existingId, fields);
    if (dependants) throw new Refused(dependants);
    const same = JSON.stringify(snapshotOf({ ...before, applicationNumber: null, reconsiderationCaseNumber: null })) === JSON.stringify(snapshotOf({ ...values, applicationNumber: null, reconsiderationCaseNumber: null }));
    if (same) return { case: before, status: 'unchanged' };
    await trx.updateTable('reviewCases').set({ ...values, version: sql<number>`version + 1`, updatedAt: actor.now }).where('id', '=', existingId).where('agencyId', '=', agencyId).execute();
    id = existingId;
    status = 'updated';
  }
  const saved = (await getCase(trx, agencyId, id)) as ReviewCase;
  await trx
    .insertInto('reviewCaseVersions')
    .values({ caseId: id, version: saved.version, agencyId, snapshot: JSON.stringify(snapshotOf(saved)), recordedAt: actor.now, recordedBy: actor.userId, recordedByName: actor.name, source: actor.source })
    .execute();
  return { case: saved, status };
}

/** Saves one case (one transaction with its version and audit entry); a refusal writes nothing. */
export async function saveCase(db: Kysely<DB>, agencyId: number, input: unknown, how: SaveMode, actor: RecordsActor): Promise<DomainResult<SavedCase>> {
  const checked = checkCase(input, actor.today);
  if (!checked.ok) return checked;
  const fields = checked.value;
  try {
    return await db.transaction().execute(async (trx) => {
      // one writer per agency's register at a time: 案号 and links are decided on what is there
      await sql`select pg_advisory_xact_lock(${agencyId}::int, hashtext('review_cases'))`.execute(trx);
      let existingId: number | null = null;
      if (how.mode === 'update') existingId = how.id;
      else {
        const found = await trx.selectFrom('reviewCases').select('id').where('agencyId', '=', agencyId).where('caseNumber', '=', fields.caseNumber).executeTakeFirst();
        if (found && how.mode === 'upsert') existingId = Number(found.id);
      }
      const links = await resolveCase(trx, agencyId, fields, existingId);
      if (!links.ok) throw new Refused(links.error);
      const saved = await writeCase(trx, agencyId, fields, links.value as { applicationId: number | null; reconsiderationId: number | null }, existingId, actor);
      if (saved.status !== 'unchanged') {
        await record(trx, {
          userId: actor.userId,
          agencyId,
          action: saved.status === 'created' ? 'records.case.create' : 'records.case.update',
          target: `review_case:${saved.case.id}`,
          detail: { source: actor.source, version: saved.case.version, ...snapshotOf(saved.case) },
          ip: actor.ip ?? null,
          at: actor.now,
        });
      }
      return { ok: true as const, value: saved };
    });
  } catch (e) {
    if (e instanceof Refused) return fail(e.error);
    throw e;
  }
}

/**
 * Writes many checked, resolved cases by 案号 in the caller's transaction (the import): reconsideration
 * cases first, so that a lawsuit's link finds its case. A row the records refuse (a type or date that
 * breaks a linked lawsuit) is returned with its error; the caller rolls back when there is any.
 */
export async function writeCasesByNumber(
  trx: Transaction<DB>,
  agencyId: number,
  rows: readonly { fields: CaseFields; applicationId: number | null; line: number }[],
  actor: RecordsActor,
): Promise<{ saved: SavedCase[]; refused: { line: number; error: DomainError }[] }> {
  await sql`select pg_advisory_xact_lock(${agencyId}::int, hashtext('review_cases'))`.execute(trx);
  const existing = new Map<string, number>();
  for (const r of rows) {
    const found = await trx.selectFrom('reviewCases').select('id').where('agencyId', '=', agencyId).where('caseNumber', '=', r.fields.caseNumber).executeTakeFirst();
    if (found) existing.set(r.fields.caseNumber, Number(found.id));
  }
  const idOf = async (caseNumber: string): Promise<number | null> => {
    if (caseNumber === '') return null;
    const row = await trx.selectFrom('reviewCases').select('id').where('agencyId', '=', agencyId).where('caseNumber', '=', caseNumber).executeTakeFirst();
    return row ? Number(row.id) : null;
  };
  const ordered = [...rows].sort((a, b) => Number(a.fields.type !== 'reconsideration') - Number(b.fields.type !== 'reconsideration') || a.line - b.line);
  const saved: SavedCase[] = [];
  const refused: { line: number; error: DomainError }[] = [];
  for (const r of ordered) {
    try {
      const links = { applicationId: r.applicationId, reconsiderationId: await idOf(r.fields.reconsiderationCaseNumber) };
      saved.push(await writeCase(trx, agencyId, r.fields, links, existing.get(r.fields.caseNumber) ?? null, actor));
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      refused.push({ line: r.line, error: e.error });
    }
  }
  return { saved, refused };
}

/** Removes a case registered by mistake (its versions stay, the last one marked deleted); refused while a lawsuit links to it or it has documents. */
export async function deleteCase(db: Kysely<DB>, agencyId: number, id: number, reason: string, actor: RecordsActor): Promise<DomainResult<{ caseNumber: string }>> {
  const why = reason.trim();
  if (why === '' || why.length > 500) return fail({ code: 'REASON_REQUIRED', message: '请写明删除的原因（最长500个字），例如“重复登记”。', field: 'reason' });
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${agencyId}::int, hashtext('review_cases'))`.execute(trx);
      const c = await getCase(trx, agencyId, id);
      if (!c) throw new Refused({ code: 'NOT_FOUND', message: '没有找到该案件（可能已被删除，或不属于本机关）。' });
      const lawsuit = await trx.selectFrom('reviewCases').select('caseNumber').where('reconsiderationId', '=', id).executeTakeFirst();
      if (lawsuit) throw new Refused({ code: 'CASE_HAS_LAWSUITS', message: `复议后起诉案件“${lawsuit.caseNumber}”关联了本案，不能删除；请先修改该诉讼案件的关联复议案号。` });
      const documents = await trx.selectFrom('reviewCaseDocuments').select((eb) => eb.fn.countAll<number>().as('n')).where('caseId', '=', id).executeTakeFirstOrThrow();
      if (Number(documents.n) > 0) throw new Refused({ code: 'CASE_HAS_DOCUMENTS', message: `本案有${Number(documents.n)}份文书，不能删除；请先删除本案的文书（在案件页面的“案件文书”中逐份删除），再删除本案。` });
      await trx
        .insertInto('reviewCaseVersions')
        .values({ caseId: id, version: c.version + 1, agencyId, snapshot: JSON.stringify({ ...snapshotOf(c), deleted: true, reason: why }), recordedAt: actor.now, recordedBy: actor.userId, recordedByName: actor.name, source: actor.source })
        .execute();
      await trx.deleteFrom('reviewCases').where('id', '=', id).where('agencyId', '=', agencyId).execute();
      await record(trx, { userId: actor.userId, agencyId, action: 'records.case.delete', target: `review_case:${id}`, detail: { source: actor.source, reason: why, ...snapshotOf(c) }, ip: actor.ip ?? null, at: actor.now });
      return { ok: true as const, value: { caseNumber: c.caseNumber } };
    });
  } catch (e) {
    if (e instanceof Refused) return fail(e.error);
    throw e;
  }
}
