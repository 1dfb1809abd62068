// What the office writes about one agency's report of a year (issue #13; plan-notes "#13 and #9
// together": one unreadable report must not block the government's own): the figures entered by hand
// from a report it cannot read (source 'manual', marked as entered, kept with the file it came from),
// the publication date it established, and an exclusion from the year's collection with its reason
// (lifted again if need be). Each is one transaction with its audit entry; a refusal writes nothing.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainResult } from '../../domain/applications/types.ts';
import { parseIsoDate } from '../../domain/calendar/dates.ts';
import { readReportJson } from '../../domain/report/json.ts';
import type { AnnualReport } from '../../domain/report/model.ts';
import { record } from '../audit.ts';
import { fail, overseenAgency, yearProblem, type OversightActor } from './common.ts';

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && parseIsoDate(s) !== null;

const lock = (db: Kysely<DB>, overseerId: number, year: number) => sql`select pg_advisory_xact_lock(${overseerId}::int, hashtext(${`oversight/${year}`}))`.execute(db);

export interface HandEntryInput {
  /** the report entered (the interchange shape; validated against the schema) */
  report: AnnualReport;
  /** the file it was entered from (a scan the office uploaded for this agency), if any */
  fileId?: number | null;
  /** YYYY-MM-DD, when the office knows it; none: the date held before stays */
  publishedOn?: string | null;
}

/** The figures of an agency's report entered by hand: its collected report from now on, marked as entered. */
export async function enterReport(db: Kysely<DB>, overseerId: number, agencyId: number, year: number, input: HandEntryInput, actor: OversightActor): Promise<DomainResult<{ id: number }>> {
  const bad = yearProblem(year, actor.now);
  if (bad) return fail('INVALID_YEAR', bad, 'year');
  const agency = await overseenAgency(db, overseerId, agencyId);
  if (!agency) return fail('AGENCY_NOT_FOUND', '该机关不是本机关的下级机关。', 'agency');
  const json = readReportJson(input.report);
  if (!json.ok) return fail('INVALID_REPORT', `录入的报告不符合年度报告交换格式：${json.errors.slice(0, 3).join('；')}`, 'report');
  if (json.report.year !== year) return fail('YEAR_MISMATCH', `录入的报告年度应为${year}年。`, 'report');
  if (input.publishedOn != null && !isDate(input.publishedOn)) return fail('INVALID_DATE', '发布日期应为有效日期，如2025-01-20。', 'publishedOn');
  return db.transaction().execute(async (trx) => {
    await lock(trx, overseerId, year);
    let fileId: number | null = input.fileId ?? null;
    if (fileId !== null) {
      const file = await trx.selectFrom('oversightFiles').select(['id', 'agencyId', 'year']).where('overseerId', '=', overseerId).where('id', '=', fileId).executeTakeFirst();
      if (!file || file.year !== year || (file.agencyId !== null && file.agencyId !== agency.id)) return fail('FILE_NOT_FOUND', '录入所依据的文件不是该机关本年度的文件。', 'fileId');
    }
    const before = await trx.selectFrom('oversightReports').select(['id', 'source', 'fileId', 'publishedOn', 'publishedOnHow']).where('overseerId', '=', overseerId).where('agencyId', '=', agency.id).where('year', '=', year).executeTakeFirst();
    if (fileId === null && before?.source === 'upload') fileId = before.fileId; // entered from the file held (a scan)
    const publishedOn = input.publishedOn ?? before?.publishedOn ?? null;
    const publishedOnHow = input.publishedOn ? 'entered' : (before?.publishedOnHow ?? null);
    const values = { source: 'manual', fileId, report: JSON.stringify(json.report), publishedOn, publishedOnHow, updatedAt: actor.now, updatedBy: actor.userId };
    let id: number;
    if (before) {
      await trx.updateTable('oversightReports').set(values).where('id', '=', before.id).execute();
      id = before.id;
    } else id = (await trx.insertInto('oversightReports').values({ overseerId, agencyId: agency.id, year, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.enter',
      target: `agency:${agency.code}`,
      detail: { year, agency: agency.code, fileId, replaced: before ? before.source : null, publishedOn },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { id } };
  });
}

/** The publication date the office established for an agency's collected report (null: unknown again). */
export async function setPublishedOn(db: Kysely<DB>, overseerId: number, agencyId: number, year: number, publishedOn: string | null, actor: OversightActor): Promise<DomainResult<{ publishedOn: string | null }>> {
  if (publishedOn !== null && !isDate(publishedOn)) return fail('INVALID_DATE', '发布日期应为有效日期，如2025-01-20。', 'publishedOn');
  if (publishedOn !== null && publishedOn > actor.now.slice(0, 10)) return fail('INVALID_DATE', '发布日期不能晚于今天。', 'publishedOn');
  const agency = await overseenAgency(db, overseerId, agencyId);
  if (!agency) return fail('AGENCY_NOT_FOUND', '该机关不是本机关的下级机关。', 'agency');
  return db.transaction().execute(async (trx) => {
    await lock(trx, overseerId, year);
    const held = await trx.selectFrom('oversightReports').select(['id', 'publishedOn']).where('overseerId', '=', overseerId).where('agencyId', '=', agency.id).where('year', '=', year).executeTakeFirst();
    if (!held) return fail('NO_COLLECTED_REPORT', '该机关本年度还没有上传或录入的报告；在平台上发布的报告以发布时间为准，不能修改。', 'publishedOn');
    await trx.updateTable('oversightReports').set({ publishedOn, publishedOnHow: publishedOn === null ? null : 'entered', updatedAt: actor.now, updatedBy: actor.userId }).where('id', '=', held.id).execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.published_on',
      target: `agency:${agency.code}`,
      detail: { year, agency: agency.code, from: held.publishedOn, to: publishedOn },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { publishedOn } };
  });
}

export const EXCLUSION_REASON_MAX = 500;

/** Leaves an agency out of the year's collection, with the reason the 汇总 states. */
export async function excludeAgency(db: Kysely<DB>, overseerId: number, agencyId: number, year: number, reason: string, actor: OversightActor): Promise<DomainResult<{ reason: string }>> {
  const bad = yearProblem(year, actor.now);
  if (bad) return fail('INVALID_YEAR', bad, 'year');
  const text = reason.replace(/\r\n?/g, '\n').trim();
  if (text.length < 2) return fail('REASON_REQUIRED', '请写明不纳入汇总的理由（例如：报告为扫描件，原件无法辨认）。', 'reason');
  if (text.length > EXCLUSION_REASON_MAX) return fail('REASON_TOO_LONG', `理由最长${EXCLUSION_REASON_MAX}个字。`, 'reason');
  const agency = await overseenAgency(db, overseerId, agencyId);
  if (!agency) return fail('AGENCY_NOT_FOUND', '该机关不是本机关的下级机关。', 'agency');
  return db.transaction().execute(async (trx) => {
    await lock(trx, overseerId, year);
    const before = await trx.selectFrom('oversightExclusions').select('reason').where('overseerId', '=', overseerId).where('agencyId', '=', agency.id).where('year', '=', year).executeTakeFirst();
    if (before) await trx.updateTable('oversightExclusions').set({ reason: text, excludedAt: actor.now, excludedBy: actor.userId }).where('overseerId', '=', overseerId).where('agencyId', '=', agency.id).where('year', '=', year).execute();
    else await trx.insertInto('oversightExclusions').values({ overseerId, agencyId: agency.id, year, reason: text, excludedAt: actor.now, excludedBy: actor.userId }).execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.exclude',
      target: `agency:${agency.code}`,
      detail: { year, agency: agency.code, reason: text, before: before?.reason ?? null },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { reason: text } };
  });
}

/** Takes an agency back into the year's collection. */
export async function includeAgency(db: Kysely<DB>, overseerId: number, agencyId: number, year: number, actor: OversightActor): Promise<DomainResult<{ reason: string }>> {
  const agency = await overseenAgency(db, overseerId, agencyId);
  if (!agency) return fail('AGENCY_NOT_FOUND', '该机关不是本机关的下级机关。', 'agency');
  return db.transaction().execute(async (trx) => {
    await lock(trx, overseerId, year);
    const removed = await trx.deleteFrom('oversightExclusions').where('overseerId', '=', overseerId).where('agencyId', '=', agency.id).where('year', '=', year).returning('reason').executeTakeFirst();
    if (!removed) return fail('NOT_EXCLUDED', '该机关本年度没有被排除在汇总之外。', 'agency');
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.include',
      target: `agency:${agency.code}`,
      detail: { year, agency: agency.code, reason: removed.reason },
      ip: actor.ip ?? null,
      at: actor.now,
    });
    return { ok: true, value: { reason: removed.reason } };
  });
}
