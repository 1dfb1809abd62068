// The embedded database in a worker thread of its own (node:worker_threads): PGlite's statements — planning,
// executing, reading pages, parsing rows — run there, so a heavy one holds the database but not the event
// loop that answers static files and every request that needs no database (issue #16: a CSS file took
// 0.6–3.6 s behind a heavy page when PGlite shared the server's thread). The server's thread keeps what
// must be decided in one place: the lock that gives a transaction the single session (pglite-dialect.ts).
//
// Memory. PGlite's memory is WebAssembly memory, outside the V8 heap: it starts at ~190 MiB and only grows
// (WebAssembly cannot give pages back) up to PGlite's maximum of 2 GiB; `resourceLimits` does not bound it.
// It grows when PostgreSQL itself needs more at once — a 100 MB value took it to 351 MiB, for good — not
// with ordinary work (scans, sorts and joins within work_mem left it at 189 MiB). So a worker whose PGlite
// grew past recycleAboveMb is replaced, between transactions, by a new one on the same data folder (~1.5 s
// during which statements wait): the process gives that memory back. What the worker's V8 heap holds is a
// result while it is built and sent: its limit (heapLimitMb) turns a runaway result into an error for that
// statement instead of the end of the server, and the worker is started again on the same data folder
// before the next use of the database (revive).
//
// The worker file: compiled (dist/db/pglite-thread.js, scripts/build.mjs) the thread loads pglite-worker.js
// beside it; run from the sources through tsx, pglite-worker.mjs, which registers tsx in the thread first
// (a worker does not inherit its parent's loaders) — as the parse pool does (services/parse-pool/pool.ts).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { receiveError, sendable } from './pglite-protocol.ts';
import type { Answers, Reply, Request, Started, WorkerStart } from './pglite-protocol.ts';
import type { PgliteHandle, PgliteMemory, StatementResult } from './pglite-session.ts';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './pglite-worker.mjs' : './pglite-worker.js', import.meta.url);

/** The worker's V8 heap (old generation) unless told otherwise: ten times the largest result the platform reads. */
export const PGLITE_HEAP_LIMIT_MB = 1024;

/** PGlite's WebAssembly memory past which its worker is replaced (a data folder only): it starts at ~190 MiB. */
export const PGLITE_RECYCLE_ABOVE_MB = 512;

export interface PgliteThreadOptions {
  /** the data folder; in memory when absent */
  dataDir?: string;
  /** a data folder dumped by dumpDataDir (uncompressed tarball) to start from: a copy of a template */
  image?: Uint8Array;
  /** the worker's V8 heap limit in MB (PGLITE_HEAP_LIMIT_MB) */
  heapLimitMb?: number;
  /** PGlite's WebAssembly memory in MB past which the worker is replaced between transactions (PGLITE_RECYCLE_ABOVE_MB) */
  recycleAboveMb?: number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** The runtime's WebAssembly API (the project's TypeScript lib declares its types, not its functions). */
const WASM = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

/** pglite.wasm compiled once for the process (~0.35 s), shared by its workers instead of compiled by each. */
function pgliteModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    return WASM.compile(await readFile(join(dirname(entry), 'pglite.wasm')));
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

type Waiting = { resolve: (value: never) => void; reject: (e: Error) => void };

/** One worker and the requests waiting for its replies. */
class Channel {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #next = 1;
  #start: Waiting | undefined;
  /** why no more requests can be answered (the worker ended, or close() was called) */
  #ended: Error | undefined;
  /** PGlite's WebAssembly memory in bytes, as of the last reply */
  wasm = 0;
  readonly started: Promise<void>;

  constructor(data: WorkerStart, heapLimitMb: number) {
    this.started = new Promise<void>((resolve, reject) => {
      this.#start = { resolve: resolve as (value: never) => void, reject };
    });
    // the worker loads what it needs itself (see WORKER): nothing of the parent's command line is needed
    this.#worker = new Worker(WORKER, { workerData: data, execArgv: [], name: 'gongkai-pglite', resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    this.#worker.on('message', (m: Started | Reply) => this.#receive(m));
    this.#worker.on('error', (e: Error) => this.#end(died(e)));
    this.#worker.on('exit', (code) => this.#end(died(new Error(`exit code ${code}`))));
  }

  get alive(): boolean {
    return this.#ended === undefined;
  }

  /** Why the channel ended (undefined while it is alive). */
  get ended(): Error | undefined {
    return this.#ended;
  }

  request<K extends Request['op']>(op: K, body: Omit<Extract<Request, { op: K }>, 'id' | 'op'>): Promise<Answers[K]> {
    if (this.#ended !== undefined) return Promise.reject(this.#ended);
    const id = this.#next++;
    return new Promise<Answers[K]>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      try {
        this.#worker.postMessage({ ...body, op, id });
      } catch (e) {
        // a parameter the structured clone cannot copy
        this.#waiting.delete(id);
        reject(e as Error);
      }
    });
  }

  /** Closes PGlite (after the request in progress), then ends the worker. */
  async close(): Promise<void> {
    if (this.#ended === undefined) await this.request('close', {}).catch(() => undefined);
    await this.terminate();
  }

  /** Ends the worker without closing PGlite (it could not be opened). */
  async terminate(): Promise<void> {
    this.#end(new Error('PGlite database has been closed'));
    await this.#worker.terminate();
  }

  #receive(m: Started | Reply): void {
    if ('started' in m) {
      if (m.started) this.#start?.resolve(undefined as never);
      else this.#start?.reject(receiveError(m.error));
      this.#start = undefined;
      return;
    }
    this.wasm = m.wasm;
    const waiting = this.#waiting.get(m.id);
    if (waiting === undefined) return;
    this.#waiting.delete(m.id);
    if (m.ok) waiting.resolve(m.value as never);
    else waiting.reject(receiveError(m.error));
  }

  #end(why: Error): void {
    if (this.#ended !== undefined) return;
    this.#ended = why;
    this.#start?.reject(why);
    this.#start = undefined;
    for (const waiting of this.#waiting.values()) waiting.reject(why);
    this.#waiting.clear();
  }
}

/** The error of every request a worker that ended could not answer. */
function died(cause: Error): Error {
  const oom = (cause as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
  return new Error(
    oom
      ? '内置数据库的工作线程内存不足（查询结果过大），已停止；这次操作没有完成，数据库将在下次使用时重新打开。'
      : `内置数据库的工作线程意外停止（${cause.message}）；这次操作没有完成，数据库将在下次使用时重新打开。`,
    { cause },
  );
}

async function open(options: PgliteThreadOptions, image: Uint8Array | undefined): Promise<Channel> {
  const data: WorkerStart = { module: await pgliteModule() };
  if (options.dataDir !== undefined) data.dataDir = options.dataDir;
  // copied to the worker: a view of part of a larger buffer is copied alone (sendable)
  if (image !== undefined) data.image = sendable([image])[0] as Uint8Array;
  const channel = new Channel(data, options.heapLimitMb ?? PGLITE_HEAP_LIMIT_MB);
  try {
    await channel.started;
    return channel;
  } catch (e) {
    await channel.terminate();
    throw e;
  }
}

/** PGlite in a worker thread, as a session of the dialect (pglite-dialect.ts). */
export class PgliteThread implements PgliteHandle {
  readonly #options: PgliteThreadOptions;
  #channel: Channel;
  #closed = false;

  private constructor(options: PgliteThreadOptions, channel: Channel) {
    this.#options = options;
    this.#channel = channel;
  }

  /** Starts the worker and opens PGlite in it (an existing data folder: ~1.5 s; a new one runs initdb). */
  static async start(options: PgliteThreadOptions = {}): Promise<PgliteThread> {
    return new PgliteThread(options, await open(options, options.image));
  }

  run(sql: string, parameters: readonly unknown[]): Promise<StatementResult> {
    return this.#channel.request('run', { sql, parameters: sendable(parameters) });
  }

  /**
   * Before each use of the database, outside any transaction. A worker that ended (out of memory, a crash)
   * is started again on the same data folder, which PostgreSQL recovers as after a crash; a database in
   * memory or from an image is gone with it, and stays an error. A worker whose PGlite memory grew past
   * recycleAboveMb is closed and replaced (a data folder only: a database in memory lives in its worker).
   */
  async revive(): Promise<void> {
    if (this.#closed) return;
    const dataDir = this.#options.dataDir;
    if (this.#channel.alive) {
      if (dataDir === undefined || this.#channel.wasm <= (this.#options.recycleAboveMb ?? PGLITE_RECYCLE_ABOVE_MB) * 2 ** 20) return;
      await this.#channel.close();
    } else if (dataDir === undefined) {
      throw this.#channel.ended;
    }
    this.#channel = await open(this.#options, undefined);
  }

  dump(): Promise<Uint8Array> {
    return this.#channel.request('dump', {});
  }

  memory(): Promise<PgliteMemory> {
    return this.#channel.request('memory', {});
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#channel.close();
  }
}
