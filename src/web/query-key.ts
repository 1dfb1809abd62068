// The query key (services/query-key.ts) a route checks and makes query passwords with: the one the server
// loaded at start, or — for an app built without it (tests) — the one of its configuration's data folder.

import type { Context } from 'hono';
import { loadQueryKey } from '../services/query-key.ts';
import type { QueryKey } from '../services/query-key.ts';
import type { AppEnv } from './context.ts';

export function queryKey(c: Context<AppEnv>): Promise<QueryKey> {
  const { queryKey: loaded, config } = c.var.deps;
  return loaded !== undefined ? Promise.resolve(loaded) : loadQueryKey(config);
}
