// Latency samples of the query benches (catalogue-search, application-search, dashboard, province):
// each run timed alone, the times sorted, read by percentile.

/** The p-th percentile (0–1) of ascending times. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** ms of each of `rounds` runs, ascending. */
export async function timed(rounds: number, run: (round: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}
