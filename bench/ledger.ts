// `npm run bench -- ledger [N]` (issue #16, defect 8; default 200,000 rows): a ledger (台账) of N rows in and
// out — generated as CSV and as XLSX, each imported into an agency of a fresh database (importLedgerOwned,
// what `gongkai applications import` runs), then the agency's N rows exported in both formats
// (writeLedgerTo) to a sink that drops the bytes — on PGlite, and on PostgreSQL when DATABASE_URL is set.
// Each stage in rows/s next to an anchor measured in the same run on the same database: for the imports a
// bare bulk insert of the same rows (multi-row VALUES, 1,000 a statement, into a table without indexes), for
// the exports a bare keyset read of the same applications (1,000 a query, what any export reads). The
// process's RSS and the main thread's heap are sampled every 100 ms through each stage (after a full GC
// before it), and the imports read the main thread's live heap after a full GC at each tenth of the rows
// (flat when nothing grows with the file but the 编号 seen); goal: every stage under 500 MB. On PGlite the
// database runs in a worker thread of this process, so its memory is in the RSS too (on PostgreSQL it is
// another process; it runs first, since an embedded database's memory stays with the process after it is
// closed). On PGlite N defaults to 50,000 (PGLITE_LEDGER_ROWS): 200,000 rows took over 15 minutes there;
// `npm run bench -- ledger N` uses N on both, BENCH_LEDGER_PGLITE=N sets PGlite's apart.

import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { LEDGER_CSV_HEADER, ledgerCells, ledgerCsvLine, ledgerXlsxWriter } from '../src/domain/ledger/ledger.ts';
import type { LedgerRow } from '../src/domain/ledger/ledger.ts';
import { createAgency } from '../src/services/agencies.ts';
import { importLedgerOwned, writeLedgerTo } from '../src/services/ledger.ts';
import { closeParsePool } from '../src/services/parse-pool/index.ts';
import { engines, withDatabase } from '../test/support/db.ts';
import { liveHeap, MB, peakRss, verdict } from './rss.ts';

const GOAL_MB = 500;
const who = { actor: 'bench', now: '2025-06-30T09:00:00.000Z', today: '2025-06-30' };
const CHANNELS = ['online', 'in_person', 'post_signed', 'post_ordinary'] as const;

/** Row i of the ledger: applications of 2024, replied; one in five with a 补正, one in seven with an extension. */
function rowOf(i: number, prefix: string): LedgerRow {
  const month = String((i % 9) + 1).padStart(2, '0');
  const corrected = i % 5 === 0;
  return {
    line: i + 1,
    number: `${prefix}${i}`,
    applicantType: i % 3 === 0 ? 'commercial' : 'natural_person',
    applicantName: i % 3 === 0 ? `某某${i % 997}有限公司` : `申请人${i}`,
    idKind: null,
    idNumber: null,
    channel: CHANNELS[i % CHANNELS.length] as LedgerRow['channel'],
    receivedOn: `2024-${month}-03`,
    request: `请公开关于第${i}号项目的审批文件、验收意见及其附件`,
    correctionRequestedOn: corrected ? `2024-${month}-05` : null,
    correctionReceivedOn: corrected ? `2024-${month}-08` : null,
    extensionNoticeOn: null,
    repliedOn: `2024-${month}-20`,
    outcomeRow: 'granted',
  };
}

/** The ledger of n rows written to `file` as CSV or XLSX (streamed: the generator holds a row at a time). */
async function writeLedgerFile(file: string, n: number, format: 'csv' | 'xlsx', prefix: string): Promise<void> {
  const out = createWriteStream(file);
  if (format === 'csv') {
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(LEDGER_CSV_HEADER);
    for (let i = 1; i <= n; i++) await write(ledgerCsvLine(rowOf(i, prefix)));
    out.end();
    await finished(out);
    return;
  }
  const writer = await ledgerXlsxWriter(out);
  for (let i = 1; i <= n; i++) {
    writer.addRow(ledgerCells(rowOf(i, prefix)));
    if (i % 1000 === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  await writer.close();
  await finished(out);
}

/** A sink that takes every chunk at once and drops it: the bytes are counted. */
class Sink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    callback();
  }
}

/** Anchor of the imports: the n rows inserted bare (multi-row VALUES of 1,000) into a table of their own. */
async function bareInsert(db: Kysely<DB>, n: number): Promise<void> {
  await sql`create table bench_ledger_rows (number text, applicant_type text, applicant_name text, channel text, received_on date, request text, requested_on date, replied_on date, outcome_row text)`.execute(db);
  for (let start = 1; start <= n; start += 1000) {
    const values = [];
    for (let i = start; i < Math.min(start + 1000, n + 1); i++) {
      const r = rowOf(i, 'B');
      values.push(sql`(${r.number}, ${r.applicantType}, ${r.applicantName}, ${r.channel}, ${r.receivedOn}::date, ${r.request}, ${r.correctionRequestedOn}::date, ${r.repliedOn}::date, ${r.outcomeRow})`);
    }
    await sql`insert into bench_ledger_rows values ${sql.join(values)}`.execute(db);
  }
  await sql`drop table bench_ledger_rows`.execute(db);
}

/** Anchor of the exports: the agency's applications read by keyset, 1,000 a query. */
async function bareRead(db: Kysely<DB>, agencyId: number): Promise<number> {
  let after = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .selectFrom('applications')
      .select(['id', 'number', 'applicantType', 'applicantName', 'idKind', 'idNumber', 'channel', 'receivedOn', 'submittedOn', 'request', 'closedOn', 'outcomeRow', 'outcome'])
      .where('agencyId', '=', agencyId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (batch.length === 0) return rows;
    rows += batch.length;
    after = Number(batch[batch.length - 1]?.id);
  }
}

interface Stage {
  name: string;
  rows: number;
  seconds: number;
  anchor: number;
  before: number;
  peak: number;
  heapPeak: number;
  /** imports: the main thread's live heap after a full GC at the start and at each tenth */
  tenths?: number[];
}

/** Rows on PGlite unless N is given: 200,000 took over 15 minutes there (see the README). */
export const PGLITE_LEDGER_ROWS = 50_000;

/** `n`: the rows on PostgreSQL; `pgliteRows`: on PGlite (BENCH_LEDGER_PGLITE overrides both defaults). */
export async function benchLedger(n = 200_000, pgliteRows = PGLITE_LEDGER_ROWS): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gongkai-bench-ledger-'));
  try {
    // PostgreSQL first: an embedded database's memory is not given back to the system when it is closed
    for (const engine of [...engines()].reverse()) {
      const rows = engine === 'pglite' ? Number(process.env['BENCH_LEDGER_PGLITE'] ?? pgliteRows) : n;
      const csvFile = join(dir, `${engine}.csv`);
      const xlsxFile = join(dir, `${engine}.xlsx`);
      const made = performance.now();
      await writeLedgerFile(csvFile, rows, 'csv', 'C');
      await writeLedgerFile(xlsxFile, rows, 'xlsx', 'X');
      const sizes = `CSV ${((await stat(csvFile)).size / MB).toFixed(1)} MB, XLSX ${((await stat(xlsxFile)).size / MB).toFixed(1)} MB`;
      console.log(`Ledger on ${engine}: ${rows.toLocaleString('en')} rows (${sizes}; made in ${((performance.now() - made) / 1000).toFixed(1)} s)`);
      const database = await withDatabase(engine);
      const db = database.db;
      const start = process.memoryUsage.rss();
      const stages: Stage[] = [];
      try {
        const agency = async (code: string, name: string) => {
          const a = await createAgency(db, { code, name, level: 'department' }, who.now);
          if (!a.ok) throw new Error(a.error.message);
          return a.value.id;
        };
        const [csvAgency, xlsxAgency] = [await agency('ledger-csv', '某市某局'), await agency('ledger-xlsx', '某市另一局')];
        liveHeap(); // the generator's garbage collected first
        const insert = await peakRss(() => bareInsert(db, rows));
        for (const [format, file, agencyId] of [['CSV', csvFile, csvAgency], ['XLSX', xlsxFile, xlsxAgency]] as const) {
          // the file read into memory as the command does (importLedgerOwned moves it to the parse worker)
          // the live heap after a full GC at the start and at each tenth of the rows written (ten collections: < 1% of the stage)
          const tenths: number[] = [liveHeap()];
          const progress = (done: number) => {
            if (Math.floor((done * 10) / rows) >= tenths.length) tenths.push(liveHeap());
          };
          const run = await peakRss(async () => importLedgerOwned(db, agencyId, new Uint8Array(await readFile(file)), `ledger.${format.toLowerCase()}`, who, progress));
          if (!run.value.ok) throw new Error(`${format} import refused: ${JSON.stringify(run.value.errors.slice(0, 3))}`);
          stages.push({ name: `import ${format}`, rows, seconds: run.seconds, anchor: insert.seconds, before: run.before, peak: run.peak, heapPeak: run.heapPeak, tenths });
        }
        liveHeap();
        const read = await peakRss(() => bareRead(db, csvAgency));
        for (const format of ['csv', 'xlsx'] as const) {
          const sink = new Sink();
          liveHeap(); // what the stages before left is collected first
          const run = await peakRss(() => writeLedgerTo(db, csvAgency, format, sink));
          if (run.value !== rows) throw new Error(`export wrote ${run.value} rows`);
          stages.push({ name: `export ${format.toUpperCase()} (${(sink.bytes / MB).toFixed(1)} MB)`, rows, seconds: run.seconds, anchor: read.seconds, before: run.before, peak: run.peak, heapPeak: run.heapPeak });
        }
        const rate = (s: number) => (rows / s).toFixed(0).padStart(7);
        console.log(`  anchors: bare bulk insert ${rate(insert.seconds)} rows/s (peak RSS ${(insert.peak / MB).toFixed(0)} MB); bare keyset read ${rate(read.seconds)} rows/s`);
        console.log(`  stage                       rows/s   ratio to anchor   RSS before → peak   main-thread heap peak`);
        for (const s of stages)
          console.log(`  ${s.name.padEnd(25)} ${rate(s.seconds)}   ${(s.anchor / s.seconds).toFixed(3).padStart(8)}          ${`${(s.before / MB).toFixed(0)} → ${(s.peak / MB).toFixed(0)} MB`.padEnd(18)}  ${(s.heapPeak / MB).toFixed(0)} MB`);
        for (const s of stages) if (s.tenths) console.log(`  ${s.name}: live heap (main thread, after a full GC) at the start and each tenth: ${s.tenths.map((b) => (b / MB).toFixed(0)).join(' → ')} MB`);
        const peak = Math.max(...stages.map((s) => s.peak));
        const grown = Math.max(...stages.map((s) => s.peak - s.before));
        console.log(`  live heap (main thread, after a full GC) at the end: ${(liveHeap() / MB).toFixed(1)} MB; RSS at the database's start ${(start / MB).toFixed(0)} MB`);
        const goal = `a ${rows === 200_000 ? '200,000' : `${rows.toLocaleString('en')} (goal is for 200,000)`}-row ledger in and out under ${GOAL_MB} MB`;
        console.log(`  goal: ${goal} — RSS peak ${(peak / MB).toFixed(0)} MB, ${verdict(peak / MB < GOAL_MB)}${engine === 'pglite' ? ` (the embedded database's own memory included; the most a stage added: ${(grown / MB).toFixed(0)} MB)` : ''}`);
      } finally {
        await database.close();
      }
    }
  } finally {
    await closeParsePool();
    await rm(dir, { recursive: true, force: true });
  }
}
