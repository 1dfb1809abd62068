// 更正 requests (条例第四十一条), the writes: register one, decide one. Each is one transaction with its
// audit entry (a signed-in user's); a refusal — input the rules refuse, a decision on a request already
// decided, a decision dated before the receipt, a transfer without the competent agency — is a Chinese
// message and writes nothing. The 编号 is the agency's counter of the year received (更正YYYY-NNNN); the
// due date is stored (received + the agency's working days on the calendar; due.ts recomputes it when
// the calendar changes); the decision takes the notice's 文号 from the agency's document counter.

import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RecordAmendmentsTable } from '../../db/schema-amendments.ts';
import { validateIdentity } from '../../domain/applications/identity.ts';
import type { DomainError, DomainResult, IdKind } from '../../domain/applications/types.ts';
import { amendmentDue } from '../../domain/amendments/clock.ts';
import { amendmentInput, checkDecision, checkReceipt, decisionInput } from '../../domain/amendments/inputs.ts';
import type { AmendmentInput, DecisionInput } from '../../domain/amendments/inputs.ts';
import { AMENDMENT_DECISION_LABELS, isDecision } from '../../domain/amendments/vocab.ts';
import { documentNumber } from '../../domain/documents/render.ts';
import { documentPrefixOf, invalid } from '../agencies.ts';
import { auditChange, nextNumber } from '../applications.ts';
import type { Actor } from '../applications.ts';

export type Amendment = Selectable<RecordAmendmentsTable>;

const fail = <T>(error: DomainError): DomainResult<T> => ({ ok: false, error });

/** 编号 of the n-th request of a year: 更正2026-0001 (past 9999 all the digits). */
export const amendmentNumber = (year: number, n: number): string => `更正${year}-${String(n).padStart(4, '0')}`;

export const NOT_FOUND: DomainError = { code: 'AMENDMENT_NOT_FOUND', message: '没有找到该更正申请（可能不属于本机关）。' };

/** The agency's period for a decision, in working days (migration 0029). */
export async function amendmentWorkingDays(db: Kysely<DB>, agencyId: number): Promise<number> {
  const row = await db.selectFrom('agencies').select('amendmentWorkingDays').where('id', '=', agencyId).executeTakeFirst();
  return row?.amendmentWorkingDays ?? 20;
}

/** Registers a 更正 request (one transaction with its audit entry). */
export async function registerAmendment(db: Kysely<DB>, agencyId: number, input: AmendmentInput, who: Actor): Promise<DomainResult<Amendment>> {
  const parsed = amendmentInput.safeParse(input);
  if (!parsed.success) return fail(invalid(parsed.error));
  const checked = checkReceipt(parsed.data, who.today);
  if (!checked.ok) return checked;
  const v = checked.value;
  let idKind: IdKind | null = null;
  let idNumber: string | null = null;
  if (v.idNumber !== undefined && v.idNumber !== '') {
    idKind = v.idKind ?? 'resident_id';
    const id = validateIdentity(idKind, v.idNumber, who.today);
    if (!id.ok) return fail({ ...id.error, field: 'idNumber' });
    idNumber = id.value;
  }
  const year = Number(v.receivedOn.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const days = await amendmentWorkingDays(trx, agencyId);
    const due = who.calendar ? amendmentDue(who.calendar, v.receivedOn, days) : null;
    const n = await nextNumber(trx, agencyId, 'amendment', year);
    const row = await trx
      .insertInto('recordAmendments')
      .values({
        agencyId,
        number: amendmentNumber(year, n),
        requesterName: v.requesterName,
        requesterContact: v.requesterContact,
        idKind,
        idNumber,
        record: v.record,
        inaccuracy: v.inaccuracy,
        requested: v.requested,
        evidence: v.evidence,
        receivedOn: v.receivedOn,
        dueOn: due?.ok ? due.value : null,
        handler: v.handler === undefined || v.handler === '' ? null : v.handler,
        createdAt: who.now,
        updatedAt: who.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditChange(trx, agencyId, who, 'amendment.register', `amendment:${row.id}`, { number: row.number, receivedOn: row.receivedOn });
    return { ok: true as const, value: row };
  });
}

/** Decides an open 更正 request and gives its notice a 文号 (one transaction with its audit entry). */
export async function decideAmendment(db: Kysely<DB>, agencyId: number, id: number, input: DecisionInput, who: Actor): Promise<DomainResult<Amendment>> {
  const parsed = decisionInput.safeParse(input);
  if (!parsed.success) return fail(invalid(parsed.error));
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('recordAmendments').selectAll().where('id', '=', id).where('agencyId', '=', agencyId).forUpdate().executeTakeFirst();
    if (!row) return fail<Amendment>(NOT_FOUND);
    if (row.state !== 'open') {
      const was = row.decision !== null && isDecision(row.decision) ? AMENDMENT_DECISION_LABELS[row.decision] : '已办结';
      return fail<Amendment>({
        code: 'AMENDMENT_CLOSED',
        message: `更正申请 ${row.number} 已于${row.decidedOn ?? ''}办结（${was}），不能再次办理。申请人对同一记录再次提出更正的，请另行登记。`,
        field: 'decision',
      });
    }
    const checked = checkDecision(parsed.data, row, who.today);
    if (!checked.ok) return checked;
    const d = checked.value;
    const agency = await trx.selectFrom('agencies').select(['name', 'documentPrefix']).where('id', '=', agencyId).executeTakeFirstOrThrow();
    const year = Number(d.decidedOn.slice(0, 4));
    const noticeNumber = documentNumber(documentPrefixOf(agency), year, await nextNumber(trx, agencyId, 'document', year));
    const updated = await trx
      .updateTable('recordAmendments')
      .set({ state: 'decided', decision: d.decision, decidedOn: d.decidedOn, decisionNote: d.note, authority: d.authority, noticeNumber, updatedAt: who.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditChange(trx, agencyId, who, 'amendment.decide', `amendment:${id}`, { number: row.number, decision: d.decision, decidedOn: d.decidedOn, authority: d.authority, noticeNumber });
    return { ok: true as const, value: updated };
  });
}
