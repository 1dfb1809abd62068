// Ledger import and export in bounded memory (issue #16, defect 8), on each engine, structural (no timings):
// - import: the rows are written as the file is read — the progress shows rows written while most of the
//   file is still unread, never more than a batch read and not yet written;
// - export (writeLedgerTo, CSV and XLSX): the applications are read from the database no further ahead of
//   what the consumer took than a batch or two — with a slow consumer, and with one that stops taking
//   altogether (the reads stop too) until it takes again.
// The ledger is generated (5,000 rows), and copied three times in SQL for the exports (20,000 rows); the rows
// read are counted by a Kysely plugin on the connection. An XLSX export's read-ahead with a stopped consumer
// depends on how soon the zip's deflate (off the main thread) fills the stream: 2 batches as a rule, up to 4
// seen on a loaded machine — bounded by the stream's high-water mark, not by a count of batches.

import { Writable } from 'node:stream';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { LEDGER_CSV_HEADER, readLedger, writeLedger } from '../../src/domain/ledger/ledger.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { importLedger, writeLedgerTo } from '../../src/services/ledger.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { engines, useDatabase } from '../support/db.ts';

const ROWS = 5000;
/** the rows the exports read: the imported rows and three copies of them (made in SQL) */
const EXPORT_ROWS = 4 * ROWS;
/** rows the import writes at a time: the reader's batch (500 rows; a CSV's batch ends with the 64 KB piece it ends in) */
const IMPORT_BATCH = 500;
const IMPORT_BATCH_MAX = 2 * IMPORT_BATCH;
/** rows the export reads at a time */
const EXPORT_BATCH = 1000;
const who = { actor: 'tester', now: '2025-06-30T09:00:00.000Z', today: '2025-06-30' };

/** A ledger of `n` rows, CSV: replied applications of 2024, one in five with a 补正. */
function ledgerCsv(n: number, prefix: string): Uint8Array {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const month = String((i % 9) + 1).padStart(2, '0');
    const corrected = i % 5 === 0;
    lines.push(
      `${prefix}${i},${i % 3 === 0 ? '商业企业' : '自然人'},申请人${i},,${i % 2 === 0 ? '在线' : '邮寄'},2024-${month}-03,请公开第${i}号文件及其附件,${corrected ? `2024-${month}-05` : ''},${corrected ? `2024-${month}-08` : ''},,2024-${month}-20,予以公开`,
    );
  }
  return new TextEncoder().encode(LEDGER_CSV_HEADER + lines.join('\r\n') + '\r\n');
}

/** Counts the rows of applications the connection reads (the export's keyset batches), and the queries running. */
class RowsRead implements KyselyPlugin {
  rows = 0;
  running = 0;
  constructor(readonly onRead: (rows: number) => void = () => undefined) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.running++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.running--;
    const first = args.result.rows[0];
    if (first !== undefined && ('applicantName' in first || 'applicant_name' in first)) {
      this.rows += args.result.rows.length;
      this.onRead(this.rows);
    }
    return args.result;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Until `count()` stays the same, with no query running, for several looks in a row. */
async function settled(count: () => number, running: () => number): Promise<void> {
  let last = -1;
  let same = 0;
  for (let look = 0; look < 400 && same < 8; look++) {
    await pause(25);
    same = count() === last && running() === 0 ? same + 1 : 0;
    last = count();
  }
}

/** A consumer that takes a chunk a turn of the event loop, or holds every chunk while `stopped`. */
class SlowConsumer extends Writable {
  bytes = 0;
  lines = 0;
  stopped = false;
  #held: (() => void)[] = [];
  constructor(readonly onChunk: (consumer: SlowConsumer) => void = () => undefined) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) this.lines++;
    this.onChunk(this);
    if (this.stopped) this.#held.push(() => callback());
    else setImmediate(callback);
  }
  resume(): void {
    this.stopped = false;
    for (const release of this.#held.splice(0)) setImmediate(release);
  }
}

describe.each(engines())('ledger import and export stream on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId: number;
  let csv: Uint8Array;

  beforeAll(async () => {
    const a = await createAgency(t.db as Kysely<DB>, { code: 'stream', name: '某市某局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    csv = ledgerCsv(ROWS, 'S');
  });
  afterAll(async () => {
    await closeParsePool();
  });

  it('import writes the rows as the file is read (CSV), never more than a batch read ahead', async () => {
    const calls: { done: number; read: number }[] = [];
    const r = await importLedger(t.db, agencyId, csv, 'ledger.csv', who, (done, read) => calls.push({ done, read }));
    expect(r).toMatchObject({ ok: true, value: { imported: ROWS } });
    expect(calls.length).toBeGreaterThanOrEqual(ROWS / IMPORT_BATCH_MAX);
    // the first rows are written while the rest of the file is unread
    expect(calls[0]?.done).toBeGreaterThan(0);
    expect(calls[0]?.read).toBeLessThanOrEqual(IMPORT_BATCH_MAX);
    let before = 0;
    for (const c of calls) {
      expect(c.read - c.done).toBeLessThanOrEqual(IMPORT_BATCH_MAX);
      expect(c.done - before).toBeLessThanOrEqual(IMPORT_BATCH_MAX);
      before = c.done;
    }
    expect(calls.at(-1)).toEqual({ done: ROWS, read: ROWS });
  });

  it('import of the XLSX writes the rows as the workbook is read', async () => {
    const b = await createAgency(t.db as Kysely<DB>, { code: 'stream-xlsx', name: '某市另一局', level: 'department' }, who.now);
    if (!b.ok) throw new Error(b.error.message);
    const read = await readLedger(ledgerCsv(ROWS, 'X'), 'ledger.csv', { today: who.today });
    if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
    const xlsx = await writeLedger(read.rows, 'xlsx');
    const calls: { done: number; read: number }[] = [];
    const r = await importLedger(t.db, b.value.id, xlsx, 'ledger.xlsx', who, (done, rowsRead) => calls.push({ done, read: rowsRead }));
    expect(r).toMatchObject({ ok: true, value: { imported: ROWS } });
    expect(calls.length).toBeGreaterThanOrEqual(ROWS / IMPORT_BATCH);
    expect(calls[0]?.read).toBeLessThanOrEqual(IMPORT_BATCH);
    for (const c of calls) expect(c.read - c.done).toBeLessThanOrEqual(IMPORT_BATCH);
    expect(calls.at(-1)).toEqual({ done: ROWS, read: ROWS });
  });

  it('(the agency\'s rows copied three times in SQL, for the exports)', async () => {
    const { rows: columns } = await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = 'applications' and column_name <> 'id' and is_generated = 'NEVER' order by ordinal_position`.execute(t.db);
    const names = columns.map((c) => c.name);
    const values = names.map((n) => (n === 'number' ? sql`number || '-' || g` : sql.ref(n)));
    await sql`insert into applications (${sql.join(names.map((n) => sql.ref(n)))})
      select ${sql.join(values)} from applications cross join generate_series(1, 3) g where agency_id = ${agencyId}`.execute(t.db);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from applications where agency_id = ${agencyId}`.execute(t.db);
    expect(rows[0]?.n).toBe(EXPORT_ROWS);
  });

  it('CSV export to a slow consumer reads no further ahead of what it took than a batch or two', async () => {
    let largestLead = 0;
    // each batch read: the rows read so far against the rows the consumer has taken (its lines less the header)
    const out = new SlowConsumer();
    const plugin = new RowsRead((rows) => {
      largestLead = Math.max(largestLead, rows - Math.max(0, out.lines - 1));
    });
    const db = t.db.withPlugin(plugin);
    const written = await writeLedgerTo(db, agencyId, 'csv', out);
    expect(written).toBe(EXPORT_ROWS);
    expect(plugin.rows).toBe(EXPORT_ROWS);
    expect(out.lines).toBe(EXPORT_ROWS + 1);
    expect(largestLead).toBeLessThanOrEqual(2 * EXPORT_BATCH);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format.toUpperCase()} export stops reading while its consumer takes nothing, and goes on when it takes again`, async () => {
      const plugin = new RowsRead();
      const db = t.db.withPlugin(plugin);
      // the consumer stops at its first chunk
      const out = new SlowConsumer((c) => {
        if (!stoppedOnce) {
          stoppedOnce = true;
          c.stopped = true;
        }
      });
      let stoppedOnce = false;
      let finished = false;
      const exported = writeLedgerTo(db, agencyId, format, out).finally(() => (finished = true));
      await settled(
        () => plugin.rows,
        () => plugin.running,
      );
      expect(stoppedOnce).toBe(true);
      expect(finished).toBe(false);
      // read while nothing was taken: a batch or two, not the ledger. An XLSX's rows go through the zip's
      // deflate, off the main thread, and exceljs does not wait for it: the export sees the stream full only
      // once the deflate's output reaches it — 2 batches as a rule, 4 seen on a loaded machine
      const readWhileStopped = plugin.rows;
      expect(readWhileStopped).toBeGreaterThan(0);
      expect(readWhileStopped).toBeLessThanOrEqual((format === 'csv' ? 2 : 6) * EXPORT_BATCH);
      expect(readWhileStopped).toBeLessThan(EXPORT_ROWS / 3);
      await tick();
      out.resume();
      expect(await exported).toBe(EXPORT_ROWS);
      expect(plugin.rows).toBe(EXPORT_ROWS);
    });
  }
});
