// A pool of worker threads that parse untrusted files (piscina): a file that would take the process
// down — a zip bomb past the ZIP limits, a document that makes a parser loop or allocate without end —
// takes down one worker instead, and the server goes on answering. Each worker has a heap limit
// (resourceLimits); each task has a deadline, after which its worker is terminated (piscina ends the
// thread of an aborted task) and a new one started; the queue is bounded, so a flood of uploads is
// refused at once instead of piling up. Every failure is a DomainError with a Chinese message:
//   FILE_TOO_COMPLEX  the worker ran out of memory (HTTP 422; CLI exit 2)
//   PARSE_TIMEOUT     past the deadline (422)
//   PARSE_BUSY        the queue is full, or the pool is closing (503)
//   PARSE_FAILED      the worker failed otherwise (422)

import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { loadPackage } from '../../domain/packages.ts';
import type { AttachmentKind } from '../../domain/catalogue/attachments.ts';
import type { LedgerBatch, LedgerEnd } from '../../domain/ledger/ledger.ts';
import type { ParseAnswers, ParseTask } from './tasks.ts';

export interface ParsePoolOptions {
  /** worker threads (at most; one is kept warm) */
  threads: number;
  /** tasks waiting for a thread, beyond which a task is refused (PARSE_BUSY) */
  maxQueue: number;
  /** how long a task may take, from when it is submitted (waiting included) */
  deadlineMs: number;
  /** each worker's V8 heap (old generation) */
  maxOldGenerationSizeMb: number;
}

export const PARSE_POOL_DEFAULTS: ParsePoolOptions = {
  // two cores is the smallest machine the platform runs on: parses never take every core
  threads: 2,
  maxQueue: 64,
  // the slowest real report (a 300-page DOCX) parses in a few seconds; 60 s is a file built to be slow
  deadlineMs: 60_000,
  // a real report needs ~100 MB; the 45 MB bomb reached 4.6 GB in the server before it died
  maxOldGenerationSizeMb: 512,
};

export const FILE_TOO_COMPLEX = 'FILE_TOO_COMPLEX';
export const PARSE_TIMEOUT = 'PARSE_TIMEOUT';
export const PARSE_BUSY = 'PARSE_BUSY';
export const PARSE_FAILED = 'PARSE_FAILED';

// Compiled (dist/…/pool.js, scripts/build.mjs) a worker loads tasks.js itself; run from the sources
// through tsx, worker.mjs, which registers tsx in the thread first (a worker does not inherit loaders).
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.mjs' : './tasks.js', import.meta.url).href;

export class ParsePool {
  readonly options: ParsePoolOptions;
  readonly #pool: Piscina;
  /** tasks submitted and not answered: running and waiting */
  #inFlight = 0;

  constructor(options: Partial<ParsePoolOptions> = {}) {
    this.options = { ...PARSE_POOL_DEFAULTS, ...options };
    // piscina loads with the first pool (a command or page that never parses a file does not pay for it)
    const { Piscina: Pool } = loadPackage<{ Piscina: typeof Piscina }>('piscina');
    this.#pool = new Pool({
      filename: WORKER,
      name: 'runTask',
      minThreads: 1,
      maxThreads: this.options.threads,
      // piscina's maxQueue does not bound tasks that carry an AbortSignal (they wait in a queue of
      // their own), and every task here has one: the bound is counted in #run instead
      idleTimeout: 30_000,
      // the worker loads what it needs itself (see WORKER): nothing of the parent's command line is needed
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    // a worker that dies between tasks is replaced by piscina; the error has no task to go to
    this.#pool.on('error', () => undefined);
  }

  /** The text, HTML, DOCX or JSON of an annual report, parsed in a worker (what parseReportDocument answers). */
  parseReport(bytes: Uint8Array, fileName?: string): Promise<DomainResult<ParseAnswers['report']>> {
    return this.#run({ kind: 'report', bytes, ...(fileName !== undefined ? { fileName } : {}) }) as Promise<DomainResult<ParseAnswers['report']>>;
  }

  /**
   * A report file parsed and checked in a worker (`gongkai report check`): its findings, diagnostics and the
   * few cells of the cross-year checks come back, not the parsed report.
   */
  checkReport(bytes: Uint8Array, fileName: string): Promise<DomainResult<ParseAnswers['reportCheck']>> {
    return this.#run({ kind: 'reportCheck', bytes, fileName }) as Promise<DomainResult<ParseAnswers['reportCheck']>>;
  }

  /** A ledger (CSV or XLSX), read in a worker (what readLedger answers). */
  readLedger(bytes: Uint8Array, fileName: string, today: string): Promise<DomainResult<ParseAnswers['ledger']>> {
    return this.#run({ kind: 'ledger', bytes, fileName, today }) as Promise<DomainResult<ParseAnswers['ledger']>>;
  }

  /**
   * A ledger read in a worker and handed over a batch of checked rows at a time, each when the caller asks
   * for the next (domain/ledger readLedgerBatches): neither side holds more than two batches, however long
   * the file. The deadline applies to each batch (the worker's time for it, not the caller's); past
   * it, or past the heap limit, the worker is ended and the generator returns the error. `transfer`: the
   * bytes move to the worker (the caller must not use them again) instead of being copied. Stopping early
   * (return()) ends the task.
   */
  async *streamLedger(bytes: Uint8Array, fileName: string, today: string, options: { transfer?: boolean } = {}): AsyncGenerator<LedgerBatch, DomainResult<LedgerEnd>> {
    if (this.#inFlight >= this.options.threads + this.options.maxQueue) return { ok: false, error: busy() };
    this.#inFlight++;
    const { port1, port2 } = new MessageChannel();
    const controller = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    // a buffer of its own is moved; a view into a larger one (Node's pool of small buffers) is copied
    const movable = options.transfer === true && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const task: Promise<LedgerEnd | 'stopped'> = this.#pool.run(
      { kind: 'ledgerStream', bytes, fileName, today, port: port2 },
      { signal: controller.signal, transferList: movable ? [port2, bytes.buffer as ArrayBuffer] : [port2] },
    );
    // the worker reads the next batch while the caller writes this one: at most one batch waits here. Each
    // arrival is taken by one listener for the whole task (a Promise.race per step would keep every batch
    // alive until the task ends)
    type Step = { batch: LedgerBatch } | { end: LedgerEnd | 'stopped' };
    const inbox: Step[] = [];
    let failure: { error: unknown } | null = null;
    let waiter: { resolve: (step: Step) => void; reject: (e: unknown) => void } | null = null;
    const deliver = () => {
      const w = waiter;
      if (w === null) return;
      const step = inbox.shift();
      if (step !== undefined) w.resolve(step);
      else if (failure !== null) w.reject(failure.error);
      else return;
      waiter = null;
    };
    const arrived = (step: Step) => {
      clearTimeout(timer);
      inbox.push(step);
      deliver();
    };
    const ask = () => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.options.deadlineMs);
      port1.postMessage('next');
    };
    port1.on('message', (batch: LedgerBatch) => arrived({ batch }));
    task.then(
      (end) => arrived({ end }),
      (error: unknown) => {
        clearTimeout(timer);
        failure = { error };
        deliver();
      },
    );
    try {
      ask();
      for (;;) {
        const got = await new Promise<Step>((resolve, reject) => {
          waiter = { resolve, reject };
          deliver();
        });
        if (!('batch' in got)) return got.end === 'stopped' ? { ok: false, error: busy() } : { ok: true, value: got.end };
        ask();
        yield got.batch;
      }
    } catch (e) {
      return { ok: false, error: this.#errorOf(e, timedOut) };
    } finally {
      clearTimeout(timer);
      // the worker stops at its next step when the caller stopped early
      port1.close();
      this.#inFlight--;
    }
  }

  /** The searchable text of a catalogue attachment (services/catalogue/attachment-text.ts). */
  async attachmentText(bytes: Uint8Array, attachment: AttachmentKind): Promise<DomainResult<string>> {
    const r = (await this.#run({ kind: 'attachment', bytes, attachment })) as DomainResult<DomainResult<string>>;
    return r.ok ? r.value : r;
  }

  /** A catalogue import file (CSV or XLSX) read into rows (domain/catalogue/import-file.ts). */
  readCatalogueFile(bytes: Uint8Array, fileName: string): Promise<DomainResult<ParseAnswers['catalogue']>> {
    return this.#run({ kind: 'catalogue', bytes, fileName }) as Promise<DomainResult<ParseAnswers['catalogue']>>;
  }

  /** A file of the annual report's records (counts or cases, CSV or XLSX) read into rows (domain/records/files.ts). */
  readRecordsFile(bytes: Uint8Array, fileName: string, records: 'counts' | 'cases'): Promise<DomainResult<ParseAnswers['records']>> {
    return this.#run({ kind: 'records', bytes, fileName, records }) as Promise<DomainResult<ParseAnswers['records']>>;
  }

  /** A ZIP of annual reports opened into its files under the ZIP limits (domain/zip/report-files.ts). */
  async openReportZip(bytes: Uint8Array): Promise<DomainResult<ParseAnswers['reportZip'] extends DomainResult<infer T> ? T : never>> {
    const r = (await this.#run({ kind: 'reportZip', bytes })) as DomainResult<ParseAnswers['reportZip']>;
    return r.ok ? r.value : r;
  }

  /** Ends every worker; tasks still waiting are refused (PARSE_BUSY). */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }

  async #run(task: ParseTask): Promise<DomainResult<unknown>> {
    if (this.#inFlight >= this.options.threads + this.options.maxQueue) return { ok: false, error: busy() };
    this.#inFlight++;
    const signal = AbortSignal.timeout(this.options.deadlineMs);
    try {
      return { ok: true, value: await this.#pool.run(task, { signal }) };
    } catch (e) {
      return { ok: false, error: this.#errorOf(e, signal.aborted) };
    } finally {
      this.#inFlight--;
    }
  }

  #errorOf(e: unknown, timedOut: boolean): DomainError {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (timedOut) {
      const seconds = Math.round(this.options.deadlineMs / 1000);
      return { code: PARSE_TIMEOUT, message: `解析文件超过${seconds}秒仍未完成，已停止。文件可能过于复杂或已损坏；请简化文件（例如另存为文本、网页或CSV格式）后重试。`, field: 'file' };
    }
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return {
        code: FILE_TOO_COMPLEX,
        message: `文件过于复杂：解析时占用的内存超过${this.options.maxOldGenerationSizeMb} MB的上限，已停止。请删除文件中的大图片、嵌入对象，或另存为文本、网页或CSV格式后重试。`,
        field: 'file',
      };
    }
    // piscina's own refusals, and a task still waiting when the pool is closed
    if (message === 'Task queue is at limit' || message === 'No task queue available and all Workers are busy' || (e as { name?: string }).name === 'AbortError') return busy();
    return { code: PARSE_FAILED, message: '解析文件时出错，文件可能已损坏。请检查文件（例如用Word或Excel打开后重新保存）后重试。', field: 'file' };
  }
}

const busy = (): DomainError => ({ code: PARSE_BUSY, message: '服务器正在处理的文件过多，暂时无法解析这个文件，请稍后再试。', field: 'file' });
