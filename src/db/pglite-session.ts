// One PGlite session as the dialect sees it (pglite-dialect.ts): a statement with its parameters in, rows
// and the command tag out. Two implementations: PGlite in a worker thread (pglite-thread.ts, what connect.ts
// opens), which runs runStatement() on its side of the channel, and PGlite in this thread (openInProcess).

import { PGlite } from '@electric-sql/pglite';
import type { Results } from '@electric-sql/pglite';
import { PARSERS, SESSION_SETTINGS } from './types.ts';

export interface StatementResult {
  /** the rows, column values already parsed (types.ts) */
  rows: Record<string, unknown>[];
  /** the command tag's verb: 'SELECT', 'INSERT', 'COMMIT', 'ROLLBACK' … */
  command: string | undefined;
  /** rows inserted, updated, deleted or merged (PGlite's affectedRows) */
  affectedRows: number | undefined;
}

export interface PgliteSession {
  /** Runs one statement (or, without parameters, several: the last one's result counts). */
  run(sql: string, parameters: readonly unknown[]): Promise<StatementResult>;
  /** Called before each use of the connection, outside any transaction: may replace a session that died. */
  revive?(): Promise<void>;
  /** Closes PGlite; waits for the statement in progress. */
  close(): Promise<void>;
}

/** A session with what connect.ts offers besides statements. */
export interface PgliteHandle extends PgliteSession {
  /** The data folder as an uncompressed tarball (PGlite's dumpDataDir), e.g. to start other databases from. */
  dump(): Promise<Uint8Array>;
  /** PGlite's memory and the V8 heap of its thread. */
  memory(): Promise<PgliteMemory>;
}

/** PGlite's WebAssembly memory (it only grows) and the V8 heap of the thread it runs in, in bytes. */
export interface PgliteMemory {
  wasm: number;
  heapUsed: number;
  heapTotal: number;
}

export interface PgliteOpenOptions {
  /** the data folder; in memory when absent */
  dataDir?: string;
  /** a data folder dumped by dump() (an uncompressed tarball) to start from */
  image?: Uint8Array;
  /** pglite.wasm, compiled */
  module?: WebAssembly.Module;
}

/**
 * PostgreSQL's buffer pool inside PGlite. Its default, 128MB, lives in PGlite's WebAssembly memory, which
 * then starts at 189 MiB instead of 128 MiB, and fills as pages are read: ~100 MiB more resident memory
 * for good. The data files are cached by the operating system as well, so a smaller pool costs little: on
 * a 106 MB table index lookups took as long, a sequential scan 10–30% longer; the sizes PGlite is meant
 * for (trying, demos, one office) mostly fit in it.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** PGlite opened with the platform's parsers and session settings. */
export async function openPglite(options: PgliteOpenOptions): Promise<PGlite> {
  const pglite = await PGlite.create({
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.image !== undefined ? { loadDataDir: new Blob([options.image]) } : {}),
    ...(options.module !== undefined ? { pgliteWasmModule: options.module } : {}),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    parsers: PARSERS,
  });
  try {
    await pglite.exec(SESSION_SET);
    return pglite;
  } catch (e) {
    await pglite.close().catch(() => undefined);
    throw e;
  }
}

/** PGlite's WebAssembly memory in bytes. */
export function wasmBytes(pglite: PGlite): number {
  // PGlite's Emscripten module is not part of its typed interface
  return (pglite as unknown as { mod?: { wasmMemory?: { buffer: ArrayBuffer } } }).mod?.wasmMemory?.buffer.byteLength ?? 0;
}

/** The memory of `pglite` and of the thread it runs in. */
export function memoryOf(pglite: PGlite): PgliteMemory {
  const heap = process.memoryUsage();
  return { wasm: wasmBytes(pglite), heapUsed: heap.heapUsed, heapTotal: heap.heapTotal };
}

/** The data folder of `pglite` as an uncompressed tarball. */
export async function dumpOf(pglite: PGlite): Promise<Uint8Array> {
  return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
}

type Result = Results<Record<string, unknown>> & { command?: string };

/** The SET statements every session starts with (types.ts SESSION_SETTINGS): UTC, ISO dates. */
export const SESSION_SET = Object.entries(SESSION_SETTINGS)
  .map(([k, v]) => `set ${k} to '${v}';`)
  .join(' ');

/** One statement on `pglite`, its values parsed by PARSERS. */
export async function runStatement(pglite: PGlite, sql: string, parameters: readonly unknown[]): Promise<StatementResult> {
  let result: Result;
  if (parameters.length === 0) {
    // simple protocol: allows several statements in one text (migration files); the last result counts
    const all = (await pglite.exec(sql, { parsers: PARSERS })) as Result[];
    result = all.at(-1) ?? { rows: [], fields: [], affectedRows: 0 };
  } else {
    result = (await pglite.query<Record<string, unknown>>(sql, [...parameters], { parsers: PARSERS })) as Result;
  }
  return { rows: result.rows, command: result.command, affectedRows: result.affectedRows };
}

/**
 * PGlite in this thread: every statement runs on the event loop that serves requests, so a heavy one holds
 * them all — what the server did before pglite-thread.ts, kept for the bench's comparison.
 */
export async function openInProcess(options: PgliteOpenOptions): Promise<PgliteHandle> {
  const pglite = await openPglite(options);
  return {
    run: (sql, parameters) => runStatement(pglite, sql, parameters),
    dump: () => dumpOf(pglite),
    memory: async () => memoryOf(pglite),
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
