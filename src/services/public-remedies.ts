// The applicant's remedy deadlines on their own status page (issue #17): once the reply in force is
// delivered (送达, services/deliveries.ts), the last day to apply for 行政复议 (行政复议法第二十条, 60 days) and
// to sue directly (行政诉讼法第四十六条, 6 months) — or, where 复议前置 applies (不予公开, 部分公开:
// 行政复议法第二十三条), the note that says so instead of a direct-suit date. Before the delivery is
// recorded, nothing: a date presumed from the reply's date is the office's estimate, not the applicant's
// deadline. Pure.

import type { RemedyWindows } from '../domain/records/remedies.ts';

export interface PublicRemedyDeadline {
  kind: 'reconsideration' | 'litigation_direct';
  title: string;
  basis: string;
  due: string | null;
  /** in a year whose holiday arrangement is not yet published (暂定) */
  provisional: boolean;
  explain: string[];
}

export interface PublicRemedies {
  /** the day the reply was delivered: the windows run from the next day */
  deliveredOn: string;
  deadlines: PublicRemedyDeadline[];
  /** the 复议前置 note */
  note: string | null;
}

export function publicRemedies(remedies: RemedyWindows | null): PublicRemedies | null {
  if (remedies === null || !remedies.delivered) return null;
  const deadlines = remedies.windows.flatMap((w): PublicRemedyDeadline[] =>
    w.kind === 'reconsideration' || w.kind === 'litigation_direct'
      ? [{ kind: w.kind, title: w.clock.title, basis: w.clock.basis, due: w.clock.due, provisional: w.clock.provisional === true, explain: w.clock.explain }]
      : [],
  );
  const from = remedies.windows[0]?.from;
  if (from === undefined) return null;
  return { deliveredOn: from, deadlines, note: remedies.note };
}
