// Complaints and reports (投诉、举报, 条例第五十一条), the writes: filed by anyone on an agency's column
// (received by the office above it: the agency's parent in the tree), assigned to a handler, answered
// with the result and any 责任追究. Each is one transaction with its audit entry; a refusal — input the
// rules refuse, an agency without an office above, an answer dated before the receipt or in the future,
// assigning or answering what is already answered, another office's complaint — is a Chinese message
// and writes nothing. The 编号 is the receiving agency's counter of the year (投诉YYYY-NNNN); the due date
// is stored (received + the receiving agency's complaint_days on the calendar; recomputed with due.ts).

import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ComplaintsTable } from '../../db/schema-complaints.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { parseIsoDate, toIsoDate } from '../../domain/calendar/dates.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';
import { answerInput, assignInput, checkAnswer, complaintInput } from '../../domain/complaints/inputs.ts';
import type { AnswerInput, AssignInput, ComplaintInput } from '../../domain/complaints/inputs.ts';
import { COMPLAINT_RESULT_LABELS, complaintNumber, isComplaintResult } from '../../domain/complaints/vocab.ts';
import { invalid } from '../agencies.ts';
import { auditChange, nextNumber } from '../applications.ts';
import type { Actor } from '../applications.ts';
import { record } from '../audit.ts';

export type Complaint = Selectable<ComplaintsTable>;

const fail = <T>(error: DomainError): DomainResult<T> => ({ ok: false, error });

export const NOT_FOUND: DomainError = { code: 'COMPLAINT_NOT_FOUND', message: '没有找到该投诉、举报（可能不属于本机关受理）。' };

/** The due date: `days` working days after the receipt (the start day not counted); null when the calendar cannot count it. */
export function complaintDue(calendar: WorkingCalendar | undefined, receivedOn: string, days: number): string | null {
  const received = parseIsoDate(receivedOn);
  if (!calendar || received === null) return null;
  const due = calendar.addWorkingDays(received, days);
  return due.ok ? toIsoDate(due.value) : null;
}

export interface Receiver {
  id: number;
  code: string;
  name: string;
  /** its period for an answer (working days) */
  days: number;
}

/** Who receives complaints against the agency: the office above it (its parent in the tree), or null when it has none. */
export async function receiverOf(db: Kysely<DB>, againstAgencyId: number): Promise<Receiver | null> {
  const row = await db
    .selectFrom('agencies as a')
    .innerJoin('agencies as p', 'p.id', 'a.parentId')
    .select(['p.id', 'p.code', 'p.name', 'p.complaintDays'])
    .where('a.id', '=', againstAgencyId)
    .executeTakeFirst();
  return row ? { id: row.id, code: row.code, name: row.name, days: row.complaintDays } : null;
}

export const NO_RECEIVER = (name: string): DomainError => ({
  code: 'NO_OFFICE_ABOVE',
  message: `平台上没有登记${name}的上一级行政机关，暂不能在线投诉、举报。请向${name}的上一级行政机关或者政府信息公开工作主管部门当面或书面提出（条例第五十一条）。`,
  field: 'kind',
});

export interface FiledComplaint {
  complaint: Complaint;
  receiver: Receiver;
}

/** Files a complaint or report from the public form (received today; one transaction with its audit entry). */
export async function fileComplaint(
  db: Kysely<DB>,
  against: { id: number; name: string },
  input: ComplaintInput,
  at: { now: string; calendar?: WorkingCalendar; ip?: string | null },
): Promise<DomainResult<FiledComplaint>> {
  const parsed = complaintInput.safeParse(input);
  if (!parsed.success) return fail(invalid(parsed.error));
  const v = parsed.data;
  const receivedOn = at.now.slice(0, 10);
  const year = Number(receivedOn.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const receiver = await receiverOf(trx, against.id);
    if (receiver === null) return fail<FiledComplaint>(NO_RECEIVER(against.name));
    const n = await nextNumber(trx, receiver.id, 'complaint', year);
    const row = await trx
      .insertInto('complaints')
      .values({
        number: complaintNumber(v.kind, year, n),
        againstAgencyId: against.id,
        receivingAgencyId: receiver.id,
        kind: v.kind,
        complainantName: v.complainantName,
        contact: v.contact,
        text: v.text,
        receivedOn,
        dueOn: complaintDue(at.calendar, receivedOn, receiver.days),
        createdAt: at.now,
        updatedAt: at.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await record(trx, { userId: null, agencyId: receiver.id, action: 'complaint.file', target: `complaint:${row.id}`, detail: { number: row.number, kind: row.kind, against: against.name, via: 'public' }, ip: at.ip ?? null, at: at.now });
    return { ok: true as const, value: { complaint: row, receiver } };
  });
}

/** The complaint locked for a change, refused when another office's or already answered. */
async function openForChange(trx: Kysely<DB>, receivingAgencyId: number, id: number, what: string): Promise<DomainResult<Complaint>> {
  const row = await trx.selectFrom('complaints').selectAll().where('id', '=', id).where('receivingAgencyId', '=', receivingAgencyId).forUpdate().executeTakeFirst();
  if (!row) return fail(NOT_FOUND);
  if (row.state === 'answered') {
    const result = row.result !== null && isComplaintResult(row.result) ? `，调查结果：${COMPLAINT_RESULT_LABELS[row.result]}` : '';
    return fail({ code: 'COMPLAINT_ANSWERED', message: `${row.number} 已于${row.answeredOn ?? ''}答复${result}，不能再${what}。同一事项再次投诉、举报的，请另行登记。`, field: what === '交办' ? 'assignee' : 'answer' });
  }
  return { ok: true, value: row };
}

/** Assigns a complaint to a handler (again: to another one) while it is not answered. */
export async function assignComplaint(db: Kysely<DB>, receivingAgencyId: number, id: number, input: AssignInput, who: Actor): Promise<DomainResult<Complaint>> {
  const parsed = assignInput.safeParse(input);
  if (!parsed.success) return fail(invalid(parsed.error));
  return db.transaction().execute(async (trx) => {
    const found = await openForChange(trx, receivingAgencyId, id, '交办');
    if (!found.ok) return found;
    const updated = await trx
      .updateTable('complaints')
      .set({ state: 'assigned', assignee: parsed.data.assignee, assignedOn: who.today, updatedAt: who.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditChange(trx, receivingAgencyId, who, 'complaint.assign', `complaint:${id}`, { number: found.value.number, assignee: parsed.data.assignee });
    return { ok: true as const, value: updated };
  });
}

/** Answers a complaint: the date, the answer, the result, 责任追究 (optional). */
export async function answerComplaint(db: Kysely<DB>, receivingAgencyId: number, id: number, input: AnswerInput, who: Actor): Promise<DomainResult<Complaint>> {
  const parsed = answerInput.safeParse(input);
  if (!parsed.success) return fail(invalid(parsed.error));
  return db.transaction().execute(async (trx) => {
    const found = await openForChange(trx, receivingAgencyId, id, '答复');
    if (!found.ok) return found;
    const checked = checkAnswer(parsed.data, found.value, who.today);
    if (!checked.ok) return checked;
    const a = checked.value;
    const updated = await trx
      .updateTable('complaints')
      .set({ state: 'answered', answeredOn: a.answeredOn, answer: a.answer, result: a.result, accountability: a.accountability, updatedAt: who.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditChange(trx, receivingAgencyId, who, 'complaint.answer', `complaint:${id}`, { number: found.value.number, answeredOn: a.answeredOn, result: a.result, accountability: a.accountability !== null });
    return { ok: true as const, value: updated };
  });
}
