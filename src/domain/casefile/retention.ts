// The 保管期限 of an archived case file (条例第四十五条: 归档). The years are the agency's setting
// (agencies.archive_retention_years, UNCONFIRMED: local archive rules say 10 years, 30 years or 永久).
// Read as archive practice counts it: from the first of January after the year the file was archived,
// so a file archived in 2024 and kept 10 years is kept to the end of 2034 (docs/ARCHITECTURE.md).

/** The last year a case file archived on `archivedOn` (YYYY-MM-DD) is kept. */
export function retainedUntil(archivedOn: string, years: number): number {
  return Number(archivedOn.slice(0, 4)) + years;
}

/** The application page's line: 「已归档 · 保管期限至 YYYY年」. */
export function retentionLine(archivedOn: string, years: number): string {
  return `已归档 · 保管期限至${retainedUntil(archivedOn, years)}年`;
}

/** The archive step's date among an application's events (the last `archive`), or null. */
export function archivedOnOf(events: readonly { type: string; occurredOn: string }[]): string | null {
  return events.filter((e) => e.type === 'archive').at(-1)?.occurredOn ?? null;
}
