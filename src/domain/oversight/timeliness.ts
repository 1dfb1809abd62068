// Timeliness of an annual report (条例第四十九条): a department (县级以上人民政府部门) publishes its report
// on year N by 1月31日 of N+1; the 主管部门 publishes its government's own report by 3月31日; 乡镇人民政府
// and 街道办事处 by a local rule (a setting; plan-notes "#13 timeliness"). An agency under 垂直管理 is a
// department here, whichever of its two bodies collects it. Calendar dates, not working days; the due
// day itself is in time ("前": whether the day itself counts is not stated — a reading, as in
// calendar/windows.ts annualReportDue). Pure: the date of reference (`asOf`) is an argument.

import { z } from 'zod';
import { chineseDate, fromYmd, parseIsoDate, toIsoDate } from '../calendar/dates.ts';
import type { DraftFinding } from './findings.ts';
import { OVERSIGHT_CODE_INFO } from './findings.ts';

export const AGENCY_KINDS = ['department', 'government', 'township'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  department: '县级以上人民政府部门（含垂直管理部门）',
  government: '人民政府（本级政府的年度报告）',
  township: '乡镇人民政府、街道办事处',
};

/** MM-DD of the year after the report's year. */
export type MonthDay = string;

/** Fixed by 条例第四十九条. */
export const STATUTORY_DUE: Record<'department' | 'government', MonthDay> = { department: '01-31', government: '03-31' };

export interface TimelinessSettings {
  /** 乡镇/街道: by local rule; default 01-31, as a department (a reading: many provinces' rules, UNCONFIRMED) */
  townshipDue: MonthDay;
}
export const DEFAULT_TIMELINESS: TimelinessSettings = { townshipDue: '01-31' };

/** A month and day that every year has (02-29 is refused: a due date must exist every year). */
const monthDay = z
  .string({ message: '截止日期应为“月-日”，如01-31' })
  .regex(/^\d{2}-\d{2}$/, '截止日期应写作“月-日”，如01-31')
  .refine((md) => fromYmd(2023, Number(md.slice(0, 2)), Number(md.slice(3))) !== null, '截止日期不是每年都有的日期（如02-30、02-29），请改为实际存在的日期');

export const timelinessSettingsSchema = z.strictObject(
  { townshipDue: monthDay },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `发布时限设置中有不认识的项：${issue.keys.join('、')}` : '发布时限设置应为一组设置项') },
);

/** The due date of the report on `year` for an agency of this kind (YYYY-MM-DD of year + 1). */
export function dueDate(year: number, kind: AgencyKind, settings: TimelinessSettings = DEFAULT_TIMELINESS): string {
  const md = kind === 'township' ? settings.townshipDue : STATUTORY_DUE[kind];
  return `${year + 1}-${md}`;
}

function basisOf(kind: AgencyKind): string {
  return kind === 'township' ? '乡镇、街道按本地规定' : kind === 'government' ? '条例第四十九条：本级政府年度报告于3月31日前公布' : '条例第四十九条：部门年度报告于1月31日前公布';
}

export interface TimelinessInput {
  year: number;
  kind: AgencyKind;
  settings?: TimelinessSettings;
  /** YYYY-MM-DD; null: not published, or published on an unknown date */
  publishedOn: string | null;
  /** whether a report (readable or not) was collected: with no date, it is the date that is unknown */
  collected: boolean;
  /** the date of reference for an unpublished report (today, as the caller knows it); none: judged as overdue */
  asOf?: string | null;
}

export interface Timeliness {
  dueOn: string;
  publishedOn: string | null;
  /** days after the due date (0 when in time); null when there is no known publication date */
  daysLate: number | null;
  findings: DraftFinding[];
}

/** The due date and what timeliness finds: NOT_PUBLISHED / NOT_YET_DUE, LATE, DATE_UNKNOWN, PUBLISHED_EARLY. */
export function checkTimeliness(input: TimelinessInput): Timeliness {
  const dueOn = dueDate(input.year, input.kind, input.settings);
  const due = parseIsoDate(dueOn) as number;
  const dueText = chineseDate(due, false);
  const basis = basisOf(input.kind);
  const published = input.publishedOn === null ? null : parseIsoDate(input.publishedOn);
  const info = OVERSIGHT_CODE_INFO;

  if (published === null) {
    if (input.publishedOn !== null || input.collected) {
      const what = input.publishedOn !== null ? `发布日期“${input.publishedOn.slice(0, 20)}”不是有效日期` : '没有发布日期';
      const message = `${what}，无法核对是否在${dueText}前发布（${basis}）。请从发布页面查明发布日期后填写。`;
      return { dueOn, publishedOn: null, daysLate: null, findings: [{ code: 'DATE_UNKNOWN', severity: info.DATE_UNKNOWN.severity, message, cells: [], dueOn }] };
    }
    const asOf = input.asOf ? parseIsoDate(input.asOf) : null;
    if (asOf !== null && asOf <= due) {
      const message = `${input.year}年度报告尚未发布，截止日期为${dueText}（${basis}），还有${due - asOf}天。`;
      return { dueOn, publishedOn: null, daysLate: null, findings: [{ code: 'NOT_YET_DUE', severity: info.NOT_YET_DUE.severity, message, cells: [], dueOn }] };
    }
    const overdue = asOf !== null ? `截至${chineseDate(asOf, false)}已逾期${asOf - due}天` : '已过截止日期';
    const message = `没有收集到${input.year}年度报告：应于${dueText}前发布（${basis}），${overdue}仍未发布。`;
    return {
      dueOn,
      publishedOn: null,
      daysLate: null,
      findings: [{ code: 'NOT_PUBLISHED', severity: info.NOT_PUBLISHED.severity, message, cells: [], dueOn, ...(asOf !== null ? { days: asOf - due } : {}) }],
    };
  }

  const publishedOn = toIsoDate(published);
  const findings: DraftFinding[] = [];
  const yearEnd = fromYmd(input.year, 12, 31) as number;
  if (published <= yearEnd) {
    findings.push({
      code: 'PUBLISHED_EARLY',
      severity: info.PUBLISHED_EARLY.severity,
      message: `发布日期${chineseDate(published, false)}早于${input.year}年度结束，年度报告应在统计年度结束后发布；请核对发布日期和报告年度。`,
      cells: [],
    });
  }
  const daysLate = Math.max(0, published - due);
  if (daysLate > 0) {
    findings.push({
      code: 'LATE',
      severity: info.LATE.severity,
      message: `${input.year}年度报告于${chineseDate(published, false)}发布，应于${dueText}前发布（${basis}），逾期${daysLate}天。`,
      cells: [],
      days: daysLate,
      dueOn,
    });
  }
  return { dueOn, publishedOn, daysLate, findings };
}
