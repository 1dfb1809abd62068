// The content version of a column: what the public pages' cache (src/web/page-cache.ts) checks on
// every hit, in memory. It changes whenever this process changes what an agency's public pages show —
// its pages, its published reports, its name: whatever writes those calls touchColumn(code) once the
// write is committed (setPage does). A change made elsewhere (another process, a manual UPDATE) shows
// when the cache's short TTL has run out. Keyed by the agency's code alone, not by database handle (a
// transaction or a Kysely with a plugin is another object): a touch in one database only costs another
// database's cache a render.

let epoch = 0;
const touches = new Map<string, number>();

/** The content version of the agency's column: changes with every touchColumn of it (or of every column). */
export function columnVersion(agencyCode: string): number {
  // both counters only grow, so their sum changes whenever either does
  return epoch + (touches.get(agencyCode) ?? 0);
}

/** The agency's column changed (its pages, published reports or name); without a code, every column did. */
export function touchColumn(agencyCode?: string): void {
  if (agencyCode === undefined) epoch += 1;
  else touches.set(agencyCode, (touches.get(agencyCode) ?? 0) + 1);
}
