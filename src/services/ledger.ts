// The ledgers offices keep today (台账, CSV or XLSX) in and out. Import is all or nothing: every row
// is read and every step of every row checked against the rules of the handling before anything is
// written; then all rows go in one transaction, in batches of multi-row inserts.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { applyEvent } from '../domain/applications/transitions.ts';
import type { ApplicationChanges, EventInput, EventRecord } from '../domain/applications/transitions.ts';
import { DEFAULT_OUTCOME_OF_ROW, OUTCOMES } from '../domain/applications/types.ts';
import type { HandlingState } from '../domain/applications/types.ts';
import { writeLedger } from '../domain/ledger/ledger.ts';
import type { LedgerError, LedgerRow } from '../domain/ledger/ledger.ts';
import { applicationClocks, clockOf } from '../domain/calendar/clocks.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { Actor } from './applications.ts';
import { clockEvents } from './application-view.ts';
import { parsePool } from './parse-pool/index.ts';
import { recomputeApplications } from './due-dates.ts';
import { applicationDocument } from './search/application-index.ts';

const BATCH = 500;

/** The steps a ledger row stands for, in order: registration, 补正, extension, the conclusion. */
export function ledgerEvents(row: LedgerRow): EventInput[] {
  const events: EventInput[] = [];
  if (row.correctionRequestedOn) events.push({ type: 'request_correction', occurredOn: row.correctionRequestedOn });
  if (row.correctionReceivedOn) events.push({ type: 'receive_correction', occurredOn: row.correctionReceivedOn });
  // a ledger gives the date of the extension notice, not its length: recorded as the statutory maximum
  if (row.extensionNoticeOn) events.push({ type: 'approve_extension', occurredOn: row.extensionNoticeOn, workingDays: 20, note: '台账未载明延长天数，按最长20个工作日记录' });
  if (row.repliedOn && row.outcomeRow) {
    if (row.outcomeRow === 'noCorrection') events.push({ type: 'lapse_correction', occurredOn: row.repliedOn });
    else if (row.outcomeRow === 'unpaidFee') {
      // a ledger has no column for the fee notice: recorded on the day of the lapse, and said so
      events.push({ type: 'send_fee_notice', occurredOn: row.repliedOn, note: '台账未载明收费通知日期' });
      events.push({ type: 'lapse_fee', occurredOn: row.repliedOn });
    } else {
      const outcome = row.outcome ?? DEFAULT_OUTCOME_OF_ROW[row.outcomeRow];
      events.push({ type: 'reply', occurredOn: row.repliedOn, outcome, legalBasis: OUTCOMES[outcome].basis || '条例第三十六条' });
    }
  }
  // steps in date order; on the same day, in the order above
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.occurredOn.localeCompare(b.e.occurredOn) || a.i - b.i).map((x) => x.e);
}

interface Planned {
  row: LedgerRow;
  changes: ApplicationChanges;
  records: EventRecord[];
  /** what is kept but flagged (an extension decided after the reply period, 超期延期) */
  warnings: LedgerError[];
}

/**
 * A clock's due date on the day `on`, from the steps planned so far: the reply period before an extension
 * (条例第三十三条 read as "decided within the period"), the correction period before a lapse (条例第三十条).
 * A ledger's history is kept; a step that came too early or too late is flagged.
 */
function dueBefore(row: LedgerRow, records: readonly EventRecord[], on: string, calendar: WorkingCalendar | undefined, id: 'reply' | 'correction_period'): string | null {
  if (!calendar) return null;
  const events = records.map((r) => ({ type: r.type, occurredOn: r.occurredOn, data: r.data as Record<string, unknown> }));
  const clocks = applicationClocks(clockEvents({ channel: 'in_person', submittedOn: row.receivedOn, receivedOn: row.receivedOn }, events), { calendar, today: on });
  return clocks.ok ? (clockOf(clocks.value, id)?.due ?? null) : null;
}

/** Every step of a row through the handling rules; the first refusal is the row's error. */
function plan(row: LedgerRow, today: string, calendar?: WorkingCalendar): Planned | LedgerError {
  let snapshot = { state: 'registered' as HandlingState, receivedOn: row.receivedOn as string | null, submittedOn: row.receivedOn, extended: false, lastEventOn: row.receivedOn as string | null };
  let changes: ApplicationChanges = { state: 'registered' };
  const records: EventRecord[] = [{ type: 'register', occurredOn: row.receivedOn, stateBefore: null, stateAfter: 'registered', data: {} }];
  const warnings: LedgerError[] = [];
  for (const event of ledgerEvents(row)) {
    const replyDue = event.type === 'approve_extension' ? dueBefore(row, records, event.occurredOn, calendar, 'reply') : null;
    // a ledger gives no fee-notice date (the lapse's own day is used), so only a correction's lapse is checked
    const periodDue = event.type === 'lapse_correction' ? dueBefore(row, records, event.occurredOn, calendar, 'correction_period') : undefined;
    const applied = applyEvent(snapshot, event, { today, replyDue, lateExtension: 'flag', ...(periodDue ? { periodDue, earlyLapse: 'flag' as const } : {}) });
    if (!applied.ok) return { line: row.line, column: columnOf(event), message: applied.error.message };
    if (applied.value.record.data.afterDue) {
      warnings.push({
        line: row.line,
        column: '延期告知日期',
        message: `超期延期：延期告知日期（${event.occurredOn}）晚于原答复期限（${replyDue}），已按台账导入，并在该申请上标记为超期（条例第三十三条第二款，按“延期应在期限内决定并告知”理解）`,
      });
    }
    if (applied.value.record.data.beforeDue) {
      warnings.push({
        line: row.line,
        column: columnOf(event),
        message: `补正期限未满即认定逾期未补正：认定日期（${event.occurredOn}）不晚于补正期限（${periodDue}，按15个工作日计），已按台账导入，并在该申请上标记（条例第三十条）`,
      });
    }
    changes = { ...changes, ...applied.value.changes };
    records.push(applied.value.record);
    snapshot = { ...snapshot, state: applied.value.state, extended: snapshot.extended || event.type === 'approve_extension', lastEventOn: event.occurredOn };
  }
  return { row, changes, records, warnings };
}

function columnOf(event: EventInput): LedgerError['column'] {
  switch (event.type) {
    case 'request_correction':
      return '补正告知日期';
    case 'receive_correction':
      return '补正收到日期';
    case 'approve_extension':
      return '延期告知日期';
    default:
      return '答复日期';
  }
}

export type LedgerImport = { ok: true; value: { imported: number; warnings: LedgerError[] } } | { ok: false; errors: LedgerError[] };

export async function importLedger(
  db: Kysely<DB>,
  agencyId: number,
  bytes: Uint8Array,
  fileName: string,
  who: Actor,
  progress?: (done: number, total: number) => void,
): Promise<LedgerImport> {
  // the file is read in the parse pool (time, memory and ZIP limits): an .xlsx is untrusted input
  const isolated = await parsePool().readLedger(bytes, fileName, who.today);
  if (!isolated.ok) return { ok: false, errors: [{ line: 0, column: '', message: isolated.error.message }] };
  const read = isolated.value;
  if (!read.ok) return { ok: false, errors: read.errors };
  const planned: Planned[] = [];
  const errors: LedgerError[] = [];
  for (const row of read.rows) {
    const p = plan(row, who.today, who.calendar);
    if ('line' in p) errors.push(p);
    else planned.push(p);
  }
  // 编号 already used in the agency
  const numbers = planned.map((p) => p.row.number);
  for (let i = 0; i < numbers.length; i += BATCH) {
    const taken = await db.selectFrom('applications').select('number').where('agencyId', '=', agencyId).where('number', 'in', numbers.slice(i, i + BATCH)).execute();
    const lines = new Map(planned.map((p) => [p.row.number, p.row.line]));
    for (const t of taken) errors.push({ line: lines.get(t.number) ?? 0, column: '编号', message: `编号“${t.number}”在本机关已存在，请使用不同的编号。` });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  progress?.(0, planned.length);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < planned.length; i += BATCH) {
      const batch = planned.slice(i, i + BATCH);
      const inserted = await trx
        .insertInto('applications')
        .values(
          batch.map(({ row, changes }) => ({
            agencyId,
            number: row.number,
            applicantType: row.applicantType,
            applicantName: row.applicantName,
            idKind: row.idKind,
            idNumber: row.idNumber,
            channel: row.channel,
            submittedOn: row.receivedOn,
            receivedOn: row.receivedOn,
            request: row.request,
            state: changes.state,
            outcome: changes.outcome ?? null,
            outcomeRow: changes.outcomeRow ?? null,
            legalBasis: changes.legalBasis ?? null,
            closedOn: changes.closedOn ?? null,
            extended: changes.extended ?? false,
            createdAt: who.now,
            updatedAt: who.now,
            searchDocument: applicationDocument({ ...row, agencyId }),
          })),
        )
        .returning(['id', 'number'])
        .execute();
      const ids = new Map(inserted.map((r) => [r.number, r.id]));
      const events = batch.flatMap(({ row, records }) =>
        records.map((r, seq) => ({
          applicationId: ids.get(row.number) as number,
          seq: seq + 1,
          type: r.type,
          occurredOn: r.occurredOn,
          recordedAt: who.now,
          actor: who.actor,
          stateBefore: r.stateBefore,
          stateAfter: r.stateAfter,
          data: JSON.stringify({ ...r.data, ledgerLine: row.line }),
        })),
      );
      for (let j = 0; j < events.length; j += BATCH) await trx.insertInto('applicationEvents').values(events.slice(j, j + BATCH)).execute();
      await recomputeApplications(trx, inserted.map((r) => r.id), who.calendar, who.today); // their stored due dates (due-dates.ts)
      progress?.(Math.min(i + BATCH, planned.length), planned.length);
    }
  });
  return { ok: true, value: { imported: planned.length, warnings: planned.flatMap((p) => p.warnings) } };
}

/**
 * The agency's applications as a ledger, in the import format (dates from the events); `mask` hides the ID
 * numbers (services/personal-data.ts decides who gets them whole).
 */
export async function exportLedger(
  db: Kysely<DB>,
  agencyId: number,
  format: 'csv' | 'xlsx',
  options: { mask?: (kind: string | null, number: string | null) => string | null } = {},
): Promise<{ bytes: Uint8Array; rows: number }> {
  const apps = await db
    .selectFrom('applications')
    .select(['id', 'number', 'applicantType', 'applicantName', 'idKind', 'idNumber', 'channel', 'receivedOn', 'submittedOn', 'request', 'closedOn', 'outcomeRow', 'outcome'])
    .where('agencyId', '=', agencyId)
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('applicationEvents as e')
    .innerJoin('applications as a', 'a.id', 'e.applicationId')
    .select(['e.applicationId', 'e.type', 'e.occurredOn'])
    .where('a.agencyId', '=', agencyId)
    .where('e.type', 'in', ['request_correction', 'receive_correction', 'approve_extension'])
    .orderBy('e.id')
    .execute();
  const firstOf = new Map<string, string>();
  for (const e of events) if (!firstOf.has(`${e.applicationId}:${e.type}`)) firstOf.set(`${e.applicationId}:${e.type}`, e.occurredOn);
  const rows: LedgerRow[] = apps.map((a, i) => ({
    line: i + 2,
    number: a.number,
    applicantType: a.applicantType as LedgerRow['applicantType'],
    applicantName: a.applicantName,
    idKind: (a.idKind as LedgerRow['idKind']) ?? null,
    idNumber: options.mask ? options.mask(a.idKind, a.idNumber) : a.idNumber,
    channel: a.channel as LedgerRow['channel'],
    receivedOn: a.receivedOn ?? a.submittedOn,
    request: a.request,
    correctionRequestedOn: firstOf.get(`${a.id}:request_correction`) ?? null,
    correctionReceivedOn: firstOf.get(`${a.id}:receive_correction`) ?? null,
    extensionNoticeOn: firstOf.get(`${a.id}:approve_extension`) ?? null,
    repliedOn: a.closedOn,
    outcomeRow: (a.outcomeRow as LedgerRow['outcomeRow']) ?? null,
    ...(a.outcome === 'NOT_RESPONSIBLE' ? { outcome: 'NOT_RESPONSIBLE' as const } : {}),
  }));
  return { bytes: await writeLedger(rows, format), rows: rows.length };
}
