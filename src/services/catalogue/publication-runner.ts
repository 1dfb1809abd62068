// The scheduled-publication runner: one per process, started by server.ts on an interval and stopped on
// shutdown. Each tick is publishDue (publication.ts): one transaction holding a database advisory lock,
// so several processes on one PostgreSQL never publish an item twice. Ticks never overlap; an error is
// reported and the next tick tries again.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { publishDue } from './publication.ts';
import type { PublishDueResult } from './publication.ts';

export const DEFAULT_RUNNER_INTERVAL_MS = 30_000;

export interface PublicationRunner {
  /** one tick now (what the interval runs) */
  tick(): Promise<PublishDueResult | null>;
  /** stops the interval and waits for a tick in progress */
  stop(): Promise<void>;
}

export function startPublicationRunner(db: Kysely<DB>, options: { now: () => string; intervalMs?: number; onError?: (e: unknown) => void }): PublicationRunner {
  let running: Promise<PublishDueResult | null> | null = null;
  let stopped = false;
  const tick = (): Promise<PublishDueResult | null> => {
    if (stopped) return Promise.resolve(null);
    if (running) return running;
    running = publishDue(db, options.now())
      .catch((e: unknown) => {
        options.onError?.(e);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? DEFAULT_RUNNER_INTERVAL_MS);
  timer.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
