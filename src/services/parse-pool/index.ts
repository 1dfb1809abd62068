// The parse pool of the process: created on first use, closed by the composition roots (src/cli.ts,
// src/server.ts) on exit so the process can end. Every parse of an uploaded or command-line file goes
// through here (services/report-files.ts, services/report-publish.ts, services/ledger.ts).

import { ParsePool } from './pool.ts';
import { sharedParsePool } from './shared.ts';

export { FILE_TOO_COMPLEX, PARSE_BUSY, PARSE_FAILED, PARSE_POOL_DEFAULTS, PARSE_TIMEOUT, ParsePool } from './pool.ts';
export type { ParsePoolOptions } from './pool.ts';
export { closeParsePool } from './shared.ts';

export function parsePool(): ParsePool {
  return sharedParsePool(() => new ParsePool());
}
