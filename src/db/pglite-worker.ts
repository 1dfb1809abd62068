// The worker thread that holds the embedded database (started by pglite-thread.ts): PGlite opened on the
// data folder (or an image of one, or in memory), the session settings applied, then one request at a
// time from the server's thread — a statement, a dump of the data folder, a look at its memory, close.
// Each statement runs as in-process PGlite runs it (pglite-session.ts runStatement), so rows come back
// parsed the same way; the server's thread holds the lock that keeps a transaction's statements together.

import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { sendError, transferables } from './pglite-protocol.ts';
import type { Reply, Request, Started, WorkerStart } from './pglite-protocol.ts';
import { dumpOf, memoryOf, openPglite, runStatement, wasmBytes } from './pglite-session.ts';

const port = parentPort;
if (port === null) throw new Error('pglite-worker.ts runs in a worker thread (pglite-thread.ts starts it)');
const start = workerData as WorkerStart;

async function answer(pglite: PGlite, request: Request): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  switch (request.op) {
    case 'run': {
      const result = await runStatement(pglite, request.sql, request.parameters);
      return { value: result, transfer: transferables(result.rows) };
    }
    case 'dump': {
      const bytes = await dumpOf(pglite);
      return { value: bytes, transfer: [bytes.buffer as ArrayBuffer] };
    }
    case 'memory':
      return { value: memoryOf(pglite), transfer: [] };
    case 'close':
      if (!pglite.closed) await pglite.close();
      return { value: undefined, transfer: [] };
  }
}

const opened = await openPglite(start).then(
  (pglite) => ({ pglite }),
  (e: unknown) => ({ error: sendError(e) }),
);
if ('error' in opened) {
  // nothing else keeps this thread alive: it ends once the failure is sent
  port.postMessage({ started: false, error: opened.error } satisfies Started);
} else {
  // PGlite holds the data folder now: the image it was loaded from (tens of MB) is not kept
  delete start.image;
  const { pglite } = opened;
  port.postMessage({ started: true } satisfies Started);
  port.on('message', async (request: Request) => {
    let reply: Reply;
    let transfer: ArrayBuffer[] = [];
    try {
      const answered = await answer(pglite, request);
      reply = { id: request.id, ok: true, value: answered.value, wasm: wasmBytes(pglite) };
      transfer = answered.transfer;
    } catch (e) {
      reply = { id: request.id, ok: false, error: sendError(e), wasm: wasmBytes(pglite) };
    }
    try {
      port.postMessage(reply, transfer);
    } catch (e) {
      // a value the structured clone cannot copy
      port.postMessage({ id: request.id, ok: false, error: sendError(e), wasm: reply.wasm } satisfies Reply);
    }
  });
}
