// The ledgers offices keep today (台账, CSV or XLSX) in: all or nothing, in bounded memory. The file is read
// in the parse pool and its rows come over a batch at a time; every step of every row is checked against
// the rules of the handling and written in batches of multi-row inserts, all in one transaction that is
// rolled back when any row has a problem. The export is ledger-export.ts.

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { applyEvent } from '../domain/applications/transitions.ts';
import type { ApplicationChanges, EventInput, EventRecord } from '../domain/applications/transitions.ts';
import { DEFAULT_OUTCOME_OF_ROW, OUTCOMES } from '../domain/applications/types.ts';
import type { HandlingState } from '../domain/applications/types.ts';
import { LEDGER_MAX_LISTED } from '../domain/ledger/ledger.ts';
import type { LedgerBatch, LedgerEnd, LedgerError, LedgerRow } from '../domain/ledger/ledger.ts';
import { sortErrors } from '../domain/ledger/rows.ts';
import type { DomainResult } from '../domain/applications/types.ts';
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

export type LedgerImport =
  /** warningsOmitted: warnings beyond the LEDGER_MAX_LISTED listed */
  | { ok: true; value: { imported: number; warnings: LedgerError[]; warningsOmitted?: number } }
  /** omitted: problems beyond the LEDGER_MAX_LISTED listed */
  | { ok: false; errors: LedgerError[]; omitted?: number };

/** Progress of an import: rows written, and rows read so far (the total grows as the file is read). */
export type ImportProgress = (done: number, read: number) => void;

/**
 * Imports a ledger file (CSV or XLSX) into the agency: all or nothing. The file is read in the parse pool
 * (time, memory and ZIP limits: an .xlsx is untrusted input) and its rows come over a batch at a time; each
 * batch is taken through the handling rules, checked against the 编号 already used and written, all in one
 * transaction, rolled back when any row of the file has a problem. Memory holds a batch, the 编号 seen, and
 * the problems listed (LEDGER_MAX_LISTED of each kind; the others are counted).
 */
export async function importLedger(db: Kysely<DB>, agencyId: number, bytes: Uint8Array, fileName: string, who: Actor, progress?: ImportProgress): Promise<LedgerImport> {
  return importBatches(db, agencyId, parsePool().streamLedger(bytes, fileName, who.today), who, progress);
}

/** importLedger of a file's bytes the caller gives up (moved to the worker instead of copied: read from disk for the import alone). */
export async function importLedgerOwned(db: Kysely<DB>, agencyId: number, bytes: Uint8Array, fileName: string, who: Actor, progress?: ImportProgress): Promise<LedgerImport> {
  return importBatches(db, agencyId, parsePool().streamLedger(bytes, fileName, who.today, { transfer: true }), who, progress);
}

/** Problems as listed: the first `max` kept, the others counted. */
class Listed {
  readonly items: LedgerError[] = [];
  total = 0;
  add(errors: readonly LedgerError[]): void {
    for (const e of errors) {
      if (this.items.length < LEDGER_MAX_LISTED) this.items.push(e);
      this.total++;
    }
  }
  get omitted(): number {
    return this.total - this.items.length;
  }
}

/** Thrown inside the transaction to roll it back when the file has a problem. */
class Refused extends Error {}

async function importBatches(db: Kysely<DB>, agencyId: number, batches: AsyncGenerator<LedgerBatch, DomainResult<LedgerEnd>>, who: Actor, progress?: ImportProgress): Promise<LedgerImport> {
  // the file's own problems (its rows read and checked, 编号 used twice): when there are any, only they are told
  const reading = new Listed();
  // the handling rules and the 编号 already used in the agency: told when the file itself has no problem
  const handling = new Listed();
  const warnings = new Listed();
  const numbers = new Set<string>();
  let repeated = false;
  let imported = 0;
  let read = 0;
  let fileError: LedgerError[] | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      for (let step = await batches.next(); ; step = await batches.next()) {
        if (step.done) {
          const end = step.value;
          if (!end.ok) fileError = [{ line: 0, column: '', message: end.error.message }];
          else if (!end.value.ok) fileError = end.value.errors;
          else reading.add(end.value.errors);
          break;
        }
        const batch = step.value;
        reading.add(batch.errors);
        read += batch.rows.length;
        if (reading.total > 0) continue;
        const planned: Planned[] = [];
        for (const row of batch.rows) {
          // a 编号 met before in the file: the reader names it at the end; nothing more is written
          if (numbers.has(row.number)) repeated = true;
          numbers.add(row.number);
          const p = plan(row, who.today, who.calendar);
          if ('line' in p) handling.add([p]);
          else planned.push(p);
        }
        if (repeated) continue;
        // 编号 already used in the agency
        const lines = new Map(planned.map((p) => [p.row.number, p.row.line]));
        for (let i = 0; i < planned.length; i += BATCH) {
          const some = planned.slice(i, i + BATCH).map((p) => p.row.number);
          const taken = await trx.selectFrom('applications').select('number').where('agencyId', '=', agencyId).where('number', 'in', some).execute();
          handling.add(taken.map((t) => ({ line: lines.get(t.number) ?? 0, column: '编号', message: `编号“${t.number}”在本机关已存在，请使用不同的编号。` })));
        }
        if (handling.total > 0) continue;
        for (let i = 0; i < planned.length; i += BATCH) await insertPlanned(trx, agencyId, planned.slice(i, i + BATCH), who);
        for (const p of planned) warnings.add(p.warnings);
        imported += planned.length;
        progress?.(imported, read);
      }
      if (fileError !== null || reading.total > 0 || handling.total > 0 || repeated) throw new Refused();
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    if (fileError !== null) return { ok: false, errors: fileError };
    const refused = reading.total > 0 ? reading : handling;
    const errors = reading.total > 0 ? sortErrors(refused.items) : refused.items.sort((a, b) => a.line - b.line);
    return { ok: false, errors, ...(refused.omitted > 0 ? { omitted: refused.omitted } : {}) };
  } finally {
    // a database failure midway: the worker stops reading
    await batches.return({ ok: true, value: { ok: true, errors: [] } });
  }
  // a large import changes the tables' statistics at once: the planner is told now, as autovacuum would tell it
  // later (PGlite has no autovacuum), so that the export's keyset reads keep to the id index
  if (imported >= ANALYZE_AFTER) {
    await sql`analyze applications`.execute(db);
    await sql`analyze application_events`.execute(db);
  }
  return { ok: true, value: { imported, warnings: warnings.items, ...(warnings.omitted > 0 ? { warningsOmitted: warnings.omitted } : {}) } };
}

/** Rows imported from which the tables are analysed afterwards. */
const ANALYZE_AFTER = 1000;

async function insertPlanned(trx: Kysely<DB>, agencyId: number, batch: Planned[], who: Actor): Promise<void> {
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
}

export { exportLedger, writeLedgerTo } from './ledger-export.ts';
