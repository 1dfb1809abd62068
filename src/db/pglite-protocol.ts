// What passes between the server's thread and the PGlite worker thread (pglite-thread.ts ⇄ pglite-worker.ts).
// Everything is copied by the structured clone algorithm: rows keep their parsed values (numbers, strings,
// JSON values, Uint8Array for bytea), but an Error keeps only its message — so a database error travels as
// a plain object of its fields (SQLSTATE `code`, `severity`, `constraint`, `table`, `column` …) and becomes
// an Error carrying them again on arrival, which is what errors.ts reads.

import type { PgliteMemory, PgliteOpenOptions, StatementResult } from './pglite-session.ts';

/** workerData of a PGlite worker: how to open PGlite (pglite.wasm compiled once per process, shared by its workers). */
export type WorkerStart = PgliteOpenOptions;

export type Request =
  | { id: number; op: 'run'; sql: string; parameters: readonly unknown[] }
  | { id: number; op: 'dump' }
  | { id: number; op: 'memory' }
  | { id: number; op: 'close' };

export interface Answers {
  run: StatementResult;
  dump: Uint8Array;
  memory: PgliteMemory;
  close: undefined;
}

/** A reply, with the size of PGlite's WebAssembly memory after the request (pglite-thread.ts recycles a worker past its bound). */
export type Reply = ({ id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError }) & { wasm: number };

/** From the worker once, before any reply: PGlite is open (or could not be opened). */
export type Started = { started: true } | { started: false; error: SentError };

export interface SentError {
  name: string;
  message: string;
  /** the error's own fields that are plain values: code, severity, constraint, table, column, detail … */
  fields: Record<string, string | number | boolean>;
}

/** An error as it can cross the thread boundary (parameters and other non-plain fields are left behind). */
export function sendError(e: unknown): SentError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), fields: {} };
  const fields: SentError['fields'] = {};
  for (const [k, v] of Object.entries(e)) {
    if (k !== 'stack' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) fields[k] = v;
  }
  return { name: e.name, message: e.message, fields };
}

/** The error again, on the receiving side: an Error with the sender's name, message and fields. */
export function receiveError(sent: SentError): Error {
  const e = new Error(sent.message);
  Object.assign(e, sent.fields);
  e.name = sent.name;
  return e;
}

/**
 * Parameters as the structured clone should copy them: a Uint8Array that views part of a larger buffer (a
 * Buffer from Node's pool, a slice of a request body) is copied alone, not with the whole buffer behind it.
 */
export function sendable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (p instanceof Uint8Array && (p.byteOffset !== 0 || p.byteLength !== p.buffer.byteLength) ? new Uint8Array(p) : p));
}

/** The buffers of a result's bytea values, to move instead of copy (each belongs to its value alone). */
export function transferables(rows: readonly Record<string, unknown>[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const row of rows) {
    for (const v of Object.values(row)) {
      if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) buffers.add(v.buffer);
    }
  }
  return [...buffers];
}
