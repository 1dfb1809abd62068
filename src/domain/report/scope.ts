// What an agency's annual report covers (issue #13): its own records ('own'), or its own records and the
// reports of the agencies below it summed ('subtree') — as a 人民政府's report usually states the figures
// of its whole area, 本级 and its 部门 and 乡镇/街道 together. Where nothing is set, the reading by level:
// a 人民政府 'subtree', any other agency 'own' (practice varies; UNCONFIRMED, a setting of the agency).
//
// An agency whose report covers its subtree stands for that subtree in any 汇总 above it: the agencies
// below it are not summed a second time (double counting). `coverOf` tells, for the agencies of a
// subtree, which are covered and by whom (the topmost covering agency below the root). Pure.

import type { AgencyLevel } from '../applications/types.ts';

export type ReportScope = 'own' | 'subtree';
export const REPORT_SCOPES: readonly ReportScope[] = ['own', 'subtree'];

export const REPORT_SCOPE_LABELS: Record<ReportScope, string> = {
  own: '本机关（只统计本机关的记录）',
  subtree: '本机关及所属下级机关（本机关的记录加上下级机关年度报告的汇总）',
};

/** The scope in force: the one set, else by level. */
export function effectiveScope(level: AgencyLevel | string, stored: string | null): ReportScope {
  if (stored === 'own' || stored === 'subtree') return stored;
  return level === 'government' ? 'subtree' : 'own';
}

export interface ScopedAgency {
  id: number;
  parentId: number | null;
  level: AgencyLevel | string;
  reportScope: string | null;
}

/**
 * For the agencies below `rootId` (the root not among them), the agency whose report covers each one: its
 * topmost ancestor strictly below the root whose scope is 'subtree'. Agencies not covered are absent.
 */
export function coverOf<T extends ScopedAgency>(agencies: readonly T[], rootId: number): Map<number, T> {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const out = new Map<number, T>();
  for (const a of agencies) {
    let cover: T | undefined;
    const seen = new Set<number>([a.id]);
    for (let p = a.parentId; p !== null && p !== rootId && !seen.has(p); ) {
      seen.add(p);
      const parent = byId.get(p);
      if (!parent) break;
      if (effectiveScope(parent.level, parent.reportScope) === 'subtree') cover = parent;
      p = parent.parentId;
    }
    if (cover) out.set(a.id, cover);
  }
  return out;
}
