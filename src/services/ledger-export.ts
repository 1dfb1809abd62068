// The agency's applications as a ledger (台账), CSV or XLSX in the import format, written as they are read:
// the applications in keyset batches (by id), each batch's dates from its events, each row out to the
// stream at once — CSV line by line, XLSX through exceljs's streaming writer — waiting whenever the stream
// is behind. Memory holds a batch, whatever the number of rows.

import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { LEDGER_CSV_HEADER, ledgerCells, ledgerCsvLine, ledgerXlsxWriter } from '../domain/ledger/ledger.ts';
import type { LedgerRow } from '../domain/ledger/ledger.ts';
import { keysetBatches } from './keyset.ts';

/** Who gets the 证件号码 whole: services/personal-data.ts's maskIdNumber hides them for the others. */
export type IdMask = (kind: string | null, number: string | null) => string | null;

/** Rows read from the database at a time. */
const BATCH = 1000;

/** The agency's applications as ledger rows, a batch at a time, in the order of their ids. */
export async function* ledgerRows(db: Kysely<DB>, agencyId: number, mask?: IdMask): AsyncGenerator<LedgerRow[]> {
  const batches = keysetBatches(async (after, limit) => {
    let query = db
      .selectFrom('applications')
      .select(['id', 'number', 'applicantType', 'applicantName', 'idKind', 'idNumber', 'channel', 'receivedOn', 'submittedOn', 'request', 'closedOn', 'outcomeRow', 'outcome'])
      .where('agencyId', '=', agencyId);
    if (after !== null) query = query.where('id', '>', after);
    return (await query.orderBy('id').limit(limit).execute()).map((a) => ({ ...a, id: Number(a.id) }));
  }, BATCH);
  for await (const apps of batches) {
    // the first of each step, by the order recorded; for the batch's applications (a bounded list of ids: a
    // range would take in other agencies' applications in between)
    const events = await db
      .selectFrom('applicationEvents')
      .select(['applicationId', 'type', 'occurredOn'])
      .where('applicationId', 'in', apps.map((a) => a.id))
      .where('type', 'in', ['request_correction', 'receive_correction', 'approve_extension'])
      .orderBy('id')
      .execute();
    const firstOf = new Map<string, string>();
    for (const e of events) if (!firstOf.has(`${e.applicationId}:${e.type}`)) firstOf.set(`${e.applicationId}:${e.type}`, e.occurredOn);
    yield apps.map((a) => ({
      // (a ledger's line: not written, the rows are numbered as they come)
      line: 0,
      number: a.number,
      applicantType: a.applicantType as LedgerRow['applicantType'],
      applicantName: a.applicantName,
      idKind: (a.idKind as LedgerRow['idKind']) ?? null,
      idNumber: mask ? mask(a.idKind, a.idNumber) : a.idNumber,
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
  }
}

/**
 * Writes the agency's ledger to `out` and ends it; the rows written. `mask` hides the ID numbers
 * (services/personal-data.ts decides who gets them whole). A failure of the stream (a full disk, a download
 * cancelled) ends the export with its error.
 */
export async function writeLedgerTo(db: Kysely<DB>, agencyId: number, format: 'csv' | 'xlsx', out: Writable, options: { mask?: IdMask } = {}): Promise<number> {
  let rows = 0;
  if (format === 'csv') {
    await write(out, LEDGER_CSV_HEADER);
    for await (const batch of ledgerRows(db, agencyId, options.mask)) {
      await write(out, batch.map(ledgerCsvLine).join(''));
      rows += batch.length;
    }
    out.end();
    await Promise.race([once(out, 'finish'), closedEarly(out)]);
    return rows;
  }
  const writer = await ledgerXlsxWriter(out);
  for await (const batch of ledgerRows(db, agencyId, options.mask)) {
    if (out.destroyed) throw closed();
    for (const row of batch) writer.addRow(ledgerCells(row));
    rows += batch.length;
    // the rows committed go through the zip's deflate before they reach the stream: let them, then wait for a reader behind
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (out.writableNeedDrain) await drained(out);
  }
  await Promise.race([writer.close(), closedEarly(out)]);
  return rows;
}

async function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw closed();
  if (!out.write(text)) await drained(out);
}

const closed = (): Error => new Error('the stream was closed before the ledger was written (a download cancelled?)');

/** Until the stream drains; rejects when it fails or is closed first (a cancelled download never drains). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (e: Error) => settle(e);
    const onClose = () => settle(closed());
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Rejects when the stream is closed before it has finished; stays pending otherwise. */
function closedEarly(out: Writable): Promise<never> {
  return new Promise((_, reject) => {
    out.once('close', () => {
      if (!out.writableFinished) reject(closed());
    });
    out.once('error', reject);
  });
}

/**
 * The agency's applications as a ledger, in the import format (dates from the events), all at once: for the
 * small exports that are handed over whole (writeLedgerTo streams the same bytes).
 */
export async function exportLedger(db: Kysely<DB>, agencyId: number, format: 'csv' | 'xlsx', options: { mask?: IdMask } = {}): Promise<{ bytes: Uint8Array; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const rows = await writeLedgerTo(db, agencyId, format, out, options);
  return { bytes: new Uint8Array(Buffer.concat(chunks)), rows };
}
