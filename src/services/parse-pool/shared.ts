// The parse pool of the process, held apart from pool.ts so that src/cli.ts can close it on exit
// without loading piscina when the command parsed nothing (index.ts creates it on first use).

import type { ParsePool } from './pool.ts';

let shared: ParsePool | undefined;

/** The pool of the process, created by `create` on first use. */
export function sharedParsePool(create: () => ParsePool): ParsePool {
  shared ??= create();
  return shared;
}

/** Ends the workers of the shared pool (a later parse starts a new one). */
export async function closeParsePool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
