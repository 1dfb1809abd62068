// A reminder (催报, issue #13) as the reminded agency reads it — the same words on its dashboard and in
// the e-mail: the office's text, the due date of the report (条例第四十九条; 乡镇/街道 by the local rule the
// office set), the office's name and the day. Plain text. Pure: the day is an argument.

import type { AgencyKind } from './timeliness.ts';

/** 2024-01-31 → 2024年1月31日 */
export function chineseDay(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The sentence stating the due date, or null when the reminder stated none (before migration 0022).
 * `sentOn` (YYYY-MM-DD): a date already past on that day is said to be past.
 */
export function dueSentence(year: number, dueOn: string | null, kind: AgencyKind, sentOn: string): string | null {
  if (dueOn === null) return null;
  const past = sentOn > dueOn ? '，该期限已过' : '';
  return kind === 'township'
    ? `贵单位${year}年度政府信息公开工作年度报告应于${chineseDay(dueOn)}前公布（乡镇、街道的期限按本地规定，参照《中华人民共和国政府信息公开条例》第四十九条）${past}。`
    : `按照《中华人民共和国政府信息公开条例》第四十九条，贵单位${year}年度政府信息公开工作年度报告应于${chineseDay(dueOn)}前公布${past}。`;
}

export interface ReminderLetterInput {
  /** the office's agency (示范市人民政府) and the reminded agency */
  office: string;
  agency: string;
  kind: AgencyKind;
  year: number;
  /** the text the office wrote (the reminder as recorded) */
  text: string;
  dueOn: string | null;
  /** YYYY-MM-DD, in Beijing */
  sentOn: string;
}

/** The subject line (the dashboard's heading says the same: 「…催报2023年度报告」). */
export function reminderSubject(office: string, year: number): string {
  return `${office}催报${year}年度政府信息公开工作年度报告`;
}

/** The e-mail: subject and plain-text body (lines joined with \n). */
export function reminderLetter(r: ReminderLetterInput): { subject: string; text: string } {
  const due = dueSentence(r.year, r.dueOn, r.kind, r.sentOn);
  const lines = [`${r.agency}：`, '', r.text, ...(due ? ['', due] : []), '', r.office, chineseDay(r.sentOn), '', '（本邮件由政府信息公开平台发出，与平台内的催报记录内容相同。）'];
  return { subject: reminderSubject(r.office, r.year), text: `${lines.join('\n')}\n` };
}
