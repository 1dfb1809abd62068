// The year's complaints and reports received by an agency as its annual report states them: one
// sentence in 一（五）监督保障情况 (the results of 社会评议 and 责任追究 a government's report states,
// 条例第五十条) — received, answered, by result, and the 责任追究 where there was any. Pure.

import { COMPLAINT_RESULT_LABELS, COMPLAINT_RESULTS } from './vocab.ts';
import type { ComplaintResult } from './vocab.ts';

export interface ComplaintYear {
  year: number;
  /** received in the year: complaints (投诉) and reports (举报) */
  complaints: number;
  reports: number;
  /** answered by 31 December, by result */
  answered: Record<ComplaintResult, number>;
  /** answered by 31 December with 责任追究 recorded */
  accountability: number;
  /** the complaints counted (the draft's source links) */
  ids: number[];
}

/** The sentence (without the closing 。), or null when the year had none. */
export function complaintSentence(y: ComplaintYear, self: string): string | null {
  const received = y.complaints + y.reports;
  if (received === 0) return null;
  const kinds = [y.complaints > 0 ? `投诉${y.complaints}件` : '', y.reports > 0 ? `举报${y.reports}件` : ''].filter((s) => s !== '').join('、');
  const answered = COMPLAINT_RESULTS.reduce((s, r) => s + y.answered[r], 0);
  const parts = [`${y.year}年，${self}收到公民、法人或者其他组织对政府信息公开工作的投诉、举报${received}件（${kinds}）`];
  if (answered > 0) {
    const results = COMPLAINT_RESULTS.filter((r) => y.answered[r] > 0).map((r) => `${COMPLAINT_RESULT_LABELS[r]}${y.answered[r]}件`);
    parts.push(`已调查答复${answered}件，其中${results.join('、')}`);
  }
  if (answered < received) parts.push(`截至年底尚在办理${received - answered}件`);
  if (y.accountability > 0) parts.push(`依法依规追究责任${y.accountability}件`);
  return parts.join('，');
}
