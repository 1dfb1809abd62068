// Memory readings for the streaming benches (report-check.ts, ledger.ts): the process's RSS sampled while a
// stage runs (parse workers and an embedded database's worker thread included: they live in the process),
// and the main thread's live heap after a full collection.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const MB = 1024 * 1024;

/** The main thread's live heap after a full collection (V8's gc exposed at run time: no flag on npm run bench). */
export function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/**
 * RSS sampled every `everyMs` while `body` runs: its value before, its peak, the peak of the main thread's
 * heap (used, not collected: an upper bound of what the main thread holds), and what body answered.
 */
export async function peakRss<T>(body: () => Promise<T>, everyMs = 100): Promise<{ value: T; before: number; peak: number; heapPeak: number; seconds: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  let heapPeak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, everyMs);
  const start = performance.now();
  try {
    const value = await body();
    const seconds = (performance.now() - start) / 1000;
    return { value, before, peak: Math.max(peak, process.memoryUsage.rss()), heapPeak, seconds };
  } finally {
    clearInterval(timer);
  }
}

/** "met" or "NOT met", for the goals' lines. */
export const verdict = (met: boolean): string => (met ? 'goal met' : 'goal NOT met');
